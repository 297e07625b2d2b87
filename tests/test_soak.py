"""A short soak: concurrent users through the entry point, bounded in count and time, on loopback only.

No request may fail, and the memory of Rasa and of the action server must level off after the first
round (which loads what is loaded lazily) instead of growing with each round of new conversations.
"""

import asyncio
import uuid

import aiohttp

from bot.tools.bench.conversations import SCRIPTS
from bot.tools.bench.resources import resident_memory

USERS = 24
ROUNDS = 4
TIME_LIMIT_SECONDS = 240
# Growth allowed from the end of the first round to the end of the last.
MEMORY_GROWTH_LIMIT = 0.10


async def conversation(session: aiohttp.ClientSession, url: str, script: list[str]) -> list[int]:
    """One user's conversation; the HTTP status of each message that did not get answers."""
    sender, failures = uuid.uuid4().hex, []
    for text in script:
        async with session.post(url, json={"sender": sender, "message": text}) as reply:
            if reply.status != 200 or not await reply.json():
                failures.append(reply.status)
    return failures


async def one_round(url: str) -> list[int]:
    async with aiohttp.ClientSession() as session:
        results = await asyncio.gather(
            *(conversation(session, url, SCRIPTS[user % len(SCRIPTS)][1]) for user in range(USERS))
        )
    return [status for failures in results for status in failures]


async def soak(url: str, pids: dict[str, int]) -> list[dict[str, int]]:
    memory = []
    for number in range(ROUNDS):
        failures = await one_round(url)
        assert failures == [], f"round {number + 1}: {len(failures)} messages failed: {failures}"
        memory.append({name: resident_memory(pid) for name, pid in pids.items()})
    return memory


async def test_concurrent_users_get_every_answer_and_memory_levels_off(stack):
    pids = {"Rasa": stack.rasa.process.pid, "action server": stack.actions.process.pid}

    memory = await asyncio.wait_for(soak(f"{stack.web_url}/widget/messages", pids), TIME_LIMIT_SECONDS)

    for name in pids:
        first, last = memory[0][name], memory[-1][name]
        assert last <= first * (1 + MEMORY_GROWTH_LIMIT), f"{name}: {[round[name] for round in memory]} kB"
