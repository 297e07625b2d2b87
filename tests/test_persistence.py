"""Conversations are kept in the tracker store of endpoints.yml and survive a restart of Rasa."""

from bot.paths import PROJECT_ROOT
from bot.tools.bench.conversations import GUARANTEE_FORMS
from tests.rest_user import User, language_of
from tests.tracker_db import stored_events


def test_a_restart_in_the_middle_of_a_form_loses_nothing(stack):
    user = User(stack.rest_url)
    *answered, rent = GUARANTEE_FORMS["fr"]
    for step in answered:
        user.says(step)
    events_before = stored_events(stack.tracker_db, user.sender)
    assert events_before > 0

    stack.rasa.stop()
    with (PROJECT_ROOT / "results" / "test-servers.log").open("a") as log:
        stack.rasa.start(log)

    assert stored_events(stack.tracker_db, user.sender) == events_before
    # The form goes on where it was: the next answer is the rent, and the status given before counts.
    replies = user.says(rent)
    texts = [reply.get("text") or "" for reply in replies]
    assert {language_of(text) for text in texts} == {"fr"}
    assert any("5\u00a0400\u00a0€" in text for text in texts), texts
