"""Stored names that a schema step renamed, shared by the SQLite and PostgreSQL migrations.

Schema 4 of SQLite files and schema 2 of PostgreSQL schemas give each concept one name:
"pause" is the relationship's word alone. A request's paused agreement is now "on hold";
a time-out's notices say "time-out"; a talk at its limit suggests a time-out; the wait
after a no is a wait (``reask_wait_hours``). Frozen once released, like every step.
"""

from __future__ import annotations

from typing import Final

__all__ = ["RENAMED_FIELDS", "RENAMED_NOTICE_KINDS", "RENAMED_STATES", "RENAMED_TAGS"]

RENAMED_STATES: Final = {
    "request": {"paused": "on hold"},
    "talk": {"pause suggested": "time-out suggested"},
}
"""Stored states renamed, by kind; the tag of each kind's events starts with the kind."""
RENAMED_TAGS: Final = {
    "request.paused": "request.held",
    "talk.pause_suggested": "talk.time_out_suggested",
}
"""Stored event tags renamed."""
RENAMED_NOTICE_KINDS: Final = {
    "agreement paused": "agreement on hold",
    "pause called": "time-out called",
    "pause extended": "time-out extended",
    "a pause might help": "a time-out might help",
}
"""Stored notice kinds renamed."""
RENAMED_FIELDS: Final = {"reask_pause_hours": "reask_wait_hours"}
"""Field names renamed wherever they stand in a stored body (every workflow's rules).

Replaced as the JSON text ``"name":``, which free text never holds unescaped (the
codec writes a quote inside a text as ``\\"``)."""
