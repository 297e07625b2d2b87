"""`make purge`: delete the conversations older than the retention period from the tracker store.

A conversation is older than the period when its last event is. The store is the one of endpoints.yml
(TRACKER_STORE_URL: the SQLite file by default, or PostgreSQL). Usable from cron:
`cd /path/to/project && make purge`.
"""

import time
from dataclasses import dataclass

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore

from bot.environment import read_settings

SECONDS_PER_DAY = 24 * 60 * 60
EVENTS = SQLTrackerStore.SQLEvent.__table__


@dataclass(frozen=True)
class Purged:
    conversations: int
    events: int


def purge(engine: sa.engine.Engine, retention_days: float, now: float) -> Purged:
    """Delete every conversation whose last event is more than `retention_days` before `now`."""
    cutoff = now - retention_days * SECONDS_PER_DAY
    expired = (
        sa.select(EVENTS.c.sender_id)
        .group_by(EVENTS.c.sender_id)
        .having(sa.func.max(EVENTS.c.timestamp) < cutoff)
        .scalar_subquery()
    )
    with engine.begin() as connection:
        conversations = connection.execute(
            sa.select(sa.func.count(sa.distinct(EVENTS.c.sender_id))).where(EVENTS.c.sender_id.in_(expired))
        ).scalar_one()
        events = connection.execute(sa.delete(EVENTS).where(EVENTS.c.sender_id.in_(expired))).rowcount
    return Purged(conversations, events)


def main() -> None:
    settings = read_settings()
    days = settings.retention_days
    engine = sa.create_engine(settings.tracker_store_url)
    if not sa.inspect(engine).has_table(EVENTS.name):
        print("The tracker store has no conversation yet: nothing to remove.")
        return
    purged = purge(engine, days, time.time())
    store = engine.url.render_as_string(hide_password=True)
    removed = f"Removed {purged.conversations} conversations ({purged.events} events)"
    print(f"{removed} older than {days:g} days from {store}.")


if __name__ == "__main__":
    main()
