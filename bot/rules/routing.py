"""Who to contact: an ordered list of services, each with its reason, from the decision table."""

from dataclasses import dataclass, replace
from itertools import product
from pathlib import Path

from pydantic import root_validator

from bot.rules.directory import Directory
from bot.rules.facts import NO, PROTECTION_STATUSES, UNKNOWN, YES
from bot.rules.loading import DATA_DIR, RulesDataError, StrictModel, load_model

ROUTING_FILE = DATA_DIR / "routing.yml"
FACT_VALUES: dict[str, tuple[str, ...]] = {
    "protection_status": (*PROTECTION_STATUSES, UNKNOWN),
    "housing_situation": (
        "state_structure",
        "communal_housing",
        "caritas_housing",
        "private_rental",
        "no_housing",
        UNKNOWN,
    ),
    "need": ("housing", "guarantee", "psychological", "job", "social_help", "workshops", UNKNOWN),
    "vulnerable": (YES, NO, UNKNOWN),
}


@dataclass(frozen=True)
class RoutingFacts:
    """The person's situation; "unknown" where we do not know it."""

    protection_status: str = UNKNOWN
    housing_situation: str = UNKNOWN
    need: str = UNKNOWN
    vulnerable: str = UNKNOWN
    commune: str | None = None


@dataclass(frozen=True)
class Referral:
    service: str
    reason: str


class Row(StrictModel):
    when: dict[str, list[str]]
    service: str
    reason: str

    @root_validator(skip_on_failure=True)
    def conditions_use_known_facts(cls, values: dict) -> dict:
        for fact, accepted in values["when"].items():
            if fact not in FACT_VALUES:
                raise ValueError(f"unknown fact {fact!r}; known: {list(FACT_VALUES)}")
            wrong = [value for value in accepted if value not in FACT_VALUES[fact]]
            if wrong:
                raise ValueError(f"{fact}: unknown values {wrong}; known: {list(FACT_VALUES[fact])}")
        return values

    def matches(self, facts: RoutingFacts) -> bool:
        return all(getattr(facts, fact) in accepted for fact, accepted in self.when.items())


class RoutingTable(StrictModel):
    bpi: list[str]
    rows: list[Row]


def all_situations() -> list[RoutingFacts]:
    """Every combination of fact values."""
    return [RoutingFacts(*values) for values in product(*FACT_VALUES.values())]


def route(facts: RoutingFacts, table: RoutingTable) -> list[Referral]:
    """The services to contact, in the table's order, each once with its first reason."""
    referrals: list[Referral] = []
    for row in table.rows:
        if row.matches(facts) and all(referral.service != row.service for referral in referrals):
            referrals.append(Referral(row.service, row.reason))
    return referrals


def load_routing(directory: Directory, path: Path = ROUTING_FILE) -> RoutingTable:
    """The table, checked against the directory and for a service in every situation."""
    table = load_model(path, RoutingTable)
    for number, row in enumerate(table.rows):
        if row.service not in directory.services:
            raise RulesDataError(f"{path}: rows.{number}.service: {row.service!r} is not in the directory")
    uncovered = next((facts for facts in all_situations() if not route(facts, table)), None)
    if uncovered:
        raise RulesDataError(f"{path}: rows: no service for the situation {uncovered}")
    return table


def facts_that_matter(known: RoutingFacts, table: RoutingTable) -> list[str]:
    """The unknown facts whose answer could change the services we name or why, in asking order."""
    open_facts = [fact for fact in FACT_VALUES if getattr(known, fact) == UNKNOWN]
    needed = []
    for fact in open_facts:
        others = [other for other in open_facts if other != fact]
        for other_values in product(*(FACT_VALUES[other] for other in others)):
            situation = replace(known, **dict(zip(others, other_values, strict=True)))
            outcomes = {
                tuple(route(replace(situation, **{fact: value}), table)) for value in FACT_VALUES[fact]
            }
            if len(outcomes) > 1:
                needed.append(fact)
                break
    return needed
