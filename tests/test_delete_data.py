"""Erasing one's conversation: asked, confirmed, and then nothing of it is left in the store."""

import pytest

from tests.rest_user import User, language_of
from tests.tracker_db import stored_events

ASKS = {
    "fr": "efface mes données s'il vous plaît",
    "en": "please delete my data",
    "ar": "احذف بياناتي من فضلك",
}


@pytest.mark.parametrize("language", ASKS)
def test_confirmed_erasure_leaves_nothing_in_the_store(stack, language):
    user = User(stack.rest_url)
    user.says(f'/set_language{{"language": "{language}"}}')
    user.says("/check_guarantee")  # the questions of a form; asking to erase ends it
    assert stored_events(stack.tracker_db, user.sender) > 0

    [question] = user.says("/delete_data")
    assert [button["payload"] for button in question["buttons"]] == ["/affirm", "/deny"]
    assert language_of(question["text"]) == language
    [done] = user.says("/affirm")
    assert language_of(done["text"]) == language

    assert stored_events(stack.tracker_db, user.sender) == 0


def test_unconfirmed_erasure_keeps_the_conversation(stack):
    user = User(stack.rest_url)
    user.says("Bonjour, qu'est-ce que le LISKO ?")
    user.says("/delete_data")
    before = stored_events(stack.tracker_db, user.sender)
    [kept] = user.says("/deny")
    assert language_of(kept["text"]) == "fr"
    assert stored_events(stack.tracker_db, user.sender) > before


@pytest.mark.parametrize("language", ASKS)
def test_users_ask_in_their_own_words(stack, language):
    user = User(stack.rest_url)
    replies = user.says(ASKS[language])
    assert [b["payload"] for r in replies for b in r.get("buttons", [])] == ["/affirm", "/deny"]
    assert {language_of(r["text"]) for r in replies} == {language}


def test_a_new_conversation_starts_after_the_erasure(stack):
    user = User(stack.rest_url)
    user.says("Bonjour, qu'est-ce que le LISKO ?")
    user.says("/delete_data")
    user.says("/affirm")
    assert user.says("Bonjour") and stored_events(stack.tracker_db, user.sender) > 0
