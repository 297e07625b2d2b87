"""Leaving a form, or pausing it for an emergency or a person, so that it can be resumed."""

from rasa_sdk import Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.form_validation import FAILED_TRIES_SLOT

# The answers a form forgets when it ends; the person's status and housing are kept for later questions.
ANSWERS_FORGOTTEN = {
    "guarantee_form": ("private_market", "monthly_rent", "monthly_income", "lisko_follow_up"),
    "contact_form": ("need", "vulnerable"),
}


def forget_answers(form: str) -> list[EventType]:
    return [SlotSet(slot, None) for slot in ANSWERS_FORGOTTEN[form]] + [SlotSet(FAILED_TRIES_SLOT, 0)]


def stop_form() -> list[EventType]:
    return [ActiveLoop(None), SlotSet("requested_slot", None)]


def pause_active_form(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
    """Stops the active form, keeping its answers, and offers a button to resume it.

    Returns `ActiveLoop(None)` even when no form is active: the rules expect the same events either way.
    """
    form = tracker.active_loop.get("name")
    if form not in ANSWERS_FORGOTTEN:
        return [ActiveLoop(None)]
    dispatcher.utter_message(response=f"utter_resume_{form}")
    return stop_form() + [SlotSet(FAILED_TRIES_SLOT, 0)]
