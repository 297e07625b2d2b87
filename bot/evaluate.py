"""`make eval`: per-language understanding and reply-language figures on the held-out set."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import re
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

from rasa.core.agent import Agent
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.shared.nlu.training_data.loading import load_data
from rasa.shared.nlu.training_data.message import Message
from rasa.utils.common import configure_logging_and_warnings
from rasa.utils.endpoints import EndpointConfig
from rasa.utils.log_utils import configure_structlog
from sklearn.metrics import accuracy_score, f1_score

from bot.language import SUPPORTED_LANGUAGES
from bot.servers import HOST, MODEL_PATH, PROJECT_ROOT, action_server

HELD_OUT_DIR = PROJECT_ROOT / "tests" / "nlu"
RESULTS_PATH = PROJECT_ROOT / "results" / "eval.json"
EVAL_ACTION_PORT = 5155


@dataclass
class LanguageReport:
    language: str
    examples: int
    intent_accuracy: float
    intent_macro_f1: float
    faq_selection_accuracy: float
    reply_language_ongoing: float
    reply_language_first_message: float


def held_out_examples(language: str) -> list[Message]:
    data = load_data(str(HELD_OUT_DIR / f"{language}.yml"))
    return data.intent_examples


LanguagePatterns = list[tuple[re.Pattern, str]]


def response_language_patterns(responses: dict[str, list[dict]]) -> LanguagePatterns:
    """Each response text as a pattern (a value such as `{rent}` matches anything), with its language."""
    patterns = []
    for variations in responses.values():
        for variation in variations:
            for condition in variation.get("condition") or []:
                if condition.get("name") == "language":
                    template = re.sub(r"\\\{\w+\\\}", ".*", re.escape(variation["text"]))
                    patterns.append((re.compile(template + "$", re.DOTALL), condition["value"]))
    return patterns


def language_of(text: str | None, patterns: LanguagePatterns) -> str | None:
    """The language of the response variation `text` was made from, or None."""
    return next((language for pattern, language in patterns if text and pattern.match(text)), None)


async def reply_language(agent: Agent, patterns: LanguagePatterns, sender: str, text: str) -> str | None:
    """The language of the bot's last reply to `text`, or None if it did not answer."""
    output = CollectingOutputChannel()
    await agent.handle_message(UserMessage(text, output, sender))
    replies = [m.get("text") for m in output.messages if m.get("text")]
    return language_of(replies[-1], patterns) if replies else None


def expected_reply_language(example: Message, language: str) -> str:
    """The language the reply should come in: the one asked for, else the example's own."""
    asked = [e["value"] for e in example.get("entities") or [] if e["entity"] == "language"]
    return asked[0] if asked else language


async def evaluate_language(agent: Agent, language: str) -> LanguageReport:
    examples = held_out_examples(language)
    patterns = response_language_patterns(agent.domain.responses)
    expected_intents, predicted_intents = [], []
    faq_expected, faq_predicted = [], []
    ongoing_hits = first_hits = 0
    for index, example in enumerate(examples):
        text = example.get("text")
        parsed = await agent.parse_message(text)
        expected_intents.append(example.get("intent"))
        predicted_intents.append(parsed["intent"]["name"])
        if example.get("intent") == "faq":
            faq_expected.append(example.get("intent_response_key"))
            selectors = parsed.get("response_selector", {})
            # A selector trained for `faq` only, or Rasa's default one, trained for every retrieval intent.
            selector = selectors.get("faq") or selectors.get("default", {})
            selection = selector.get("response", {})
            faq_predicted.append(selection.get("intent_response_key"))

        expected = expected_reply_language(example, language)
        ongoing = f"eval-{language}-ongoing-{index}"
        await reply_language(agent, patterns, ongoing, f'/set_language{{"language": "{language}"}}')
        ongoing_hits += await reply_language(agent, patterns, ongoing, text) == expected
        first = f"eval-{language}-first-{index}"
        first_hits += await reply_language(agent, patterns, first, text) == expected

    count = len(examples)
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
        faq_selection_accuracy=round(accuracy_score(faq_expected, faq_predicted), 3),
        reply_language_ongoing=round(ongoing_hits / count, 3),
        reply_language_first_message=round(first_hits / count, 3),
    )


async def evaluate(model: Path) -> list[LanguageReport]:
    actions = action_server(EVAL_ACTION_PORT)
    actions.start()
    try:
        endpoint = EndpointConfig(f"http://{HOST}:{EVAL_ACTION_PORT}/webhook")
        agent = Agent.load(str(model), action_endpoint=endpoint)
        return [await evaluate_language(agent, language) for language in SUPPORTED_LANGUAGES]
    finally:
        actions.stop()


def print_table(reports: list[LanguageReport]) -> None:
    columns = list(asdict(reports[0]))
    print("| " + " | ".join(columns) + " |")
    print("|" + "---|" * len(columns))
    for report in reports:
        print("| " + " | ".join(str(v) for v in asdict(report).values()) + " |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", type=Path, default=MODEL_PATH)
    parser.add_argument("--min-intent-accuracy", type=float, default=0.0)
    parser.add_argument("--results", type=Path, default=RESULTS_PATH, help="where to write the JSON figures")
    args = parser.parse_args()
    configure_logging_and_warnings(logging.WARNING)
    configure_structlog(logging.WARNING)

    reports = asyncio.run(evaluate(args.model))
    print_table(reports)
    args.results.parent.mkdir(exist_ok=True)
    args.results.write_text(json.dumps([asdict(r) for r in reports], indent=2))

    failing = [r.language for r in reports if r.intent_accuracy < args.min_intent_accuracy]
    if failing:
        print(f"FAIL: intent accuracy below {args.min_intent_accuracy} for {', '.join(failing)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
