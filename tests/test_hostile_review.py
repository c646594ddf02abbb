"""A hostile partner's review: the public API attacked as one partner would attack the other.

Four probes (docs/safety.md): every channel that reaches the other partner is bounded by
the pressure budget; what the other reads leaks no timing of private moves; bad input
is refused alike by memory and SQLite (and PostgreSQL, where the ``kit`` fixture runs),
with a typed error, storing nothing; leaving closes everything and nothing reaches the
leaver afterwards. Each test asserts the safe behaviour.
"""

from __future__ import annotations

import collections
import inspect
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any

import attrs
import pytest

from conftest import START, invite_and_accept
from repairkit import (
    InvalidInput,
    ManualClock,
    MemoryNotifier,
    NotAllowedNow,
    QuietHours,
    RelationshipNotice,
    RelationshipRules,
    RelationshipSettings,
    RepairKit,
    RepairkitError,
    TimeBox,
)
from repairkit.adapters import MemoryStorage, SQLiteStorage
from repairkit.repairs import RepairLink, RepairLinkKind
from repairkit.timeouts import TimeOutNotice

BUDGET = 3
"""The daily budget both partners agree to before a flooding probe (small, to run fast)."""
ATTEMPTS = 40
"""How many times a flooding probe tries its channel in one day."""


@pytest.fixture(params=["memory", "sqlite"])
def local_kit(
    request: pytest.FixtureRequest, tmp_path: Path, clock: ManualClock, notifier: MemoryNotifier
) -> Iterator[RepairKit]:
    """A kit on memory and on SQLite (the probes that need no PostgreSQL server)."""
    storage = MemoryStorage() if request.param == "memory" else SQLiteStorage(tmp_path / "k.db")
    with RepairKit(storage=storage, clock=clock, notifier=notifier) as made:
        yield made


def _box(clock: ManualClock, days: int = 7) -> TimeBox:
    return TimeBox(starts_at=clock.now(), ends_at=clock.now() + timedelta(days=days))


def _boundary(kit: RepairKit, couple_id: uuid.UUID, proposer: str, other: str) -> Any:
    made = kit.boundaries.draft(couple_id, actor=proposer, rule="No phones at dinner.")
    kit.boundaries.propose(made.id, actor=proposer)
    return kit.boundaries.agree(made.id, actor=other)


def _agreement(kit: RepairKit, couple_id: uuid.UUID, clock: ManualClock) -> Any:
    """Ben asks, Ana accepts (Ana carries it out)."""
    made = kit.requests.draft(
        couple_id, actor="ben", need="rest", ask="a walk", time_box=_box(clock)
    )
    return kit.requests.accept(kit.requests.propose(made.id, actor="ben").id, actor="ana")


Cycle = Callable[[RepairKit, Any, Any, int], object]
"""One round of a channel: ``cycle(kit, couple, prepared, i)``, Ana the sender."""


def _words_cycle(kit: RepairKit, couple: Any, boundary: Any, i: int) -> None:
    kit.boundaries.propose_revision(boundary.id, actor="ana", rule=f"No phones at dinner {i}.")
    kit.boundaries.withdraw_revision(boundary.id, actor="ana")  # by the proposer: takes it back


def _settings_cycle(kit: RepairKit, couple: Any, _: Any, i: int) -> None:
    offered = RelationshipSettings(rules=[RelationshipRules(reask_wait_hours=i % 24)])
    kit.relationships.propose_settings(couple.id, actor="ana", settings=offered)
    kit.relationships.withdraw_settings(couple.id, actor="ana")


def _settings_replaced(kit: RepairKit, couple: Any, _: Any, i: int) -> None:
    offered = RelationshipSettings(rules=[RelationshipRules(reask_wait_hours=i % 24)])
    kit.relationships.propose_settings(couple.id, actor="ana", settings=offered)  # replaces hers


def _crossing_cycle(kit: RepairKit, couple: Any, boundary: Any, i: int) -> None:
    noted = kit.crossings.notice(couple.id, actor="ana", boundary_id=boundary.id)
    kit.crossings.withdraw(noted.id, actor="ana")


def _ending_cycle(kit: RepairKit, couple: Any, agreement: Any, i: int) -> None:
    kit.requests.propose_ending(agreement.id, actor="ana")
    kit.requests.keep_going(agreement.id, actor="ana")  # by the proposer: taken back


def _talk_cycle(kit: RepairKit, couple: Any, _: Any, i: int) -> None:
    kit.talks.end(kit.talks.start(couple.id, actor="ana").id, actor="ana")


def _request_cycle(kit: RepairKit, couple: Any, _: Any, i: int) -> None:
    box = TimeBox(starts_at=START, ends_at=START + timedelta(days=7))
    made = kit.requests.draft(couple.id, actor="ana", need=f"rest {i}", ask="a walk", time_box=box)
    kit.requests.withdraw(kit.requests.propose(made.id, actor="ana").id, actor="ana")


def _repair_link_cycle(kit: RepairKit, couple: Any, prepared: Any, i: int) -> None:
    owned, repairs = prepared  # two repairs linked in turn: each link replaces the last
    kit.crossings.link_repair(owned.id, actor="ana", repair_id=repairs[i % 2])


def _nothing(kit: RepairKit, couple: Any, clock: ManualClock) -> None:
    return None


def _anas_boundary(kit: RepairKit, couple: Any, clock: ManualClock) -> Any:
    return _boundary(kit, couple.id, "ana", "ben")


def _bens_boundary(kit: RepairKit, couple: Any, clock: ManualClock) -> Any:
    return _boundary(kit, couple.id, "ben", "ana")


def _anas_agreement(kit: RepairKit, couple: Any, clock: ManualClock) -> Any:
    return _agreement(kit, couple.id, clock)


def _owned_crossing(kit: RepairKit, couple: Any, clock: ManualClock) -> Any:
    boundary = _boundary(kit, couple.id, "ben", "ana")
    clock.advance(timedelta(hours=1))
    return kit.crossings.own(couple.id, actor="ana", boundary_id=boundary.id)


def _crossing_and_repairs(kit: RepairKit, couple: Any, clock: ManualClock) -> Any:
    """Ana's owned crossing, and two repairs of hers that may follow it (one standing alone)."""
    owned = _owned_crossing(kit, couple, clock)
    link = RepairLink(kind=RepairLinkKind.CROSSING, id=owned.id)
    repairs = (
        kit.repairs.own(couple.id, actor="ana", link=link).id,
        kit.repairs.invite(couple.id, actor="ben").id,  # Ana's to answer: hers if she does
    )
    return owned, repairs


CHANNELS: dict[str, tuple[Callable[[RepairKit, Any, ManualClock], Any], Cycle]] = {
    "boundary words proposed and taken back": (_anas_boundary, _words_cycle),
    "settings proposed and withdrawn": (_nothing, _settings_cycle),
    "settings suggested again over her own": (_nothing, _settings_replaced),
    "a crossing noted and withdrawn": (_bens_boundary, _crossing_cycle),
    "an ending suggested and taken back": (_anas_agreement, _ending_cycle),
    "a talk timed and ended": (_nothing, _talk_cycle),
    "a request sent and withdrawn": (_nothing, _request_cycle),
    "a repair linked again and again": (_crossing_and_repairs, _repair_link_cycle),
}
"""Each channel: what it needs prepared, and one round of it."""


@pytest.mark.parametrize("channel", sorted(CHANNELS))
def test_every_channel_to_the_other_is_bounded_by_the_budget(
    local_kit: RepairKit, clock: ManualClock, notifier: MemoryNotifier, channel: str
) -> None:
    """A day of one partner cycling a channel brings the other at most the budget's items.

    Each new item may be taken back once, so at most twice the budget reaches the other;
    past the budget the move is refused with `NotAllowedNow`, which tells nobody.
    """
    kit = local_kit
    couple = invite_and_accept(kit, ("ana", "ben"), actor="ana")
    fewer = RelationshipSettings(rules=[RelationshipRules(daily_items=BUDGET)])
    kit.relationships.propose_settings(couple.id, actor="ana", settings=fewer)
    kit.relationships.agree_to_settings(couple.id, actor="ben")
    prepare, cycle = CHANNELS[channel]
    prepared = prepare(kit, couple, clock)
    clock.set(datetime(2026, 3, 3, 0, 5, tzinfo=UTC))  # a fresh day for Ana
    heard_before = len(notifier.for_person("ben"))
    refusals: list[NotAllowedNow] = []
    for i in range(ATTEMPTS):
        clock.advance(timedelta(minutes=10))
        try:
            cycle(kit, couple, prepared, i)
        except NotAllowedNow as refusal:
            refusals.append(refusal)
    heard = notifier.for_person("ben")[heard_before:]
    assert len(heard) <= 2 * BUDGET, collections.Counter(n.kind for n in heard)
    assert len(refusals) >= ATTEMPTS - BUDGET
    assert {r.possible_from for r in refusals} == {datetime(2026, 3, 4, tzinfo=UTC)}


def test_hooks_notes_and_moves_out_of_turn_reach_the_other_at_most_once(
    local_kit: RepairKit, clock: ManualClock, notifier: MemoryNotifier
) -> None:
    """A day of hooks and notes reaches the other once per kind; moves out of turn never.

    Pausing and coming back, time-outs called and ended, a note of a day noted and
    withdrawn: the other hears of each kind once. A sent request or boundary revised in
    place, or countered by its own author, is refused and tells nobody.
    """
    kit = local_kit
    couple = invite_and_accept(kit, ("ana", "ben"), actor="ana")
    made = kit.requests.draft(
        couple.id, actor="ana", need="rest", ask="a walk", time_box=_box(clock)
    )
    carried_by_ben = kit.requests.accept(kit.requests.propose(made.id, actor="ana").id, actor="ben")
    asked = kit.requests.draft(
        couple.id, actor="ana", need="calm", ask="a talk", time_box=_box(clock)
    )
    asked = kit.requests.propose(asked.id, actor="ana")
    sent = kit.boundaries.draft(couple.id, actor="ana", rule="No yelling.")
    sent = kit.boundaries.propose(sent.id, actor="ana")
    clock.set(datetime(2026, 3, 3, 0, 5, tzinfo=UTC))
    heard_before = len(notifier.for_person("ben"))
    out_of_turn: list[Callable[[int], object]] = [
        lambda i: kit.requests.revise(asked.id, actor="ana", ask=f"a talk {i}"),
        lambda i: kit.boundaries.revise(sent.id, actor="ana", rule=f"No yelling {i}."),
        lambda i: kit.requests.propose_alternative(asked.id, actor="ana", ask=f"other {i}"),
        lambda i: kit.boundaries.counter(sent.id, actor="ana", rule=f"other {i}"),
    ]
    for i in range(ATTEMPTS):
        clock.advance(timedelta(minutes=10))
        kit.relationships.pause(couple.id, actor="ana")
        kit.relationships.come_back(couple.id, actor="ana")
        called = kit.timeouts.call(couple.id, actor="ana", minutes=20)
        kit.timeouts.come_back(called.id, actor="ana")
        try:
            kit.requests.notice_missed(carried_by_ben.id, actor="ana")
            kit.requests.withdraw_notice(carried_by_ben.id, actor="ana")
        except InvalidInput:
            pass  # a day is noted once
        for move in out_of_turn:
            with pytest.raises(RepairkitError):
                move(i)
    heard = collections.Counter(n.kind for n in notifier.for_person("ben")[heard_before:])
    assert heard[RelationshipNotice.PARTNER_PAUSED] == 1
    assert len(heard) == 5, heard
    assert all(count == 1 for count in heard.values()), heard


def test_time_outs_left_to_their_check_back_reach_the_other_once_a_day(
    local_kit: RepairKit, clock: ManualClock, notifier: MemoryNotifier
) -> None:
    """Twenty-minute time-outs, each left to run out, reach the other once a day.

    Before, each call past the first was untold, but repairkit's own timer told the other
    "time to check back" every twenty minutes: 60 in a day. The caller still hears each
    check-back; the other reads the untold ones' times to the day only.
    """
    kit = local_kit
    couple = invite_and_accept(kit, ("ana", "ben"), actor="ana")
    clock.set(datetime(2026, 3, 3, 0, 5, tzinfo=UTC))
    heard_before = len(notifier.for_person("ben"))
    own_before = len(notifier.for_person("ana"))
    called: list[Any] = []
    for _ in range(12):
        called.append(kit.timeouts.call(couple.id, actor="ana", minutes=20))
        clock.advance(timedelta(minutes=21))
        kit.timers.run_due()
        kit.timeouts.come_back(called[-1].id, actor="ana")
    heard = collections.Counter(n.kind for n in notifier.for_person("ben")[heard_before:])
    once = {TimeOutNotice.TIME_OUT_CALLED, TimeOutNotice.TIME_TO_CHECK_BACK}
    assert heard == dict.fromkeys({*once, TimeOutNotice.TALK_RESUMED}, 1)
    own = collections.Counter(n.kind for n in notifier.for_person("ana")[own_before:])
    assert own[TimeOutNotice.TIME_TO_CHECK_BACK] == 12
    last = kit.timeouts.get(called[-1].id, actor="ben")
    assert last.changed_at == datetime(2026, 3, 3, tzinfo=UTC)  # its day, not its check-back
    clock.set(datetime(2026, 3, 4, 0, 5, tzinfo=UTC))  # a new day: the other hears once again
    day_before = len(notifier.for_person("ben"))
    kit.timeouts.call(couple.id, actor="ana", minutes=20)  # now with a third person suggested
    clock.advance(timedelta(minutes=21))
    kit.timers.run_due()
    heard = collections.Counter(n.kind for n in notifier.for_person("ben")[day_before:])
    assert heard == {TimeOutNotice.THIRD_PARTY_SUGGESTED: 1, TimeOutNotice.TIME_TO_CHECK_BACK: 1}


def test_the_other_reads_no_time_of_redrafts_quiet_hours_or_untold_hooks(
    local_kit: RepairKit, clock: ManualClock
) -> None:
    """What Ben reads shows only what reached him, and when: no time of Ana's private moves.

    Not when she redrafted, set quiet hours, paused again or came back, nor the order in
    which she drafted.
    """
    kit = local_kit
    couple = invite_and_accept(kit, ("ana", "ben"), actor="ana")
    before = _fields(kit.relationships.get(couple.id, actor="ben"))
    boundary = kit.boundaries.draft(couple.id, actor="ana", rule="No phones.")
    drafts = []
    for n in range(3):
        clock.advance(timedelta(minutes=7))
        drafts.append(
            kit.requests.draft(
                couple.id, actor="ana", need=f"rest {n}", ask="a walk", time_box=_box(clock)
            )
        )
    clock.advance(timedelta(hours=1))
    kit.boundaries.revise(boundary.id, actor="ana", rule="No phones at dinner.")
    kit.requests.revise(drafts[0].id, actor="ana", ask="a long walk")
    kit.relationships.set_quiet_hours(
        couple.id, actor="ana", quiet_hours=QuietHours(starts=time(22), ends=time(7))
    )
    assert (
        _fields(kit.relationships.get(couple.id, actor="ben")) == before
    )  # nothing of her private moves
    assert len(kit.relationships.events(couple.id, actor="ben")) == 2  # invited, accepted
    clock.advance(timedelta(hours=1))
    sent_at = clock.now()
    kit.boundaries.propose(boundary.id, actor="ana")
    for made in reversed(drafts):  # sent in the other order than drafted
        clock.advance(timedelta(minutes=5))
        kit.requests.propose(made.id, actor="ana")
    seen = kit.boundaries.get(boundary.id, actor="ben")
    assert (seen.created_at, seen.changed_at, seen.version) == (sent_at, sent_at, 1)
    assert [e.at for e in kit.boundaries.events(boundary.id, actor="ben")] == [sent_at]
    first = kit.requests.get(drafts[0].id, actor="ben")
    assert first.created_at == first.proposed_at == clock.now()
    assert first.version == 1
    reached = [r.id for r in reversed(drafts)]
    assert [r.id for r in kit.requests.find(couple.id, actor="ben")] == reached
    assert [r.id for r in kit.requests.awaiting(couple.id, actor="ben")] == reached
    listed = [a.item.id for a in kit.relationships.awaiting(couple.id, actor="ben")]
    assert [i for i in listed if i != boundary.id] == reached  # each workflow by arrival
    paused = kit.relationships.pause(couple.id, actor="ana")  # told: "paused"
    kit.relationships.come_back(paused.id, actor="ana")  # told nothing
    clock.advance(timedelta(hours=3, minutes=17))
    kit.relationships.pause(couple.id, actor="ana")  # the day's second: untold
    clock.advance(timedelta(minutes=9))
    kit.relationships.come_back(couple.id, actor="ana")
    day = clock.now().replace(hour=0, minute=0, second=0, microsecond=0)
    untold = kit.relationships.events(couple.id, actor="ben")[-1]
    assert untold.TAG == "relationship.paused"
    assert untold.at == day  # to the day only
    assert [e.TAG for e in kit.relationships.events(couple.id, actor="ben")].count(
        "relationship.came_back"
    ) == 0
    assert kit.relationships.get(couple.id, actor="ben").quiet_hours == ()


def _fields(obj: object) -> dict[str, Any]:
    """Every field of an attrs object (they compare by identity)."""
    return attrs.asdict(obj, recurse=False)  # type: ignore[arg-type]


def _world(kind: str, tmp_path: Path) -> tuple[RepairKit, dict[str, Any]]:
    """Two couples (Ana and Ben, Cat and Dan), each with a boundary, a request and a time-out."""
    storage = (
        MemoryStorage() if kind == "memory" else SQLiteStorage(tmp_path / f"{uuid.uuid4()}.db")
    )
    clock = ManualClock(START)
    kit = RepairKit(storage=storage, clock=clock, notifier=MemoryNotifier())
    made: dict[str, Any] = {"box": _box(clock)}
    for key, (first, second) in {"": ("ana", "ben"), "other_": ("cat", "dan")}.items():
        couple = invite_and_accept(kit, (first, second), actor=first)
        made[key + "couple"] = couple
        made[key + "boundary"] = _boundary(kit, couple.id, first, second)
        asked = kit.requests.draft(
            couple.id, actor=first, need="rest", ask="a walk", time_box=made["box"]
        )
        made[key + "request"] = kit.requests.propose(asked.id, actor=first)
        made[key + "timeout"] = kit.timeouts.call(couple.id, actor=second)
    return kit, made


def _stored(kit: RepairKit, made: dict[str, Any]) -> list[object]:
    seen: list[object] = []
    for key, people in (("", ("ana", "ben")), ("other_", ("cat", "dan"))):
        couple = made[key + "couple"]
        for person in people:
            seen.append(_fields(kit.relationships.get(couple.id, actor=person)))
            seen.append(len(kit.relationships.events(couple.id, actor=person)))
            seen.extend(
                [(o.id, o.version) for o in ns.find(couple.id, actor=person)]
                for ns in (kit.requests, kit.boundaries, kit.crossings, kit.talks, kit.timeouts)
            )
    seen.append(len(kit.outbox.waiting(limit=10_000)))
    seen.extend(
        len(kit.relationships.invitations(person))
        for person in ("ana", "ben", "cat", "dan", "zed", "a\u200bb")
    )
    return seen


NAIVE = datetime(2026, 3, 2, 8, 0)  # noqa: DTZ001 - a naive datetime is the bad input
ZWSP, RTL = "\u200b", "\u202e"
BAD_CALLS: dict[str, Callable[[RepairKit, dict[str, Any]], object]] = {
    "naive time box": lambda k, m: k.requests.draft(
        m["couple"].id,
        actor="ana",
        need="x",
        ask="y",
        time_box=TimeBox(starts_at=NAIVE, ends_at=NAIVE + timedelta(days=3)),
    ),
    "naive crossing time": lambda k, m: k.crossings.notice(
        m["couple"].id, actor="ana", boundary_id=m["boundary"].id, happened_at=NAIVE
    ),
    "naive owned crossing time": lambda k, m: k.crossings.own(
        m["couple"].id, actor="ben", boundary_id=m["boundary"].id, happened_at=NAIVE
    ),
    "huge need": lambda k, m: k.requests.draft(
        m["couple"].id, actor="ana", need="x" * 100_000, ask="y", time_box=m["box"]
    ),
    "huge rule": lambda k, m: k.boundaries.draft(m["couple"].id, actor="ana", rule="x" * 100_000),
    "huge review": lambda k, m: k.requests.review(
        m["request"].id, actor="ana", what_worked="x" * 10**6
    ),
    "huge decline reason": lambda k, m: k.requests.decline(
        m["request"].id, actor="ben", reason="x" * 100_000
    ),
    "lone surrogate ask": lambda k, m: k.requests.draft(
        m["couple"].id, actor="ana", need="x", ask="\ud800", time_box=m["box"]
    ),
    "a need of zero-width characters only": lambda k, m: k.requests.draft(
        m["couple"].id, actor="ana", need=ZWSP + "\u2060", ask="y", time_box=m["box"]
    ),
    "a rule of a direction override only": lambda k, m: k.boundaries.draft(
        m["couple"].id, actor="ana", rule=RTL + " " + ZWSP
    ),
    "NUL in a person id": lambda k, m: k.relationships.invite("zed", actor="a\x00b"),
    "NUL in an invited id": lambda k, m: k.relationships.invite("a\x00b", actor="zed"),
    "zero-width actor": lambda k, m: k.requests.draft(
        m["couple"].id, actor="ana" + ZWSP, need="x", ask="y", time_box=m["box"]
    ),
    "RTL override actor": lambda k, m: k.relationships.pause(m["couple"].id, actor=RTL + "ana"),
    "need as a number": lambda k, m: k.requests.draft(
        m["couple"].id, actor="ana", need=5, ask="y", time_box=m["box"]
    ),
    "other asks as one text": lambda k, m: k.requests.draft(
        m["couple"].id, actor="ana", need="x", ask="y", other_asks="abc", time_box=m["box"]
    ),
    "time box as a tuple": lambda k, m: k.requests.draft(
        m["couple"].id, actor="ana", need="x", ask="y", time_box=(START, START)
    ),
    "minutes as text": lambda k, m: k.timeouts.call(m["couple"].id, actor="ana", minutes="20"),
    "minutes as a bool": lambda k, m: k.timeouts.call(m["couple"].id, actor="ana", minutes=True),
    "minutes huge": lambda k, m: k.timeouts.call(m["couple"].id, actor="ana", minutes=10**18),
    "talk limit huge": lambda k, m: k.talks.start(
        m["couple"].id, actor="ana", limit_minutes=10**12
    ),
    "kept as text": lambda k, m: k.requests.record_follow_through(
        m["request"].id, actor="ben", kept="yes"
    ),
    "occurrence as text": lambda k, m: k.requests.notice_missed(
        m["request"].id, actor="ana", occurrence="2026-03-02"
    ),
    "pick out of range": lambda k, m: k.requests.accept(m["request"].id, actor="ben", pick=99),
    "settings as a dict": lambda k, m: k.relationships.propose_settings(
        m["couple"].id, actor="ana", settings={"daily_items": 60}
    ),
    "unknown time zone": lambda k, m: k.relationships.propose_settings(
        m["couple"].id, actor="ana", settings=RelationshipSettings(time_zone="Mars/Base")
    ),
    "quiet hours as text": lambda k, m: k.relationships.set_quiet_hours(
        m["couple"].id, actor="ana", quiet_hours="22-07"
    ),
    "find limit as text": lambda k, m: k.requests.find(m["couple"].id, actor="ana", limit="5"),
    "unknown relationship": lambda k, m: k.requests.draft(
        uuid.uuid4(), actor="ana", need="x", ask="y", time_box=m["box"]
    ),
    "id as a number": lambda k, m: k.requests.accept(5, actor="ben"),
    "unknown request": lambda k, m: k.requests.accept(uuid.uuid4(), actor="ben"),
    "another couple's request": lambda k, m: k.requests.accept(m["other_request"].id, actor="ben"),
    "another couple's relationship": lambda k, m: k.requests.draft(
        m["other_couple"].id, actor="ana", need="x", ask="y", time_box=m["box"]
    ),
    "a request following another couple's": lambda k, m: k.requests.draft(
        m["couple"].id,
        actor="ana",
        need="x",
        ask="y",
        time_box=m["box"],
        follows=m["other_request"].id,
    ),
    "a crossing of another couple's boundary": lambda k, m: k.crossings.notice(
        m["couple"].id, actor="ana", boundary_id=m["other_boundary"].id
    ),
    "a talk about another couple's talk": lambda k, m: k.talks.start(
        m["couple"].id, actor="ana", about=m["other_request"].id
    ),
    "a time-out following another couple's": lambda k, m: k.timeouts.call(
        m["couple"].id, actor="ana", follows=m["other_timeout"].id
    ),
    "coming back from another couple's time-out": lambda k, m: k.timeouts.come_back(
        m["other_timeout"].id, actor="ana"
    ),
    "a page after another couple's request": lambda k, m: k.requests.find(
        m["couple"].id, actor="ana", after=m["other_request"].id
    ),
    "a boundary id in requests": lambda k, m: k.requests.accept(m["boundary"].id, actor="ben"),
    "leaving another couple's relationship": lambda k, m: k.relationships.leave(
        m["other_couple"].id, actor="ana"
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_CALLS))
def test_bad_input_is_refused_alike_with_a_typed_error_storing_nothing(
    tmp_path: Path, case: str
) -> None:
    """Bad input is a `RepairkitError` of the same kind on memory and SQLite; nothing stored.

    Naive times, huge or broken text, wrong types, unknown ids and another couple's ids.
    """
    refusals = []
    for kind in ("memory", "sqlite"):
        kit, made = _world(kind, tmp_path)
        with kit:
            before = _stored(kit, made)
            with pytest.raises(RepairkitError) as refused:
                BAD_CALLS[case](kit, made)
            assert _stored(kit, made) == before
            refusals.append(type(refused.value))
    assert refusals[0] is refusals[1]


def test_ids_of_another_couple_answer_as_unknown_ids(local_kit: RepairKit) -> None:
    """An outsider's probe cannot tell another couple's object from an id that names nothing."""
    kit = local_kit
    ours = invite_and_accept(kit, ("ana", "ben"), actor="ana")
    theirs = invite_and_accept(kit, ("cat", "dan"), actor="cat")
    box = TimeBox(starts_at=START, ends_at=START + timedelta(days=7))
    asked = kit.requests.draft(theirs.id, actor="cat", need="rest", ask="a walk", time_box=box)
    asked = kit.requests.propose(asked.id, actor="cat")
    probes: list[Callable[[uuid.UUID], object]] = [
        lambda i: kit.requests.get(i, actor="ana"),
        lambda i: kit.requests.events(i, actor="ana"),
        lambda i: kit.requests.accept(i, actor="ana"),
        lambda i: kit.requests.find(ours.id, actor="ana", after=i),
        lambda i: kit.requests.draft(
            ours.id, actor="ana", need="x", ask="y", time_box=box, follows=i
        ),
    ]
    for probe in probes:
        answers = []
        for named in (asked.id, uuid.uuid4()):
            with pytest.raises(RepairkitError) as refused:
                probe(named)
            answers.append((type(refused.value), str(refused.value)))
        assert answers[0] == answers[1]
    for named in (theirs.id, uuid.uuid4()):
        with pytest.raises(RepairkitError, match="No relationship with that id"):
            kit.relationships.get(named, actor="ana")


def test_leaving_closes_everything_and_nothing_reaches_the_leaver_after(
    local_kit: RepairKit, clock: ManualClock, notifier: MemoryNotifier
) -> None:
    """After leaving, everything is closed, nothing fires, and nothing reaches the leaver.

    Ana leaves with everything open: Ben's settings proposal, both partners' time-outs,
    a talk, an agreement, a request, a noted crossing, timers. All close, no timer fires,
    nothing reaches Ana (delivered or delivering), Ben hears one sentence, and no command
    works in the relationship for either of them.
    """
    kit = local_kit
    couple = invite_and_accept(kit, ("ana", "ben"), actor="ana")
    boundary = _boundary(kit, couple.id, "ana", "ben")
    _agreement(kit, couple.id, clock)
    asked = kit.requests.draft(
        couple.id, actor="ana", need="calm", ask="a talk", time_box=_box(clock)
    )
    kit.requests.propose(asked.id, actor="ana")
    noted = kit.crossings.notice(couple.id, actor="ben", boundary_id=boundary.id)
    talk = kit.talks.start(couple.id, actor="ana")
    anas = kit.timeouts.call(couple.id, actor="ana", minutes=60)
    bens = kit.timeouts.call(couple.id, actor="ben", minutes=60)
    offered = RelationshipSettings(rules=[RelationshipRules(reask_wait_hours=5)])
    kit.relationships.propose_settings(couple.id, actor="ben", settings=offered)  # held: Ana rests
    assert kit.timers.upcoming(couple.id, actor="ana")
    heard_before = len(notifier.received)
    clock.advance(timedelta(minutes=5))
    kit.relationships.leave(couple.id, actor="ana")
    for person in ("ana", "ben"):
        seen = kit.relationships.get(couple.id, actor=person)
        assert (str(seen.state), seen.proposal) == ("ended", None)
        for ns in (kit.requests, kit.boundaries, kit.crossings, kit.talks, kit.timeouts):
            assert {str(o.state) for o in ns.find(couple.id, actor=person)} == {"closed by leaving"}
            assert ns.awaiting(couple.id, actor=person) == []
        assert kit.relationships.awaiting(couple.id, actor=person) == []
        assert kit.relationships.moves(couple.id, actor=person) == ()
        assert kit.timers.upcoming(couple.id, actor=person) == []
    assert kit.timers.next_due() is None
    ids = {
        "request_id": asked.id,
        "boundary_id": boundary.id,
        "crossing_id": noted.id,
        "id": talk.id,
        "relationship_id": couple.id,
    }
    worked = []
    refusals: collections.Counter[str] = collections.Counter()
    for ns in (kit.requests, kit.boundaries, kit.crossings, kit.talks, kit.timeouts):
        for name in ns.move_commands():
            command = getattr(ns, name)
            params = inspect.signature(command).parameters
            for person, timeout in (("ana", anas), ("ben", bens)):
                args = [
                    timeout.id if p == "timeout_id" else ids.get(p, uuid.uuid4())
                    for p, spec in params.items()
                    if spec.kind is spec.POSITIONAL_OR_KEYWORD
                ]
                try:
                    command(*args, actor=person, **_required(params))
                except RepairkitError as refusal:
                    refusals[type(refusal).__name__] += 1
                    continue
                worked.append((name, person))
    for name in ("pause", "come_back", "leave", "propose_settings", "agree_to_settings"):
        for person in ("ana", "ben"):
            extra = {"settings": offered} if name == "propose_settings" else {}
            with pytest.raises(RepairkitError):
                getattr(kit.relationships, name)(couple.id, actor=person, **extra)
    assert worked == []
    assert set(refusals) == {"NotAllowedNow"}, refusals  # the relationship ended
    for _ in range(40):
        clock.advance(timedelta(days=1))
        assert kit.timers.run_due() == []
    kit.outbox.deliver_pending()
    heard = [(n.kind, n.recipient) for n in notifier.received[heard_before:]]
    assert heard == [(RelationshipNotice.PARTNER_LEFT, "ben")]


def _required(params: Any) -> dict[str, object]:
    """Plausible values for a command's required keyword arguments (other than the actor)."""
    values: dict[str, object] = {
        "need": "rest",
        "ask": "a walk",
        "rule": "No phones.",
        "kept": True,
        "what_worked": "the walk",
        "repair_id": uuid.uuid4(),
    }
    return {
        name: values.get(name)
        for name, spec in params.items()
        if spec.kind is spec.KEYWORD_ONLY and spec.default is spec.empty and name != "actor"
    }


def test_a_person_id_with_nul_is_refused_on_every_storage(kit: RepairKit) -> None:
    """PostgreSQL keeps no NUL in text: memory and SQLite refuse it too, with `InvalidInput`."""
    for invite in (
        lambda: kit.relationships.invite("zed", actor="a\x00b"),
        lambda: kit.relationships.invite("a\x00b", actor="zed"),
    ):
        with pytest.raises(InvalidInput, match="NUL"):
            invite()
    assert kit.relationships.invitations("zed") == []
    assert kit.relationships.for_person("zed") == []


def test_invisible_text_reads_as_blank(local_kit: RepairKit) -> None:
    """Text of zero-width or control characters alone shows nothing: it is blank, as spaces are.

    Required text is refused; optional text is left out. Visible text keeps its characters.
    """
    kit = local_kit
    couple = invite_and_accept(kit, ("ana", "ben"), actor="ana")
    box = TimeBox(starts_at=START, ends_at=START + timedelta(days=7))
    with pytest.raises(InvalidInput, match="empty"):
        kit.requests.draft(couple.id, actor="ana", need="\u200b\u200d", ask="y", time_box=box)
    made = kit.requests.draft(
        couple.id, actor="ana", need="rest", ask="a\u200bb", observation="\ufeff", time_box=box
    )
    assert (made.ask, made.observation) == ("a\u200bb", None)


def test_invitations_taken_back_again_and_again_leave_no_list_for_the_invited(
    local_kit: RepairKit, clock: ManualClock, notifier: MemoryNotifier
) -> None:
    """Eve invites Carl and takes it back 50 times: Carl is told nothing and lists nothing.

    Before, `for_person("carl")` listed every withdrawn invitation, each with its time: a
    channel without a limit to someone who never accepted. Eve keeps her own record.
    """
    kit = local_kit
    for _ in range(50):
        clock.advance(timedelta(hours=5))  # within the invitation limit (5 a day)
        invited = kit.relationships.invite("carl", actor="eve")
        kit.relationships.withdraw_invitation(invited.id, actor="eve")
    assert notifier.received == []
    assert kit.relationships.invitations("carl") == []
    assert kit.relationships.for_person("carl") == []
    assert len(kit.relationships.for_person("eve")) == 50
    clock.advance(timedelta(hours=5))
    open_one = kit.relationships.invite("carl", actor="eve")  # an open one is listed
    assert [r.id for r in kit.relationships.for_person("carl")] == [open_one.id]
    kit.relationships.decline_invitation(open_one.id, actor="carl")  # his own answer stays
    assert [str(r.state) for r in kit.relationships.for_person("carl")] == ["declined"]


@pytest.mark.parametrize(
    "variant",
    ["re\u200bst", "\uff52\uff45\uff53\uff54", "re\u00adst", "rest\u2060"],
    ids=["zero-width space", "full-width", "soft hyphen", "word joiner"],
)
def test_look_alike_words_do_not_skip_the_wait_after_a_no(
    local_kit: RepairKit, clock: ManualClock, variant: str
) -> None:
    """After a no, invisible characters or full-width letters do not make the same words new.

    A request on the need "rest" is declined; one new request on it may follow, then the
    wait holds, however its words are dressed up. A boundary in the same words waits too.
    """
    kit = local_kit
    couple = invite_and_accept(kit, ("ana", "ben"), actor="ana")

    def ask(need: str) -> Any:
        made = kit.requests.draft(
            couple.id, actor="ana", need=need, ask="a walk", time_box=_box(clock)
        )
        return kit.requests.propose(made.id, actor="ana")

    kit.requests.decline(ask("rest").id, actor="ben")
    kit.requests.decline(ask("rest").id, actor="ben")  # the one new request after a no
    with pytest.raises(NotAllowedNow):
        ask(variant)
    made = kit.boundaries.draft(couple.id, actor="ana", rule="rest")
    kit.boundaries.decline(kit.boundaries.propose(made.id, actor="ana").id, actor="ben")
    again = kit.boundaries.draft(couple.id, actor="ana", rule=variant)
    with pytest.raises(NotAllowedNow):
        kit.boundaries.propose(again.id, actor="ana")
