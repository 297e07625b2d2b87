"""Could LISKO's landlord guarantee help? An indicative decision from the policy file; LISKO decides."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum
from pathlib import Path

from pydantic import condecimal, conint, root_validator

from bot.rules.facts import PROTECTION_STATUSES
from bot.rules.loading import DATA_DIR, StrictModel, load_model

POLICY_FILE = DATA_DIR / "guarantee_policy.yml"


class Cover(StrictModel):
    rent_months: conint(ge=0)
    fixed_amount_eur: conint(ge=0)


class Criteria(StrictModel):
    """What the sources say: the guarantee is for these statuses."""

    protected_statuses: list[str]

    @root_validator(skip_on_failure=True)
    def statuses_are_known(cls, values: dict) -> dict:
        unknown = set(values["protected_statuses"]) - set(PROTECTION_STATUSES)
        if unknown:
            raise ValueError(f"unknown statuses {sorted(unknown)}; known: {list(PROTECTION_STATUSES)}")
        return values


def _any_on(criteria: dict) -> bool:
    return (
        criteria["private_market_required"]
        or criteria["lisko_follow_up_required"]
        or criteria["max_rent_share_of_income"] is not None
    )


class LiskoCriteria(StrictModel):
    """Criteria LISKO confirmed to the operator; the sources state none, so all are off by default."""

    confirmed_on: date | None
    private_market_required: bool
    lisko_follow_up_required: bool
    max_rent_share_of_income: condecimal(gt=0, le=1) | None

    @property
    def any_on(self) -> bool:
        return _any_on(self.dict())

    @root_validator(skip_on_failure=True)
    def dated_when_on(cls, values: dict) -> dict:
        if _any_on(values) and values["confirmed_on"] is None:
            raise ValueError("a criterion is on: write the date LISKO confirmed it in confirmed_on")
        return values


class Bounds(StrictModel):
    min: condecimal(ge=0)
    max: condecimal(gt=0)

    @root_validator(skip_on_failure=True)
    def min_below_max(cls, values: dict) -> dict:
        if values["min"] >= values["max"]:
            raise ValueError("min must be below max")
        return values


class PlausibleAmounts(StrictModel):
    monthly_rent: Bounds
    monthly_income: Bounds


class GuaranteePolicy(StrictModel):
    cover: Cover
    criteria: Criteria
    lisko_confirmed_criteria: LiskoCriteria
    plausible_amounts_eur: PlausibleAmounts


def load_policy(path: Path = POLICY_FILE) -> GuaranteePolicy:
    return load_model(path, GuaranteePolicy)


class Outcome(str, Enum):
    MAY_HELP = "may_help"
    NOT_ELIGIBLE = "not_eligible"
    TO_CHECK = "to_check"


class Reason(str, Enum):
    STATUS_PROTECTED = "status_protected"
    STATUS_NOT_PROTECTED = "status_not_protected"
    STATUS_UNKNOWN = "status_unknown"
    LISKO_CRITERIA_MET = "lisko_criteria_met"
    NOT_PRIVATE_MARKET = "not_private_market"
    PRIVATE_MARKET_UNKNOWN = "private_market_unknown"
    RENT_UNKNOWN = "rent_unknown"
    INCOME_UNKNOWN = "income_unknown"
    NO_INCOME = "no_income"
    RENT_ABOVE_INCOME_SHARE = "rent_above_income_share"
    LISKO_FOLLOW_UP_DECLINED = "lisko_follow_up_declined"
    LISKO_FOLLOW_UP_UNKNOWN = "lisko_follow_up_unknown"


@dataclass(frozen=True)
class GuaranteeFacts:
    """What the person told us; None means not known (not asked, or "I don't know")."""

    protection_status: str | None = None
    private_market: bool | None = None
    monthly_rent: Decimal | None = None
    monthly_income: Decimal | None = None
    lisko_follow_up: bool | None = None


@dataclass(frozen=True)
class GuaranteeCover:
    """The most the guarantee covers for this rent, on top of the tenant's deposit."""

    rent_part: Decimal
    fixed_part: Decimal
    total: Decimal


@dataclass(frozen=True)
class GuaranteeDecision:
    outcome: Outcome
    reasons: tuple[Reason, ...]
    cover: GuaranteeCover | None
    rent_share_of_income: Decimal | None


def maximum_cover(monthly_rent: Decimal, policy: GuaranteePolicy) -> GuaranteeCover:
    rent_part = monthly_rent * policy.cover.rent_months
    fixed_part = Decimal(policy.cover.fixed_amount_eur)
    return GuaranteeCover(rent_part=rent_part, fixed_part=fixed_part, total=rent_part + fixed_part)


Reasons = tuple[list[Reason], list[Reason]]


def _status_reasons(facts: GuaranteeFacts, policy: GuaranteePolicy) -> Reasons:
    """(failed, unknown) reasons for the protection status, the one criterion the sources give."""
    if facts.protection_status is None:
        return [], [Reason.STATUS_UNKNOWN]
    if facts.protection_status not in policy.criteria.protected_statuses:
        return [Reason.STATUS_NOT_PROTECTED], []
    return [], []


# The reasons of a yes/no criterion LISKO may confirm: when the answer fails it, and when it is unknown.
PRIVATE_MARKET_REASONS = (Reason.NOT_PRIVATE_MARKET, Reason.PRIVATE_MARKET_UNKNOWN)
FOLLOW_UP_REASONS = (Reason.LISKO_FOLLOW_UP_DECLINED, Reason.LISKO_FOLLOW_UP_UNKNOWN)


def _yes_no_reasons(required: bool, answer: bool | None, failed: Reason, unknown: Reason) -> Reasons:
    """(failed, unknown) reasons for a yes/no criterion LISKO may have confirmed."""
    if not required:
        return [], []
    if answer is None:
        return [], [unknown]
    return ([] if answer else [failed]), []


def _private_market_reasons(facts: GuaranteeFacts, policy: GuaranteePolicy) -> Reasons:
    required = policy.lisko_confirmed_criteria.private_market_required
    return _yes_no_reasons(required, facts.private_market, *PRIVATE_MARKET_REASONS)


def _income_reasons(facts: GuaranteeFacts, policy: GuaranteePolicy) -> Reasons:
    max_share = policy.lisko_confirmed_criteria.max_rent_share_of_income
    if max_share is None:
        return [], []
    unknown = [Reason.RENT_UNKNOWN] if facts.monthly_rent is None else []
    if facts.monthly_income is None:
        return [], unknown + [Reason.INCOME_UNKNOWN]
    if facts.monthly_income == 0:
        return [], unknown + [Reason.NO_INCOME]
    if unknown:
        return [], unknown
    failed = facts.monthly_rent / facts.monthly_income > max_share
    return ([Reason.RENT_ABOVE_INCOME_SHARE] if failed else []), []


def _follow_up_reasons(facts: GuaranteeFacts, policy: GuaranteePolicy) -> Reasons:
    required = policy.lisko_confirmed_criteria.lisko_follow_up_required
    return _yes_no_reasons(required, facts.lisko_follow_up, *FOLLOW_UP_REASONS)


def decide(facts: GuaranteeFacts, policy: GuaranteePolicy) -> GuaranteeDecision:
    """Not eligible when a known fact fails a criterion; to check when a fact is missing; else may help.

    With the shipped policy the only criterion is the status, from the sources; the others count
    only once an operator has turned them on (see `LiskoCriteria`).
    """
    failed: list[Reason] = []
    unknown: list[Reason] = []
    for check in (_status_reasons, _private_market_reasons, _income_reasons, _follow_up_reasons):
        check_failed, check_unknown = check(facts, policy)
        failed += check_failed
        unknown += check_unknown
    cover = maximum_cover(facts.monthly_rent, policy) if facts.monthly_rent is not None else None
    share = (
        facts.monthly_rent / facts.monthly_income
        if facts.monthly_rent is not None and facts.monthly_income
        else None
    )
    if failed:
        return GuaranteeDecision(Outcome.NOT_ELIGIBLE, tuple(failed), cover, share)
    if unknown:
        return GuaranteeDecision(Outcome.TO_CHECK, tuple(unknown), cover, share)
    met = (Reason.STATUS_PROTECTED,)
    if policy.lisko_confirmed_criteria.any_on:
        met += (Reason.LISKO_CRITERIA_MET,)
    return GuaranteeDecision(Outcome.MAY_HELP, met, cover, share)


def facts_to_ask(facts: GuaranteeFacts, policy: GuaranteePolicy) -> tuple[str, ...]:
    """The facts (`GuaranteeFacts` fields) the decision and the cover use, none once one rules it out.

    The status is the sources' criterion and the rent gives the cover; the others are asked only
    when LISKO has confirmed their criterion.
    """
    status_failed, _ = _status_reasons(facts, policy)
    market_failed, _ = _private_market_reasons(facts, policy)
    if status_failed or market_failed:
        return ()
    lisko = policy.lisko_confirmed_criteria
    asked = {
        "protection_status": True,
        "private_market": lisko.private_market_required,
        "monthly_rent": True,
        "monthly_income": lisko.max_rent_share_of_income is not None,
        "lisko_follow_up": lisko.lisko_follow_up_required,
    }
    return tuple(name for name, is_asked in asked.items() if is_asked)
