import pytest

from bot.language import (
    MessageLanguage,
    conversation_language,
    language_from_hint,
    response_language,
    session_language,
)


@pytest.mark.parametrize(
    "hint, expected",
    [
        ("en-GB", "en"),
        ("ar_LU", "ar"),
        ("FR", "fr"),
        ("de-DE", None),
        ("", None),
        (None, None),
        (42, None),
    ],
)
def test_language_from_hint(hint, expected):
    assert language_from_hint(hint) == expected


@pytest.mark.parametrize(
    "previous, hint, expected",
    [
        ("ar", "en-US", "ar"),  # the previous value beats the channel's hint
        (None, "en-US", "en"),  # the hint beats the default
        (None, "de", "fr"),  # an unsupported hint falls back to the default
        (None, None, "fr"),
        ("xx", "ar", "ar"),  # an invalid previous value is ignored
    ],
)
def test_session_language(previous, hint, expected):
    assert session_language(previous, hint) == expected


def said(wants_change=False, named=None, detected=None, reliable=False) -> MessageLanguage:
    return MessageLanguage(wants_change=wants_change, named=named, detected=detected, reliable=reliable)


@pytest.mark.parametrize(
    "current, message, first, hinted, expected",
    [
        # A request names the language wanted, whatever the message is written in.
        ("fr", said(True, "en", "en", True), False, False, "en"),
        ("fr", said(True, "en", "fr", True), False, False, "en"),  # "mon français... en anglais stp"
        # A request that names none asks for the language it is written in.
        ("ar", said(True, None, "fr", False), False, False, "fr"),  # "je ne comprends pas l'arabe"
        ("en", said(True, None, None, False), False, False, "en"),
        # Naming the current language in a message clearly written in another: the one not understood.
        ("en", said(True, "en", "fr", True), False, False, "fr"),  # "je ne comprends pas l'anglais"
        ("fr", said(True, "fr", "en", False), False, False, "fr"),  # the button "Français"
        # A first message with no hint: the conversation has no language yet, the one named is wanted.
        ("fr", said(True, "fr", "en", True), True, False, "fr"),  # "please write in French"
        ("en", said(True, "en", "fr", True), True, True, "fr"),  # the channel said English: not understood
        # A reliable detection switches; an unreliable one keeps the language...
        ("fr", said(detected="en", reliable=True), False, False, "en"),
        ("en", said(detected="fr", reliable=False), False, False, "en"),  # "merci" later on
        # ...except on the first message with no hint from the channel: the best guess, even for "hi".
        ("fr", said(detected="en", reliable=False), True, False, "en"),
        ("ar", said(detected="en", reliable=False), True, True, "ar"),  # the channel said Arabic
        ("fr", said(detected="en", reliable=True), True, True, "en"),
        ("fr", said(detected=None), True, False, "fr"),
    ],
)
def test_conversation_language(current, message, first, hinted, expected):
    assert conversation_language(current, message, first, hinted) == expected


@pytest.mark.parametrize(
    "message, language",
    [
        ({"text": "…", "condition": [{"type": "slot", "name": "language", "value": "ar"}]}, "ar"),
        ({"text": "…", "condition": [{"type": "slot", "name": "commune", "value": "Wiltz"}]}, None),
        ({"text": "…", "condition": [{"type": "slot", "name": "language", "value": "de"}]}, None),
        ({"text": "…"}, None),
    ],
)
def test_a_reply_has_the_language_of_its_response_variation(message, language):
    assert response_language(message) == language
