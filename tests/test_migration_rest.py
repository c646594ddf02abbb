"""A store written before the rest rules opens with time-outs found by week, 20 minutes at least.

SQLite schema 8 and PostgreSQL schema 6 (`repairkit.adapters._rest_steps`): a stored
``min_minutes`` below the floor of 20 is raised to 20, in a time-out's rules and in the
relationship's settings alike, and time-outs are indexed again, so the weekly ceiling
counts the time-outs called before the upgrade. The fixture is
``tests/fixtures/v5_store.db`` (three time-outs), with its rules set to 5 and 10
minutes as an earlier release allowed; it is opened on SQLite and on PostgreSQL alike.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from repairkit import Relationship
from repairkit.adapters._rest_steps import raise_min_minutes
from repairkit.ports import Storage
from repairkit.timeouts import TimeOut, TimeOutRules
from repairkit.timeouts.rest import WEEK, recent_time_outs, week_key
from test_migration_set_aside import FIXTURES, open_v5


def _lowered(path: Path) -> None:
    """Give the fixture's time-outs 5 minutes, and the couple's settings 10, as stored."""
    with sqlite3.connect(path) as db:
        db.execute(
            "UPDATE objects SET body = replace(body, '\"min_minutes\":20', '\"min_minutes\":5')"
            " WHERE kind = 'timeout'"
        )
        rules = (
            '{"timeout":{"min_minutes":10,"ceiling_hours":24,'
            '"ladder_minutes":[20,120,720,1440],"third_party_after":2,"reask_wait_hours":24}}'
        )
        db.execute(
            "UPDATE objects SET body = replace(body, '\"rules\":{}', ?)"
            " WHERE kind = 'relationship'",
            (f'"rules":{rules}',),
        )


@pytest.fixture(params=["sqlite", "postgres"])
def opened(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Storage]:
    """The lowered fixture, opened (and so migrated) by this release on each storage."""
    yield from open_v5(request, tmp_path, _lowered)


def test_the_fixture_holds_rules_below_the_floor(tmp_path):
    """The file as an earlier release could write it: 5 and 10 minutes."""
    path = tmp_path / "v5.db"
    shutil.copyfile(FIXTURES / "v5_store.db", path)
    _lowered(path)
    with sqlite3.connect(path) as db:
        bodies = " ".join(b for (b,) in db.execute("SELECT body FROM objects"))
    assert '"min_minutes":5' in bodies
    assert '"min_minutes":10' in bodies


def test_stored_rules_below_the_floor_read_as_20_minutes(opened):
    """Every time-out and the couple's settings read back with 20 minutes at least."""
    (couple,) = opened.relationships_of("ana")
    assert couple.settings.of(TimeOutRules).min_minutes == 20
    timeouts = opened.load_all(TimeOut, couple.id)
    assert len(timeouts) == 3
    assert {t.rules.min_minutes for t in timeouts} == {20}
    assert isinstance(opened.load(Relationship, couple.id), Relationship)


def test_the_time_outs_are_found_by_their_week_after_the_upgrade(opened):
    """The weekly ceiling reads the time-outs called before the upgrade, from the index."""
    (couple,) = opened.relationships_of("ana")
    every = opened.load_all(TimeOut, couple.id)
    for timeout in every:
        keyed = opened.load_keyed(
            TimeOut, couple.id, "called_in_week", week_key(timeout.caller, timeout.started_at)
        )
        assert timeout.id in {t.id for t in keyed}
    latest = max(t.started_at for t in every)
    found = recent_time_outs(opened, couple.id, "ana", latest + WEEK - timedelta(hours=1))
    assert {t.id for t in found} == {t.id for t in every if t.caller == "ana"}


@pytest.mark.parametrize(
    ("body", "raised"),
    [
        ('{"min_minutes":5}', '{"min_minutes":20}'),
        ('{"min_minutes": 19, "a": 1}', '{"min_minutes": 20, "a": 1}'),
        ('{"min_minutes":20}', '{"min_minutes":20}'),
        ('{"min_minutes":120}', '{"min_minutes":120}'),
        ('{"text":"\\"min_minutes\\":5"}', '{"text":"\\"min_minutes\\":5"}'),
    ],
)
def test_only_a_stored_number_below_20_is_raised(body, raised):
    """Free text that quotes the field name is left alone (its quotes are escaped)."""
    assert raise_min_minutes(body) == raised
