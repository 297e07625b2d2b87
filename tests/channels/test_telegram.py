"""Telegram through Rasa's channel, built from credentials.yml, in front of the real assistant.

Updates are posted to the channel's webhook as Telegram posts them. Every Bot API call the channel
makes (setWebhook, getMe, sendMessage) goes through `aiogram.Bot.request`, which `FakeBotApi` answers
in this process: nothing leaves the machine. The replies come from the trained model and the action
server of the test session.
"""

import itertools
import json
import socket
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiogram
import aiohttp
import pytest
from rasa.core.agent import Agent
from rasa.shared.exceptions import RasaException

from bot.channels.payload import json_object
from bot.channels.telegram import (
    SECRET_HEADER,
    Incoming,
    TelegramInput,
    TelegramReplies,
    app_language,
    as_greeting,
    incoming,
)
from bot.channels.text import ATTACHMENT_PAYLOAD, MAX_MESSAGE_LENGTH
from bot.tools.evaluate import ResponsePatterns, language_of, response_patterns
from tests.channels.conftest import channel_from_credentials, fuzzed_bodies, served
from tests.rest_user import response_name as response_of
from tests.rest_user import response_text

CHANNEL = "bot.channels.telegram.TelegramInput"
BOT_USERNAME = "bpi_luxembourg_bot"
ENVIRONMENT = {
    "TELEGRAM_TOKEN": "123456789:AAF-test-token-that-is-not-real",
    "TELEGRAM_BOT_USERNAME": BOT_USERNAME,
    "TELEGRAM_WEBHOOK_URL": "https://bpi.example.org/webhooks/telegram/webhook",
    "TELEGRAM_WEBHOOK_SECRET": "test-webhook-secret_42",
}
CALLBACK_DATA_LIMIT = 64  # bytes, Telegram's limit for an inline button's callback_data
LANGUAGE_BUTTONS = ["Français", "English", "العربية"]
FRENCH_QUESTION = "Bonjour, comment trouver un logement au Luxembourg ?"

chat_ids = itertools.count(880_000_001)
update_ids = itertools.count(730_000_001)


class FakeBotApi:
    """Answers the Bot API methods as Telegram would, and records each call with its parameters."""

    def __init__(self, username: str) -> None:
        self.username = username
        self.calls: list[tuple[str, dict[str, Any]]] = []

    async def request(self, method: str, data: dict[str, Any] | None) -> Any:
        data = dict(data or {})
        self.calls.append((method, data))
        if method == "setWebhook":
            return True
        if method == "getMe":
            return {"id": 1, "is_bot": True, "first_name": "BPI", "username": self.username}
        if method == "sendMessage":
            chat = {"id": int(data["chat_id"]), "type": "private"}
            return {
                "message_id": len(self.calls),
                "date": int(time.time()),
                "chat": chat,
                "text": data["text"],
            }
        raise AssertionError(f"unexpected Bot API call {method}")

    def methods(self) -> list[str]:
        return [method for method, _ in self.calls]

    def sent_to(self, chat_id: int) -> list[dict[str, Any]]:
        """The sendMessage parameters for `chat_id`, in order."""
        return [
            data for method, data in self.calls if method == "sendMessage" and data["chat_id"] == str(chat_id)
        ]


class Telegram:
    """Telegram's side of the webhook, for one private chat with a user whose app is in `language_code`."""

    def __init__(self, url: str, session: aiohttp.ClientSession, api: FakeBotApi, language_code: str) -> None:
        self.url = url
        self.session = session
        self.api = api
        self.chat_id = next(chat_ids)
        self.user = {
            "id": self.chat_id,
            "is_bot": False,
            "first_name": "Amina",
            "language_code": language_code,
        }
        self.chat = {"id": self.chat_id, "first_name": "Amina", "type": "private"}

    async def post(self, update: dict[str, Any], secret: str = ENVIRONMENT["TELEGRAM_WEBHOOK_SECRET"]) -> str:
        """Posts `update` with the webhook's secret, as Telegram does."""
        async with self.session.post(self.url, json=update, headers={SECRET_HEADER: secret}) as reply:
            assert reply.status == 200
            return await reply.text()

    def message_update(self, text: str) -> dict[str, Any]:
        """An update for a text message of the user, as Telegram sends it."""
        message = {
            "message_id": next(update_ids),
            "from": self.user,
            "chat": self.chat,
            "date": now(),
            "text": text,
        }
        if text.startswith("/"):
            message["entities"] = [{"offset": 0, "length": len(text.split()[0]), "type": "bot_command"}]
        return {"update_id": next(update_ids), "message": message}

    async def says(self, text: str) -> list[dict[str, Any]]:
        """Posts a message update; returns what the bot sent to this chat in answer."""
        return await self.answer_to(self.message_update(text))

    async def presses(self, button: dict[str, str], on: dict[str, Any]) -> list[dict[str, Any]]:
        """Posts the callback query of an inline `button` under the bot's message `on`."""
        bot = {"id": 1, "is_bot": True, "first_name": "BPI", "username": BOT_USERNAME}
        message = {"message_id": 1, "from": bot, "chat": self.chat, "date": now(), "text": on["text"]}
        message["reply_markup"] = json.loads(on["reply_markup"])
        query = {
            "id": "4382bfdwdsb323b2d9",
            "from": self.user,
            "message": message,
            "chat_instance": "-5863004392458216",
            "data": button["callback_data"],
        }
        return await self.answer_to({"update_id": next(update_ids), "callback_query": query})

    async def answer_to(self, update: dict[str, Any]) -> list[dict[str, Any]]:
        before = len(self.api.sent_to(self.chat_id))
        assert await self.post(update) == "success"
        return self.api.sent_to(self.chat_id)[before:]


class TelegramFactory:
    """Opens private chats with the bot."""

    def __init__(self, url: str, session: aiohttp.ClientSession, api: FakeBotApi) -> None:
        self.url = url
        self.session = session
        self.api = api

    def chat(self, language_code: str) -> Telegram:
        return Telegram(self.url, self.session, self.api, language_code)


def now() -> int:
    return int(time.time())


def keyboard(sent: dict[str, Any]) -> list[dict[str, str]]:
    """The inline buttons of a sent message, row after row."""
    rows = json.loads(sent["reply_markup"])["inline_keyboard"]
    return [button for row in rows for button in row]


@pytest.fixture(scope="module")
def patterns(agent: Agent) -> ResponsePatterns:
    return response_patterns(agent.domain.responses)


@pytest.fixture
def api(monkeypatch: pytest.MonkeyPatch) -> FakeBotApi:
    """Every Bot API request of aiogram goes to a `FakeBotApi` instead of api.telegram.org."""
    fake = FakeBotApi(BOT_USERNAME)

    async def request(
        bot: aiogram.Bot, method: str, data: dict | None = None, files: Any = None, **_: Any
    ) -> Any:
        return await fake.request(method, data)

    monkeypatch.setattr(aiogram.Bot, "request", request)
    return fake


@pytest.fixture
def channel(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> TelegramInput:
    return channel_from_credentials(CHANNEL, ENVIRONMENT, tmp_path, monkeypatch)


@pytest.fixture
async def telegram(
    channel: TelegramInput, api: FakeBotApi, agent: Agent, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[TelegramFactory]:
    async with served(channel, agent, monkeypatch) as url, aiohttp.ClientSession() as session:
        yield TelegramFactory(f"{url}/webhook", session, api)


def test_the_channel_comes_from_credentials_yml(channel: TelegramInput) -> None:
    assert isinstance(channel, TelegramInput)
    assert (channel.access_token, channel.verify, channel.webhook_url) == (
        ENVIRONMENT["TELEGRAM_TOKEN"],
        ENVIRONMENT["TELEGRAM_BOT_USERNAME"],
        ENVIRONMENT["TELEGRAM_WEBHOOK_URL"],
    )


async def test_the_webhook_is_set_when_the_channel_starts(telegram: TelegramFactory) -> None:
    assert telegram.api.calls[0] == (
        "setWebhook",
        {"url": ENVIRONMENT["TELEGRAM_WEBHOOK_URL"], "secret_token": ENVIRONMENT["TELEGRAM_WEBHOOK_SECRET"]},
    )


async def test_start_in_an_arabic_app_gets_the_arabic_welcome_with_language_buttons(
    telegram: TelegramFactory, patterns: ResponsePatterns
) -> None:
    user = telegram.chat("ar")

    [welcome] = await user.says("/start")

    assert language_of(welcome["text"], patterns) == "ar"
    assert "\u2066(BPI)\u2069" in welcome["text"]  # in reading order (bot/reading_order.py)
    buttons = keyboard(welcome)
    assert [button["text"] for button in buttons] == LANGUAGE_BUTTONS
    assert [button["callback_data"] for button in buttons] == [
        '/set_language{"language": "fr"}',
        '/set_language{"language": "en"}',
        '/set_language{"language": "ar"}',
    ]
    assert all(len(button["callback_data"].encode()) <= CALLBACK_DATA_LIMIT for button in buttons)


@pytest.mark.parametrize(
    "text, language_code, expected",
    [
        ("/start", "ar", "ar"),
        ("/start faq-housing", "en", "en"),  # a deep link
        ("hi", "ar", "ar"),
        ("/start", "en-GB", "en"),
        ("/start", "de", "fr"),  # not a language of the assistant: the default
        (FRENCH_QUESTION, "en", "fr"),
        ("hello, who should I contact about my housing problem?", "ar", "en"),
    ],
    ids=[
        "start ar",
        "deep link en",
        "hi ar",
        "start en-GB",
        "start de",
        "French in an English app",
        "English in an Arabic app",
    ],
)
async def test_the_first_message_decides_the_language_with_the_app_language_as_a_hint(
    telegram: TelegramFactory, patterns: ResponsePatterns, text: str, language_code: str, expected: str
) -> None:
    replies = await telegram.chat(language_code).says(text)

    assert replies
    assert {language_of(reply["text"], patterns) for reply in replies} == {expected}


async def test_the_language_stays_after_the_first_message(
    telegram: TelegramFactory, patterns: ResponsePatterns
) -> None:
    user = telegram.chat("en")
    await user.says(FRENCH_QUESTION)

    replies = await user.says("ok")

    assert replies
    assert {language_of(reply["text"], patterns) for reply in replies} == {"fr"}


async def test_a_message_too_long_gets_a_refusal_in_the_app_language(telegram: TelegramFactory) -> None:
    [refusal] = await telegram.chat("en").says("I am looking for a flat. " * (MAX_MESSAGE_LENGTH // 20))

    assert refusal["text"] == response_text("utter_too_long", "en")


async def test_a_language_button_press_is_handled(
    telegram: TelegramFactory, patterns: ResponsePatterns
) -> None:
    user = telegram.chat("ar")
    [welcome] = await user.says("/start")
    english = next(button for button in keyboard(welcome) if button["text"] == "English")

    replies = await user.presses(english, on=welcome)

    assert replies
    assert {language_of(reply["text"], patterns) for reply in replies} == {"en"}


@pytest.mark.parametrize("headers", [{}, {SECRET_HEADER: "wrong-secret"}, {SECRET_HEADER: ""}])
async def test_updates_without_the_webhook_secret_are_refused(
    telegram: TelegramFactory, headers: dict[str, str]
) -> None:
    user = telegram.chat("fr")
    calls_before = len(telegram.api.calls)

    async with telegram.session.post(
        telegram.url, json=user.message_update("/start"), headers=headers
    ) as reply:
        assert reply.status == 403

    assert len(telegram.api.calls) == calls_before  # not even getMe


def test_an_unreachable_bot_api_leaves_the_channel_up_and_says_what_failed(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with socket.socket() as closed:  # a port of this machine where nothing listens
        closed.bind(("127.0.0.1", 0))
        unreachable = f"http://127.0.0.1:{closed.getsockname()[1]}"
    channel = channel_from_credentials(
        CHANNEL, {**ENVIRONMENT, "TELEGRAM_API_BASE_URL": unreachable}, tmp_path, monkeypatch
    )

    assert isinstance(channel.get_output_channel(), TelegramReplies)
    [failure] = [record for record in caplog.records if record.levelname == "ERROR"]
    assert "could not register its webhook" in failure.getMessage()
    assert "ClientConnectorError" in failure.getMessage()


@pytest.mark.parametrize("secret", [None, "", "has space", "x" * 257, "non-ascii-é"])
def test_a_missing_or_invalid_secret_stops_the_channel(secret: str | None) -> None:
    settings = {"access_token": ENVIRONMENT["TELEGRAM_TOKEN"], "verify": BOT_USERNAME, "secret_token": secret}
    with pytest.raises(RasaException, match="secret_token"):
        TelegramInput.from_credentials(settings)


async def test_updates_for_another_bot_are_not_answered(telegram: TelegramFactory) -> None:
    telegram.api.username = "someone_elses_bot"
    user = telegram.chat("ar")

    assert await user.post(user.message_update("/start")) == "failed"

    assert telegram.api.methods()[-1] == "getMe"
    assert telegram.api.sent_to(user.chat_id) == []


@pytest.mark.parametrize(
    "update, expected",
    [
        ({"message": {"from": {"id": 7, "language_code": "ar"}, "text": "hi"}}, "ar"),
        ({"edited_message": {"from": {"id": 7, "language_code": "fr"}, "text": "salut"}}, "fr"),
        ({"callback_query": {"from": {"id": 7, "language_code": "en-GB"}, "data": "/greet"}}, "en-GB"),
        ({"message": {"from": {"id": 7}, "text": "hi"}}, None),
        ({"message": {"from": {"id": 7, "language_code": ""}, "text": "hi"}}, None),
        ({"message": {"text": "hi"}}, None),
        ({"message": None}, None),
        ({"channel_post": {"chat": {"id": -100}, "text": "news"}}, None),
        ({}, None),
    ],
    ids=[
        "message",
        "edited message",
        "callback query",
        "no language_code",
        "empty language_code",
        "no sender",
        "null message",
        "channel post",
        "empty update",
    ],
)
def test_app_language(update: dict[str, Any], expected: str | None) -> None:
    assert app_language(update) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("/start", "/greet"),
        ("/start faq-housing", "/greet"),
        ("/started", "/started"),
        ("start", "start"),
        ("hi /start", "hi /start"),
        ('/set_language{"language": "en"}', '/set_language{"language": "en"}'),
        ("", ""),
        (None, None),
    ],
)
def test_as_greeting(text: str | None, expected: str | None) -> None:
    assert as_greeting(text) == expected


USER = {"id": 7, "is_bot": False, "first_name": "Amina"}
CHAT = {"id": 7, "type": "private"}


@pytest.mark.parametrize(
    "update, expected",
    [
        ({"message": {"chat": CHAT, "from": USER, "text": "bonjour"}}, Incoming("7", "bonjour")),
        ({"message": {"chat": CHAT, "text": "/start faq"}}, Incoming("7", "/greet")),
        ({"edited_message": {"chat": CHAT, "text": "bonjour !"}}, Incoming("7", "bonjour !")),
        (
            {"callback_query": {"from": USER, "message": {"chat": {"id": 8}}, "data": "/help"}},
            Incoming("8", "/help"),
        ),
        # A button under an inline message: no `message`, the answer goes to the user's chat.
        (
            {"callback_query": {"from": USER, "inline_message_id": "AAA", "data": "/help"}},
            Incoming("7", "/help"),
        ),
        ({"message": {"chat": CHAT, "photo": [{"file_id": "x"}]}}, Incoming("7", ATTACHMENT_PAYLOAD)),
        (
            {"message": {"chat": CHAT, "photo": [{"file_id": "x"}], "caption": "c'est quoi ?"}},
            Incoming("7", "c'est quoi ?"),
        ),
        (
            {"message": {"chat": CHAT, "voice": {"file_id": "x", "duration": 3}}},
            Incoming("7", ATTACHMENT_PAYLOAD),
        ),
        ({"message": {"chat": CHAT, "sticker": {"file_id": "x"}}}, Incoming("7", ATTACHMENT_PAYLOAD)),
        ({"message": {"chat": CHAT, "new_chat_members": [USER]}}, None),
        ({"callback_query": {"from": USER, "inline_message_id": "AAA"}}, None),
        ({"message": {"text": "no chat"}}, None),
        ({"message": "not an object"}, None),
        ({"callback_query": ["not", "an", "object"]}, None),
        ({"channel_post": {"chat": {"id": -100}, "text": "news"}}, None),
        ({}, None),
    ],
)
def test_the_message_of_an_update(update: dict[str, Any], expected: Incoming | None) -> None:
    assert incoming(update) == expected


async def test_a_button_under_an_inline_message_is_answered_in_the_users_chat(
    telegram: TelegramFactory,
) -> None:
    user = telegram.chat("en")
    query = {
        "id": "1",
        "from": user.user,
        "inline_message_id": "BAAAAA",
        "chat_instance": "-58",
        "data": "/help",
    }

    replies = await user.answer_to({"update_id": next(update_ids), "callback_query": query})

    assert [response_of(reply["text"]) for reply in replies] == ["utter_help"]


@pytest.mark.parametrize(
    "attachment",
    [
        {"photo": [{"file_id": "AgACAgQ", "file_unique_id": "AQAD", "width": 90, "height": 51}]},
        {"voice": {"file_id": "AwACAgQ", "file_unique_id": "AgAD", "duration": 4, "mime_type": "audio/ogg"}},
        {
            "sticker": {
                "file_id": "CAACAgI",
                "file_unique_id": "AgAD",
                "type": "regular",
                "width": 512,
                "height": 512,
            }
        },
    ],
    ids=["photo", "voice note", "sticker"],
)
async def test_a_photo_voice_note_or_sticker_gets_the_written_messages_only_reply(
    telegram: TelegramFactory, patterns: ResponsePatterns, attachment: dict[str, Any]
) -> None:
    user = telegram.chat("ar")
    update = user.message_update("")
    del update["message"]["text"]
    update["message"].update(attachment)

    [reply] = await user.answer_to(update)

    assert response_of(reply["text"]) == "utter_attachment"
    assert language_of(reply["text"], patterns) == "ar"


@pytest.mark.parametrize("body", [b"not json", b"[1]", b"\xff"])
async def test_a_body_that_is_not_an_update_gets_400_with_the_secret_and_403_without(
    telegram: TelegramFactory, body: bytes
) -> None:
    secret = {SECRET_HEADER: ENVIRONMENT["TELEGRAM_WEBHOOK_SECRET"]}
    async with telegram.session.post(telegram.url, data=body, headers=secret) as reply:
        assert reply.status == 400
    async with telegram.session.post(telegram.url, data=body) as reply:
        assert reply.status == 403


async def test_no_fuzzed_body_gets_a_server_error_with_or_without_the_secret(
    telegram: TelegramFactory,
) -> None:
    secret = {SECRET_HEADER: ENVIRONMENT["TELEGRAM_WEBHOOK_SECRET"]}
    for body in fuzzed_bodies():
        for headers in ({}, secret):
            async with telegram.session.post(telegram.url, data=body, headers=headers) as reply:
                assert reply.status == (
                    200 if headers and json_object(body) is not None else 403 if not headers else 400
                )
