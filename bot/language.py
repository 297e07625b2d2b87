"""Which language a new session starts in: the previous choice, else the channel's hint."""

from typing import Any

SUPPORTED_LANGUAGES = ("fr", "en", "ar")
DEFAULT_LANGUAGE = "fr"


def language_from_hint(hint: Any) -> str | None:
    """A supported language code from a hint such as "en-GB", "ar_LU" or "FR", else None."""
    if not isinstance(hint, str):
        return None
    code = hint.strip()[:2].lower()
    return code if code in SUPPORTED_LANGUAGES else None


def session_language(previous: str | None, hint: Any) -> str:
    """The previous value beats a channel hint at session start, which beats the default."""
    if previous in SUPPORTED_LANGUAGES:
        return previous
    return language_from_hint(hint) or DEFAULT_LANGUAGE
