"""What the SQLite tracker store of the test session holds."""

import sqlite3
from pathlib import Path


def stored_events(tracker_db: Path, sender: str) -> int:
    """How many events of the conversation `sender` are in the store."""
    with sqlite3.connect(tracker_db) as connection:
        return connection.execute("SELECT COUNT(*) FROM events WHERE sender_id = ?", (sender,)).fetchone()[0]


def stored_texts(tracker_db: Path, sender: str) -> str:
    """Everything stored about the conversation `sender`, as one text."""
    with sqlite3.connect(tracker_db) as connection:
        rows = connection.execute("SELECT data FROM events WHERE sender_id = ?", (sender,)).fetchall()
    return "\n".join(row[0] for row in rows)
