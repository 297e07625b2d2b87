from decimal import Decimal

import pytest

from bot.rules.eligibility import (
    GuaranteeFacts,
    Outcome,
    Reason,
    decide,
    load_policy,
    maximum_cover,
    questions_still_needed,
)

POLICY = load_policy()
COMPLETE = GuaranteeFacts(
    protection_status="refugee",
    private_market=True,
    monthly_rent=Decimal(1000),
    monthly_income=Decimal(2500),
    lisko_follow_up=True,
)


def facts(**changes) -> GuaranteeFacts:
    return GuaranteeFacts(**{**COMPLETE.__dict__, **changes})


@pytest.mark.parametrize(
    "changes, outcome, reasons",
    [
        ({}, Outcome.LIKELY_ELIGIBLE, [Reason.KNOWN_CRITERIA_MET]),
        (
            {"protection_status": "subsidiary_protection"},
            Outcome.LIKELY_ELIGIBLE,
            [Reason.KNOWN_CRITERIA_MET],
        ),
        ({"monthly_income": Decimal(2000)}, Outcome.LIKELY_ELIGIBLE, [Reason.KNOWN_CRITERIA_MET]),
        ({"protection_status": "applicant"}, Outcome.NOT_ELIGIBLE, [Reason.STATUS_NOT_PROTECTED]),
        ({"protection_status": "none"}, Outcome.NOT_ELIGIBLE, [Reason.STATUS_NOT_PROTECTED]),
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
        ({"protection_status": None}, Outcome.TO_CHECK, [Reason.STATUS_UNKNOWN]),
        ({"private_market": None}, Outcome.TO_CHECK, [Reason.PRIVATE_MARKET_UNKNOWN]),
        ({"monthly_rent": None}, Outcome.TO_CHECK, [Reason.RENT_UNKNOWN]),
        ({"monthly_income": None}, Outcome.TO_CHECK, [Reason.INCOME_UNKNOWN]),
        (
            {"monthly_rent": None, "monthly_income": None},
            Outcome.TO_CHECK,
            [Reason.RENT_UNKNOWN, Reason.INCOME_UNKNOWN],
        ),
        ({"monthly_income": Decimal(0)}, Outcome.TO_CHECK, [Reason.NO_INCOME]),
        (
            {"monthly_rent": None, "monthly_income": Decimal(0)},
            Outcome.TO_CHECK,
            [Reason.RENT_UNKNOWN, Reason.NO_INCOME],
        ),
        ({"lisko_follow_up": None}, Outcome.TO_CHECK, [Reason.LISKO_FOLLOW_UP_UNKNOWN]),
        (
            {field: None for field in COMPLETE.__dict__},
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
def test_decision_and_reasons(changes, outcome, reasons):
    decision = decide(facts(**changes), POLICY)
    assert (decision.outcome, list(decision.reasons)) == (outcome, reasons)


def test_cover_is_two_months_of_rent_plus_3000_from_the_sources():
    cover = decide(facts(monthly_rent=Decimal("1250.50")), POLICY).cover
    assert (cover.rent_part, cover.fixed_part, cover.total) == (Decimal("2501.00"), 3000, Decimal("5501.00"))


def test_cover_follows_the_policy_file():
    policy = POLICY.copy(
        update={"cover": POLICY.cover.copy(update={"rent_months": 3, "fixed_amount_eur": 1000})}
    )
    assert maximum_cover(Decimal(900), policy).total == 3 * 900 + 1000


def test_no_cover_and_no_share_without_the_amounts():
    decision = decide(facts(monthly_rent=None, monthly_income=Decimal(0)), POLICY)
    assert (decision.cover, decision.rent_share_of_income) == (None, None)


def test_share_of_income_is_reported():
    assert decide(COMPLETE, POLICY).rent_share_of_income == Decimal("0.4")


@pytest.mark.parametrize(
    "setting, changes",
    [
        ("private_market_required", {"private_market": False}),
        ("lisko_follow_up_required", {"lisko_follow_up": None}),
    ],
)
def test_criteria_the_policy_turns_off_are_not_checked(setting, changes):
    policy = POLICY.copy(update={"criteria": POLICY.criteria.copy(update={setting: False})})
    assert decide(facts(**changes), policy).outcome == Outcome.LIKELY_ELIGIBLE


@pytest.mark.parametrize(
    "changes, needed",
    [
        ({}, True),
        ({"protection_status": None, "private_market": None}, True),
        ({"protection_status": "applicant"}, False),
        ({"private_market": False}, False),
        ({"monthly_income": Decimal(1)}, True),
    ],
)
def test_questions_stop_once_status_or_market_rules_the_guarantee_out(changes, needed):
    assert questions_still_needed(facts(**changes), POLICY) is needed
