"""The pressure budget (issue 16, case 2): one daily limit per sender on what reaches the other.

Every test here failed on main before the budget existed; they run on memory, SQLite
and PostgreSQL alike (the ``kit`` fixture).
"""

from __future__ import annotations

import collections
from datetime import UTC, datetime, timedelta

import pytest

from conftest import BOX, START, invite_and_accept
from repairkit import (
    InvalidInput,
    NotAllowedNow,
    RelationshipNotice,
    RelationshipRules,
    RelationshipSettings,
)
from repairkit.core.settings import DAILY_ITEMS, MAX_DAILY_ITEMS
from repairkit.crossings import CrossingState

NEXT_MIDNIGHT = datetime(2026, 3, 3, tzinfo=UTC)
"""The start of the day after START (the couple's time zone is UTC unless a test says)."""


def _agree_budget(kit, couple, clock, daily_items: int) -> None:
    """Ana and Ben agree to a budget of *daily_items*; the clock then moves to the next day."""
    settings = RelationshipSettings(rules=[RelationshipRules(daily_items=daily_items)])
    kit.relationships.propose_settings(couple.id, actor="ana", settings=settings)
    kit.relationships.agree_to_settings(couple.id, actor="ben")
    clock.advance(timedelta(days=1))


def _request(kit, couple, actor: str, n: int):
    """Draft and send one request from *actor* (its words numbered, so none repeats)."""
    made = kit.requests.draft(
        couple.id, actor=actor, need=f"rest {n}", ask=f"a walk {n}", time_box=BOX
    )
    return kit.requests.propose(made.id, actor=actor)


def test_eight_hours_of_flooding_reach_the_other_only_up_to_the_budget(
    kit, couple, clock, notifier
):
    """Case 2's scenario: every channel in turn for 8 hours; past the budget, refusals."""
    boundary = kit.boundaries.draft(couple.id, actor="ana", rule="No interrupting.")
    kit.boundaries.propose(boundary.id, actor="ana")
    kit.boundaries.agree(boundary.id, actor="ben")
    clock.set(START + timedelta(days=1))  # a fresh day for Ben
    day_start = START.replace(hour=0) + timedelta(days=1)
    refused: list[NotAllowedNow] = []

    def attempt(move) -> None:
        try:
            move()
        except NotAllowedNow as refusal:
            refused.append(refusal)

    for n in range(120):  # every four minutes for eight hours
        clock.advance(timedelta(minutes=4))
        attempt(lambda n=n: kit.requests.withdraw(_request(kit, couple, "ben", n).id, actor="ben"))
        drafted = kit.boundaries.draft(couple.id, actor="ben", rule=f"Phones away {n}.")
        attempt(lambda b=drafted: kit.boundaries.propose(b.id, actor="ben"))
        attempt(lambda: kit.talks.end(kit.talks.start(couple.id, actor="ben").id, actor="ben"))
        for _ in range(3):
            attempt(
                lambda: kit.crossings.withdraw(
                    kit.crossings.notice(couple.id, actor="ben", boundary_id=boundary.id).id,
                    actor="ben",
                )
            )
        suggested = RelationshipSettings(rules=[RelationshipRules(reask_wait_hours=n % 24)])
        attempt(
            lambda s=suggested: (
                kit.relationships.propose_settings(couple.id, actor="ben", settings=s),
                kit.relationships.withdraw_settings(couple.id, actor="ben"),
            )
        )
        kit.relationships.pause(couple.id, actor="ben")  # a safety hook: never refused
        kit.relationships.come_back(couple.id, actor="ben")
        kit.timeouts.come_back(kit.timeouts.call(couple.id, actor="ben").id, actor="ben")
    to_ana = [n for n in notifier.received if n.recipient == "ana" and n.created_at >= day_start]
    # Before the budget: 1,140 in these 8 hours. Now new items stop at the day's budget,
    # each can still be taken back (its withdrawal reaches Ana, and is not counted: a
    # move on what one sent is not a new item), and Ana hears of each of Ben's four
    # safety hooks once: paused, back, time-out called, talk resumed.
    taken_back = {
        "request withdrawn",
        "boundary withdrawn",
        "noted moment taken back",
        "settings suggestion withdrawn",
        "talk ended",
    }
    news = [n for n in to_ana if n.kind.value not in taken_back]
    assert len(news) <= DAILY_ITEMS + 4, collections.Counter(n.kind.value for n in to_ana)
    assert len(to_ana) - len(news) <= DAILY_ITEMS
    assert len(refused) > 800  # of 840 tries of a new item
    assert {r.possible_from for r in refused} == {NEXT_MIDNIGHT + timedelta(days=1)}


def test_the_budget_is_a_shared_setting_with_a_hard_ceiling(kit, couple, clock):
    """The default is DAILY_ITEMS; a couple changes it only by consent, never past the ceiling."""
    assert RelationshipRules().daily_items == DAILY_ITEMS
    with pytest.raises(InvalidInput, match="daily_items"):
        RelationshipRules(daily_items=MAX_DAILY_ITEMS + 1)
    with pytest.raises(InvalidInput, match="daily_items"):
        RelationshipRules(daily_items=0)
    lower = RelationshipSettings(rules=[RelationshipRules(daily_items=2)])
    kit.relationships.propose_settings(couple.id, actor="ben", settings=lower)
    for n in range(3):  # a suggestion alone changes nothing: Ana's own budget is the default
        _request(kit, couple, "ana", n)
    kit.relationships.agree_to_settings(couple.id, actor="ana")
    clock.advance(timedelta(days=1))
    _request(kit, couple, "ana", 10)
    _request(kit, couple, "ana", 11)
    with pytest.raises(NotAllowedNow) as refusal:
        _request(kit, couple, "ana", 12)
    assert refusal.value.possible_from == NEXT_MIDNIGHT + timedelta(days=1)


def test_withdrawing_never_refunds_the_budget(kit, couple, clock):
    """Withdraw-then-repeat counts as a repeat: what reached the other stays counted."""
    _agree_budget(kit, couple, clock, daily_items=2)
    kit.requests.withdraw(_request(kit, couple, "ben", 1).id, actor="ben")
    _request(kit, couple, "ben", 2)  # the repeat: the day's second item, the first still counts
    with pytest.raises(NotAllowedNow):
        _request(kit, couple, "ben", 3)
    # Taking back is not an item of its own (it is never refused): Ben's day holds two.


def test_answers_and_noes_never_use_up_the_budget(kit, couple, clock):
    """A "no" is never counted: a day of answering leaves the answerer's budget whole."""
    _agree_budget(kit, couple, clock, daily_items=7)
    for n in range(6):  # Ana asks six times; Ben says no to each
        kit.requests.decline(_request(kit, couple, "ana", n).id, actor="ben")
    rule = kit.boundaries.draft(couple.id, actor="ana", rule="No phones at dinner.")
    kit.boundaries.decline(kit.boundaries.propose(rule.id, actor="ana").id, actor="ben")
    # Seven noes later, Ben still sends his seven items of the day, and no more.
    for n in range(10, 17):
        _request(kit, couple, "ben", n)
    with pytest.raises(NotAllowedNow):
        _request(kit, couple, "ben", 17)


def test_a_refusal_says_when_tells_nobody_and_stores_nothing(kit, couple, clock, notifier):
    """Past the budget: NotAllowedNow with possible_from, no notification, no event, no change."""
    _agree_budget(kit, couple, clock, daily_items=1)
    first = _request(kit, couple, "ben", 1)
    waiting = kit.requests.draft(
        couple.id, actor="ben", need="calm", ask="phones away", time_box=BOX
    )
    heard = list(notifier.received)
    events = kit.relationships.events(couple.id, actor="ben")
    pending = kit.outbox.pending()
    with pytest.raises(NotAllowedNow) as refusal:
        kit.requests.propose(waiting.id, actor="ben")
    assert refusal.value.possible_from == NEXT_MIDNIGHT + timedelta(days=1)
    assert "1 new items a day" in str(refusal.value)
    assert notifier.received == heard
    assert kit.relationships.events(couple.id, actor="ben") == events
    assert kit.outbox.pending() == pending
    assert kit.requests.get(waiting.id, actor="ben").state.value == "drafted"
    assert [r.id for r in kit.requests.find(couple.id, actor="ana")] == [first.id]
    clock.set(refusal.value.possible_from)
    assert kit.requests.propose(waiting.id, actor="ben").state.value == "proposed"


def test_the_day_is_the_couples_calendar_day(kit, clock):
    """In Berlin, the next item is possible from Berlin's midnight (23:00 UTC in March)."""
    berlin = RelationshipSettings(
        rules=[RelationshipRules(daily_items=1)], time_zone="Europe/Berlin"
    )
    couple = invite_and_accept(kit, ("ana", "ben"), actor="ana", settings=berlin)
    _request(kit, couple, "ben", 1)
    with pytest.raises(NotAllowedNow) as refusal:
        _request(kit, couple, "ben", 2)
    assert refusal.value.possible_from == datetime(2026, 3, 2, 23, 0, tzinfo=UTC)


def test_answers_and_a_no_are_never_refused_by_the_budget(kit, couple, clock):
    """Past Ben's budget, he can still answer Ana, say no, and end his own part."""
    _agree_budget(kit, couple, clock, daily_items=2)
    mine = _request(kit, couple, "ben", 1)
    _request(kit, couple, "ben", 2)
    with pytest.raises(NotAllowedNow):
        _request(kit, couple, "ben", 3)
    first, second = _request(kit, couple, "ana", 1), _request(kit, couple, "ana", 2)
    assert kit.requests.decline(first.id, actor="ben").state.value == "declined"
    assert kit.requests.accept(second.id, actor="ben").state.value == "agreed"
    assert kit.requests.withdraw(mine.id, actor="ben").state.value == "withdrawn"


def test_safety_hooks_are_never_refused_and_tell_the_other_once_a_day(kit, couple, clock, notifier):
    """Pausing and a time-out for oneself pass a full budget; Ana hears of each once a day."""
    _agree_budget(kit, couple, clock, daily_items=1)
    _request(kit, couple, "ben", 1)
    for _ in range(5):
        clock.advance(timedelta(minutes=10))
        kit.relationships.pause(couple.id, actor="ben")
        kit.relationships.come_back(couple.id, actor="ben")
        kit.timeouts.come_back(kit.timeouts.call(couple.id, actor="ben").id, actor="ben")
    kinds = [n.kind for n in notifier.received if n.recipient == "ana"]
    assert kinds.count(RelationshipNotice.PARTNER_PAUSED) == 1
    assert kinds.count(RelationshipNotice.PARTNER_CAME_BACK) <= 1
    assert sum(1 for k in kinds if k.value == "time-out called") <= 1
    clock.set(NEXT_MIDNIGHT + timedelta(days=1, hours=9))
    kit.relationships.pause(couple.id, actor="ben")
    kinds = [n.kind for n in notifier.received if n.recipient == "ana"]
    assert kinds.count(RelationshipNotice.PARTNER_PAUSED) == 2
    kit.relationships.come_back(couple.id, actor="ben")
    assert kit.relationships.leave(couple.id, actor="ben").state.value == "ended"


@pytest.fixture
def boundary(kit, couple):
    """A boundary Ana proposed and Ben agreed to."""
    made = kit.boundaries.draft(couple.id, actor="ana", rule="No interrupting.")
    kit.boundaries.propose(made.id, actor="ana")
    return kit.boundaries.agree(made.id, actor="ben")


def test_one_moment_is_recorded_once(kit, couple, boundary, clock):
    """The same boundary and day cannot be noted twice while a note of it is open or counted."""
    noted = kit.crossings.notice(couple.id, actor="ana", boundary_id=boundary.id)
    kit.crossings.acknowledge(noted.id, actor="ben")  # counted: an answer, not a new crossing
    for again in (kit.crossings.notice, kit.crossings.own):
        actor = "ana" if again == kit.crossings.notice else "ben"
        with pytest.raises(NotAllowedNow, match="one moment is recorded once"):
            again(couple.id, actor=actor, boundary_id=boundary.id)
    assert kit.crossings.counted(couple.id, actor="ana").counted == 1
    # Another day's moment is its own; a note taken back holds no moment.
    clock.advance(timedelta(days=1))
    later = kit.crossings.notice(couple.id, actor="ana", boundary_id=boundary.id)
    kit.crossings.withdraw(later.id, actor="ana")
    again = kit.crossings.notice(couple.id, actor="ana", boundary_id=boundary.id)
    assert again.state is CrossingState.NOTICED


def test_five_notes_of_one_moment_count_once(kit, couple, boundary):
    """Noting one moment five times, each acknowledged, leaves one counted crossing."""
    for _ in range(5):
        try:
            noted = kit.crossings.notice(couple.id, actor="ana", boundary_id=boundary.id)
            kit.crossings.acknowledge(noted.id, actor="ben")
        except NotAllowedNow:
            pass
    assert kit.crossings.counted(couple.id, actor="ben").counted == 1
