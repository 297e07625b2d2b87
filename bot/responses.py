"""Reading domain.yml's responses, which have one variation per language (a `language` slot condition)."""

from typing import Any


def variation_language(variation: dict[str, Any]) -> str:
    (condition,) = variation["condition"]
    return str(condition["value"])


def response_text(responses: dict[str, list[dict[str, Any]]], name: str, language: str) -> str:
    """The text of response `name` in `language`, before any slot is filled in."""
    [text] = [variation["text"] for variation in responses[name] if variation_language(variation) == language]
    return text
