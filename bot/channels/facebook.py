"""Facebook Messenger: our own webhook in front of Rasa's Send API output, kept within Messenger's limits.

Rasa's webhook checks only the old SHA-1 signature and answers a bad one with 200, reads only the
first event of a batch, answers the page's own echoes, passes an image's URL on as if the user had
typed it, and fails on the "field / value" form of the App Dashboard's test. This one checks
`X-Hub-Signature-256` (the SHA-1 header only when Meta sends no other) before reading the body and
answers 403 without it, 400 to a body that is not a JSON object; it answers each user message and
postback of every entry once (by `mid`), and nothing else (echoes, read and delivery receipts).
A photo, voice note or file gets "I can only read written messages"; nothing of it is passed on.

Rasa's own output sends button titles of any length (Messenger refuses titles over 20 characters, so
the whole reply is lost) and drops every button of a reply that has more than 3. A message too long
to be read gets a polite refusal (bot/channels/text.py). Arabic replies are sent in reading order
(bot/reading_order.py).
"""

import hashlib
import hmac
import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any

from fbmessenger import MessengerClient
from rasa.core.channels.channel import UserMessage
from rasa.core.channels.facebook import FacebookInput as RasaFacebookInput
from rasa.core.channels.facebook import MessengerBot
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.payload import child, children, json_object, messenger_events, text_field
from bot.channels.text import (
    BUTTON_TITLE_LIMIT,
    InReadingOrder,
    RecentIds,
    caption_or_attachment,
    cut,
    readable,
)

logger = logging.getLogger(__name__)

BUTTON_TEMPLATE_MAX = 3
QUICK_REPLIES_MAX = 10  # the most fbmessenger accepts
DEFAULT_GRAPH_API_BASE_URL = "https://graph.facebook.com"
# Meta delivers a webhook again when its 200 comes late: the ids of the last messages handled.
REMEMBERED_MESSAGE_IDS = 1000


def within_limits(buttons: list[dict[str, Any]], count: int) -> list[dict[str, Any]]:
    """The first `count` buttons, titles cut to Messenger's 20 characters."""
    return [{**button, "title": cut(str(button["title"]), BUTTON_TITLE_LIMIT)} for button in buttons[:count]]


class MessengerOutput(InReadingOrder, MessengerBot):
    """Up to 3 buttons as a button template, more as quick replies; titles cut to 20 characters."""

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        if len(buttons) <= BUTTON_TEMPLATE_MAX:
            await super().send_text_with_buttons(
                recipient_id, text, within_limits(buttons, BUTTON_TEMPLATE_MAX), **kwargs
            )
        else:
            await self.send_quick_replies(recipient_id, text, within_limits(buttons, QUICK_REPLIES_MAX))


@dataclass(frozen=True)
class Incoming:
    """A user's message or postback: who sent it, what to pass to Rasa, and its id if any."""

    sender_id: str
    text: str
    message_id: str | None


def _incoming(event: dict[str, Any]) -> Incoming | None:
    sender = text_field(child(event, "sender"), "id")
    message, postback = child(event, "message"), child(event, "postback")
    if not sender or message.get("is_echo"):
        return None
    if message:
        text = text_field(child(message, "quick_reply"), "payload") or text_field(message, "text")
        if not text and children(message, "attachments"):
            text = caption_or_attachment(None)
        return Incoming(sender, text, text_field(message, "mid")) if text else None
    text = text_field(postback, "payload")
    return Incoming(sender, text, text_field(postback, "mid")) if text else None


def incoming_events(payload: dict[str, Any]) -> list[Incoming]:
    """The users' messages and postbacks of every entry of a page webhook; echoes and receipts have none."""
    return [found for found in map(_incoming, messenger_events(payload)) if found]


class FacebookInput(RasaFacebookInput):
    """Rasa's channel settings and Send API output, with our own webhook (see the module's docstring)."""

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> "FacebookInput":
        if not credentials:
            cls.raise_missing_credentials_exception()
        return cls(
            credentials.get("verify"),
            credentials.get("secret"),
            credentials.get("page-access-token"),
            str(credentials.get("graph_api_base_url") or DEFAULT_GRAPH_API_BASE_URL),
        )

    def __init__(
        self,
        fb_verify: str,
        fb_secret: str,
        fb_access_token: str,
        graph_api_base_url: str = DEFAULT_GRAPH_API_BASE_URL,
    ) -> None:
        super().__init__(fb_verify, fb_secret, fb_access_token)
        client = MessengerClient(fb_access_token)
        client.graph_url = f"{graph_api_base_url.rstrip('/')}/v{client.api_version}"
        # One output for every message, as for WhatsApp: it holds nothing of a conversation.
        self.output = MessengerOutput(client)
        self.recent = RecentIds(REMEMBERED_MESSAGE_IDS)

    def is_signed(self, body: bytes, headers: Mapping[str, str]) -> bool:
        """Whether the body carries the app's HMAC: SHA-256, or SHA-1 when Meta sends only that header."""
        signature = headers.get("X-Hub-Signature-256")
        algorithm, prefix = (hashlib.sha256, "sha256=") if signature is not None else (hashlib.sha1, "sha1=")
        signature = signature if signature is not None else headers.get("X-Hub-Signature", "")
        digest = hmac.new(self.fb_secret.encode(), body, algorithm).hexdigest()
        return bool(self.fb_secret) and hmac.compare_digest(f"{prefix}{digest}".encode(), signature.encode())

    async def _answer(
        self, message: Incoming, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> None:
        """Passes the message to Rasa; the page shows it seen, then typing, as Rasa's channel does."""
        await self.output.send_action(message.sender_id, sender_action="mark_seen")
        await self.output.send_action(message.sender_id, sender_action="typing_on")
        user_message = UserMessage(
            readable(message.text),
            self.output,
            message.sender_id,
            input_channel=self.name(),
            message_id=message.message_id,
        )
        try:
            await on_new_message(user_message)
        except Exception as error:
            # Meta delivers a webhook again until it gets a 200: log the failure instead.
            logger.error("Rasa failed to handle a Messenger message: %s.", type(error).__name__)
        finally:
            await self.output.send_action(message.sender_id, sender_action="typing_off")

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("fb_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["GET"])
        async def verify(request: Request) -> HTTPResponse:
            token = request.args.get("hub.verify_token", "")
            if self.fb_verify and hmac.compare_digest(token.encode(), self.fb_verify.encode()):
                return response.text(request.args.get("hub.challenge", ""))
            logger.warning("Refused a Messenger webhook verification: wrong verify token.")
            return response.text("forbidden", status=403)

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if not self.is_signed(request.body, request.headers):
                logger.warning("Refused a Messenger webhook with a missing or wrong signature.")
                return response.text("forbidden", status=403)
            payload = json_object(request.body)
            if payload is None:
                return response.text("not a Messenger webhook", status=400)
            for message in incoming_events(payload):
                if self.recent.is_new(message.message_id):
                    await self._answer(message, on_new_message)
            return response.text("success")

        return webhook
