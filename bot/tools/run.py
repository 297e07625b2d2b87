"""`make run` and `make shell`: start the servers on localhost; Ctrl-C stops them all."""

import json
import signal
import sys
import tempfile
import urllib.request
import uuid
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from bot.paths import HOST, PROJECT_ROOT
from bot.reading_order import without_direction_marks
from bot.tools.credentials import write_configured_channels
from bot.tools.servers import RASA_PORT, SETTINGS, action_server, rasa_server, web_server


def configured_credentials(folder: Path, environment: Mapping[str, str], announce: bool = True) -> Path:
    """credentials.yml less the messaging channels whose variables are unset; says which are off."""
    target = folder / "credentials.yml"
    missing = write_configured_channels(PROJECT_ROOT / "credentials.yml", target, environment)
    if announce:
        for channel, names in missing.items():
            print(f"Channel {channel} is off: set {', '.join(names)} to turn it on.", flush=True)
    return target


def stop_on_termination() -> None:
    """SIGTERM and SIGHUP (a closed terminal, a service manager) stop the servers as Ctrl-C does."""

    def interrupt(signum: int, _frame: object) -> None:
        raise KeyboardInterrupt(signal.Signals(signum).name)

    signal.signal(signal.SIGTERM, interrupt)
    signal.signal(signal.SIGHUP, interrupt)


def serve() -> None:
    stop_on_termination()
    with tempfile.TemporaryDirectory(prefix="bpi-") as folder:
        rasa = rasa_server(SETTINGS, credentials=configured_credentials(Path(folder), SETTINGS.variables))
        servers = [action_server(), rasa, web_server(SETTINGS)]
        try:
            for server in servers:
                print(f"Starting the {server.name}...", flush=True)
                server.start()
            web = f"http://{HOST}:{SETTINGS.web_port}"
            print(
                "\nThe assistant is ready:\n"
                f"  demo page and widget: {web}/\n"
                f"  widget messages:      POST {web}/widget/messages\n"
                f"  messaging webhooks:   {web}/webhooks/<whatsapp|telegram|facebook>/webhook\n"
                "Press Ctrl-C to stop.",
                flush=True,
            )
            rasa.process.wait()
        except KeyboardInterrupt:
            pass
        finally:
            for server in reversed(servers):
                server.stop()


def shown(replies: list[dict[str, Any]]) -> tuple[list[str], list[str]]:
    """The lines staff read for the assistant's replies, buttons numbered by their titles, and the
    buttons' payloads in that order."""
    lines: list[str] = []
    payloads: list[str] = []
    for reply in replies:
        if reply.get("text"):
            lines.append(without_direction_marks(reply["text"]))
        for button in reply.get("buttons") or []:
            payloads.append(button["payload"])
            lines.append(f"  {len(payloads)}. {without_direction_marks(button['title'])}")
    return lines, payloads


def message_for(typed: str, payloads: list[str]) -> str:
    """A button's number picks its payload; anything else is a message, as typed."""
    number = typed.strip()
    return payloads[int(number) - 1] if number.isdigit() and 1 <= int(number) <= len(payloads) else typed


def says(sender: str, message: str) -> list[dict[str, Any]]:
    """The assistant's replies to `message`, through Rasa's REST channel."""
    body = json.dumps({"sender": sender, "message": message}).encode()
    request = urllib.request.Request(
        f"http://{HOST}:{RASA_PORT}/webhooks/rest/webhook", body, {"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=60) as reply:
        return json.loads(reply.read())


def shell() -> None:
    """Talk to the assistant in the terminal: the servers run on 127.0.0.1, their logs in a file."""
    stop_on_termination()
    log_path = PROJECT_ROOT / "results" / "shell-servers.log"
    log_path.parent.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="bpi-") as folder, log_path.open("w") as log:
        credentials = configured_credentials(Path(folder), SETTINGS.variables, announce=False)
        servers = [action_server(), rasa_server(SETTINGS, credentials=credentials)]
        try:
            print(f"Starting the assistant (about a minute; its logs go to {log_path})...", flush=True)
            for server in servers:
                server.start(log)
            print("Write a message; a number picks a button. Ctrl-D or Ctrl-C quits.", flush=True)
            sender, payloads = f"staff-{uuid.uuid4().hex[:12]}", []
            while True:
                lines, payloads = shown(says(sender, message_for(input("you> "), payloads)))
                print("\n".join(lines), flush=True)
        except (KeyboardInterrupt, EOFError):
            print()
        finally:
            for server in reversed(servers):
                server.stop()


if __name__ == "__main__":
    shell() if sys.argv[1:2] == ["shell"] else serve()
