"""Per-sender and per-address request limits of the public entry point."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import Any

from bot.channels.payload import child, messenger_events, telegram_senders, whatsapp_messages


class RateLimiter:
    """At most `limit` requests per key in each window of `window_seconds` (fixed windows).

    Only the current window's counts are kept, so memory is bounded by the keys seen in one window.
    """

    def __init__(
        self, limit: int, window_seconds: float = 60.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limit = limit
        self.window_seconds = window_seconds
        self.clock = clock
        self.window = -1
        self.counts: dict[str, int] = {}

    def wait_seconds(self, key: str) -> int:
        """Counts a request; 0 if it is allowed, else the whole seconds until the next window."""
        now = self.clock()
        window = math.floor(now / self.window_seconds)
        if window != self.window:
            self.window, self.counts = window, {}
        self.counts[key] = self.counts.get(key, 0) + 1
        if self.counts[key] <= self.limit:
            return 0
        return max(1, math.ceil((window + 1) * self.window_seconds - now))


def webhook_senders(channel: str, update: Any) -> set[str]:
    """The users a messaging platform's webhook carries messages from (none for a body of another shape)."""
    if channel == "whatsapp":
        return {message["from"] for message in whatsapp_messages(update)}
    if channel == "telegram":
        return {str(user["id"]) for user in telegram_senders(update) if "id" in user}
    senders = [child(event, "sender") for event in messenger_events(update)]
    return {str(sender["id"]) for sender in senders if "id" in sender}
