"""The WhatsApp channel between signed webhooks and a fake Graph API, both served on 127.0.0.1."""

import asyncio
import hashlib
import hmac
import json
import logging
import socket
from collections.abc import AsyncIterator
from copy import deepcopy
from typing import Any

import aiohttp
import pytest
from aiohttp import test_utils, web
from rasa.core.channels.channel import UserMessage
from rasa.shared.exceptions import RasaException

from bot.channels.text import ATTACHMENT_PAYLOAD, MAX_MESSAGE_LENGTH, TOO_LONG_PAYLOAD
from bot.channels.whatsapp import (
    LIST_BUTTON_LABEL_LIMIT,
    LIST_BUTTON_LABELS,
    WhatsAppInput,
    WhatsAppOutput,
    list_message,
)
from bot.language import SUPPORTED_LANGUAGES
from bot.responses import LIST_BUTTON_LABEL, load_responses, response_text
from tests.channels.conftest import served

APP_SECRET = "app-secret"
VERIFY_TOKEN = "verify-token"
TOKEN = "access-token"
PHONE_NUMBER_ID = "106540352242922"
USER_NUMBER = "352621987654"
MESSAGES_PATH = f"/v19.0/{PHONE_NUMBER_ID}/messages"
HOUSING = '/inform{"need": "housing"}'


class FakeGraphApi:
    """Records the messages posted to it and answers 200, after the statuses queued in `failures`."""

    url = ""

    def __init__(self) -> None:
        self.requests: list[web.Request] = []
        self.sent: list[dict[str, Any]] = []
        self.failures: list[int] = []
        self.app = web.Application()
        self.app.router.add_post(MESSAGES_PATH, self.messages)

    async def messages(self, request: web.Request) -> web.Response:
        self.requests.append(request)
        self.sent.append(await request.json())
        if self.failures:
            # Like the real API, the error message may quote the recipient's number.
            error = {"message": f"(#131030) Recipient {USER_NUMBER} not in allowed list", "code": 131030}
            return web.json_response({"error": error}, status=self.failures.pop(0))
        return web.json_response({"messaging_product": "whatsapp", "messages": [{"id": "wamid.out"}]})


class FakeAgent:
    """Stands for Rasa's agent: records the user messages and answers each with `reply`."""

    def __init__(self) -> None:
        self.messages: list[UserMessage] = []
        self.reply: dict[str, Any] = {"text": "Bonjour ! Comment puis-je vous aider ?"}
        self.error: Exception | None = None

    async def handle_message(self, message: UserMessage) -> None:
        self.messages.append(message)
        if self.error:
            raise self.error
        await message.output_channel.send_response(message.sender_id, deepcopy(self.reply))


class Webhook:
    """A client of the channel's routes, as mounted by Rasa under /webhooks/whatsapp."""

    def __init__(self, url: str, session: aiohttp.ClientSession, agent: FakeAgent) -> None:
        self.url = url
        self.session = session
        self.agent = agent

    async def post(self, body: bytes, signature: str | None) -> int:
        headers = {"Content-Type": "application/json"}
        if signature is not None:
            headers["X-Hub-Signature-256"] = signature
        async with self.session.post(f"{self.url}/webhook", data=body, headers=headers) as reply:
            return reply.status

    async def post_signed(self, payload: dict[str, Any]) -> int:
        return await self.post_signed_bytes(json.dumps(payload).encode())

    async def post_signed_bytes(self, body: bytes) -> int:
        return await self.post(body, sign(body))


def sign(body: bytes, secret: str = APP_SECRET) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def settings(base_url: str) -> dict[str, Any]:
    return {
        "base_url": base_url,
        "api_version": "v19.0",
        "phone_number_id": PHONE_NUMBER_ID,
        "token": TOKEN,
        "app_secret": APP_SECRET,
        "verify_token": VERIFY_TOKEN,
        "retry_base_delay": 0,
    }


def webhook_payload(value: dict[str, Any]) -> dict[str, Any]:
    """A Cloud API webhook carrying one change."""
    metadata = {"display_phone_number": "35220000000", "phone_number_id": PHONE_NUMBER_ID}
    change = {"field": "messages", "value": {"messaging_product": "whatsapp", "metadata": metadata, **value}}
    return {"object": "whatsapp_business_account", "entry": [{"id": "102290129340398", "changes": [change]}]}


def messages_payload(*messages: dict[str, Any]) -> dict[str, Any]:
    contacts = [{"profile": {"name": "Amina"}, "wa_id": USER_NUMBER}]
    return webhook_payload({"contacts": contacts, "messages": list(messages)})


def message(kind: str, content: dict[str, Any]) -> dict[str, Any]:
    return {"from": USER_NUMBER, "id": f"wamid.{kind}", "type": kind, kind: content}


def text_message(body: str) -> dict[str, Any]:
    return message("text", {"body": body})


def language_condition(language: str) -> list[dict[str, str]]:
    """The condition of a response variation in `language`, as Rasa passes it on with the bot message."""
    return [{"type": "slot", "name": "language", "value": language}]


ARABIC_CONDITION = language_condition("ar")


def choice(number: int) -> str:
    return f'/choose{{"number": {number}}}'


def buttons(count: int) -> list[dict[str, Any]]:
    return [{"title": f"Choix {number}", "payload": choice(number)} for number in range(count)]


@pytest.fixture
async def api() -> AsyncIterator[FakeGraphApi]:
    """The fake Graph API, served on a free port of 127.0.0.1 during the test."""
    fake = FakeGraphApi()
    server = test_utils.TestServer(fake.app, host="127.0.0.1")
    await server.start_server()
    fake.url = str(server.make_url("")).rstrip("/")
    yield fake
    await server.close()


@pytest.fixture
def channel(api: FakeGraphApi) -> WhatsAppInput:
    return WhatsAppInput.from_credentials(settings(api.url))


@pytest.fixture
def output(channel: WhatsAppInput) -> WhatsAppOutput:
    return channel.get_output_channel()


@pytest.fixture
async def webhook(channel: WhatsAppInput, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Webhook]:
    """The channel registered the way Rasa does it, in a Sanic server whose agent is a `FakeAgent`."""
    agent = FakeAgent()
    async with served(channel, agent, monkeypatch) as url, aiohttp.ClientSession() as session:
        yield Webhook(url, session, agent)


async def test_health_route(webhook: Webhook) -> None:
    async with webhook.session.get(f"{webhook.url}/") as reply:
        assert reply.status == 200
        assert await reply.json() == {"status": "ok"}


async def test_verification_handshake_returns_the_challenge(webhook: Webhook) -> None:
    query = {"hub.mode": "subscribe", "hub.verify_token": VERIFY_TOKEN, "hub.challenge": "1158201444"}
    async with webhook.session.get(f"{webhook.url}/webhook", params=query) as reply:
        assert reply.status == 200
        assert await reply.text() == "1158201444"


@pytest.mark.parametrize(
    "query",
    [
        {"hub.mode": "subscribe", "hub.verify_token": "wrong-token", "hub.challenge": "1158201444"},
        {"hub.mode": "unsubscribe", "hub.verify_token": VERIFY_TOKEN, "hub.challenge": "1158201444"},
        {"hub.mode": "subscribe", "hub.challenge": "1158201444"},
    ],
    ids=["wrong token", "wrong mode", "no token"],
)
async def test_verification_handshake_refused(webhook: Webhook, query: dict[str, str]) -> None:
    async with webhook.session.get(f"{webhook.url}/webhook", params=query) as reply:
        assert reply.status == 403
        assert "1158201444" not in await reply.text()


@pytest.mark.parametrize(
    "signature",
    [
        None,
        "",
        "sha256=" + "0" * 64,
        sign(b"{}"),
        sign(json.dumps(messages_payload(text_message("Bonjour"))).encode(), secret="other-secret"),
        sign(json.dumps(messages_payload(text_message("Bonjour"))).encode()).removeprefix("sha256="),
    ],
    ids=["missing", "empty", "forged", "other body", "other secret", "no sha256= prefix"],
)
async def test_unsigned_webhooks_are_refused_and_not_processed(
    webhook: Webhook, api: FakeGraphApi, signature: str | None
) -> None:
    body = json.dumps(messages_payload(text_message("Bonjour"))).encode()

    assert await webhook.post(body, signature) == 403
    assert webhook.agent.messages == []
    assert api.sent == []


async def test_text_message_gets_a_text_reply(webhook: Webhook, api: FakeGraphApi) -> None:
    assert await webhook.post_signed(messages_payload(text_message("Je cherche un logement"))) == 200

    [received] = webhook.agent.messages
    assert received.text == "Je cherche un logement"
    assert received.sender_id == USER_NUMBER
    assert received.input_channel == "whatsapp"
    assert received.message_id == "wamid.text"
    assert received.metadata == {"channel": "whatsapp"}  # no language hint: WhatsApp gives none
    assert api.sent == [
        {
            "messaging_product": "whatsapp",
            "to": USER_NUMBER,
            "type": "text",
            "text": {"body": "Bonjour ! Comment puis-je vous aider ?"},
        }
    ]
    assert api.requests[0].headers["Authorization"] == f"Bearer {TOKEN}"


@pytest.mark.parametrize(
    "length, received",
    [(MAX_MESSAGE_LENGTH, "x" * MAX_MESSAGE_LENGTH), (MAX_MESSAGE_LENGTH + 1, TOO_LONG_PAYLOAD)],
)
async def test_a_message_too_long_reaches_rasa_as_the_too_long_intent(
    webhook: Webhook, length: int, received: str
) -> None:
    assert await webhook.post_signed(messages_payload(text_message("x" * length))) == 200

    assert [message.text for message in webhook.agent.messages] == [received]


@pytest.mark.parametrize("kind", ["button_reply", "list_reply"])
async def test_interactive_reply_ids_reach_rasa(webhook: Webhook, api: FakeGraphApi, kind: str) -> None:
    reply = message("interactive", {"type": kind, kind: {"id": HOUSING, "title": "Logement"}})

    assert await webhook.post_signed(messages_payload(reply)) == 200

    assert [received.text for received in webhook.agent.messages] == [HOUSING]
    assert [sent["to"] for sent in api.sent] == [USER_NUMBER]


async def test_template_button_payload_reaches_rasa(webhook: Webhook) -> None:
    reply = message("button", {"payload": HOUSING, "text": "Logement"})

    assert await webhook.post_signed(messages_payload(reply)) == 200

    assert [received.text for received in webhook.agent.messages] == [HOUSING]


@pytest.mark.parametrize(
    "payload",
    [
        webhook_payload({"statuses": [{"id": "wamid.out", "status": "read", "recipient_id": USER_NUMBER}]}),
        messages_payload(message("reaction", {"message_id": "wamid.out", "emoji": "👍"})),
        messages_payload(message("interactive", {"type": "nfm_reply", "nfm_reply": {"response_json": "{}"}})),
    ],
    ids=["statuses", "reaction", "unknown interactive"],
)
async def test_statuses_and_reactions_are_acknowledged_silently(
    webhook: Webhook, api: FakeGraphApi, payload: dict[str, Any]
) -> None:
    assert await webhook.post_signed(payload) == 200
    assert webhook.agent.messages == []
    assert api.sent == []


@pytest.mark.parametrize(
    "kind, content",
    [
        ("image", {"id": "1479537139650973", "mime_type": "image/jpeg"}),
        ("audio", {"id": "1479537139650974", "mime_type": "audio/ogg", "voice": True}),
        ("document", {"id": "1479537139650976", "filename": "lettre.pdf", "mime_type": "application/pdf"}),
        ("location", {"latitude": 49.61, "longitude": 6.13}),
        ("sticker", {"id": "1479537139650975", "mime_type": "image/webp"}),
        ("unsupported", {}),
    ],
)
async def test_media_reach_rasa_as_the_attachment_intent_and_nothing_of_them(
    webhook: Webhook, kind: str, content: dict[str, Any]
) -> None:
    assert await webhook.post_signed(messages_payload(message(kind, content))) == 200

    assert [received.text for received in webhook.agent.messages] == [ATTACHMENT_PAYLOAD]


async def test_a_caption_is_read_as_the_message(webhook: Webhook) -> None:
    image = message("image", {"id": "1479537139650973", "caption": "C'est la lettre du LISKO ?"})

    assert await webhook.post_signed(messages_payload(image, text_message("Bonjour"))) == 200

    assert [received.text for received in webhook.agent.messages] == ["C'est la lettre du LISKO ?", "Bonjour"]


@pytest.mark.parametrize(
    "body",
    [
        b"not json",
        b"[1, 2]",
        b"\xff\xfe",
        json.dumps({"entry": 5}).encode(),
        json.dumps({"entry": [{"changes": [{"value": {"messages": [{"type": "text"}]}}]}]}).encode(),
    ],
    ids=["not json", "a list", "not UTF-8", "entry not a list", "message without sender"],
)
async def test_a_signed_but_malformed_body_gets_no_server_error(webhook: Webhook, body: bytes) -> None:
    assert await webhook.post_signed_bytes(body) in (200, 400)
    assert webhook.agent.messages == []


async def test_a_rasa_failure_is_logged_and_acknowledged(
    webhook: Webhook, caplog: pytest.LogCaptureFixture
) -> None:
    webhook.agent.error = RuntimeError(f"could not handle 'Je cherche un logement' from {USER_NUMBER}")

    assert await webhook.post_signed(messages_payload(text_message("Je cherche un logement"))) == 200

    assert "Rasa failed to handle a WhatsApp message: RuntimeError." in caplog.text
    assert USER_NUMBER not in caplog.text
    assert "Je cherche un logement" not in caplog.text


async def test_up_to_three_buttons_are_reply_buttons(output: WhatsAppOutput, api: FakeGraphApi) -> None:
    await output.send_response(USER_NUMBER, {"text": "Choisissez :", "buttons": buttons(2)})

    assert api.sent == [
        {
            "messaging_product": "whatsapp",
            "to": USER_NUMBER,
            "type": "interactive",
            "interactive": {
                "type": "button",
                "body": {"text": "Choisissez :"},
                "action": {
                    "buttons": [
                        {"type": "reply", "reply": {"id": choice(0), "title": "Choix 0"}},
                        {"type": "reply", "reply": {"id": choice(1), "title": "Choix 1"}},
                    ]
                },
            },
        }
    ]


async def test_more_than_three_buttons_are_a_list(output: WhatsAppOutput, api: FakeGraphApi) -> None:
    message = {"text": "Choisissez :", "buttons": buttons(5), "condition": language_condition("fr")}
    await output.send_response(USER_NUMBER, message)

    [sent] = api.sent
    assert sent["type"] == "interactive"
    assert sent["interactive"] == {
        "type": "list",
        "body": {"text": "Choisissez :"},
        "action": {
            "button": response_text(load_responses(), LIST_BUTTON_LABEL, "fr"),
            "sections": [{"rows": [{"id": choice(n), "title": f"Choix {n}"} for n in range(5)]}],
        },
    }


@pytest.mark.parametrize("language", ["fr", "ar"])
async def test_a_list_button_is_labelled_in_the_reply_language(
    output: WhatsAppOutput, api: FakeGraphApi, language: str
) -> None:
    message = {"text": "…", "buttons": buttons(5), "condition": language_condition(language)}
    await output.send_response(USER_NUMBER, message)

    [sent] = api.sent
    label = sent["interactive"]["action"]["button"]
    assert label == response_text(load_responses(), LIST_BUTTON_LABEL, language)


async def test_a_list_of_a_message_without_language_is_labelled_in_french(
    output: WhatsAppOutput, api: FakeGraphApi
) -> None:
    await output.send_text_with_buttons(USER_NUMBER, "Choisissez :", buttons(5))

    assert api.sent[0]["interactive"]["action"]["button"] == LIST_BUTTON_LABELS["fr"]


def test_list_button_labels_fit_whatsapp() -> None:
    assert set(LIST_BUTTON_LABELS) == set(SUPPORTED_LANGUAGES)
    assert all(0 < len(label) <= LIST_BUTTON_LABEL_LIMIT for label in LIST_BUTTON_LABELS.values())


async def test_a_list_has_ten_rows_at_most(output: WhatsAppOutput, api: FakeGraphApi) -> None:
    await output.send_text_with_buttons(USER_NUMBER, "Choisissez :", buttons(12))

    rows = api.sent[0]["interactive"]["action"]["sections"][0]["rows"]
    assert [row["title"] for row in rows] == [f"Choix {n}" for n in range(10)]


async def test_texts_are_cut_to_whatsapp_limits(output: WhatsAppOutput, api: FakeGraphApi) -> None:
    long_title = "Garantie : vérifier ma situation de logement"

    await output.send_text_message(USER_NUMBER, "a" * 5000)
    await output.send_text_with_buttons(
        USER_NUMBER, "b" * 2000, [{"title": long_title, "payload": "/check_guarantee"}]
    )
    await output.send_text_with_buttons(
        USER_NUMBER, "c" * 2000, [{"title": long_title, "payload": choice(n)} for n in range(4)]
    )

    text, reply_buttons, a_list = api.sent
    assert text["text"]["body"] == "a" * 4095 + "…"
    assert reply_buttons["interactive"]["body"]["text"] == "b" * 1023 + "…"
    assert a_list["interactive"]["body"]["text"] == "c" * 1023 + "…"
    button_title = reply_buttons["interactive"]["action"]["buttons"][0]["reply"]["title"]
    assert (button_title, len(button_title)) == ("Garantie : vérifier…", 20)
    row_titles = {row["title"] for row in a_list["interactive"]["action"]["sections"][0]["rows"]}
    assert row_titles == {"Garantie : vérifier ma …"} and len(row_titles.pop()) == 24


@pytest.mark.parametrize("failures", [[500], [503], [429], [500, 502]], ids=["500", "503", "429", "500 502"])
async def test_server_errors_and_rate_limits_are_retried(
    output: WhatsAppOutput, api: FakeGraphApi, failures: list[int]
) -> None:
    api.failures = list(failures)

    await output.send_text_message(USER_NUMBER, "Bonjour")

    assert len(api.sent) == len(failures) + 1
    assert all(sent == api.sent[0] for sent in api.sent)
    assert api.failures == []


async def test_retries_are_bounded(
    output: WhatsAppOutput, api: FakeGraphApi, caplog: pytest.LogCaptureFixture
) -> None:
    api.failures = [500] * 5

    await output.send_text_message(USER_NUMBER, "Bonjour")

    assert len(api.sent) == 3
    assert "Gave up sending a WhatsApp text message." in caplog.text


@pytest.mark.parametrize("status", [400, 401, 404])
async def test_client_errors_are_not_retried(
    output: WhatsAppOutput, api: FakeGraphApi, caplog: pytest.LogCaptureFixture, status: int
) -> None:
    api.failures = [status]

    await output.send_text_message(USER_NUMBER, "Bonjour")

    assert len(api.sent) == 1
    assert f"HTTP {status}, error code 131030 (attempt 1 of 3)" in caplog.text


async def test_an_unreachable_api_is_retried_then_given_up(caplog: pytest.LogCaptureFixture) -> None:
    with socket.socket() as closed:  # bound but not listening: connections are refused
        closed.bind(("127.0.0.1", 0))
        base_url = f"http://127.0.0.1:{closed.getsockname()[1]}"
        output = WhatsAppInput.from_credentials(settings(base_url)).get_output_channel()

        await output.send_text_message(USER_NUMBER, "Bonjour")

    attempts = [record for record in caplog.records if "Could not reach the Graph API" in record.getMessage()]
    assert len(attempts) == 3
    assert "Gave up sending a WhatsApp text message." in caplog.text


async def test_backoff_doubles_between_attempts(api: FakeGraphApi, monkeypatch: pytest.MonkeyPatch) -> None:
    api.failures = [500, 500]
    delays: list[float] = []
    sleep = asyncio.sleep

    async def record_delay(delay: float) -> None:
        delays.append(delay)
        await sleep(0)

    monkeypatch.setattr(asyncio, "sleep", record_delay)
    output = WhatsAppInput.from_credentials(
        {**settings(api.url), "retry_base_delay": 1.5}
    ).get_output_channel()

    await output.send_text_message(USER_NUMBER, "Bonjour")

    assert delays == [1.5, 3.0]
    assert len(api.sent) == 3


async def test_failed_sends_log_no_personal_data(
    webhook: Webhook, api: FakeGraphApi, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    api.failures = [500] * 3

    assert await webhook.post_signed(messages_payload(text_message("Je cherche un logement"))) == 200

    assert len(api.sent) == 3
    assert "HTTP 500, error code 131030 (attempt 3 of 3)" in caplog.text
    assert "Gave up sending a WhatsApp text message." in caplog.text
    for personal in (USER_NUMBER, "Je cherche un logement", webhook.agent.reply["text"], "Amina"):
        assert personal not in caplog.text


def test_default_base_url() -> None:
    output = WhatsAppInput.from_credentials({**settings(""), "base_url": None}).get_output_channel()

    assert output.messages_url == f"https://graph.facebook.com/v19.0/{PHONE_NUMBER_ID}/messages"
    assert output.name() == "whatsapp"


@pytest.mark.parametrize("missing", ["api_version", "phone_number_id", "token", "app_secret", "verify_token"])
def test_a_missing_setting_is_named(missing: str) -> None:
    with pytest.raises(RasaException, match=f"missing these settings: {missing}\\.$"):
        WhatsAppInput.from_credentials({**settings("http://127.0.0.1"), missing: ""})


def test_no_credentials_names_every_setting() -> None:
    with pytest.raises(RasaException, match="api_version, phone_number_id, token, app_secret, verify_token"):
        WhatsAppInput.from_credentials(None)


async def test_a_message_delivered_again_is_answered_once(webhook: Webhook, api: FakeGraphApi) -> None:
    payload = messages_payload(text_message("Je cherche un logement"))

    assert await webhook.post_signed(payload) == 200
    assert await webhook.post_signed(payload) == 200

    assert [received.text for received in webhook.agent.messages] == ["Je cherche un logement"]
    assert len(api.sent) == 1


async def test_an_arabic_reply_is_sent_in_reading_order(output: WhatsAppOutput, api: FakeGraphApi) -> None:
    card = "هذه الجهة:\nLISKO (Croix-Rouge luxembourgeoise)\nالهاتف: (+352) 27 55 56 03"
    await output.send_response(USER_NUMBER, {"text": card, "condition": ARABIC_CONDITION})

    [sent] = api.sent
    assert sent["text"]["body"].split("\n") == [
        "هذه الجهة:",
        "\u200f\u2066LISKO (Croix-Rouge luxembourgeoise)\u2069",
        "الهاتف: \u2066(+352) 27 55 56 03\u2069",
    ]


def test_a_list_button_label_is_cut_to_whatsapp_limit() -> None:
    label = list_message("Choisissez :", buttons(4), "Choisissez votre option")["action"]["button"]
    assert (label, len(label)) == ("Choisissez votre op…", LIST_BUTTON_LABEL_LIMIT)
