"""The aiohttp application in front of Rasa: the widget, its messages, and the messaging webhooks.

Rasa and the action server stay on localhost; browsers and Meta's or Telegram's servers only reach
this application.
"""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web

from bot.channels.payload import json_object
from bot.channels.text import MAX_MESSAGE_LENGTH
from bot.environment import Settings, read_settings
from bot.language import SUPPORTED_LANGUAGES, language_from_hint
from bot.reading_order import in_reading_order
from bot.responses import load_responses
from bot.retention import stated_retention
from bot.web.rate_limit import RateLimiter, webhook_senders
from bot.web.texts import widget_configuration, widget_texts

logger = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).parent / "static"
MAX_BODY_BYTES = 64 * 1024
SENDER_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
MESSAGING_CHANNELS = ("whatsapp", "telegram", "facebook")
# The headers the messaging platforms sign or authenticate their webhooks with.
FORWARDED_HEADERS = (
    "Content-Type",
    "X-Hub-Signature",
    "X-Hub-Signature-256",
    "X-Telegram-Bot-Api-Secret-Token",
)
RASA_TIMEOUT = aiohttp.ClientTimeout(total=30)
PAGE_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)

SETTINGS = web.AppKey("settings", Settings)
SESSION = web.AppKey("session", aiohttp.ClientSession)
WIDGET = web.AppKey("widget", dict)
SENDER_LIMIT = web.AppKey("sender_limit", RateLimiter)
ADDRESS_LIMIT = web.AppKey("address_limit", RateLimiter)

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def refusal(status: int, reason: str) -> web.Response:
    """A 4xx/5xx answer the widget understands: `{"error": reason}`."""
    return web.json_response({"error": reason}, status=status)


def too_many(seconds: int) -> web.Response:
    """429, with the seconds to wait in Retry-After."""
    response = refusal(429, "rate_limited")
    response.headers["Retry-After"] = str(seconds)
    return response


def widget_message(body: Any) -> tuple[dict[str, Any] | None, str]:
    """The REST-channel message for a widget request body, or None and the reason it is refused."""
    if not isinstance(body, dict):
        return None, "not_an_object"
    sender, text, language = body.get("sender"), body.get("message"), body.get("language")
    if not isinstance(sender, str) or not SENDER_ID.match(sender):
        return None, "bad_sender"
    if not isinstance(text, str) or not text.strip():
        return None, "empty_message"
    if len(text) > MAX_MESSAGE_LENGTH:
        return None, "too_long"
    metadata: dict[str, str] = {"channel": "widget"}
    if isinstance(language, str) and LANGUAGE_TAG.match(language):
        metadata["language"] = language
    return {"sender": sender, "message": text, "metadata": metadata}, ""


def bot_replies(rasa_replies: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The texts and buttons of Rasa's replies, the only parts the widget shows, in reading order, with
    their language (bot/channels/rest.py) when it is one of the assistant's."""
    replies = []
    for reply in rasa_replies:
        buttons = [
            {"title": str(button.get("title", "")), "payload": str(button.get("payload", ""))}
            for button in reply.get("buttons") or []
        ]
        if reply.get("text") or buttons:
            language = language_from_hint(reply.get("language"))
            shown = {"text": str(reply.get("text") or ""), "buttons": buttons, "language": language}
            replies.append(in_reading_order(shown, language))
    return replies


def client_address(request: web.Request) -> str:
    """The visitor's address: from our reverse proxy (TRUSTED_PROXIES), the last one X-Forwarded-For
    names (the one the proxy added); else the connection's."""
    remote = request.remote or ""
    forwarded = request.headers.get("X-Forwarded-For", "")
    if remote in request.app[SETTINGS].trusted_proxies and forwarded.strip():
        return forwarded.split(",")[-1].strip()
    return remote


async def messages(request: web.Request) -> web.Response:
    """POST /widget/messages: one user message in, the assistant's replies out."""
    seconds = request.app[ADDRESS_LIMIT].wait_seconds(client_address(request))
    if seconds:
        return too_many(seconds)
    try:
        body = await request.json()
    except (ValueError, RecursionError):  # RecursionError: a body nested thousands of levels deep
        return refusal(400, "not_json")
    message, reason = widget_message(body)
    if message is None:
        return refusal(413 if reason == "too_long" else 400, reason)
    seconds = request.app[SENDER_LIMIT].wait_seconds(f"widget:{message['sender']}")
    if seconds:
        return too_many(seconds)
    url = f"{request.app[SETTINGS].rasa_url}/webhooks/rest/webhook"
    try:
        async with request.app[SESSION].post(url, json=message, timeout=RASA_TIMEOUT) as reply:
            if reply.status != 200:
                logger.error("Rasa answered the widget's message with HTTP %d.", reply.status)
                return refusal(503, "unavailable")
            replies = bot_replies(await reply.json())
    except (aiohttp.ClientError, TimeoutError) as error:
        logger.error("Rasa cannot be reached: %s.", type(error).__name__)
        return refusal(503, "unavailable")
    if not replies:
        # Every message gets an answer: none means Rasa failed while handling it.
        # The widget keeps the message and sends it again.
        logger.error("Rasa gave no answer to the widget's message.")
        return refusal(503, "unavailable")
    return web.json_response(replies)


async def widget_settings(request: web.Request) -> web.Response:
    return web.json_response(request.app[WIDGET])


async def webhook(request: web.Request) -> web.Response:
    """/webhooks/{channel}/webhook: forwarded to Rasa as received, signature headers included.

    The per-sender limit applies; the per-address one does not, since one platform server sends the
    messages of many users.
    """
    channel = request.match_info["channel"]
    body = await request.read()
    update = json_object(body)
    waits = [
        request.app[SENDER_LIMIT].wait_seconds(f"{channel}:{sender}")
        for sender in webhook_senders(channel, update)
    ]
    if any(waits):
        return too_many(max(waits))
    url = f"{request.app[SETTINGS].rasa_url}/webhooks/{channel}/webhook"
    headers = {name: request.headers[name] for name in FORWARDED_HEADERS if name in request.headers}
    try:
        async with request.app[SESSION].request(
            request.method,
            url,
            params=request.query,
            data=body,
            headers=headers,
            timeout=RASA_TIMEOUT,
        ) as reply:
            return web.Response(status=reply.status, body=await reply.read(), content_type=reply.content_type)
    except (aiohttp.ClientError, TimeoutError) as error:
        logger.error("Rasa cannot be reached for a %s webhook: %s.", channel, type(error).__name__)
        return web.Response(status=503, text="unavailable")


async def health(_: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


def static_file(name: str) -> Handler:
    async def serve(_: web.Request) -> web.FileResponse:
        return web.FileResponse(STATIC_DIR / name)

    return serve


@web.middleware
async def cross_origin(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Lets the widget, embedded on the configured sites only, call /widget/*."""
    origin = request.headers.get("Origin")
    allowed = origin in request.app[SETTINGS].widget_allowed_origins and request.path.startswith("/widget/")
    if request.method == "OPTIONS" and allowed:
        response: web.StreamResponse = web.Response(status=204)
        response.headers["Access-Control-Allow-Methods"] = "GET, POST"
        response.headers["Access-Control-Allow-Headers"] = "Content-Type"
        response.headers["Access-Control-Max-Age"] = "600"
    else:
        response = await handler(request)
    if allowed:
        response.headers["Access-Control-Allow-Origin"] = origin
        response.headers["Vary"] = "Origin"
    return response


@web.middleware
async def security_headers(request: web.Request, handler: Handler) -> web.StreamResponse:
    try:
        response = await handler(request)
    except web.HTTPRequestEntityTooLarge:
        response = refusal(413, "too_large")
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    if request.path == "/":
        response.headers["Content-Security-Policy"] = PAGE_POLICY
    return response


def create_app(settings: Settings) -> web.Application:
    """The application with these settings (defaults.env says what each one is)."""
    app = web.Application(client_max_size=MAX_BODY_BYTES, middlewares=[security_headers, cross_origin])
    app[SETTINGS] = settings
    texts = widget_texts(
        load_responses(),
        {
            language: {"retention_days": stated_retention(settings.retention_days, language)}
            for language in SUPPORTED_LANGUAGES
        },
    )
    app[WIDGET] = widget_configuration(texts)
    app[SENDER_LIMIT] = RateLimiter(settings.rate_limit_per_sender)
    app[ADDRESS_LIMIT] = RateLimiter(settings.rate_limit_per_address)

    async def client_session(app: web.Application) -> AsyncIterator[None]:
        async with aiohttp.ClientSession() as session:
            app[SESSION] = session
            yield

    app.cleanup_ctx.append(client_session)
    app.router.add_get("/", static_file("index.html"))
    app.router.add_get("/widget.js", static_file("widget.js"))
    app.router.add_get("/widget.css", static_file("widget.css"))
    # Browsers ask for /favicon.ico whatever the page says: both serve the SVG icon.
    app.router.add_get("/favicon.svg", static_file("favicon.svg"))
    app.router.add_get("/favicon.ico", static_file("favicon.svg"))
    app.router.add_get("/widget/settings.json", widget_settings)
    app.router.add_post("/widget/messages", messages)
    channels = "|".join(MESSAGING_CHANNELS)
    app.router.add_route("*", f"/webhooks/{{channel:{channels}}}/webhook", webhook)
    app.router.add_get("/health", health)
    return app


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    settings = read_settings()
    web.run_app(
        create_app(settings),
        host=settings.web_host,
        port=settings.web_port,
        access_log=None,
        print=None,
    )


if __name__ == "__main__":
    main()
