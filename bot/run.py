"""`make run` and `make shell`: start the servers on localhost; Ctrl-C stops them all."""

import subprocess
import sys

from bot.servers import HOST, RASA_PORT, action_server, rasa_executable, rasa_server


def serve() -> None:
    servers = [action_server(), rasa_server()]
    try:
        for server in servers:
            print(f"Starting the {server.name}...", flush=True)
            server.start()
        print(
            "\nThe assistant is ready:\n"
            f"  REST:      POST http://{HOST}:{RASA_PORT}/webhooks/rest/webhook"
            ' with {"sender": "me", "message": "bonjour"}\n'
            f"  socket.io: http://{HOST}:{RASA_PORT}/socket.io\n"
            "Press Ctrl-C to stop.",
            flush=True,
        )
        servers[-1].process.wait()
    except KeyboardInterrupt:
        pass
    finally:
        for server in reversed(servers):
            server.stop()


def shell() -> None:
    """`rasa shell` in the terminal, with the action server running next to it."""
    actions = action_server()
    actions.start()
    try:
        subprocess.call([rasa_executable(), "shell", "--model", "models/bpi.tar.gz", *sys.argv[2:]])
    except KeyboardInterrupt:
        pass
    finally:
        actions.stop()


if __name__ == "__main__":
    shell() if sys.argv[1:2] == ["shell"] else serve()
