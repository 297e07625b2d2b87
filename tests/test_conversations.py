"""Whole conversations through the real action server and Rasa server, over the REST channel."""

import json
import urllib.request
import uuid

import pytest
import yaml

from bot.servers import HOST, PROJECT_ROOT, action_server, rasa_server

TEST_ACTION_PORT = 5156
TEST_RASA_PORT = 5106
ACTIONS_URL = f"http://{HOST}:{TEST_ACTION_PORT}/webhook"


def text_languages() -> dict:
    """Each response text of domain.yml mapped to the language of its variation."""
    responses = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text())["responses"]
    return {v["text"]: v["condition"][0]["value"] for variations in responses.values() for v in variations}


LANGUAGE_OF = text_languages()


@pytest.fixture(scope="module")
def rest_url(tmp_path_factory):
    """Start both servers once for the module, on ports of their own."""
    endpoints = tmp_path_factory.mktemp("rasa") / "endpoints.yml"
    endpoints.write_text(yaml.safe_dump({"action_endpoint": {"url": ACTIONS_URL}}))
    servers = [action_server(TEST_ACTION_PORT), rasa_server(TEST_RASA_PORT, endpoints=endpoints)]
    log = (PROJECT_ROOT / "results").joinpath("test-servers.log")
    log.parent.mkdir(exist_ok=True)
    with log.open("w") as log_file:
        try:
            for server in servers:
                server.start(log_file)
            yield f"http://{HOST}:{TEST_RASA_PORT}/webhooks/rest/webhook"
        finally:
            for server in reversed(servers):
                server.stop()


class User:
    def __init__(self, url: str, metadata: dict | None = None):
        self.url = url
        self.sender = f"test-{uuid.uuid4().hex}"
        self.metadata = metadata

    def says(self, text: str) -> list:
        body = {"sender": self.sender, "message": text}
        if self.metadata:
            body["metadata"] = self.metadata
        request = urllib.request.Request(
            self.url, json.dumps(body).encode(), {"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            replies = json.loads(response.read())
        assert replies, f"no reply to {text!r}"
        return replies

    def reply_languages(self, text: str) -> set:
        return {LANGUAGE_OF.get(r.get("text")) for r in self.says(text)}


def test_french_user_keeps_french_on_short_messages(rest_url):
    user = User(rest_url)
    assert user.reply_languages("Bonjour, qu'est-ce que le LISKO exactement ?") == {"fr"}
    for short in ["ok", "merci", "LISKO", "1200"]:
        assert user.reply_languages(short) == {"fr"}, short


def test_english_user_gets_english_then_keeps_it(rest_url):
    user = User(rest_url)
    assert user.reply_languages("hello, who should I contact about my housing problem?") == {"en"}
    assert user.reply_languages("thanks") == {"en"}


def test_arabic_user_gets_arabic_right_through_a_fallback(rest_url):
    user = User(rest_url)
    assert user.reply_languages("السلام عليكم، ما هو LISKO؟") == {"ar"}
    for text in ["ok", "LogIS", "zxqv blorp", "٣٠٠٠"]:
        assert user.reply_languages(text) == {"ar"}, text


def test_explicit_choice_beats_detection(rest_url):
    user = User(rest_url)
    user.says("Bonjour, je cherche un logement à Esch")
    assert user.reply_languages("can you answer in Arabic please") == {"ar"}
    assert user.reply_languages("je voudrais parler en anglais") == {"en"}


def test_language_button_switches_language(rest_url):
    user = User(rest_url)
    user.says("bonjour")
    assert user.reply_languages('/set_language{"language": "en"}') == {"en"}
    assert user.reply_languages("ok") == {"en"}


def test_channel_hint_sets_the_language_of_a_new_session(rest_url):
    assert User(rest_url, {"language": "en-GB"}).reply_languages("ok") == {"en"}
    assert User(rest_url, {"language": "ar"}).reply_languages("hi") == {"ar"}


def test_confident_detection_beats_the_channel_hint(rest_url):
    user = User(rest_url, {"language": "ar"})
    assert user.reply_languages("Bonjour, comment trouver un logement au Luxembourg ?") == {"fr"}


def test_welcome_offers_the_three_languages(rest_url):
    replies = User(rest_url).says("bonjour")
    titles = [b["title"] for r in replies for b in r.get("buttons", [])]
    assert titles == ["Français", "English", "العربية"]


@pytest.mark.parametrize(
    "text",
    ["je suis en danger, mon mari me frappe", "I am sleeping outside tonight", "أنا في خطر الآن"],
)
def test_emergency_gives_112_and_113_first(rest_url, text):
    first = User(rest_url).says(text)[0]["text"]
    assert "112" in first.splitlines()[0] and "113" in first.splitlines()[0]
