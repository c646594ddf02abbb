"""Schema 14 of SQLite files and schema 12 of PostgreSQL schemas: the weeks a day was kept.

The progress view (``kit.progress``) counts the days an agreement was kept, week by
week, as the partner who carries it out marked them. A request is now found under the
key ``kept week`` for each ISO week with a day marked (`KEPT_WEEK`), so the view
reads the requests of one week from the index, never every agreement over the years.
Requests stored before carry no such key. Likewise a declined joint review is now found
under ``declined on`` (its proposer and the day of the no), so that the wait after a no
reads the days of the wait, never every review declined. The step takes ``request``
and ``review`` out of ``indexed_kinds``, and the storage rebuilds their key rows from
the stored objects right after the last step, in the same transaction
(docs/storage-queries.md). Nothing else is stored differently.

Frozen once released, like every step. Self-contained: it reads and writes nothing
another step of this release touches.
"""

from __future__ import annotations

import sqlite3

__all__ = ["postgres_kept_step", "sqlite_kept_step"]


def sqlite_kept_step(db: sqlite3.Connection) -> None:
    """Bring a SQLite file from schema 13 to 14."""
    db.execute("DELETE FROM indexed_kinds WHERE kind IN ('request', 'review')")


def postgres_kept_step(schema: str) -> list[str]:
    """Return the statements that bring a PostgreSQL schema from 11 to 12."""
    return [f"DELETE FROM {schema}.indexed_kinds WHERE kind IN ('request', 'review')"]  # noqa: S608 - a checked schema name
