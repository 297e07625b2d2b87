"""Speed and memory of one model served as `make run` serves it: Rasa with its REST channel, the action
server, the SQLite tracker store; driven over loopback by simulated users."""

from __future__ import annotations

import asyncio
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import aiohttp

from bot.environment import read_settings
from bot.paths import HOST
from bot.tools.bench.conversations import SCRIPTS
from bot.tools.bench.load import Load, LoadResult
from bot.tools.bench.resources import resident_memory
from bot.tools.evaluate import held_out_examples
from bot.tools.servers import action_server, rasa_server

RASA_PORT = 5405
ACTION_PORT = 5455
API_TOKEN = "bench"
# (concurrent users, conversations in all): every user holds whole conversations, one after the other.
LOAD_LEVELS = [(1, 6), (10, 40), (50, 100)]
WARM_UP_CONVERSATIONS = len(SCRIPTS)
PARSED_PER_LANGUAGE = 30


@dataclass
class SpeedReport:
    parse_ms: float
    turn_ms: float
    loads: list[LoadResult]
    rasa_memory_mb: float
    action_server_memory_mb: float


async def median_parse_ms(url: str, texts: list[str]) -> float:
    """The median time of Rasa's /model/parse for `texts`, one at a time: the understanding alone."""
    durations = []
    async with aiohttp.ClientSession() as session:
        for text in texts:
            start = time.perf_counter()
            async with session.post(url, params={"token": API_TOKEN}, json={"text": text}) as response:
                response.raise_for_status()
                await response.json()
            durations.append(time.perf_counter() - start)
    return round(statistics.median(durations) * 1000, 1)


def parse_texts(languages: tuple[str, ...]) -> list[str]:
    return [
        e.get("text") for language in languages for e in held_out_examples(language)[:PARSED_PER_LANGUAGE]
    ]


async def drive(base_url: str, languages: tuple[str, ...], language_of: Callable) -> tuple[float, list]:
    rest_url = f"{base_url}/webhooks/rest/webhook"
    await Load(rest_url, 1, WARM_UP_CONVERSATIONS, SCRIPTS).run(language_of)
    parse_ms = await median_parse_ms(f"{base_url}/model/parse", parse_texts(languages))
    loads = []
    for users, conversations in LOAD_LEVELS:
        loads.append(await Load(rest_url, users, conversations, SCRIPTS).run(language_of))
        print(f"  {users} users: {loads[-1]}", flush=True)
    return parse_ms, loads


def measure_speed(model: Path, languages: tuple[str, ...], language_of: Callable, log: Path) -> SpeedReport:
    """Start the servers on `model`, warm them up, then measure: parse time, loads, memory."""
    with tempfile.TemporaryDirectory(prefix="bench-") as folder, log.open("a") as log_file:
        credentials = Path(folder) / "credentials.yml"
        credentials.write_text("rest:\n")
        settings = read_settings(
            {
                **os.environ,
                "ACTION_SERVER_URL": f"http://{HOST}:{ACTION_PORT}/webhook",
                "TRACKER_STORE_URL": f"sqlite:///{folder}/conversations.db",
                "RASA_API_TOKEN": API_TOKEN,
            }
        )
        actions = action_server(ACTION_PORT)
        rasa = rasa_server(settings, RASA_PORT, model=model, credentials=credentials)
        actions.start(log_file)
        try:
            rasa.start(log_file)
            parse_ms, loads = asyncio.run(drive(f"http://{HOST}:{RASA_PORT}", languages, language_of))
            rasa_memory, actions_memory = (resident_memory(s.process.pid) for s in (rasa, actions))
        finally:
            rasa.stop()
            actions.stop()
    turn_ms = next(load.p50_ms for load in loads if load.users == 1)
    return SpeedReport(
        parse_ms, turn_ms, loads, round(rasa_memory / 1024, 1), round(actions_memory / 1024, 1)
    )
