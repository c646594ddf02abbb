"""A store from before the budget counted new items: events unmarked, open time-outs keyed.

SQLite schema 9 and PostgreSQL schema 7 (`repairkit.adapters._budget_steps`): events
gain ``new_item`` (unmarked before the step: which were new items was not stored), the
time-out key ``caller`` gives way to ``open_caller`` (kept only while a time-out is open).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

import repairkit
from conftest import invite_and_accept
from repairkit import ManualClock, NotAllowedNow
from repairkit.adapters._keys import digest
from repairkit.ports import Storage
from repairkit.timeouts import TimeOut
from test_migration_set_aside import open_v5

START = datetime(2026, 3, 2, 9, tzinfo=UTC)


def _keys(path: Path, kind: str) -> set[str]:
    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT DISTINCT key FROM object_keys WHERE kind = ?", (kind,))
        return {key for (key,) in rows}


def _rewound_to_8(path: Path) -> None:
    """Write a current file back as schema 8 wrote it: no marks, a caller key on every time-out."""
    with sqlite3.connect(path) as db:
        db.execute("ALTER TABLE events DROP COLUMN new_item")
        db.execute("DELETE FROM object_keys WHERE kind = 'timeout' AND key = 'open_caller'")
        db.execute("DROP INDEX object_keys_one_at_a_time")  # schema 13's places
        db.execute("DELETE FROM object_keys WHERE key = 'one at a time'")
        rows = db.execute("SELECT id, relationship_id, body FROM objects WHERE kind = 'timeout'")
        for id, relationship_id, body in rows.fetchall():
            caller = "ana" if '"caller":"ana"' in body else "ben"
            db.execute(
                "INSERT INTO object_keys VALUES (?, 'timeout', 'caller', ?, ?)",
                (relationship_id, digest(caller), id),
            )
        db.execute("DELETE FROM schema_migrations WHERE version >= 9")
        db.execute("PRAGMA user_version = 8")


def test_a_schema_8_file_finds_the_open_time_out_by_its_open_caller(tmp_path):
    """The open time-out still holds its caller; the closed ones leave no caller key."""
    clock = ManualClock(START)
    path = tmp_path / "v8.db"
    with repairkit.open(path, clock=clock) as kit:
        couple = invite_and_accept(kit, ("ana", "ben"), actor="ana")
        for _ in range(2):
            done = kit.timeouts.call(couple.id, actor="ana", minutes=20)
            kit.timeouts.come_back(done.id, actor="ana")
            clock.advance(timedelta(days=1))
        still = kit.timeouts.call(couple.id, actor="ana", minutes=20)
    _rewound_to_8(path)
    assert _keys(path, "timeout") == {"caller", "called_in_week"}
    with repairkit.open(path, clock=clock) as kit:
        assert _keys(path, "timeout") == {"open_caller", "called_in_week", "one at a time"}
        storage = kit._storage
        (found,) = storage.load_keyed(TimeOut, couple.id, "open_caller", "ana")
        assert found.id == still.id
        with pytest.raises(NotAllowedNow):  # one open time-out per caller, read by the key
            kit.timeouts.call(couple.id, actor="ana", minutes=20)
        # Nothing before the step was marked a new item; what follows is.
        assert storage.count_events(couple.id, "ana", START, new_items=True) == 0
        assert storage.count_events(couple.id, "ana", START) > 0


@pytest.fixture(params=["sqlite", "postgres"])
def opened(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Storage]:
    """The v5 fixture, opened (and so migrated through every step) on each storage."""
    yield from open_v5(request, tmp_path)


def test_old_events_read_unmarked_and_closed_time_outs_have_no_caller_key(opened):
    """Every event reads back with ``new_item`` False; no time-out is open, so none is keyed."""
    (couple,) = opened.relationships_of("ana")
    events = opened.relationship_events(couple.id)
    assert events
    assert not [e for e in events if e.new_item]
    since = min(e.at for e in events)
    for person in ("ana", "ben"):
        assert opened.count_events(couple.id, person, since, new_items=True) == 0
    assert opened.load_keyed(TimeOut, couple.id, "open_caller", "ana") == []
    assert opened.load_keyed(TimeOut, couple.id, "caller", "ana") == []
