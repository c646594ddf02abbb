"""A store written at schema 5 (topics "tabled") opens and reads back "set aside".

``tests/fixtures/v5_store.db`` was written by ``make_v5_store.py`` with time-outs and a
talk whose topic was tabled, and a time-out that lapsed (its notice said "topic
tabled"). Opened by this release (SQLite schema 6, PostgreSQL schema 4), on SQLite and
on PostgreSQL alike, every object, event and pending notification reads back as it was
written, less the stored names the step renamed (`repairkit.adapters._renames`), and
no old name is left in any row.

The same step brings the 0.1.0.dev0 layouts up to date (free-text schedules, agreements
that do not name who carries them out): the schema 1 store of ``test_migrations.py``
reads back the same on PostgreSQL as on SQLite.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import attrs
import psycopg
import pytest

import repairkit
from conftest import invite_and_accept
from repairkit import WORKFLOWS, ManualClock, Relationship
from repairkit.adapters import PostgresStorage, SQLiteStorage
from repairkit.adapters import _sqlite_schema as sqlite_schema
from repairkit.adapters._postgres_schema import statements
from repairkit.adapters._renames import (
    SET_ASIDE_NOTICE_KINDS,
    SET_ASIDE_STATES,
    SET_ASIDE_TAGS,
)
from repairkit.ports import Storage
from repairkit.requests import Request
from repairkit.talks import Talk, TalkState
from repairkit.timeouts import TimeOut, TimeOutRules, TimeOutState

FIXTURES = Path(__file__).parent / "fixtures"
KINDS = {"TimeOut": TimeOut, "Talk": Talk}
KIND_NAMES = {"TimeOut": "timeout", "Talk": "talk"}
OLD_NAMES = ("tabled", "timeout.tabled", "talk.tabled", "topic tabled", "talk topic tabled")


def _plain(value: object) -> object:
    """The plain form make_v5_store.py wrote its expectations in."""
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


def _renamed(value: dict[str, Any], states: dict[str, str]) -> dict[str, Any]:
    """*value* with the states the migration renamed."""
    out = dict(value)
    for key in ("state", "from_state", "to_state"):
        if isinstance(out.get(key), str):
            out[key] = states.get(out[key], out[key])
    return out


def _added(value: dict[str, Any], tag: str = "") -> dict[str, Any]:
    """*value* with the fields added since, at their defaults.

    The time-out rules of issue 16, a near ceiling on an extension, the observation
    a request was made from (issue 19), and the check-in session a request or a boundary
    was drafted in (issue 17).
    """
    out = dict(value)
    if not tag and "asker" in out and "need" in out:  # a request
        out.setdefault("from_observation", None)
        out.setdefault("from_check_in", None)
    if not tag and "proposer" in out and "terms" in out:  # a boundary
        out.setdefault("from_check_in", None)
    if isinstance(out.get("rules"), dict) and "ceiling_hours" in out["rules"]:
        out["rules"] = {**_plain(TimeOutRules()), **out["rules"]}  # type: ignore[dict-item]
    if tag == "timeout.extended":
        out.setdefault("third_party_suggested", False)
    return out


@pytest.fixture
def expected() -> dict[str, Any]:
    """What schema 5 read from the fixture, as plain values."""
    return json.loads((FIXTURES / "v5_store.json").read_text(encoding="utf-8"))


@pytest.fixture
def v5_file(tmp_path: Path) -> Path:
    """A copy of the fixture store (schema 5)."""
    path = tmp_path / "v5.db"
    shutil.copyfile(FIXTURES / "v5_store.db", path)
    return path


OBJECT_COLUMNS = "id, kind, relationship_id, version, state, due_at, body"
EVENT_COLUMNS = "id, subject_id, relationship_id, body, actor, occurred_at, tag"
OUTBOX_COLUMNS = "id, delivered_at, attempts, next_attempt_at, parked_at, body"


def _insert(conn: psycopg.Connection[Any], table: str, columns: str, rows: list[Any]) -> None:
    marks = ", ".join(["%s"] * len(columns.split(",")))
    for row in rows:
        conn.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", row)  # noqa: S608


def open_v5(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    prepare: Callable[[Path], None] = lambda _path: None,
) -> Iterator[Storage]:
    """Yield the v5 fixture store, *prepare*d, opened (so migrated) on ``request.param``.

    For a fixture parametrized over "sqlite" and "postgres"; closed afterwards.
    """
    path = tmp_path / "v5.db"
    shutil.copyfile(FIXTURES / "v5_store.db", path)
    prepare(path)
    storage: Storage
    if request.param == "sqlite":
        storage = SQLiteStorage(path)
    else:
        url = request.getfixturevalue("postgres_url")
        storage = PostgresStorage(url, schema=_into_postgres(path, url))
    try:
        yield storage
    finally:
        storage.close()


def _into_postgres(path: Path, url: str) -> str:
    """Copy a schema 5 file's rows into a new PostgreSQL schema at version 3 (its peer)."""
    schema = f"t_{uuid.uuid4().hex[:16]}"
    with sqlite3.connect(path) as db:
        objects = db.execute(f"SELECT {OBJECT_COLUMNS} FROM objects").fetchall()  # noqa: S608
        events = db.execute(f"SELECT {EVENT_COLUMNS} FROM events ORDER BY seq").fetchall()  # noqa: S608
        outbox = db.execute(f"SELECT {OUTBOX_COLUMNS} FROM outbox ORDER BY seq").fetchall()  # noqa: S608
    with psycopg.connect(url, autocommit=True) as conn:
        steps = statements(schema, 0)[:3]
        assert [version for version, _ in steps] == [1, 2, 3]
        for _, step in steps:
            for statement in step:
                conn.execute(statement)
        conn.execute(f"CREATE TABLE {schema}.schema_migrations (version integer PRIMARY KEY)")
        conn.execute(f"INSERT INTO {schema}.schema_migrations VALUES (1), (2), (3)")  # noqa: S608
        _insert(conn, f"{schema}.objects", OBJECT_COLUMNS, objects)
        _insert(conn, f"{schema}.events", EVENT_COLUMNS, events)
        _insert(conn, f"{schema}.outbox", OUTBOX_COLUMNS, outbox)
    return schema


def _rows_sqlite(path: Path) -> list[str]:
    with sqlite3.connect(path) as db:
        return [
            *(f"{s} {b}" for s, b in db.execute("SELECT state, body FROM objects")),
            *(f"{t} {b}" for t, b in db.execute("SELECT tag, body FROM events")),
            *(b for (b,) in db.execute("SELECT body FROM outbox")),
        ]


def _rows_postgres(url: str, schema: str) -> list[str]:
    s = schema
    with psycopg.connect(url) as conn:
        return [
            *(f"{st} {b}" for st, b in conn.execute(f"SELECT state, body FROM {s}.objects")),  # noqa: S608
            *(f"{t} {b}" for t, b in conn.execute(f"SELECT tag, body FROM {s}.events")),  # noqa: S608
            *(b for (b,) in conn.execute(f"SELECT body FROM {s}.outbox")),  # noqa: S608
        ]


@attrs.frozen
class Opened:
    """The fixture opened by this release, and a way to read its raw stored rows."""

    storage: Storage
    rows: Any


@pytest.fixture(params=["sqlite", "postgres"])
def migrated(request: pytest.FixtureRequest, v5_file: Path) -> Iterator[Opened]:
    """The fixture, opened (and so migrated) by this release on each storage."""
    if request.param == "sqlite":
        storage: Storage = SQLiteStorage(v5_file)
        opened = Opened(storage, lambda: _rows_sqlite(v5_file))
    else:
        url = request.getfixturevalue("postgres_url")
        schema = _into_postgres(v5_file, url)
        storage = PostgresStorage(url, schema=schema)
        opened = Opened(storage, lambda: _rows_postgres(url, schema))
    try:
        yield opened
    finally:
        storage.close()


def test_the_fixture_holds_every_old_name(expected, v5_file):
    """The fixture really has tabled time-outs and a tabled talk, their tags and notices."""
    text = json.dumps(expected)
    for name in OLD_NAMES:
        assert f'"{name}"' in text, name
    with sqlite3.connect(f"file:{v5_file}?mode=ro", uri=True) as db:
        assert db.execute("PRAGMA user_version").fetchone() == (5,)
    raw = " ".join(_rows_sqlite(v5_file))
    assert all(name in raw for name in OLD_NAMES)


def test_every_object_event_and_notification_reads_back_set_aside(migrated, expected):
    """Every object, the events and the pending notices read back, with the one verb."""
    storage = migrated.storage
    relationship_id = uuid.UUID(expected["relationship"]["id"])
    assert _plain(storage.load(Relationship, relationship_id)) == expected["relationship"]
    for name, objects in expected["objects"].items():
        states = SET_ASIDE_STATES[KIND_NAMES[name]]
        found = storage.load_all(KINDS[name], relationship_id)
        assert [_plain(o) for o in found] == [_added(_renamed(o, states)) for o in objects]
    events = storage.relationship_events(relationship_id)
    assert len(events) == len(expected["events"])
    for event, old in zip(events, expected["events"], strict=True):
        tag = old.pop("tag")
        assert SET_ASIDE_TAGS.get(tag, tag) == type(event).TAG
        states = SET_ASIDE_STATES.get(tag.split(".", 1)[0], {})
        assert _plain(event) == _added(_renamed(old, states), tag)
    pending = [_plain(n) for n in storage.pending_notifications(limit=1000)]
    # Added later: an old notification names the workflow its (renamed) kind belongs to.
    of_kind = {k.value: spec.name for spec in WORKFLOWS for k in spec.notice_kinds}
    assert [n.pop("workflow") for n in pending] == [of_kind[n["kind"]] for n in pending]
    for note in pending:  # stored before notifications said their language: English
        assert note.pop("language") == "en"
    kinds = SET_ASIDE_NOTICE_KINDS
    assert pending == [{**n, "kind": kinds.get(n["kind"], n["kind"])} for n in expected["pending"]]
    assert sum(n["kind"] == "topic set aside" for n in pending) == 4


def test_no_old_name_is_left_in_any_row(migrated):
    """States, bodies, tags and notices hold none of the old names after the step."""
    raw = " ".join(migrated.rows())
    assert "tabled" not in raw
    assert "set aside" in raw
    assert "timeout.set_aside" in raw
    assert "talk.set_aside" in raw


def test_what_was_tabled_is_set_aside_and_the_topic_can_come_back(v5_file, expected):
    """The set-aside time-outs and talk are final; a new talk on that topic starts."""
    clock = ManualClock(datetime(2026, 3, 10, 10, tzinfo=UTC))
    with repairkit.open(v5_file, clock=clock) as kit:
        relationship_id = uuid.UUID(expected["relationship"]["id"])
        timeouts = {t["id"]: t for t in expected["objects"]["TimeOut"]}
        for id, old in timeouts.items():
            timeout = kit.timeouts.get(uuid.UUID(id), actor="ana")
            if old["state"] == "tabled":
                assert timeout.state is TimeOutState.SET_ASIDE
                assert kit.timeouts.moves(timeout.id, actor="ana") == ()
        (talk,) = kit.talks.find(relationship_id, actor="ben", states=[TalkState.SET_ASIDE])
        again = kit.talks.start(relationship_id, actor="ben", about=talk.id)
        assert again.topic == talk.topic
        assert kit.talks.set_aside(again.id, actor="ana").state is TalkState.SET_ASIDE


def test_the_oldest_layout_reads_the_same_on_postgresql_as_on_sqlite(tmp_path, postgres_url):
    """The 0.1.0.dev0 store, brought to schema 5 and copied to PostgreSQL, reads the same.

    Its free-text schedules and agreements that name no one carrying them out are
    brought up to date by the step on both storages alike.
    """
    sqlite_path, copy = tmp_path / "v1.db", tmp_path / "v1-at-5.db"
    shutil.copyfile(FIXTURES / "v1_store.db", sqlite_path)
    shutil.copyfile(FIXTURES / "v1_store.db", copy)
    with sqlite3.connect(copy) as db:
        for version in range(2, 6):
            sqlite_schema.MIGRATIONS[version](db)
    old = " ".join(_rows_sqlite(copy))
    assert '"how_often":"weekdays"' in old  # free text, as 0.1.0.dev0 wrote it
    pg = PostgresStorage(postgres_url, schema=_into_postgres(copy, postgres_url))
    lite = SQLiteStorage(sqlite_path)
    try:
        expected = json.loads((FIXTURES / "v1_store.json").read_text(encoding="utf-8"))
        relationship_id = uuid.UUID(expected["relationship"]["id"])
        on_pg, on_lite = (
            [_plain(r) for r in s.load_all(Request, relationship_id)] for s in (pg, lite)
        )
        assert on_pg == on_lite
        weekdays = {"days": [0, 1, 2, 3, 4], "per_week": None, "note": None}
        assert any(r["time_box"] and r["time_box"]["how_often"] == weekdays for r in on_pg)
        agreed = [r for r in on_pg if r["agreed_at"] is not None]
        assert agreed
        assert all(r["carried_out_by"] == r["recipient"] for r in agreed)
        events_pg, events_lite = (
            [_plain(e) for e in s.relationship_events(relationship_id)] for s in (pg, lite)
        )
        assert events_pg == events_lite
        accepted = [e for e in events_pg if "offered_by" in e]
        assert accepted
        assert all(e["carried_out_by"] is not None for e in accepted)
    finally:
        pg.close()
        lite.close()


def test_a_time_box_schedule_reads_as_its_words_on_both(tmp_path, postgres_url):
    """Free text of every kind becomes the same structured schedule on both storages."""
    clock = ManualClock(datetime(2026, 3, 2, 9, tzinfo=UTC))
    path = tmp_path / "words.db"
    box = repairkit.TimeBox(starts_at=clock.now(), ends_at=clock.now() + timedelta(days=7))
    with repairkit.open(path, clock=clock) as kit:
        couple = invite_and_accept(kit, ("ana", "ben"), actor="ana")
        ids = [
            kit.requests.draft(couple.id, actor="ana", need=need, ask="x", time_box=box).id
            for need in ("a", "b", "c", "d")
        ]
    texts = ["  WeekDays ", "weekends", None, "after dinner"]
    with sqlite3.connect(path) as db:  # written back as 0.1.0.dev0 did, then at schema 5
        for id, text in zip(ids, texts, strict=True):
            (body,) = db.execute("SELECT body FROM objects WHERE id = ?", (str(id),)).fetchone()
            obj = json.loads(body)
            obj["time_box"]["how_often"] = text
            db.execute("UPDATE objects SET body = ? WHERE id = ?", (json.dumps(obj), str(id)))
        db.execute("DELETE FROM schema_migrations WHERE version >= 6")
        db.execute("PRAGMA user_version = 5")
    pg = PostgresStorage(postgres_url, schema=_into_postgres(path, postgres_url))
    lite = SQLiteStorage(path)
    try:
        for storage in (pg, lite):
            found = {r.id: r.time_box for r in storage.load_all(Request, couple.id)}
            schedules = [found[id].how_often for id in ids]  # type: ignore[union-attr]
            assert [s.days for s in schedules] == [
                (0, 1, 2, 3, 4),
                (5, 6),
                (0, 1, 2, 3, 4, 5, 6),
                (0, 1, 2, 3, 4, 5, 6),
            ]
            assert [s.note for s in schedules] == [None, None, None, "after dinner"]
    finally:
        pg.close()
        lite.close()
