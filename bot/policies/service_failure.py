"""When a custom action or a form could not run, or the conversation could not be read from the tracker
store, the user gets an apology and a contact, not silence or an answer out of context.

Rasa 3.6 logs the failure of a custom action (action server down, timing out or failing) and goes on
as if it had run without events: the user gets no answer, or, when `action_session_start` failed, the
fallback message ten times. A custom action that runs always returns events (its messages at least),
so one that nothing follows has failed.

When the tracker store's database is down, Rasa answers as if the conversation were new (in French,
whatever the user's language, and outside any form). Our store then gives a conversation whose
STORE_UNAVAILABLE_SLOT is set instead (bot/tracker_store.py), and nothing of it is stored.

This policy then predicts the apology, then listening, above every other policy, forms included.
"""

from __future__ import annotations

from typing import Any

from rasa.core.constants import POLICY_PRIORITY, RULE_POLICY_PRIORITY
from rasa.core.policies.policy import Policy, PolicyPrediction
from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.constants import UTTER_PREFIX
from rasa.shared.core.constants import ACTION_LISTEN_NAME, ACTION_SESSION_START_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.core.trackers import DialogueStateTracker

from bot.language import SUPPORTED_LANGUAGES

APOLOGY = "apology"
APOLOGY_RESPONSE = "utter_service_unavailable"
# The parse result's language guess (bot/nlu/language_identifier.py) and the slot it may set.
LANGUAGE_KEY = "language"
STORE_UNAVAILABLE_SLOT = "store_unavailable"


def failed_custom_action(tracker: DialogueStateTracker, domain: Domain) -> str | None:
    """The custom action or form that ran last, if it returned nothing, i.e. could not run.

    Its events, had it run, would follow it directly: here nothing follows, or the user's next message
    does (a failed `action_session_start`, which runs before the message is logged). Only in a
    conversation, which starts with `action_session_start`, run or failed: the stories `rasa test`
    replays have none, and list no events after an action either.
    """
    events = list(tracker.events)
    last_action = next(
        (index for index in reversed(range(len(events))) if isinstance(events[index], ActionExecuted)), None
    )
    if last_action is None:
        return None
    name = events[last_action].action_name
    if name is None or name.startswith(UTTER_PREFIX) or name not in domain.user_actions_and_forms:
        return None
    if not any(
        isinstance(event, ActionExecuted) and event.action_name == ACTION_SESSION_START_NAME
        for event in events
    ):
        return None  # a story replayed by `rasa test`, which lists no events after an action either
    followed_by = events[last_action + 1 : last_action + 2]
    return name if not followed_by or isinstance(followed_by[0], UserUttered) else None


def detected_language(tracker: DialogueStateTracker) -> list[SlotSet]:
    """The language of the message, when it is clear: with the action server down, action_extract_language
    could not set it, and the apology must still come in the user's language."""
    guess = (tracker.latest_message.parse_data if tracker.latest_message else {}).get(LANGUAGE_KEY) or {}
    if guess.get("reliable") and guess.get("code") in SUPPORTED_LANGUAGES:
        return [SlotSet(LANGUAGE_KEY, guess["code"])]
    return []


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=False)
class ServiceFailurePolicy(Policy):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        # Above the RulePolicy, whose form rules would otherwise go on in silence.
        return {POLICY_PRIORITY: RULE_POLICY_PRIORITY + 1, APOLOGY: APOLOGY_RESPONSE}

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        featurizer: Any = None,
    ) -> None:
        super().__init__(config, model_storage, resource, execution_context, featurizer)
        self.apology = config[APOLOGY]

    def train(
        self, training_trackers: list[TrackerWithCachedStates], domain: Domain, **kwargs: Any
    ) -> Resource:
        """Nothing to learn; the resource is all Rasa needs to load the policy."""
        return self._resource

    def predict_action_probabilities(
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        rule_only_data: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> PolicyPrediction:
        probabilities = self._default_predictions(domain)
        store_unavailable = (
            tracker.get_slot(STORE_UNAVAILABLE_SLOT) and tracker.latest_action_name == ACTION_LISTEN_NAME
        )
        if failed_custom_action(tracker, domain) or store_unavailable:
            next_action = self.apology
        elif tracker.latest_action_name == self.apology:
            next_action = ACTION_LISTEN_NAME
        else:
            return self._prediction(probabilities)
        probabilities[domain.index_for_action(next_action)] = 1.0
        # Like a form's own prediction, it does not depend on what the user wrote, and overrules them.
        return self._prediction(probabilities, events=detected_language(tracker), is_no_user_prediction=True)
