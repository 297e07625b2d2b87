import pytest

from actions.welcome import ActionWelcome
from tests.actions.conftest import load_tracker, responses


@pytest.mark.parametrize("language, stated", [("fr", "14\u00a0jours"), ("ar", "14 يومًا")])
async def test_the_welcome_states_the_retention_period_in_the_conversation_language(
    dispatcher, monkeypatch, language, stated
):
    monkeypatch.setattr("actions.welcome.RETENTION_DAYS", 14.0)
    await ActionWelcome().run(dispatcher, load_tracker("guarantee_answers_given", language=language), {})
    assert responses(dispatcher) == ["utter_welcome"]
    assert dispatcher.messages[0]["retention_days"] == stated
