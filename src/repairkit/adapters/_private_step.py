"""Schema 11 of SQLite files and schema 9 of PostgreSQL schemas: private events indexed apart.

Read paths read both ends of an object's events (`Storage.edge_events`) to show the
other partner's untold moves to the day only (docs/safety.md, rule 4). They now pass
over events private to someone (`DomainEvent.private_to`): such an event leaves nothing
in the other partner's copy, so a run of one partner's private moves (coming back,
setting quiet hours) can no longer push their untold move out of what is read. For
that read to stay two ends of an index, events gain the column ``private_to`` (written
when an event is stored from then on) and the partial index ``events_shared_by_subject``
on (subject_id, seq) of the events whose ``private_to`` is NULL.

The step fills the column from each stored body: its ``private_to`` when that is a
person's id (non-empty text), else NULL. A body that is not JSON at all stops the step
with `StorageError` naming the event, and nothing is written (the file or schema stays at
the version before, as every earlier step does with such a body): the step never guesses
whether it was private. A body that is JSON but names no usable ``private_to`` (a number,
an empty text) gets NULL, so the edge read meets it and the decoder refuses it
(`CorruptData`): never read as valid, and its object shows its time to the day only.

Frozen once released, like every step. Self-contained: it reads and writes nothing
another step of this release touches.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Final

from repairkit.errors import StorageError

__all__ = ["SHARED_INDEX", "postgres_private_step", "sqlite_private_step"]

SHARED_INDEX: Final = "events_shared_by_subject"
"""The partial index of the events private to nobody, by subject, in order."""


def _private_to(seq: int, id: str, body: str) -> str | None:
    """Return the ``private_to`` the stored event *body* names, or None (see the module)."""
    try:
        event = json.loads(body)
    except ValueError as error:
        msg = (
            f"SQLite could not bring the file to schema 11: the stored body of event {id}"
            f" (seq {seq}) is not JSON, so whether it is private cannot be told. Nothing"
            " was changed; repair or remove that row, then open the file again."
        )
        raise StorageError(msg) from error
    found = event.get("private_to") if isinstance(event, dict) else None
    return found if isinstance(found, str) and found else None


def sqlite_private_step(db: sqlite3.Connection) -> None:
    """Bring a SQLite file from schema 10 to 11."""
    columns = {row[1] for row in db.execute("PRAGMA table_info(events)")}
    if "private_to" not in columns:  # a file rewound to an older version may hold it
        db.execute("ALTER TABLE events ADD COLUMN private_to TEXT")
    rows = db.execute("SELECT seq, id, body FROM events").fetchall()
    private = [
        (who, seq) for seq, id, body in rows if (who := _private_to(seq, id, body)) is not None
    ]
    db.execute("UPDATE events SET private_to = NULL WHERE private_to IS NOT NULL")
    db.executemany("UPDATE events SET private_to = ? WHERE seq = ?", private)
    db.execute(f"DROP INDEX IF EXISTS {SHARED_INDEX}")
    db.execute(f"CREATE INDEX {SHARED_INDEX} ON events (subject_id, seq) WHERE private_to IS NULL")


def postgres_private_step(schema: str) -> list[str]:
    """Return the statements that bring a PostgreSQL schema from 8 to 9.

    ``body::jsonb`` fails on a body that is not JSON, so the whole migration stops and
    writes nothing, as in `sqlite_private_step`.
    """
    s = schema
    named = "jsonb_typeof(body::jsonb -> 'private_to') = 'string'"
    return [
        f"ALTER TABLE {s}.events ADD COLUMN IF NOT EXISTS private_to text",
        f"UPDATE {s}.events SET private_to = NULL WHERE private_to IS NOT NULL",  # noqa: S608
        (
            f"UPDATE {s}.events SET private_to = body::jsonb ->> 'private_to'"  # noqa: S608 - a checked schema name
            f" WHERE {named} AND body::jsonb ->> 'private_to' <> ''"
        ),
        f"DROP INDEX IF EXISTS {s}.{SHARED_INDEX}",
        f"CREATE INDEX {SHARED_INDEX} ON {s}.events (subject_id, seq) WHERE private_to IS NULL",
    ]
