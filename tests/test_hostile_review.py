"""A hostile partner's review: the public API attacked as one partner would attack the other.

Four probes (docs/safety.md): every channel that reaches the other partner is bounded by
the pressure budget; what the other reads leaks no timing of private moves; bad input
is refused alike by memory and SQLite (and PostgreSQL, where the ``kit`` fixture runs),
with a typed error, storing nothing; leaving closes everything and nothing reaches the
leaver afterwards. Each test asserts the safe behaviour.
"""

from __future__ import annotations

import collections
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from conftest import invite_and_accept
from repairkit import (
    InvalidInput,
    ManualClock,
    MemoryNotifier,
    NotAllowedNow,
    RelationshipNotice,
    RelationshipRules,
    RelationshipSettings,
    RepairKit,
    RepairkitError,
    TimeBox,
)
from repairkit.adapters import MemoryStorage, SQLiteStorage

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


def _cycle_boundary_words(kit, couple, clock, i):  # type: ignore[no-untyped-def]
    ctx = _cycle_boundary_words.ctx
    kit.boundaries.propose_revision(ctx.id, actor="ana", rule=f"No phones at dinner {i}.")
    kit.boundaries.keep_current(ctx.id, actor="ana")  # by the proposer: takes the words back


def _cycle_settings(kit, couple, clock, i):  # type: ignore[no-untyped-def]
    offered = RelationshipSettings(rules=[RelationshipRules(reask_wait_hours=i % 24)])
    kit.relationships.propose_settings(couple.id, actor="ana", settings=offered)
    kit.relationships.withdraw_settings(couple.id, actor="ana")


def _cycle_crossing(kit, couple, clock, i):  # type: ignore[no-untyped-def]
    noted = kit.crossings.notice(couple.id, actor="ana", boundary_id=_cycle_crossing.ctx.id)
    kit.crossings.withdraw(noted.id, actor="ana")


def _cycle_ending(kit, couple, clock, i):  # type: ignore[no-untyped-def]
    kit.requests.propose_ending(_cycle_ending.ctx.id, actor="ana")
    kit.requests.keep_going(_cycle_ending.ctx.id, actor="ana")  # by the proposer: taken back


def _cycle_talk(kit, couple, clock, i):  # type: ignore[no-untyped-def]
    kit.talks.end(kit.talks.start(couple.id, actor="ana").id, actor="ana")


def _cycle_requests(kit, couple, clock, i):  # type: ignore[no-untyped-def]
    made = kit.requests.draft(
        couple.id, actor="ana", need=f"rest {i}", ask="a walk", time_box=_box(clock)
    )
    kit.requests.withdraw(kit.requests.propose(made.id, actor="ana").id, actor="ana")


def _cycle_repair_links(kit, couple, clock, i):  # type: ignore[no-untyped-def]
    crossing, repairs = _cycle_repair_links.ctx
    kit.crossings.link_repair(crossing.id, actor="ana", repair_id=repairs[i % 2])


def _prepare_boundary(kit, couple, clock):  # type: ignore[no-untyped-def]
    return _boundary(kit, couple.id, "ana", "ben")


def _prepare_ben_boundary(kit, couple, clock):  # type: ignore[no-untyped-def]
    return _boundary(kit, couple.id, "ben", "ana")


def _prepare_owned_crossing(kit, couple, clock):  # type: ignore[no-untyped-def]
    boundary = _boundary(kit, couple.id, "ben", "ana")
    clock.advance(timedelta(hours=1))
    owned = kit.crossings.own(couple.id, actor="ana", boundary_id=boundary.id)
    return owned, (uuid.uuid4(), uuid.uuid4())


CHANNELS: dict[str, tuple[Callable[..., Any], Callable[..., Any] | None]] = {
    "boundary words proposed and taken back": (_cycle_boundary_words, _prepare_boundary),
    "settings proposed and withdrawn": (_cycle_settings, None),
    "a crossing noted and withdrawn": (_cycle_crossing, _prepare_ben_boundary),
    "an ending suggested and taken back": (_cycle_ending, _agreement),
    "a talk timed and ended": (_cycle_talk, None),
    "a request sent and withdrawn": (_cycle_requests, None),
    "a repair linked again and again": (_cycle_repair_links, _prepare_owned_crossing),
}


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
    cycle, prepare = CHANNELS[channel]
    if prepare is not None:
        cycle.ctx = (  # type: ignore[attr-defined]
            prepare(kit, couple.id, clock) if prepare is _agreement else prepare(kit, couple, clock)
        )
    clock.set(datetime(2026, 3, 3, 0, 5, tzinfo=UTC))  # a fresh day for Ana
    heard_before = len(notifier.for_person("ben"))
    refusals: list[NotAllowedNow] = []
    for i in range(ATTEMPTS):
        clock.advance(timedelta(minutes=10))
        try:
            cycle(kit, couple, clock, i)
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
