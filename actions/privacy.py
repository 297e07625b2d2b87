"""Erasing one's conversation ("efface mes données", "delete my conversation", "احذف بياناتي").

The actions only talk: the tracker store (bot/tracker_store.py) erases the conversation when it saves
the turn in which `action_delete_data` ran.
"""

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.form_control import stop_form


class ActionAskDeleteData(Action):
    """Asks for confirmation; a form in progress ends (its questions would take the yes or no)."""

    def name(self) -> str:
        return "action_ask_delete_data"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        dispatcher.utter_message(response="utter_confirm_delete_data")
        return stop_form()


class ActionDeleteData(Action):
    def name(self) -> str:
        return "action_delete_data"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        dispatcher.utter_message(response="utter_data_deleted")
        return []
