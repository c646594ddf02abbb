"""Stored names and layouts that schema steps changed, shared by SQLite and PostgreSQL.

Schema 4 of SQLite files and schema 2 of PostgreSQL schemas give each concept one name:
"pause" is the relationship's word alone. A request's paused agreement is now "on hold";
a time-out's notices say "time-out"; a talk at its limit suggests a time-out; the wait
after a no is a wait (``reask_wait_hours``) (the ``RENAMED_*`` maps).

Schema 6 of SQLite files and schema 4 of PostgreSQL schemas give one verb to the moves
that keep something for the next check-in: a time-out's and a talk's topic is "set
aside", as a request and a boundary are (the ``SET_ASIDE_*`` maps). The same step
brings the layouts of 0.1.0.dev0 up to date, so that no decoder reads them any more: a
schedule written as free text becomes a structured one (`SCHEDULE_WORDS`), an
agreement and its acceptance name who carries it out (its recipient, then), and a
request holds every field its decoder reads (the ``V6_*`` maps).

Frozen once released, like every step.
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "EVERY_DAY",
    "RENAMED_FIELDS",
    "RENAMED_NOTICE_KINDS",
    "RENAMED_STATES",
    "RENAMED_TAGS",
    "SCHEDULE_WORDS",
    "SET_ASIDE_NOTICE_KINDS",
    "SET_ASIDE_STATES",
    "SET_ASIDE_TAGS",
    "V6_OFFER_FIELDS",
    "V6_REQUEST_FIELDS",
    "V6_REQUEST_RULES",
]

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

# -- schema 6 (SQLite) / 4 (PostgreSQL): one verb, set aside; the 0.1.0.dev0 layouts ---------

SET_ASIDE_STATES: Final = {
    "timeout": {"tabled": "set aside"},
    "talk": {"tabled": "set aside"},
}
"""Stored states renamed, by kind; the tag of each kind's events starts with the kind."""
SET_ASIDE_TAGS: Final = {
    "timeout.tabled": "timeout.set_aside",
    "talk.tabled": "talk.set_aside",
}
"""Stored event tags renamed (in the body's ``type`` and in the events' tag column)."""
SET_ASIDE_NOTICE_KINDS: Final = {
    "topic tabled": "topic set aside",
    "talk topic tabled": "talk topic set aside",
}
"""Stored notice kinds renamed."""

EVERY_DAY: Final = (0, 1, 2, 3, 4, 5, 6)
"""The days of a schedule stored with no days named (Monday is 0)."""
SCHEDULE_WORDS: Final = {
    "daily": EVERY_DAY,
    "every day": EVERY_DAY,
    "weekdays": (0, 1, 2, 3, 4),
    "weekends": (5, 6),
}
"""A schedule stored as free text (0.1.0.dev0) names these days when its words, case and
spacing aside, are one of these; any other text becomes the note of an every-day
schedule, and no text (null) an every-day schedule: nothing is lost."""

V6_REQUEST_FIELDS: Final[dict[str, object]] = {
    "feeling": None,
    "other_asks": (),
    "proposed_version": None,
    "reopen_asked": None,
    "marks": (),
    "notices": (),
    "resume_asked": None,
    "reviews": (),
    "changed_at": None,
    "heard_no": (),
}
"""Fields added to requests after 0.1.0.dev0, with the value a request stored without one
had then (no feeling, no other asks, no marks, ...; ``()`` is stored as an empty list);
a stored value is kept."""
V6_OFFER_FIELDS: Final[dict[str, object]] = {"other_asks": (), "carried_out_by": None}
"""Fields added to a request's latest offer after 0.1.0.dev0, likewise."""
V6_REQUEST_RULES: Final[dict[str, object]] = {"max_time_box_days": 31, "reask_wait_hours": 24}
"""Request rules added after 0.1.0.dev0, with the defaults they had when they came."""
