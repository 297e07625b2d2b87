"""WhatsApp Cloud API channel: Meta's signed webhooks in, Graph API messages out.

A message too long to be read gets a polite refusal, a photo, voice note or document "I can only read
written messages", its caption being read as the message (bot/channels/text.py); Arabic replies are
sent in reading order (bot/reading_order.py). A list message's button label is in the reply's language
(`utter_list_button_label`).
"""

import asyncio
import hashlib
import hmac
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp
from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from rasa.shared.exceptions import RasaException
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.payload import child, json_object, text_field, whatsapp_messages
from bot.channels.text import (
    BUTTON_TITLE_LIMIT,
    InReadingOrder,
    RecentIds,
    caption_or_attachment,
    cut,
    readable,
)
from bot.language import DEFAULT_LANGUAGE, response_language
from bot.responses import list_button_labels, load_responses

logger = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://graph.facebook.com"
REQUIRED_SETTINGS = ("api_version", "phone_number_id", "token", "app_secret", "verify_token")
DEFAULT_RETRY_BASE_DELAY = 1.0

# WhatsApp's limits, in characters for texts.
TEXT_LIMIT = 4096
INTERACTIVE_BODY_LIMIT = 1024
REPLY_BUTTONS_MAX = 3
LIST_ROWS_MAX = 10
LIST_ROW_TITLE_LIMIT = 24
LIST_BUTTON_LABEL_LIMIT = 20

# The label of the button that opens a list, per language.
LIST_BUTTON_LABELS = list_button_labels(load_responses())

MAX_ATTEMPTS = 3
# Meta delivers a webhook again when its 200 comes late: the ids of the last messages handled.
REMEMBERED_MESSAGE_IDS = 1000
REQUEST_TIMEOUT = aiohttp.ClientTimeout(total=10)
INTERACTIVE_REPLIES = ("button_reply", "list_reply")
# Messages that are not text (Cloud API, messages webhook): a caption is read, otherwise the attachment
# intent. "unsupported" is WhatsApp's own type for what the Cloud API cannot pass on (e.g. an edit).
ATTACHMENTS = (
    "image",
    "video",
    "document",
    "audio",
    "sticker",
    "location",
    "contacts",
    "unsupported",
    "unknown",
)


def reply_buttons(text: str, buttons: list[dict[str, Any]]) -> dict[str, Any]:
    """An interactive message with one reply button per Rasa button (3 at most)."""
    return {
        "type": "button",
        "body": {"text": cut(text, INTERACTIVE_BODY_LIMIT)},
        "action": {
            "buttons": [
                {
                    "type": "reply",
                    "reply": {
                        "id": button["payload"],
                        "title": cut(button["title"], BUTTON_TITLE_LIMIT),
                    },
                }
                for button in buttons
            ]
        },
    }


def list_message(text: str, buttons: list[dict[str, Any]], label: str) -> dict[str, Any]:
    """An interactive list message: one section whose rows are the Rasa buttons (10 at most)."""
    if len(buttons) > LIST_ROWS_MAX:
        logger.warning(
            "A WhatsApp list shows %d rows at most: %d buttons left out.",
            LIST_ROWS_MAX,
            len(buttons) - LIST_ROWS_MAX,
        )
    rows = [
        {"id": button["payload"], "title": cut(button["title"], LIST_ROW_TITLE_LIMIT)}
        for button in buttons[:LIST_ROWS_MAX]
    ]
    return {
        "type": "list",
        "body": {"text": cut(text, INTERACTIVE_BODY_LIMIT)},
        "action": {"button": cut(label, LIST_BUTTON_LABEL_LIMIT), "sections": [{"rows": rows}]},
    }


async def graph_error_code(reply: aiohttp.ClientResponse) -> Any:
    """The error code of a Graph API answer; never its message, which may quote personal data."""
    try:
        body = await reply.json(content_type=None)
    except (ValueError, aiohttp.ClientError):
        return None
    return body.get("error", {}).get("code") if isinstance(body, dict) else None


class WhatsAppOutput(InReadingOrder, OutputChannel):
    """Sends the bot's messages through the Graph API, Arabic ones in reading order."""

    @classmethod
    def name(cls) -> str:
        return "whatsapp"

    def __init__(self, messages_url: str, token: str, retry_base_delay: float) -> None:
        self.messages_url = messages_url
        self.token = token
        self.retry_base_delay = retry_base_delay

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        await self._send(recipient_id, {"type": "text", "text": {"body": cut(text, TEXT_LIMIT)}})

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        """Reply buttons for up to 3 buttons, else a list message labelled in the reply's language.

        `kwargs` are the rest of the bot message (Rasa's `send_response`): its `condition` names the language.
        """
        if not buttons:
            await self.send_text_message(recipient_id, text)
            return
        if len(buttons) <= REPLY_BUTTONS_MAX:
            interactive = reply_buttons(text, buttons)
        else:
            label = LIST_BUTTON_LABELS[response_language(kwargs) or DEFAULT_LANGUAGE]
            interactive = list_message(text, buttons, label)
        await self._send(recipient_id, {"type": "interactive", "interactive": interactive})

    async def _send(self, recipient_id: str, message: dict[str, Any]) -> None:
        """Posts `message`, retrying server errors, rate limits and network failures with backoff."""
        payload = {"messaging_product": "whatsapp", "to": recipient_id, **message}
        headers = {"Authorization": f"Bearer {self.token}"}
        async with aiohttp.ClientSession(headers=headers, timeout=REQUEST_TIMEOUT) as session:
            for attempt in range(1, MAX_ATTEMPTS + 1):
                if attempt > 1:
                    await asyncio.sleep(self.retry_base_delay * 2 ** (attempt - 2))
                try:
                    async with session.post(self.messages_url, json=payload) as reply:
                        if reply.status < 400:
                            return
                        retryable = reply.status == 429 or reply.status >= 500
                        logger.warning(
                            "The Graph API refused a WhatsApp %s message: HTTP %d, error code %s "
                            "(attempt %d of %d).",
                            message["type"],
                            reply.status,
                            await graph_error_code(reply),
                            attempt,
                            MAX_ATTEMPTS,
                        )
                except (aiohttp.ClientError, asyncio.TimeoutError) as error:
                    retryable = True
                    logger.warning(
                        "Could not reach the Graph API to send a WhatsApp %s message: %s (attempt %d of %d).",
                        message["type"],
                        type(error).__name__,
                        attempt,
                        MAX_ATTEMPTS,
                    )
                if not retryable:
                    break
        logger.error("Gave up sending a WhatsApp %s message.", message["type"])


def user_text(message: dict[str, Any]) -> str | None:
    """What to pass to Rasa for a WhatsApp message: its text, a button's payload, a caption, or the
    attachment intent for media, a location or a type WhatsApp does not support; None for a reaction."""
    kind = message.get("type")
    if kind == "text":
        return text_field(child(message, "text"), "body")
    if kind == "button":
        return text_field(child(message, "button"), "payload")
    if kind == "interactive":
        interactive = child(message, "interactive")
        if interactive.get("type") in INTERACTIVE_REPLIES:
            return text_field(child(interactive, interactive["type"]), "id")
        return None
    if kind in ATTACHMENTS:
        return caption_or_attachment(text_field(child(message, kind), "caption"))
    return None


class WhatsAppInput(InputChannel):
    """Receives the WhatsApp Cloud API webhooks, verified and signed by Meta."""

    @classmethod
    def name(cls) -> str:
        return "whatsapp"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> "WhatsAppInput":
        settings = credentials or {}
        missing = [name for name in REQUIRED_SETTINGS if settings.get(name) in (None, "")]
        if missing:
            raise RasaException(f"The WhatsApp channel is missing these settings: {', '.join(missing)}.")
        base_url = str(settings.get("base_url") or DEFAULT_BASE_URL).rstrip("/")
        output = WhatsAppOutput(
            messages_url=f"{base_url}/{settings['api_version']}/{settings['phone_number_id']}/messages",
            token=str(settings["token"]),
            retry_base_delay=float(settings.get("retry_base_delay", DEFAULT_RETRY_BASE_DELAY)),
        )
        return cls(str(settings["verify_token"]), str(settings["app_secret"]), output)

    def __init__(self, verify_token: str, app_secret: str, output: WhatsAppOutput) -> None:
        self.verify_token = verify_token
        self.app_secret = app_secret
        self.output = output
        self.recent = RecentIds(REMEMBERED_MESSAGE_IDS)

    def get_output_channel(self) -> WhatsAppOutput:
        return self.output

    def is_signed(self, body: bytes, signature: str) -> bool:
        """Whether `signature` is `sha256=` and the hex HMAC-SHA256 of the raw body with the app secret."""
        digest = hmac.new(self.app_secret.encode(), body, hashlib.sha256).hexdigest()
        return hmac.compare_digest(f"sha256={digest}".encode(), signature.encode())

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("whatsapp_webhook")

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["GET"])
        async def verify(request: Request) -> HTTPResponse:
            token = request.args.get("hub.verify_token", "")
            if request.args.get("hub.mode") == "subscribe" and hmac.compare_digest(
                token.encode(), self.verify_token.encode()
            ):
                return response.text(request.args.get("hub.challenge", ""))
            logger.warning("Refused a WhatsApp webhook verification: wrong mode or verify token.")
            return response.text("forbidden", status=403)

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if not self.is_signed(request.body, request.headers.get("X-Hub-Signature-256", "")):
                logger.warning("Refused a WhatsApp webhook with a missing or wrong signature.")
                return response.text("forbidden", status=403)
            payload = json_object(request.body)
            if payload is None:
                return response.text("not a WhatsApp webhook", status=400)
            for message in whatsapp_messages(payload):
                await self._handle(message, on_new_message)
            return response.text("ok")

        return webhook

    async def _handle(
        self, message: dict[str, Any], on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> None:
        text = user_text(message)
        if not text:
            logger.info("Ignored a WhatsApp message with nothing to answer (a reaction, an empty text).")
            return
        message_id = message.get("id") if isinstance(message.get("id"), str) else None
        if not self.recent.is_new(message_id):
            logger.info("Ignored a WhatsApp message delivered again.")
            return
        user_message = UserMessage(
            readable(text),
            self.output,
            sender_id=message["from"],
            input_channel=self.name(),
            message_id=message_id,
            metadata={"channel": self.name()},
        )
        try:
            await on_new_message(user_message)
        except Exception as error:
            # Meta delivers a webhook again and again until it gets a 200: log the failure instead.
            logger.error("Rasa failed to handle a WhatsApp message: %s.", type(error).__name__)
