"""Rasa's Telegram channel, with a webhook secret, the user's app language as a hint, and /start.

- Rasa's channel accepts any update posted to its URL. This one registers the webhook with a secret
  (Telegram's `secret_token`) and refuses, with 403, an update without it.
- The user's `language_code` goes to `action_session_start` as a hint; a reliable detection of the first
  message still wins.
- Telegram sends `/start` (maybe with a deep-link parameter) when a user opens the bot: it greets them.
- A message too long to be read gets a polite refusal (bot/channels/text.py).
- Arabic replies are sent in reading order (bot/reading_order.py).
"""

import asyncio
import hmac
import logging
import re
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram.utils.exceptions import TelegramAPIError
from rasa.core.channels.channel import UserMessage
from rasa.core.channels.telegram import TelegramInput as RasaTelegramInput
from rasa.core.channels.telegram import TelegramOutput
from rasa.shared.exceptions import RasaException
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.text import InReadingOrder, readable

logger = logging.getLogger(__name__)

START_COMMAND = "/start"
GREETING = "/greet"
UPDATE_KINDS_WITH_SENDER = ("message", "edited_message", "callback_query")
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# What Telegram accepts as a secret_token.
SECRET_FORMAT = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


def app_language(update: dict[str, Any]) -> str | None:
    """The `language_code` of the Telegram user who sent `update` (their app's language), if given."""
    for kind in UPDATE_KINDS_WITH_SENDER:
        sender = (update.get(kind) or {}).get("from") or {}
        if sender.get("language_code"):
            return str(sender["language_code"])
    return None


def as_greeting(text: str | None) -> str | None:
    """`/greet` for Telegram's `/start`, with or without a deep-link parameter; other texts unchanged."""
    if text is not None and (text == START_COMMAND or text.startswith(START_COMMAND + " ")):
        return GREETING
    return text


async def register_webhook(bot: TelegramOutput, url: str, secret_token: str) -> None:
    """setWebhook with the secret Telegram will send in every update's `SECRET_HEADER`."""
    try:
        await bot.request("setWebhook", {"url": url, "secret_token": secret_token})
    finally:
        await bot.session.close()


class TelegramReplies(InReadingOrder, TelegramOutput):
    """Rasa's Telegram output, Arabic replies in reading order."""


class TelegramInput(RasaTelegramInput):
    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> "TelegramInput":
        if not credentials:
            cls.raise_missing_credentials_exception()
        secret_token = str(credentials.get("secret_token") or "")
        if not SECRET_FORMAT.match(secret_token):
            raise RasaException(
                "The Telegram channel needs a secret_token of 1 to 256 letters, digits, _ or -."
            )
        return cls(
            credentials.get("access_token"),
            credentials.get("verify"),
            credentials.get("webhook_url"),
            secret_token,
        )

    def __init__(
        self,
        access_token: str | None,
        verify: str | None,
        webhook_url: str | None,
        secret_token: str,
        debug_mode: bool = True,
    ) -> None:
        super().__init__(access_token, verify, webhook_url, debug_mode)
        self.secret_token = secret_token

    def get_output_channel(self) -> TelegramReplies:
        channel = TelegramReplies(self.access_token)
        try:
            asyncio.run(register_webhook(channel, self.webhook_url, self.secret_token))
        except TelegramAPIError as error:
            raise RasaException(f"Failed to set channel webhook: {error}") from error
        return channel

    def get_metadata(self, request: Request) -> dict[str, Any] | None:
        language = app_language(request.json if isinstance(request.json, dict) else {})
        return {"language": language} if language else None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        async def on_message(message: UserMessage) -> Any:
            message.text = readable(as_greeting(message.text))
            return await on_new_message(message)

        webhook = super().blueprint(on_message)

        @webhook.middleware("request")
        async def authenticate(request: Request) -> HTTPResponse | None:
            if request.method != "POST":
                return None
            secret = request.headers.get(SECRET_HEADER, "")
            if hmac.compare_digest(secret.encode(), self.secret_token.encode()):
                return None
            logger.warning("Refused a Telegram update without the webhook's secret.")
            return response.text("forbidden", status=403)

        return webhook
