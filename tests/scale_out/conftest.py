"""Real PostgreSQL and Redis servers, and two Rasa instances sharing them, for the scale-out tests.

The servers are Debian's (`make databases` installs them); each runs in a temporary folder, on a port
of its own on 127.0.0.1, for the test session only.
"""

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import psycopg2
import pytest
import redis

from bot.environment import Settings, read_settings
from bot.paths import HOST, PROJECT_ROOT
from bot.tools.credentials import write_configured_channels
from bot.tools.servers import Server, rasa_server
from tests.system import require

POSTGRES_PORT = 5132
REDIS_PORT = 5179
RASA_PORTS = (5108, 5109)
API_TOKEN = "test-api-token"
DATABASE = "conversations"
INSTALL_HINT = "run `make databases` (Debian packages postgresql and redis-server)"


def postgres_binaries() -> Path | None:
    """The bin folder of the newest PostgreSQL Debian installed (they are not on the PATH)."""
    folders = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda folder: int(folder.parent.name))
    return folders[-1] if folders and (folders[-1] / "initdb").exists() else None


def wait_for(ready: Callable[[], object], error: type[Exception], seconds: float = 20) -> None:
    """Call `ready` until it no longer raises `error` (a server starting), for `seconds` at most."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            ready()
            return
        except error:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


@dataclass
class Postgres:
    """A PostgreSQL server in a folder of its own; as root, it runs as the `postgres` user, as it must."""

    binaries: Path
    folder: Path

    @property
    def url(self) -> str:
        return f"postgresql://rasa@{HOST}:{POSTGRES_PORT}/{DATABASE}"

    def run(self, *command: str) -> None:
        as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        subprocess.run(as_postgres + list(command), check=True, capture_output=True)

    def pg_ctl(self, *arguments: str) -> None:
        self.run(str(self.binaries / "pg_ctl"), "--pgdata", str(self.folder / "data"), "--wait", *arguments)

    def start(self) -> None:
        options = f"-p {POSTGRES_PORT} -h {HOST} -k {self.folder}"
        self.pg_ctl("--log", str(self.folder / "server.log"), "--options", options, "start")

    def stop(self) -> None:
        self.pg_ctl("--mode", "fast", "stop")

    def query(self, sql: str, *parameters: object) -> list[tuple]:
        with closing(
            psycopg2.connect(host=HOST, port=POSTGRES_PORT, user="rasa", dbname=DATABASE)
        ) as connection:
            with connection.cursor() as cursor:
                cursor.execute(sql, parameters)
                return cursor.fetchall()


@pytest.fixture(scope="session")
def postgres() -> Iterator[Postgres]:
    binaries = postgres_binaries()
    require(binaries is not None, f"PostgreSQL is not installed: {INSTALL_HINT}.")
    folder = Path(tempfile.mkdtemp(prefix="bpi-postgres-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
    server = Postgres(binaries, folder)
    server.run(
        str(binaries / "initdb"), "--pgdata", str(folder / "data"), "--username", "rasa", "--auth", "trust"
    )
    server.start()
    try:
        server.run(
            str(binaries / "createdb"),
            "--host",
            HOST,
            "--port",
            str(POSTGRES_PORT),
            "--username",
            "rasa",
            DATABASE,
        )
        yield server
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def redis_server() -> Iterator[redis.Redis]:
    executable = shutil.which("redis-server")
    require(executable is not None, f"Redis is not installed: {INSTALL_HINT}.")
    with tempfile.TemporaryDirectory(prefix="bpi-redis-") as folder:
        command = [executable, "--port", str(REDIS_PORT), "--bind", HOST, "--save", "", "--appendonly", "no"]
        process = subprocess.Popen(command, cwd=folder, stdout=subprocess.DEVNULL)
        client = redis.Redis(host=HOST, port=REDIS_PORT)
        try:
            wait_for(client.ping, redis.ConnectionError)
            yield client
        finally:
            process.terminate()
            process.wait(timeout=20)


@dataclass
class Instances:
    """Two Rasa servers on one PostgreSQL tracker store and one Redis lock store."""

    rest_urls: tuple[str, str]
    servers: tuple[Server, Server]


def scale_out_settings(actions_url: str, postgres: Postgres, **settings: str) -> Settings:
    """The settings of several instances: no file changes, only environment variables."""
    scale_out = {
        "ACTION_SERVER_URL": actions_url,
        "TRACKER_STORE_URL": postgres.url,
        "LOCK_STORE_TYPE": "bot.lock_store.AtomicRedisLockStore",
        "REDIS_HOST": HOST,
        "REDIS_PORT": str(REDIS_PORT),
    }
    return read_settings({**os.environ, **scale_out, **settings})


@pytest.fixture(scope="session")
def instances(stack, postgres, redis_server, tmp_path_factory) -> Iterator[Instances]:
    """Started side by side; the second with Rasa's HTTP API turned on by a token."""
    folder = tmp_path_factory.mktemp("instances")
    settings = [
        scale_out_settings(stack.actions_url, postgres),
        scale_out_settings(stack.actions_url, postgres, RASA_API_TOKEN=API_TOKEN),
    ]
    credentials = folder / "credentials.yml"
    write_configured_channels(PROJECT_ROOT / "credentials.yml", credentials, settings[0].variables)
    servers = tuple(
        rasa_server(instance, port, credentials=credentials)
        for instance, port in zip(settings, RASA_PORTS, strict=False)
    )
    with (PROJECT_ROOT / "results" / "scale-out-servers.log").open("w") as log:
        try:
            with ThreadPoolExecutor(len(servers)) as pool:
                list(pool.map(lambda server: server.start(log), servers))
            yield Instances(
                tuple(f"http://{HOST}:{port}/webhooks/rest/webhook" for port in RASA_PORTS), servers
            )
        finally:
            for server in servers:
                server.stop()
