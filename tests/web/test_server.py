"""The web entry point between browsers or messaging platforms and a fake Rasa, both on 127.0.0.1."""

import json
import socket
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp import test_utils, web

from bot.environment import Settings, read_settings
from bot.language import DEFAULT_LANGUAGE, RIGHT_TO_LEFT_LANGUAGES, SUPPORTED_LANGUAGES
from bot.web.server import MAX_BODY_BYTES, MAX_MESSAGE_LENGTH, STATIC_DIR, WIDGET, create_app

SENDER = "0123456789abcdef0123456789abcdef"
SITE = "https://ngo.example.lu"


class FakeRasa:
    """Records what reaches Rasa's REST channel and webhooks, and answers with `replies` or `status`."""

    def __init__(self) -> None:
        self.received: list[dict[str, Any]] = []
        self.webhooks: list[tuple[str, str, bytes, dict[str, str]]] = []
        self.status = 200
        self.replies: list[dict[str, Any]] = [
            {
                "recipient_id": SENDER,
                "text": "Bonjour !",
                "buttons": [{"title": "English", "payload": "/en"}],
            },
            {"recipient_id": SENDER, "image": "https://example.org/a.png"},
            {"recipient_id": SENDER, "text": "Call (+352) 27 55 56 03"},
            {"recipient_id": SENDER, "text": "LISKO يساعدك", "language": "ar"},
        ]
        self.app = web.Application()
        self.app.router.add_post("/webhooks/rest/webhook", self.rest)
        self.app.router.add_route("*", "/webhooks/whatsapp/webhook", self.webhook)

    async def rest(self, request: web.Request) -> web.Response:
        self.received.append(await request.json())
        if self.status != 200:
            return web.Response(status=self.status, text="error")
        return web.json_response(self.replies)

    async def webhook(self, request: web.Request) -> web.Response:
        self.webhooks.append(
            (request.method, request.query_string, await request.read(), dict(request.headers))
        )
        return web.Response(status=403, text="forbidden")


@pytest.fixture
async def rasa() -> AsyncIterator[FakeRasa]:
    fake = FakeRasa()
    server = test_utils.TestServer(fake.app, host="127.0.0.1")
    await server.start_server()
    fake.url = str(server.make_url("")).rstrip("/")
    yield fake
    await server.close()


def environment(rasa_url: str, **settings: str) -> Settings:
    """The entry point's settings: defaults.env's, with the fake Rasa and the NGO's site."""
    return read_settings({"RASA_URL": rasa_url, "WIDGET_ALLOWED_ORIGINS": SITE, **settings})


def client_for(rasa_url: str, **settings: str) -> test_utils.TestClient:
    """A client of the entry point; `async with` starts the entry point and closes it."""
    return test_utils.TestClient(
        test_utils.TestServer(create_app(environment(rasa_url, **settings)), host="127.0.0.1")
    )


@pytest.fixture
async def client(rasa: FakeRasa) -> AsyncIterator[test_utils.TestClient]:
    async with client_for(rasa.url) as client:
        yield client


def closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{sock.getsockname()[1]}"


async def test_the_widget_gets_the_same_labels_in_each_language_it_offers(client):
    reply = await client.get("/widget/settings.json")
    settings = await reply.json()
    texts = settings["texts"]
    assert settings["languages"] == list(SUPPORTED_LANGUAGES) == list(texts)
    assert settings["default"] == DEFAULT_LANGUAGE
    assert settings["right_to_left"] == list(RIGHT_TO_LEFT_LANGUAGES)
    assert texts["fr"].keys() == texts["en"].keys() == texts["ar"].keys()
    assert {"privacy", "send", "end", "offline", "typing", "language_name"} <= texts["fr"].keys()
    assert all(text.strip() for language in texts.values() for text in language.values())
    assert {language: texts[language]["language_name"] for language in SUPPORTED_LANGUAGES} == {
        "fr": "Français",
        "en": "English",
        "ar": "العربية",
    }


@pytest.mark.parametrize(
    "path, content_type",
    [
        ("/widget.js", "text/javascript"),
        ("/widget.css", "text/css"),
        ("/", "text/html"),
        ("/favicon.ico", "image/svg+xml"),
        ("/favicon.svg", "image/svg+xml"),
    ],
)
async def test_static_files_are_served(client, path, content_type):
    reply = await client.get(path)
    assert reply.status == 200
    assert reply.content_type in {content_type, "application/javascript"}
    assert reply.headers["X-Content-Type-Options"] == "nosniff"


async def test_demo_page_forbids_inline_and_foreign_scripts(client):
    policy = (await client.get("/")).headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy


def test_widget_script_and_style_stay_small():
    assert (STATIC_DIR / "widget.js").stat().st_size + (STATIC_DIR / "widget.css").stat().st_size < 30_000


async def test_message_is_forwarded_with_language_and_channel(client, rasa):
    reply = await client.post(
        "/widget/messages", json={"sender": SENDER, "message": "bonjour", "language": "fr-LU"}
    )
    assert reply.status == 200
    assert rasa.received == [
        {"sender": SENDER, "message": "bonjour", "metadata": {"channel": "widget", "language": "fr-LU"}}
    ]
    assert await reply.json() == [
        {"text": "Bonjour !", "buttons": [{"title": "English", "payload": "/en"}], "language": None},
        {"text": "Call (+352) 27 55 56 03", "buttons": [], "language": None},
        # In reading order, with its language: the widget lays it out right to left.
        {"text": "\u200f\u2066LISKO\u2069 يساعدك", "buttons": [], "language": "ar"},
    ]


@pytest.mark.parametrize("language", [None, "", "français", "<script>", 42, "x" * 50])
async def test_language_that_is_not_a_language_tag_is_left_out(client, rasa, language):
    reply = await client.post(
        "/widget/messages", json={"sender": SENDER, "message": "hi", "language": language}
    )
    assert reply.status == 200
    assert rasa.received[0]["metadata"] == {"channel": "widget"}


@pytest.mark.parametrize(
    "body, status, reason",
    [
        (b"{not json", 400, "not_json"),
        (b"[]", 400, "not_an_object"),
        (json.dumps({"message": "hi"}).encode(), 400, "bad_sender"),
        (json.dumps({"sender": "short", "message": "hi"}).encode(), 400, "bad_sender"),
        (json.dumps({"sender": "../../etc/passwd-xxxx", "message": "hi"}).encode(), 400, "bad_sender"),
        (json.dumps({"sender": 12345678901, "message": "hi"}).encode(), 400, "bad_sender"),
        (json.dumps({"sender": SENDER}).encode(), 400, "empty_message"),
        (json.dumps({"sender": SENDER, "message": " \n "}).encode(), 400, "empty_message"),
        (json.dumps({"sender": SENDER, "message": ["hi"]}).encode(), 400, "empty_message"),
        (json.dumps({"sender": SENDER, "message": "a" * (MAX_MESSAGE_LENGTH + 1)}).encode(), 413, "too_long"),
        (json.dumps({"sender": SENDER, "message": "a" * MAX_BODY_BYTES}).encode(), 413, "too_large"),
        (b"[" * 30_000 + b"]" * 30_000, 400, "not_json"),
    ],
    ids=[
        "not json",
        "not an object",
        "no sender",
        "short sender",
        "path as sender",
        "number as sender",
        "no message",
        "blank message",
        "list as message",
        "too long",
        "body too large",
        "nested too deep",
    ],
)
async def test_bad_requests_are_refused_and_never_reach_rasa(client, rasa, body, status, reason):
    reply = await client.post("/widget/messages", data=body, headers={"Content-Type": "application/json"})
    assert reply.status == status
    assert await reply.json() == {"error": reason}
    assert rasa.received == []


async def test_longest_allowed_message_is_forwarded(client, rasa):
    reply = await client.post(
        "/widget/messages", json={"sender": SENDER, "message": "a" * MAX_MESSAGE_LENGTH}
    )
    assert reply.status == 200 and len(rasa.received) == 1


async def test_rasa_error_becomes_unavailable(client, rasa):
    rasa.status = 500
    reply = await client.post("/widget/messages", json={"sender": SENDER, "message": "bonjour"})
    assert reply.status == 503
    assert await reply.json() == {"error": "unavailable"}


async def test_no_answer_from_rasa_becomes_unavailable(client, rasa):
    """Rasa's REST channel answers 200 and nothing when handling the message raised."""
    rasa.replies = []
    reply = await client.post("/widget/messages", json={"sender": SENDER, "message": "bonjour"})
    assert reply.status == 503
    assert await reply.json() == {"error": "unavailable"}


async def test_rasa_down_becomes_unavailable():
    async with client_for(closed_port_url()) as client:
        reply = await client.post("/widget/messages", json={"sender": SENDER, "message": "bonjour"})
        assert reply.status == 503
        assert await reply.json() == {"error": "unavailable"}


async def test_webhook_reaches_rasa_as_sent_and_rasa_answer_comes_back(client, rasa):
    body = b'{"object": "whatsapp_business_account"}'
    headers = {"Content-Type": "application/json", "X-Hub-Signature-256": "sha256=abc", "Cookie": "c=1"}
    reply = await client.post("/webhooks/whatsapp/webhook?hub.mode=x", data=body, headers=headers)
    assert reply.status == 403
    method, query, received, received_headers = rasa.webhooks[0]
    assert (method, query, received) == ("POST", "hub.mode=x", body)
    assert received_headers["X-Hub-Signature-256"] == "sha256=abc"
    assert "Cookie" not in received_headers


@pytest.mark.parametrize("body", [b"\xff\xfe", b"[" * 30_000 + b"]" * 30_000, b'{"entry": 5}', b"[1, 2]"])
async def test_a_webhook_body_of_any_shape_is_forwarded_without_a_server_error(client, rasa, body):
    reply = await client.post("/webhooks/whatsapp/webhook", data=body)
    assert reply.status == 403  # the fake Rasa's answer, passed on
    assert rasa.webhooks[0][2] == body


async def test_only_the_messaging_webhooks_are_forwarded(client, rasa):
    for path in [
        "/webhooks/rest/webhook",
        "/webhooks/socketio/webhook",
        "/model/parse",
        "/conversations/x/tracker",
    ]:
        assert (await client.post(path, json={})).status in {404, 405}, path
    assert rasa.received == [] and rasa.webhooks == []


async def test_configured_site_may_call_the_widget_api(client):
    preflight = await client.options("/widget/messages", headers={"Origin": SITE})
    assert preflight.status == 204
    assert preflight.headers["Access-Control-Allow-Origin"] == SITE
    reply = await client.post(
        "/widget/messages", json={"sender": SENDER, "message": "hi"}, headers={"Origin": SITE}
    )
    assert reply.headers["Access-Control-Allow-Origin"] == SITE


async def test_other_sites_get_no_cross_origin_permission(client):
    for origin in ["https://evil.example", "null"]:
        reply = await client.post(
            "/widget/messages", json={"sender": SENDER, "message": "hi"}, headers={"Origin": origin}
        )
        assert "Access-Control-Allow-Origin" not in reply.headers
        preflight = await client.options("/widget/messages", headers={"Origin": origin})
        assert "Access-Control-Allow-Origin" not in preflight.headers


@pytest.mark.parametrize(
    "days, stated",
    [
        ("30", {"fr": "30\u00a0jours", "en": "30\u00a0days", "ar": "30 يومًا"}),
        ("2", {"fr": "2\u00a0jours", "en": "2\u00a0days", "ar": "يومين"}),
        ("7", {"fr": "7\u00a0jours", "en": "7\u00a0days", "ar": "7 أيام"}),
    ],
)
def test_privacy_notice_states_the_retention_period_in_each_language(days, stated):
    texts = create_app(environment("http://127.0.0.1:9", RETENTION_DAYS=days))[WIDGET]["texts"]
    for language in SUPPORTED_LANGUAGES:
        assert stated[language] in texts[language]["privacy"]
        assert "{retention_days}" not in texts[language]["privacy"]
    assert "{seconds}" in texts["fr"]["offline"]  # the widget's own placeholder is left for it


async def test_a_sender_over_its_limit_gets_429_and_others_go_on(rasa):
    async with client_for(rasa.url, RATE_LIMIT_PER_SENDER="3") as client:
        for _ in range(3):
            assert (
                await client.post("/widget/messages", json={"sender": SENDER, "message": "hi"})
            ).status == 200
        refused = await client.post("/widget/messages", json={"sender": SENDER, "message": "hi"})
        assert refused.status == 429
        assert await refused.json() == {"error": "rate_limited"}
        assert 1 <= int(refused.headers["Retry-After"]) <= 60
        other = await client.post("/widget/messages", json={"sender": "another-sender-1234", "message": "hi"})
        assert other.status == 200
        assert len(rasa.received) == 4


async def test_an_address_over_its_limit_gets_429_whatever_the_sender(rasa):
    async with client_for(rasa.url, RATE_LIMIT_PER_ADDRESS="2") as client:
        statuses = [
            (
                await client.post("/widget/messages", json={"sender": f"sender-number-{n}", "message": "hi"})
            ).status
            for n in range(4)
        ]
        assert statuses == [200, 200, 429, 429]
        assert len(rasa.received) == 2


def whatsapp_update(sender: str) -> dict:
    message = {"from": sender, "id": "wamid.1", "type": "text", "text": {"body": "hi"}}
    return {"entry": [{"changes": [{"value": {"messages": [message]}}]}]}


async def test_a_messaging_user_over_the_limit_gets_429_and_the_platform_is_not_limited_by_address(rasa):
    async with client_for(rasa.url, RATE_LIMIT_PER_SENDER="2", RATE_LIMIT_PER_ADDRESS="1") as client:
        first_user = [
            (await client.post("/webhooks/whatsapp/webhook", json=whatsapp_update("352111"))).status
            for _ in range(3)
        ]
        second_user = (await client.post("/webhooks/whatsapp/webhook", json=whatsapp_update("352222"))).status
        assert first_user == [403, 403, 429]  # the fake Rasa refuses the unsigned webhooks it receives
        assert second_user == 403
        assert len(rasa.webhooks) == 3


async def test_behind_the_reverse_proxy_each_visitor_address_has_its_own_limit(rasa):
    async with client_for(rasa.url, RATE_LIMIT_PER_ADDRESS="1") as client:

        async def status(sender: str, forwarded_for: str) -> int:
            reply = await client.post(
                "/widget/messages",
                json={"sender": sender, "message": "hi"},
                headers={"X-Forwarded-For": forwarded_for},
            )
            return reply.status

        assert await status("first-visitor", "203.0.113.7") == 200
        assert await status("second-visitor", "198.51.100.1, 203.0.113.9") == 200
        assert await status("first-visitor-again", "198.51.100.1, 203.0.113.7") == 429


async def test_x_forwarded_for_is_ignored_from_an_untrusted_address(rasa):
    async with client_for(rasa.url, RATE_LIMIT_PER_ADDRESS="1", TRUSTED_PROXIES="192.0.2.1") as client:
        statuses = [
            (
                await client.post(
                    "/widget/messages",
                    json={"sender": f"visitor-number-{n}", "message": "hi"},
                    headers={"X-Forwarded-For": f"203.0.113.{n}"},
                )
            ).status
            for n in range(2)
        ]
        assert statuses == [200, 429]
