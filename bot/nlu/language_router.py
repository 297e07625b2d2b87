"""Messages the model cannot have understood: a language not served, Arabic in Latin letters."""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, PREDICTED_CONFIDENCE_KEY
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.language_identifier import LANGUAGE_KEY

OTHER_LANGUAGE_INTENT = "other_language"
ROMANISED_ARABIC_INTENT = "romanised_arabic"


def routed_intent(guess: dict[str, Any] | None) -> str | None:
    """The intent a language guess imposes, if any."""
    if not guess:
        return None
    if guess.get("unsupported"):
        return OTHER_LANGUAGE_INTENT
    if guess.get("romanised_arabic"):
        return ROMANISED_ARABIC_INTENT
    return None


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class LanguageRouter(GraphComponent):
    """Replaces the model's intent, which it guessed from a language it was not trained on."""

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> LanguageRouter:
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            intent = routed_intent(message.get(LANGUAGE_KEY))
            if intent:
                routed = {"name": intent, PREDICTED_CONFIDENCE_KEY: 1.0}
                message.set(INTENT, routed, add_to_output=True)
                message.set(INTENT_RANKING_KEY, [routed], add_to_output=True)
        return messages
