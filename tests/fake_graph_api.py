"""A fake WhatsApp Graph API on 127.0.0.1, served from a thread so that a Rasa subprocess can call it."""

import asyncio
import threading
from typing import Any

from aiohttp import web

API_VERSION = "v19.0"
PHONE_NUMBER_ID = "106540352242922"


class ThreadedGraphApi:
    """Records every message posted to /{version}/{phone number id}/messages and answers like the real API."""

    def __init__(self) -> None:
        self.sent: list[dict[str, Any]] = []
        self.url = ""
        self._loop = asyncio.new_event_loop()
        self._runner: web.AppRunner | None = None
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)

    async def _messages(self, request: web.Request) -> web.Response:
        self.sent.append(await request.json())
        return web.json_response({"messaging_product": "whatsapp", "messages": [{"id": "wamid.out"}]})

    async def _start(self) -> None:
        app = web.Application()
        app.router.add_post(f"/{API_VERSION}/{PHONE_NUMBER_ID}/messages", self._messages)
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
        return [message for message in self.sent if message.get("to") == recipient]
