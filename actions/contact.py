"""Who to contact: a named service's card at once (or that of the conversation's subject, or on a follow-up
about a subject with no card its answer, which says whom to ask); else the form asks only what changes the
answer (rules in `bot.rules.routing`)."""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.facts import conversation_language, routing_facts
from actions.form_control import forget_answers
from actions.form_validation import CountingFormValidation
from actions.referrals import send_routes
from actions.rules_data import ROUTING
from actions.subject import latest_question, reply_for_subject, send_reply
from bot.rules.routing import FACT_VALUES, facts_that_matter
from bot.rules.subjects import FIND_CONTACT, Reply


def contact_reply(tracker: Tracker) -> Reply | None:
    """What the latest message gets instead of the questions: the card it asks for, of a service named or the
    conversation's subject's; or, for "who handles it?" on a follow-up, the subject's answer."""
    reply = reply_for_subject(tracker)
    asks_whom = latest_question(tracker).intent == FIND_CONTACT
    return reply if reply and (reply.service or asks_whom) else None


class ValidateContactForm(CountingFormValidation):
    def name(self) -> str:
        return "validate_contact_form"

    async def required_slots(
        self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[str]:
        """None when the message gets a card or an answer instead; else the questions answered so far, and
        those whose answer could change the services named."""
        if contact_reply(tracker):
            return []
        open_facts = facts_that_matter(routing_facts(tracker), ROUTING)
        return [slot for slot in domain_slots if tracker.get_slot(slot) is not None or slot in open_facts]

    def _validate_fact(self, fact: str, value: Any, dispatcher, tracker: Tracker) -> dict[str, Any]:
        return self.validate_choice(fact, value, FACT_VALUES[fact], dispatcher, tracker)

    def validate_protection_status(self, value: Any, dispatcher, tracker: Tracker, domain) -> dict[str, Any]:
        return self._validate_fact("protection_status", value, dispatcher, tracker)

    def validate_housing_situation(self, value: Any, dispatcher, tracker: Tracker, domain) -> dict[str, Any]:
        return self._validate_fact("housing_situation", value, dispatcher, tracker)

    def validate_need(self, value: Any, dispatcher, tracker: Tracker, domain) -> dict[str, Any]:
        return self._validate_fact("need", value, dispatcher, tracker)

    def validate_vulnerable(self, value: Any, dispatcher, tracker: Tracker, domain) -> dict[str, Any]:
        return self._validate_fact("vulnerable", value, dispatcher, tracker)


class ActionRouteContact(Action):
    def name(self) -> str:
        return "action_route_contact"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        if not send_reply(dispatcher, contact_reply(tracker), tracker):
            send_routes(
                dispatcher, routing_facts(tracker), conversation_language(tracker), "utter_route_intro"
            )
        return forget_answers("contact_form")
