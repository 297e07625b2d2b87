"""The conversation's subject (bot/rules/subjects.py): `action_extract_subject` updates it after each message,
`action_answer` answers a question, a follow-up question that names no subject, a topic word, or a question
read unsurely as out of scope or small talk, for it."""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.facts import conversation_language
from actions.referrals import contact_value
from actions.rules_data import SUBJECTS
from bot.rules.subjects import FOLLOW_UP, INFORM, OUT_OF_SCOPE, UNSURE, Question, Reply
from bot.understanding import (
    ASKS_CONTACT_ENTITY,
    IS_QUESTION_ENTITY,
    REFERS_TO_THEM_ENTITY,
    SUBJECT_ENTITY,
    faq_ranking,
)

SUBJECT_SLOT = "subject"
# The reply of an intent when the subject changes nothing (`faq` always gets an answer).
USUAL_REPLY = {
    FOLLOW_UP: "utter_ask_subject",
    OUT_OF_SCOPE: "utter_out_of_scope",
    INFORM: "utter_inform_noted",
    "bot_challenge": "utter_iamabot",
    "help": "utter_help",
    "affirm": "utter_anything_else",
    "deny": "utter_anything_else",
    "goodbye": "utter_goodbye",
    "thank": "utter_you_are_welcome",
}


def latest_question(tracker: Tracker) -> Question:
    parse = tracker.latest_message
    intent = parse.get("intent") or {}
    return Question(
        intent=intent.get("name") or "",
        confidence=intent.get("confidence") or 0.0,
        faq_ranking=faq_ranking(parse),
        named=[
            value for value in tracker.get_latest_entity_values(SUBJECT_ENTITY) if value in SUBJECTS.subjects
        ],
        asks_contact=next(tracker.get_latest_entity_values(ASKS_CONTACT_ENTITY), None) is not None,
        refers_to_them=next(tracker.get_latest_entity_values(REFERS_TO_THEM_ENTITY), None) is not None,
        is_question=next(tracker.get_latest_entity_values(IS_QUESTION_ENTITY), None) is not None,
    )


def subject_before_latest_message(events: list[dict[str, Any]]) -> str | None:
    """The conversation's subject when the latest message came: the slot's value before that message.

    The slot itself already holds the subject after the message (action_extract_subject runs first).
    """
    latest_message_seen = False
    for event in reversed(events):
        kind = event.get("event")
        if kind == "session_started":
            return None
        if kind == "user":
            latest_message_seen = True
        elif latest_message_seen and kind == "slot" and event.get("name") == SUBJECT_SLOT:
            return event.get("value")
    return None


def reply_for_subject(tracker: Tracker) -> Reply | None:
    """The reply the subject calls for."""
    return SUBJECTS.reply(latest_question(tracker), subject_before_latest_message(tracker.events))


def reply_to_unsure_question(tracker: Tracker) -> Reply | None:
    """For a question the model could not place, the answer or card its subject calls for, if any: inside a
    form, such a question is not an answer to the form's question."""
    question = latest_question(tracker)
    if question.intent != UNSURE or not question.is_question:
        return None
    reply = SUBJECTS.reply(question, subject_before_latest_message(tracker.events))
    return reply if reply and not reply.choices else None


def send_reply(dispatcher: CollectingDispatcher, reply: Reply | None, tracker: Tracker) -> bool:
    """Sends the FAQ answer, or the service's contact card (what the sources say of it when they give none);
    with no reply, sends nothing and returns False."""
    if not reply:
        return False
    if reply.faq_key:
        dispatcher.utter_message(response=f"utter_faq/{reply.faq_key}")
        return True
    card = contact_value(reply.service, conversation_language(tracker), tracker.get_slot("commune"))
    if card:
        dispatcher.utter_message(response="utter_contact_card", contact=card)
    else:
        dispatcher.utter_message(response=f"utter_contact_missing_{reply.service}")
    return True


class ActionExtractSubject(Action):
    """Fills the `subject` slot (its custom mapping in domain.yml)."""

    def name(self) -> str:
        return "action_extract_subject"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        subject = SUBJECTS.next_subject(latest_question(tracker), tracker.get_slot(SUBJECT_SLOT))
        return [SlotSet(SUBJECT_SLOT, subject)]


class ActionAnswer(Action):
    """A question (`faq`), a follow-up naming no subject (`follow_up`), a topic word alone (`inform`), a
    question read unsurely as out of scope or small talk on a follow-up: for the subject; else the intent's
    usual reply."""

    def name(self) -> str:
        return "action_answer"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        if not send_reply(dispatcher, reply_for_subject(tracker), tracker):
            dispatcher.utter_message(response=USUAL_REPLY[latest_question(tracker).intent])
        return []
