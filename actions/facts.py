"""What the conversation knows, read from the tracker's slots as inputs for `bot.rules`."""

from decimal import Decimal
from typing import Any

from rasa_sdk import Tracker

from bot.language import DEFAULT_LANGUAGE, SUPPORTED_LANGUAGES
from bot.rules.eligibility import GuaranteeFacts
from bot.rules.facts import UNKNOWN, yes_no
from bot.rules.routing import FACT_VALUES, RoutingFacts


def conversation_language(tracker: Tracker) -> str:
    language = tracker.get_slot("language")
    return language if language in SUPPORTED_LANGUAGES else DEFAULT_LANGUAGE


def _known(value: Any) -> Any:
    return None if value in (None, UNKNOWN) else value


def _amount(value: Any) -> Decimal | None:
    """A validated amount; None for "unknown" or for text not validated yet."""
    return Decimal(str(value)) if isinstance(value, int | float) else None


def guarantee_facts(tracker: Tracker) -> GuaranteeFacts:
    return GuaranteeFacts(
        protection_status=_known(tracker.get_slot("protection_status")),
        private_market=yes_no(tracker.get_slot("private_market")),
        monthly_rent=_amount(tracker.get_slot("monthly_rent")),
        monthly_income=_amount(tracker.get_slot("monthly_income")),
        lisko_follow_up=yes_no(tracker.get_slot("lisko_follow_up")),
    )


def _routing_value(tracker: Tracker, fact: str) -> str:
    """The slot's value, else the same entity in the latest message (e.g. an emergency), else unknown."""
    value = tracker.get_slot(fact) or next(tracker.get_latest_entity_values(fact), None)
    return value if value in FACT_VALUES[fact] else UNKNOWN


def routing_facts(tracker: Tracker) -> RoutingFacts:
    return RoutingFacts(
        **{fact: _routing_value(tracker, fact) for fact in FACT_VALUES},
        commune=tracker.get_slot("commune"),
    )
