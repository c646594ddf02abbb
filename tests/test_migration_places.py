"""A store from before one at a time was kept by storage: no places, no unique index.

SQLite schema 13 and PostgreSQL schema 11 (`repairkit.adapters._places_step`): the key
rows gain the unique partial index ``object_keys_one_at_a_time``, and the open sessions,
preparations and time-outs stored before are given their places. Where the race the
step closes had already stored two open sessions, the upgrade still opens the store: one
of them holds the place, the other can be ended, and nothing new takes the place.
"""

from __future__ import annotations

import logging
import uuid
from datetime import time
from pathlib import Path

import pytest

from conftest import invite_and_accept
from older_stores import OlderStore, PostgresSchema, older_store
from repairkit import NotAllowedNow
from repairkit.sessions import CheckInSession

PLACES = "object_keys_one_at_a_time"


@pytest.fixture(params=["sqlite", "postgres"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> OlderStore:
    """A store on each SQL storage, and how schema 12 (SQLite) or 10 (PostgreSQL) left it."""
    steps = [f"DROP INDEX {PLACES}", "DELETE FROM object_keys WHERE key = 'one at a time'"]
    return older_store(request, tmp_path, sqlite=(12, steps), postgres=(10, steps))


def _places(store: OlderStore) -> list[str]:
    rows = store.rows("SELECT kind FROM object_keys WHERE key = 'one at a time' ORDER BY kind")
    return [kind for (kind,) in rows]


def _has_index(store: OlderStore) -> bool:
    if isinstance(store, PostgresSchema):
        sql = "SELECT indexname FROM pg_indexes WHERE schemaname = %s AND indexname = %s"
        return bool(store.rows(sql, (store.schema, PLACES)))
    return bool(store.rows("SELECT name FROM sqlite_master WHERE name = %s", (PLACES,)))


def _fill(store: OlderStore):
    with store.open() as kit:
        couple = invite_and_accept(kit, ("ana", "ben"), actor="ana")
        schedule = kit.checkins.propose(couple.id, actor="ana", weekday=2, start=time(19, 0))
        kit.checkins.agree(schedule.id, actor="ben")
        session = kit.sessions.open(couple.id, actor="ana", schedule_id=schedule.id)
        kit.preparations.write(
            couple.id, actor="ana", schedule_id=schedule.id, kind="issue", words="Bedtimes."
        )
        kit.timeouts.call(couple.id, actor="ben", minutes=30)
    return couple, schedule, session


def test_open_objects_stored_before_the_upgrade_hold_their_places(store):
    """After the upgrade, each open object holds its place, under the unique index."""
    couple, schedule, _session = _fill(store)
    store.rewind()
    assert (_places(store), _has_index(store)) == ([], False)
    with store.open() as kit:
        assert _places(store) == ["preparation", "session", "timeout"]
        assert _has_index(store)
        with pytest.raises(NotAllowedNow):
            kit.sessions.open(couple.id, actor="ben", schedule_id=schedule.id)
        with pytest.raises(NotAllowedNow):
            kit.timeouts.call(couple.id, actor="ben", minutes=20)


def test_two_open_sessions_stored_by_the_old_race_still_open_the_store(store, caplog):
    """The upgrade gives the place to one, logs the other, which can still be ended."""
    couple, schedule, session = _fill(store)
    store.rewind()
    twin, of = uuid.uuid4(), session.id  # a copy of the open session, under its own id
    typed = (twin, of) if isinstance(store, PostgresSchema) else (str(twin), str(of))
    store.execute(
        "INSERT INTO objects (id, kind, relationship_id, version, state, due_at, body)"
        " SELECT %s, kind, relationship_id, version, state, due_at, replace(body, %s, %s)"
        " FROM objects WHERE id = %s",
        (typed[0], str(of), str(twin), typed[1]),
    )
    with caplog.at_level(logging.WARNING, logger="repairkit"), store.open() as kit:
        assert _places(store) == ["preparation", "session", "timeout"]
        assert "shares its place with another" in caplog.text
        open_now = kit._storage.load_all(CheckInSession, couple.id)
        assert len(open_now) == 2
        for each in open_now:
            kit.sessions.end(each.id, actor="ben")
        assert _places(store) == ["preparation", "timeout"]
        again = kit.sessions.open(couple.id, actor="ben", schedule_id=schedule.id)
        assert again.opener == "ben"
        assert _places(store) == ["preparation", "session", "timeout"]
