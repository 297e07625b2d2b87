"""Emergencies come first, even inside a form: 112 and 113 at once, then the most relevant service."""

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.form_control import pause_active_form
from actions.referrals import send_routes


class ActionEmergency(Action):
    def name(self) -> str:
        return "action_emergency"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        send_routes(dispatcher, tracker, "utter_emergency", most=1)
        return pause_active_form(dispatcher, tracker)
