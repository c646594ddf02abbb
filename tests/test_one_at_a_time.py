"""Two commands racing for a place held one at a time: exactly one object is stored.

A command that keeps "one at a time" (one open check-in session per relationship, one
preparation per partner and check-in, one open time-out per caller) reads first and
adds after. Two servers on one database, or a double tap, can both pass the read: the
storage refuses, inside the commit's transaction, a change that would leave two
objects of one kind holding one place (`WorkflowSpec.one_at_a_time`), with a
`ConcurrencyConflict` that writes nothing. Here a second kit on the same storage runs
the same command in the gap between the first one's read and its commit, on each
storage (`Interleaved`, as in test_budget_race.py).
"""

from __future__ import annotations

from datetime import time, timedelta

import pytest

from conftest import invite_and_accept
from interleaved import Interleaved
from repairkit import ConcurrencyConflict, MemoryNotifier, NotAllowedNow, RepairKit
from repairkit.facilitators import Facilitator
from repairkit.preparations import Preparation
from repairkit.sessions import CheckInSession
from repairkit.timeouts import TimeOut


@pytest.fixture
def racing(storage_factory, clock):
    """(first kit, second kit, the storage both use, Ana and Ben's relationship)."""
    storage = storage_factory()
    heard = MemoryNotifier()
    interleaved = Interleaved(storage)
    first = RepairKit(storage=interleaved, clock=clock, notifier=heard)  # type: ignore[arg-type]
    second = RepairKit(storage=storage, clock=clock, notifier=heard)
    couple = invite_and_accept(first, ("ana", "ben"), actor="ana")
    yield first, second, interleaved, couple
    storage.close()


def _schedule(kit, couple):
    schedule = kit.checkins.propose(couple.id, actor="ana", weekday=2, start=time(19, 0))
    return kit.checkins.agree(schedule.id, actor="ben")


def test_two_sessions_opened_at_once_one_is_stored(racing):
    """Ana and Ben open a check-in at the same moment: one session, the other refused."""
    first, second, interleaved, couple = racing
    schedule = _schedule(first, couple)
    interleaved.gap = lambda: second.sessions.open(couple.id, actor="ben", schedule_id=schedule.id)
    with pytest.raises(ConcurrencyConflict) as conflict:
        first.sessions.open(couple.id, actor="ana", schedule_id=schedule.id)
    assert conflict.value.kind == "session"
    assert "one at a time" in str(conflict.value)
    [stored] = interleaved.load_all(CheckInSession, couple.id)
    assert stored.opener == "ben"
    assert interleaved.events(conflict.value.id) == []
    with pytest.raises(NotAllowedNow, match="open already"):  # retried: the workflow's answer
        first.sessions.open(couple.id, actor="ana", schedule_id=schedule.id)
    assert len(interleaved.load_all(CheckInSession, couple.id)) == 1


def test_two_first_entries_of_one_preparation_make_one_preparation(racing):
    """Ana writes from two devices at once: one preparation; the retry adds to it."""
    first, second, interleaved, couple = racing
    schedule = _schedule(first, couple)

    def write(kit, words):
        return kit.preparations.write(
            couple.id, actor="ana", schedule_id=schedule.id, kind="appreciation", words=words
        )

    interleaved.gap = lambda: write(second, "Thank you for Tuesday's dinner.")
    with pytest.raises(ConcurrencyConflict) as conflict:
        write(first, "Thank you for the walk on Sunday.")
    assert conflict.value.kind == "preparation"
    [stored] = interleaved.load_all(Preparation, couple.id)
    assert [e.words for e in stored.entries] == ["Thank you for Tuesday's dinner."]
    assert interleaved.events(conflict.value.id) == []
    retried = write(first, "Thank you for the walk on Sunday.")  # the workflow's answer: add
    assert retried.id == stored.id
    assert len(retried.entries) == 2
    assert len(interleaved.load_all(Preparation, couple.id)) == 1


def test_ben_writing_his_own_preparation_meanwhile_takes_no_place_of_anas(racing):
    """One place per partner: Ben's first entry in the gap leaves Ana's to be stored."""
    first, second, interleaved, couple = racing
    schedule = _schedule(first, couple)
    interleaved.gap = lambda: second.preparations.write(
        couple.id, actor="ben", schedule_id=schedule.id, kind="issue", words="Bedtimes."
    )
    first.preparations.write(
        couple.id, actor="ana", schedule_id=schedule.id, kind="issue", words="Screens."
    )
    stored = interleaved.load_all(Preparation, couple.id)
    assert sorted(p.author for p in stored) == ["ana", "ben"]


def test_two_time_outs_called_at_once_one_is_stored(racing):
    """Ben taps "time-out" twice: one time-out, the second refused; Ana's own is hers."""
    first, second, interleaved, couple = racing
    interleaved.gap = lambda: second.timeouts.call(couple.id, actor="ben", minutes=30)
    with pytest.raises(ConcurrencyConflict) as conflict:
        first.timeouts.call(couple.id, actor="ben", minutes=20)
    assert conflict.value.kind == "timeout"
    [stored] = interleaved.load_all(TimeOut, couple.id)
    assert (stored.caller, stored.return_at - stored.started_at) == ("ben", timedelta(minutes=30))
    assert interleaved.events(conflict.value.id) == []
    with pytest.raises(NotAllowedNow, match="one open at a time"):
        first.timeouts.call(couple.id, actor="ben", minutes=20)
    assert len(interleaved.load_all(TimeOut, couple.id)) == 1
    assert first.timeouts.call(couple.id, actor="ana", minutes=20).caller == "ana"


def test_two_third_persons_proposed_at_once_one_is_stored(racing):
    """Ana and Ben each propose a counsellor at the same moment: one proposal is stored."""
    first, second, interleaved, couple = racing
    interleaved.gap = lambda: second.facilitators.propose(
        couple.id, actor="ben", person="sam", approach="Couples counsellor"
    )
    with pytest.raises(ConcurrencyConflict) as conflict:
        first.facilitators.propose(
            couple.id, actor="ana", person="tess", approach="Gottman-trained therapist"
        )
    assert conflict.value.kind == "facilitator"
    [stored] = interleaved.load_all(Facilitator, couple.id)
    assert stored.proposer == "ben"
    assert interleaved.events(conflict.value.id) == []
    with pytest.raises(NotAllowedNow, match="one at a time"):
        first.facilitators.propose(
            couple.id, actor="ana", person="tess", approach="Gottman-trained therapist"
        )
    assert len(interleaved.load_all(Facilitator, couple.id)) == 1


def test_a_time_out_past_its_ceiling_gives_its_place_to_the_next_call(kit, couple, clock):
    """Its ceiling passed before run_due lapsed it: a new call lapses it, at its own time."""
    first = kit.timeouts.call(couple.id, actor="ben", minutes=20)
    clock.set(first.ceiling_at + timedelta(minutes=5))  # no worker ran meanwhile
    second = kit.timeouts.call(couple.id, actor="ben", minutes=20)
    assert second.state.value == "cooling off"
    lapsed = kit.timeouts.get(first.id, actor="ben")
    assert lapsed.state.value == "lapsed"
    assert kit.timeouts.events(first.id, actor="ben")[-1].at == first.ceiling_at
    assert kit.timers.run_due() == []  # nothing left for the worker: it lapsed once
