"""Exposes a reliable language detection as the `detected_language` entity for slot mappings."""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.language_identifier import LANGUAGE_KEY

DETECTED_LANGUAGE_ENTITY = "detected_language"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class LanguageEntityExtractor(GraphComponent):
    """Runs after the entity extractors, which replace the entity list, and appends to it."""

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> LanguageEntityExtractor:
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            guess = message.get(LANGUAGE_KEY)
            if not guess or not guess["reliable"]:
                continue
            entity = {
                "entity": DETECTED_LANGUAGE_ENTITY,
                "value": guess["code"],
                "start": 0,
                "end": len(message.get(TEXT, "")),
                "confidence_entity": guess["confidence"],
                "extractor": self.__class__.__name__,
            }
            message.set(ENTITIES, message.get(ENTITIES, []) + [entity], add_to_output=True)
        return messages
