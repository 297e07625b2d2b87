"""Two Rasa instances on one PostgreSQL tracker store, with their locks in Redis.

Messages of the same conversations go to both instances, one after the other and at the same time;
the store must then hold every turn once, whole, in the order it was sent.
"""

import asyncio
import json
import time
import urllib.error
import urllib.request
import uuid

import aiohttp
import sqlalchemy as sa
from aiohttp import test_utils

from bot.environment import read_settings
from bot.reading_order import without_direction_marks
from bot.tools.bench.conversations import FAQ_CONVERSATIONS
from bot.tools.purge import EVENTS, SECONDS_PER_DAY, Purged, purge
from bot.web.server import create_app
from tests.rest_user import language_of, response_text
from tests.scale_out.conftest import API_TOKEN, RASA_PORTS, Instances, Postgres

# Sent one after the other, alternately to each instance; the last two at the same time, one to each.
ONE_BY_ONE = 4


async def send(session: aiohttp.ClientSession, url: str, sender: str, text: str) -> list[dict]:
    async with session.post(url, json={"sender": sender, "message": text}) as reply:
        assert reply.status == 200
        return await reply.json()


async def converse(
    session: aiohttp.ClientSession, urls: tuple[str, str], sender: str, texts: list[str]
) -> int:
    """The conversation, spread over both instances; returns how many replies it got."""
    replies = 0
    for number, text in enumerate(texts[:ONE_BY_ONE]):
        replies += len(await send(session, urls[number % 2], sender, text))
    together = await asyncio.gather(
        *(send(session, url, sender, text) for url, text in zip(urls, texts[ONE_BY_ONE:], strict=False))
    )
    return replies + sum(len(reply) for reply in together)


def stored_events(postgres: Postgres, sender: str) -> list[tuple[str, str]]:
    """The conversation's (type, data) rows, in the order they were stored."""
    return postgres.query("SELECT type_name, data FROM events WHERE sender_id = %s ORDER BY id", sender)


def turns(events: list[tuple[str, str]]) -> list[list[dict]]:
    """The events from each user message to the next, each turn starting at its user message."""
    decoded = [json.loads(data) for _, data in events]
    starts = [index for index, event in enumerate(decoded) if event["event"] == "user"]
    return [decoded[start:end] for start, end in zip(starts, starts[1:] + [len(decoded)], strict=False)]


async def test_interleaved_messages_to_two_instances_are_each_stored_once_in_order(
    instances: Instances, postgres
):
    senders = {
        f"scale-{language}-{n}-{uuid.uuid4().hex[:8]}": language
        for language in FAQ_CONVERSATIONS
        for n in (1, 2)
    }
    async with aiohttp.ClientSession() as session:
        replies = await asyncio.gather(
            *(
                converse(session, instances.rest_urls, sender, FAQ_CONVERSATIONS[language])
                for sender, language in senders.items()
            )
        )

    for (sender, language), reply_count in zip(senders.items(), replies, strict=False):
        events = stored_events(postgres, sender)
        assert len(events) == len(set(events)), f"{sender}: an event is stored twice"
        conversation = turns(events)
        texts = [turn[0]["text"] for turn in conversation]
        sent = FAQ_CONVERSATIONS[language]
        assert texts[:ONE_BY_ONE] == sent[:ONE_BY_ONE], sender
        assert sorted(texts[ONE_BY_ONE:]) == sorted(sent[ONE_BY_ONE:]), sender
        for turn in conversation:
            # Whole turns: the answer to a message is stored before the next message.
            assert [event["event"] for event in turn if event["event"] == "bot"], (sender, turn[0]["text"])
            assert (turn[-1]["event"], turn[-1].get("name")) == ("action", "action_listen"), (
                sender,
                turn[0]["text"],
            )
            assert {language_of(event["text"]) for event in turn if event["event"] == "bot"} == {language}
        bot_messages = sum(1 for _, data in events if json.loads(data)["event"] == "bot")
        assert bot_messages == reply_count, f"{sender}: {reply_count} replies sent, {bot_messages} stored"


def test_the_http_api_is_off_unless_a_token_turns_it_on(instances: Instances):
    def status(url: str) -> int:
        try:
            with urllib.request.urlopen(url, timeout=10) as reply:
                return reply.status
        except urllib.error.HTTPError as error:
            return error.code

    without_api, with_api = (f"http://127.0.0.1:{port}/status" for port in RASA_PORTS)
    assert status(without_api) == 404
    assert status(with_api) == 401
    assert status(f"{with_api}?token=wrong") == 401
    assert status(f"{with_api}?token={API_TOKEN}") == 200


async def test_a_database_outage_gets_an_apology_and_loses_nothing(instances: Instances, postgres: Postgres):
    rasa_url = instances.rest_urls[0].removesuffix("/webhooks/rest/webhook")
    entry_point = test_utils.TestClient(
        test_utils.TestServer(create_app(read_settings({"RASA_URL": rasa_url})), host="127.0.0.1")
    )
    await entry_point.start_server()
    sender = f"outage-{uuid.uuid4().hex}"

    async def says(text: str) -> aiohttp.ClientResponse:
        return await entry_point.post("/widget/messages", json={"sender": sender, "message": text})

    try:
        assert (await says("السلام عليكم، ما هو LISKO؟")).status == 200
        before = stored_events(postgres, sender)
        postgres.stop()
        try:
            during = await says("كيف أجد سكنا في لوكسمبورغ؟")
            assert during.status == 200
            assert [without_direction_marks(reply["text"]) for reply in await during.json()] == [
                response_text("utter_service_unavailable", "ar")
            ]
        finally:
            postgres.start()
        assert stored_events(postgres, sender) == before
        after_recovery = await says("كيف أجد سكنا في لوكسمبورغ؟")
        assert after_recovery.status == 200
        # The conversation goes on where it was, in its language.
        assert {language_of(reply["text"]) for reply in await after_recovery.json()} == {"ar"}
        after = stored_events(postgres, sender)
        assert after[: len(before)] == before
        assert len(after) > len(before)
    finally:
        await entry_point.close()


def test_purge_removes_only_old_conversations_from_postgresql(instances: Instances, postgres: Postgres):
    """`make purge`'s query on the PostgreSQL store the instances write to."""
    old = f"old-{uuid.uuid4().hex}"
    long_ago = time.time() - 45 * SECONDS_PER_DAY
    engine = sa.create_engine(postgres.url)
    with engine.begin() as connection:
        connection.execute(
            sa.insert(EVENTS),
            [{"sender_id": old, "type_name": "user", "timestamp": long_ago, "data": "{}"}] * 3,
        )
    recent = {sender for (sender,) in engine.connect().execute(sa.select(EVENTS.c.sender_id).distinct())} - {
        old
    }

    purged = purge(engine, retention_days=30, now=time.time())

    assert purged == Purged(conversations=1, events=3)
    with engine.connect() as connection:
        assert set(connection.execute(sa.select(EVENTS.c.sender_id).distinct()).scalars()) == recent
