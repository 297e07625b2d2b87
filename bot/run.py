"""`make run` and `make shell`: start the servers on localhost; Ctrl-C stops them all."""

import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from bot.credentials import write_configured_channels
from bot.environment import settings
from bot.servers import (
    HOST,
    MODEL_PATH,
    PROJECT_ROOT,
    WEB_PORT,
    action_server,
    rasa_executable,
    rasa_server,
    web_server,
)


def configured_credentials(folder: Path, environment: dict[str, str], announce: bool = True) -> Path:
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
    environment = settings()
    with tempfile.TemporaryDirectory(prefix="bpi-") as folder:
        rasa = rasa_server(environment, credentials=configured_credentials(Path(folder), environment))
        servers = [action_server(), rasa, web_server()]
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
            rasa.process.wait()
        except KeyboardInterrupt:
            pass
        finally:
            for server in reversed(servers):
                server.stop()


def shell() -> None:
    """`rasa shell` in the terminal, with the action server running next to it."""
    stop_on_termination()
    environment = settings()
    actions = action_server()
    actions.start()
    with tempfile.TemporaryDirectory(prefix="bpi-") as folder:
        credentials = configured_credentials(Path(folder), environment, announce=False)
        command = [rasa_executable(), "shell", "--model", str(MODEL_PATH), "--credentials", str(credentials)]
        try:
            subprocess.call(command + sys.argv[2:], env=environment)
        except KeyboardInterrupt:
            pass
        finally:
            actions.stop()


if __name__ == "__main__":
    shell() if sys.argv[1:2] == ["shell"] else serve()
