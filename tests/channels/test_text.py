"""The text helpers of the messaging channels."""

import pytest

from bot.channels.text import MAX_MESSAGE_LENGTH, TOO_LONG_PAYLOAD, cut, readable


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
