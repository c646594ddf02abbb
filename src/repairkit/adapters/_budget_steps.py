"""Schema 9 of SQLite files and schema 7 of PostgreSQL schemas: what the budget counts.

Two changes (issue 16's "a no is never counted", issue 15's flat cost):

- Events gain the column ``new_item``, derived from `DomainEvent.new_item` when an
  event is stored: the pressure budget counts the sender's new items of the day
  (`Storage.count_events` with ``new_items=True``), never their answers and noes.
  Events stored before this step were not marked (what the budget counted then was
  every event that reached the other), and they are left unmarked: which of them
  brought a new item is not in what was stored. So on the day a store is upgraded,
  the budget counts from the upgrade on; from the next day it is exact.
- A time-out is found by its caller only while it is open (the key ``open_caller``
  replaces ``caller``), so that a person's open time-out is never looked for among
  every time-out they called over the years. The old key rows are deleted, and the
  step takes ``timeout`` out of ``indexed_kinds``: the storage rebuilds the keys
  right after the last step (docs/storage-queries.md).

Frozen once released, like every step. Self-contained: it reads and writes nothing
another step of this release touches.
"""

from __future__ import annotations

import sqlite3

__all__ = ["postgres_budget_step", "sqlite_budget_step"]


def sqlite_budget_step(db: sqlite3.Connection) -> None:
    """Bring a SQLite file from schema 8 to 9."""
    columns = {row[1] for row in db.execute("PRAGMA table_info(events)")}
    if "new_item" not in columns:  # a file rewound to an older version may hold it
        db.execute("ALTER TABLE events ADD COLUMN new_item INTEGER")
    db.execute("DELETE FROM object_keys WHERE kind = 'timeout' AND key = 'caller'")
    db.execute("DELETE FROM indexed_kinds WHERE kind = 'timeout'")


def postgres_budget_step(schema: str) -> list[str]:
    """Return the statements that bring a PostgreSQL schema from 6 to 7."""
    s = schema
    return [
        f"ALTER TABLE {s}.events ADD COLUMN IF NOT EXISTS new_item boolean NOT NULL DEFAULT false",
        f"DELETE FROM {s}.object_keys WHERE kind = 'timeout' AND key = 'caller'",  # noqa: S608 - a checked schema name
        f"DELETE FROM {s}.indexed_kinds WHERE kind = 'timeout'",  # noqa: S608
    ]
