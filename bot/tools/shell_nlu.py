"""`make shell-nlu`: for each message typed, the language detected, the intent and its confidence,
the entities and the FAQ answer chosen, as the trained model sees them (no dialogue, no actions)."""

import asyncio
import logging
import sys
from typing import Any

from rasa.core.agent import Agent
from rasa.utils.common import configure_logging_and_warnings
from rasa.utils.log_utils import configure_structlog

from bot.paths import MODEL_PATH

RANKING_SHOWN = 3


def scored(name: str | None, confidence: float | None) -> str:
    return f"{name} {confidence or 0:.2f}"


def describe(parse: dict[str, Any]) -> str:
    """The parse result in a few lines for staff."""
    language = parse.get("language") or {}
    intent = parse.get("intent") or {}
    if language.get("unsupported"):
        reliability = f"a language not served: {language['unsupported']}"
    elif language.get("romanised_arabic"):
        reliability = "Arabic in Latin letters"
    else:
        reliability = "reliable" if language.get("reliable") else "unreliable: kept, but on a first message"
    ranking = [r for r in parse.get("intent_ranking", []) if r["name"] != intent.get("name")]
    runners_up = ", ".join(scored(r["name"], r["confidence"]) for r in ranking[: RANKING_SHOWN - 1])
    entities = ", ".join(f"{e['entity']}={e['value']}" for e in parse.get("entities", []))
    lines = [
        f"language: {scored(language.get('code'), language.get('confidence'))} ({reliability})",
        f"intent:   {scored(intent.get('name'), intent.get('confidence'))}   (then {runners_up or '-'})",
        f"entities: {entities or '-'}",
    ]
    if intent.get("name") == "faq":
        faq = parse.get("response_selector", {}).get("faq", {}).get("response", {})
        lines.append(f"faq:      {scored(faq.get('intent_response_key'), faq.get('confidence'))}")
    return "\n".join(lines)


async def shell(agent: Agent) -> None:
    print("Type a message (Ctrl-D to stop).", flush=True)
    for line in sys.stdin:
        if line.strip():
            print(describe(await agent.parse_message(line.strip())), end="\n\n", flush=True)


def main() -> None:
    # Quiet, and Rasa's debug lines would repeat each message typed.
    configure_logging_and_warnings(log_level=logging.ERROR)
    configure_structlog(logging.WARNING)
    asyncio.run(shell(Agent.load(str(MODEL_PATH))))


if __name__ == "__main__":
    main()
