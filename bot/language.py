"""The conversation's language: which of French, English and Arabic the assistant replies in.

Precedence, highest first: a language asked for; a reliable detection on the message; on the first
message of a conversation with no hint from the channel, the detector's best guess, even for one word;
the current language (a previous choice, else the channel's hint at session start, else French).
"""

from dataclasses import dataclass
from typing import Any

SUPPORTED_LANGUAGES = ("fr", "en", "ar")
DEFAULT_LANGUAGE = "fr"
RIGHT_TO_LEFT_LANGUAGES = ("ar",)
# The slot the responses' variations are chosen by (data/responses/: `condition: slot language`).
LANGUAGE_SLOT = "language"


def language_from_hint(hint: Any) -> str | None:
    """A supported language code from a hint such as "en-GB", "ar_LU" or "FR", else None."""
    if not isinstance(hint, str):
        return None
    code = hint.strip()[:2].lower()
    return code if code in SUPPORTED_LANGUAGES else None


def response_language(message: dict[str, Any]) -> str | None:
    """The language of a bot message made from a domain response: the condition of its variation."""
    for condition in message.get("condition") or []:
        if condition.get("name") == LANGUAGE_SLOT and condition.get("value") in SUPPORTED_LANGUAGES:
            return str(condition["value"])
    return None


def session_language(previous: str | None, hint: Any) -> str:
    """The previous value beats a channel hint at session start, which beats the default."""
    if previous in SUPPORTED_LANGUAGES:
        return previous
    return language_from_hint(hint) or DEFAULT_LANGUAGE


@dataclass(frozen=True)
class MessageLanguage:
    """What one message says about the language."""

    wants_change: bool  # a request to change language (intent `set_language`)
    named: str | None  # the language asked for, if the request names one
    detected: str | None  # the language the message is written in (best guess)
    reliable: bool  # whether `detected` is clear enough to switch a conversation


def conversation_language(current: str, message: MessageLanguage, first_message: bool, hinted: bool) -> str:
    """The language to reply in after `message`.

    A request that names no language ("I don't understand French") asks for the one it is written in, and
    so does one, clearly written in another language, that names the language the conversation is in:
    that is the language the user does not understand ("je ne comprends pas l'anglais" in English). On a
    first message with no hint from the channel the conversation has no language yet, so the language
    named is the one wanted ("please write in French").
    """
    established = not first_message or hinted
    if message.wants_change:
        names_the_current_one = established and message.named == current and message.reliable
        asked = message.detected if message.named is None or names_the_current_one else message.named
        return asked if asked in SUPPORTED_LANGUAGES else current
    if message.detected not in SUPPORTED_LANGUAGES:
        return current
    if message.reliable or not established:
        return message.detected
    return current
