import re

import pytest

from actions.facts import routing_facts
from actions.guarantee import ActionCheckGuarantee, ValidateGuaranteeForm, figures
from actions.rules_data import ROUTING
from bot.language import SUPPORTED_LANGUAGES
from bot.rules.eligibility import decide
from bot.rules.routing import route
from tests.actions.conftest import about, load_tracker, responses, slot_events
from tests.rules.test_eligibility import ALL_CONFIRMED, COMPLETE, SHIPPED
from tests.test_domain import DOMAIN

FORGOTTEN = {"private_market": None, "monthly_rent": None, "monthly_income": None, "lisko_follow_up": None}


async def test_a_bpi_gets_the_cover_for_the_rent_typed_and_whom_to_call(dispatcher):
    events = await ActionCheckGuarantee().run(dispatcher, load_tracker("guarantee_answers_given"), {})
    assert responses(dispatcher) == [
        "utter_guarantee_may_help",
        "utter_guarantee_reason_status_protected",
        "utter_guarantee_cover",
        "utter_guarantee_contact",
    ]
    cover = dispatcher.messages[2]
    assert (cover["rent"], cover["rent_cover"], cover["fixed_cover"], cover["total_cover"]) == (
        "1\u00a0200\u00a0€",
        "2\u00a0400\u00a0€",
        "3\u00a0000\u00a0€",
        "5\u00a0400\u00a0€",
    )
    assert "Téléphone\u00a0: (+352) 27 55 56 03" in dispatcher.messages[3]["contact"]
    assert slot_events(events) == {**FORGOTTEN, "failed_tries": 0}


@pytest.mark.parametrize(
    "language, total, months", [("en", "€5,400", "2\u00a0months"), ("ar", "5400 يورو", "شهرين")]
)
async def test_amounts_are_written_in_the_conversation_language(dispatcher, language, total, months):
    await ActionCheckGuarantee().run(
        dispatcher, load_tracker("guarantee_answers_given", language=language), {}
    )
    assert (dispatcher.messages[2]["total_cover"], dispatcher.messages[2]["rent_months"]) == (total, months)


@pytest.mark.parametrize("status, service", [("applicant", "ona"), ("none", "office_social")])
async def test_no_bpi_status_gets_the_reason_and_the_service_for_that_status(dispatcher, status, service):
    tracker = load_tracker("guarantee_answers_given", protection_status=status, monthly_rent=None)
    await ActionCheckGuarantee().run(dispatcher, tracker, {})
    assert responses(dispatcher)[:3] == [
        "utter_guarantee_not_eligible",
        "utter_guarantee_reason_status_not_protected",
        "utter_guarantee_other_services",
    ]
    assert responses(dispatcher)[3:] == [
        f"utter_route_{route.reason}" for route in route(routing_facts(tracker), ROUTING)
    ]
    assert route(routing_facts(tracker), ROUTING)[0].service == service


async def test_an_unknown_status_leaves_the_decision_to_lisko(dispatcher):
    tracker = load_tracker("guarantee_answers_given", protection_status="unknown")
    await ActionCheckGuarantee().run(dispatcher, tracker, {})
    assert responses(dispatcher) == [
        "utter_guarantee_to_check",
        "utter_guarantee_reason_status_unknown",
        "utter_guarantee_cover",
        "utter_guarantee_contact",
    ]


async def test_a_criterion_lisko_confirmed_is_given_with_its_date(dispatcher, monkeypatch):
    monkeypatch.setattr("actions.guarantee.POLICY", ALL_CONFIRMED)
    tracker = load_tracker("guarantee_answers_given", monthly_income=2000.0, lisko_follow_up="no")
    await ActionCheckGuarantee().run(dispatcher, tracker, {})
    assert responses(dispatcher) == [
        "utter_guarantee_not_eligible",
        "utter_guarantee_reason_rent_above_income_share",
        "utter_guarantee_reason_lisko_follow_up_declined",
        "utter_guarantee_cover",
        "utter_guarantee_contact",
    ]
    share = dispatcher.messages[1]
    assert (share["confirmed_on"], share["rent_share"], share["max_share"]) == (
        "2027-01-15",
        "60\u00a0%",
        "50\u00a0%",
    )


async def test_an_answer_given_up_on_leaves_the_decision_to_lisko(dispatcher, monkeypatch):
    monkeypatch.setattr("actions.guarantee.POLICY", ALL_CONFIRMED)
    tracker = load_tracker("guarantee_answers_given", monthly_income="unknown")
    await ActionCheckGuarantee().run(dispatcher, tracker, {})
    assert responses(dispatcher)[:2] == ["utter_guarantee_to_check", "utter_guarantee_reason_income_unknown"]
    assert "utter_guarantee_cover" in responses(dispatcher)


async def test_a_typed_amount_is_parsed(dispatcher):
    tracker = load_tracker("guarantee_asking_rent")
    result = await ValidateGuaranteeForm().run(dispatcher, tracker, DOMAIN)
    assert slot_events(result)["monthly_rent"] == 1200.0
    assert dispatcher.messages == []


@pytest.mark.parametrize(
    "typed, response",
    [
        ("neuf cents", "utter_invalid_amount_no_number"),
        ("-900", "utter_invalid_amount_negative"),
        ("0", "utter_invalid_amount_too_small"),
        ("120000", "utter_invalid_amount_too_large"),
        ("900 or 1000", "utter_invalid_amount_several_numbers"),
    ],
)
async def test_a_bad_amount_is_explained_then_asked_again(dispatcher, typed, response):
    form = ValidateGuaranteeForm()
    result = form.validate_monthly_rent(typed, dispatcher, load_tracker("guarantee_asking_rent"), {})
    assert result == {"monthly_rent": None, "failed_tries": 1}
    assert responses(dispatcher) == [response]


async def test_the_third_bad_answer_offers_a_person_and_moves_on(dispatcher):
    tracker = load_tracker("guarantee_asking_rent", failed_tries=2)
    result = ValidateGuaranteeForm().validate_monthly_rent("beaucoup", dispatcher, tracker, {})
    assert result == {"monthly_rent": "unknown", "failed_tries": 0}
    assert responses(dispatcher) == ["utter_too_many_tries"]


@pytest.mark.parametrize(
    "slot, value, accepted",
    [
        ("protection_status", "subsidiary_protection", True),
        ("protection_status", "unknown", True),
        ("protection_status", "je suis là depuis 2019", False),
        ("private_market", "no", True),
        ("private_market", ["yes", "no"], False),
        ("lisko_follow_up", "peut-être", False),
    ],
)
async def test_choices_accept_only_their_values(dispatcher, slot, value, accepted):
    result = getattr(ValidateGuaranteeForm(), f"validate_{slot}")(
        value, dispatcher, load_tracker("guarantee_asking_rent"), {}
    )
    assert (result[slot] == value) is accepted
    assert responses(dispatcher) == ([] if accepted else ["utter_invalid_choice"])


DOMAIN_SLOTS = DOMAIN["forms"]["guarantee_form"]["required_slots"]


@pytest.mark.parametrize(
    "policy, slots, required",
    [
        (SHIPPED, {"private_market": None}, ["protection_status", "monthly_rent"]),
        # An answer kept from before stays; a "no" LISKO has not confirmed does not stop the questions.
        (
            SHIPPED,
            {"private_market": "no", "monthly_rent": None},
            ["protection_status", "private_market", "monthly_rent"],
        ),
        (ALL_CONFIRMED, {}, DOMAIN_SLOTS),
        (
            ALL_CONFIRMED,
            {"protection_status": "applicant", "private_market": None, "monthly_rent": None},
            ["protection_status"],
        ),
        (
            ALL_CONFIRMED,
            {"private_market": "no", "monthly_rent": None},
            ["protection_status", "private_market"],
        ),
    ],
)
async def test_the_form_asks_what_the_settings_use_and_stops_once_ruled_out(
    dispatcher, monkeypatch, policy, slots, required
):
    monkeypatch.setattr("actions.guarantee.POLICY", policy)
    tracker = load_tracker("guarantee_asking_rent", **slots)
    assert await ValidateGuaranteeForm().required_slots(DOMAIN_SLOTS, dispatcher, tracker, {}) == required


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_the_figures_fill_every_placeholder_of_the_guarantee_responses(monkeypatch, language):
    monkeypatch.setattr("actions.guarantee.POLICY", ALL_CONFIRMED)
    values = figures(COMPLETE, decide(COMPLETE, ALL_CONFIRMED), language) | {"contact": ""}
    for name, variations in DOMAIN["responses"].items():
        if name.startswith("utter_guarantee_"):
            for variation in variations:
                assert set(re.findall(r"\{(\w+)\}", variation["text"])) <= set(values), name


@pytest.mark.parametrize(
    "intent, entities, subject, replies",
    [
        # A question the model could not place, on a subject: answered for it, and not a wrong answer.
        ("nlu_fallback", ["is_question"], "landlord_guarantee", ["utter_faq/landlord_guarantee"]),
        ("nlu_fallback", ["is_question", "asks_contact"], "logis", ["utter_contact_card"]),
        # Not a question, or no subject to answer for, or a placed message: a wrong answer.
        ("nlu_fallback", [], "landlord_guarantee", ["utter_invalid_choice"]),
        ("nlu_fallback", ["is_question"], None, ["utter_invalid_choice"]),
        ("inform", ["is_question"], "landlord_guarantee", ["utter_invalid_choice"]),
    ],
)
async def test_an_unsure_question_in_the_form_is_answered_for_the_subject(
    dispatcher, intent, entities, subject, replies
):
    tracker = about(load_tracker("guarantee_asking_rent", failed_tries=1), subject)
    tracker.latest_message["intent"] = {"name": intent, "confidence": 0.4}
    tracker.latest_message["entities"] = [{"entity": entity, "value": "yes"} for entity in entities]
    result = ValidateGuaranteeForm().validate_protection_status("?", dispatcher, tracker, {})
    assert responses(dispatcher) == replies
    answered = replies != ["utter_invalid_choice"]
    assert result == (
        {"protection_status": None} if answered else {"protection_status": None, "failed_tries": 2}
    )
