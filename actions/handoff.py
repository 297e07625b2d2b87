"""Hand-off to a person: the service named, or the right services for what we know, and a marker staff can
search for."""

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.facts import conversation_language, routing_facts
from actions.form_control import pause_active_form
from actions.referrals import send_routes
from actions.subject import reply_for_subject, send_reply

# Set to true in the conversation: staff find hand-offs by searching the tracker store for it.
HANDOFF_MARKER_SLOT = "handoff_requested"


class ActionHumanHandoff(Action):
    def name(self) -> str:
        return "action_human_handoff"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        if not send_reply(dispatcher, reply_for_subject(tracker), tracker):
            send_routes(
                dispatcher, routing_facts(tracker), conversation_language(tracker), "utter_handoff_intro"
            )
        return [SlotSet(HANDOFF_MARKER_SLOT, True)] + pause_active_form(dispatcher, tracker)
