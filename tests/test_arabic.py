import pytest

from bot.nlu.arabic import has_arabic_script, normalise, strip_clitics, western_digits


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("أريد", "اريد"),  # alef with hamza above
        ("إيجار", "ايجار"),  # alef with hamza below
        ("آخر", "اخر"),  # alef madda
        ("ٱلسكن", "السكن"),  # alef wasla
        ("مستشفى", "مستشفي"),  # alef maqsura
        ("مساعدة", "مساعده"),  # taa marbuta
        ("مـــرحبا", "مرحبا"),  # tatweel
        ("السَّلَامُ", "السلام"),  # diacritics
        ("١٢٠٠ يورو", "1200 يورو"),  # Arabic-Indic digits
        ("۱۵۰۰", "1500"),  # extended Arabic-Indic digits (Persian/Urdu keyboards)
        ("LISKO", "LISKO"),  # Latin text is left alone
    ],
)
def test_normalise(raw, expected):
    assert normalise(raw) == expected


@pytest.mark.parametrize(
    "word, expected",
    [
        ("والسكن", "سكن"),  # conjunction + article
        ("بالبيت", "بيت"),  # preposition + article
        ("للاجئين", "اجئ"),  # li- + article, plural suffix
        ("وبالسكن", "سكن"),  # wa- + bi- + article
        ("ورشات", "ورش"),  # a bare wa- is part of the word; the plural suffix goes
        ("وين", "وين"),  # short words keep their first letter
        ("لي", "لي"),  # too short to strip anything
    ],
)
def test_strip_clitics(word, expected):
    assert strip_clitics(word) == expected


def test_western_digits_only_touches_digits():
    assert western_digits("loyer ٩٠٠e") == "loyer 900e"


@pytest.mark.parametrize(
    "text, expected", [("مرحبا", True), ("LISKO ليسكو", True), ("bonjour", False), ("123", False)]
)
def test_has_arabic_script(text, expected):
    assert has_arabic_script(text) is expected
