"""Stored names that a schema step renamed, shared by the SQLite and PostgreSQL migrations.

Schema 4 of SQLite files and schema 2 of PostgreSQL schemas: "pause" is the
relationship's word alone, so a request's paused agreement is now "on hold", and a
time-out's notices say "time-out". Frozen once released, like every step.
"""

from __future__ import annotations

from typing import Final

__all__ = ["RENAMED_NOTICE_KINDS", "RENAMED_STATES", "RENAMED_TAGS"]

RENAMED_STATES: Final = {"request": {"paused": "on hold"}}
"""Stored states renamed in schema 4, by kind (a paused agreement is now on hold)."""
RENAMED_TAGS: Final = {"request.paused": "request.held"}
"""Stored event tags renamed in schema 4."""
RENAMED_NOTICE_KINDS: Final = {
    "agreement paused": "agreement on hold",
    "pause called": "time-out called",
    "pause extended": "time-out extended",
}
"""Stored notice kinds renamed in schema 4 ("pause" is the relationship's word alone)."""
