"""SQLiteStorage's schema and its versioned migrations, keyed on ``PRAGMA user_version``.

A new file gets `SCHEMA` at once. A file written by an earlier release is
brought up to date one step at a time, each step in the same transaction as the
version bump, and each recorded in ``schema_migrations``. A step is frozen once
released: it spells out the old and new layouts itself and never uses the
current classes, so that it keeps meaning what it meant. Derived indexes that come
from domain code (the object keys of schema 5) are rebuilt by the storage after the
last step instead, in the same transaction (see the comment at ``_to_v5`` and
docs/storage-queries.md).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, Final

from repairkit.adapters._budget_steps import sqlite_budget_step
from repairkit.adapters._in_force_step import to_v7
from repairkit.adapters._kept_step import sqlite_kept_step
from repairkit.adapters._partners_step import sqlite_partners_step
from repairkit.adapters._places_step import sqlite_places_step
from repairkit.adapters._private_step import sqlite_private_step
from repairkit.adapters._renames import (
    EVERY_DAY,
    RENAMED_FIELDS,
    RENAMED_NOTICE_KINDS,
    RENAMED_STATES,
    RENAMED_TAGS,
    SCHEDULE_WORDS,
    SET_ASIDE_NOTICE_KINDS,
    SET_ASIDE_STATES,
    SET_ASIDE_TAGS,
    V6_OFFER_FIELDS,
    V6_REQUEST_FIELDS,
    V6_REQUEST_RULES,
)
from repairkit.adapters._rest_steps import sqlite_rest_step
from repairkit.adapters._words_step import sqlite_words_step

__all__ = [
    "APPLICATION_ID",
    "MIGRATIONS",
    "SCHEMA",
    "SCHEMA_VERSION",
    "foreign",
    "migrate",
]

SCHEMA_VERSION: Final = 14

APPLICATION_ID: Final = 0x524B4954
"""``PRAGMA application_id`` of repairkit's files ("RKIT"); set from schema 3 on."""

TABLES: Final = frozenset(
    {
        "objects",
        "events",
        "outbox",
        "schema_migrations",
        "sqlite_sequence",
        "object_keys",
        "indexed_kinds",
    }
)
"""Every table a repairkit file holds (schema 1 had the first three and ``sqlite_sequence``;
``schema_migrations`` came with 2, ``object_keys`` and ``indexed_kinds`` with 5)."""

SCHEMA: Final = """
CREATE TABLE IF NOT EXISTS objects (
    id              TEXT PRIMARY KEY,
    kind            TEXT NOT NULL,
    relationship_id TEXT NOT NULL,
    version         INTEGER NOT NULL,
    state           TEXT NOT NULL,
    due_at          TEXT,
    body            TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS objects_by_relationship ON objects (relationship_id, kind, state);
CREATE INDEX IF NOT EXISTS objects_due ON objects (due_at) WHERE due_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS objects_in_order ON objects (relationship_id, kind);
CREATE INDEX IF NOT EXISTS objects_scheduled ON objects (relationship_id, due_at)
    WHERE due_at IS NOT NULL;
CREATE TABLE IF NOT EXISTS object_keys (
    relationship_id TEXT NOT NULL,
    kind            TEXT NOT NULL,
    key             TEXT NOT NULL,
    value           TEXT NOT NULL,
    object_id       TEXT NOT NULL,
    PRIMARY KEY (relationship_id, kind, key, value, object_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS object_keys_of_object ON object_keys (object_id);
CREATE INDEX IF NOT EXISTS object_keys_by_partner ON object_keys (kind, value)
    WHERE key = 'partner';
CREATE UNIQUE INDEX IF NOT EXISTS object_keys_one_at_a_time
    ON object_keys (relationship_id, kind, key, value) WHERE key = 'one at a time';
CREATE TABLE IF NOT EXISTS indexed_kinds (
    kind            TEXT PRIMARY KEY
);
CREATE TABLE IF NOT EXISTS events (
    seq             INTEGER PRIMARY KEY AUTOINCREMENT,
    id              TEXT NOT NULL UNIQUE,
    subject_id      TEXT NOT NULL,
    relationship_id TEXT NOT NULL,
    body            TEXT NOT NULL,
    actor           TEXT,
    occurred_at     TEXT,
    tag             TEXT,
    new_item        INTEGER,
    private_to      TEXT
);
CREATE INDEX IF NOT EXISTS events_by_subject ON events (subject_id, seq);
CREATE INDEX IF NOT EXISTS events_shared_by_subject ON events (subject_id, seq)
    WHERE private_to IS NULL;
CREATE INDEX IF NOT EXISTS events_by_relationship ON events (relationship_id, seq);
CREATE INDEX IF NOT EXISTS events_by_actor ON events (relationship_id, actor, occurred_at);
CREATE TABLE IF NOT EXISTS outbox (
    seq             INTEGER PRIMARY KEY AUTOINCREMENT,
    id              TEXT NOT NULL UNIQUE,
    delivered_at    TEXT,
    body            TEXT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT,
    parked_at       TEXT
);
CREATE INDEX IF NOT EXISTS outbox_pending ON outbox (seq)
    WHERE delivered_at IS NULL AND parked_at IS NULL;
CREATE INDEX IF NOT EXISTS outbox_parked ON outbox (seq)
    WHERE delivered_at IS NULL AND parked_at IS NOT NULL;
CREATE TABLE IF NOT EXISTS schema_migrations (
    version         INTEGER PRIMARY KEY,
    applied_at      TEXT NOT NULL
);
"""
"""The current schema, as a new file gets it."""

_dumps = json.JSONEncoder(ensure_ascii=False, check_circular=False, separators=(",", ":")).encode

# -- 1 -> 2: workflow packages (0.1.0.dev0 -> the registry) ----------------------------

_V2_EVENT_TAGS: Final = {
    "RelationshipStarted": "relationship.started",
    "SettingsChanged": "relationship.settings_changed",
    "RequestDrafted": "request.drafted",
    "RequestRevised": "request.revised",
    "RequestProposed": "request.proposed",
    "AlternativeProposed": "request.alternative_proposed",
    "NegotiationResumed": "request.resumed",
    "RequestAccepted": "request.accepted",
    "RequestDeclined": "request.declined",
    "RequestWithdrawn": "request.withdrawn",
    "FollowThroughRecorded": "request.follow_through_recorded",
    "EndingProposed": "request.ending_proposed",
    "KeptGoing": "request.kept_going",
    "RequestCompleted": "request.completed",
}
"""Events were tagged with their class name; they are tagged with a stable name now."""


def _v2_settings(settings: dict[str, Any]) -> dict[str, Any]:
    # {"requests": {...}, "time_zone": z} -> {"rules": {"request": {...}}, "time_zone": z}
    return {"rules": {"request": settings["requests"]}, "time_zone": settings["time_zone"]}


def _to_v2(db: sqlite3.Connection) -> None:
    db.execute("DROP INDEX IF EXISTS objects_by_relationship")
    db.execute(
        "CREATE INDEX IF NOT EXISTS objects_by_relationship"
        " ON objects (relationship_id, kind, state)"
    )
    db.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations"
        " (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"
    )
    rows = db.execute("SELECT seq, body FROM events").fetchall()
    for seq, body in rows:
        event = json.loads(body)
        event["type"] = _V2_EVENT_TAGS[event["type"]]
        if "settings" in event:
            event["settings"] = _v2_settings(event["settings"])
        db.execute("UPDATE events SET body = ? WHERE seq = ?", (_dumps(event), seq))
    rows = db.execute("SELECT id, body FROM objects WHERE kind = 'relationship'").fetchall()
    for id, body in rows:
        relationship = json.loads(body)
        relationship["settings"] = _v2_settings(relationship["settings"])
        db.execute("UPDATE objects SET body = ? WHERE id = ?", (_dumps(relationship), id))


# -- 2 -> 3: the outbox counts attempts, backs off and parks; the file is marked ours ----


def _to_v3(db: sqlite3.Connection) -> None:
    db.execute("ALTER TABLE outbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0")
    db.execute("ALTER TABLE outbox ADD COLUMN next_attempt_at TEXT")
    db.execute("ALTER TABLE outbox ADD COLUMN parked_at TEXT")
    db.execute("DROP INDEX IF EXISTS outbox_pending")
    db.execute(
        "CREATE INDEX outbox_pending ON outbox (seq)"
        " WHERE delivered_at IS NULL AND parked_at IS NULL"
    )
    db.execute(
        "CREATE INDEX outbox_parked ON outbox (seq)"
        " WHERE delivered_at IS NULL AND parked_at IS NOT NULL"
    )


# -- 3 -> 4: one name per concept: an agreement is "on hold", a time-out is a time-out ---


def _renamed_fields(body: str) -> str:
    for old, new in RENAMED_FIELDS.items():
        body = body.replace(f'"{old}":', f'"{new}":')
    return body


def _to_v4(db: sqlite3.Connection) -> None:
    rows = db.execute("SELECT id, kind, state, body FROM objects").fetchall()
    for id, kind, stored_state, body in rows:
        obj = json.loads(_renamed_fields(body))
        renamed = RENAMED_STATES.get(kind, {})
        obj["state"] = renamed.get(obj.get("state"), obj.get("state"))
        state = renamed.get(stored_state, stored_state)
        db.execute("UPDATE objects SET state = ?, body = ? WHERE id = ?", (state, _dumps(obj), id))
    for seq, body in db.execute("SELECT seq, body FROM events").fetchall():
        event = json.loads(_renamed_fields(body))
        states = RENAMED_STATES.get(str(event.get("type", "")).split(".", 1)[0], {})
        for key in ("from_state", "to_state"):
            if isinstance(event.get(key), str):
                event[key] = states.get(event[key], event[key])
        event["type"] = RENAMED_TAGS.get(event.get("type"), event.get("type"))
        db.execute("UPDATE events SET body = ? WHERE seq = ?", (_dumps(event), seq))
    for seq, body in db.execute("SELECT seq, body FROM outbox").fetchall():
        note = json.loads(body)
        if note.get("kind") in RENAMED_NOTICE_KINDS:
            note["kind"] = RENAMED_NOTICE_KINDS[note["kind"]]
            db.execute("UPDATE outbox SET body = ? WHERE seq = ?", (_dumps(note), seq))


# -- 4 -> 5: flat cost: the indexes the port's queries read --------------------------------
#
# The events' actor, time and tag are copied from each body, as it was stored then. The
# object keys come from domain code (each workflow's `WorkflowSpec.keys`), so this step
# only makes their tables: the storage fills them right after the last step, in the same
# transaction, for every kind not yet listed in ``indexed_kinds`` ("rebuild derived
# indexes", see `SQLiteStorage`). That fill may use the current classes, unlike a step,
# because it runs on rows already brought to the current layout and writes only derived
# data, which it can always write again; a step must keep meaning what it meant when
# released, so it reads and writes stored text only.


def _v5_instant(text: str) -> str:
    # The fixed-width UTC text the storage writes, so that text order is time order.
    return datetime.fromisoformat(text).astimezone(UTC).isoformat(timespec="microseconds")


def _to_v5(db: sqlite3.Connection) -> None:
    db.execute("CREATE INDEX objects_in_order ON objects (relationship_id, kind)")
    db.execute(
        "CREATE INDEX objects_scheduled ON objects (relationship_id, due_at)"
        " WHERE due_at IS NOT NULL"
    )
    db.execute(
        "CREATE TABLE object_keys (relationship_id TEXT NOT NULL, kind TEXT NOT NULL,"
        " key TEXT NOT NULL, value TEXT NOT NULL, object_id TEXT NOT NULL,"
        " PRIMARY KEY (relationship_id, kind, key, value, object_id)) WITHOUT ROWID"
    )
    db.execute("CREATE INDEX object_keys_of_object ON object_keys (object_id)")
    db.execute("CREATE TABLE indexed_kinds (kind TEXT PRIMARY KEY)")
    db.execute("ALTER TABLE events ADD COLUMN actor TEXT")
    db.execute("ALTER TABLE events ADD COLUMN occurred_at TEXT")
    db.execute("ALTER TABLE events ADD COLUMN tag TEXT")
    for seq, body in db.execute("SELECT seq, body FROM events").fetchall():
        event = json.loads(body)
        db.execute(
            "UPDATE events SET actor = ?, occurred_at = ?, tag = ? WHERE seq = ?",
            (event["actor"], _v5_instant(event["at"]), event["type"], seq),
        )
    db.execute("CREATE INDEX events_by_actor ON events (relationship_id, actor, occurred_at)")


# -- 5 -> 6: one verb, "set aside"; the 0.1.0.dev0 layouts brought up to date -------------


def _v6_schedule(value: object) -> object:
    # A schedule stored as free text or null becomes a structured one; any other value
    # (a dict already, or damage) is left for the decoder to read or refuse.
    if value is None:
        return {"days": list(EVERY_DAY), "per_week": None, "note": None}
    if not isinstance(value, str):
        return value
    days = SCHEDULE_WORDS.get(" ".join(value.lower().split()))
    if days is not None:
        return {"days": list(days), "per_week": None, "note": None}
    return {"days": list(EVERY_DAY), "per_week": None, "note": value}


def _v6_time_box(time_box: object) -> None:
    if isinstance(time_box, dict) and "how_often" in time_box:
        time_box["how_often"] = _v6_schedule(time_box["how_often"])


def _v6_object(kind: str, obj: object) -> None:
    if not isinstance(obj, dict):
        return
    renamed = SET_ASIDE_STATES.get(kind, {})
    if isinstance(obj.get("state"), str):
        obj["state"] = renamed.get(obj["state"], obj["state"])
    if kind != "request":
        return
    _v6_time_box(obj.get("time_box"))
    if isinstance(offer := obj.get("latest_offer"), dict):
        _v6_time_box(offer.get("time_box"))
        for key, value in V6_OFFER_FIELDS.items():
            offer.setdefault(key, value)
    if isinstance(rules := obj.get("rules"), dict):
        for key, value in V6_REQUEST_RULES.items():
            rules.setdefault(key, value)
    for key, value in V6_REQUEST_FIELDS.items():
        obj.setdefault(key, value)
    if "carried_out_by" not in obj:  # an agreement was carried out by its recipient then
        obj["carried_out_by"] = obj.get("recipient") if obj.get("agreed_at") is not None else None


def _v6_event(event: object, recipient: object) -> None:
    if not isinstance(event, dict):
        return
    states = SET_ASIDE_STATES.get(str(event.get("type", "")).split(".", 1)[0], {})
    for key in ("from_state", "to_state"):
        if isinstance(event.get(key), str):
            event[key] = states.get(event[key], event[key])
    if isinstance(tag := event.get("type"), str):
        event["type"] = SET_ASIDE_TAGS.get(tag, tag)
    _v6_time_box(event.get("time_box"))
    accepted = event.get("type") == "request.accepted"
    if accepted and event.get("carried_out_by") is None and recipient is not None:
        event["carried_out_by"] = recipient


def _to_v6(db: sqlite3.Connection) -> None:
    recipients: dict[str, object] = {}
    rows = db.execute("SELECT id, kind, state, body FROM objects").fetchall()
    for id, kind, stored_state, body in rows:
        obj = json.loads(body)
        _v6_object(kind, obj)
        if kind == "request" and isinstance(obj, dict):
            recipients[id] = obj.get("recipient")
        state = SET_ASIDE_STATES.get(kind, {}).get(stored_state, stored_state)
        if (text := _dumps(obj)) != body or state != stored_state:
            db.execute("UPDATE objects SET state = ?, body = ? WHERE id = ?", (state, text, id))
    rows = db.execute("SELECT seq, subject_id, tag, body FROM events").fetchall()
    for seq, subject_id, stored_tag, body in rows:
        event = json.loads(body)
        _v6_event(event, recipients.get(subject_id))
        tag = SET_ASIDE_TAGS.get(stored_tag, stored_tag)
        if (text := _dumps(event)) != body or tag != stored_tag:
            db.execute("UPDATE events SET tag = ?, body = ? WHERE seq = ?", (tag, text, seq))
    for seq, body in db.execute("SELECT seq, body FROM outbox").fetchall():
        note = json.loads(body)
        if isinstance(note, dict) and note.get("kind") in SET_ASIDE_NOTICE_KINDS:
            note["kind"] = SET_ASIDE_NOTICE_KINDS[note["kind"]]
            db.execute("UPDATE outbox SET body = ? WHERE seq = ?", (_dumps(note), seq))


MIGRATIONS: Final[dict[int, Callable[[sqlite3.Connection], None]]] = {
    2: _to_v2,
    3: _to_v3,
    4: _to_v4,
    5: _to_v5,
    6: _to_v6,
    7: to_v7,
    8: sqlite_rest_step,
    9: sqlite_budget_step,
    10: sqlite_words_step,
    11: sqlite_private_step,
    12: sqlite_partners_step,
    13: sqlite_places_step,
    14: sqlite_kept_step,
}
"""The step that brings a file to each version from the one before."""


def migrate(db: sqlite3.Connection, found: int, now: datetime) -> None:
    """Bring a file at version *found* (0: new) to `SCHEMA_VERSION`, inside a transaction."""
    if found == 0:
        for statement in filter(None, (s.strip() for s in SCHEMA.split(";"))):
            db.execute(statement)
        db.execute(
            "INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)",
            (SCHEMA_VERSION, now.isoformat()),
        )
    else:
        for version in range(found + 1, SCHEMA_VERSION + 1):
            MIGRATIONS[version](db)
            db.execute(
                "INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)",
                (version, now.isoformat()),
            )
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")


def foreign(found_version: int, application_id: int, tables: set[str]) -> str | None:
    """Say why a file is not repairkit's (nor empty), or return None when it may be opened.

    Called before anything is written, so that a refused file is left as it is.
    """
    if application_id not in (0, APPLICATION_ID):
        return "it belongs to another application (its application_id is not repairkit's)"
    if found_version > SCHEMA_VERSION:
        return (
            f"it was written by a newer release of repairkit (schema {found_version}; this"
            f" one knows up to {SCHEMA_VERSION})"
        )
    if not tables and found_version == 0:
        return None  # a new, empty file
    if found_version == 0 or not tables <= TABLES or not {"objects", "events", "outbox"} <= tables:
        return "it holds tables that are not repairkit's"
    return None
