"""Facebook Messenger through our channel, built from credentials.yml, in front of the real assistant.

Page webhooks are posted to the channel as Meta posts them, signed with the app secret. The channel
sends through `fbmessenger.MessengerClient`, whose `requests.Session.post` calls to the Graph API are
answered by `FakeSendApi` in this process: nothing leaves the machine. The replies come from the trained
model and the action server of the test session.
"""

import hashlib
import hmac
import itertools
import json
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
import requests
from rasa.core.agent import Agent

from bot.channels.facebook import FacebookInput, Incoming, MessengerOutput, incoming_events
from bot.channels.payload import json_object
from bot.channels.text import ATTACHMENT_PAYLOAD
from bot.tools.evaluate import ResponsePatterns, language_of, response_of, response_patterns
from tests.channels.conftest import channel_from_credentials, fuzzed_bodies, served
from tests.channels.webhook_client import meta_signature

CHANNEL = "bot.channels.facebook.FacebookInput"
ENVIRONMENT = {
    "FACEBOOK_VERIFY_TOKEN": "test-verify-token",
    "FACEBOOK_APP_SECRET": "test-app-secret",
    "FACEBOOK_PAGE_ACCESS_TOKEN": "EAAtest-page-access-token",
}
PAGE_ID = "104836592345678"
SEND_API = "https://graph.facebook.com/v2.12/me/messages"
LANGUAGE_BUTTONS = ["Français", "English", "العربية"]
FRENCH_QUESTION = "Bonjour, comment trouver un logement au Luxembourg ?"

user_ids = itertools.count(7_100_000_000_000_001)
message_ids = itertools.count(1)


class FakeResponse:
    """The part of `requests.Response` that fbmessenger reads."""

    def __init__(self, body: dict[str, Any]) -> None:
        self.body = body

    def json(self) -> dict[str, Any]:
        return self.body


class FakeSendApi:
    """Answers the Send API as Meta would, and records the body and query of each call."""

    def __init__(self) -> None:
        self.calls: list[dict[str, Any]] = []
        self.queries: list[dict[str, Any]] = []

    def post(self, params: dict[str, Any] | None, body: dict[str, Any]) -> FakeResponse:
        self.queries.append(dict(params or {}))
        self.calls.append(body)
        return FakeResponse(
            {"recipient_id": body["recipient"]["id"], "message_id": f"m_out{len(self.calls)}"}
        )

    def messages_to(self, user_id: str) -> list[dict[str, Any]]:
        """The messages (not the sender actions) sent to `user_id`, in order."""
        return [
            call["message"] for call in self.calls if call["recipient"]["id"] == user_id and "message" in call
        ]

    def actions_to(self, user_id: str) -> list[str]:
        return [
            call["sender_action"]
            for call in self.calls
            if call["recipient"]["id"] == user_id and "sender_action" in call
        ]


class Messenger:
    """Meta's side of the webhook, for one user writing to the page."""

    def __init__(self, url: str, session: aiohttp.ClientSession, api: FakeSendApi) -> None:
        self.url = url
        self.session = session
        self.api = api
        self.user_id = str(next(user_ids))

    def page_event(self, event: dict[str, Any]) -> dict[str, Any]:
        """A page webhook carrying one messaging event of the user."""
        timestamp = int(time.time() * 1000)
        messaging = {
            "sender": {"id": self.user_id},
            "recipient": {"id": PAGE_ID},
            "timestamp": timestamp,
            **event,
        }
        return {"object": "page", "entry": [{"id": PAGE_ID, "time": timestamp, "messaging": [messaging]}]}

    async def post(self, payload: dict[str, Any], secret: str = ENVIRONMENT["FACEBOOK_APP_SECRET"]) -> int:
        """Posts `payload` signed as Meta signs it; the HTTP status."""
        body = json.dumps(payload).encode()
        async with self.session.post(self.url, data=body, headers=signed(body, secret)) as reply:
            return reply.status

    async def answer_to(self, event: dict[str, Any]) -> list[dict[str, Any]]:
        before = len(self.api.messages_to(self.user_id))
        assert await self.post(self.page_event(event)) == 200
        return self.api.messages_to(self.user_id)[before:]

    async def says(self, text: str) -> list[dict[str, Any]]:
        """Posts a text message; returns the messages the bot sent to this user in answer."""
        return await self.answer_to({"message": {"mid": f"m_in{next(message_ids)}", "text": text}})

    async def presses(self, button: dict[str, Any]) -> list[dict[str, Any]]:
        """Posts the postback of a template button."""
        return await self.answer_to({"postback": {"title": button["title"], "payload": button["payload"]}})


class MessengerFactory:
    """Brings users to the page."""

    def __init__(self, url: str, session: aiohttp.ClientSession, api: FakeSendApi) -> None:
        self.url = url
        self.session = session
        self.api = api

    def user(self) -> Messenger:
        return Messenger(self.url, self.session, self.api)


def signed(body: bytes, secret: str) -> dict[str, str]:
    """The headers of a webhook as Meta posts it: X-Hub-Signature-256, the HMAC of the raw body."""
    return {"Content-Type": "application/json", **meta_signature(body, secret)}


def text_of(message: dict[str, Any]) -> str:
    """The text of a sent message: plain, or of a button template."""
    if "text" in message:
        return message["text"]
    return message["attachment"]["payload"]["text"]


def languages(messages: list[dict[str, Any]], patterns: ResponsePatterns) -> set[str | None]:
    return {language_of(text_of(message), patterns) for message in messages}


@pytest.fixture(scope="module")
def patterns(agent: Agent) -> ResponsePatterns:
    return response_patterns(agent.domain.responses)


@pytest.fixture
def api(monkeypatch: pytest.MonkeyPatch) -> FakeSendApi:
    """Every post of `requests` goes to a `FakeSendApi`; anything but the Send API fails the test."""
    fake = FakeSendApi()

    def post(session: requests.Session, url: str, data: Any = None, json: Any = None, **kwargs: Any) -> Any:
        assert url == SEND_API, f"unexpected request to {url}"
        return fake.post(kwargs.get("params"), json)

    monkeypatch.setattr(requests.Session, "post", post)
    return fake


@pytest.fixture
def channel(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> FacebookInput:
    return channel_from_credentials(CHANNEL, ENVIRONMENT, tmp_path, monkeypatch)


@pytest.fixture
async def messenger(
    channel: FacebookInput, api: FakeSendApi, agent: Agent, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[MessengerFactory]:
    async with served(channel, agent, monkeypatch) as url, aiohttp.ClientSession() as session:
        yield MessengerFactory(f"{url}/webhook", session, api)


def test_the_channel_comes_from_credentials_yml(channel: FacebookInput) -> None:
    assert isinstance(channel, FacebookInput)
    assert (channel.fb_verify, channel.fb_secret, channel.fb_access_token) == (
        ENVIRONMENT["FACEBOOK_VERIFY_TOKEN"],
        ENVIRONMENT["FACEBOOK_APP_SECRET"],
        ENVIRONMENT["FACEBOOK_PAGE_ACCESS_TOKEN"],
    )


async def test_verification_handshake_returns_the_challenge(messenger: MessengerFactory) -> None:
    query = {"hub.mode": "subscribe", "hub.verify_token": ENVIRONMENT["FACEBOOK_VERIFY_TOKEN"]}
    async with messenger.session.get(messenger.url, params={**query, "hub.challenge": "1158201444"}) as reply:
        assert reply.status == 200
        assert await reply.text() == "1158201444"


async def test_verification_handshake_with_a_wrong_token_is_refused(messenger: MessengerFactory) -> None:
    query = {"hub.mode": "subscribe", "hub.verify_token": "wrong-token", "hub.challenge": "1158201444"}
    async with messenger.session.get(messenger.url, params=query) as reply:
        assert reply.status == 403
        assert "1158201444" not in await reply.text()


async def test_a_french_message_gets_a_french_reply_sent_to_its_sender(
    messenger: MessengerFactory, patterns: ResponsePatterns
) -> None:
    user = messenger.user()

    replies = await user.says(FRENCH_QUESTION)

    assert replies
    assert languages(replies, patterns) == {"fr"}
    assert messenger.api.actions_to(user.user_id) == ["mark_seen", "typing_on", "typing_off"]
    assert {call["recipient"]["id"] for call in messenger.api.calls} == {user.user_id}
    assert all(
        query == {"access_token": ENVIRONMENT["FACEBOOK_PAGE_ACCESS_TOKEN"]}
        for query in messenger.api.queries
    )


@pytest.mark.parametrize(
    "text, expected",
    [
        ("hello, who should I contact about my housing problem?", "en"),
        ("السلام عليكم، ما هو LISKO؟", "ar"),
    ],
    ids=["English", "Arabic"],
)
async def test_the_first_message_decides_the_language(
    messenger: MessengerFactory, patterns: ResponsePatterns, text: str, expected: str
) -> None:
    replies = await messenger.user().says(text)

    assert replies
    assert languages(replies, patterns) == {expected}


async def test_the_welcome_offers_the_languages_as_postback_buttons(
    messenger: MessengerFactory, patterns: ResponsePatterns
) -> None:
    [welcome] = await messenger.user().says("bonjour")

    template = welcome["attachment"]["payload"]
    assert (welcome["attachment"]["type"], template["template_type"]) == ("template", "button")
    assert language_of(template["text"], patterns) == "fr"
    assert [button["title"] for button in template["buttons"]] == LANGUAGE_BUTTONS
    assert [(button["type"], button["payload"]) for button in template["buttons"]] == [
        ("postback", '/set_language{"language": "fr"}'),
        ("postback", '/set_language{"language": "en"}'),
        ("postback", '/set_language{"language": "ar"}'),
    ]


async def test_a_language_button_postback_is_handled(
    messenger: MessengerFactory, patterns: ResponsePatterns
) -> None:
    user = messenger.user()
    [welcome] = await user.says("bonjour")
    english = next(b for b in welcome["attachment"]["payload"]["buttons"] if b["title"] == "English")

    replies = await user.presses(english)

    assert replies
    assert languages(replies, patterns) == {"en"}


@pytest.mark.parametrize("secret", ["someone-elses-secret", ""], ids=["other secret", "empty secret"])
async def test_a_badly_signed_webhook_is_refused(messenger: MessengerFactory, secret: str) -> None:
    user = messenger.user()

    assert await user.post(user.page_event({"message": {"mid": "m_in", "text": "bonjour"}}), secret) == 403

    assert messenger.api.calls == []


@pytest.mark.parametrize(
    "headers",
    [{}, {"X-Hub-Signature": "sha1=0000"}, {"X-Hub-Signature-256": "sha256=0000"}],
    ids=["unsigned", "bad SHA-1", "bad SHA-256"],
)
async def test_an_unsigned_or_forged_webhook_is_refused_before_its_body_is_read(
    messenger: MessengerFactory, headers: dict[str, str]
) -> None:
    for body in (b"not json", json.dumps(messenger.user().page_event({"message": {"text": "x"}})).encode()):
        async with messenger.session.post(messenger.url, data=body, headers=headers) as reply:
            assert reply.status == 403

    assert messenger.api.calls == []


async def test_the_older_sha1_signature_is_accepted_when_it_is_the_only_one(
    messenger: MessengerFactory,
) -> None:
    user = messenger.user()
    body = json.dumps(user.page_event({"message": {"mid": "m_sha1", "text": "bonjour"}})).encode()
    signature = (
        "sha1=" + hmac.new(ENVIRONMENT["FACEBOOK_APP_SECRET"].encode(), body, hashlib.sha1).hexdigest()
    )

    async with messenger.session.post(
        messenger.url, data=body, headers={"X-Hub-Signature": signature}
    ) as reply:
        assert reply.status == 200

    assert messenger.api.messages_to(user.user_id)


async def test_a_signed_body_that_is_not_a_page_webhook_gets_400(messenger: MessengerFactory) -> None:
    for body in (b"not json", b"[]", b"\xff"):
        async with messenger.session.post(
            messenger.url, data=body, headers=signed(body, ENVIRONMENT["FACEBOOK_APP_SECRET"])
        ) as reply:
            assert reply.status == 400

    assert messenger.api.calls == []


async def test_echoes_and_receipts_get_no_answer(messenger: MessengerFactory) -> None:
    user = messenger.user()
    for event in (
        {"message": {"mid": "m_echo", "is_echo": True, "app_id": 1517776481860111, "text": "Bonjour !"}},
        {"read": {"watermark": 1458668856253}},
        {"delivery": {"mids": ["m_out1"], "watermark": 1458668856253}},
    ):
        assert await user.post(user.page_event(event)) == 200

    assert messenger.api.calls == []


async def test_a_message_delivered_twice_is_answered_once(messenger: MessengerFactory) -> None:
    user = messenger.user()
    event = {"message": {"mid": "m_twice", "text": "bonjour"}}

    first = await user.answer_to(event)
    again = await user.answer_to(event)

    assert first and again == []


async def test_every_event_of_a_batch_is_answered(messenger: MessengerFactory) -> None:
    first, second = messenger.user(), messenger.user()
    batch = first.page_event({"message": {"mid": "m_batch1", "text": "bonjour"}})
    batch["entry"] += second.page_event({"message": {"mid": "m_batch2", "text": "hello"}})["entry"]

    assert await first.post(batch) == 200

    assert messenger.api.messages_to(first.user_id) and messenger.api.messages_to(second.user_id)


async def test_an_image_gets_the_written_messages_only_reply_and_its_url_is_not_kept(
    messenger: MessengerFactory, patterns: ResponsePatterns
) -> None:
    user = messenger.user()
    url = "https://scontent.xx.fbcdn.net/v/t1.15752-9/letter.jpg"
    image = {"message": {"mid": "m_image", "attachments": [{"type": "image", "payload": {"url": url}}]}}

    [reply] = await user.answer_to(image)

    assert response_name(text_of(reply), patterns) == "utter_attachment"
    assert url not in json.dumps(messenger.api.calls)


async def test_more_than_three_buttons_become_quick_replies_within_limits(
    messenger: MessengerFactory, patterns: ResponsePatterns
) -> None:
    """`utter_help` has 4 buttons: Rasa's own output would drop them all."""
    replies = await messenger.user().says("aide")

    [menu] = [reply for reply in replies if "quick_replies" in reply]
    assert language_of(menu["text"], patterns) == "fr"
    assert len(menu["quick_replies"]) == 4
    assert all(len(reply["title"]) <= 20 and reply["payload"] for reply in menu["quick_replies"])


class RecordingClient:
    """Stands for `fbmessenger.MessengerClient`: records what would be sent."""

    def __init__(self) -> None:
        self.sent: list[dict[str, Any]] = []

    def send(self, payload: dict[str, Any], recipient_id: str, messaging_type: str = "RESPONSE") -> None:
        self.sent.append(payload)


def numbered_buttons(count: int, title: str) -> list[dict[str, Any]]:
    return [{"title": f"{title} {number}", "payload": f"/choose{number}"} for number in range(count)]


@pytest.mark.parametrize("count", [1, 3])
async def test_up_to_three_buttons_make_a_template_with_short_titles(count: int) -> None:
    client = RecordingClient()
    await MessengerOutput(client).send_text_with_buttons("42", "Choose", numbered_buttons(count, "x" * 30))

    [sent] = client.sent
    buttons = sent["attachment"]["payload"]["buttons"]
    assert len(buttons) == count
    assert all(len(button["title"]) == 20 and button["title"].endswith("…") for button in buttons)
    assert [button["payload"] for button in buttons] == [f"/choose{n}" for n in range(count)]


@pytest.mark.parametrize("count, shown", [(4, 4), (10, 10), (12, 10)])
async def test_more_buttons_make_quick_replies(count: int, shown: int) -> None:
    client = RecordingClient()
    await MessengerOutput(client).send_text_with_buttons("42", "Choose", numbered_buttons(count, "Choice"))

    [sent] = client.sent
    assert sent["text"] == "Choose"
    assert [reply["payload"] for reply in sent["quick_replies"]] == [f"/choose{n}" for n in range(shown)]


async def test_an_arabic_reply_is_sent_in_reading_order() -> None:
    client = RecordingClient()
    condition = [{"type": "slot", "name": "language", "value": "ar"}]
    await MessengerOutput(client).send_response("42", {"text": "LISKO يساعدك", "condition": condition})

    assert client.sent == [{"text": "\u200f\u2066LISKO\u2069 يساعدك"}]


def response_name(text: str, patterns: ResponsePatterns) -> str | None:
    found = response_of(text, patterns)
    return found[0] if found else None


def page(*events: dict[str, Any]) -> dict[str, Any]:
    return {"object": "page", "entry": [{"id": PAGE_ID, "messaging": list(events)}]}


SENDER = {"sender": {"id": "42"}}


@pytest.mark.parametrize(
    "payload, expected",
    [
        (page({**SENDER, "message": {"mid": "m1", "text": "bonjour"}}), [Incoming("42", "bonjour", "m1")]),
        (
            page({**SENDER, "message": {"mid": "m2", "text": "Oui", "quick_reply": {"payload": "/affirm"}}}),
            [Incoming("42", "/affirm", "m2")],
        ),
        (page({**SENDER, "postback": {"title": "English", "payload": "/en"}}), [Incoming("42", "/en", None)]),
        (
            page(
                {
                    **SENDER,
                    "message": {"mid": "m3", "attachments": [{"type": "audio", "payload": {"url": "u"}}]},
                }
            ),
            [Incoming("42", ATTACHMENT_PAYLOAD, "m3")],
        ),
        (page({**SENDER, "message": {"mid": "m4", "is_echo": True, "text": "Bonjour !"}}), []),
        (page({**SENDER, "read": {"watermark": 1}}, {**SENDER, "delivery": {"mids": ["m"]}}), []),
        (
            page({**SENDER, "message": {"text": "a"}}, {"sender": {"id": "43"}, "message": {"text": "b"}}),
            [Incoming("42", "a", None), Incoming("43", "b", None)],
        ),
        # The App Dashboard's test button: no `entry`, nothing to answer.
        ({"field": "messages", "value": {"sender": {"id": "42"}, "message": {"text": "x"}}}, []),
        ({"entry": "not a list"}, []),
        (page({"message": {"text": "no sender"}}), []),
    ],
)
def test_the_messages_of_a_page_webhook(payload: dict[str, Any], expected: list[Incoming]) -> None:
    assert incoming_events(payload) == expected


async def test_no_fuzzed_body_gets_a_server_error_signed_or_not(messenger: MessengerFactory) -> None:
    for body in fuzzed_bodies():
        async with messenger.session.post(messenger.url, data=body) as reply:
            assert reply.status == 403
        async with messenger.session.post(
            messenger.url, data=body, headers=signed(body, ENVIRONMENT["FACEBOOK_APP_SECRET"])
        ) as reply:
            assert reply.status == (200 if json_object(body) is not None else 400)
