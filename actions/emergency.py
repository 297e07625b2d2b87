"""Emergencies come first, even inside a form: 112 and 113 at once, the emergency-shelter answer for someone
with no place to sleep tonight, then the most relevant service."""

from dataclasses import replace

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.facts import conversation_language, routing_facts
from actions.form_control import pause_active_form
from actions.referrals import send_routes
from bot.rules.facts import YES
from bot.understanding import DANGER_ENTITY, NO_SHELTER_TONIGHT


class ActionEmergency(Action):
    def name(self) -> str:
        return "action_emergency"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        # Someone in an emergency is in a fragile situation: the routing then puts LISKO first for BPI.
        facts = replace(routing_facts(tracker), vulnerable=YES)
        dispatcher.utter_message(response="utter_emergency")
        if NO_SHELTER_TONIGHT in tracker.get_latest_entity_values(DANGER_ENTITY):
            dispatcher.utter_message(response="utter_faq/emergency_shelter")
        send_routes(dispatcher, facts, conversation_language(tracker), None, most=1)
        return pause_active_form(dispatcher, tracker)
