"""Per-message language identification: Arabic script, else lingua restricted to French/English."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any

from lingua import Language, LanguageDetector, LanguageDetectorBuilder
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.arabic import ARABIC_LETTER

LANGUAGE_KEY = "language"
LATIN_LETTER = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ]")
WORD = re.compile(r"[^\W\d_]+")
LINGUA_CODES = {Language.FRENCH: "fr", Language.ENGLISH: "en"}


@dataclass(frozen=True)
class LanguageGuess:
    """The detected language; `reliable` is False when the message is too short or unclear."""

    code: str
    confidence: float
    reliable: bool


def build_detector() -> LanguageDetector:
    return LanguageDetectorBuilder.from_languages(*LINGUA_CODES).with_preloaded_language_models().build()


def identify_language(
    text: str,
    detector: LanguageDetector,
    neutral_words: frozenset[str],
    min_words: int,
    min_confidence: float,
) -> LanguageGuess:
    """Arabic script means Arabic; otherwise lingua decides if the text is long and clear enough."""
    arabic_letters = len(ARABIC_LETTER.findall(text))
    if arabic_letters:
        latin_letters = len(LATIN_LETTER.findall(text))
        return LanguageGuess("ar", round(arabic_letters / (arabic_letters + latin_letters), 3), True)

    words = [w for w in WORD.findall(text.lower()) if w not in neutral_words]
    values = detector.compute_language_confidence_values(" ".join(words)) if words else []
    if not values or values[0].value == 0:
        return LanguageGuess("fr", 0.0, False)
    best = values[0]
    # One-letter words ("c", "l'", "u") are SMS shorthand in either language: no evidence.
    evidence = [w for w in words if len(w) > 1]
    reliable = len(evidence) >= min_words and best.value >= min_confidence
    return LanguageGuess(LINGUA_CODES[best.language], round(best.value, 3), reliable)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class LanguageIdentifier(GraphComponent):
    """Sets `language` ({code, confidence, reliable}) on each message, in training and at run time.

    Registered as a featurizer so that the graph also runs it on training data: the tokenizer after
    it needs the language. Service names and acronyms listed in `neutral_words` are not evidence.
    """

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"min_words": 3, "min_confidence": 0.7, "neutral_words": []}

    def __init__(self, config: dict[str, Any]) -> None:
        self._detector = build_detector()
        self._neutral_words = frozenset(w.lower() for w in config["neutral_words"])
        self._min_words = config["min_words"]
        self._min_confidence = config["min_confidence"]

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> LanguageIdentifier:
        return cls(config)

    def guess(self, text: str) -> LanguageGuess:
        return identify_language(
            text, self._detector, self._neutral_words, self._min_words, self._min_confidence
        )

    def _annotate(self, message: Message) -> None:
        text: str | None = message.get(TEXT)
        if text:
            message.set(LANGUAGE_KEY, asdict(self.guess(text)), add_to_output=True)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        for example in training_data.training_examples:
            self._annotate(example)
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            self._annotate(message)
        return messages
