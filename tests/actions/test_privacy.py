"""Erasing one's conversation: the actions ask, end a form in progress, and confirm."""

from actions.privacy import ActionAskDeleteData, ActionDeleteData
from tests.actions.conftest import load_tracker, responses, slot_events
from tests.actions.test_interruptions import ends_the_form


async def test_asking_in_a_form_ends_it_so_that_yes_or_no_answers_the_question(dispatcher):
    events = await ActionAskDeleteData().run(dispatcher, load_tracker("guarantee_asking_rent"), {})
    assert responses(dispatcher) == ["utter_confirm_delete_data"]
    assert ends_the_form(events)
    assert slot_events(events) == {"requested_slot": None}


async def test_asking_outside_a_form(dispatcher):
    tracker = load_tracker("guarantee_answers_given", active_loop={})
    events = await ActionAskDeleteData().run(dispatcher, tracker, {})
    assert responses(dispatcher) == ["utter_confirm_delete_data"]
    assert ends_the_form(events)


async def test_erasing_confirms_and_changes_nothing_itself(dispatcher):
    events = await ActionDeleteData().run(dispatcher, load_tracker("guarantee_answers_given"), {})
    assert responses(dispatcher) == ["utter_data_deleted"]
    assert events == []
