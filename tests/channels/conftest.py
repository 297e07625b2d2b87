"""Messaging channels as Rasa runs them: built from credentials.yml, registered in a Sanic server."""

import asyncio
import json
import random
import socket
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from rasa.core.agent import Agent
from rasa.core.channels.channel import InputChannel, register
from rasa.core.run import _create_single_channel
from rasa.shared.utils.io import read_config_file
from rasa.utils.endpoints import EndpointConfig
from sanic import Sanic

from bot.environment import read_defaults, with_defaults
from bot.paths import MODEL_PATH, PROJECT_ROOT
from bot.tools.credentials import write_configured_channels


@pytest.fixture(scope="session")
def agent(stack: Any) -> Agent:
    """The trained assistant, with the action server of the test session."""
    return Agent.load(str(MODEL_PATH), action_endpoint=EndpointConfig(stack.actions_url))


def channel_from_credentials(
    name: str, environment: Mapping[str, str], folder: Path, monkeypatch: pytest.MonkeyPatch
) -> InputChannel:
    """The channel `name` as `make run` builds it: from credentials.yml, with `environment` set (and
    defaults.env for the rest)."""
    environment = with_defaults(environment, read_defaults())
    configured = folder / "credentials.yml"
    write_configured_channels(PROJECT_ROOT / "credentials.yml", configured, environment)
    for variable, value in environment.items():
        monkeypatch.setenv(variable, value)
    return _create_single_channel(name, read_config_file(configured)[name])


@asynccontextmanager
async def served(channel: InputChannel, agent: Any, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[str]:
    """Registers `channel` the way Rasa does in a Sanic server on 127.0.0.1 whose agent is `agent`;
    yields the URL of the channel's routes (/webhooks/<name>)."""
    monkeypatch.setattr(
        Sanic, "test_mode", True
    )  # as sanic_testing does: lets one process start several apps
    app = Sanic(f"{channel.name()}_test")
    app.ctx.agent = agent
    # Some channels call asyncio.run() while building their routes (Telegram sets its webhook), which
    # cannot run inside the test's event loop; Rasa builds them before its loop starts.
    await asyncio.to_thread(register, [channel], app, "/webhooks/")
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = await app.create_server(sock=sock, return_asyncio_server=True, access_log=False)
    await server.startup()
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}/webhooks/{channel.name()}"
    finally:
        server.close()
        await server.wait_closed()


def fuzzed_bodies(count: int = 60, seed: int = 16) -> list[bytes]:
    """Bodies nobody should send: random bytes, deep nesting, and webhook fields of the wrong types."""
    rng = random.Random(seed)
    wrong = [None, 0, -1, 1.5, True, "", "x" * 3000, [], {}, [None], {"id": None}, ["entry"]]
    keys = [
        "entry",
        "changes",
        "value",
        "messages",
        "messaging",
        "sender",
        "message",
        "text",
        "id",
        "chat",
        "callback_query",
        "from",
        "data",
        "postback",
        "payload",
        "attachments",
        "caption",
        "type",
    ]
    bodies = [b"", b"null", b"[]", b'"text"', b"{", b"\xff\xfe\x00", b"[" * 5000 + b"]" * 5000]
    while len(bodies) < count:
        kind = rng.randrange(3)
        if kind == 0:
            bodies.append(rng.randbytes(rng.randrange(1, 200)))
        elif kind == 1:
            depth = rng.randrange(10, 400)
            bodies.append(('{"entry": ' + "[" * depth + '{"messaging": 1}' + "]" * depth + "}").encode())
        else:
            tree: Any = rng.choice(wrong)
            for _ in range(rng.randrange(1, 6)):
                tree = {rng.choice(keys): [tree] if rng.random() < 0.4 else tree}
            bodies.append(json.dumps(tree).encode())
    return bodies
