"""The safety suite's pressure rule: the daily budget holds over random histories.

A mixin of `SafetyContract` (docs/safety.md, "The pressure budget"): every registered
workflow that declares a `SafetySpec` is played at random, on the suite's storage,
with a budget of one new item a day agreed by both partners.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from repairkit.core.pressure import HOOK_NOTICES_PER_DAY
from repairkit.core.settings import RelationshipRules, RelationshipSettings
from repairkit.core.spec import WorkflowSpec
from repairkit.core.values import MAX_LIMIT
from repairkit.testing._histories import PEOPLE, SUITE, Histories, _World

__all__ = ["PressureRule", "told"]

_BUDGET = 1
"""The budget the histories agree to: the smallest, so that it binds often."""


class PressureRule(Histories):
    """6. Pressure has limits, across workflows: the rule `SafetyContract` runs for it."""

    @SUITE
    @given(data=st.data())
    def test_the_pressure_budget_holds(self, spec: WorkflowSpec[Any], data: st.DataObject) -> None:
        """6. No partner brings the other more new items a day than the budget allows.

        The couple agrees to a budget of one item a day, then plays a random history.
        Every refusal tells nobody and stores nothing; in no calendar day did more of
        one partner's objects reach the other for the first time than the budget; a
        safety hook (pausing, a time-out for oneself) tells the other of it at most once
        a day. And 2, a "no" is never counted: no event of a decline (`SafetySpec.declines`)
        is marked a new item (`DomainEvent.new_item`), every marked event reached the
        other, and a refusal for the budget comes only once the sender's marked items
        filled their day.
        """
        world = self._world(spec, swap=False)
        agreed = RelationshipSettings(rules=[RelationshipRules(daily_items=_BUDGET)])
        world.kit.relationships.propose_settings(world.relationship, actor="ana", settings=agreed)
        world.kit.relationships.agree_to_settings(world.relationship, actor="ben")
        world.clock.advance(timedelta(days=1))  # a fresh day: the suggestion was Ana's item
        declines = spec.safety.declines if spec.safety is not None else frozenset()
        before = self._traces(world)
        setup = before[0]
        for world_now, _ in self._play(spec, [], data=data, world=world):
            after = self._traces(world_now)
            outcome = world_now.outcomes[-1]
            if outcome[0] == "refused":
                assert after == before, f"a refusal left a trace: {outcome}"
            events = world_now.stored.relationship_events(world_now.relationship)
            made = events[before[0] :]
            if outcome[0] == "ok" and outcome[1] in declines:
                assert not [e for e in made if e.new_item], f"a no was counted: {outcome}"
            heard_by = told(world_now)
            for event in made:
                if event.new_item:
                    other = next(p for p in PEOPLE[:2] if p != event.actor)
                    assert (event.id, other) in heard_by, f"counted, never told: {event}"
            before = after
            self._check_days(world_now, setup)
            if outcome[0] == "refused" and "new items a day" in outcome[-1]:
                sender, day = world_now.actors[-1], world_now.shifted.now().date()
                marked = [
                    e for e in events if e.new_item and e.actor == sender and e.at.date() == day
                ]
                assert len(marked) >= _BUDGET, f"refused, the day not full: {outcome}"

    @staticmethod
    def _traces(world: _World) -> tuple[int, int]:
        """How many events are stored and notifications were sent in *world* so far."""
        return (
            len(world.stored.relationship_events(world.relationship)),
            len(world.notifier.received),
        )

    @staticmethod
    def _check_days(world: _World, setup: int) -> None:
        """Check each day's new items and hook notices, per sender, from what is stored.

        A new item is observed from outside: an object the other partner hears of for
        the first time (a request sent, a note made, a talk timed), by the move of a
        partner (repairkit's own moves, a timer's, belong to nobody's budget).
        """
        heard_by = told(world)
        first_reached: set[Any] = set()
        new_items: Counter[tuple[str, date]] = Counter()
        hooks: Counter[tuple[str, str, date]] = Counter()
        events = world.stored.relationship_events(world.relationship)
        for index, event in enumerate(events):  # in the order they were committed
            others = [p for p in PEOPLE[:2] if p != event.actor]
            heard = len(others) == 1 and (event.id, others[0]) in heard_by
            if index < setup or event.SAFETY_HOOK:
                # what prepared the history (under the default budget), and what a hook
                # made (told once a day, never refused), are no new items
                first_reached.add(event.subject_id)
            day = event.at.date()  # the histories' couple lives in UTC
            if heard and index >= setup and event.SAFETY_HOOK and event.limits_notice():
                hooks[event.actor, event.TAG, day] += 1
            if heard and event.subject_id not in first_reached:  # reaching the other: new
                first_reached.add(event.subject_id)
                new_items[event.actor, day] += 1
        assert all(n <= _BUDGET for n in new_items.values()), new_items
        assert all(n <= HOOK_NOTICES_PER_DAY for n in hooks.values()), hooks


def told(world: _World) -> set[tuple[Any, str]]:
    """Return (event id, recipient) of every notification made: delivered, or held.

    What waits in the outbox while its recipient rests (quiet hours, a pause, their own
    time-out) was told all the same: it goes out once the hold ends.
    """
    made = [*world.notifier.received, *world.kit.outbox.waiting(limit=MAX_LIMIT)]
    return {(note.event_id, note.recipient) for note in made}
