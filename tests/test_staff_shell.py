"""`make shell`: the answers as staff read them, buttons by their titles, picked by number."""

import os
import select
import subprocess
import sys
import time

import pytest

from bot.paths import PROJECT_ROOT
from bot.tools.run import message_for, shown
from tests.test_listening import LOOPBACK, listening_addresses

REPLIES = [
    {"recipient_id": "staff", "text": "Quel est votre statut ?"},
    {
        "text": "Choisissez :",
        "buttons": [
            {"title": "Statut de réfugié", "payload": '/inform{"protection_status": "refugee"}'},
            {"title": "Je ne sais pas", "payload": '/inform{"protection_status": "unknown"}'},
        ],
    },
    {"text": "\u200f\u2066LISKO\u2069 يساعدك", "buttons": [{"title": "English", "payload": "/set_language"}]},
]


def test_buttons_are_numbered_by_their_titles_never_their_payloads():
    lines, payloads = shown(REPLIES)
    assert lines == [
        "Quel est votre statut ?",
        "Choisissez :",
        "  1. Statut de réfugié",
        "  2. Je ne sais pas",
        "LISKO يساعدك",
        "  3. English",
    ]
    assert payloads[0] == '/inform{"protection_status": "refugee"}'


@pytest.mark.parametrize(
    "typed, sent",
    [
        ("1", '/inform{"protection_status": "refugee"}'),
        (" 3 ", "/set_language"),
        ("4", "4"),
        ("0", "0"),
        ("j'ai 2 enfants", "j'ai 2 enfants"),
    ],
)
def test_a_number_picks_a_button_anything_else_is_sent_as_typed(typed, sent):
    _, payloads = shown(REPLIES)
    assert message_for(typed, payloads) == sent


SHELL_RASA_PORT, SHELL_ACTION_PORT = 5176, 5177
STARTUP_SECONDS = 300


def output_until(process: subprocess.Popen, prompt: str) -> str:
    """What the process writes until `prompt` (or its end, or the timeout)."""
    seen = ""
    deadline = time.monotonic() + STARTUP_SECONDS
    while not seen.endswith(prompt) and time.monotonic() < deadline:
        ready, _, _ = select.select([process.stdout], [], [], 1)
        if ready:
            chunk = os.read(process.stdout.fileno(), 4096).decode(errors="replace")
            if not chunk:
                break
            seen += chunk
    return seen


def test_make_shell_is_quiet_and_listens_on_loopback_only():
    """`make shell` (`python -m bot.tools.run shell`), on ports of its own, beside the tests' stack."""
    environment = {
        **os.environ,
        "RASA_PORT": str(SHELL_RASA_PORT),
        "ACTION_PORT": str(SHELL_ACTION_PORT),
        "ACTION_SERVER_URL": f"http://127.0.0.1:{SHELL_ACTION_PORT}/webhook",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.tools.run", "shell"],
        cwd=PROJECT_ROOT,
        env=environment,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        before_prompt = output_until(process, "you> ")
        assert before_prompt.endswith("you> "), before_prompt
        assert "warning" not in before_prompt.lower(), before_prompt
        assert listening_addresses(SHELL_RASA_PORT) == {LOOPBACK}
        assert listening_addresses(SHELL_ACTION_PORT) == {LOOPBACK}
        process.stdin.write(b"bonjour\n")
        process.stdin.flush()
        assert "  1. Français" in output_until(process, "you> ")
    finally:
        process.stdin.close()
        process.wait(timeout=60)
