"""The check-in schedule's commands, reached as ``kit.checkins``."""

from __future__ import annotations

import uuid
from datetime import datetime, time
from typing import Any, Final

from repairkit._timers import Timers
from repairkit.checkins.calendar import schedule_calendar
from repairkit.checkins.model import CheckInSchedule
from repairkit.checkins.rules import CheckInRules
from repairkit.checkins.table import HOLDING
from repairkit.commands import FIND_LIMIT, Page, WorkflowCommands
from repairkit.core.values import PersonId, check_person_id
from repairkit.errors import InvalidInput, NotAllowedNow

__all__ = ["MAX_UPCOMING", "CheckInCommands"]

MAX_UPCOMING: Final = 104
"""The most sessions `CheckInCommands.upcoming` lists at once: two years of weekly
check-ins (repairkit's own bound)."""


class CheckInCommands(WorkflowCommands[CheckInSchedule]):
    """Check-in schedules: proposed by one partner, holding once both agree, stopped by either.

    Reach it as ``kit.checkins``. Every command names its actor and returns the schedule
    as it now stands.
    """

    entity = CheckInSchedule

    def propose(
        self,
        relationship_id: uuid.UUID,
        *,
        actor: PersonId,
        weekday: int,
        start: time,
        minutes: int | None = None,
        every_weeks: int | None = None,
    ) -> CheckInSchedule:
        """Propose a recurring check-in time to the partner, whose answer is then awaited.

        *weekday* counts from 0 (Monday) to 6 (Sunday); *start* is a local time of day
        in the couple's time zone (``time(19, 0)``); *minutes* and *every_weeks* default
        to the relationship's `CheckInRules` (an hour, weekly).
        """
        actor = check_person_id(actor, "actor")
        relationship = self._relationship_for(relationship_id, actor, "propose a check-in time")
        schedule, event = CheckInSchedule.propose(
            relationship_id=relationship.id,
            proposer=actor,
            partner=relationship.other_partner(actor),
            rules=relationship.settings.of(CheckInRules),
            time_zone=relationship.settings.time_zone,
            at=self._runner.now(),
            weekday=weekday,
            start=start,
            minutes=minutes,
            every_weeks=every_weeks,
        )
        return self._add(schedule, event)

    def agree(self, schedule_id: uuid.UUID, *, actor: PersonId) -> CheckInSchedule:
        """Agree to the proposed time: the check-ins hold, from the first one to come."""
        return self._make(schedule_id, actor, "agree")

    def decline(self, schedule_id: uuid.UUID, *, actor: PersonId) -> CheckInSchedule:
        """Say no: neutral, counted nowhere."""
        return self._make(schedule_id, actor, "decline")

    def withdraw(self, schedule_id: uuid.UUID, *, actor: PersonId) -> CheckInSchedule:
        """Take the proposal back before an answer (the proposer)."""
        return self._make(schedule_id, actor, "withdraw")

    def propose_change(
        self,
        schedule_id: uuid.UUID,
        *,
        actor: PersonId,
        weekday: int | None = None,
        start: time | None = None,
        minutes: int | None = None,
        every_weeks: int | None = None,
    ) -> CheckInSchedule:
        """Propose a new rhythm (either partner; what is left out stays as agreed).

        The agreed rhythm holds until the other partner agrees.
        """
        return self._make(
            schedule_id,
            actor,
            "propose_change",
            weekday=weekday,
            start=start,
            minutes=minutes,
            every_weeks=every_weeks,
        )

    def agree_to_change(self, schedule_id: uuid.UUID, *, actor: PersonId) -> CheckInSchedule:
        """Agree to the proposed rhythm: it holds now, from its first session to come."""
        return self._make(schedule_id, actor, "agree_to_change")

    def move_one(self, schedule_id: uuid.UUID, *, actor: PersonId, to: datetime) -> CheckInSchedule:
        """Propose another start for the next session only (either partner).

        *to* is an aware datetime after now; the moved session ends before the session
        after it starts. The usual time holds until the other partner agrees.
        """
        return self._make(schedule_id, actor, "move_one", to=to)

    def agree_to_move(self, schedule_id: uuid.UUID, *, actor: PersonId) -> CheckInSchedule:
        """Agree: the next session takes place at the proposed time."""
        return self._make(schedule_id, actor, "agree_to_move")

    def keep_current(self, schedule_id: uuid.UUID, *, actor: PersonId) -> CheckInSchedule:
        """Keep the agreed times: the partner asked says no to the suggested time (neutral).

        The partner who suggested it takes it back with ``withdraw_change`` (a new rhythm)
        or ``withdraw_move`` (another time for the next session) instead.
        """
        return self._make(schedule_id, actor, "keep_current")

    def skip(self, schedule_id: uuid.UUID, *, actor: PersonId) -> CheckInSchedule:
        """Set the next session aside, alone ("not this week"): neutral, counted nowhere."""
        return self._make(schedule_id, actor, "skip")

    def end(self, schedule_id: uuid.UUID, *, actor: PersonId) -> CheckInSchedule:
        """Stop the schedule, alone and at once."""
        return self._make(schedule_id, actor, "end")

    # -- queries ------------------------------------------------------------------------

    def holding(self, relationship_id: uuid.UUID, *, actor: PersonId) -> list[CheckInSchedule]:
        """Return the relationship's agreed schedules, oldest first."""
        return self.find(relationship_id, actor=actor, states=list(HOLDING))

    def upcoming(
        self, schedule_id: uuid.UUID, *, actor: PersonId, count: int = 4
    ) -> list[datetime]:
        """Return the starts of the next *count* sessions, as aware times in the couple's zone.

        A session set aside is left out, a moved one is at its new time, and a session
        under way is listed until its time has passed. Computed from the rhythm; a
        schedule not agreed (or no longer) has none. *count* is from 0 to `MAX_UPCOMING`.
        """
        if not isinstance(count, int) or isinstance(count, bool) or not 0 <= count <= MAX_UPCOMING:
            raise InvalidInput("count", "needs a whole number from 0 to {high}.", high=MAX_UPCOMING)
        schedule = self._visible(schedule_id, actor)
        return schedule.upcoming(self._runner.now(), count)

    def calendar(self, schedule_id: uuid.UUID, *, actor: PersonId, upcoming: bool = False) -> bytes:
        """Return the agreed schedule as iCalendar (RFC 5545) bytes, for a partner's calendar.

        With *upcoming*, the calendar also holds the relationship's other deadlines that
        *actor* may see (`Timers.upcoming`, the soonest `UPCOMING_LIMIT`), one event each,
        titled in repairkit's words; one known to the day only is an all-day event.

        Raises:
            NotFound: *actor* is no partner of it (alike for a missing id).
            NotAllowedNow: The schedule is not agreed (or no longer holds).
            CalendarUnavailable: The optional icalendar package is not installed
                (``pip install repairkit[calendar]``).
        """
        schedule = self._visible(schedule_id, actor)
        if not schedule.holds:
            actor = check_person_id(actor, "actor")
            raise NotAllowedNow(
                kind=schedule.WORKFLOW.name,
                action="calendar",
                state=schedule.state.value,
                allowed=self._open_moves(schedule, actor, self._runner.now()),
                finished=schedule.is_finished,
                reason="Only an agreed schedule can be exported as a calendar.",
            )
        if not upcoming:
            return schedule_calendar(schedule)
        deadlines = Timers(self._runner).upcoming(schedule.relationship_id, actor=actor)
        return schedule_calendar(schedule, deadlines, now=self._runner.now())

    def agenda(
        self,
        relationship_id: uuid.UUID,
        *,
        actor: PersonId,
        after: uuid.UUID | None = None,
        limit: int = FIND_LIMIT,
    ) -> Page[Any]:
        """Return one page of what waits for the next check-in (``kit.agenda.waiting``).

        What every workflow put on the agenda and the partners' own topics, as *actor*
        may see them (docs/agenda.md). A registry without the agenda has none to read
        (`NotAllowedNow`).
        """
        spec = self._runner.workflows.by_namespace.get("agenda")
        if spec is None or spec.commands is None:
            raise NotAllowedNow(
                kind=CheckInSchedule.WORKFLOW.name,
                action="agenda",
                state="",
                allowed=(),
                reason="This kit's workflows keep no check-in agenda.",
            )
        agenda = spec.commands(self._runner)
        page: Page[Any] = agenda.waiting(relationship_id, actor=actor, after=after, limit=limit)
        return page
