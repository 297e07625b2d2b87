"""`make eval-dialogue`: per language, on the held-out conversations of `tests/dialogue/`, the share of
follow-up turns answered for the conversation's subject, of named-service requests answered with that
service's card, of keyword questions answered with their topic, and of off-topic questions after a subject
that get neither an answer nor a card; fails below the gates."""

from __future__ import annotations

import asyncio
import json
import logging
import sys
from dataclasses import asdict, dataclass
from typing import Any

import yaml
from rasa.core.agent import Agent
from rasa.utils.common import configure_logging_and_warnings
from rasa.utils.endpoints import EndpointConfig
from rasa.utils.log_utils import configure_structlog

from bot.language import SUPPORTED_LANGUAGES
from bot.paths import HOST, MODEL_PATH, PROJECT_ROOT
from bot.rules.directory import Directory, load_directory
from bot.rules.subjects import Subjects, load_subjects
from bot.tools.evaluate import (
    EVAL_ACTION_PORT,
    ResponsePatterns,
    check,
    markdown_table,
    replies_to,
    response_of,
    response_patterns,
    share,
)
from bot.tools.servers import action_server
from bot.understanding import topic_payload

DIALOGUE_DIR = PROJECT_ROOT / "tests" / "dialogue"
RESULTS_PATH = PROJECT_ROOT / "results" / "eval_dialogue.json"
FAQ_RESPONSE_PREFIX = "utter_faq/"
# Each figure's minimum: 0.95 for the first three. A product's bar for off-topic questions declined is 0.9;
# they do not reach it in every language yet (docs/understanding.md, "Figures"), and their gate holds
# today's level until they do.
GATES = {
    "follow_ups_on_subject": 0.95,
    "contacts_with_card": 0.95,
    "keywords_on_topic": 0.95,
    "off_topic_declined": 0.5,
}


@dataclass
class DialogueReport:
    language: str
    follow_up_turns: int
    follow_ups_on_subject: float
    contact_requests: int
    contacts_with_card: float
    keyword_questions: int
    keywords_on_topic: float
    off_topic_questions: int
    off_topic_declined: float


@dataclass(frozen=True)
class Judge:
    """What counts as an answer about a subject, or with a service's contact."""

    patterns: ResponsePatterns
    subjects: Subjects
    directory: Directory

    def faq_keys(self, replies: list[dict[str, Any]]) -> set[str]:
        """The FAQ answers among the replies, by key."""
        names = ((response_of(reply.get("text"), self.patterns) or ("", ""))[0] for reply in replies)
        return {
            name.removeprefix(FAQ_RESPONSE_PREFIX) for name in names if name.startswith(FAQ_RESPONSE_PREFIX)
        }

    def gives_contact(self, replies: list[dict[str, Any]], service_id: str) -> bool:
        """The service's card (its phone numbers and e-mails), or its name where the directory has none."""
        service = self.directory.services[service_id]
        expected = service.phones + service.emails or [service.name]
        texts = [reply.get("text") or "" for reply in replies]
        return any(detail in text for detail in expected for text in texts)

    def about(self, replies: list[dict[str, Any]], subject_name: str, with_buttons: bool = False) -> bool:
        """An answer of the subject or its service's card; `with_buttons`, a choice of its answers too."""
        subject = self.subjects.subjects[subject_name]
        if self.faq_keys(replies) & set(subject.faq):
            return True
        payloads = {button.get("payload") for reply in replies for button in reply.get("buttons") or []}
        if with_buttons and payloads & {topic_payload(key) for key in subject.faq}:
            return True
        return subject.service is not None and self.gives_contact(replies, subject.service)

    def declines(self, replies: list[dict[str, Any]]) -> bool:
        """Neither an FAQ answer nor a service's card."""
        cards = (self.gives_contact(replies, service) for service in self.directory.services)
        return not self.faq_keys(replies) and not any(cards)


def conversations(language: str) -> dict[str, list[dict[str, Any]]]:
    """The held-out conversations in `language` of every set (one folder of tests/dialogue each)."""
    kinds = ("follow_ups", "contacts", "keywords", "off_topic")
    merged: dict[str, list[dict[str, Any]]] = {kind: [] for kind in kinds}
    for path in sorted(DIALOGUE_DIR.glob(f"*/{language}.yml")):
        for kind, items in yaml.safe_load(path.read_text(encoding="utf-8")).items():
            merged[kind] += items
    return merged


async def evaluate_language(agent: Agent, judge: Judge, language: str) -> DialogueReport:
    sets = conversations(language)
    follow_up_hits = follow_up_turns = 0
    for index, conversation in enumerate(sets["follow_ups"]):
        for position, turn in enumerate(conversation["turns"]):
            replies = await replies_to(agent, f"dialogue-{language}-{index}", turn["text"])
            if position > 0:
                follow_up_turns += 1
                follow_up_hits += judge.about(replies, turn["subject"])
    contact_hits = 0
    for index, request in enumerate(sets["contacts"]):
        replies = await replies_to(agent, f"contact-{language}-{index}", request["text"])
        contact_hits += judge.gives_contact(replies, request["service"])
    keyword_hits = 0
    for index, keyword in enumerate(sets["keywords"]):
        replies = await replies_to(agent, f"keyword-{language}-{index}", keyword["text"])
        keyword_hits += judge.about(replies, keyword["subject"], with_buttons=True)
    declined = 0
    for index, conversation in enumerate(sets["off_topic"]):
        sender = f"off-topic-{language}-{index}"
        first, off_topic = conversation["turns"]
        await replies_to(agent, sender, first["text"])
        declined += judge.declines(await replies_to(agent, sender, off_topic["text"]))
    return DialogueReport(
        language=language,
        follow_up_turns=follow_up_turns,
        follow_ups_on_subject=share(follow_up_hits, follow_up_turns),
        contact_requests=len(sets["contacts"]),
        contacts_with_card=share(contact_hits, len(sets["contacts"])),
        keyword_questions=len(sets["keywords"]),
        keywords_on_topic=share(keyword_hits, len(sets["keywords"])),
        off_topic_questions=len(sets["off_topic"]),
        off_topic_declined=share(declined, len(sets["off_topic"])),
    )


async def evaluate() -> list[DialogueReport]:
    actions = action_server(EVAL_ACTION_PORT)
    actions.start()
    try:
        endpoint = EndpointConfig(f"http://{HOST}:{EVAL_ACTION_PORT}/webhook")
        agent = Agent.load(str(MODEL_PATH), action_endpoint=endpoint)
        judge = Judge(response_patterns(agent.domain.responses), load_subjects(), load_directory())
        return [await evaluate_language(agent, judge, language) for language in SUPPORTED_LANGUAGES]
    finally:
        actions.stop()


def gate_report(reports: list[DialogueReport]) -> list[str]:
    """The figures that miss their bar."""
    results = [
        check(f"{report.language} {figure}", getattr(report, figure), bar, True)
        for report in reports
        for figure, bar in GATES.items()
    ]
    return [line for line in results if line]


def main() -> int:
    configure_logging_and_warnings(logging.WARNING)
    configure_structlog(logging.WARNING)
    reports = asyncio.run(evaluate())
    print(markdown_table(reports))
    RESULTS_PATH.parent.mkdir(exist_ok=True)
    RESULTS_PATH.write_text(json.dumps([asdict(r) for r in reports], indent=2))
    failed = gate_report(reports)
    for line in failed:
        print(f"FAIL: {line}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
