"""`make purge`: conversations whose last event is older than the retention period are deleted."""

import os
import subprocess
import sys
import time

import pytest
import sqlalchemy as sa

from bot.paths import PROJECT_ROOT
from bot.retention import retention_days, stated_retention
from bot.tools.purge import EVENTS, SECONDS_PER_DAY, Purged, purge

NOW = 1_790_000_000.0


def days_ago(days: float) -> float:
    return NOW - days * SECONDS_PER_DAY


@pytest.fixture
def engine(tmp_path) -> sa.engine.Engine:
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'conversations.db'}")
    EVENTS.metadata.create_all(engine)
    return engine


def store(engine: sa.engine.Engine, conversations: dict[str, list[float]]) -> None:
    rows = [
        {"sender_id": sender, "type_name": "user", "timestamp": timestamp, "data": "{}"}
        for sender, timestamps in conversations.items()
        for timestamp in timestamps
    ]
    if rows:
        with engine.begin() as connection:
            connection.execute(sa.insert(EVENTS), rows)


def senders(engine: sa.engine.Engine) -> set[str]:
    with engine.connect() as connection:
        return set(connection.execute(sa.select(EVENTS.c.sender_id).distinct()).scalars())


@pytest.mark.parametrize(
    "conversations, kept, purged",
    [
        ({}, set(), Purged(0, 0)),
        ({"old": [days_ago(40), days_ago(31)]}, set(), Purged(1, 2)),
        ({"recent": [days_ago(29)]}, {"recent"}, Purged(0, 0)),
        (
            {"started long ago, still going": [days_ago(90), days_ago(1)]},
            {"started long ago, still going"},
            Purged(0, 0),
        ),
        (
            {"old": [days_ago(31)], "recent": [days_ago(2)], "older": [days_ago(365)] * 3},
            {"recent"},
            Purged(2, 4),
        ),
    ],
    ids=["empty store", "old", "recent", "old start, recent end", "mixed"],
)
def test_only_conversations_older_than_the_period_are_removed(engine, conversations, kept, purged):
    store(engine, conversations)
    assert purge(engine, 30, NOW) == purged
    assert senders(engine) == kept


@pytest.mark.parametrize("value, days", [("30", 30.0), ("0.5", 0.5), ("365", 365.0)])
def test_retention_days(value, days):
    assert retention_days(value) == days


@pytest.mark.parametrize("value", ["0", "-3", "thirty", ""])
def test_a_retention_that_is_not_a_positive_number_is_refused(value):
    with pytest.raises(ValueError):
        retention_days(value)


def test_make_purge_reports_what_it_removed(engine, tmp_path):
    store(engine, {"old": [time.time() - 40 * SECONDS_PER_DAY], "recent": [time.time()]})
    environment = {**os.environ, "TRACKER_STORE_URL": str(engine.url), "RETENTION_DAYS": "30"}
    result = subprocess.run(
        [sys.executable, "-m", "bot.tools.purge"],
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "Removed 1 conversations (1 events) older than 30 days" in result.stdout
    assert senders(engine) == {"recent"}


@pytest.mark.parametrize(
    "value, language, stated",
    [
        ("30", "fr", "30\u00a0jours"),
        ("1", "en", "1\u00a0day"),
        ("2", "ar", "يومين"),
        ("0.5", "ar", "يوم واحد"),
    ],
)
def test_the_period_users_read_is_in_whole_days_rounded_up(value, language, stated):
    assert stated_retention(retention_days(value), language) == stated
