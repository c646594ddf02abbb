"""Check-in preparations: private while written, revealed to both at the same moment."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime, time, timedelta

import pytest

from conftest import invite_and_accept
from repairkit import InvalidInput, NotAllowedNow, NotFound, RepairKit
from repairkit.adapters import MemoryStorage
from repairkit.clock import ManualClock
from repairkit.core.values import MAX_LIMIT
from repairkit.notifiers import MemoryNotifier
from repairkit.preparations import EntryKind, PreparationState, SharedEntry

_S = PreparationState
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
THANKS = "You made dinner on Thursday when I was tired."
WALK = "Our walk on Sunday, phones at home."
ISSUE = "How late we go to bed on weeknights."
SESSION = datetime(2026, 3, 4, 19, 0, tzinfo=UTC)
"""The first check-in of the schedule agreed on Monday 2 March: Wednesday at 19:00 (UTC)."""


def _schedule(kit, couple):
    schedule = kit.checkins.propose(couple.id, actor="ana", weekday=2, start=time(19, 0))
    return kit.checkins.agree(schedule.id, actor="ben")


def _write(kit, couple, schedule, *, actor="ana", kind="appreciation", words=THANKS, share=True):
    return kit.preparations.write(
        couple.id, actor=actor, schedule_id=schedule.id, kind=kind, words=words, share=share
    )


def _unseen(kit, preparation_id, person):
    """*person* reads nothing of it: each read path answers as for an unknown id."""
    unknown = uuid.uuid4()
    for read in (kit.preparations.get, kit.preparations.moves, kit.preparations.events):
        with pytest.raises(NotFound) as seen:
            read(preparation_id, actor=person)
        with pytest.raises(NotFound) as missing:
            read(unknown, actor=person)
        assert str(seen.value).replace(str(preparation_id), "#") == str(missing.value).replace(
            str(unknown), "#"
        )


# -- writing ---------------------------------------------------------------------------------


def test_writing_begins_ones_preparation_then_adds_to_it(kit, couple, notifier):
    """The first entry begins Ana's preparation for the next check-in; the next ones join it."""
    schedule = _schedule(kit, couple)
    heard = list(notifier.received)
    first = _write(kit, couple, schedule)
    assert (first.author, first.partner, first.state, first.opens_at) == (
        "ana",
        "ben",
        _S.WRITING,
        SESSION,
    )
    second = _write(kit, couple, schedule, kind="issue", words=f"  {ISSUE} ", share=False)
    assert second.id == first.id
    assert [(e.number, e.kind, e.words, e.shared) for e in second.entries] == [
        (1, EntryKind.APPRECIATION, THANKS, True),
        (2, EntryKind.ISSUE, ISSUE, False),
    ]
    assert notifier.received == heard  # nobody is told anything


def test_the_author_revises_removes_and_marks_entries(kit, couple):
    """Entries keep their numbers; a removed one's number is not given again."""
    schedule = _schedule(kit, couple)
    prep = _write(kit, couple, schedule)
    _write(kit, couple, schedule, kind="went right", words=WALK)
    prep = kit.preparations.revise_entry(prep.id, actor="ana", entry=1, words="Dinner, thanks.")
    prep = kit.preparations.keep_private(prep.id, actor="ana", entry=2)
    prep = kit.preparations.remove_entry(prep.id, actor="ana", entry=1)
    prep = _write(kit, couple, schedule, kind="issue", words=ISSUE, share=False)
    prep = kit.preparations.mark_shared(prep.id, actor="ana", entry=3)
    assert [(e.number, e.words, e.shared) for e in prep.entries] == [
        (2, WALK, False),
        (3, ISSUE, True),
    ]
    assert prep.version == 7
    assert kit.preparations.moves(prep.id, actor="ana") == (
        "add_entry",
        "revise_entry",
        "remove_entry",
        "mark_shared",
        "keep_private",
        "ready",
        "withdraw",
    )
    prep = kit.preparations.ready(prep.id, actor="ana")
    assert prep.state is _S.READY
    assert kit.preparations.moves(prep.id, actor="ana") == ("withdraw",)


def test_add_entry_is_open_while_some_kind_has_room(kit, couple):
    """The rules bound each kind: one issue, five appreciations by default."""
    schedule = _schedule(kit, couple)
    prep = _write(kit, couple, schedule, kind="issue", words=ISSUE)
    with pytest.raises(InvalidInput, match="kind"):
        _write(kit, couple, schedule, kind="issue", words="Another one.")
    assert "add_entry" in kit.preparations.moves(prep.id, actor="ana")
    for n in range(5):
        _write(kit, couple, schedule, words=f"Thanks number {n}.")
    with pytest.raises(InvalidInput, match="kind"):
        _write(kit, couple, schedule, words="One more thanks.")


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (
            lambda k, p: k.preparations.revise_entry(p, actor="ana", entry=9, words="x y"),
            InvalidInput,
        ),
        (lambda k, p: k.preparations.remove_entry(p, actor="ana", entry="1"), InvalidInput),
        (lambda k, p: k.preparations.mark_shared(p, actor="ana", entry=1), NotAllowedNow),
        (
            lambda k, p: k.preparations.add_entry(p, actor="ana", kind="rant", words="x"),
            InvalidInput,
        ),
        (
            lambda k, p: k.preparations.add_entry(p, actor="ana", kind="issue", words=""),
            InvalidInput,
        ),
        (
            lambda k, p: k.preparations.add_entry(p, actor="ana", kind="issue", words="x" * 501),
            InvalidInput,
        ),
        (lambda k, p: k.preparations.revise_entry(p, actor="ben", entry=1, words="x y"), NotFound),
        (lambda k, p: k.preparations.withdraw(p, actor="eve"), NotFound),
    ],
)
def test_refusals_are_typed_and_change_nothing(kit, couple, call, error):
    """A refused move raises its typed error; nothing stored changes, no event is added."""
    schedule = _schedule(kit, couple)
    prep = _write(kit, couple, schedule)
    stored = kit._storage  # what is really kept
    before = (stored.load(type(prep), prep.id), stored.events(prep.id))
    with pytest.raises(error):
        call(kit, prep.id)
    after = stored.load(type(prep), prep.id)
    assert (after.entries, after.version, after.state) == (
        before[0].entries,
        before[0].version,
        before[0].state,
    )
    assert stored.events(prep.id) == before[1]


def test_writing_needs_an_agreed_schedule_of_ones_own(kit, couple, clock):
    """A schedule not agreed, ended, or of another couple: refused, typed, nothing made."""
    proposed = kit.checkins.propose(couple.id, actor="ana", weekday=2, start=time(19, 0))
    with pytest.raises(NotAllowedNow, match="no check-in to come"):
        _write(kit, couple, proposed)
    with pytest.raises(NotFound):
        kit.preparations.write(
            couple.id, actor="ana", schedule_id=uuid.uuid4(), kind="issue", words=ISSUE
        )
    other = invite_and_accept(kit, ("ana", "cleo"), actor="ana")
    with pytest.raises(NotFound):
        kit.preparations.write(
            other.id, actor="ana", schedule_id=proposed.id, kind="issue", words=ISSUE
        )
    assert kit.preparations.find(couple.id, actor="ana") == []


def test_a_ready_preparation_is_set(kit, couple):
    """Once ready, entries are set: writing is refused with a reason; withdrawing is open."""
    schedule = _schedule(kit, couple)
    prep = _write(kit, couple, schedule)
    kit.preparations.ready(prep.id, actor="ana")
    with pytest.raises(NotAllowedNow) as refused:
        _write(kit, couple, schedule, words=WALK)
    assert refused.value.allowed == ("withdraw",)
    gone = kit.preparations.withdraw(prep.id, actor="ana")
    assert gone.state is _S.WITHDRAWN
    again = _write(kit, couple, schedule, words=WALK)  # a new one, after taking it back
    assert again.id != prep.id


# -- private until revealed ------------------------------------------------------------------


def test_before_the_reveal_the_partner_and_an_outsider_read_nothing(kit, couple):
    """Ben's and Eve's answers are those for an unknown id; Ben's lists leave it out."""
    schedule = _schedule(kit, couple)
    prep = _write(kit, couple, schedule)
    kit.preparations.ready(prep.id, actor="ana")
    for person in ("ben", "eve"):
        _unseen(kit, prep.id, person)
    assert kit.preparations.find(couple.id, actor="ben") == []
    assert kit.preparations.revealed(schedule.id, actor="ben") == []
    assert kit.preparations.revealed(schedule.id, actor="ana") == []
    with pytest.raises(NotFound):
        kit.preparations.revealed(schedule.id, actor="eve")
    with pytest.raises(NotFound):
        kit.preparations.find(couple.id, actor="eve")


def _world(with_preparation: bool):
    """Ana and Ben with an agreed schedule; Ben prepares; Ana too, in one world only."""
    clock = ManualClock(datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
    notifier = MemoryNotifier()
    kit = RepairKit(storage=MemoryStorage(), clock=clock, notifier=notifier)
    couple = invite_and_accept(kit, ("ana", "ben"), actor="ana")
    schedule = _schedule(kit, couple)
    clock.advance(timedelta(hours=3))
    if with_preparation:
        prep = _write(kit, couple, schedule)
        _write(kit, couple, schedule, kind="issue", words=ISSUE, share=False)
    clock.advance(timedelta(hours=1))
    if with_preparation:
        kit.preparations.revise_entry(prep.id, actor="ana", entry=1, words=WALK)
        kit.preparations.ready(prep.id, actor="ana")
    clock.advance(timedelta(hours=2))
    _write(kit, couple, schedule, actor="ben", kind="went right", words=WALK)
    return kit, couple, schedule, notifier


def _reads(kit, couple, schedule, notifier, person):
    """Everything *person* reads of the couple, ids numbered by first sight."""
    rid = couple.id
    seen = [
        kit.relationships.get(rid, actor=person),
        kit.relationships.events(rid, actor=person),
        kit.relationships.awaiting(rid, actor=person),
        kit.timers.upcoming(rid, actor=person, limit=MAX_LIMIT),
        kit.preparations.find(rid, actor=person),
        kit.preparations.awaiting(rid, actor=person),
        kit.preparations.revealed(schedule.id, actor=person),
        kit.checkins.get(schedule.id, actor=person),
        kit.checkins.events(schedule.id, actor=person),
        [n for n in notifier.received if n.recipient == person],
    ]
    for prep in kit.preparations.find(rid, actor=person):
        seen += [kit.preparations.get(prep.id, actor=person)]
        seen += [kit.preparations.events(prep.id, actor=person)]
        seen += [kit.preparations.moves(prep.id, actor=person)]
    numbers: dict[str, str] = {}
    return _UUID.sub(lambda m: numbers.setdefault(m.group(0), f"#{len(numbers)}"), repr(seen))


def test_the_partners_reads_are_the_same_with_or_without_ones_preparation():
    """Before the reveal, Ben reads the same bytes whether Ana prepared or not.

    Ana is ready; Ben is not: his lists, the relationship's events, what awaits him,
    the deadlines coming and what was revealed are identical in both worlds.
    """
    plain = _world(with_preparation=False)
    kept = _world(with_preparation=True)
    assert _reads(*kept, "ben") == _reads(*plain, "ben")
    kit, couple, _, _ = kept
    mine = kit.preparations.find(couple.id, actor="ana")
    assert len(mine) == 1  # Ana reads her own, the same world


# -- the reveal ------------------------------------------------------------------------------


def test_both_ready_reveals_the_shared_entries_to_both_at_once(kit, couple, clock, notifier):
    """When the second partner is ready, both read both partners' shared entries, only those."""
    schedule = _schedule(kit, couple)
    heard = list(notifier.received)
    ana = _write(kit, couple, schedule)
    _write(kit, couple, schedule, kind="issue", words=ISSUE, share=False)
    ben = _write(kit, couple, schedule, actor="ben", kind="went right", words=WALK)
    kit.preparations.ready(ana.id, actor="ana")
    assert kit.preparations.revealed(schedule.id, actor="ana") == []
    clock.advance(timedelta(hours=2))
    kit.preparations.ready(ben.id, actor="ben")
    expected = [
        SharedEntry(author="ana", kind=EntryKind.APPRECIATION, words=THANKS),
        SharedEntry(author="ben", kind=EntryKind.WENT_RIGHT, words=WALK),
    ]
    assert kit.preparations.revealed(schedule.id, actor="ana") == expected
    assert kit.preparations.revealed(schedule.id, actor="ben") == expected
    seen = kit.preparations.get(ana.id, actor="ben")
    assert [(e.number, e.words) for e in seen.entries] == [(1, THANKS)]  # no private entry
    assert (seen.version, seen.next_number, seen.created_at, seen.changed_at) == (
        1,
        2,
        SESSION,
        SESSION,
    )
    assert kit.preparations.events(ana.id, actor="ben") == []  # no times, no counts
    assert kit.preparations.moves(ana.id, actor="ben") == ()
    assert [p.id for p in kit.preparations.find(couple.id, actor="ben")] == [ben.id, ana.id] or [
        p.id for p in kit.preparations.find(couple.id, actor="ben")
    ] == [ana.id, ben.id]
    _unseen(kit, ana.id, "eve")
    assert notifier.received == heard


def test_the_order_revealed_tells_nothing_of_who_wrote_first(kit, couple):
    """By kind, then by partner: Ben writing first or last reveals the same list."""
    schedule = _schedule(kit, couple)
    ben = _write(kit, couple, schedule, actor="ben", words=WALK)
    ana = _write(kit, couple, schedule, words=THANKS)
    _write(kit, couple, schedule, kind="issue", words=ISSUE)
    kit.preparations.ready(ben.id, actor="ben")
    kit.preparations.ready(ana.id, actor="ana")
    assert [(e.author, e.kind) for e in kit.preparations.revealed(schedule.id, actor="ben")] == [
        ("ana", EntryKind.APPRECIATION),
        ("ben", EntryKind.APPRECIATION),
        ("ana", EntryKind.ISSUE),
    ]


def test_a_preparation_with_nothing_shared_reveals_nothing(kit, couple):
    """Ben, ready with private entries only, is never seen: Ana reads no reveal from him.

    Ana's own entries show in her reveal only once the check-in's time comes: before it,
    nothing she reads changes because Ben is ready.
    """
    schedule = _schedule(kit, couple)
    ana = _write(kit, couple, schedule)
    ben = _write(kit, couple, schedule, actor="ben", kind="issue", words=ISSUE, share=False)
    kit.preparations.ready(ana.id, actor="ana")
    mine_before = repr(kit.preparations.get(ana.id, actor="ana"))
    kit.preparations.ready(ben.id, actor="ben")
    _unseen(kit, ben.id, "ana")
    assert kit.preparations.revealed(schedule.id, actor="ana") == []
    assert repr(kit.preparations.get(ana.id, actor="ana")) == mine_before
    assert kit.preparations.moves(ana.id, actor="ana") == ("withdraw",)
    # Ben reads Ana's shared entry: both are ready.
    assert kit.preparations.revealed(schedule.id, actor="ben") == [
        SharedEntry(author="ana", kind=EntryKind.APPRECIATION, words=THANKS)
    ]


def test_the_check_ins_time_reveals_without_anyone_ready(kit, couple, clock):
    """At the check-in's start both read what was marked for sharing, before and after run_due."""
    schedule = _schedule(kit, couple)
    ana = _write(kit, couple, schedule)
    _write(kit, couple, schedule, kind="issue", words=ISSUE, share=False)
    clock.advance(SESSION - clock.now() - timedelta(minutes=1))
    _unseen(kit, ana.id, "ben")
    clock.advance(timedelta(minutes=1))
    expected = [SharedEntry(author="ana", kind=EntryKind.APPRECIATION, words=THANKS)]
    assert kit.preparations.revealed(schedule.id, actor="ben") == expected
    seen = kit.preparations.get(ana.id, actor="ben")
    assert (seen.state, len(seen.entries)) == (_S.OPENED, 1)
    assert kit.preparations.moves(ana.id, actor="ana") == ()
    with pytest.raises(NotAllowedNow, match="time has come"):
        kit.preparations.add_entry(ana.id, actor="ana", kind="went right", words=WALK)
    done = kit.timers.run_due()
    assert [e.to_state for e in done if e.subject_id == ana.id] == ["opened"]
    assert kit.preparations.revealed(schedule.id, actor="ben") == expected
    opened = kit.preparations.events(ana.id, actor="ben")  # repairkit's move alone
    assert [(e.TAG, e.version, e.at) for e in opened] == [("preparation.opened", 1, SESSION)]
    assert kit.preparations.get(ana.id, actor="ben").version == 1
    # the check-in passed: the next one has nothing revealed yet
    clock.advance(timedelta(hours=2))
    assert kit.preparations.revealed(schedule.id, actor="ben") == []
    assert kit.preparations.get(ana.id, actor="ben").entries == seen.entries


def test_private_entries_are_never_revealed(kit, couple, clock):
    """An entry kept private stays its author's: in no read of the partner's, at any time."""
    schedule = _schedule(kit, couple)
    ana = _write(kit, couple, schedule, kind="issue", words=ISSUE, share=False)
    _write(kit, couple, schedule, words=THANKS)
    kit.preparations.ready(ana.id, actor="ana")
    clock.advance(timedelta(days=3))
    kit.timers.run_due()
    shown = repr(
        (
            kit.preparations.get(ana.id, actor="ben"),
            kit.preparations.find(couple.id, actor="ben"),
            kit.relationships.events(couple.id, actor="ben"),
        )
    )
    assert ISSUE not in shown
    assert THANKS in shown


def test_withdrawn_it_is_never_revealed(kit, couple, clock):
    """A preparation taken back reveals nothing, at the check-in either."""
    schedule = _schedule(kit, couple)
    ana = _write(kit, couple, schedule)
    kit.preparations.withdraw(ana.id, actor="ana")
    clock.advance(timedelta(days=3))
    kit.timers.run_due()
    _unseen(kit, ana.id, "ben")
    assert kit.preparations.find(couple.id, actor="ben") == []


def test_leaving_closes_it_for_its_author_alone(kit, couple):
    """A partner leaving closes every open preparation; nothing is revealed by it."""
    schedule = _schedule(kit, couple)
    ana = _write(kit, couple, schedule)
    kit.relationships.leave(couple.id, actor="ben")
    assert kit.preparations.get(ana.id, actor="ana").state is _S.CLOSED_BY_LEAVING
    _unseen(kit, ana.id, "ben")
