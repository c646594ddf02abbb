"""Schema 13 of SQLite files and schema 11 of PostgreSQL schemas: one at a time, kept.

A command that keeps "one at a time" (one open check-in session per relationship, one
preparation per partner and check-in, one open time-out per caller, one third person
proposed or taking part per relationship) read first and
added after, so two commands racing (two servers, a double tap) could both pass the
read and both add. A workflow now declares the place an open object holds
(`repairkit.core.spec.WorkflowSpec.one_at_a_time`); storage keeps it among the object's
key rows, under the reserved key ``one at a time``, and the key rows gain the unique
partial index ``object_keys_one_at_a_time`` on (relationship, kind, key, value) of those
rows: the database itself refuses, inside the commit's transaction, a second object
holding one place.

The step makes the index, and takes ``session``, ``preparation``, ``timeout`` and
``facilitator`` (a third person proposed or taking part, one at a time) out of
``indexed_kinds``: the storage rebuilds their key rows from the stored objects right
after the last step, in the same transaction (docs/storage-queries.md). Where the race
this step closes already stored two objects in one place, the rebuild gives the place
to one of them and logs the other, which keeps its other keys (it can still be ended).

Frozen once released, like every step. Self-contained: it reads and writes nothing
another step of this release touches.
"""

from __future__ import annotations

import sqlite3
from typing import Final

__all__ = ["PLACES_INDEX", "postgres_places_step", "sqlite_places_step"]

PLACES_INDEX: Final = "object_keys_one_at_a_time"
"""The unique partial index of the ``one at a time`` key rows by (relationship, kind, value)."""

_KINDS: Final = ("session", "preparation", "timeout", "facilitator")
"""The stored kinds that hold a place from this step on (frozen)."""


def sqlite_places_step(db: sqlite3.Connection) -> None:
    """Bring a SQLite file from schema 12 to 13."""
    db.execute(
        f"CREATE UNIQUE INDEX IF NOT EXISTS {PLACES_INDEX}"
        " ON object_keys (relationship_id, kind, key, value) WHERE key = 'one at a time'"
    )
    db.executemany("DELETE FROM indexed_kinds WHERE kind = ?", [(kind,) for kind in _KINDS])


def postgres_places_step(schema: str) -> list[str]:
    """Return the statements that bring a PostgreSQL schema from 10 to 11."""
    s = schema
    kinds = ", ".join(f"'{kind}'" for kind in _KINDS)
    return [
        (
            f"CREATE UNIQUE INDEX IF NOT EXISTS {PLACES_INDEX}"
            f" ON {s}.object_keys (relationship_id, kind, key, value)"
            " WHERE key = 'one at a time'"
        ),
        f"DELETE FROM {s}.indexed_kinds WHERE kind IN ({kinds})",  # noqa: S608 - a checked schema name
    ]
