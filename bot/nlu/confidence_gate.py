"""The confidence gate: an unsure prediction becomes `nlu_fallback` (a clarifying question), not an answer."""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import (
    INTENT,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
)
from rasa.shared.nlu.training_data.message import Message

from bot.understanding import label_ranking

# Declining is never a wrong answer: it needs no confidence.
OUT_OF_SCOPE_INTENT = "out_of_scope"
EMERGENCY_INTENT = "emergency"


def is_sure(ranking: list[tuple[str, float]], config: dict[str, Any]) -> bool:
    """Whether the first label may be acted on: its probability, its margin, and what acting on it costs."""
    label, probability = ranking[0]
    if label == OUT_OF_SCOPE_INTENT:
        return True
    runner_up = ranking[1][1] if len(ranking) > 1 else 0.0
    threshold = config["action_threshold"] if label in config["actions"] else config["answer_threshold"]
    return probability >= threshold and probability - runner_up >= config["margin"]


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class ConfidenceGate(GraphComponent):
    """Like Rasa's FallbackClassifier, but over intents and FAQ answers together, with a higher bar
    for the intents that do something (erase, start a form, hand over: `actions` in config.yml), and its
    own one for an emergency, which wins from `emergency_threshold` on even when it is not first."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {
            "answer_threshold": 0.5,
            "margin": 0.2,
            "action_threshold": 0.7,
            "actions": [],
            "emergency_threshold": 0.4,
        }

    def __init__(self, config: dict[str, Any]) -> None:
        self._config = config

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> ConfidenceGate:
        return cls({**cls.get_default_config(), **config})

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            ranking = label_ranking(message.as_dict_nlu())
            if not ranking:
                continue
            emergency = dict(ranking).get(EMERGENCY_INTENT, 0.0)
            if emergency >= self._config["emergency_threshold"]:
                decided = {"name": EMERGENCY_INTENT, PREDICTED_CONFIDENCE_KEY: emergency}
            elif is_sure(ranking, self._config):
                continue
            else:
                decided = {"name": DEFAULT_NLU_FALLBACK_INTENT_NAME, PREDICTED_CONFIDENCE_KEY: ranking[0][1]}
            message.set(INTENT, decided, add_to_output=True)
            message.set(INTENT_RANKING_KEY, [decided] + message.get(INTENT_RANKING_KEY), add_to_output=True)
        return messages
