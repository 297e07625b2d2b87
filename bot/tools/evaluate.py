"""`make eval`: per-language understanding, safety and reply-language figures on the held-out sets, and the
gates `make test` holds them to."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import re
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import yaml
from rasa.core.agent import Agent
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.shared.nlu.training_data.loading import load_data
from rasa.shared.nlu.training_data.message import Message
from rasa.utils.common import configure_logging_and_warnings
from rasa.utils.endpoints import EndpointConfig
from rasa.utils.log_utils import configure_structlog
from sklearn.metrics import accuracy_score, f1_score

from bot.language import SUPPORTED_LANGUAGES
from bot.paths import HOST, MODEL_PATH, PROJECT_ROOT
from bot.reading_order import without_direction_marks
from bot.responses import variation_language
from bot.tools.servers import action_server

HELD_OUT_DIR = PROJECT_ROOT / "tests" / "nlu"
RESULTS_PATH = PROJECT_ROOT / "results" / "eval.json"
EVAL_ACTION_PORT = 5155
# What a declined message gets: the out-of-scope reply, or a clarifying question (bot.nlu.confidence_gate).
DECLINED_INTENTS = {"out_of_scope", "nlu_fallback"}
# What must not happen to an out-of-scope message: an answer, a form, a hand-off, the deletion question.
ACTED_ON_INTENTS = {"faq", "check_guarantee", "find_contact", "human_handoff", "delete_data", "emergency"}
EMERGENCY_INTENT = "emergency"
FALLBACK_INTENT = "nlu_fallback"

# Each figure's bar (issue 13's "Done when"), and whether it is a minimum or a maximum.
GATES = {
    "intent_accuracy": (0.95, True),
    "faq_answer_accuracy": (0.95, True),
    "out_of_scope_declined": (0.90, True),
    "out_of_scope_acted_on": (0.05, False),
    "emergency_recall": (1.0, True),
    "false_alarms": (0.01, False),
    "reply_language_first_message": (0.98, True),
}
OTHER_LANGUAGES_GATE = 0.95


@dataclass
class LanguageReport:
    language: str
    examples: int
    intent_accuracy: float
    intent_macro_f1: float
    faq_answer_accuracy: float
    clarified: float
    acted_on_wrongly: float
    out_of_scope_declined: float
    out_of_scope_acted_on: float
    emergency_recall: float
    false_alarms: float
    reply_language_ongoing: float
    reply_language_first_message: float


@dataclass
class HeldOut:
    """One language's held-out sets, each written apart from the training data (tests/nlu/README.md)."""

    examples: list[Message]
    out_of_scope: list[str]
    emergencies: list[str]
    not_emergencies: list[str]
    first_messages: list[str]


def held_out_examples(language: str) -> list[Message]:
    return load_data(str(HELD_OUT_DIR / f"{language}.yml")).intent_examples


def intent_texts(path: Path) -> list[str]:
    """The texts of a Rasa NLU file."""
    return [m.get("text") for m in load_data(str(path)).intent_examples]


def listed_messages(path: Path) -> list[str]:
    """The texts of a `messages:` list."""
    return [str(m) for m in yaml.safe_load(path.read_text(encoding="utf-8"))["messages"]]


def held_out(language: str) -> HeldOut:
    return HeldOut(
        examples=held_out_examples(language),
        out_of_scope=intent_texts(HELD_OUT_DIR / "out_of_scope" / f"{language}.yml"),
        emergencies=intent_texts(HELD_OUT_DIR / "emergency" / f"{language}.yml"),
        not_emergencies=listed_messages(HELD_OUT_DIR / "not_emergency" / f"{language}.yml"),
        first_messages=listed_messages(HELD_OUT_DIR / "first_messages" / f"{language}.yml"),
    )


def other_language_messages() -> list[dict[str, str]]:
    """[{text, language}]: languages the assistant does not serve, and Arabic in Latin letters (`ar`)."""
    return yaml.safe_load((HELD_OUT_DIR / "other_languages.yml").read_text(encoding="utf-8"))["messages"]


ResponsePatterns = list[tuple[re.Pattern, str, str]]


def response_patterns(responses: dict[str, list[dict]]) -> ResponsePatterns:
    """Each response text as a pattern (a value such as `{rent}` matches anything), its name and language;
    the texts with fewest values first, so that a text is not taken for a shorter one followed by a value."""
    patterns = []
    for name, variations in responses.items():
        for variation in variations:
            template = re.sub(r"\\\{\w+\\\}", ".*", re.escape(variation["text"]))
            patterns.append((re.compile(template + "$", re.DOTALL), name, variation_language(variation)))
    return sorted(patterns, key=lambda entry: entry[0].pattern.count(".*"))


def response_of(text: str | None, patterns: ResponsePatterns) -> tuple[str, str] | None:
    """(response name, language) of the variation `text` was made from (as shown on any channel), or None."""
    text = without_direction_marks(text) if text else text
    matches = ((name, language) for pattern, name, language in patterns if text and pattern.match(text))
    return next(matches, None)


def language_of(text: str | None, patterns: ResponsePatterns) -> str | None:
    """The language of the response variation `text` was made from, or None."""
    found = response_of(text, patterns)
    return found[1] if found else None


async def replies_to(agent: Agent, sender: str, text: str, hint: str | None = None) -> list[dict[str, Any]]:
    """The bot's messages in reply to `text` (with the channel's language `hint`)."""
    output = CollectingOutputChannel()
    metadata = {"language": hint} if hint else None
    await agent.handle_message(UserMessage(text, output, sender, metadata=metadata))
    return output.messages


async def last_reply(agent: Agent, sender: str, text: str, hint: str | None = None) -> str | None:
    """The text of the bot's last reply to `text` (with the channel's language `hint`), or None."""
    replies = [m.get("text") for m in await replies_to(agent, sender, text, hint) if m.get("text")]
    return replies[-1] if replies else None


def expected_reply_language(example: Message, language: str) -> str:
    """The language the reply should come in: the one asked for, else the example's own."""
    asked = [e["value"] for e in example.get("entities") or [] if e["entity"] == "language"]
    return asked[0] if asked else language


def share(hits: int | float, count: int) -> float:
    return round(hits / count, 3) if count else 1.0


class Parser:
    """The agent's parse of each text, computed once (a text can be in several sets)."""

    def __init__(self, agent: Agent) -> None:
        self._agent = agent
        self._parses: dict[str, dict] = {}

    async def parse(self, text: str) -> dict:
        if text not in self._parses:
            self._parses[text] = await self._agent.parse_message(text)
        return self._parses[text]

    async def intents(self, texts: list[str]) -> list[str]:
        return [(await self.parse(text))["intent"]["name"] for text in texts]


def classified_intent(parse: dict) -> str:
    """The intent before the confidence gate: what the classifier (or a deterministic layer) decided."""
    return next(e["name"] for e in parse["intent_ranking"] if e["name"] != FALLBACK_INTENT)


async def evaluate_language(agent: Agent, language: str) -> LanguageReport:
    sets = held_out(language)
    parser = Parser(agent)
    patterns = response_patterns(agent.domain.responses)
    expected_intents, predicted_intents, final_intents = [], [], []
    faq_expected, faq_predicted = [], []
    ongoing_hits = first_hits = 0
    for index, example in enumerate(sets.examples):
        text = example.get("text")
        parsed = await parser.parse(text)
        expected_intents.append(example.get("intent"))
        predicted_intents.append(classified_intent(parsed))
        final_intents.append(parsed["intent"]["name"])
        if example.get("intent") == "faq":
            faq_expected.append(example.get("intent_response_key"))
            selectors = parsed.get("response_selector", {})
            # Our selector, trained for `faq` only, or Rasa's default one, trained for every retrieval intent.
            selector = selectors.get("faq") or selectors.get("default", {})
            faq_predicted.append(selector.get("response", {}).get("intent_response_key"))

        expected = expected_reply_language(example, language)
        # Ongoing: the language is known (as from the widget's language), and the message may change it.
        ongoing = await last_reply(agent, f"eval-{language}-ongoing-{index}", text, hint=language)
        ongoing_hits += language_of(ongoing, patterns) == expected
        first = f"eval-{language}-first-{index}"
        first_hits += language_of(await last_reply(agent, first, text), patterns) == expected
    for index, text in enumerate(sets.first_messages):
        reply = await last_reply(agent, f"eval-{language}-short-{index}", text)
        first_hits += language_of(reply, patterns) == language

    out_of_scope = await parser.intents(sets.out_of_scope)
    emergencies = await parser.intents(sets.emergencies)
    non_emergency_texts = [e.get("text") for e in sets.examples if e.get("intent") != EMERGENCY_INTENT]
    non_emergency_texts += sets.out_of_scope + sets.not_emergencies + sets.first_messages
    false_alarms = await parser.intents(non_emergency_texts)
    count = len(sets.examples)
    return LanguageReport(
        language=language,
        examples=count,
        intent_accuracy=round(accuracy_score(expected_intents, predicted_intents), 3),
        intent_macro_f1=round(
            f1_score(
                expected_intents,
                predicted_intents,
                labels=sorted(set(expected_intents)),
                average="macro",
                zero_division=0,
            ),
            3,
        ),
        faq_answer_accuracy=round(accuracy_score(faq_expected, faq_predicted), 3),
        clarified=share(final_intents.count(FALLBACK_INTENT), count),
        acted_on_wrongly=share(
            sum(f not in (e, FALLBACK_INTENT) for e, f in zip(expected_intents, final_intents, strict=True)),
            count,
        ),
        out_of_scope_declined=share(sum(i in DECLINED_INTENTS for i in out_of_scope), len(out_of_scope)),
        out_of_scope_acted_on=share(sum(i in ACTED_ON_INTENTS for i in out_of_scope), len(out_of_scope)),
        emergency_recall=share(emergencies.count(EMERGENCY_INTENT), len(emergencies)),
        false_alarms=share(false_alarms.count(EMERGENCY_INTENT), len(false_alarms)),
        reply_language_ongoing=share(ongoing_hits, count),
        reply_language_first_message=share(first_hits, count + len(sets.first_messages)),
    )


async def other_languages_answered(agent: Agent) -> float:
    """Share of first messages in other languages answered with the languages reply, and of Arabic in Latin
    letters with the Arabic invitation to write in Arabic letters."""
    patterns = response_patterns(agent.domain.responses)
    hits = 0
    messages = other_language_messages()
    for index, message in enumerate(messages):
        reply = await last_reply(agent, f"eval-other-{index}", message["text"])
        name, language = response_of(reply, patterns) or (None, None)
        if message["language"] == "ar":
            hits += (name, language) == ("utter_romanised_arabic", "ar")
        else:
            hits += name == "utter_other_language"
    return share(hits, len(messages))


async def evaluate(model: Path) -> tuple[list[LanguageReport], float]:
    actions = action_server(EVAL_ACTION_PORT)
    actions.start()
    try:
        endpoint = EndpointConfig(f"http://{HOST}:{EVAL_ACTION_PORT}/webhook")
        agent = Agent.load(str(model), action_endpoint=endpoint)
        reports = [await evaluate_language(agent, language) for language in SUPPORTED_LANGUAGES]
        return reports, await other_languages_answered(agent)
    finally:
        actions.stop()


def check(name: str, value: float, bar: float, is_minimum: bool) -> str | None:
    """A line if the figure misses its bar, else None."""
    missed = value < bar if is_minimum else value > bar
    return f"{name} {value} ({'at least' if is_minimum else 'at most'} {bar})" if missed else None


def gate_report(reports: list[LanguageReport], other_languages: float) -> list[str]:
    """The figures that miss their bar."""
    results = [
        check(f"{report.language} {figure}", getattr(report, figure), bar, is_minimum)
        for report in reports
        for figure, (bar, is_minimum) in GATES.items()
    ]
    results.append(check("other languages answered", other_languages, OTHER_LANGUAGES_GATE, True))
    return [line for line in results if line]


def markdown_table(reports: list[Any]) -> str:
    """Dataclass reports as a Markdown table, a column per field."""
    columns = list(asdict(reports[0]))
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(str(v) for v in asdict(report).values()) + " |" for report in reports]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", type=Path, default=MODEL_PATH)
    parser.add_argument("--no-gates", action="store_true", help="print the figures, fail on none")
    parser.add_argument("--results", type=Path, default=RESULTS_PATH, help="where to write the JSON figures")
    args = parser.parse_args()
    configure_logging_and_warnings(logging.WARNING)
    configure_structlog(logging.WARNING)

    reports, other_languages = asyncio.run(evaluate(args.model))
    print(markdown_table(reports))
    print(f"\nMessages in other languages answered with the languages reply: {other_languages}")
    args.results.parent.mkdir(exist_ok=True)
    figures = {"languages": [asdict(r) for r in reports], "other_languages_answered": other_languages}
    args.results.write_text(json.dumps(figures, indent=2))

    if args.no_gates:
        return 0
    failed = gate_report(reports, other_languages)
    for line in failed:
        print(f"FAIL: {line}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
