"""A user of Rasa's REST channel, the language a reply is written in, and the responses of data/responses/,
for the conversation tests."""

import json
import urllib.request
import uuid

from bot import responses
from bot.tools.evaluate import language_of as language_of_response
from bot.tools.evaluate import response_of, response_patterns

RESPONSES = responses.load_responses()
PATTERNS = response_patterns(RESPONSES)


def response_text(name: str, language: str) -> str:
    """The text of response `name` in `language`, before any slot is filled in."""
    return responses.response_text(RESPONSES, name, language)


def language_of(text: str | None) -> str | None:
    return language_of_response(text, PATTERNS)


class User:
    def __init__(self, url: str, metadata: dict | None = None):
        self.url = url
        self.sender = f"test-{uuid.uuid4().hex}"
        self.metadata = metadata

    def _send(self, text: str) -> list:
        body = {"sender": self.sender, "message": text}
        if self.metadata:
            body["metadata"] = self.metadata
        request = urllib.request.Request(
            self.url, json.dumps(body).encode(), {"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read())

    def says(self, text: str) -> list:
        replies = self._send(text)
        assert replies, f"no reply to {text!r}"
        return replies

    def starts_new_session(self) -> None:
        """A new session, as a channel starts one with `/session_start` (and Rasa after 60 idle minutes)."""
        assert self._send("/session_start") == []

    def reply_languages(self, text: str) -> set:
        return {language_of(r.get("text")) for r in self.says(text)}


def response_name(text: str | None) -> str | None:
    """The name of the response `text` was made from, or None."""
    found = response_of(text, PATTERNS)
    return found[0] if found else None
