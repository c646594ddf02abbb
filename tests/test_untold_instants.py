"""No "last seen" in what a move derived: the other's untold move shows its day only (rule 4).

A time-out called past its daily notice (the other is not told again that day) must not
show its time through what follows from it: its return time, the deadlines
`kit.timers.upcoming` lists for it. A second pause in a day (a safety hook the other
is not told of again) must not show its time on the relationship either.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, time, timedelta

import repairkit
from conftest import START, invite_and_accept
from repairkit import QuietHours, RelationshipSettings
from repairkit._told import RECENT_MOVES
from repairkit.adapters import MemoryStorage
from repairkit.core.events import day_of
from repairkit.core.relationship import Relationship
from repairkit.core.untold import deadlines_to_the_day, instants_to_the_day, recorded_instants
from repairkit.talks import Talk, TalkRules
from repairkit.timeouts import TimeOut, TimeOutNotice

DAY = datetime(2026, 3, 2, tzinfo=UTC)
"""The start of START's calendar day (the couple's zone is UTC by default)."""


def _untold_time_out(kit, couple, clock, notifier):
    """Ana's second time-out of the day: Ben is not told of it. Returns it as stored for Ana."""
    first = kit.timeouts.call(couple.id, actor="ana", minutes=20)
    kit.timeouts.set_aside(first.id, actor="ana")
    clock.advance(timedelta(hours=2, minutes=17, seconds=3))
    heard = len(notifier.received)
    second = kit.timeouts.call(couple.id, actor="ana", minutes=45)
    assert not [n for n in notifier.received[heard:] if n.recipient == "ben"]
    return second


def test_an_untold_time_out_shows_its_return_time_to_the_day(kit, couple, clock, notifier):
    """Ben reads Ana's untold time-out: its start and its return time are days, not times."""
    called = _untold_time_out(kit, couple, clock, notifier)
    assert called.return_at == called.started_at + timedelta(minutes=45)  # Ana's own: exact
    for seen in (
        kit.timeouts.get(called.id, actor="ben"),
        *kit.timeouts.find(couple.id, actor="ben"),
    ):
        if seen.id != called.id:
            continue
        assert (seen.started_at, seen.changed_at, seen.return_at) == (DAY, DAY, DAY)
    mine = kit.timeouts.get(called.id, actor="ana")
    assert (mine.started_at, mine.return_at) == (called.started_at, called.return_at)


def test_the_deadlines_of_an_untold_time_out_show_their_day_only(kit, couple, clock, notifier):
    """kit.timers.upcoming gives Ben the check-back and lapse of it as days, marked so."""
    called = _untold_time_out(kit, couple, clock, notifier)
    theirs = [u for u in kit.timers.upcoming(couple.id, actor="ben") if u.id == called.id]
    assert {(u.deadline, u.at, u.day_only) for u in theirs} == {
        ("check back", DAY, True),
        ("lapses", DAY + timedelta(days=1), True),
    }
    mine = [u for u in kit.timers.upcoming(couple.id, actor="ana") if u.id == called.id]
    assert {(u.deadline, u.at, u.day_only) for u in mine} == {
        ("check back", called.return_at, False),
        ("lapses", called.ceiling_at, False),
    }


def test_a_told_time_out_keeps_its_times(kit, couple, clock, notifier):
    """The first time-out of the day reached Ben: he reads its times as they are."""
    clock.advance(timedelta(minutes=7, seconds=11))
    called = kit.timeouts.call(couple.id, actor="ana", minutes=20)
    assert [n.recipient for n in notifier.received if n.kind is TimeOutNotice.TIME_OUT_CALLED]
    seen = kit.timeouts.get(called.id, actor="ben")
    assert (seen.started_at, seen.return_at) == (called.started_at, called.return_at)
    upcoming = kit.timers.upcoming(couple.id, actor="ben")
    assert {(u.at, u.day_only) for u in upcoming} == {
        (called.return_at, False),
        (called.ceiling_at, False),
    }


def test_a_second_pause_in_a_day_shows_its_day_on_the_relationship(kit, couple, clock, notifier):
    """Ben's second pause of the day is not told to Ana: the relationship shows her its day."""
    kit.relationships.propose_settings(
        couple.id, actor="ben", settings=RelationshipSettings(time_zone="Europe/Berlin")
    )
    kit.relationships.pause(couple.id, actor="ben")
    kit.relationships.come_back(couple.id, actor="ben")
    clock.advance(timedelta(hours=3, minutes=1, seconds=9))
    heard = len(notifier.received)
    paused = kit.relationships.pause(couple.id, actor="ben")
    assert not [n for n in notifier.received[heard:] if n.recipient == "ana"]
    assert paused.changed_at == START + timedelta(hours=3, minutes=1, seconds=9)  # his own
    seen = kit.relationships.get(couple.id, actor="ana")
    [listed] = kit.relationships.for_person("ana")
    [waiting] = [
        w.item
        for w in kit.relationships.awaiting(couple.id, actor="ana")
        if w.kind == "relationship"
    ]  # the settings Ben suggested await her answer
    for relationship in (seen, listed, waiting):
        assert relationship.changed_at == DAY
    assert kit.relationships.get(couple.id, actor="ben").changed_at == paused.changed_at


def test_an_untold_pause_keeps_its_day_after_many_private_moves(kit, couple, clock, notifier):
    """Ben's private moves after his untold pause (more than a read path reads) hide nothing.

    Coming back and setting quiet hours again and again are his own: they leave nothing in
    Ana's copy, so they never push the untold pause out of what a read path reads of the
    relationship (`Storage.edge_events` passes over private events).
    """
    kit.relationships.pause(couple.id, actor="ben")
    kit.relationships.come_back(couple.id, actor="ben")
    clock.advance(timedelta(hours=2, minutes=4, seconds=31))
    heard = len(notifier.received)
    paused = kit.relationships.pause(couple.id, actor="ben")
    assert not [n for n in notifier.received[heard:] if n.recipient == "ana"]
    clock.advance(timedelta(minutes=3))
    kit.relationships.come_back(couple.id, actor="ben")
    for hour in range(RECENT_MOVES + 1):
        clock.advance(timedelta(minutes=1))
        quiet = QuietHours(starts=time(20 + hour % 4, 0), ends=time(7, 0))
        kit.relationships.set_quiet_hours(couple.id, actor="ben", quiet_hours=quiet)
    mine = kit.relationships.get(couple.id, actor="ben")
    assert mine.changed_at == paused.changed_at  # the shared time is the pause, his own: exact
    assert kit.relationships.get(couple.id, actor="ana").changed_at == DAY
    [listed] = kit.relationships.for_person("ana")
    assert listed.changed_at == DAY


def test_the_first_pause_of_a_day_keeps_its_time_for_the_other(kit, couple, clock):
    """Ana was told of Ben's pause: she reads when it was made."""
    clock.advance(timedelta(minutes=13))
    paused = kit.relationships.pause(couple.id, actor="ben")
    assert kit.relationships.get(couple.id, actor="ana").changed_at == paused.changed_at


def test_an_untold_call_keeps_its_day_after_the_check_back(kit, couple, clock, notifier):
    """After repairkit checks back, the untold call is no longer the last move: still a day.

    The check-back follows the call Ben was not told of, so he is not told of it either
    (issue 16: otherwise each time-out would reach him through its check-back): the
    return time stays its day, the start too, and the lapse (which follows from the start).
    """
    called = _untold_time_out(kit, couple, clock, notifier)
    heard = len(notifier.for_person("ben"))
    clock.advance(timedelta(minutes=45))
    [checked] = kit.timers.run_due()
    assert (checked.at, checked.untold) == (called.return_at, True)
    assert len(notifier.for_person("ben")) == heard
    seen = kit.timeouts.get(called.id, actor="ben")
    assert (seen.started_at, seen.return_at, seen.changed_at) == (DAY, DAY, DAY)
    [lapse] = [u for u in kit.timers.upcoming(couple.id, actor="ben") if u.id == called.id]
    assert (lapse.deadline, lapse.at, lapse.day_only) == ("lapses", DAY + timedelta(days=1), True)
    mine = kit.timeouts.get(called.id, actor="ana")
    assert mine.started_at == called.started_at
    # The relationship's events tell the same: the check-back's time would tell the call's.
    ben_reads = [e for e in kit.relationships.events(couple.id, actor="ben") if e.id == checked.id]
    assert [e.at for e in ben_reads] == [DAY]
    ana_reads = [e for e in kit.relationships.events(couple.id, actor="ana") if e.id == checked.id]
    assert [e.at for e in ana_reads] == [DAY]  # nobody was told of it: no one reads its second


def test_a_second_pause_keeps_its_day_after_a_private_come_back(kit, couple, clock, notifier):
    """Ben comes back (a move of his own, private): his untold pause still shows its day."""
    kit.relationships.pause(couple.id, actor="ben")
    kit.relationships.come_back(couple.id, actor="ben")
    clock.advance(timedelta(hours=1, seconds=5))
    kit.relationships.pause(couple.id, actor="ben")
    clock.advance(timedelta(minutes=20))
    back = kit.relationships.come_back(couple.id, actor="ben")
    assert back.changed_at == START + timedelta(hours=1, seconds=5)  # the shared time is the pause
    assert kit.relationships.get(couple.id, actor="ana").changed_at == DAY


def test_a_talk_start_the_reader_was_not_told_of_shows_its_limit_to_the_day():
    """The rule is one for every workflow: what a move's event records is what it set.

    No talk move goes untold today (a talk's start is always told); were one, its limit
    (the start plus the agreed minutes) and the deadlines that follow from the start would
    show their day only, as a time-out's do.
    """
    rules = TalkRules()
    at = START + timedelta(hours=5, minutes=3, seconds=7)
    talk, started = Talk.start(
        relationship_id=uuid.uuid4(), started_by="ana", other="ben", rules=rules, at=at
    )
    set_by_it = recorded_instants(started)
    assert set_by_it == {at, talk.limit_at}
    seen = instants_to_the_day(talk, set_by_it, UTC)
    assert (seen.started_at, seen.changed_at, seen.limit_at) == (DAY, DAY, DAY)
    assert (talk.started_at, talk.limit_at) == (at, started.limit_at)  # left as it was
    shown = {d.name: day for d, day in deadlines_to_the_day(talk, set_by_it, UTC)}
    assert shown == {"closes": day_of(talk.closes_at, UTC), "time-out suggested": DAY}
    assert all(day is None for _, day in deadlines_to_the_day(talk, (), UTC))  # told: exact


def test_a_move_of_ones_own_shows_the_others_untold_call_to_the_day(kit, couple, clock, notifier):
    """Ben comes back to Ana's untold time-out: the result of his own move shows its day."""
    called = _untold_time_out(kit, couple, clock, notifier)
    clock.advance(timedelta(minutes=45))
    kit.timers.run_due()
    resumed = kit.timeouts.come_back(called.id, actor="ben")
    assert (resumed.started_at, resumed.changed_at) == (DAY, called.return_at)
    again = kit.timeouts.call(couple.id, actor="ana", minutes=20)  # her own: exact
    assert again.started_at == clock.now()


def test_a_kit_reads_an_untold_move_made_through_another_kit(tmp_path, clock, notifier):
    """Two kits (two servers) on one database: each reads what the other moved.

    What one kit kept of an object's last moves gives way once the other moves it
    (`repairkit._told.Edges` is kept by version).
    """
    path = tmp_path / "shared.db"
    with (
        repairkit.open(path, clock=clock, notifier=notifier) as first,
        repairkit.open(path, clock=clock, notifier=notifier) as second,
    ):
        couple = invite_and_accept(first, ("ana", "ben"), actor="ana")
        first.relationships.pause(couple.id, actor="ben")
        first.relationships.come_back(couple.id, actor="ben")
        assert first.relationships.get(couple.id, actor="ana").changed_at != DAY  # told: exact
        clock.advance(timedelta(hours=3, minutes=1, seconds=9))
        second.relationships.pause(couple.id, actor="ben")  # his second of the day: untold
        assert first.relationships.get(couple.id, actor="ana").changed_at == DAY
        clock.advance(timedelta(minutes=7))
        first.relationships.come_back(couple.id, actor="ben")  # through the kit that kept it
        assert first.relationships.get(couple.id, actor="ana").changed_at == DAY


def test_what_a_kit_keeps_of_last_moves_is_what_storage_holds(kit, couple, clock, notifier):
    """After commands, reads and a timer, the edge events a kit keeps equal the stored ones."""
    called = _untold_time_out(kit, couple, clock, notifier)
    kit.timeouts.get(called.id, actor="ben")
    for _ in range(6):
        clock.advance(timedelta(minutes=5))
        kit.relationships.pause(couple.id, actor="ben")
        kit.relationships.get(couple.id, actor="ana")
        kit.relationships.come_back(couple.id, actor="ben")
    clock.advance(timedelta(minutes=45))
    kit.timers.run_due()
    kit.timeouts.get(called.id, actor="ben")
    runner = kit._runner
    for obj in (
        runner.storage.load(Relationship, couple.id),
        runner.storage.load(TimeOut, called.id),
    ):
        kept = runner.edges.of(runner.storage, obj.id, obj.version)
        assert list(kept) == runner.storage.edge_events(obj.id, last=RECENT_MOVES)
        shared = [e for e in runner.storage.events(obj.id) if e.private_to is None]
        assert list(kept) == [shared[0], *shared[1:][-RECENT_MOVES:]]
        assert kept[-1].version <= obj.version  # private moves may follow: not kept
    assert runner.storage.events(couple.id)[-1].private_to == "ben"  # his come-back is last


class _Counted(MemoryStorage):
    """A memory storage that counts the edge reads asked of it."""

    edge_reads = 0

    def edge_events(self, subject_id, *, last=1):
        self.edge_reads += 1
        return super().edge_events(subject_id, last=last)


def test_a_kit_keeps_edge_events_through_private_moves_without_reading_again(clock, notifier):
    """A private move brings what a kit keeps to its version: its result reads nothing more.

    Ben's come-back and quiet hours add nothing to what `Storage.edge_events` gives,
    and the kit knows it from the move itself; a shared move adds its event.
    """
    storage = _Counted()
    with repairkit.RepairKit(storage=storage, clock=clock, notifier=notifier) as kit:
        couple = invite_and_accept(kit, ("ana", "ben"), actor="ana")
        kit.relationships.pause(couple.id, actor="ben")
        before = storage.edge_reads
        kit.relationships.come_back(couple.id, actor="ben")
        for hour in (21, 22):
            quiet = QuietHours(starts=time(hour, 0), ends=time(7, 0))
            kit.relationships.set_quiet_hours(couple.id, actor="ben", quiet_hours=quiet)
        kit.relationships.pause(couple.id, actor="ben")
        assert storage.edge_reads == before
        stored = storage.load(Relationship, couple.id)
        kept = kit._runner.edges.of(storage, couple.id, stored.version)
        assert storage.edge_reads == before
        assert list(kept) == storage.edge_events(couple.id, last=RECENT_MOVES)


def test_the_others_untold_time_outs_are_listed_in_no_order_of_making(kit, couple, clock, notifier):
    """Issue 16, 5.3: ties at a day come in the order of their random ids, never of making.

    Ben knows Ana's untold time-outs to the day only, so all of them to one instant; the
    order he reads them in must not say which she called first.
    """
    made = [_untold_time_out(kit, couple, clock, notifier)]
    for _ in range(4):
        clock.advance(timedelta(minutes=7))
        kit.timeouts.set_aside(made[-1].id, actor="ana")  # told: at that time, not the call's
        clock.advance(timedelta(minutes=31))
        made.append(kit.timeouts.call(couple.id, actor="ana", minutes=20))
    untold = ids(made)
    assert {t.started_at for t in kit.timeouts.find(couple.id, actor="ben") if t.id in untold} == {
        DAY
    }
    listed = [t.id for t in kit.timeouts.find(couple.id, actor="ben") if t.id in untold]
    assert listed == sorted(untold)  # random ids: the order of making is not kept
    mine = [t.id for t in kit.timeouts.find(couple.id, actor="ana") if t.id in untold]
    assert mine == [t.id for t in made]  # Ana knows their times: hers come as she made them


def ids(objects):
    """The ids of *objects*, as a set."""
    return {obj.id for obj in objects}
