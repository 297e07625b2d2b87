"""Rasa's REST channel, each reply tagged with its language, so that a client lays it out right.

The language is the condition of the response variation the reply was made from (bot.language);
the web entry point uses it for the widget's text direction and interface language.
"""

from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput as RasaRestInput
from sanic import Blueprint

from bot.language import response_language


class LanguageTaggingCollector(CollectingOutputChannel):
    """Hands each reply, with the `language` of its response, to Rasa's collector (a list or a stream)."""

    def __init__(self, collector: CollectingOutputChannel) -> None:
        super().__init__()
        self.collector = collector
        self.language: str | None = None

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        self.language = response_language(message)
        await super().send_response(recipient_id, message)

    async def _persist_message(self, message: dict[str, Any]) -> None:
        tagged = {**message, "language": self.language} if self.language else message
        await self.collector._persist_message(tagged)


class RestInput(RasaRestInput):
    """Rasa's REST channel (same URL, same replies), with each reply's `language`."""

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        async def on_message(message: UserMessage) -> Any:
            message.output_channel = LanguageTaggingCollector(message.output_channel)
            return await on_new_message(message)

        return super().blueprint(on_message)
