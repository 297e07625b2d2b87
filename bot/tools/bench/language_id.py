"""How often the language identifier names the language a held-out message is written in."""

from __future__ import annotations

import yaml

from bot.nlu.language_identifier import WORD, LanguageIdentifier
from bot.paths import PROJECT_ROOT
from bot.tools.evaluate import held_out_examples

SHORT_MESSAGE_WORDS = 3


def configured_identifier() -> LanguageIdentifier:
    """The identifier with the settings config.yml gives it."""
    pipeline = yaml.safe_load((PROJECT_ROOT / "config.yml").read_text(encoding="utf-8"))["pipeline"]
    [settings] = [c for c in pipeline if c["name"].endswith(".LanguageIdentifier")]
    own = {name: value for name, value in settings.items() if name != "name"}
    return LanguageIdentifier({**LanguageIdentifier.get_default_config(), **own})


def is_short(text: str) -> bool:
    return 1 <= len(WORD.findall(text)) <= SHORT_MESSAGE_WORDS


def accuracy(identifier: LanguageIdentifier, texts: list[str], language: str) -> float:
    return round(sum(identifier.guess(text).code == language for text in texts) / len(texts), 3)


def language_identification(languages: tuple[str, ...]) -> dict[str, dict[str, float]]:
    """Per language: accuracy on the held-out messages of one to three words, and on all of them."""
    identifier = configured_identifier()
    results = {}
    for language in languages:
        texts = [example.get("text") for example in held_out_examples(language)]
        short = [text for text in texts if is_short(text)]
        results[language] = {
            "short_messages": accuracy(identifier, short, language),
            "short_message_count": len(short),
            "held_out": accuracy(identifier, texts, language),
        }
    return results
