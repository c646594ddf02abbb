"""Schema 12 of SQLite files and schema 10 of PostgreSQL schemas: relationships by partner.

`Storage.relationships_of(person)` (what `invite`, `for_person` and `invitations` read)
found a person's relationships by searching the text of every relationship stored, of
every couple: its cost grew with the app's users, not with the person's own history. A
relationship now declares its partners as index keys (``"partner"``, see
`repairkit.core.spec.RELATIONSHIP`), and the key rows gain the partial index
``object_keys_by_partner`` on (kind, value) of the ``partner`` rows, so that the question
is one index range (partial, so that every other keyed lookup keeps the primary key).

The step makes the index, and takes ``relationship`` out of ``indexed_kinds`` after
deleting its key rows: the storage rebuilds them from the stored relationships right
after the last step, in the same transaction (docs/storage-queries.md).

Frozen once released, like every step. Self-contained: it reads and writes nothing
another step of this release touches.
"""

from __future__ import annotations

import sqlite3
from typing import Final

__all__ = ["PARTNERS_INDEX", "postgres_partners_step", "sqlite_partners_step"]

PARTNERS_INDEX: Final = "object_keys_by_partner"
"""The partial index of the ``partner`` key rows by (kind, value), across relationships."""


def sqlite_partners_step(db: sqlite3.Connection) -> None:
    """Bring a SQLite file from schema 11 to 12."""
    db.execute(
        f"CREATE INDEX IF NOT EXISTS {PARTNERS_INDEX} ON object_keys (kind, value)"
        " WHERE key = 'partner'"
    )
    db.execute("DELETE FROM object_keys WHERE kind = 'relationship'")
    db.execute("DELETE FROM indexed_kinds WHERE kind = 'relationship'")


def postgres_partners_step(schema: str) -> list[str]:
    """Return the statements that bring a PostgreSQL schema from 9 to 10."""
    s = schema
    return [
        (
            f"CREATE INDEX IF NOT EXISTS {PARTNERS_INDEX} ON {s}.object_keys (kind, value)"
            " WHERE key = 'partner'"
        ),
        f"DELETE FROM {s}.object_keys WHERE kind = 'relationship'",  # noqa: S608 - a checked schema name
        f"DELETE FROM {s}.indexed_kinds WHERE kind = 'relationship'",  # noqa: S608
    ]
