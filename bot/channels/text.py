"""Text helpers shared by the messaging channels."""

from typing import Any

from bot.language import response_language
from bot.reading_order import in_reading_order

# The longest message read, as in the widget. A longer one is not processed, nor kept.
MAX_MESSAGE_LENGTH = 2000
# What reaches Rasa instead: the `too_long` intent, answered by a polite refusal.
TOO_LONG_PAYLOAD = "/too_long"


def cut(text: str, limit: int) -> str:
    """`text` if it fits in `limit` characters, else its beginning ended by an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


class InReadingOrder:
    """Mixed into a channel's output: Arabic replies reach the app in reading order (bot/reading_order.py)."""

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        await super().send_response(recipient_id, in_reading_order(message, response_language(message)))


def readable(text: str | None) -> str | None:
    """The user's message, or the `too_long` intent instead of a message over MAX_MESSAGE_LENGTH."""
    return TOO_LONG_PAYLOAD if text and len(text) > MAX_MESSAGE_LENGTH else text
