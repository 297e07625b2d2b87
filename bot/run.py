"""`make run` and `make shell`: start the servers on localhost; Ctrl-C stops them all."""

import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from bot.credentials import write_configured_channels
from bot.servers import (
    HOST,
    PROJECT_ROOT,
    WEB_PORT,
    action_server,
    rasa_executable,
    rasa_server,
    web_server,
)


def configured_credentials(folder: Path, announce: bool = True) -> Path:
    """credentials.yml less the messaging channels whose variables are unset; says which are off."""
    target = folder / "credentials.yml"
    missing = write_configured_channels(PROJECT_ROOT / "credentials.yml", target, os.environ)
    for channel, names in missing.items() if announce else ():
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
        servers = [
            action_server(),
            rasa_server(credentials=configured_credentials(Path(folder))),
            web_server(),
        ]
        try:
            for server in servers:
                print(f"Starting the {server.name}...", flush=True)
                server.start()
            print(
                "\nThe assistant is ready:\n"
                f"  demo page and widget: http://{HOST}:{WEB_PORT}/\n"
                f"  widget messages:      POST http://{HOST}:{WEB_PORT}/widget/messages\n"
                f"  messaging webhooks:   http://{HOST}:{WEB_PORT}/webhooks/<whatsapp|telegram|facebook>/webhook\n"
                "Press Ctrl-C to stop.",
                flush=True,
            )
            servers[1].process.wait()
        except KeyboardInterrupt:
            pass
        finally:
            for server in reversed(servers):
                server.stop()


def shell() -> None:
    """`rasa shell` in the terminal, with the action server running next to it."""
    stop_on_termination()
    actions = action_server()
    actions.start()
    with tempfile.TemporaryDirectory(prefix="bpi-") as folder:
        credentials = configured_credentials(Path(folder), announce=False)
        try:
            subprocess.call(
                [
                    rasa_executable(),
                    "shell",
                    "--model",
                    "models/bpi.tar.gz",
                    "--credentials",
                    str(credentials),
                ]
                + sys.argv[2:]
            )
        except KeyboardInterrupt:
            pass
        finally:
            actions.stop()


if __name__ == "__main__":
    shell() if sys.argv[1:2] == ["shell"] else serve()
