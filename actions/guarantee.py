"""The landlord-guarantee form and its indicative decision (rules in `bot.rules.eligibility`)."""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.facts import conversation_language, guarantee_facts, routing_facts
from actions.form_control import forget_answers
from actions.form_validation import CountingFormValidation
from actions.referrals import contact_value, send_routes
from actions.rules_data import POLICY
from bot.rules.amounts import format_amount, format_count, format_percent
from bot.rules.eligibility import GuaranteeDecision, GuaranteeFacts, Reason, decide, facts_to_ask
from bot.rules.facts import NO, UNKNOWN, YES
from bot.rules.routing import FACT_VALUES

YES_NO = (YES, NO, UNKNOWN)


class ValidateGuaranteeForm(CountingFormValidation):
    def name(self) -> str:
        return "validate_guarantee_form"

    async def required_slots(
        self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[str]:
        """The questions the policy uses (the slots are named after the facts), and those answered."""
        asked = facts_to_ask(guarantee_facts(tracker), POLICY)
        return [slot for slot in domain_slots if slot in asked or tracker.get_slot(slot) is not None]

    def validate_protection_status(self, value: Any, dispatcher, tracker: Tracker, domain) -> dict[str, Any]:
        return self.validate_choice(
            "protection_status", value, FACT_VALUES["protection_status"], dispatcher, tracker
        )

    def validate_private_market(self, value: Any, dispatcher, tracker: Tracker, domain) -> dict[str, Any]:
        return self.validate_choice("private_market", value, YES_NO, dispatcher, tracker)

    def validate_monthly_rent(self, value: Any, dispatcher, tracker: Tracker, domain) -> dict[str, Any]:
        bounds = POLICY.plausible_amounts_eur.monthly_rent
        return self.validate_amount("monthly_rent", value, bounds, dispatcher, tracker)

    def validate_monthly_income(self, value: Any, dispatcher, tracker: Tracker, domain) -> dict[str, Any]:
        bounds = POLICY.plausible_amounts_eur.monthly_income
        return self.validate_amount("monthly_income", value, bounds, dispatcher, tracker)

    def validate_lisko_follow_up(self, value: Any, dispatcher, tracker: Tracker, domain) -> dict[str, Any]:
        return self.validate_choice("lisko_follow_up", value, YES_NO, dispatcher, tracker)


def figures(facts: GuaranteeFacts, decision: GuaranteeDecision, language: str) -> dict[str, str]:
    """The amounts and shares the responses show, written the way `language` writes them."""
    values = {"rent_months": format_count(POLICY.cover.rent_months, "month", language)}
    lisko = POLICY.lisko_confirmed_criteria
    if lisko.confirmed_on is not None:
        values["confirmed_on"] = lisko.confirmed_on.isoformat()
    if lisko.max_rent_share_of_income is not None:
        values["max_share"] = format_percent(lisko.max_rent_share_of_income, language)
    if facts.monthly_rent is not None:
        values["rent"] = format_amount(facts.monthly_rent, language)
    if facts.monthly_income is not None:
        values["income"] = format_amount(facts.monthly_income, language)
    if decision.rent_share_of_income is not None:
        values["rent_share"] = format_percent(decision.rent_share_of_income, language)
    if decision.cover is not None:
        values["rent_cover"] = format_amount(decision.cover.rent_part, language)
        values["fixed_cover"] = format_amount(decision.cover.fixed_part, language)
        values["total_cover"] = format_amount(decision.cover.total, language)
    return values


class ActionCheckGuarantee(Action):
    def name(self) -> str:
        return "action_check_guarantee"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        language = conversation_language(tracker)
        facts = guarantee_facts(tracker)
        decision = decide(facts, POLICY)
        values = figures(facts, decision, language)
        dispatcher.utter_message(response=f"utter_guarantee_{decision.outcome.value}", **values)
        for reason in decision.reasons:
            dispatcher.utter_message(response=f"utter_guarantee_reason_{reason.value}", **values)
        if Reason.STATUS_NOT_PROTECTED in decision.reasons:
            send_routes(dispatcher, routing_facts(tracker), language, "utter_guarantee_other_services")
        else:
            if decision.cover is not None:
                dispatcher.utter_message(response="utter_guarantee_cover", **values)
            dispatcher.utter_message(
                response="utter_guarantee_contact", contact=contact_value("lisko", language)
            )
        return forget_answers("guarantee_form")
