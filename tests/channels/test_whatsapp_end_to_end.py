"""WhatsApp end to end: signed webhooks into the web entry point, Rasa's answers out to a fake Graph API."""

import json
import urllib.error
import urllib.parse
import urllib.request
import uuid
from typing import Any

import pytest

from bot.channels.text import MAX_MESSAGE_LENGTH
from bot.paths import PROJECT_ROOT
from tests.channels.webhook_client import meta_signature, post
from tests.conftest import WHATSAPP_APP_SECRET, WHATSAPP_VERIFY_TOKEN
from tests.fake_platform_apis import PHONE_NUMBER_ID
from tests.rest_user import language_of, response_name, response_text
from tests.tracker_db import stored_texts


class WhatsAppUser:
    """A WhatsApp user whose messages Meta delivers to the entry point's webhook."""

    def __init__(self, stack) -> None:
        self.webhook_url = f"{stack.web_url}/webhooks/whatsapp/webhook"
        self.platforms = stack.platforms
        self.number = "3526" + str(uuid.uuid4().int)[:8]

    def webhook(self, message: dict[str, Any]) -> bytes:
        value = {
            "messaging_product": "whatsapp",
            "metadata": {"display_phone_number": "35220000000", "phone_number_id": PHONE_NUMBER_ID},
            "contacts": [{"profile": {"name": "Amina"}, "wa_id": self.number}],
            "messages": [
                {"from": self.number, "id": f"wamid.{uuid.uuid4().hex}", "timestamp": "1764000000", **message}
            ],
        }
        entry = {"id": "102290129340398", "changes": [{"field": "messages", "value": value}]}
        return json.dumps({"object": "whatsapp_business_account", "entry": [entry]}).encode()

    def post(self, body: bytes, signed_with: str = WHATSAPP_APP_SECRET) -> int:
        return post(self.webhook_url, body, meta_signature(body, signed_with))

    def sends(self, message: dict[str, Any]) -> list[dict[str, Any]]:
        """Post the message, signed; return what the assistant sent back through the Graph API."""
        before = len(self.platforms.sent_to(self.number))
        assert self.post(self.webhook(message)) == 200
        return self.platforms.sent_to(self.number)[before:]

    def says(self, text: str) -> list[dict[str, Any]]:
        return self.sends({"type": "text", "text": {"body": text}})


def text_of(message: dict[str, Any]) -> str:
    return message["text"]["body"] if message["type"] == "text" else message["interactive"]["body"]["text"]


def languages(messages: list[dict[str, Any]]) -> set:
    assert messages, "no reply"
    return {language_of(text_of(message)) for message in messages}


def test_verification_handshake_through_the_entry_point(stack):
    query = urllib.parse.urlencode(
        {"hub.mode": "subscribe", "hub.verify_token": WHATSAPP_VERIFY_TOKEN, "hub.challenge": "8093"}
    )
    with urllib.request.urlopen(f"{stack.web_url}/webhooks/whatsapp/webhook?{query}", timeout=10) as reply:
        assert reply.read() == b"8093"


@pytest.mark.parametrize("secret", ["not-the-app-secret", ""], ids=["wrong secret", "empty secret"])
def test_forged_webhook_gets_403_and_no_reply(stack, secret):
    user = WhatsAppUser(stack)
    assert user.post(user.webhook({"type": "text", "text": {"body": "bonjour"}}), signed_with=secret) == 403
    assert stack.platforms.sent_to(user.number) == []


def test_unsigned_webhook_gets_403_and_no_reply(stack):
    user = WhatsAppUser(stack)
    body = user.webhook({"type": "text", "text": {"body": "bonjour"}})
    assert post(user.webhook_url, body, {}) == 403
    assert stack.platforms.sent_to(user.number) == []


@pytest.mark.parametrize(
    "text, language",
    [
        ("Bonjour, qu'est-ce que le LISKO exactement ?", "fr"),
        ("Hello, who should I contact about my housing problem?", "en"),
        ("السلام عليكم، ما هو LISKO؟", "ar"),
    ],
)
def test_first_message_decides_the_language(stack, text, language):
    """WhatsApp gives no language hint: the reply follows the first message's language."""
    sent = WhatsAppUser(stack).says(text)
    assert all(message["messaging_product"] == "whatsapp" for message in sent)
    assert languages(sent) == {language}


def test_welcome_buttons_and_a_button_reply(stack):
    user = WhatsAppUser(stack)
    (welcome,) = (message for message in user.says("bonjour") if message["type"] == "interactive")
    buttons = welcome["interactive"]["action"]["buttons"]
    assert [button["reply"]["title"] for button in buttons] == ["Français", "English", "العربية"]
    arabic = buttons[2]["reply"]
    reply = {"type": "interactive", "interactive": {"type": "button_reply", "button_reply": arabic}}
    assert languages(user.sends(reply)) == {"ar"}


def test_a_sticker_gets_the_written_messages_only_reply_in_the_conversation_language(stack):
    user = WhatsAppUser(stack)
    assert languages(user.says("Hello, what is LISKO?")) == {"en"}

    [reply] = user.sends({"type": "sticker", "sticker": {"id": "1", "mime_type": "image/webp"}})

    assert (response_name(text_of(reply)), language_of(text_of(reply))) == ("utter_attachment", "en")


def test_a_message_too_long_gets_a_refusal_in_the_conversation_language_and_is_not_kept(stack):
    user = WhatsAppUser(stack)
    assert languages(user.says("السلام عليكم، ما هو LISKO؟")) == {"ar"}
    long_text = "أبحث عن سكن " * (MAX_MESSAGE_LENGTH // 10)

    [refusal] = user.says(long_text)

    assert text_of(refusal) == response_text("utter_too_long", "ar")
    assert long_text not in stored_texts(stack.tracker_db, user.number)
    assert languages(user.says("ما هو LISKO؟")) == {"ar"}


def test_a_telegram_that_cannot_register_its_webhook_leaves_the_widget_and_whatsapp_up(stack):
    """The session's fake Bot API refuses to register Telegram's webhook (tests/conftest.py)."""
    log = (PROJECT_ROOT / "results" / "test-servers.log").read_text(encoding="utf-8")
    assert "The Telegram channel could not register its webhook" in log
    assert languages(WhatsAppUser(stack).says("Bonjour, qu'est-ce que le LISKO ?")) == {"fr"}
    with urllib.request.urlopen(f"{stack.web_url}/widget/settings.json", timeout=10) as reply:
        assert reply.status == 200
