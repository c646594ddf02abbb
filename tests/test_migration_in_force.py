"""A store written at schema 6 (objects kept a copy of the shared settings) opens at schema 7.

``tests/fixtures/v6_store.db`` was written by ``make_v6_store.py``: a couple agreed
settings of their own, then made a request, a boundary, a crossing, a talk and a
time-out under them, each keeping a copy of the rules (a request its time zone too).
Opened by this release (SQLite schema 7, PostgreSQL schema 5), on SQLite and on
PostgreSQL alike, the copies leave every row, every object reads back as written less
them, and each reads the relationship's settings in force: consent applies at the moment
of reading (issue 16, case 4).
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import attrs
import psycopg
import pytest

import repairkit
from repairkit import ManualClock, RelationshipSettings
from repairkit.adapters import PostgresStorage, SQLiteStorage
from repairkit.adapters._postgres_schema import statements
from repairkit.boundaries import Boundary
from repairkit.crossings import Crossing
from repairkit.requests import Request, RequestRules
from repairkit.talks import Talk, TalkRules
from repairkit.timeouts import TimeOut
from test_migration_set_aside import EVENT_COLUMNS, OBJECT_COLUMNS, OUTBOX_COLUMNS, _insert

FIXTURES = Path(__file__).parent / "fixtures"
KINDS = {"Request": Request, "Boundary": Boundary, "Crossing": Crossing, "Talk": Talk}
KINDS["TimeOut"] = TimeOut
COPIES = {"Request": ("rules", "time_zone")}
"""What each kind kept a copy of (the others: their rules)."""
WRITTEN = datetime(2026, 3, 8, 19, 0, tzinfo=UTC)


def _plain(value: object) -> object:
    """The plain form make_v6_store.py wrote its expectations in."""
    if attrs.has(type(value)):
        return {k: _plain(v) for k, v in attrs.asdict(value, recurse=False).items()}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    if value is None or isinstance(value, bool | int):
        return value
    return str(value)


@pytest.fixture
def expected() -> dict[str, Any]:
    """What schema 6 read from the fixture, as plain values."""
    return json.loads((FIXTURES / "v6_store.json").read_text(encoding="utf-8"))


@pytest.fixture
def v6_file(tmp_path: Path) -> Path:
    """A copy of the fixture store (schema 6)."""
    path = tmp_path / "v6.db"
    shutil.copyfile(FIXTURES / "v6_store.db", path)
    return path


def _into_postgres(path: Path, url: str) -> str:
    """Copy a schema 6 file's rows into a new PostgreSQL schema at version 4 (its peer)."""
    schema = f"t_{uuid.uuid4().hex[:16]}"
    with sqlite3.connect(path) as db:
        objects = db.execute(f"SELECT {OBJECT_COLUMNS} FROM objects").fetchall()  # noqa: S608
        events = db.execute(f"SELECT {EVENT_COLUMNS} FROM events ORDER BY seq").fetchall()  # noqa: S608
        outbox = db.execute(f"SELECT {OUTBOX_COLUMNS} FROM outbox ORDER BY seq").fetchall()  # noqa: S608
    with psycopg.connect(url, autocommit=True) as conn:
        steps = statements(schema, 0)[:4]
        assert [version for version, _ in steps] == [1, 2, 3, 4]
        for _, step in steps:
            for statement in step:
                conn.execute(statement)
        conn.execute(f"CREATE TABLE {schema}.schema_migrations (version integer PRIMARY KEY)")
        conn.execute(f"INSERT INTO {schema}.schema_migrations VALUES (1), (2), (3), (4)")  # noqa: S608
        _insert(conn, f"{schema}.objects", OBJECT_COLUMNS, objects)
        _insert(conn, f"{schema}.events", EVENT_COLUMNS, events)
        _insert(conn, f"{schema}.outbox", OUTBOX_COLUMNS, outbox)
    return schema


def _bodies_sqlite(path: Path) -> dict[str, list[dict[str, Any]]]:
    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT kind, body FROM objects ORDER BY rowid").fetchall()
    found: dict[str, list[dict[str, Any]]] = {}
    for kind, body in rows:
        found.setdefault(kind, []).append(json.loads(body))
    return found


def _bodies_postgres(url: str, schema: str) -> dict[str, list[dict[str, Any]]]:
    with psycopg.connect(url) as conn:
        rows = conn.execute(f"SELECT kind, body FROM {schema}.objects ORDER BY seq").fetchall()  # noqa: S608
    found: dict[str, list[dict[str, Any]]] = {}
    for kind, body in rows:
        found.setdefault(kind, []).append(json.loads(body))
    return found


@attrs.frozen
class Opened:
    """The fixture opened by this release, a way to read its raw rows, and to open a kit."""

    storage: Any
    bodies: Any


@pytest.fixture(params=["sqlite", "postgres"])
def migrated(request: pytest.FixtureRequest, v6_file: Path) -> Iterator[Opened]:
    """The fixture, opened (and so migrated) by this release on each storage."""
    if request.param == "sqlite":
        storage: Any = SQLiteStorage(v6_file)
        opened = Opened(storage, lambda: _bodies_sqlite(v6_file))
    else:
        url = request.getfixturevalue("postgres_url")
        schema = _into_postgres(v6_file, url)
        storage = PostgresStorage(url, schema=schema)
        opened = Opened(storage, lambda: _bodies_postgres(url, schema))
    try:
        yield opened
    finally:
        storage.close()


ADDED_LATER = {
    "Request": ("from_observation", "from_check_in"),  # issues 19 and 17
    "Boundary": ("from_check_in",),  # issue 17
}
"""The fields added since the fixture was written, each None in what it reads back."""


def test_the_fixture_holds_a_copy_of_the_rules_in_every_object(v6_file):
    """The fixture really is the old layout: each object keeps the rules it was made under."""
    with sqlite3.connect(f"file:{v6_file}?mode=ro", uri=True) as db:
        assert db.execute("PRAGMA user_version").fetchone() == (6,)
    bodies = _bodies_sqlite(v6_file)
    assert set(bodies) == {"relationship", "request", "boundary", "crossing", "talk", "timeout"}
    for kind, rows in bodies.items():
        if kind != "relationship":
            assert all("rules" in row for row in rows), kind
    assert all("time_zone" in row for row in bodies["request"])


def test_no_copy_of_the_settings_is_left_in_any_row(migrated):
    """After the step, no object row holds rules (nor a request a time zone); settings stay."""
    bodies = migrated.bodies()
    for kind, rows in bodies.items():
        if kind == "relationship":
            assert all("rules" in row["settings"] for row in rows)
            continue
        assert not any("rules" in row for row in rows), kind
    assert not any("time_zone" in row for row in bodies["request"])


def test_every_object_reads_back_as_written_less_the_copies(migrated, expected):
    """Every object reads back field for field, but for the copies of the settings."""
    relationship_id = uuid.UUID(expected["relationship"]["id"])
    for name, objects in expected["objects"].items():
        found = migrated.storage.load_all(KINDS[name], relationship_id)
        copies = COPIES.get(name, ("rules",))
        assert len(found) == len(objects) == 1, name
        for obj, old in zip(found, objects, strict=True):
            plain = _plain(obj)
            for copy in copies:
                plain.pop(copy)
                assert copy in old
            for added in ADDED_LATER.get(name, ()):  # made from no observation nor check-in
                assert plain.pop(added) is None, (name, added)
            assert plain == {k: v for k, v in old.items() if k not in copies}, name
    assert len(migrated.storage.relationship_events(relationship_id)) == expected["events"]


def test_the_migrated_objects_read_the_settings_in_force(v6_file, expected):
    """Each object reads the relationship's rules now; withdrawn, the topic is free at once."""
    clock = ManualClock(WRITTEN + timedelta(hours=1))
    kit = repairkit.open(v6_file, clock=clock)
    try:
        couple = uuid.UUID(expected["relationship"]["id"])
        [request] = kit.requests.find(couple, actor="ben")
        assert request.rules == RequestRules(max_rounds=2, reask_wait_hours=0)
        assert request.time_zone == "Europe/Berlin"
        [talk] = kit.talks.find(couple, actor="ana")
        assert talk.rules == TalkRules(moratorium_hours=48)
        assert kit.talks.rests_until(talk.id, actor="ana") is not None
        kit.relationships.withdraw_consent_to_settings(couple, actor="ben")
        assert kit.talks.rests_until(talk.id, actor="ana") is None
        assert kit.requests.get(request.id, actor="ana").rules == RequestRules()
        assert kit.relationships.get(couple, actor="ana").settings == RelationshipSettings(
            time_zone="Europe/Berlin"
        )
    finally:
        kit.close()
