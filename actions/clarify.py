"""`action_clarify`, for an unsure understanding (`nlu_fallback`): on a follow-up, the answer for the
conversation's subject; else the likeliest topics as buttons to choose from (the answers of the subjects the
message names, if it names any), or, when no topic is likely, what the assistant does."""

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.facts import conversation_language
from actions.subject import reply_for_subject, send_reply
from bot.responses import response_text
from bot.understanding import RETRIEVAL_SEPARATOR, TOPIC_ENTITY, likeliest_topics, topic_payload

# Offered when at least this likely; at most this many.
TOPIC_FLOOR = 0.1
MOST_TOPICS = 3


def topic_labels(domain: DomainDict) -> set[str]:
    """The labels with a topic title (`utter_topic_<key or intent>`): FAQ answers as `faq/<key>`, tasks."""
    names = domain["responses"]
    titled = {name.removeprefix("utter_topic_") for name in names if name.startswith("utter_topic_")}
    faq_keys = {name.removeprefix("utter_faq/") for name in names if name.startswith("utter_faq/")}
    return {f"faq{RETRIEVAL_SEPARATOR}{name}" if name in faq_keys else name for name in titled}


def topic_button(label: str, language: str, domain: DomainDict) -> dict[str, str]:
    """A button that asks the topic's question: an FAQ answer by its key, a task by its intent."""
    intent, _, key = label.partition(RETRIEVAL_SEPARATOR)
    title = response_text(domain["responses"], f"utter_topic_{key or intent}", language)
    payload = topic_payload(key) if key else f"/{intent}"
    return {"title": title, "payload": payload}


class ActionClarify(Action):
    def name(self) -> str:
        return "action_clarify"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        reply = reply_for_subject(tracker)
        if reply and not reply.choices:
            send_reply(dispatcher, reply, tracker)
            return []
        if reply:
            topics = [f"faq{RETRIEVAL_SEPARATOR}{key}" for key in reply.choices[:MOST_TOPICS]]
        else:
            topics = likeliest_topics(tracker.latest_message, topic_labels(domain), MOST_TOPICS, TOPIC_FLOOR)
        if not topics:
            dispatcher.utter_message(response="utter_out_of_scope")
            return []
        language = conversation_language(tracker)
        buttons = [topic_button(label, language, domain) for label in topics]
        dispatcher.utter_message(response="utter_clarify", buttons=buttons)
        return []


class ActionAnswerTopic(Action):
    """The answer to a topic chosen among the clarifying buttons (`choose_topic` with the FAQ key)."""

    def name(self) -> str:
        return "action_answer_topic"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        key = next(tracker.get_latest_entity_values(TOPIC_ENTITY), None)
        answer = f"utter_faq/{key}"
        dispatcher.utter_message(response=answer if answer in domain["responses"] else "utter_help")
        return []
