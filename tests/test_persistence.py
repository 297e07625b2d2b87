"""Conversations are kept in the tracker store of endpoints.yml and survive a restart of Rasa."""

from bot.servers import PROJECT_ROOT
from tests.rest_user import User, language_of
from tests.tracker_db import stored_events


def test_a_restart_in_the_middle_of_a_form_loses_nothing(stack):
    user = User(stack.rest_url)
    for step in [
        "J'ai trouvé un appartement, est-ce que la garantie peut m'aider ?",
        '/inform{"protection_status": "refugee"}',
        "/affirm",
        "1.200 €",
    ]:
        user.says(step)
    events_before = stored_events(stack.tracker_db, user.sender)
    assert events_before > 0

    stack.rasa.stop()
    with (PROJECT_ROOT / "results" / "test-servers.log").open("a") as log:
        stack.rasa.start(log)

    assert stored_events(stack.tracker_db, user.sender) == events_before
    # The form goes on where it was: the next answer is the income, and the rent typed before counts.
    replies = user.says("3 000 euros") + user.says("/affirm")
    texts = [reply.get("text") or "" for reply in replies]
    assert {language_of(text) for text in texts} == {"fr"}
    assert any("5\u00a0400\u00a0€" in text for text in texts), texts
