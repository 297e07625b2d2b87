"""Leaving a form ("stop", "annuler", "توقف"): its answers are forgotten and nothing else changes."""

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.form_control import ANSWERS_FORGOTTEN, forget_answers, stop_form


class ActionLeaveForm(Action):
    def name(self) -> str:
        return "action_leave_form"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        form = tracker.active_loop.get("name")
        if form not in ANSWERS_FORGOTTEN:
            dispatcher.utter_message(response="utter_anything_else")
            return [ActiveLoop(None)]
        dispatcher.utter_message(response="utter_form_left")
        return stop_form() + forget_answers(form)
