"""What a conversation is about, and how a question is answered for its subject.

A question that names no subject ("who is it for?", "their number?") is a follow-up: it is answered for the
conversation's current subject. A subject the message names wins over the current one.
"""

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import PrivateAttr, constr

from bot.rules.loading import DATA_DIR, StrictModel, load_model

SUBJECTS_FILE = DATA_DIR / "subjects.yml"

# The intents of domain.yml that the subject changes.
FAQ = "faq"
UNSURE = "nlu_fallback"
OUT_OF_SCOPE = "out_of_scope"
INFORM = "inform"
FIND_CONTACT = "find_contact"
HUMAN_HANDOFF = "human_handoff"
# A question about an aspect of what the conversation is about that names no subject ("how much?", "where do I
# go?", "c'est pour qui ?"): answered for the current subject; with none, the user is asked which they mean.
FOLLOW_UP = "follow_up"
# Verdicts that a short question naming no subject often gets: out of scope ("what are the rules?") or small
# talk ("c'est où ?" as a question to the bot, "ils parlent de quoi ?" as a request for help). Below the
# confidence gate's action threshold, a question on a follow-up with one of them is about the current
# subject: the model could not place it (docs/understanding.md gives what it costs).
PLACEABLE_ON_SUBJECT = frozenset(
    {OUT_OF_SCOPE, "bot_challenge", "help", "affirm", "deny", "goodbye", "thank"}
)
UNSURE_VERDICT = 0.7


class Subject(StrictModel):
    faq: list[constr(min_length=1)]
    service: str | None = None
    general: bool = False


@dataclass(frozen=True)
class Question:
    """What the understanding says about one message."""

    intent: str
    confidence: float
    faq_ranking: list[str]  # FAQ keys, likeliest first
    named: list[str]  # the subjects the message names, in the order they come
    asks_contact: bool = False  # the message asks for a phone number, an address, an e-mail...
    is_question: bool = False
    refers_to_them: bool = False  # the message speaks of the service discussed as "they"


@dataclass(frozen=True)
class Reply:
    """The FAQ answer to give, the service whose contact card to give, or the FAQ answers to offer."""

    faq_key: str | None = None
    service: str | None = None
    choices: tuple[str, ...] = ()


class Subjects(StrictModel):
    subjects: dict[str, Subject]
    _subject_of_answer: dict[str, str] = PrivateAttr()

    def __init__(self, **data: Any) -> None:
        super().__init__(**data)
        self._subject_of_answer = {
            key: name for name, subject in self.subjects.items() for key in subject.faq
        }

    def subject_of(self, faq_key: str) -> str | None:
        return self._subject_of_answer.get(faq_key)

    def service_of(self, subjects: list[str]) -> str | None:
        """The service of the first of `subjects` that has one."""
        services = (self.subjects[name].service for name in subjects)
        return next((service for service in services if service), None)

    def answers(self, question: Question, subjects: list[str]) -> list[str]:
        """The FAQ answers of `subjects`, likeliest first (any the ranking lacks last, in file order)."""
        keys = [key for key in question.faq_ranking if self.subject_of(key) in subjects]
        return keys + [key for name in subjects for key in self.subjects[name].faq if key not in keys]

    def explicit(self, question: Question, current: str | None) -> list[str]:
        """The subjects named, less a general one (housing) when the conversation is about another, and less
        another service's topic when the question speaks of the current subject's service as "they" ("do they
        help with jobs too?" about LogIS is about LogIS, not about ADEM's job search)."""
        named = [
            name
            for name in question.named
            if name == current or current is None or not self.subjects[name].general
        ]
        service = self.subjects[current].service if current else None
        if question.refers_to_them and service:
            named = [name for name in named if self.subjects[name].service in (name, service)]
        return named

    def reply(self, question: Question, current: str | None) -> Reply | None:
        """The reply for the subject, or None when the intent's usual reply stands."""
        named = self.explicit(question, current)
        candidates = named or ([current] if current else [])
        if question.intent == HUMAN_HANDOFF and not question.asks_contact:
            named_service = self.service_of(named)
            return Reply(service=named_service) if named_service else None
        sure_out_of_scope = question.intent == OUT_OF_SCOPE and question.confidence >= UNSURE_VERDICT
        if question.intent == FIND_CONTACT or (question.asks_contact and not sure_out_of_scope):
            service = self.service_of(candidates)
            if service:
                return Reply(service=service)
        if question.intent == FOLLOW_UP:
            return Reply(faq_key=self.answers(question, candidates)[0]) if candidates else None
        if question.intent == FAQ:
            top = question.faq_ranking[0]
            if not candidates or self.subject_of(top) in candidates:
                return Reply(faq_key=top)
            return Reply(faq_key=self.answers(question, candidates)[0])
        if question.intent == UNSURE and named and current is None:
            # An unsure first question that names its subject: its answers to choose from, or its only one.
            choices = self.answers(question, named)
            return Reply(choices=tuple(choices)) if len(choices) > 1 else Reply(faq_key=choices[0])
        on_current_subject = not named and current is not None
        answered_for_subject = (
            (question.intent == UNSURE and candidates)
            or (question.intent == INFORM and named)
            # No fact given is a question: "how much max?" read as `inform` asks about the subject.
            or (question.intent == INFORM and question.is_question and on_current_subject)
            # "Who runs it?" about a subject whose service has no card: its answer says whom to ask.
            or (question.intent == FIND_CONTACT and on_current_subject)
            or (
                question.intent in PLACEABLE_ON_SUBJECT
                and question.is_question
                and on_current_subject
                and question.confidence < UNSURE_VERDICT
            )
        )
        return Reply(faq_key=self.answers(question, candidates)[0]) if answered_for_subject else None

    def next_subject(self, question: Question, current: str | None) -> str | None:
        """The subject after this message: that of the answer given, else the first named (a general one,
        such as housing, only when no other is), else the same."""
        reply = self.reply(question, current)
        if reply and reply.faq_key:
            return self.subject_of(reply.faq_key)
        named = self.explicit(question, current)
        specific = [name for name in named if not self.subjects[name].general]
        return (specific or named or [current])[0]


def load_subjects(path: Path = SUBJECTS_FILE) -> Subjects:
    return load_model(path, Subjects)
