"""Rasa's Messenger channel, with replies kept within Messenger's limits.

Rasa's own output sends button titles of any length (Messenger refuses titles over 20 characters, so
the whole reply is lost) and drops every button of a reply that has more than 3. A message too long
to be read gets a polite refusal (bot/channels/text.py). Arabic replies are sent in reading order
(bot/reading_order.py).
"""

from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.facebook import FacebookInput as RasaFacebookInput
from rasa.core.channels.facebook import MessengerBot
from sanic import Blueprint

from bot.channels.text import InReadingOrder, cut, readable

BUTTON_TEMPLATE_MAX = 3
QUICK_REPLIES_MAX = 10  # the most fbmessenger accepts
TITLE_LIMIT = 20


def within_limits(buttons: list[dict[str, Any]], count: int) -> list[dict[str, Any]]:
    """The first `count` buttons, titles cut to Messenger's 20 characters."""
    return [{**button, "title": cut(str(button["title"]), TITLE_LIMIT)} for button in buttons[:count]]


class MessengerOutput(InReadingOrder, MessengerBot):
    """Up to 3 buttons as a button template, more as quick replies; titles cut to 20 characters."""

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        if len(buttons) <= BUTTON_TEMPLATE_MAX:
            await super().send_text_with_buttons(
                recipient_id, text, within_limits(buttons, BUTTON_TEMPLATE_MAX), **kwargs
            )
        else:
            await self.send_quick_replies(recipient_id, text, within_limits(buttons, QUICK_REPLIES_MAX))


class FacebookInput(RasaFacebookInput):
    """Rasa's channel; the replies to each message go through `MessengerOutput`."""

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        async def on_message(message: UserMessage) -> Any:
            message.output_channel = MessengerOutput(message.output_channel.messenger_client)
            message.text = readable(message.text)
            return await on_new_message(message)

        return super().blueprint(on_message)
