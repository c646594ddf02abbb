"""Time-outs, the rest they are for (issue 16, case 3), on memory, SQLite and PostgreSQL.

One open time-out per caller; at most 48 hours of time-out held by one person in any
7 days (lowered, never raised); near that, both hear that a third person could help,
as they do after several time-outs in a week, whatever talk they were in; while a
person is in their own time-out nothing from the other reaches them but a check-back
and the other's own time-out; and a time-out is never shorter than 20 minutes.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from conftest import BOX, START, invite_and_accept
from repairkit import (
    InvalidInput,
    ManualClock,
    MemoryNotifier,
    NotAllowedNow,
    RelationshipSettings,
    RepairKit,
)
from repairkit.adapters import MemoryStorage
from repairkit.timeouts import TimeOutNotice, TimeOutRules, TimeOutState

_S = TimeOutState
DAY = timedelta(days=1)


# -- 1. at most one open time-out per caller ------------------------------------------


@pytest.mark.parametrize(("caller", "other"), [("ana", "ben"), ("ben", "ana")])
def test_a_caller_has_one_time_out_open_at_a_time(kit, clock, notifier, caller, other):
    """A second call while one is open is refused, stores nothing and tells nobody."""
    couple = invite_and_accept(kit, ("ana", "ben"), actor="ana")
    first = kit.timeouts.call(couple.id, actor=caller, minutes=60)
    heard = len(notifier.received)
    with pytest.raises(NotAllowedNow) as refused:
        kit.timeouts.call(couple.id, actor=caller, minutes=20)
    assert refused.value.possible_from == first.ceiling_at
    assert set(refused.value.allowed) == {"come_back", "set_aside"}
    assert len(notifier.received) == heard
    assert [t.id for t in kit.timeouts.find(couple.id, actor=caller)] == [first.id]
    clock.set(first.return_at)
    kit.timers.run_due()  # at check back it is open still: a new one waits
    with pytest.raises(NotAllowedNow):
        kit.timeouts.call(couple.id, actor=caller, minutes=20)
    assert kit.timeouts.call(couple.id, actor=other, minutes=20).caller == other  # theirs
    kit.timeouts.come_back(first.id, actor=caller)
    assert kit.timeouts.call(couple.id, actor=caller, minutes=20).state is _S.COOLING_OFF


# -- 2. a weekly ceiling on the hours of time-out ---------------------------------------


def test_a_day_long_time_out_every_day_stops_at_48_hours_in_7_days(kit, couple, clock):
    """Called for 24 hours once a day, the third is refused; it says from when one fits."""
    accepted, refusals = [], []
    for day in range(7):
        clock.set(START + day * DAY)
        kit.timers.run_due()
        try:
            accepted.append(kit.timeouts.call(couple.id, actor="ben", minutes=24 * 60))
        except NotAllowedNow as refused:
            refusals.append(refused)
    assert len(accepted) == 2
    assert len(refusals) == 5
    held = sum((t.return_at - t.started_at for t in accepted), timedelta(0))
    assert held == timedelta(hours=48)
    first_free = START + timedelta(days=7)  # the first day leaves the window
    assert {r.possible_from for r in refusals} == {first_free}
    assert all("48 hours in any 7 days" in str(r) for r in refusals)
    clock.set(first_free - timedelta(minutes=1))
    kit.timers.run_due()
    with pytest.raises(NotAllowedNow):
        kit.timeouts.call(couple.id, actor="ben", minutes=24 * 60)
    clock.set(first_free)
    assert kit.timeouts.call(couple.id, actor="ben", minutes=24 * 60).state is _S.COOLING_OFF


def test_the_weekly_ceiling_counts_what_was_held_not_what_was_asked(kit, couple, clock):
    """Coming back early holds only until then: short time-outs leave room for more."""
    for _ in range(4):
        pause = kit.timeouts.call(couple.id, actor="ana", minutes=24 * 60)
        clock.advance(timedelta(hours=1))
        kit.timeouts.come_back(pause.id, actor="ana")
    assert kit.timeouts.call(couple.id, actor="ana", minutes=24 * 60).state is _S.COOLING_OFF


def test_the_weekly_ceiling_is_each_persons_own(kit, couple, clock):
    """Ana's hours never count against Ben."""
    for _ in range(2):
        kit.timeouts.call(couple.id, actor="ana", minutes=24 * 60)
        clock.advance(DAY)
        kit.timers.run_due()
    with pytest.raises(NotAllowedNow):
        kit.timeouts.call(couple.id, actor="ana", minutes=60)
    assert kit.timeouts.call(couple.id, actor="ben", minutes=24 * 60).caller == "ben"


def test_an_extension_stops_at_what_the_weekly_ceiling_leaves(kit, clock, notifier):
    """With 6 hours a week agreed, an extension ends where they end, then cannot go on."""
    rules = RelationshipSettings(rules=[TimeOutRules(weekly_ceiling_hours=6)])
    couple = invite_and_accept(kit, ("ana", "ben"), actor="ana", settings=rules)
    pause = kit.timeouts.call(couple.id, actor="ana", minutes=120)
    clock.set(pause.return_at)
    kit.timers.run_due()
    capped = kit.timeouts.extend(pause.id, actor="ana")  # the ladder asks 12 hours
    assert capped.return_at == START + timedelta(hours=6)
    clock.set(capped.return_at)
    kit.timers.run_due()
    assert "extend" not in kit.timeouts.moves(pause.id, actor="ana")
    heard = len(notifier.received)
    with pytest.raises(NotAllowedNow, match="6 hours in any 7 days"):
        kit.timeouts.extend(pause.id, actor="ana")
    assert len(notifier.received) == heard
    assert kit.timeouts.get(pause.id, actor="ana").return_at == capped.return_at
    assert kit.timeouts.come_back(pause.id, actor="ben").state is _S.RESUMED


def test_the_weekly_ceiling_can_be_lowered_never_raised(kit, clock):
    """A couple may agree 12 hours a week; 49 is refused, as is one shorter than a time-out."""
    with pytest.raises(InvalidInput, match="weekly_ceiling_hours"):
        TimeOutRules(weekly_ceiling_hours=49)
    with pytest.raises(InvalidInput, match="weekly_ceiling_hours"):
        TimeOutRules(weekly_ceiling_hours=0)
    rules = RelationshipSettings(rules=[TimeOutRules(weekly_ceiling_hours=12)])
    couple = invite_and_accept(kit, ("ana", "ben"), actor="ana", settings=rules)
    with pytest.raises(InvalidInput, match="20 to 720 minutes"):
        kit.timeouts.call(couple.id, actor="ana", minutes=13 * 60)
    pause = kit.timeouts.call(couple.id, actor="ana", minutes=12 * 60)
    clock.set(pause.return_at)
    kit.timers.run_due()
    kit.timeouts.come_back(pause.id, actor="ana")
    with pytest.raises(NotAllowedNow) as refused:
        kit.timeouts.call(couple.id, actor="ana", minutes=20)
    assert refused.value.possible_from == START + timedelta(days=7)


# -- 3. near the ceiling, and after several time-outs: a third person -----------------


def test_near_the_weekly_ceiling_both_hear_a_third_person_could_help(kit, couple, clock, notifier):
    """The time-out that reaches 36 of the 48 hours tells both, naming nobody."""
    first = kit.timeouts.call(couple.id, actor="ben", minutes=23 * 60)
    assert not first.third_party_suggested
    clock.set(first.return_at)
    kit.timers.run_due()
    kit.timeouts.come_back(first.id, actor="ben")
    before = len(notifier.received)
    second = kit.timeouts.call(couple.id, actor="ben", minutes=13 * 60)
    assert second.third_party_suggested
    told = notifier.received[before:]
    third = [n for n in told if n.kind is TimeOutNotice.THIRD_PARTY_SUGGESTED]
    assert sorted(n.recipient for n in third) == ["ana", "ben"]
    for note in third:
        assert "third person" in note.message
        assert "ana" not in note.message.lower()
        assert "ben" not in note.message.lower()


def test_a_third_person_is_suggested_after_three_time_outs_in_a_week(kit, couple, clock, notifier):
    """No `follows=` needed: the third time-out in 7 days, by either partner, suggests one."""
    for caller in ("ana", "ben"):
        pause = kit.timeouts.call(couple.id, actor=caller, minutes=20)
        assert not pause.third_party_suggested
        clock.advance(timedelta(hours=1))
        kit.timers.run_due()
        kit.timeouts.come_back(pause.id, actor=caller)
        clock.advance(DAY)
    before = len(notifier.received)
    third = kit.timeouts.call(couple.id, actor="ana", minutes=20)
    assert third.third_party_suggested
    kinds = {(n.recipient, n.kind) for n in notifier.received[before:]}
    assert kinds == {
        ("ana", TimeOutNotice.THIRD_PARTY_SUGGESTED),
        ("ben", TimeOutNotice.THIRD_PARTY_SUGGESTED),
    }
    kit.timeouts.come_back(third.id, actor="ana")
    clock.advance(timedelta(days=7))  # the window moved on: one time-out is one time-out
    assert not kit.timeouts.call(couple.id, actor="ben", minutes=20).third_party_suggested


class Watch(MemoryStorage):
    """A memory storage that records the queries it is asked, and any scan."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: list[tuple[str, object]] = []
        self.walked: dict[str, int] = {}
        """The most objects a key held when it was asked (what an index walks), by key."""

    def load_all(self, kind, relationship_id, *, states=None):
        self.asked.append(("load_all", kind.__name__))
        return super().load_all(kind, relationship_id, states=states)

    def load_keyed(self, kind, relationship_id, key, value, *, states=None):
        self.asked.append(("load_keyed", key))
        held = len(super().load_keyed(kind, relationship_id, key, value))
        self.walked[key] = max(self.walked.get(key, 0), held)
        return super().load_keyed(kind, relationship_id, key, value, states=states)

    def count_events(self, relationship_id, actor, since, *, tags=None, new_items=False):
        self.asked.append(("count_events", tuple(tags or ()) or ("new items",) * new_items))
        return super().count_events(relationship_id, actor, since, tags=tags, new_items=new_items)


def test_the_rules_read_indexes_never_the_history():
    """Two months of time-outs later, a call asks no more than in its first week.

    It reads the caller's open time-out, the weeks a window reaches and three counts;
    never a scan.
    """
    storage, clock = Watch(), ManualClock(START)
    with RepairKit(storage=storage, clock=clock, notifier=MemoryNotifier()) as kit:
        couple = invite_and_accept(kit, ("ana", "ben"), actor="ana")
        asked_per_call = []
        for _ in range(60):  # two months, a time-out a day each
            for caller in ("ana", "ben"):
                storage.asked.clear()
                pause = kit.timeouts.call(couple.id, actor=caller, minutes=20)
                asked_per_call.append(len(storage.asked))
                last = list(storage.asked)
                assert not [a for a in storage.asked if a[0] == "load_all"]
                kit.timeouts.come_back(pause.id, actor=caller)
            clock.advance(DAY)
        # Two counts by the time-out's rules, one by the pressure budget (its notice).
        assert last.count(("count_events", ("timeout.called",))) == 3
        assert {key for query, key in last if query == "load_keyed"} == {
            "open_caller",
            "called_in_week",
        }
        assert max(asked_per_call) == max(asked_per_call[:20])
        # What each query walks stays flat too: a person's open time-out is found among
        # their open ones (never the 60 they called), a week's among that week's.
        assert storage.walked["open_caller"] <= 1
        assert storage.walked["called_in_week"] <= 7


# -- 4. nothing from the other reaches a person in their own time-out ----------------


@pytest.mark.parametrize(("rests", "other"), [("ana", "ben"), ("ben", "ana")])
def test_in_ones_own_time_out_nothing_from_the_other_arrives_until_it_ends(
    kit, clock, notifier, rests, other
):
    """A boundary, a request, a talk wait in the outbox; they go out after the time-out."""
    couple = invite_and_accept(kit, ("ana", "ben"), actor="ana")
    pause = kit.timeouts.call(couple.id, actor=rests, minutes=60)
    before = len(notifier.received)
    boundary = kit.boundaries.draft(couple.id, actor=other, rule="No sarcasm when we disagree.")
    kit.boundaries.propose(boundary.id, actor=other)
    request = kit.requests.draft(
        couple.id, actor=other, need="rest", ask="a quiet evening", time_box=BOX
    )
    kit.requests.propose(request.id, actor=other)
    kit.talks.start(couple.id, actor=other)
    assert [n for n in notifier.received[before:] if n.recipient == rests] == []
    assert kit.outbox.deliver_pending() == 0
    waiting = kit.outbox.waiting()
    assert len(waiting) == 3
    assert {n.recipient for n in waiting} == {rests}
    clock.set(pause.return_at)
    kit.timers.run_due()  # the check-back reaches both at once
    checked = [n for n in notifier.received if n.kind is TimeOutNotice.TIME_TO_CHECK_BACK]
    assert sorted(n.recipient for n in checked) == ["ana", "ben"]
    assert kit.outbox.deliver_pending() == 3
    assert kit.outbox.waiting() == []


def test_the_hold_ends_at_the_return_time_and_an_extension_starts_it_again(
    kit, couple, clock, notifier
):
    """Back at the agreed time, the caller hears the other at once; extending rests again."""
    pause = kit.timeouts.call(couple.id, actor="ana", minutes=20)
    clock.set(pause.return_at)
    kit.timers.run_due()  # check back: the caller is back, even before answering it
    boundary = kit.boundaries.draft(couple.id, actor="ben", rule="No sarcasm when we disagree.")
    kit.boundaries.propose(boundary.id, actor="ben")
    assert kit.outbox.waiting() == []  # delivered at once, not held
    kit.timeouts.extend(pause.id, actor="ana")  # a specific extension: a new rest
    request = kit.requests.draft(
        couple.id, actor="ben", need="rest", ask="a quiet evening", time_box=BOX
    )
    kit.requests.propose(request.id, actor="ben")
    assert [n.recipient for n in kit.outbox.waiting()] == ["ana"]  # held again


def test_the_other_partners_own_time_out_reaches_one_in_a_time_out(kit, couple, clock, notifier):
    """Both may step out: each hears of the other's time-out, and of its check-back."""
    mine = kit.timeouts.call(couple.id, actor="ana", minutes=120)
    theirs = kit.timeouts.call(couple.id, actor="ben", minutes=20)
    heard = [(n.recipient, n.kind) for n in notifier.received]
    assert heard == [
        ("ben", TimeOutNotice.TIME_OUT_CALLED),
        ("ana", TimeOutNotice.TIME_OUT_CALLED),
    ]
    clock.set(theirs.return_at)
    kit.timers.run_due()
    told = {n.recipient for n in notifier.received if n.kind is TimeOutNotice.TIME_TO_CHECK_BACK}
    assert told == {"ana", "ben"}
    kit.timeouts.set_aside(theirs.id, actor="ben")  # not a check-back: it waits for ana
    assert kit.outbox.deliver_pending() == 0
    assert [n.recipient for n in kit.outbox.waiting()] == ["ana"]
    kit.timeouts.come_back(mine.id, actor="ana")
    assert kit.outbox.deliver_pending() == 1


def test_ones_own_time_out_holds_nothing_meant_for_the_other(kit, couple, notifier):
    """Ana in her time-out still reaches Ben at once: the hold is hers alone."""
    kit.timeouts.call(couple.id, actor="ana", minutes=60)
    boundary = kit.boundaries.draft(couple.id, actor="ana", rule="No sarcasm when we disagree.")
    kit.boundaries.propose(boundary.id, actor="ana")
    assert [n.recipient for n in notifier.received] == ["ben", "ben"]
    assert kit.outbox.waiting() == []


# -- 5. never shorter than 20 minutes -----------------------------------------------


@pytest.mark.parametrize("minutes", [1, 10, 19])
def test_min_minutes_cannot_go_below_20(minutes):
    """The sourced floor (Gottman): a couple may raise it, never lower it."""
    with pytest.raises(InvalidInput, match="min_minutes"):
        TimeOutRules(min_minutes=minutes)
    assert TimeOutRules(min_minutes=30).min_minutes == 30
