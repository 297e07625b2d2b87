"""`action_welcome`: the welcome, saying how long the conversation is kept, in its language."""

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.facts import conversation_language
from bot.environment import read_settings
from bot.retention import stated_retention

# Read once, when the action server starts, as Rasa reads endpoints.yml.
RETENTION_DAYS = read_settings().retention_days


class ActionWelcome(Action):
    def name(self) -> str:
        return "action_welcome"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        retention = stated_retention(RETENTION_DAYS, conversation_language(tracker))
        dispatcher.utter_message(response="utter_welcome", retention_days=retention)
        return []
