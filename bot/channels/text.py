"""Text helpers shared by the messaging channels."""

from collections import OrderedDict
from typing import Any

from bot.language import response_language
from bot.reading_order import in_reading_order

# The longest message read, as in the widget. A longer one is not processed, nor kept.
MAX_MESSAGE_LENGTH = 2000
# What reaches Rasa instead: the `too_long` intent, answered by a polite refusal.
TOO_LONG_PAYLOAD = "/too_long"
# What reaches Rasa for a photo, a voice note, a document, a sticker or a location without a caption:
# the `attachment` intent, answered by "I can only read written messages". Nothing of the attachment
# (its URL, its media id) is passed on, so nothing of it is stored or logged.
ATTACHMENT_PAYLOAD = "/attachment"
# The longest button title shown whole by WhatsApp (reply buttons) and Messenger (buttons, quick replies).
BUTTON_TITLE_LIMIT = 20


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


def caption_or_attachment(caption: str | None) -> str:
    """What to read of an attachment: its caption, written by the user, else the `attachment` intent."""
    return caption if caption and caption.strip() else ATTACHMENT_PAYLOAD


class RecentIds:
    """The ids of the last messages handled, to answer a message delivered twice only once."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.ids: OrderedDict[str, None] = OrderedDict()

    def is_new(self, message_id: str | None) -> bool:
        """False for a message already handled (a redelivery); remembers the id otherwise."""
        if message_id is None:
            return True
        if message_id in self.ids:
            return False
        self.ids[message_id] = None
        if len(self.ids) > self.size:
            self.ids.popitem(last=False)
        return True
