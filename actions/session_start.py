"""`action_session_start`: carries the language over and applies the channel's language hint."""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.language import session_language

LANGUAGE_SLOT = "language"
METADATA_SLOT = "session_started_metadata"


def last_language_set(events: list[dict[str, Any]]) -> str | None:
    """The value of the last `language` slot event, i.e. a language chosen or detected before."""
    for event in reversed(events):
        if event.get("event") == "slot" and event.get("name") == LANGUAGE_SLOT:
            return event.get("value")
    return None


class ActionSessionStart(Action):
    def name(self) -> str:
        return "action_session_start"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        metadata = tracker.get_slot(METADATA_SLOT) or {}
        language = session_language(last_language_set(tracker.events), metadata.get("language"))
        return [
            SessionStarted(),
            SlotSet(LANGUAGE_SLOT, language),
            # Kept in the new session, as Rasa's own session start does: whether the channel gave a language
            # matters again on the first message (bot/language.py).
            SlotSet(METADATA_SLOT, metadata or None),
            ActionExecuted("action_listen"),
        ]
