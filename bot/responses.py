"""Reading the responses of data/responses/: one variation per language each (a `language` slot condition)."""

from pathlib import Path
from typing import Any

import yaml

from bot.language import LANGUAGE_SLOT, SUPPORTED_LANGUAGES
from bot.paths import PROJECT_ROOT
from bot.rules.directory import CardLabels

RESPONSES_FOLDER = PROJECT_ROOT / "data" / "responses"
CARD_LABEL_PREFIX = "utter_card_label_"
LIST_BUTTON_LABEL = "utter_list_button_label"

Responses = dict[str, list[dict[str, Any]]]


def load_responses(folder: Path = RESPONSES_FOLDER) -> Responses:
    """Every response of the folder's files, merged as Rasa merges them; a name written twice is an error."""
    responses: Responses = {}
    for path in sorted(folder.glob("*.yml")):
        for name, variations in yaml.safe_load(path.read_text(encoding="utf-8"))["responses"].items():
            if name in responses:
                raise ValueError(f"{name} is written twice in {folder}, the second time in {path.name}")
            responses[name] = variations
    return responses


def variation_language(variation: dict[str, Any]) -> str:
    """The language of a response variation: the value of its one condition, on the language slot."""
    conditions = variation.get("condition") or []
    if len(conditions) != 1 or conditions[0].get("name") != LANGUAGE_SLOT:
        raise ValueError(f"a variation needs one condition, on the {LANGUAGE_SLOT} slot: {variation}")
    return str(conditions[0]["value"])


def response_text(responses: Responses, name: str, language: str) -> str:
    """The text of response `name` in `language`, before any slot is filled in."""
    [text] = [variation["text"] for variation in responses[name] if variation_language(variation) == language]
    return text


def card_labels(responses: Responses, language: str) -> CardLabels:
    """The contact card's labels in `language`, from the `utter_card_label_*` responses."""
    return CardLabels(
        **{
            field: response_text(responses, CARD_LABEL_PREFIX + field, language)
            for field in CardLabels.__dataclass_fields__
        }
    )


def list_button_labels(responses: Responses) -> dict[str, str]:
    """{language: label} of the button that opens a WhatsApp list, from `utter_list_button_label`."""
    return {
        language: response_text(responses, LIST_BUTTON_LABEL, language) for language in SUPPORTED_LANGUAGES
    }
