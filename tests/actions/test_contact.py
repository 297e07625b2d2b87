import pytest

from actions.contact import ActionRouteContact, ValidateContactForm
from tests.actions.conftest import about, load_tracker, responses, slot_events

DOMAIN_SLOTS = ["protection_status", "housing_situation", "need", "vulnerable"]


async def test_a_refugee_in_a_caritas_house_gets_logis_with_its_phone_and_email(dispatcher):
    events = await ActionRouteContact().run(dispatcher, load_tracker("contact_caritas_refugee"), {})
    assert responses(dispatcher) == [
        "utter_route_intro",
        "utter_route_caritas_housing",
        "utter_route_social_follow_up",
    ]
    logis = dispatcher.messages[1]["contact"]
    assert "(+352) 40 21 31 - 903" in logis and "logis@caritas.lu" in logis
    assert dispatcher.messages[2]["contact"] == ""
    assert slot_events(events) == {"need": None, "vulnerable": None, "failed_tries": 0}


@pytest.mark.parametrize(
    "language, phone_line",
    [("fr", "Téléphone\u00a0: (+352) 40 21 31 - 903"), ("ar", "الهاتف: (+352) 40 21 31 - 903")],
)
async def test_contact_cards_label_their_lines_in_the_conversation_language(dispatcher, language, phone_line):
    await ActionRouteContact().run(dispatcher, load_tracker("contact_caritas_refugee", language=language), {})
    assert phone_line in dispatcher.messages[1]["contact"].splitlines()


@pytest.mark.parametrize(
    "slots, required",
    [
        ({"protection_status": None, "housing_situation": None, "need": None}, DOMAIN_SLOTS),
        ({"housing_situation": None, "need": None}, DOMAIN_SLOTS),
        ({}, DOMAIN_SLOTS),
        ({"need": "job", "housing_situation": "no_housing", "vulnerable": None}, DOMAIN_SLOTS),
        (
            {"protection_status": "none", "housing_situation": "private_rental", "need": None},
            ["protection_status", "housing_situation"],
        ),
        (
            {"protection_status": "applicant", "housing_situation": None, "need": None},
            ["protection_status", "housing_situation"],
        ),
        (
            {"protection_status": "applicant", "housing_situation": "unknown", "need": None},
            ["protection_status", "housing_situation"],
        ),
        (
            {
                "protection_status": "unknown",
                "housing_situation": "unknown",
                "need": "unknown",
                "vulnerable": "no",
            },
            DOMAIN_SLOTS,
        ),
    ],
)
async def test_only_the_questions_that_matter_are_asked(dispatcher, slots, required):
    tracker = load_tracker("contact_caritas_refugee", **slots)
    tracker.latest_message["entities"] = []
    assert await ValidateContactForm().required_slots(DOMAIN_SLOTS, dispatcher, tracker, {}) == required


@pytest.mark.parametrize("slot", DOMAIN_SLOTS)
async def test_every_answer_is_checked_against_its_choices(dispatcher, slot):
    form = ValidateContactForm()
    tracker = load_tracker("contact_caritas_refugee")
    assert getattr(form, f"validate_{slot}")("unknown", dispatcher, tracker, {})[slot] == "unknown"
    assert getattr(form, f"validate_{slot}")("blabla", dispatcher, tracker, {})[slot] is None
    assert responses(dispatcher) == ["utter_invalid_choice"]


@pytest.mark.parametrize(
    "entities, subject, expected",
    [
        ([{"entity": "subject", "value": "logis"}], None, "logis"),
        ([], "landlord_guarantee", "lisko"),
        ([{"entity": "subject", "value": "integration_programmes"}], "logis", None),
        ([], "gls", "gls"),
    ],
)
async def test_a_service_or_subject_needs_no_questions(dispatcher, entities, subject, expected):
    tracker = load_tracker("contact_caritas_refugee", protection_status=None, housing_situation=None)
    tracker.latest_message["entities"] = entities
    about(tracker, subject)
    required = await ValidateContactForm().required_slots(DOMAIN_SLOTS, dispatcher, tracker, {})
    assert (required == []) is (expected is not None)


async def test_a_service_named_gets_its_card_instead_of_the_routes(dispatcher):
    tracker = load_tracker("contact_caritas_refugee")
    tracker.latest_message["entities"] = [{"entity": "subject", "value": "lisko"}]
    await ActionRouteContact().run(dispatcher, tracker, {})
    assert responses(dispatcher) == ["utter_contact_card"]
    assert "(+352) 27 55 56 03" in dispatcher.messages[0]["contact"]


async def test_who_handles_a_subject_with_no_card_gets_its_answer(dispatcher):
    tracker = about(load_tracker("contact_caritas_refugee"), "gls")
    await ActionRouteContact().run(dispatcher, tracker, {})
    assert responses(dispatcher) == ["utter_faq/social_rental_management"]
