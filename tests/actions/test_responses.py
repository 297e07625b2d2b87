"""Every response the actions and forms can send exists (in three languages: test_domain)."""

import re

from actions.form_control import ANSWERS_FORGOTTEN
from actions.rules_data import DIRECTORY, ROUTING, SUBJECTS
from bot.rules.amounts import AmountProblem
from bot.rules.eligibility import Outcome, Reason
from bot.tools.validate import response_names_in_code
from tests.test_domain import DOMAIN

RESPONSES = set(DOMAIN["responses"])


def test_every_response_named_in_the_actions_exists():
    names, prefixes = response_names_in_code()
    assert names - RESPONSES == set()
    assert all(any(r.startswith(prefix) for r in RESPONSES) for prefix in prefixes)


def test_every_decision_reason_and_amount_problem_has_its_response():
    expected = {f"utter_guarantee_{outcome.value}" for outcome in Outcome}
    expected |= {f"utter_guarantee_reason_{reason.value}" for reason in Reason}
    expected |= {f"utter_invalid_amount_{problem.value}" for problem in AmountProblem}
    expected |= {f"utter_route_{row.reason}" for row in ROUTING.rows}
    expected |= {f"utter_resume_{form}" for form in ANSWERS_FORGOTTEN}
    assert expected - RESPONSES == set()


def test_every_service_without_contact_details_says_so_in_its_own_response():
    services = {subject.service for subject in SUBJECTS.subjects.values() if subject.service}
    without = {service for service in services if not DIRECTORY.services[service].has_contact_details()}
    assert without
    assert {f"utter_contact_missing_{service}" for service in without} - RESPONSES == set()


def test_every_form_question_has_its_response():
    questions = {slot for form in DOMAIN["forms"].values() for slot in form["required_slots"]}
    assert {f"utter_ask_{slot}" for slot in questions} - RESPONSES == set()


def test_route_responses_end_with_the_contact_card():
    for name, variations in DOMAIN["responses"].items():
        if name.startswith("utter_route_") and name != "utter_route_intro":
            assert all(variation["text"].endswith("{contact}") for variation in variations), name


def test_every_phone_number_and_email_in_the_responses_is_in_the_directory():
    texts = " ".join(v["text"] for variations in DOMAIN["responses"].values() for v in variations)
    phones = set(re.findall(r"\(\+\d+\)[\d -]*\d", texts))
    emails = set(re.findall(r"[\w.-]+@[\w.-]+\.[a-z]+", texts))
    known_phones = {phone for service in DIRECTORY.services.values() for phone in service.phones}
    known_emails = {email for service in DIRECTORY.services.values() for email in service.emails}
    assert phones and emails
    assert (phones - known_phones, emails - known_emails) == (set(), set())
