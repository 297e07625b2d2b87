import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.session_start import ActionSessionStart


def tracker(events, metadata=None):
    slots = {"language": "fr", "session_started_metadata": metadata}
    return Tracker("user", slots, {}, events, False, None, {}, "action_listen")


@pytest.mark.parametrize(
    "events, metadata, expected",
    [
        ([], {"language": "ar-SY"}, "ar"),
        ([], None, "fr"),
        ([{"event": "slot", "name": "language", "value": "en"}], {"language": "ar"}, "en"),
    ],
)
async def test_session_start_sets_the_language(events, metadata, expected):
    result = await ActionSessionStart().run(CollectingDispatcher(), tracker(events, metadata), {})
    assert result[0]["event"] == "session_started"
    assert {"event": "slot", "name": "language", "value": expected} == {
        k: result[1][k] for k in ("event", "name", "value")
    }
    assert result[-1]["name"] == "action_listen"
