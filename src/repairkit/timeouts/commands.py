"""The TimeOut workflow's commands, reached as ``kit.timeouts``."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import ClassVar

from repairkit._timers import fire_due
from repairkit.commands import Precondition, WorkflowCommands
from repairkit.core.relationship import Relationship
from repairkit.core.suggestions import when
from repairkit.core.values import PersonId, check_id, check_person_id
from repairkit.errors import InvalidInput, NotAllowedNow
from repairkit.timeouts.events import TimeOutCalled, TimeOutExtended
from repairkit.timeouts.model import TimeOut
from repairkit.timeouts.rest import (
    OPEN_CALLER,
    OPEN_STATES,
    calls_in_window,
    fits,
    held,
    latest_end,
    open_time_out,
    recent_time_outs,
    when_it_fits,
)
from repairkit.timeouts.rules import TimeOutRules

__all__ = ["TimeOutCommands"]


class TimeOutCommands(WorkflowCommands[TimeOut]):
    """Time-outs in a heated talk: called by a partner for themselves, never for the other.

    Reach it as ``kit.timeouts``. The return time and the ceiling are durable
    timers: `kit.timers.run_due` moves a time-out to "check back" at its return time
    and lapses it at its ceiling.
    """

    entity = TimeOut

    preconditions: ClassVar[Mapping[str, Precondition]] = {
        "extend": lambda commands, obj, _actor, now: commands.room_to_extend(obj, now)
    }

    def call(
        self,
        relationship_id: uuid.UUID,
        *,
        actor: PersonId,
        minutes: int = 20,
        follows: uuid.UUID | None = None,
    ) -> TimeOut:
        """Call a time-out for oneself, checking back in *minutes* (20 by default).

        *follows* names an earlier time-out of the same talk: after
        `TimeOutRules.third_party_after` of them, both are told a third person could
        help; so they are after `TimeOutRules.third_party_in_window` time-outs of either
        partner in `TimeOutRules.third_party_window_days`, and when this one brings the
        caller near the weekly ceiling.

        Raises:
            InvalidInput: *minutes* is not a whole number within the rules.
            NotAllowedNow: the caller has a time-out open (``possible_from``: its
                ceiling), or this one would pass the weekly ceiling
                (``possible_from``: when one of this length fits). Nothing is stored and
                nobody is told.
        """
        actor = check_person_id(actor, "actor")
        relationship = self._relationship_for(relationship_id, actor, "call a time-out")
        rules = relationship.settings.of(TimeOutRules)
        TimeOut.check_minutes(minutes, rules)
        earlier = None
        if follows is not None:
            earlier = self.get(check_id(follows, "follows"), actor=actor)
            if earlier.relationship_id != relationship.id:
                raise InvalidInput("follows", "names a time-out of another relationship.")
        now = self._runner.now()
        near = self._check_room(relationship, actor, minutes, rules, now)
        timeout, event = TimeOut.call(
            relationship_id=relationship.id,
            caller=actor,
            other=relationship.other_partner(actor),
            minutes=minutes,
            rules=rules,
            at=now,
            follows=earlier,
            third_party=near or self._many_in_window(relationship, rules, now),
        )
        self._lapse_overdue(relationship.id, actor, now)  # accepted: its place is given up
        return self._add(timeout, event)

    def _check_room(
        self,
        relationship: Relationship,
        actor: PersonId,
        minutes: int,
        rules: TimeOutRules,
        now: datetime,
    ) -> bool:
        """Refuse a second open time-out, or one past the weekly ceiling; return if it is near."""
        repository = self._runner.repository
        already = open_time_out(repository, relationship.id, actor, now)
        if already is not None:
            raise NotAllowedNow(
                kind=TimeOut.WORKFLOW.name,
                action="call",
                state=already.state.value,
                allowed=self._open_moves(already, actor, now),
                reason="A time-out of yours is open; come back from it, or set the topic"
                " aside, before calling a new one. Each person has one open at a time.",
                possible_from=already.ceiling_at,
            )
        end = now + timedelta(minutes=minutes)
        others = recent_time_outs(repository, relationship.id, actor, end)
        fits_from = when_it_fits(others, now, minutes, rules)
        if fits_from > now:
            latest = max(others, key=lambda t: t.started_at)
            raise NotAllowedNow(
                kind=TimeOut.WORKFLOW.name,
                action="call",
                state=latest.state.value,
                allowed=(),
                reason="One person's time-outs hold at most {hours}"
                " hours in any 7 days, so a time-out of this length can start from"
                " {when}. A third person, such as a counsellor, could help.",
                params={"hours": rules.weekly_ceiling_hours, "when": when(fits_from)},
                possible_from=fits_from,
            )
        return self._near(held(others, end) + (end - now), rules)

    def _lapse_overdue(self, relationship_id: uuid.UUID, actor: PersonId, now: datetime) -> None:
        """Lapse *actor*'s open time-outs whose ceiling passed before a worker lapsed them.

        Such a time-out is over for the rules (`open_time_out`), but it still holds its
        caller's place (one open per caller, `WorkflowSpec.one_at_a_time`) until it is
        stored lapsed: once a new call passed every check, the old one's deadlines fire,
        each at its own time, as `run_due` fires them (`repairkit._timers.fire_due`),
        before the new call is stored. A refused call changes nothing.
        """
        for timeout in self._runner.repository.load_keyed(
            TimeOut, relationship_id, OPEN_CALLER, actor, states=OPEN_STATES
        ):
            if now >= timeout.ceiling_at:
                fire_due(self._runner, timeout, now)

    @staticmethod
    def _near(hold: timedelta, rules: TimeOutRules) -> bool:
        """Return whether *hold*, in a week, is near the weekly ceiling."""
        return (
            hold * 100 >= timedelta(hours=rules.weekly_ceiling_hours) * rules.near_ceiling_percent
        )

    def _many_in_window(
        self, relationship: Relationship, rules: TimeOutRules, now: datetime
    ) -> bool:
        """Return whether this call makes `TimeOutRules.third_party_in_window` in the window."""
        repository = self._runner.repository

        def count(person: PersonId, since: datetime) -> int:
            return repository.count_events(relationship.id, person, since, tags=[TimeOutCalled.TAG])

        called = calls_in_window(count, relationship.partners, now, rules)
        return called + 1 >= rules.third_party_in_window

    def room_to_extend(self, timeout: TimeOut, now: datetime) -> datetime:
        """Return how far an extension at *now* may reach; refuse one with no room left.

        The weekly ceiling's check on `extend` (a precondition: `moves` reads it too).
        """
        others = [
            t
            for t in recent_time_outs(
                self._runner.repository, timeout.relationship_id, timeout.caller, now
            )
            if t.id != timeout.id
        ]
        wanted = timeout.next_return(now)
        rules = timeout.rules
        shortest = min(now + timedelta(minutes=rules.min_minutes), wanted)
        if not fits(others, timeout.started_at, shortest, rules):
            raise NotAllowedNow(
                kind=TimeOut.WORKFLOW.name,
                action="extend",
                state=timeout.state.value,
                allowed=(),
                reason="One person's time-outs hold at most {hours}"
                " hours in any 7 days, and this one has reached them. A third person, such as a"
                " counsellor, could help.",
                params={"hours": rules.weekly_ceiling_hours},
            )
        return max(shortest, latest_end(others, timeout.started_at, now, wanted, rules))

    def _extend(self, timeout: TimeOut, actor: PersonId, now: datetime) -> TimeOutExtended:
        until = self.room_to_extend(timeout, now)
        others = [
            t
            for t in recent_time_outs(
                self._runner.repository, timeout.relationship_id, timeout.caller, until
            )
            if t.id != timeout.id
        ]
        near = self._near(held(others, until) + (until - timeout.started_at), timeout.rules)
        return timeout.extend(actor=actor, at=now, until=until, third_party=near)

    def extend(self, timeout_id: uuid.UUID, *, actor: PersonId) -> TimeOut:
        """At check-back, ask for the next step of the ladder (the caller only).

        It never reaches past the ceiling from the first call, nor past what the weekly
        ceiling leaves; with less than `TimeOutRules.min_minutes` left of that, it is
        refused (`NotAllowedNow`: nothing is stored, nobody is told).
        """
        return self._run(
            timeout_id, actor, lambda obj, now: self._extend(obj, actor, now), "extend"
        )

    def come_back(self, timeout_id: uuid.UUID, *, actor: PersonId) -> TimeOut:
        """Go on talking (the caller may come back early; at check-back, either)."""
        return self._make(timeout_id, actor, "come_back")

    def set_aside(self, timeout_id: uuid.UUID, *, actor: PersonId) -> TimeOut:
        """Keep the topic for the next check-in."""
        return self._make(timeout_id, actor, "set_aside")

    def propose_dropping(self, timeout_id: uuid.UUID, *, actor: PersonId) -> TimeOut:
        """Suggest letting the topic go; the other agrees (or suggests it back)."""
        return self._make(timeout_id, actor, "propose_dropping")

    def agree_to_drop(self, timeout_id: uuid.UUID, *, actor: PersonId) -> TimeOut:
        """Let the topic go, both of you."""
        return self._make(timeout_id, actor, "agree_to_drop")

    def keep_topic(self, timeout_id: uuid.UUID, *, actor: PersonId) -> TimeOut:
        """Keep the topic; a no is a fair answer."""
        return self._make(timeout_id, actor, "keep_topic")
