from dataclasses import replace

import pytest

from bot.rules.directory import load_directory
from bot.rules.routing import (
    FACT_VALUES,
    RoutingFacts,
    all_situations,
    facts_that_matter,
    load_routing,
    route,
)

DIRECTORY = load_directory()
TABLE = load_routing(DIRECTORY)


def services(**facts) -> list[tuple[str, str]]:
    return [(referral.service, referral.reason) for referral in route(RoutingFacts(**facts), TABLE)]


@pytest.mark.parametrize(
    "facts, expected",
    [
        (
            {"protection_status": "applicant", "housing_situation": "state_structure"},
            [("ona", "applicant_in_state_structure")],
        ),
        ({"protection_status": "applicant", "need": "job"}, [("ona", "applicant_elsewhere")]),
        (
            {"protection_status": "refugee", "housing_situation": "state_structure"},
            [("office_social", "social_follow_up"), ("ona", "with_office_social")],
        ),
        (
            {"protection_status": "refugee", "housing_situation": "caritas_housing"},
            [("logis", "caritas_housing"), ("office_social", "social_follow_up")],
        ),
        (
            {"protection_status": "subsidiary_protection", "housing_situation": "communal_housing"},
            [("lisko", "communal_housing"), ("office_social", "social_follow_up")],
        ),
        (
            {"protection_status": "refugee", "vulnerable": "yes"},
            [("lisko", "vulnerable"), ("office_social", "social_follow_up")],
        ),
        (
            {
                "protection_status": "refugee",
                "need": "psychological",
                "housing_situation": "communal_housing",
            },
            [("lisko", "psychological_support"), ("office_social", "social_follow_up")],
        ),
        (
            {"protection_status": "refugee", "need": "guarantee"},
            [("lisko", "housing_access"), ("office_social", "social_follow_up")],
        ),
        (
            {"protection_status": "refugee", "need": "workshops"},
            [("lisko", "workshops"), ("office_social", "social_follow_up")],
        ),
        (
            {"protection_status": "refugee", "need": "job"},
            [("adem", "job_search"), ("office_social", "social_follow_up")],
        ),
        (
            {"protection_status": "refugee", "housing_situation": "no_housing"},
            [("office_social", "no_housing")],
        ),
        ({}, [("lisko", "status_unknown"), ("office_social", "social_follow_up")]),
        ({"protection_status": "none"}, [("office_social", "status_not_covered")]),
    ],
)
def test_routes_from_the_documents(facts, expected):
    assert services(**facts) == expected


@pytest.mark.parametrize("situation", all_situations(), ids=str)
def test_every_situation_gets_services_each_once_and_in_the_directory(situation):
    referrals = route(situation, TABLE)
    names = [referral.service for referral in referrals]
    assert names and len(names) == len(set(names))
    assert set(names) <= set(DIRECTORY.services)


def test_all_situations_are_every_combination():
    expected = 1
    for values in FACT_VALUES.values():
        expected *= len(values)
    assert len(set(all_situations())) == expected


def test_commune_does_not_change_the_route():
    situation = RoutingFacts(protection_status="refugee")
    assert route(replace(situation, commune="Esch-sur-Alzette"), TABLE) == route(situation, TABLE)


@pytest.mark.parametrize(
    "known, asked",
    [
        ({}, ["protection_status", "housing_situation", "need", "vulnerable"]),
        ({"protection_status": "applicant"}, ["housing_situation"]),
        ({"protection_status": "none"}, ["housing_situation"]),
        ({"protection_status": "refugee"}, ["housing_situation", "need", "vulnerable"]),
        ({"protection_status": "refugee", "housing_situation": "no_housing"}, ["need", "vulnerable"]),
        ({"protection_status": "refugee", "housing_situation": "caritas_housing"}, ["need", "vulnerable"]),
        (
            {"protection_status": "refugee", "housing_situation": "caritas_housing", "need": "housing"},
            ["vulnerable"],
        ),
        (
            {"protection_status": "refugee", "housing_situation": "private_rental", "need": "job"},
            ["vulnerable"],
        ),
    ],
)
def test_only_questions_that_can_change_the_answer_are_asked(known, asked):
    assert facts_that_matter(RoutingFacts(**known), TABLE) == asked
