"""The platforms' documented webhooks (tests/channels/payloads), signed as each platform signs them, sent
through the entry point to the session's Rasa; the replies go to the fake APIs of tests/fake_platform_apis.py.

Each body gets a sender (and message ids) of its own, so that neither a conversation another file left
open nor the de-duplication changes what it gets.
"""

import hashlib
import hmac
import itertools
import json
import re
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest

from bot.channels.telegram import SECRET_HEADER
from bot.servers import PROJECT_ROOT
from tests.conftest import FACEBOOK_APP_SECRET, TELEGRAM_WEBHOOK_SECRET, WHATSAPP_APP_SECRET
from tests.rest_user import response_name
from tests.tracker_db import stored_texts

PAYLOADS = Path(__file__).parent / "payloads"
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
# The fields of a WhatsApp attachment that must be neither stored nor logged.
ATTACHMENT_FIELDS = {
    "image": ("id", "url", "sha256"),
    "audio": ("id", "url", "sha256"),
    "document": ("id", "url", "filename"),
    "location": ("address", "url"),
}


def hub_signature(body: bytes, secret: str) -> dict[str, str]:
    return {"X-Hub-Signature-256": "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()}


def post(url: str, body: bytes, headers: dict[str, str]) -> int:
    request = urllib.request.Request(url, body, {"Content-Type": "application/json", **headers})
    try:
        with urllib.request.urlopen(request, timeout=60) as reply:
            return reply.status
    except urllib.error.HTTPError as error:
        return error.code


def body_of(platform: str, name: str, user: str, new_user: str) -> bytes:
    """The documented body, its user replaced by `new_user` and its message ids made new."""
    text = re.sub(rf"\b{user}\b", new_user, (PAYLOADS / platform / f"{name}.json").read_text())
    return re.sub(r'"((?:wamid\.|m_|mid\.)[^"]+)"', rf'"\1-{uuid.uuid4().hex}"', text).encode()


def check(expected: int | str, texts: list[str]) -> None:
    if expected == 0:
        assert texts == []
    elif isinstance(expected, str):
        assert [response_name(text) for text in texts][:1] == [expected]
    else:
        assert len(texts) >= expected


def test_every_documented_body_has_its_expectation():
    for platform, expected in (("whatsapp", WHATSAPP), ("telegram", TELEGRAM), ("messenger", MESSENGER)):
        assert {path.stem for path in (PAYLOADS / platform).glob("*.json")} == set(expected), platform


@pytest.mark.parametrize("name", sorted(WHATSAPP))
def test_whatsapp(stack, name):
    user = f"3529{next(senders):08d}"
    body = body_of("whatsapp", name, "16315551181", user)
    url = f"{stack.web_url}/webhooks/whatsapp/webhook"

    assert post(url, body, hub_signature(body, "forged")) == 403
    assert post(url, body, hub_signature(body, WHATSAPP_APP_SECRET)) == 200

    sent = stack.platforms.sent_to(user)
    texts = [m["text"]["body"] if m["type"] == "text" else m["interactive"]["body"]["text"] for m in sent]
    check(WHATSAPP[name], texts)
    kept = stored_texts(stack.tracker_db, user) + (PROJECT_ROOT / "results" / "test-servers.log").read_text()
    for message in json.loads(body)["entry"][0]["changes"][0]["value"].get("messages", []):
        for field in ATTACHMENT_FIELDS.get(message["type"], ()):
            assert str(message[message["type"]][field]) not in kept, (name, field)


@pytest.mark.parametrize("name", sorted(TELEGRAM))
def test_telegram(stack, name):
    chat = 900_000_000 + next(senders)
    body = body_of("telegram", name, "123456789", str(chat))
    url = f"{stack.web_url}/webhooks/telegram/webhook"

    assert post(url, body, {SECRET_HEADER: "forged"}) == 403
    assert post(url, body, {SECRET_HEADER: TELEGRAM_WEBHOOK_SECRET}) == 200

    check(TELEGRAM[name], [message["text"] for message in stack.platforms.telegram_sent_to(chat)])


@pytest.mark.parametrize("name", sorted(MESSENGER))
def test_messenger(stack, name):
    user = str(5_500_000_000_000_000 + next(senders))
    body = body_of("messenger", name, "5567890123456789", user)
    url = f"{stack.web_url}/webhooks/facebook/webhook"

    assert post(url, body, {}) == 403
    assert post(url, body, hub_signature(body, FACEBOOK_APP_SECRET)) == 200

    sent = stack.platforms.messenger_sent_to(user)
    texts = [message.get("text") or message["attachment"]["payload"]["text"] for message in sent]
    check(MESSENGER[name], texts)
