from datetime import date
from decimal import Decimal

import pytest

from bot.rules.eligibility import (
    GuaranteeFacts,
    LiskoCriteria,
    Outcome,
    Reason,
    decide,
    facts_to_ask,
    load_policy,
    maximum_cover,
)

SHIPPED = load_policy()
ALL_CONFIRMED = SHIPPED.copy(
    update={
        "lisko_confirmed_criteria": LiskoCriteria(
            confirmed_on=date(2027, 1, 15),
            private_market_required=True,
            lisko_follow_up_required=True,
            max_rent_share_of_income=Decimal("0.5"),
        )
    }
)
COMPLETE = GuaranteeFacts(
    protection_status="refugee",
    private_market=True,
    monthly_rent=Decimal(1000),
    monthly_income=Decimal(2500),
    lisko_follow_up=True,
)
EVERY_FACT_UNKNOWN = {field: None for field in COMPLETE.__dict__}
MAY_HELP = (Outcome.MAY_HELP, [Reason.STATUS_PROTECTED])


def facts(**changes) -> GuaranteeFacts:
    return GuaranteeFacts(**{**COMPLETE.__dict__, **changes})


def test_the_shipped_policy_turns_on_no_criterion_the_sources_lack():
    assert not SHIPPED.lisko_confirmed_criteria.any_on


@pytest.mark.parametrize(
    "changes, outcome, reasons",
    [
        ({}, *MAY_HELP),
        ({"protection_status": "subsidiary_protection"}, *MAY_HELP),
        # Only the status, from the sources, rules the guarantee out.
        ({"protection_status": "applicant"}, Outcome.NOT_ELIGIBLE, [Reason.STATUS_NOT_PROTECTED]),
        ({"protection_status": "none"}, Outcome.NOT_ELIGIBLE, [Reason.STATUS_NOT_PROTECTED]),
        ({"protection_status": None}, Outcome.TO_CHECK, [Reason.STATUS_UNKNOWN]),
        # What LISKO has not confirmed changes nothing.
        ({"private_market": False}, *MAY_HELP),
        ({"monthly_income": Decimal(1)}, *MAY_HELP),
        ({"monthly_income": Decimal(0)}, *MAY_HELP),
        ({"lisko_follow_up": False}, *MAY_HELP),
        ({**EVERY_FACT_UNKNOWN, "protection_status": "refugee"}, *MAY_HELP),
    ],
)
def test_with_the_shipped_settings_only_the_status_decides(changes, outcome, reasons):
    decision = decide(facts(**changes), SHIPPED)
    assert (decision.outcome, list(decision.reasons)) == (outcome, reasons)


MET = (Outcome.MAY_HELP, [Reason.STATUS_PROTECTED, Reason.LISKO_CRITERIA_MET])


@pytest.mark.parametrize(
    "changes, outcome, reasons",
    [
        ({}, *MET),
        ({"monthly_income": Decimal(2000)}, *MET),
        ({"protection_status": "applicant"}, Outcome.NOT_ELIGIBLE, [Reason.STATUS_NOT_PROTECTED]),
        ({"private_market": False}, Outcome.NOT_ELIGIBLE, [Reason.NOT_PRIVATE_MARKET]),
        ({"monthly_income": Decimal(1999)}, Outcome.NOT_ELIGIBLE, [Reason.RENT_ABOVE_INCOME_SHARE]),
        ({"lisko_follow_up": False}, Outcome.NOT_ELIGIBLE, [Reason.LISKO_FOLLOW_UP_DECLINED]),
        (
            {"protection_status": "applicant", "private_market": False},
            Outcome.NOT_ELIGIBLE,
            [Reason.STATUS_NOT_PROTECTED, Reason.NOT_PRIVATE_MARKET],
        ),
        # A failed criterion wins over a missing fact.
        (
            {"private_market": False, "monthly_income": None},
            Outcome.NOT_ELIGIBLE,
            [Reason.NOT_PRIVATE_MARKET],
        ),
        ({"private_market": None}, Outcome.TO_CHECK, [Reason.PRIVATE_MARKET_UNKNOWN]),
        ({"monthly_rent": None}, Outcome.TO_CHECK, [Reason.RENT_UNKNOWN]),
        ({"monthly_income": None}, Outcome.TO_CHECK, [Reason.INCOME_UNKNOWN]),
        ({"monthly_income": Decimal(0)}, Outcome.TO_CHECK, [Reason.NO_INCOME]),
        (
            {"monthly_rent": None, "monthly_income": Decimal(0)},
            Outcome.TO_CHECK,
            [Reason.RENT_UNKNOWN, Reason.NO_INCOME],
        ),
        ({"lisko_follow_up": None}, Outcome.TO_CHECK, [Reason.LISKO_FOLLOW_UP_UNKNOWN]),
        (
            EVERY_FACT_UNKNOWN,
            Outcome.TO_CHECK,
            [
                Reason.STATUS_UNKNOWN,
                Reason.PRIVATE_MARKET_UNKNOWN,
                Reason.RENT_UNKNOWN,
                Reason.INCOME_UNKNOWN,
                Reason.LISKO_FOLLOW_UP_UNKNOWN,
            ],
        ),
    ],
)
def test_criteria_lisko_confirmed_decide_once_turned_on(changes, outcome, reasons):
    decision = decide(facts(**changes), ALL_CONFIRMED)
    assert (decision.outcome, list(decision.reasons)) == (outcome, reasons)


def test_the_cover_is_two_months_of_rent_plus_3000_from_the_sources():
    cover = decide(facts(monthly_rent=Decimal("1250.50")), SHIPPED).cover
    assert (cover.rent_part, cover.fixed_part, cover.total) == (Decimal("2501.00"), 3000, Decimal("5501.00"))


def test_the_cover_follows_the_policy_file():
    policy = SHIPPED.copy(
        update={"cover": SHIPPED.cover.copy(update={"rent_months": 3, "fixed_amount_eur": 1000})}
    )
    assert maximum_cover(Decimal(900), policy).total == 3 * 900 + 1000


def test_no_cover_and_no_share_without_the_amounts():
    decision = decide(facts(monthly_rent=None, monthly_income=Decimal(0)), ALL_CONFIRMED)
    assert (decision.cover, decision.rent_share_of_income) == (None, None)


def test_the_share_of_income_is_reported():
    assert decide(COMPLETE, ALL_CONFIRMED).rent_share_of_income == Decimal("0.4")


def test_a_criterion_turned_on_needs_the_date_lisko_confirmed_it():
    with pytest.raises(ValueError, match="confirmed_on"):
        LiskoCriteria(
            confirmed_on=None,
            private_market_required=False,
            lisko_follow_up_required=True,
            max_rent_share_of_income=None,
        )


ALL_FACTS = ("protection_status", "private_market", "monthly_rent", "monthly_income", "lisko_follow_up")


@pytest.mark.parametrize(
    "policy, changes, asked",
    [
        (SHIPPED, EVERY_FACT_UNKNOWN, ("protection_status", "monthly_rent")),
        (SHIPPED, {"private_market": False}, ("protection_status", "monthly_rent")),
        (SHIPPED, {"protection_status": "applicant"}, ()),
        (ALL_CONFIRMED, EVERY_FACT_UNKNOWN, ALL_FACTS),
        (ALL_CONFIRMED, {"monthly_income": Decimal(1)}, ALL_FACTS),
        (ALL_CONFIRMED, {"protection_status": "none"}, ()),
        (ALL_CONFIRMED, {"private_market": False}, ()),
    ],
)
def test_the_questions_are_those_the_settings_use_until_an_answer_rules_it_out(policy, changes, asked):
    assert facts_to_ask(facts(**changes), policy) == asked


def test_the_questions_are_facts_of_the_decision():
    assert set(ALL_FACTS) == set(COMPLETE.__dict__)
