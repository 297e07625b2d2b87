"""Fake WhatsApp Cloud, Telegram Bot and Messenger Send APIs on 127.0.0.1, served from a thread so that
a Rasa subprocess can call them; every message sent is recorded."""

import asyncio
import json
import threading
import time
from typing import Any

from aiohttp import web

API_VERSION = "v19.0"
PHONE_NUMBER_ID = "106540352242922"
TELEGRAM_BOT_USERNAME = "bpi_test_bot"


class FakePlatformApis:
    """What the three platforms' APIs answer, and what the assistant sent through each."""

    def __init__(self) -> None:
        self.sent: list[dict[str, Any]] = []
        self.telegram_calls: list[tuple[str, dict[str, Any]]] = []
        self.messenger_sent: list[dict[str, Any]] = []
        self.url = ""
        self._loop = asyncio.new_event_loop()
        self._runner: web.AppRunner | None = None
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)

    async def _whatsapp_messages(self, request: web.Request) -> web.Response:
        self.sent.append(await request.json())
        return web.json_response({"messaging_product": "whatsapp", "messages": [{"id": "wamid.out"}]})

    async def _telegram(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        fields = dict(await request.post())
        self.telegram_calls.append((method, fields))
        if method == "setWebhook":
            # As Telegram answers a token it does not know: the channel must start all the same.
            return web.json_response(
                {"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401
            )
        if method == "getMe":
            bot = {"id": 1, "is_bot": True, "first_name": "BPI", "username": TELEGRAM_BOT_USERNAME}
            return web.json_response({"ok": True, "result": bot})
        chat = {"id": int(fields.get("chat_id", 0)), "type": "private"}
        message = {
            "message_id": len(self.telegram_calls),
            "date": int(time.time()),
            "chat": chat,
            "text": "…",
        }
        return web.json_response({"ok": True, "result": message})

    async def _messenger_messages(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.messenger_sent.append(body)
        return web.json_response({"recipient_id": body["recipient"]["id"], "message_id": "m_out"})

    async def _start(self) -> None:
        app = web.Application()
        app.router.add_post(f"/{API_VERSION}/{PHONE_NUMBER_ID}/messages", self._whatsapp_messages)
        app.router.add_post("/bot{token}/{method}", self._telegram)
        app.router.add_post("/{version}/me/messages", self._messenger_messages)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = self._runner.addresses[0][1]
        self.url = f"http://127.0.0.1:{port}"

    def start(self) -> None:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(timeout=10)

    def stop(self) -> None:
        asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(timeout=10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)

    def sent_to(self, recipient: str) -> list[dict[str, Any]]:
        """The WhatsApp messages sent to `recipient`."""
        return [message for message in self.sent if message.get("to") == recipient]

    def telegram_sent_to(self, chat_id: int) -> list[dict[str, Any]]:
        """The parameters of the Telegram messages sent to `chat_id`, the keyboard decoded."""
        return [
            {
                **fields,
                "reply_markup": json.loads(fields["reply_markup"]) if "reply_markup" in fields else None,
            }
            for method, fields in self.telegram_calls
            if method == "sendMessage" and fields.get("chat_id") == str(chat_id)
        ]

    def messenger_sent_to(self, user_id: str) -> list[dict[str, Any]]:
        """The Messenger messages (not the sender actions) sent to `user_id`."""
        return [
            body["message"]
            for body in self.messenger_sent
            if body["recipient"]["id"] == user_id and "message" in body
        ]
