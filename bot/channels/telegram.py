"""Telegram, with Rasa's output and our own webhook: a secret, the user's app language as a hint, /start.

- Rasa's channel accepts any update posted to its URL, and fails (HTTP 500, so Telegram sends it
  again and again) on updates it does not expect. This one registers the webhook with a secret
  (Telegram's `secret_token`), refuses with 403 an update without it before reading the body, 400 a
  body that is not a JSON object, and answers every update with 200.
- A button under an inline message (a callback query without `message`) is answered in the user's chat.
- A photo, voice note, sticker… gets "I can only read written messages"; a caption is read as the
  message (bot/channels/text.py).
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
from dataclasses import dataclass
from typing import Any

from aiogram import Bot
from aiogram.bot.api import TelegramAPIServer
from aiogram.utils.exceptions import TelegramAPIError
from rasa.core.channels.channel import UserMessage
from rasa.core.channels.telegram import TelegramInput as RasaTelegramInput
from rasa.core.channels.telegram import TelegramOutput
from rasa.shared.exceptions import RasaException
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.payload import child, json_object, telegram_senders, text_field
from bot.channels.text import InReadingOrder, caption_or_attachment, readable

logger = logging.getLogger(__name__)

START_COMMAND = "/start"
GREETING = "/greet"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
DEFAULT_API_BASE_URL = "https://api.telegram.org"
# How long a Bot API call may take: an API that never answers must not hold up the start of `make run`.
API_TIMEOUT_SECONDS = 20
# What Telegram accepts as a secret_token.
SECRET_FORMAT = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
# What a user may send instead of a text (Bot API, Message).
ATTACHMENTS = (
    "photo",
    "voice",
    "audio",
    "video",
    "video_note",
    "animation",
    "document",
    "sticker",
    "location",
)
ATTACHMENTS += ("venue", "contact")


def app_language(update: dict[str, Any]) -> str | None:
    """The `language_code` of the Telegram user who sent `update` (their app's language), if given."""
    languages = (text_field(user, "language_code") for user in telegram_senders(update))
    return next((language for language in languages if language), None)


@dataclass(frozen=True)
class Incoming:
    """A user's message: the chat to answer and what to pass to Rasa."""

    chat_id: str
    text: str


def incoming(update: dict[str, Any]) -> Incoming | None:
    """The user's message in an update: a text (or /start), an edit, a button's data, a caption, or the
    attachment intent for a photo, a voice note, a sticker…; None for updates that get no answer."""
    query = child(update, "callback_query")
    if query:
        chat_id = child(child(query, "message"), "chat").get("id")
        # A button under an inline message comes without `message`: the answer goes to the user's chat.
        chat_id = chat_id or child(query, "from").get("id")
        data = query.get("data")
        return Incoming(str(chat_id), data) if chat_id and isinstance(data, str) and data else None
    message = child(update, "message") or child(update, "edited_message")
    chat_id = child(message, "chat").get("id")
    if not chat_id:
        return None
    text = message.get("text")
    if isinstance(text, str) and text:
        return Incoming(str(chat_id), as_greeting(text))
    if any(kind in message for kind in ATTACHMENTS):
        caption = message.get("caption")
        return Incoming(str(chat_id), caption_or_attachment(caption if isinstance(caption, str) else None))
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
    """Rasa's Telegram output, Arabic replies in reading order, to the Bot API at `api_base_url`."""

    def __init__(self, access_token: str, api_base_url: str = DEFAULT_API_BASE_URL) -> None:
        Bot.__init__(
            self, access_token, server=TelegramAPIServer.from_base(api_base_url), timeout=API_TIMEOUT_SECONDS
        )


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
            str(credentials.get("api_base_url") or DEFAULT_API_BASE_URL),
        )

    def __init__(
        self,
        access_token: str | None,
        verify: str | None,
        webhook_url: str | None,
        secret_token: str,
        api_base_url: str = DEFAULT_API_BASE_URL,
        debug_mode: bool = True,
    ) -> None:
        super().__init__(access_token, verify, webhook_url, debug_mode)
        self.secret_token = secret_token
        self.api_base_url = api_base_url

    def get_output_channel(self) -> TelegramReplies:
        """The output; the webhook is registered with Telegram, and a failure leaves the other channels up."""
        channel = TelegramReplies(self.access_token, self.api_base_url)
        try:
            asyncio.run(register_webhook(channel, self.webhook_url, self.secret_token))
        except (TelegramAPIError, asyncio.TimeoutError) as error:
            logger.error(
                "The Telegram channel could not register its webhook (%r): Telegram will send it nothing. "
                "The other channels run. Check TELEGRAM_TOKEN and that api.telegram.org can be reached, "
                "then restart `make run`.",
                error,
            )
        return channel

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """Rasa's routes, with the secret checked before anything of the body is read."""
        out_channel = self.get_output_channel()
        webhook = Blueprint("telegram_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            secret = request.headers.get(SECRET_HEADER, "")
            if not hmac.compare_digest(secret.encode(), self.secret_token.encode()):
                logger.warning("Refused a Telegram update without the webhook's secret.")
                return response.text("forbidden", status=403)
            update = json_object(request.body)
            if update is None:
                return response.text("not a Telegram update", status=400)
            message = incoming(update)
            if message is None:
                return response.text("success")
            try:
                bot = await out_channel.get_me()
            except TelegramAPIError as error:
                logger.error("Telegram cannot be reached to answer an update: %s.", type(error).__name__)
                return response.text("failed")
            if bot.username != self.verify:
                logger.warning("Refused a Telegram update: the token is not the bot's named in `verify`.")
                return response.text("failed")
            language = app_language(update)
            user_message = UserMessage(
                readable(message.text),
                out_channel,
                message.chat_id,
                input_channel=self.name(),
                metadata={"language": language} if language else None,
            )
            try:
                await on_new_message(user_message)
            except Exception as error:
                # Telegram delivers an update again until it gets a 200: log the failure instead.
                logger.error("Rasa failed to handle a Telegram update: %s.", type(error).__name__)
            return response.text("success")

        return webhook
