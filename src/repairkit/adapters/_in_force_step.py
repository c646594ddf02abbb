"""The stored-layout step of "consent applies at the moment of reading" (issue 16).

Objects kept a copy of the relationship's settings from when they were made: a
request its rules and time zone, a boundary, a crossing, a talk and a time-out their
rules. They now read the settings in force at every read (`repairkit.core.settings.
SETTING_IN_FORCE`), so the copies leave the rows: SQLite schema 7 (`to_v7`) and
PostgreSQL schema 5 (`postgres_v5`), one step each, self-contained and frozen like
every step (they name the stored kinds and keys themselves, never the classes).
"""

from __future__ import annotations

import json
import sqlite3
from typing import Final

__all__ = ["IN_FORCE_FIELDS", "postgres_v5", "to_v7"]

IN_FORCE_FIELDS: Final = {
    "request": ("rules", "time_zone"),
    "boundary": ("rules",),
    "crossing": ("rules",),
    "talk": ("rules",),
    "timeout": ("rules",),
}
"""The keys each stored kind held a copy of the relationship's settings under (frozen)."""

_dumps = json.JSONEncoder(ensure_ascii=False, check_circular=False, separators=(",", ":")).encode


def to_v7(db: sqlite3.Connection) -> None:
    """SQLite schema 7: the rows keep no copy of the shared settings."""
    for kind, keys in IN_FORCE_FIELDS.items():
        rows = db.execute("SELECT id, body FROM objects WHERE kind = ?", (kind,)).fetchall()
        for id, body in rows:
            obj = json.loads(body)
            if isinstance(obj, dict) and any(key in obj for key in keys):
                for key in keys:
                    obj.pop(key, None)
                db.execute("UPDATE objects SET body = ? WHERE id = ?", (_dumps(obj), id))


def postgres_v5(schema: str) -> list[str]:
    """PostgreSQL schema 5: as `to_v7`, the rows of *schema* keep no copy of the settings."""
    steps = []
    for kind, keys in IN_FORCE_FIELDS.items():
        removed = "".join(f" - '{key}'" for key in keys)
        held = " OR ".join(f"body::jsonb -> '{key}' IS NOT NULL" for key in keys)
        steps.append(
            f"UPDATE {schema}.objects SET body = (body::jsonb{removed})::text"  # noqa: S608 - frozen names
            f" WHERE kind = '{kind}' AND jsonb_typeof(body::jsonb) = 'object' AND ({held})"
        )
    return steps
