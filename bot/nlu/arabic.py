"""Arabic normalisation and light clitic stripping, used for lemmas and for tests."""

import re

ARABIC_LETTER = re.compile(r"[\u0620-\u064A\u066E-\u06D3\u06FA-\u06FF]")
_DIACRITICS_AND_TATWEEL = re.compile(r"[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]")
_LETTER_MAP = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ة": "ه",
    }
)
_DIGIT_MAP = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")

# Light stemming after Larkey's "light10", applied to normalised words (so "ة" is "ه").
_PREFIXES = ("وبال", "وال", "بال", "كال", "فال", "لل", "ال")
_SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي")


def western_digits(text: str) -> str:
    """Arabic-Indic and extended Arabic-Indic digits to 0-9."""
    return text.translate(_DIGIT_MAP)


def normalise(text: str) -> str:
    """Remove diacritics and tatweel, unify alef forms, alef maqsura, taa marbuta and digits."""
    text = _DIACRITICS_AND_TATWEEL.sub("", text)
    return western_digits(text.translate(_LETTER_MAP))


def strip_clitics(word: str) -> str:
    """Strip one article prefix (with wa-, bi-, ka-, fa-, li-) and one suffix from a normalised word.

    A bare wa- is kept: too many words start with waw ("ورشة", workshop).
    """
    for prefix in _PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            word = word[len(prefix) :]
            break
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            word = word[: -len(suffix)]
            break
    return word


def has_arabic_script(text: str) -> bool:
    return ARABIC_LETTER.search(text) is not None
