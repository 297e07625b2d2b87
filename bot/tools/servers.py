"""Start the action server and the Rasa server as child processes and wait until they answer."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from bot.environment import Settings, read_settings
from bot.paths import HOST, MODEL_PATH, PROJECT_ROOT

# Masks personal data in the logs of Rasa and of the action server.
LOGGING_CONFIG = PROJECT_ROOT / "logging.yml"
# Read once for the process: the launcher's ports, and what `make run` and `make shell` start.
SETTINGS = read_settings()
ACTION_PORT = SETTINGS.action_port
RASA_PORT = SETTINGS.rasa_port
STARTUP_TIMEOUT_SECONDS = 240


@dataclass
class Server:
    name: str
    command: list[str]
    health_url: str
    environment: dict[str, str] = field(default_factory=dict)
    process: subprocess.Popen | None = None

    def start(self, log: IO | None = None) -> None:
        """Start the process and block until its health URL answers 200."""
        if answers(self.health_url):
            raise RuntimeError(f"{self.health_url} already answers: stop the other {self.name} first.")
        self.process = subprocess.Popen(
            self.command,
            cwd=PROJECT_ROOT,
            env={**os.environ, "PYTHONPATH": python_path(), **self.environment},
            stdout=log,
            stderr=subprocess.STDOUT if log else None,
        )
        deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited with code {self.process.returncode}")
            if answers(self.health_url):
                return
            time.sleep(0.5)
        self.stop()
        raise RuntimeError(f"{self.name} did not answer {self.health_url} in time")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def python_path() -> str:
    """PYTHONPATH with the project first: Rasa reads logging.yml, whose filter is in `bot`, before it
    adds the working folder to its path (without it, Rasa would silently log without masking)."""
    return os.pathsep.join(filter(None, [str(PROJECT_ROOT), os.environ.get("PYTHONPATH")]))


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def rasa_executable() -> str:
    return str(Path(sys.executable).with_name("rasa"))


def action_server(port: int = ACTION_PORT) -> Server:
    return Server(
        "action server",
        [
            sys.executable,
            "-m",
            "rasa_sdk",
            "--actions",
            "actions",
            "--port",
            str(port),
            "--logging-config_file",
            str(LOGGING_CONFIG),
        ],
        f"http://{HOST}:{port}/health",
        # rasa_sdk listens on every interface unless SANIC_HOST says otherwise.
        environment={"SANIC_HOST": HOST},
    )


def api_arguments(settings: Settings) -> list[str]:
    """Rasa's HTTP API stays off, unless RASA_API_TOKEN is set: then it is on and needs that token.

    Cross-origin calls to it are allowed only from the RASA_CORS_ORIGINS given (none by default).
    """
    token = settings.rasa_api_token
    if not token:
        return []
    origins = list(settings.rasa_cors_origins)
    return ["--enable-api", "--auth-token", token] + (["--cors", *origins] if origins else [])


def rasa_server(
    settings: Settings,
    port: int = RASA_PORT,
    model: Path = MODEL_PATH,
    endpoints: Path = PROJECT_ROOT / "endpoints.yml",
    credentials: Path = PROJECT_ROOT / "credentials.yml",
) -> Server:
    """`rasa run` with these settings (endpoints.yml's variables, the API's)."""
    return Server(
        "Rasa server",
        [
            rasa_executable(),
            "run",
            "--model",
            str(model),
            "--endpoints",
            str(endpoints),
            "--credentials",
            str(credentials),
            "--logging-config-file",
            str(LOGGING_CONFIG),
            "--interface",
            HOST,
            "--port",
            str(port),
            *api_arguments(settings),
        ],
        f"http://{HOST}:{port}/",
        environment=dict(settings.variables),
    )


def web_server(settings: Settings) -> Server:
    """The public entry point (bot/web/): the widget, its demo page, and the webhooks, in front of Rasa; with
    the address, port and Rasa URL of these settings."""
    return Server(
        "web server",
        [sys.executable, "-m", "bot.web.server"],
        f"http://{HOST}:{settings.web_port}/health",
        environment=dict(settings.variables),
    )
