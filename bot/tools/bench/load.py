"""Simulated users on Rasa's REST channel: each holds whole conversations, one message at a time."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

import aiohttp
import numpy

# A message not answered in this time counts as failed; a whole load level stops at its own limit.
MESSAGE_TIMEOUT_SECONDS = 30
LEVEL_TIMEOUT_SECONDS = 300


@dataclass
class Turn:
    language: str
    seconds: float
    replies: list[str]
    failed: bool


@dataclass
class LoadResult:
    users: int
    conversations: int
    messages: int
    failed: int
    seconds: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    throughput: float
    wrong_language_replies: float


@dataclass
class Load:
    """`conversations` scripts, taken in turn from `scripts`, shared among `users` concurrent users."""

    url: str
    users: int
    conversations: int
    scripts: list[tuple[str, list[str]]]
    turns: list[Turn] = field(default_factory=list)

    async def run(self, language_of: Callable[[str], str | None]) -> LoadResult:
        queue: asyncio.Queue[tuple[str, list[str]]] = asyncio.Queue()
        for number in range(self.conversations):
            queue.put_nowait(self.scripts[number % len(self.scripts)])
        timeout = aiohttp.ClientTimeout(total=MESSAGE_TIMEOUT_SECONDS)
        start = time.perf_counter()
        async with aiohttp.ClientSession(timeout=timeout) as session:
            users = [self._user(session, queue) for _ in range(self.users)]
            await asyncio.wait_for(asyncio.gather(*users), LEVEL_TIMEOUT_SECONDS)
        return summary(self.users, self.conversations, self.turns, time.perf_counter() - start, language_of)

    async def _user(self, session: aiohttp.ClientSession, queue: asyncio.Queue) -> None:
        while not queue.empty():
            language, script = queue.get_nowait()
            sender = f"bench-{uuid.uuid4().hex}"
            for text in script:
                self.turns.append(await self._send(session, sender, language, text))

    async def _send(self, session: aiohttp.ClientSession, sender: str, language: str, text: str) -> Turn:
        start = time.perf_counter()
        try:
            async with session.post(self.url, json={"sender": sender, "message": text}) as response:
                body = await response.json() if response.status == 200 else []
        except (aiohttp.ClientError, asyncio.TimeoutError):
            body = []
        replies = [reply["text"] for reply in body if reply.get("text")]
        return Turn(language, time.perf_counter() - start, replies, failed=not body)


def summary(
    users: int,
    conversations: int,
    turns: list[Turn],
    seconds: float,
    language_of: Callable[[str], str | None],
) -> LoadResult:
    """Percentiles of the reply time, messages per second, and the share of replies not in the user's
    language (a reply whose language cannot be told counts as wrong)."""
    p50, p95, p99 = numpy.percentile([turn.seconds * 1000 for turn in turns], [50, 95, 99])
    replies = [(turn.language, text) for turn in turns for text in turn.replies]
    wrong = sum(language_of(text) != language for language, text in replies)
    return LoadResult(
        users=users,
        conversations=conversations,
        messages=len(turns),
        failed=sum(turn.failed for turn in turns),
        seconds=round(seconds, 1),
        p50_ms=round(float(p50), 1),
        p95_ms=round(float(p95), 1),
        p99_ms=round(float(p99), 1),
        throughput=round(len(turns) / seconds, 1),
        wrong_language_replies=round(wrong / len(replies), 3) if replies else 1.0,
    )
