"""Durable timers: a missed one fires once at its own time, shared work once, a moot one never."""

from __future__ import annotations

import multiprocessing
import uuid
from datetime import datetime, timedelta
from pathlib import Path

import pytest

import repairkit
from conftest import START, invite_and_accept
from repairkit import (
    ManualClock,
    MemoryNotifier,
    NotFound,
    RelationshipRules,
    RelationshipSettings,
    TimeBox,
)
from repairkit.core.settings import MAX_DAILY_ITEMS
from repairkit.requests import RequestCompleted

NEED = "to feel we are a team at home"
ASK = "wash the dinner dishes by 10 pm"
WEEK = TimeBox(starts_at=START, ends_at=START + timedelta(days=7))
DUE = WEEK.ends_at + timedelta(hours=24)  # the default grace for late marks


def agreed(kit, couple, box=WEEK):
    """A request from Ana that Ben accepted."""
    request = kit.requests.draft(couple.id, actor="ana", need=NEED, ask=ASK, time_box=box)
    kit.requests.propose(request.id, actor="ana")
    return kit.requests.accept(request.id, actor="ben")


def test_a_timer_missed_while_the_app_was_down_fires_once_at_its_own_time(tmp_path):
    """After downtime, run_due records the completion when it fell due, not when noticed."""
    path = tmp_path / "couple.db"
    clock = ManualClock(START)
    with repairkit.open(path, clock=clock) as kit:
        couple = invite_and_accept(kit, ("ana", "ben"), actor="ana")
        request = agreed(kit, couple)
        assert kit.timers.next_due() == DUE
    clock.set(DUE + timedelta(days=10))  # the app was down for ten days past the deadline
    notifier = MemoryNotifier()
    with repairkit.open(path, clock=clock, notifier=notifier) as kit:
        [fired] = kit.timers.run_due()
        assert isinstance(fired, RequestCompleted)
        assert (fired.subject_id, fired.at) == (request.id, DUE)
        assert kit.requests.get(request.id, actor="ana").changed_at == DUE
        assert {n.created_at for n in notifier.received} == {DUE}
        assert kit.timers.run_due() == []
        assert kit.timers.next_due() is None


def test_a_moot_timer_never_fires(kit, couple, clock):
    """A deadline the object moved past (a step back) disappears: nothing fires.

    What is left is the topic's wait on the check-in agenda, which ages out weeks later.
    """
    request = agreed(kit, couple)
    assert kit.timers.next_due() == DUE
    kit.requests.step_back(request.id, actor="ben")
    (waits,) = kit.timers.upcoming(couple.id, actor="ana")
    assert (waits.workflow, waits.deadline) == ("agenda", "ages out")
    assert kit.timers.next_due() == waits.at
    assert waits.at > DUE + timedelta(days=14)
    clock.set(DUE + timedelta(days=1))
    assert kit.timers.run_due() == []
    assert kit.requests.get(request.id, actor="ana").state == "stepped back"


def test_upcoming_lists_what_a_person_may_see_coming(kit, couple, clock):
    """Each partner sees the deadlines of what they share, soonest first; drafts have none."""
    later = agreed(kit, couple, TimeBox(starts_at=START, ends_at=START + timedelta(days=14)))
    sooner = agreed(kit, couple)
    kit.requests.draft(couple.id, actor="ben", need=NEED, ask=ASK, time_box=WEEK)
    for person in ("ana", "ben"):
        seen = kit.timers.upcoming(couple.id, actor=person)
        assert [(u.workflow, u.id, u.deadline) for u in seen] == [
            ("request", sooner.id, "completes"),
            ("request", later.id, "completes"),
        ]
        assert seen[0].at == DUE
    with pytest.raises(NotFound):
        kit.timers.upcoming(couple.id, actor="eve")


def _fire_all(path: str, now: str) -> list[str]:
    """Call run_due until it finds nothing more; return the ids of what this process fired."""
    clock = ManualClock(datetime.fromisoformat(now))
    fired: list[str] = []
    with repairkit.open(path, clock=clock) as kit:
        while events := kit.timers.run_due(limit=7):
            fired.extend(str(e.subject_id) for e in events)
    return fired


def test_two_processes_on_one_file_fire_each_timer_exactly_once(tmp_path: Path):
    """Two workers sharing one SQLite file fire every due timer once between them."""
    path = str(tmp_path / "shared.db")
    # 60 requests in one day: the pressure budget raised to its ceiling for this test
    flood = RelationshipSettings(rules=[RelationshipRules(daily_items=MAX_DAILY_ITEMS)])
    with repairkit.open(path, clock=ManualClock(START)) as kit:
        couple = invite_and_accept(kit, ("ana", "ben"), actor="ana", settings=flood)
        ids = {str(agreed(kit, couple).id) for _ in range(60)}
    context = multiprocessing.get_context("spawn")
    with context.Pool(2) as pool:
        runs = [
            pool.apply_async(_fire_all, (path, (DUE + timedelta(hours=1)).isoformat()))
            for _ in range(2)
        ]
        fired = [subject for run in runs for subject in run.get(timeout=120)]
    assert sorted(fired) == sorted(ids)
    with repairkit.open(path) as kit:
        for subject in ids:
            completions = [
                e
                for e in kit._storage.events(uuid.UUID(subject))
                if isinstance(e, RequestCompleted)
            ]
            assert len(completions) == 1
