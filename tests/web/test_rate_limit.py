"""The entry point's rate limiter and the senders it reads from the platforms' webhooks."""

import pytest

from bot.web.rate_limit import RateLimiter, webhook_senders


class Clock:
    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def test_allows_the_limit_then_says_how_long_to_wait():
    clock = Clock(120.0)
    limiter = RateLimiter(2, window_seconds=60, clock=clock)
    assert [limiter.wait_seconds("a") for _ in range(3)] == [0, 0, 60]
    clock.now = 150.5
    assert limiter.wait_seconds("a") == 30
    assert limiter.wait_seconds("b") == 0


def test_a_new_window_starts_from_zero_and_forgets_the_old_keys():
    clock = Clock(0.0)
    limiter = RateLimiter(1, window_seconds=60, clock=clock)
    limiter.wait_seconds("a")
    assert limiter.wait_seconds("a") > 0
    clock.now = 60.0
    assert limiter.wait_seconds("a") == 0
    assert limiter.counts == {"a": 1}


@pytest.mark.parametrize(
    "channel, update, senders",
    [
        (
            "whatsapp",
            {"entry": [{"changes": [{"value": {"messages": [{"from": "352111"}, {"from": "352222"}]}}]}]},
            {"352111", "352222"},
        ),
        ("whatsapp", {"entry": [{"changes": [{"value": {"statuses": [{"id": "x"}]}}]}]}, set()),
        ("telegram", {"message": {"from": {"id": 42}, "text": "hi"}}, {"42"}),
        ("telegram", {"callback_query": {"from": {"id": 7}, "data": "/greet"}}, {"7"}),
        (
            "facebook",
            {"entry": [{"messaging": [{"sender": {"id": "99"}, "message": {"text": "hi"}}]}]},
            {"99"},
        ),
        ("whatsapp", None, set()),
        ("whatsapp", ["not", "an", "object"], set()),
        ("whatsapp", {"entry": ["x", {"changes": "y"}]}, set()),
        ("telegram", {"message": "hi"}, set()),
        ("facebook", {"entry": [{"messaging": [{"sender": "99"}]}]}, set()),
    ],
)
def test_webhook_senders(channel, update, senders):
    assert webhook_senders(channel, update) == senders
