import pytest

from actions.guarantee import ActionCheckGuarantee, ValidateGuaranteeForm
from tests.actions.conftest import load_tracker, responses, slot_events
from tests.test_domain import DOMAIN

FORGOTTEN = {"private_market": None, "monthly_rent": None, "monthly_income": None, "lisko_follow_up": None}


async def test_likely_eligible_gives_the_cover_for_the_rent_typed_and_lisko(dispatcher):
    events = await ActionCheckGuarantee().run(dispatcher, load_tracker("guarantee_answers_given"), {})
    assert responses(dispatcher) == [
        "utter_guarantee_likely_eligible",
        "utter_guarantee_reason_known_criteria_met",
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
    assert dispatcher.messages[1]["rent_share"] == "40\u00a0%"
    assert "📞 (+352) 27 55 56 03" in dispatcher.messages[3]["contact"]
    assert slot_events(events) == {**FORGOTTEN, "failed_tries": 0}


@pytest.mark.parametrize("language, total", [("en", "€5,400"), ("ar", "5400 يورو")])
async def test_amounts_are_written_in_the_conversation_language(dispatcher, language, total):
    await ActionCheckGuarantee().run(
        dispatcher, load_tracker("guarantee_answers_given", language=language), {}
    )
    assert dispatcher.messages[2]["total_cover"] == total


async def test_not_eligible_gives_the_reasons_and_no_cover(dispatcher):
    tracker = load_tracker("guarantee_answers_given", protection_status="applicant", monthly_rent=None)
    await ActionCheckGuarantee().run(dispatcher, tracker, {})
    assert responses(dispatcher) == [
        "utter_guarantee_not_eligible",
        "utter_guarantee_reason_status_not_protected",
        "utter_guarantee_contact",
    ]


async def test_an_answer_given_up_on_leaves_the_decision_to_lisko(dispatcher):
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


@pytest.mark.parametrize(
    "slots, required",
    [
        ({}, ["protection_status", "private_market", "monthly_rent", "monthly_income", "lisko_follow_up"]),
        (
            {"protection_status": "applicant", "private_market": None, "monthly_rent": None},
            ["protection_status"],
        ),
        ({"private_market": "no", "monthly_rent": None}, ["protection_status", "private_market"]),
    ],
)
async def test_questions_stop_once_the_guarantee_is_ruled_out(dispatcher, slots, required):
    domain_slots = [
        "protection_status",
        "private_market",
        "monthly_rent",
        "monthly_income",
        "lisko_follow_up",
    ]
    tracker = load_tracker("guarantee_asking_rent", **slots)
    assert await ValidateGuaranteeForm().required_slots(domain_slots, dispatcher, tracker, {}) == required
