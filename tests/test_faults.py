"""Faults and bad input against the real servers of the test session (entry point, Rasa, action server)."""

import json
import urllib.error
import urllib.request
import uuid

import pytest

from bot.language import SUPPORTED_LANGUAGES
from bot.paths import PROJECT_ROOT
from bot.reading_order import without_direction_marks
from bot.tools.servers import Server, answers
from tests.rest_user import language_of, response_text

GUARANTEE_QUESTION = {
    "fr": "J'ai trouvé un appartement, est-ce que la garantie peut m'aider ?",
    "ar": "وجدت شقة، هل يمكن أن يساعدني ضمان LISKO؟",
}
HANDOFF_REQUEST = {"fr": "Je veux parler à une personne", "ar": "أريد التحدث مع شخص"}


class WidgetUser:
    """A visitor of the NGO's site, whose widget posts to the entry point."""

    def __init__(self, web_url: str) -> None:
        self.url = f"{web_url}/widget/messages"
        self.sender = uuid.uuid4().hex

    def post(self, body: bytes) -> tuple[int, object]:
        request = urllib.request.Request(self.url, body, {"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=60) as reply:
                return reply.status, json.loads(reply.read())
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read())

    def says(self, text: object, sender: object = None) -> tuple[int, object]:
        message = {"sender": self.sender if sender is None else sender, "message": text}
        return self.post(json.dumps(message).encode())

    def texts(self, text: str) -> list[str]:
        """The replies' texts as the responses write them (the entry point puts Arabic in reading order)."""
        status, replies = self.says(text)
        assert status == 200, replies
        return [without_direction_marks(reply["text"]) for reply in replies]


def start_again(server: Server) -> None:
    with (PROJECT_ROOT / "results" / "test-servers.log").open("a") as log:
        server.start(log)


@pytest.fixture
def actions_down(stack):
    """The action server stopped for the test; running again after it, whatever the test did."""
    stack.actions.stop()
    yield
    if not answers(stack.actions.health_url):
        start_again(stack.actions)


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_action_server_down_gets_an_apology_with_a_contact_then_works_again(stack, actions_down, language):
    apology = response_text("utter_service_unavailable", language)
    user = WidgetUser(stack.web_url)

    # A form that cannot check the answers, then an action that cannot run.
    assert apology in user.texts(GUARANTEE_QUESTION[language])
    assert user.texts(HANDOFF_REQUEST[language])[-1] == apology

    start_again(stack.actions)
    handoff = user.texts(HANDOFF_REQUEST[language])
    assert apology not in handoff
    assert any("(+352)" in text for text in handoff)
    assert {language_of(text) for text in handoff} == {language}


def test_the_apology_gives_a_service_and_its_contact_in_each_language():
    for language in SUPPORTED_LANGUAGES:
        apology = response_text("utter_service_unavailable", language)
        assert "LISKO" in apology and "(+352) 27 55 56 03" in apology and "112" in apology


LONG_TEXT = "a" * 100_000
BAD_REQUESTS = {
    "malformed JSON": (b'{"sender": "x", "message": ', 400, "not_json"),
    "invalid UTF-8": (b'{"sender": "0123456789abcdef", "message": "\xff\xfe\xfd"}', 400, "not_json"),
    "not an object": (b'["bonjour"]', 400, "not_an_object"),
    "a 100 KB body": (
        json.dumps({"sender": "0123456789abcdef", "message": LONG_TEXT}).encode(),
        413,
        "too_large",
    ),
}


@pytest.mark.parametrize("body, status, reason", BAD_REQUESTS.values(), ids=BAD_REQUESTS.keys())
def test_a_malformed_request_gets_a_clear_4xx(stack, body, status, reason):
    assert WidgetUser(stack.web_url).post(body) == (status, {"error": reason})


BAD_MESSAGES = {
    "empty": ("", 400, "empty_message"),
    "only spaces": ("   \n ", 400, "empty_message"),
    "not text": (42, 400, "empty_message"),
    "over 2,000 characters": ("é" * 2001, 413, "too_long"),
}


@pytest.mark.parametrize("text, status, reason", BAD_MESSAGES.values(), ids=BAD_MESSAGES.keys())
def test_a_message_that_cannot_be_read_gets_a_clear_4xx(stack, text, status, reason):
    assert WidgetUser(stack.web_url).says(text) == (status, {"error": reason})


@pytest.mark.parametrize(
    "sender",
    ["../../etc/passwd", "short", "x" * 65, "with space 1234", "<script>1234</script>", 12345678, None],
)
def test_a_sender_id_of_an_unknown_format_is_refused(stack, sender):
    user = WidgetUser(stack.web_url)
    body = json.dumps({"sender": sender, "message": "bonjour"}).encode()
    assert user.post(body) == (400, {"error": "bad_sender"})


ODD_MESSAGES = {
    "only emoji": "🙂🙏🏠",
    "HTML and JavaScript": "<script>alert('x')</script><img src=x onerror=alert(1)> Qu'est-ce que le LISKO ?",
    "control characters": "\x00\x07Bonjour\x1b[31m, qu'est-ce que le LISKO ?\x7f",
    "right-to-left marks and Arabic": "\u202e\u200fما هو LISKO؟",
    "2,000 characters": "Bonjour ! " * 200,
}


@pytest.mark.parametrize("text", ODD_MESSAGES.values(), ids=ODD_MESSAGES.keys())
def test_an_odd_message_gets_a_normal_answer_and_others_are_still_answered(stack, text):
    texts = WidgetUser(stack.web_url).texts(text)
    assert texts and all(language_of(reply) in SUPPORTED_LANGUAGES for reply in texts)
    assert not any("<script" in reply or "Traceback" in reply for reply in texts)
    assert WidgetUser(stack.web_url).texts("Qu'est-ce que le LISKO ?")


def test_webhooks_with_bad_bodies_are_refused_and_the_entry_point_goes_on(stack):
    url = f"{stack.web_url}/webhooks/whatsapp/webhook"
    for body in [b"{not json", b"\xff\xfe", b'{"entry": ["x", {"changes": 3}]}', b"x" * 100_000]:
        request = urllib.request.Request(url, body, {"Content-Type": "application/json"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=30)
        assert refused.value.code in {403, 413}
    assert WidgetUser(stack.web_url).texts("Qu'est-ce que le LISKO ?")
