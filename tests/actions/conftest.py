"""Trackers built from the JSON fixtures in `trackers/`, with slots changed per test."""

import json
from pathlib import Path

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

TRACKERS_DIR = Path(__file__).parent / "trackers"


def load_tracker(name: str, active_loop: dict | None = None, **slots) -> Tracker:
    state = json.loads((TRACKERS_DIR / f"{name}.json").read_text(encoding="utf-8"))
    state["slots"].update(slots)
    if active_loop is not None:
        state["active_loop"] = active_loop
    return Tracker.from_dict(state)


def about(tracker: Tracker, subject: str | None) -> Tracker:
    """`tracker` in a conversation about `subject` when its latest message came (actions/subject.py)."""
    tracker.slots["subject"] = subject
    tracker.events = [
        {"event": "session_started"},
        {"event": "slot", "name": "subject", "value": subject},
        {"event": "user", "text": tracker.latest_message.get("text")},
    ]
    return tracker


def responses(dispatcher: CollectingDispatcher) -> list[str]:
    return [message["response"] for message in dispatcher.messages]


def slot_events(events: list[dict]) -> dict:
    return {event["name"]: event["value"] for event in events if event["event"] == "slot"}


@pytest.fixture
def dispatcher() -> CollectingDispatcher:
    return CollectingDispatcher()
