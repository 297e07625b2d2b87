"""Rasa's Telegram channel, with the user's app language as a hint and Telegram's /start as a greeting."""

from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.telegram import TelegramInput as RasaTelegramInput
from sanic import Blueprint
from sanic.request import Request

START_COMMAND = "/start"
GREETING = "/greet"
UPDATE_KINDS_WITH_SENDER = ("message", "edited_message", "callback_query")


def app_language(update: dict[str, Any]) -> str | None:
    """The `language_code` of the Telegram user who sent `update` (their app's language), if given."""
    for kind in UPDATE_KINDS_WITH_SENDER:
        sender = (update.get(kind) or {}).get("from") or {}
        if sender.get("language_code"):
            return str(sender["language_code"])
    return None


def as_greeting(text: str | None) -> str | None:
    """Telegram sends `/start` (maybe with a deep-link parameter) when a user opens the bot."""
    if text is not None and (text == START_COMMAND or text.startswith(START_COMMAND + " ")):
        return GREETING
    return text


class TelegramInput(RasaTelegramInput):
    """The language hint goes to `action_session_start`; a reliable detection of the first message wins."""

    def get_metadata(self, request: Request) -> dict[str, Any] | None:
        language = app_language(request.json if isinstance(request.json, dict) else {})
        return {"language": language} if language else None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        async def on_message(message: UserMessage) -> Any:
            message.text = as_greeting(message.text)
            return await on_new_message(message)

        return super().blueprint(on_message)
