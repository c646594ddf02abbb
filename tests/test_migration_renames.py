"""A store written at schema 3 (before one name per concept) opens and reads back renamed.

``tests/fixtures/v3_store.db`` was written by ``make_v3_store.py`` with every workflow,
an agreement on hold (then called "paused") and one taken up again. Opened by this
release, on SQLite and on PostgreSQL alike, every object, event and pending
notification reads back as it was written, less the stored names the migration gave
their one name (`repairkit.adapters._renames`).
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import uuid
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import attrs
import psycopg
import pytest

import repairkit
from repairkit import WORKFLOWS, ManualClock, Relationship
from repairkit.adapters import PostgresStorage, SQLiteStorage
from repairkit.adapters._postgres_schema import statements
from repairkit.adapters._renames import (
    RENAMED_FIELDS,
    RENAMED_NOTICE_KINDS,
    RENAMED_STATES,
    RENAMED_TAGS,
)
from repairkit.boundaries import Boundary
from repairkit.crossings import Crossing
from repairkit.ports import Storage
from repairkit.requests import Request, RequestState
from repairkit.talks import Talk
from repairkit.timeouts import TimeOut
from test_migration_set_aside import _added

FIXTURES = Path(__file__).parent / "fixtures"
KINDS = {"Request": Request, "CoolingOff": TimeOut, "Boundary": Boundary}
KINDS |= {"Crossing": Crossing, "Talk": Talk}
KIND_NAMES = {"Request": "request", "CoolingOff": "timeout", "Boundary": "boundary"}
KIND_NAMES |= {"Crossing": "crossing", "Talk": "talk"}


def _plain(value: object) -> object:
    """The plain form make_v3_store.py wrote its expectations in."""
    if attrs.has(type(value)):
        # `untold` and `new_item` came later, at their default (False) for every stored event.
        fields = attrs.asdict(value, recurse=False).items()
        return {k: _plain(v) for k, v in fields if not (k in ("untold", "new_item") and v is False)}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    if value is None or isinstance(value, bool | int):
        return value
    return str(value)


def _renamed(value: Any, states: dict[str, str]) -> Any:
    """*value* with the field names and states the migration renamed."""
    if isinstance(value, dict):
        out = {RENAMED_FIELDS.get(k, k): _renamed(v, states) for k, v in value.items()}
        for key in ("state", "from_state", "to_state"):
            if isinstance(out.get(key), str):
                out[key] = states.get(out[key], out[key])
        return out
    if isinstance(value, list):
        return [_renamed(v, states) for v in value]
    return value


@pytest.fixture
def expected() -> dict[str, Any]:
    """What schema 3 read from the fixture, as plain values."""
    return json.loads((FIXTURES / "v3_store.json").read_text(encoding="utf-8"))


@pytest.fixture
def v3_file(tmp_path: Path) -> Path:
    """A copy of the fixture store (schema 3)."""
    path = tmp_path / "v3.db"
    shutil.copyfile(FIXTURES / "v3_store.db", path)
    return path


OBJECT_COLUMNS = "id, kind, relationship_id, version, state, due_at, body"
EVENT_COLUMNS = "id, subject_id, relationship_id, body"
OUTBOX_COLUMNS = "id, delivered_at, attempts, next_attempt_at, parked_at, body"


def _insert(conn: psycopg.Connection[Any], table: str, columns: str, rows: list[Any]) -> None:
    marks = ", ".join(["%s"] * len(columns.split(",")))
    for row in rows:
        conn.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", row)  # noqa: S608


def _into_postgres(v3_file: Path, url: str) -> str:
    """Copy the fixture's rows into a new PostgreSQL schema at version 1 (before the rename)."""
    schema = f"t_{uuid.uuid4().hex[:16]}"
    with sqlite3.connect(v3_file) as db:
        objects = db.execute(f"SELECT {OBJECT_COLUMNS} FROM objects").fetchall()  # noqa: S608
        events = db.execute(f"SELECT {EVENT_COLUMNS} FROM events ORDER BY seq").fetchall()  # noqa: S608
        outbox = db.execute(f"SELECT {OUTBOX_COLUMNS} FROM outbox ORDER BY seq").fetchall()  # noqa: S608
    with psycopg.connect(url, autocommit=True) as conn:
        ((version, steps),) = statements(schema, 0)[:1]
        assert version == 1
        for step in steps:
            conn.execute(step)
        conn.execute(f"CREATE TABLE {schema}.schema_migrations (version integer PRIMARY KEY)")
        conn.execute(f"INSERT INTO {schema}.schema_migrations VALUES (1)")  # noqa: S608
        _insert(conn, f"{schema}.objects", OBJECT_COLUMNS, objects)
        _insert(conn, f"{schema}.events", EVENT_COLUMNS, events)
        _insert(conn, f"{schema}.outbox", OUTBOX_COLUMNS, outbox)
    return schema


@pytest.fixture(params=["sqlite", "postgres"])
def migrated(request: pytest.FixtureRequest, v3_file: Path) -> Storage:
    """The fixture, opened (and so migrated) by this release on each storage."""
    if request.param == "sqlite":
        return SQLiteStorage(v3_file)
    url = request.getfixturevalue("postgres_url")
    return PostgresStorage(url, schema=_into_postgres(v3_file, url))


def test_every_object_event_and_notification_reads_back_renamed(migrated, expected):
    """Every kind's objects, the events and the pending notices read back, one name each."""
    try:
        relationship_id = uuid.UUID(expected["relationship"]["id"])
        relationship = migrated.load(Relationship, relationship_id)
        assert _plain(relationship) == _renamed(expected["relationship"], {})
        for name, objects in expected["objects"].items():
            states = RENAMED_STATES.get(KIND_NAMES[name], {})
            found = migrated.load_all(KINDS[name], relationship_id)
            assert [_plain(o) for o in found] == [_added(o) for o in _renamed(objects, states)]
        events = migrated.relationship_events(relationship_id)
        assert len(events) == len(expected["events"])
        for event, old in zip(events, expected["events"], strict=True):
            tag = old.pop("tag")
            assert RENAMED_TAGS.get(tag, tag) == type(event).TAG
            states = RENAMED_STATES.get(tag.split(".", 1)[0], {})
            assert _plain(event) == _added(_renamed(old, states), tag)
        pending = [_plain(n) for n in migrated.pending_notifications(limit=1000)]
        # Added later: an old notification names the workflow its (renamed) kind belongs to.
        of_kind = {k.value: spec.name for spec in WORKFLOWS for k in spec.notice_kinds}
        assert [n.pop("workflow") for n in pending] == [of_kind[n["kind"]] for n in pending]
        for note in pending:  # stored before notifications said their language: English
            assert note.pop("language") == "en"
        kinds = RENAMED_NOTICE_KINDS
        assert pending == [
            {**n, "kind": kinds.get(n["kind"], n["kind"])} for n in expected["pending"]
        ]
    finally:
        migrated.close()


def test_the_fixture_holds_every_renamed_name(expected):
    """The fixture really has a paused agreement, a pause notice and the old field name."""
    text = json.dumps(expected)
    assert '"paused"' in text
    assert '"request.paused"' in text
    assert '"pause called"' in text
    assert '"reask_pause_hours"' in text


def test_an_agreement_on_hold_goes_on_after_the_migration(v3_file, expected):
    """The agreement that was paused is on hold now, and both can take it up again."""
    clock = ManualClock(datetime(2026, 3, 3, 10, tzinfo=UTC))
    with repairkit.open(v3_file, clock=clock) as kit:
        relationship_id = uuid.UUID(expected["relationship"]["id"])
        (held,) = kit.requests.find(relationship_id, actor="ana", states=[RequestState.ON_HOLD])
        assert "propose_resuming" in kit.requests.moves(held.id, actor="ana")
        kit.requests.propose_resuming(held.id, actor="ana")
        resumed = kit.requests.agree_to_resume(held.id, actor="ben")
        assert resumed.state is RequestState.AGREED
