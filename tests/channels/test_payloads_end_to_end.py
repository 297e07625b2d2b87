"""The platforms' documented webhooks (tests/channels/payloads), signed as each platform signs them, sent
through the entry point to the session's Rasa; the replies go to the fake APIs of tests/fake_platform_apis.py.

Each body gets a sender (and message ids) of its own, so that neither a conversation another file left
open nor the de-duplication changes what it gets.
"""

import itertools
import json
import re
import uuid
from pathlib import Path
from typing import Any

import pytest

from bot.channels.telegram import SECRET_HEADER
from bot.paths import PROJECT_ROOT
from tests.channels.conftest import fuzzed_bodies
from tests.channels.webhook_client import meta_signature, post
from tests.conftest import FACEBOOK_APP_SECRET, TELEGRAM_WEBHOOK_SECRET, WHATSAPP_APP_SECRET
from tests.rest_user import language_of, response_name
from tests.tracker_db import stored_texts

PAYLOADS = Path(__file__).parent / "payloads"
SERVERS_LOG = PROJECT_ROOT / "results" / "test-servers.log"
ATTACHMENT_REPLY = "utter_attachment"
senders = itertools.count(1)

# How many user messages of each documented body get an answer, or the one reply they get
# (tests/channels/payloads/README.md).
WHATSAPP = {
    "text": 1,
    "interactive_button_reply": 1,
    "interactive_list_reply": 1,
    "template_quick_reply_button": 1,
    "image_with_caption": 1,
    "audio_voice_note": ATTACHMENT_REPLY,
    "document": 1,
    "location": ATTACHMENT_REPLY,
    "unsupported": ATTACHMENT_REPLY,
    "status_sent": 0,
    "status_read": 0,
    "batch_several_messages": 3,
}
TELEGRAM = {
    "text_message": 1,
    "start_command": "utter_welcome",
    "edited_message": 1,
    "callback_query_with_message": 1,
    "callback_query_without_message": 1,
    "photo_with_caption": 1,
    "photo_without_caption": ATTACHMENT_REPLY,
    "voice": ATTACHMENT_REPLY,
    "sticker": ATTACHMENT_REPLY,
}
MESSENGER = {
    "text_message": 1,
    "quick_reply": 1,
    "postback_messaging_form": 1,
    "postback_field_value_form": 0,  # the App Dashboard's test notification: nothing to answer
    "image_attachment": ATTACHMENT_REPLY,
    "echo": 0,
    "read_receipt": 0,
    "delivery_receipt": 0,
    "batch_several_entries": 2,
}
EXPECTED = {"whatsapp": WHATSAPP, "telegram": TELEGRAM, "messenger": MESSENGER}
DOCUMENTED_BODIES = [(platform, name) for platform, expected in EXPECTED.items() for name in expected]
# The user of the documented bodies (tests/channels/payloads/README.md), replaced by one user per test.
DOCUMENTED_USERS = {"whatsapp": "16315551181", "telegram": "123456789", "messenger": "5567890123456789"}
# Where the platforms put what a user sent that is not text (tests/channels/payloads): nothing under these
# keys may be stored or logged, apart from a caption, which is read as the message.
ATTACHMENT_KEYS = {"image", "audio", "document", "location", "sticker", "photo", "voice", "attachments"}
# The (platform, text body, attachment body) of the test of the conversation's language.
ATTACHMENT_AFTER_TEXT = [
    ("whatsapp", "text", "audio_voice_note"),
    ("telegram", "text_message", "voice"),
    ("messenger", "text_message", "image_attachment"),
]
DOCUMENTED_TEXT = "Bonjour, qu'est-ce que le LISKO ?"


def attachment_values(node: Any, inside: bool = False) -> set[str]:
    """What identifies an attachment in a webhook body: ids, URLs, file names, places, coordinates."""
    if isinstance(node, dict):
        return {
            value
            for key, child in node.items()
            if key not in ("caption", "mime_type")
            for value in attachment_values(child, inside or key in ATTACHMENT_KEYS)
        }
    if isinstance(node, list):
        return {value for child in node for value in attachment_values(child, inside)}
    if inside and (isinstance(node, float) or isinstance(node, str) and len(node) >= 8):
        return {str(node)}
    return set()


def assert_nothing_kept_of_the_attachments(stack: Any, user: str, body: bytes) -> None:
    kept = stored_texts(stack.tracker_db, user) + SERVERS_LOG.read_text()
    assert {value for value in attachment_values(json.loads(body)) if value in kept} == set()


def body_of(platform: str, name: str, user: str, new_user: str, text: str = DOCUMENTED_TEXT) -> bytes:
    """The documented body, its user replaced by `new_user`, its message ids made new, and its text
    question replaced by `text`."""
    documented = (PAYLOADS / platform / f"{name}.json").read_text().replace(DOCUMENTED_TEXT, text)
    text = re.sub(rf"\b{user}\b", new_user, documented)
    return re.sub(r'"((?:wamid\.|m_|mid\.)[^"]+)"', rf'"\1-{uuid.uuid4().hex}"', text).encode()


def check(expected: int | str, texts: list[str]) -> None:
    if expected == 0:
        assert texts == []
    elif isinstance(expected, str):
        assert [response_name(text) for text in texts][:1] == [expected]
    else:
        assert len(texts) >= expected


def route(platform: str) -> str:
    """The entry point's path for the platform's webhook (Rasa names Messenger's channel "facebook")."""
    return f"/webhooks/{'facebook' if platform == 'messenger' else platform}/webhook"


def signed(platform: str, body: bytes, secret: str | None = None) -> dict[str, str]:
    """The headers with which the platform authenticates `body`, with its secret or `secret`."""
    if platform == "telegram":
        return {SECRET_HEADER: secret or TELEGRAM_WEBHOOK_SECRET}
    app_secret = WHATSAPP_APP_SECRET if platform == "whatsapp" else FACEBOOK_APP_SECRET
    return meta_signature(body, secret or app_secret)


def replies_to(stack: Any, platform: str, user: str) -> list[str]:
    """The texts the assistant has sent to `user` through the platform's API."""
    if platform == "telegram":
        return [message["text"] for message in stack.platforms.telegram_sent_to(int(user))]
    if platform == "whatsapp":
        sent = stack.platforms.sent_to(user)
        return [m["text"]["body"] if m["type"] == "text" else m["interactive"]["body"]["text"] for m in sent]
    sent = stack.platforms.messenger_sent_to(user)
    return [message.get("text") or message["attachment"]["payload"]["text"] for message in sent]


def test_every_documented_body_has_its_expectation():
    for platform, expected in EXPECTED.items():
        assert {path.stem for path in (PAYLOADS / platform).glob("*.json")} == set(expected), platform


@pytest.mark.parametrize("platform, name", DOCUMENTED_BODIES)
def test_documented_body(stack, platform, name):
    user = str(800_000_000 + next(senders))
    body = body_of(platform, name, DOCUMENTED_USERS[platform], user)
    url = stack.web_url + route(platform)

    assert post(url, body, signed(platform, body, "forged")) == 403
    assert post(url, body, signed(platform, body)) == 200

    check(EXPECTED[platform][name], replies_to(stack, platform, user))
    assert_nothing_kept_of_the_attachments(stack, user, body)


@pytest.mark.parametrize("platform, text_body, attachment_body", ATTACHMENT_AFTER_TEXT)
def test_an_attachment_gets_the_written_messages_reply_in_the_conversation_language(
    stack, platform, text_body, attachment_body
):
    user = str(800_000_000 + next(senders))
    url = stack.web_url + route(platform)
    question = body_of(platform, text_body, DOCUMENTED_USERS[platform], user, "السلام عليكم، ما هو LISKO؟")
    assert post(url, question, signed(platform, question)) == 200
    assert {language_of(text) for text in replies_to(stack, platform, user)} == {"ar"}
    answered = len(replies_to(stack, platform, user))

    attachment = body_of(platform, attachment_body, DOCUMENTED_USERS[platform], user)
    assert post(url, attachment, signed(platform, attachment)) == 200

    [reply] = replies_to(stack, platform, user)[answered:]
    assert (response_name(reply), language_of(reply)) == (ATTACHMENT_REPLY, "ar")
    assert_nothing_kept_of_the_attachments(stack, user, attachment)


@pytest.mark.parametrize("platform", sorted(EXPECTED))
def test_no_fuzzed_body_gets_a_server_error_through_the_entry_point(stack, platform):
    """Random bytes, deep nesting and fields of the wrong types, unsigned and signed: refused (403 or
    400) or accepted, never a server error, and nothing in the servers' log but lines about them."""
    url = stack.web_url + route(platform)
    logged = len(SERVERS_LOG.read_text())
    for body in fuzzed_bodies():
        assert post(url, body, {}) == 403
        assert post(url, body, signed(platform, body)) in (200, 400)
    assert "Traceback" not in SERVERS_LOG.read_text()[logged:]


def test_no_fuzzed_body_gets_a_server_error_from_the_widget_api(stack):
    url = f"{stack.web_url}/widget/messages"
    logged = len(SERVERS_LOG.read_text())
    statuses = {post(url, body, {}) for body in fuzzed_bodies()}
    assert statuses and max(statuses) < 500
    assert "Traceback" not in SERVERS_LOG.read_text()[logged:]
