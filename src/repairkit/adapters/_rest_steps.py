r"""Schema 8 of SQLite files and schema 6 of PostgreSQL schemas: the rest time-outs are for.

Two changes, both about time-outs (issue 16, case 3):

- A time-out's shortest length (``min_minutes``, in every stored copy of the time-out
  rules: a time-out's own, the relationship's settings and settings proposals, and
  their events) cannot be below 20 minutes any more, the floor of the practice
  (Gottman). A stored value below it is raised to 20: such rules were agreed by both,
  and 20 is the closest length they now allow.
- Time-outs are found by the week they were called in (the key ``called_in_week``), so
  their kind is indexed again: the step takes ``timeout`` out of ``indexed_kinds``, and
  the storage rebuilds its keys right after the last step (docs/storage-queries.md).

The number is replaced as the JSON text ``"min_minutes":N``, which free text never
holds unescaped (the codec writes a quote inside a text as ``\"``). Frozen once
released, like every step. Self-contained: it reads and writes nothing another step
of this release touches.
"""

from __future__ import annotations

import re
import sqlite3
from typing import Final

__all__ = ["FLOOR_MINUTES", "postgres_rest_step", "raise_min_minutes", "sqlite_rest_step"]

FLOOR_MINUTES: Final = 20
"""The shortest time-out a stored rule may name from this step on."""

_BELOW_FLOOR: Final = re.compile(r'"min_minutes":(\s*)(1?[0-9])(\s*[,}])')
_PG_BELOW_FLOOR: Final = r'"min_minutes":(\s*)(1?[0-9])(\s*[,}])'


def raise_min_minutes(body: str) -> str:
    """Return the stored JSON *body* with every ``min_minutes`` below 20 raised to 20."""
    return _BELOW_FLOOR.sub(rf'"min_minutes":\g<1>{FLOOR_MINUTES}\g<3>', body)


def sqlite_rest_step(db: sqlite3.Connection) -> None:
    """Bring a SQLite file from schema 7 to 8."""
    for table, key in (("objects", "id"), ("events", "seq")):
        like = "%min_minutes%"
        rows = db.execute(
            f"SELECT {key}, body FROM {table} WHERE body LIKE ?",  # noqa: S608 - fixed names
            (like,),
        ).fetchall()
        for row_key, body in rows:
            if (text := raise_min_minutes(body)) != body:
                db.execute(f"UPDATE {table} SET body = ? WHERE {key} = ?", (text, row_key))  # noqa: S608
    db.execute("DELETE FROM indexed_kinds WHERE kind = 'timeout'")


def postgres_rest_step(schema: str) -> list[str]:
    """Return the statements that bring a PostgreSQL schema from 5 to 6."""
    floor = f"'\"min_minutes\":\\1{FLOOR_MINUTES}\\3'"
    replace = f"regexp_replace(body, '{_PG_BELOW_FLOOR}', {floor}, 'g')"
    return [
        *(
            f"UPDATE {schema}.{table} SET body = {replace}"  # noqa: S608 - a checked schema name
            " WHERE body LIKE '%min_minutes%'"
            for table in ("objects", "events")
        ),
        f"DELETE FROM {schema}.indexed_kinds WHERE kind = 'timeout'",  # noqa: S608
    ]
