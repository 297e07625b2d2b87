"""The tracker store saves turns, and erases the whole conversation in the turn that asks for it."""

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SessionStarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.tracker_store import ErasableSQLTrackerStore


@pytest.fixture
def store(tmp_path) -> ErasableSQLTrackerStore:
    return ErasableSQLTrackerStore(
        domain=Domain.empty(), dialect="sqlite", db=str(tmp_path / "conversations.db")
    )


def tracker(sender: str, *events) -> DialogueStateTracker:
    return DialogueStateTracker.from_events(
        sender, [ActionExecuted("action_session_start"), SessionStarted(), *events]
    )


async def test_a_turn_is_saved(store):
    await store.save(tracker("amina", UserUttered("bonjour"), ActionExecuted("utter_welcome")))
    assert store.erase("nobody") == 0
    assert len((await store.retrieve_full_tracker("amina")).events) == 4


async def test_the_turn_with_action_delete_data_erases_every_session(store):
    await store.save(tracker("amina", UserUttered("bonjour")))
    await store.save(tracker("amina", UserUttered("bonjour"), UserUttered("/delete_data")))
    await store.save(tracker("karim", UserUttered("hello")))
    await store.save(tracker("amina", UserUttered("/affirm"), ActionExecuted("action_delete_data")))
    assert await store.retrieve_full_tracker("amina") is None
    assert await store.retrieve_full_tracker("karim") is not None
