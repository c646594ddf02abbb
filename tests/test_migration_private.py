"""A store from before edge reads passed over private events: no ``private_to`` column.

SQLite schema 11 and PostgreSQL schema 9 (`repairkit.adapters._private_step`): events
gain ``private_to``, filled from each stored body, and the partial index
``events_shared_by_subject``. After the upgrade, Ben's private moves stored before it
(coming back, setting quiet hours) no longer push his untold pause out of what Ana's
reads read: she sees its day, not its time.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest

from conftest import invite_and_accept
from older_stores import OlderStore, SQLiteFile, older_store
from repairkit import CorruptData, ManualClock, QuietHours, RepairKit, StorageError
from repairkit._told import RECENT_MOVES

START = datetime(2026, 3, 2, 9, tzinfo=UTC)
DAY = datetime(2026, 3, 2, tzinfo=UTC)
PRIVATE_MOVES = 2 + RECENT_MOVES + 1
"""Ben's two come-backs and his quiet hours, set more often than a read path reads."""


def _story(kit: RepairKit, clock: ManualClock) -> Any:
    """Ben pauses twice in a day (the second untold to Ana), then makes his private moves."""
    couple = invite_and_accept(kit, ("ana", "ben"), actor="ana")
    kit.relationships.pause(couple.id, actor="ben")
    kit.relationships.come_back(couple.id, actor="ben")
    clock.advance(timedelta(hours=2, minutes=4, seconds=31))
    kit.relationships.pause(couple.id, actor="ben")
    clock.advance(timedelta(minutes=3))
    kit.relationships.come_back(couple.id, actor="ben")
    for hour in range(RECENT_MOVES + 1):
        clock.advance(timedelta(minutes=1))
        quiet = QuietHours(starts=time(19 + hour, 0), ends=time(7, 0))
        kit.relationships.set_quiet_hours(couple.id, actor="ben", quiet_hours=quiet)
    return couple


@pytest.fixture(params=["sqlite", "postgres"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> OlderStore:
    """A store on each SQL storage, and how schema 10 (SQLite) or 8 (PostgreSQL) left it."""
    sqlite = ["DROP INDEX events_shared_by_subject", "ALTER TABLE events DROP COLUMN private_to"]
    postgres = [
        "DROP INDEX {s}.events_shared_by_subject",
        "ALTER TABLE {s}.events DROP COLUMN private_to",
    ]
    return older_store(request, tmp_path, sqlite=(10, sqlite), postgres=(8, postgres))


def test_private_moves_stored_before_the_upgrade_no_longer_hide_an_untold_pause(store):
    """The column is filled from the bodies: Ben's private moves are his, Ana sees the day."""
    clock = ManualClock(START)
    with store.open(clock) as kit:
        couple = _story(kit, clock)
        latest = store.version()
    store.rewind()
    assert "private_to" not in store.columns("events")
    with store.open(clock) as kit:
        assert store.version() == latest
        stored = store.rows("SELECT private_to, count(*) FROM events GROUP BY private_to")
        assert sorted(stored, key=str) == sorted([("ben", PRIVATE_MOVES), (None, 4)], key=str)
        assert kit.relationships.get(couple.id, actor="ana").changed_at == DAY
        mine = kit.relationships.get(couple.id, actor="ben").changed_at
        assert mine == START + timedelta(hours=2, minutes=4, seconds=31)  # his own: exact


def test_a_body_that_is_not_json_stops_the_upgrade_and_changes_nothing(store):
    """Whether such an event was private cannot be told: the upgrade names it, writes nothing."""
    clock = ManualClock(START)
    with store.open(clock) as kit:
        _story(kit, clock)
    store.rewind()
    (damaged,) = store.rows("SELECT id FROM events WHERE tag = 'relationship.paused' LIMIT 1")
    store.execute("UPDATE events SET body = %s WHERE id = %s", ('{"private_to": "be', damaged[0]))
    with pytest.raises(StorageError) as refused:
        store.open(clock)
    assert store.version() == store.rewound
    assert "private_to" not in store.columns("events")
    if isinstance(store, SQLiteFile):
        assert str(damaged[0]) in str(refused.value)


def test_a_body_naming_no_person_as_private_is_read_and_refused_not_passed_over(store):
    """A damaged ``private_to`` gets no mark: the edge read meets it, and it is CorruptData.

    Ana's read then shows the relationship's time to the day only, to be safe.
    """
    clock = ManualClock(START)
    with store.open(clock) as kit:
        couple = _story(kit, clock)
    store.rewind()
    rows = store.rows("SELECT id, body FROM events WHERE tag = 'relationship.quiet_hours_set'")
    last_id, body = max(rows, key=lambda row: json.loads(row[1])["version"])
    damaged = json.loads(body) | {"private_to": 5}
    store.execute("UPDATE events SET body = %s WHERE id = %s", (json.dumps(damaged), last_id))
    with store.open(clock) as kit:
        assert store.rows("SELECT private_to FROM events WHERE id = %s", (last_id,)) == [(None,)]
        with pytest.raises(CorruptData):
            kit._storage.edge_events(couple.id, last=1)
        assert kit.relationships.get(couple.id, actor="ana").changed_at == DAY
