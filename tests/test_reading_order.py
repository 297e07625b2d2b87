"""Arabic replies display in reading order: Latin runs isolated, a right-to-left mark where needed."""

import pytest

from bot.reading_order import in_reading_order, right_to_left, without_direction_marks

LRI, PDI, RLM = "\u2066", "\u2069", "\u200f"


@pytest.mark.parametrize(
    "text, shown",
    [
        ("مرحبا بك", "مرحبا بك"),
        ("تواصل مع LISKO الآن", f"تواصل مع {LRI}LISKO{PDI} الآن"),
        # A line that starts with a Latin run would be laid out left to right: it gets the mark.
        ("LISKO (Croix-Rouge luxembourgeoise)", f"{RLM}{LRI}LISKO (Croix-Rouge luxembourgeoise){PDI}"),
        (
            "العنوان: 13, rue de Bragance, L-1255 Luxembourg",
            f"العنوان: {LRI}13, rue de Bragance, L-1255 Luxembourg{PDI}",
        ),
        ("الهاتف: (+352) 27 55 56 03", f"الهاتف: {LRI}(+352) 27 55 56 03{PDI}"),
        ("البريد: marc.josse@croix-rouge.lu.", f"البريد: {LRI}marc.josse@croix-rouge.lu{PDI}."),
        ("اتصل بالرقم 112 أو 113", f"اتصل بالرقم {LRI}112{PDI} أو {LRI}113{PDI}"),
        ("سطر أول\nLogIS", f"سطر أول\n{RLM}{LRI}LogIS{PDI}"),
        ("- ورشات LISKO", f"- ورشات {LRI}LISKO{PDI}"),
    ],
)
def test_right_to_left(text, shown):
    assert right_to_left(text) == shown
    assert without_direction_marks(shown) == text


def test_arabic_replies_and_their_buttons_are_put_in_reading_order():
    buttons = [{"title": "ما هو LogIS؟", "payload": "/x"}, {"title": "Français", "payload": "/fr"}]
    message = {"text": "LISKO: الهاتف", "buttons": buttons}
    shown = in_reading_order(message, "ar")
    assert shown["text"] == f"{RLM}{LRI}LISKO{PDI}: الهاتف"
    assert shown["buttons"] == [{"title": f"ما هو {LRI}LogIS{PDI}؟", "payload": "/x"}, buttons[1]]
    assert message["text"] == "LISKO: الهاتف"


@pytest.mark.parametrize("language", ["fr", "en", None])
def test_other_replies_are_left_as_they_are(language):
    message = {"text": "LISKO (Croix-Rouge)"}
    assert in_reading_order(message, language) is message
