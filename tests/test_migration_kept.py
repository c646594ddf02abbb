"""A store from before the progress view: requests without their ``kept week`` keys.

SQLite schema 14 and PostgreSQL schema 12 (`repairkit.adapters._kept_step`): the step
takes ``request`` out of ``indexed_kinds``, and the storage rebuilds the requests' key
rows from the stored objects, so `kit.progress` counts the days kept before the upgrade.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from conftest import invite_and_accept
from older_stores import START, OlderStore, older_store
from repairkit import ManualClock, TimeBox

START_OF_BOX = timedelta(days=20)


@pytest.fixture(params=["sqlite", "postgres"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> OlderStore:
    """A store on each SQL storage, and how schema 13 (SQLite) or 11 (PostgreSQL) left it."""
    steps = ["DELETE FROM object_keys WHERE key = 'kept week'"]
    return older_store(request, tmp_path, sqlite=(13, steps), postgres=(11, steps))


def _kept_week(store: OlderStore) -> int:
    """How many ``kept week`` key rows there are (their values are stored digested)."""
    return int(store.rows("SELECT count(*) FROM object_keys WHERE key = 'kept week'")[0][0])


def test_days_kept_before_the_upgrade_count_after_it(store):
    """The keys come back from the stored requests; the view counts the days kept."""
    clock = ManualClock(START)
    with store.open(clock) as kit:
        couple = invite_and_accept(kit, ("ana", "ben"), actor="ana")
        box = TimeBox(starts_at=clock.now(), ends_at=clock.now() + START_OF_BOX)
        request = kit.requests.draft(
            couple.id, actor="ana", need="rest", ask="a call", time_box=box
        )
        kit.requests.propose(request.id, actor="ana")
        kit.requests.accept(request.id, actor="ben")
        kit.requests.record_follow_through(request.id, actor="ben", kept=True)
        before = kit.progress(couple.id, actor="ana", weeks=1).line("agreements_kept").values
    assert before == (1,)
    assert _kept_week(store) == 1
    store.rewind()
    assert _kept_week(store) == 0
    with store.open(clock) as kit:
        assert _kept_week(store) == 1
        after = kit.progress(couple.id, actor="ben", weeks=1).line("agreements_kept").values
    assert after == (1,)
