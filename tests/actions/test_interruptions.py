"""Emergencies, hand-offs and "stop": they pause or end a form, and say so."""

from actions.emergency import ActionEmergency
from actions.handoff import ActionHumanHandoff
from actions.leave_form import ActionLeaveForm
from tests.actions.conftest import load_tracker, responses, slot_events


def ends_the_form(events: list[dict]) -> bool:
    return {"event": "active_loop", "name": None} in [
        {k: e.get(k) for k in ("event", "name")} for e in events if e["event"] == "active_loop"
    ]


async def test_an_emergency_in_a_form_gives_112_first_then_a_service_then_a_way_back(dispatcher):
    events = await ActionEmergency().run(dispatcher, load_tracker("emergency_in_guarantee_form"), {})
    assert responses(dispatcher) == [
        "utter_emergency",
        "utter_route_no_housing",
        "utter_resume_guarantee_form",
    ]
    assert ends_the_form(events)
    assert slot_events(events) == {"requested_slot": None, "failed_tries": 0}


async def test_an_emergency_outside_a_form_changes_no_slot(dispatcher):
    tracker = load_tracker("emergency_in_guarantee_form", active_loop={})
    events = await ActionEmergency().run(dispatcher, tracker, {})
    assert responses(dispatcher) == ["utter_emergency", "utter_route_no_housing"]
    assert events == [{"event": "active_loop", "name": None, "timestamp": None}]


async def test_a_handoff_names_the_services_for_what_is_known_and_leaves_a_marker(dispatcher):
    events = await ActionHumanHandoff().run(dispatcher, load_tracker("contact_caritas_refugee"), {})
    assert responses(dispatcher) == [
        "utter_handoff_intro",
        "utter_route_caritas_housing",
        "utter_route_social_follow_up",
    ]
    assert slot_events(events) == {"handoff_requested": True}


async def test_a_handoff_in_a_form_pauses_it(dispatcher):
    tracker = load_tracker("contact_caritas_refugee", active_loop={"name": "contact_form"})
    events = await ActionHumanHandoff().run(dispatcher, tracker, {})
    assert responses(dispatcher)[-1] == "utter_resume_contact_form"
    assert ends_the_form(events)
    assert slot_events(events)["handoff_requested"] is True


async def test_stop_in_a_form_forgets_its_answers(dispatcher):
    tracker = load_tracker("guarantee_asking_rent")
    events = await ActionLeaveForm().run(dispatcher, tracker, {})
    assert responses(dispatcher) == ["utter_form_left"]
    assert ends_the_form(events)
    assert slot_events(events) == {
        "requested_slot": None,
        "private_market": None,
        "monthly_rent": None,
        "monthly_income": None,
        "lisko_follow_up": None,
        "failed_tries": 0,
    }


async def test_stop_outside_a_form_changes_no_slot(dispatcher):
    events = await ActionLeaveForm().run(dispatcher, load_tracker("guarantee_answers_given"), {})
    assert responses(dispatcher) == ["utter_anything_else"]
    assert events == [{"event": "active_loop", "name": None, "timestamp": None}]


async def test_an_emergency_without_housing_facts_names_lisko_with_its_phone(dispatcher):
    tracker = load_tracker("emergency_in_guarantee_form", active_loop={})
    tracker.latest_message["entities"] = []
    await ActionEmergency().run(dispatcher, tracker, {})
    assert responses(dispatcher) == ["utter_emergency", "utter_route_vulnerable"]
    assert "(+352) 27 55 56 03" in dispatcher.messages[1]["contact"]
