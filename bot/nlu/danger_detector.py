"""The emergency safety net: a message that matches the danger lexicon is an emergency, whatever else."""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, PREDICTED_CONFIDENCE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.danger_lexicon import DangerLexicon, load_lexicon
from bot.understanding import DANGER_ENTITY

EMERGENCY_INTENT = "emergency"


def mark_emergency(message: Message, categories: list[str], extractor: str) -> None:
    """Sets the intent to `emergency` (confidence 1) and adds one `danger` entity per category."""
    emergency = {"name": EMERGENCY_INTENT, PREDICTED_CONFIDENCE_KEY: 1.0}
    ranking = [e for e in message.get(INTENT_RANKING_KEY) or [] if e["name"] != EMERGENCY_INTENT]
    message.set(INTENT, emergency, add_to_output=True)
    message.set(INTENT_RANKING_KEY, [emergency] + ranking, add_to_output=True)
    text = message.get(TEXT) or ""
    danger = [
        {"entity": DANGER_ENTITY, "value": category, "start": 0, "end": len(text), "extractor": extractor}
        for category in categories
    ]
    message.set(ENTITIES, (message.get(ENTITIES) or []) + danger, add_to_output=True)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class DangerDetector(GraphComponent):
    """Deterministic, after the classifier and its confidence gate, so that nothing overrides it.

    The lexicon is data, one file per language in `bot/nlu/data/danger/`; all are applied to every
    message, since people in distress mix languages.
    """

    def __init__(self, lexicon: DangerLexicon) -> None:
        self._lexicon = lexicon

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> DangerDetector:
        return cls(load_lexicon())

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT)
            categories = self._lexicon.categories(text) if text else []
            if categories:
                mark_emergency(message, categories, self.__class__.__name__)
        return messages
