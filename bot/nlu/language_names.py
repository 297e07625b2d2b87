"""A language named in a message ("please write in French", "الانجليزية من فضلك") that the entity extractor
missed: the names are the training data's synonyms of fr, en and ar."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.language import SUPPORTED_LANGUAGES
from bot.nlu.danger_lexicon import normalise_message

LANGUAGE_ENTITY = "language"
NAMES_FILE = "language_names.json"
LANGUAGE_WORDS_PATH = Path(__file__).parent / "data" / "language_words.yml"


def load_not_understood(path: Path = LANGUAGE_WORDS_PATH) -> list[str]:
    """Phrases that say a language named is the one the user does not understand ("my French is bad")."""
    phrases = yaml.safe_load(path.read_text(encoding="utf-8"))["not_understood"]
    return [normalise_message(str(phrase)) for phrase in phrases]


def language_names(synonyms: dict[str, str]) -> dict[str, str]:
    """{name, normalised: language code} from the training data's synonyms of the served languages."""
    return {
        normalise_message(name): code
        for name, code in synonyms.items()
        if code in SUPPORTED_LANGUAGES and re.search(r"[^\W\d_]", name)
    }


def contains(normalised: str, phrase: str) -> bool:
    return f" {phrase} " in f" {normalised} "


def named_language(text: str, names: dict[str, str], not_understood: list[str]) -> str | None:
    """The one served language `text` names, unless it names several or says one is not understood."""
    normalised = normalise_message(text)
    if any(contains(normalised, phrase) for phrase in not_understood):
        return None
    codes = {code for name, code in names.items() if contains(normalised, name)}
    return codes.pop() if len(codes) == 1 else None


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=True)
class LanguageNameFinder(GraphComponent):
    """Adds a `language` entity when the extractor found none and the message names one language only.

    A closed list is surer than the statistical extractor, which learns from the same training data that
    a language named is sometimes the one wanted and sometimes the one not understood. A message that
    says a language is not understood gets no entity: the conversation then takes the language it is
    written in (bot/language.py).
    """

    def __init__(self, model_storage: ModelStorage, resource: Resource, names: dict[str, str]) -> None:
        self._model_storage = model_storage
        self._resource = resource
        self._names = names
        self._not_understood = load_not_understood()

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> LanguageNameFinder:
        return cls(model_storage, resource, {})

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> LanguageNameFinder:
        with model_storage.read_from(resource) as directory:
            names = json.loads((Path(directory) / NAMES_FILE).read_text(encoding="utf-8"))
        return cls(model_storage, resource, names)

    def train(self, training_data: TrainingData) -> Resource:
        self._names = language_names(training_data.entity_synonyms)
        with self._model_storage.write_to(self._resource) as directory:
            (Path(directory) / NAMES_FILE).write_text(
                json.dumps(self._names, ensure_ascii=False), encoding="utf-8"
            )
        return self._resource

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            entities = message.get(ENTITIES) or []
            text = message.get(TEXT)
            if not text or any(e.get("entity") == LANGUAGE_ENTITY for e in entities):
                continue
            code = named_language(text, self._names, self._not_understood)
            if code:
                found = {
                    "entity": LANGUAGE_ENTITY,
                    "value": code,
                    "start": 0,
                    "end": len(text),
                    "extractor": self.__class__.__name__,
                }
                message.set(ENTITIES, entities + [found], add_to_output=True)
        return messages
