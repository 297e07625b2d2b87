"""The policy that apologises when a custom action or a form could not run, or the conversation could
not be read from the tracker store."""

import pytest
from rasa.core.constants import RULE_POLICY_PRIORITY
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.paths import DOMAIN_FILE
from bot.policies.service_failure import (
    APOLOGY_RESPONSE,
    STORE_UNAVAILABLE_SLOT,
    ServiceFailurePolicy,
    failed_custom_action,
)
from bot.responses import RESPONSES_FOLDER

DOMAIN = Domain.load([DOMAIN_FILE, RESPONSES_FOLDER])
USER = UserUttered("Est-ce que la garantie peut m'aider ?", {"name": "check_guarantee"})


@pytest.fixture(scope="module")
def policy(tmp_path_factory) -> ServiceFailurePolicy:
    storage = LocalModelStorage(tmp_path_factory.mktemp("policy"))
    context = ExecutionContext(GraphSchema({}), "test")
    return ServiceFailurePolicy.create(
        ServiceFailurePolicy.get_default_config(), storage, Resource("policy"), context
    )


def tracker(*events, before_user: list) -> DialogueStateTracker:
    return DialogueStateTracker.from_events("someone", [*before_user, USER, *events])


SESSION_START = ActionExecuted("action_session_start")
# How every conversation starts; the stories that `rasa test` replays start with listening only.
STARTED = [SESSION_START, SessionStarted(), ActionExecuted(ACTION_LISTEN_NAME)]
STORY_START = [ActionExecuted(ACTION_LISTEN_NAME)]

CASES = {
    "custom action returned nothing": ([ActionExecuted("action_check_guarantee")], APOLOGY_RESPONSE),
    "form returned nothing": (
        [ActionExecuted("utter_guarantee_intro"), BotUttered("…"), ActionExecuted("guarantee_form")],
        APOLOGY_RESPONSE,
    ),
    "after the apology": (
        [ActionExecuted("action_check_guarantee"), ActionExecuted(APOLOGY_RESPONSE), BotUttered("…")],
        ACTION_LISTEN_NAME,
    ),
    "custom action answered": ([ActionExecuted("action_check_guarantee"), BotUttered("…")], None),
    "custom action set a slot": (
        [ActionExecuted("action_human_handoff"), SlotSet("handoff_requested", True)],
        None,
    ),
    "a response, which needs no action server": ([ActionExecuted("utter_welcome")], None),
    "a user message to answer": ([], None),
}
STORY_CASES = {
    "a story step in rasa test, which lists no events": (
        STORY_START,
        [ActionExecuted("action_check_guarantee")],
        None,
    ),
}
STORE_CASES = {
    # The conversation our tracker store gives while its database is down, and the user's message.
    "tracker store unavailable": (
        [SlotSet(STORE_UNAVAILABLE_SLOT, True), ActionExecuted(ACTION_LISTEN_NAME)],
        [],
        APOLOGY_RESPONSE,
    ),
    "after that apology": (
        [SlotSet(STORE_UNAVAILABLE_SLOT, True), ActionExecuted(ACTION_LISTEN_NAME)],
        [ActionExecuted(APOLOGY_RESPONSE), BotUttered("…")],
        ACTION_LISTEN_NAME,
    ),
}
SESSION_CASES = {
    "session start returned nothing": ([SESSION_START], [], APOLOGY_RESPONSE),
    "then slots were filled from the message": (
        [SESSION_START],
        [SlotSet("language", "ar")],
        APOLOGY_RESPONSE,
    ),
    "session start ran": (STARTED, [], None),
}


@pytest.mark.parametrize(
    "before_user, events, expected",
    [(STARTED, *case) for case in CASES.values()]
    + list(STORY_CASES.values())
    + list(SESSION_CASES.values())
    + list(STORE_CASES.values()),
    ids=list(CASES) + list(STORY_CASES) + list(SESSION_CASES) + list(STORE_CASES),
)
def test_prediction(policy, before_user, events, expected):
    prediction = policy.predict_action_probabilities(tracker(*events, before_user=before_user), DOMAIN)

    if expected is None:
        assert max(prediction.probabilities) == 0.0
    else:
        assert prediction.probabilities[DOMAIN.index_for_action(expected)] == 1.0
        assert prediction.max_confidence == 1.0
        # It must overrule the RulePolicy's form predictions, which do not depend on the user either.
        assert prediction.is_no_user_prediction
        assert prediction.policy_priority > RULE_POLICY_PRIORITY


def test_failed_custom_action_names_it():
    assert (
        failed_custom_action(tracker(ActionExecuted("contact_form"), before_user=STARTED), DOMAIN)
        == "contact_form"
    )
    assert failed_custom_action(tracker(before_user=STARTED), DOMAIN) is None
