"""What the widget shows besides the conversation: its labels, the `utter_widget_*` responses of
data/responses/widget.yml (one variation per language), and the languages it offers (bot/language.py)."""

from typing import Any

from bot.language import DEFAULT_LANGUAGE, RIGHT_TO_LEFT_LANGUAGES, SUPPORTED_LANGUAGES
from bot.responses import Responses, variation_language

WIDGET_PREFIX = "utter_widget_"


def widget_texts(responses: Responses, settings: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    """{language: {label: text}}, the label being the response name without `utter_widget_`, and each
    `{name}` of `settings[language]` replaced by its value (others, such as `{seconds}`, are the widget's)."""
    texts: dict[str, dict[str, str]] = {}
    for name, variations in responses.items():
        if not name.startswith(WIDGET_PREFIX):
            continue
        for variation in variations:
            language = variation_language(variation)
            text = variation["text"]
            for setting, value in settings[language].items():
                text = text.replace("{" + setting + "}", value)
            texts.setdefault(language, {})[name.removeprefix(WIDGET_PREFIX)] = text
    return texts


def widget_configuration(texts: dict[str, dict[str, str]]) -> dict[str, Any]:
    """The languages offered, in order, the one a new conversation starts in when the page names none, those
    written right to left, and each language's labels (`widget_texts`)."""
    return {
        "languages": list(SUPPORTED_LANGUAGES),
        "default": DEFAULT_LANGUAGE,
        "right_to_left": list(RIGHT_TO_LEFT_LANGUAGES),
        "texts": texts,
    }
