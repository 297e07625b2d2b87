"""`action_extract_language`: after each message, the conversation's language (bot/language.py)."""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.facts import conversation_language as current_language
from actions.session_start import LANGUAGE_SLOT, METADATA_SLOT
from bot.language import MessageLanguage, conversation_language, language_from_hint

SET_LANGUAGE_INTENT = "set_language"
# The parse result's `language`, set by bot.nlu.language_identifier.
DETECTION_KEY = "language"


def message_language(parse: dict[str, Any]) -> MessageLanguage:
    """What the latest message says about the language: a request (and the language named), a detection."""
    named = [e["value"] for e in parse.get("entities") or [] if e.get("entity") == LANGUAGE_SLOT]
    detection = parse.get(DETECTION_KEY) or {}
    return MessageLanguage(
        wants_change=(parse.get("intent") or {}).get("name") == SET_LANGUAGE_INTENT,
        named=named[-1] if named else None,
        detected=detection.get("code"),
        reliable=bool(detection.get("reliable")),
    )


def user_messages_in_session(events: list[dict[str, Any]]) -> int:
    """How many messages the user sent since the session started."""
    count = 0
    for event in reversed(events):
        if event.get("event") == "session_started":
            break
        count += event.get("event") == "user"
    return count


class ActionExtractLanguage(Action):
    """Fills the `language` slot (its custom mapping in domain.yml); the precedence is bot/language.py's."""

    def name(self) -> str:
        return "action_extract_language"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        metadata = tracker.get_slot(METADATA_SLOT) or {}
        language = conversation_language(
            current_language(tracker),
            message_language(tracker.latest_message),
            first_message=user_messages_in_session(tracker.events) == 1,
            hinted=language_from_hint(metadata.get("language")) is not None,
        )
        return [SlotSet(LANGUAGE_SLOT, language)]
