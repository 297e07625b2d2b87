"""A reusable form validation: re-asks on a bad answer and, after 3 bad answers, goes on without it."""

from abc import ABC, abstractmethod
from typing import Any

from rasa_sdk import FormValidationAction, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.subject import reply_to_unsure_question, send_reply
from bot.rules.amounts import parse_amount
from bot.rules.eligibility import Bounds
from bot.rules.facts import UNKNOWN

MAX_FAILED_TRIES = 3
FAILED_TRIES_SLOT = "failed_tries"


class CountingFormValidation(FormValidationAction, ABC):
    """Counts failed answers in the `failed_tries` slot; the third one offers a person and moves on."""

    @abstractmethod
    def name(self) -> str:
        """`validate_<form name>`."""

    @staticmethod
    def accept(slot: str, value: Any) -> dict[str, Any]:
        return {slot: value, FAILED_TRIES_SLOT: 0}

    @staticmethod
    def reject(
        slot: str, response: str, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> dict[str, Any]:
        """Explains the problem (the form then asks again); the third time, records "unknown". A question
        the model could not place is not a wrong answer: it is answered for the subject, and the form asks
        again."""
        if send_reply(dispatcher, reply_to_unsure_question(tracker), tracker):
            return {slot: None}
        tries = int(tracker.get_slot(FAILED_TRIES_SLOT) or 0) + 1
        if tries >= MAX_FAILED_TRIES:
            dispatcher.utter_message(response="utter_too_many_tries")
            return {slot: UNKNOWN, FAILED_TRIES_SLOT: 0}
        dispatcher.utter_message(response=response)
        return {slot: None, FAILED_TRIES_SLOT: tries}

    def validate_choice(
        self,
        slot: str,
        value: Any,
        choices: tuple[str, ...],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
    ) -> dict[str, Any]:
        if isinstance(value, str) and value in choices:
            return self.accept(slot, value)
        return self.reject(slot, "utter_invalid_choice", dispatcher, tracker)

    def validate_amount(
        self, slot: str, value: Any, bounds: Bounds, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> dict[str, Any]:
        parsed = parse_amount(str(value), bounds.min, bounds.max)
        if parsed.problem:
            return self.reject(slot, f"utter_invalid_amount_{parsed.problem.value}", dispatcher, tracker)
        return self.accept(slot, float(parsed.value))
