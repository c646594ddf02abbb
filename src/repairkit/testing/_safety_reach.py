"""The safety suite's reach rule: no move tells the other the same thing twice for free.

A mixin of `SafetyContract` (docs/safety.md, "The pressure budget"). The budget counts
new items (`DomainEvent.new_item`); a move that reaches the other without being one (a
withdrawal, a link, an answer) is bounded only because something counted, or the other
partner's own move, must come before it can happen again. A move that could repeat
on its own (a link re-linked, a note re-shared) and forgot to say it tells news
(``TELLS_NEWS``) would be a channel without a limit: this rule finds it over random
histories of every registered workflow.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from repairkit.core.events import DomainEvent
from repairkit.core.spec import WorkflowSpec
from repairkit.testing._histories import PEOPLE, SUITE, Histories
from repairkit.testing._safety_pressure import told

__all__ = ["ReachRule", "free_repeats"]


def free_repeats(events: Iterable[DomainEvent], told: set[tuple[Any, str]]) -> list[DomainEvent]:
    """Return the moves that told the other partner something again, with nothing between.

    *events* are one relationship's, in commit order; *told* holds (event id, recipient)
    of every notification made. A move by a partner that reached the other, was not a
    new item (`DomainEvent.new_item`) and is no safety hook (limited by its own count) is
    a *free* move. It is returned when the same partner made a free move of the same kind
    (its ``TAG``) on the same object earlier that same day (UTC: the suite's couple lives
    there), and between the two nothing happened on that object that could bound it: no
    new item of that partner, and no move of the other partner or of repairkit (a timer).
    """
    last_free: dict[tuple[Any, str, str, date], int] = {}
    paid: dict[tuple[Any, str], int] = {}  # (object, partner) -> index of the last bound
    found: list[DomainEvent] = []
    for index, event in enumerate(events):
        for person in PEOPLE[:2]:
            if event.actor != person:  # the other partner, or a timer (`SYSTEM`), moved
                paid[event.subject_id, person] = index
        if event.actor not in PEOPLE[:2]:
            continue
        if event.new_item:
            paid[event.subject_id, event.actor] = index
            continue
        other = PEOPLE[1] if event.actor == PEOPLE[0] else PEOPLE[0]
        if event.SAFETY_HOOK or (event.id, other) not in told:
            continue
        key = (event.subject_id, event.actor, event.TAG, event.at.date())
        before = last_free.get(key)
        if before is not None and paid.get((event.subject_id, event.actor), -1) < before:
            found.append(event)
        last_free[key] = index
    return found


class ReachRule(Histories):
    """6. Pressure has limits on every channel: the rule `SafetyContract` runs for it."""

    @SUITE
    @given(data=st.data())
    def test_nothing_reaches_the_other_again_for_free(
        self, spec: WorkflowSpec[Any], data: st.DataObject
    ) -> None:
        """6. A move that is no new item reaches the other once, until something bounds it.

        Over a random history: no partner makes a move of the same kind on the same
        object reach the other twice in a day, unless between the two a new item of
        theirs was counted (and so limited by the budget), or the other partner (or a
        timer) moved on it. Otherwise that move could be repeated without limit, each
        time reaching the other, outside the budget (`free_repeats`).
        """
        world = self._last(self._play(spec, [], data=data, close=False))
        with world.kit:
            events = world.stored.relationship_events(world.relationship)
            repeats = free_repeats(events, told(world))
        assert not repeats, (
            f"in a {spec.name}, these moves reached the other partner again without a new"
            f" item between (mark the event TELLS_NEWS, or bound it): {repeats}"
        )
