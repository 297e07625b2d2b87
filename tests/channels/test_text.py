"""The text helpers of the messaging channels."""

import pytest

from bot.channels.payload import json_object
from bot.channels.text import (
    ATTACHMENT_PAYLOAD,
    MAX_MESSAGE_LENGTH,
    TOO_LONG_PAYLOAD,
    RecentIds,
    caption_or_attachment,
    cut,
    readable,
)


@pytest.mark.parametrize(
    "text, expected",
    [
        (None, None),
        ("", ""),
        ("bonjour", "bonjour"),
        ("é" * MAX_MESSAGE_LENGTH, "é" * MAX_MESSAGE_LENGTH),
        ("é" * (MAX_MESSAGE_LENGTH + 1), TOO_LONG_PAYLOAD),
    ],
)
def test_readable(text, expected):
    assert readable(text) == expected


@pytest.mark.parametrize("text, expected", [("short", "short"), ("a longer text", "a lo…")])
def test_cut(text, expected):
    assert cut(text, 5) == expected


def test_only_the_latest_message_ids_are_remembered():
    recent = RecentIds(3)
    assert recent.is_new("first") and recent.is_new("a") and recent.is_new("b")
    assert not recent.is_new("b")
    assert recent.is_new("c")  # "first" is forgotten
    assert recent.is_new("first")
    assert recent.is_new(None) and recent.is_new(None)


@pytest.mark.parametrize(
    "caption, read",
    [("c'est la lettre ?", "c'est la lettre ?"), (None, ATTACHMENT_PAYLOAD), ("  ", ATTACHMENT_PAYLOAD)],
)
def test_a_caption_is_read_else_the_attachment_intent(caption, read):
    assert caption_or_attachment(caption) == read


@pytest.mark.parametrize(
    "body, content",
    [
        (b'{"entry": []}', {"entry": []}),
        (b"[1]", None),
        (b"not json", None),
        (b"\xff", None),
        (b"", None),
        (b'{"entry": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", None),
    ],
)
def test_json_object(body, content):
    assert json_object(body) == content
