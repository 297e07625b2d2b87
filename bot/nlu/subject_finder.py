"""The subjects a message names ("LISKO", "la garantie", "ورشة"), whether it asks for contact details and
whether it is a question, from the closed lists of `bot/nlu/data/subject_names.yml`: a follow-up question
names no subject (actions/subject.py)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.danger_lexicon import Pattern, compile_pattern, normalise_message
from bot.understanding import ASKS_CONTACT_ENTITY, IS_QUESTION_ENTITY, REFERS_TO_THEM_ENTITY, SUBJECT_ENTITY

SUBJECT_NAMES_FILE = Path(__file__).parent / "data" / "subject_names.yml"
QUESTION_MARKS = ("?", "؟")


@dataclass(frozen=True)
class SubjectNames:
    """Each subject's names, the words that ask for contact details, that speak of a service as "they", and
    the question words, as danger-lexicon patterns."""

    subjects: dict[str, list[Pattern]]
    contact_details: list[Pattern]
    refers_to_them_words: list[Pattern]
    question_words: list[Pattern]

    def named(self, text: str) -> list[str]:
        """The subjects `text` names, in the order they come in it."""
        normalised = normalise_message(text)
        first_position = {}
        for subject, patterns in self.subjects.items():
            positions = [m.start() for p in patterns if (m := p.regex.search(normalised)) is not None]
            if positions:
                first_position[subject] = min(positions)
        return sorted(first_position, key=first_position.get)

    def asks_contact(self, text: str) -> bool:
        normalised = normalise_message(text)
        return any(pattern.search(normalised) for pattern in self.contact_details)

    def refers_to_them(self, text: str) -> bool:
        """Whether `text` speaks of the service being discussed as "they"."""
        normalised = normalise_message(text)
        return any(pattern.search(normalised) for pattern in self.refers_to_them_words)

    def is_question(self, text: str) -> bool:
        if any(mark in text for mark in QUESTION_MARKS):
            return True
        normalised = normalise_message(text)
        return any(pattern.search(normalised) for pattern in self.question_words)


def load_subject_names(path: Path = SUBJECT_NAMES_FILE) -> SubjectNames:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return SubjectNames(
        subjects={
            name: [compile_pattern(p) for p in patterns] for name, patterns in data["subjects"].items()
        },
        contact_details=[compile_pattern(p) for p in data["contact_details"]],
        refers_to_them_words=[compile_pattern(p) for p in data["refers_to_them"]],
        question_words=[compile_pattern(p) for p in data["question_words"]],
    )


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class SubjectFinder(GraphComponent):
    """Adds one `subject` entity per subject named, `asks_contact` when contact details are asked for,
    `refers_to_them` when the service discussed is "they", and `is_question` for a question.

    A closed list, like the danger lexicon: which subject a message names must not depend on how sure the
    classifier is, since a follow-up question is answered for the current subject only when it names none.
    """

    def __init__(self, names: SubjectNames) -> None:
        self._names = names

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SubjectFinder:
        return cls(load_subject_names())

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT)
            if not text:
                continue
            found = [(SUBJECT_ENTITY, subject) for subject in self._names.named(text)]
            if self._names.asks_contact(text):
                found.append((ASKS_CONTACT_ENTITY, "yes"))
            if self._names.refers_to_them(text):
                found.append((REFERS_TO_THEM_ENTITY, "yes"))
            if self._names.is_question(text):
                found.append((IS_QUESTION_ENTITY, "yes"))
            entities = [
                {"entity": entity, "value": value, "start": 0, "end": len(text), "extractor": "SubjectFinder"}
                for entity, value in found
            ]
            message.set(ENTITIES, (message.get(ENTITIES) or []) + entities, add_to_output=True)
        return messages
