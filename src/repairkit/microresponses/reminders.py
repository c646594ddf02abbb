"""Gentle reminders of micro-responses, for the person who asked for them and nobody else.

A person may ask for a reminder at a time of day of their own choosing
(``kit.micro_responses.remind_me``); repairkit then reminds them once a day, by a
durable timer (``kit.timers.run_due``), until they stop it (``stop_reminders``). A
reminder is its person's alone: the partner never reads it, nor that it exists, and
it counts against no one (no pressure budget, no record of a day without an act). Its
notification goes through the outbox like every other, so the person's quiet hours,
their pause and their own time-out hold it.
"""

from __future__ import annotations

import enum
import uuid
from datetime import UTC, datetime, time, timedelta
from typing import ClassVar, Final

import attrs

from repairkit.core.engine import CREATION, REPAIRKIT, Move, Role, Workflow
from repairkit.core.entity import WorkflowObject
from repairkit.core.events import DomainEvent
from repairkit.core.leaving import ClosedByLeaving, closed_by_leaving
from repairkit.core.notices import NoticeRule, Quiet, tell_audience
from repairkit.core.settings import SETTING_IN_FORCE, zone
from repairkit.core.timers import Timer
from repairkit.core.values import SYSTEM, PersonId, new_id
from repairkit.errors import InvalidInput

__all__ = [
    "ON",
    "REMINDER_EVENTS",
    "REMINDER_NOTICES",
    "REMINDER_WORKFLOW",
    "Reminder",
    "ReminderNotice",
    "ReminderSent",
    "ReminderStarted",
    "ReminderState",
    "ReminderStopped",
    "RemindersClosedByLeaving",
    "check_local_time",
    "next_time",
]


class ReminderState(enum.StrEnum):
    """Where a reminder stands."""

    ON = "on"
    """It reminds its person once a day, at the time they chose."""
    STOPPED = "stopped"
    """Its person stopped it."""
    CLOSED_BY_LEAVING = "closed by leaving"
    """A partner left the relationship."""


ON: Final = ReminderState.ON


@attrs.frozen(kw_only=True)
class ReminderStarted(DomainEvent):
    """A person asked to be reminded (private to them)."""

    TAG = "micro_response_reminder.started"


@attrs.frozen(kw_only=True)
class ReminderSent(DomainEvent):
    """repairkit reminded its person, once (private to them, and told to them alone)."""

    TAG = "micro_response_reminder.sent"
    TELLS_ITS_OWNER = True


@attrs.frozen(kw_only=True)
class ReminderStopped(DomainEvent):
    """Its person stopped their reminder."""

    TAG = "micro_response_reminder.stopped"


@attrs.frozen(kw_only=True)
class RemindersClosedByLeaving(ClosedByLeaving):
    """A partner left the relationship: the reminder stops."""

    TAG = "micro_response_reminder.closed_by_leaving"


class ReminderNotice(enum.StrEnum):
    """The kinds of notification reminders send."""

    REMINDER = "micro response reminder"
    """The gentle reminder a person asked for, sent to them alone."""


_OWN: Final = Quiet("A reminder is its person's own: nobody else hears of it.")

REMINDED: Final = tell_audience(
    ReminderNotice.REMINDER,
    "The gentle reminder you asked for: a small moment of attention, if today has room for one.",
)
"""The rule of repairkit's reminder: its person hears it, and nobody else."""

PERSON = Role(
    "person",
    "the partner who asked for it",
    refusal="Only {description} can {trigger} this reminder.",
)
"""The person a reminder is for: only they stop it."""

_S = ReminderState
REMINDER_MOVES: tuple[Move, ...] = (
    Move(
        "remind",
        (_S.ON,),
        _S.ON,
        REPAIRKIT,
        description="The chosen time came: repairkit reminds its person, gently.",
    ),
    Move(
        "stop",
        (_S.ON,),
        _S.STOPPED,
        PERSON,
        description="Stop one's own reminder, alone, at any time.",
        event=ReminderStopped,
        notice=_OWN,
        takes_back=(CREATION,),
    ),
)

REMINDER_WORKFLOW = Workflow(
    "micro_response_reminder",
    ReminderState,
    _S.ON,
    (
        *REMINDER_MOVES,
        closed_by_leaving(REMINDER_MOVES, _S.CLOSED_BY_LEAVING, RemindersClosedByLeaving),
    ),
    (Timer("reminds", at="next_at", fires="remind"),),
)
"""The reminder's table and its daily timer."""

REMINDER_EVENTS: tuple[type[DomainEvent], ...] = (ReminderStarted, ReminderSent)
"""The events no row of the table names."""
REMINDER_NOTICES: dict[type[DomainEvent], NoticeRule | Quiet] = {
    ReminderStarted: _OWN,
    ReminderSent: REMINDED,
}
"""The rules of the events no row names."""


def next_time(after: datetime, at_local: time, zone_name: str) -> datetime:
    """Return the first instant after *after* when the clock in *zone_name* shows *at_local*."""
    here = zone(zone_name)
    local = after.astimezone(here)
    for days in range(3):
        day = local.date() + timedelta(days=days)
        candidate = datetime.combine(day, at_local, tzinfo=here).astimezone(UTC)
        if candidate > after:
            return candidate
    raise AssertionError  # pragma: no cover - one of three days always comes after


def check_local_time(value: object) -> time:
    """Return *value* as a wall-clock time of day (no time zone), or raise `InvalidInput`."""
    if not isinstance(value, time) or value.tzinfo is not None:
        raise InvalidInput(
            "at_local_time", "needs a time of day without a time zone, such as time(19, 30)."
        )
    return value.replace(second=0, microsecond=0)


@attrs.define(eq=False, kw_only=True)
class Reminder(WorkflowObject):
    """One person's daily reminder of micro-responses: theirs alone."""

    WORKFLOW: ClassVar[Workflow] = REMINDER_WORKFLOW

    id: uuid.UUID
    relationship_id: uuid.UUID
    person: PersonId
    """The person who asked for it, who alone hears it and reads it."""
    at_local: time
    """The time of day it comes, on the couple's wall clock."""
    time_zone: str = attrs.field(default="UTC", metadata=SETTING_IN_FORCE)
    """The couple's time zone in force (never stored)."""
    next_at: datetime | None = None
    """When it next comes (UTC), while on."""
    created_at: datetime
    state: ReminderState = ReminderState.ON
    version: int = 0
    changed_at: datetime | None = None

    @property
    def participants(self) -> tuple[PersonId]:
        """Its person alone."""
        return (self.person,)

    @property
    def private_to(self) -> PersonId | None:
        """Its person, always."""
        return self.person

    def roles_of(self, actor: PersonId) -> frozenset[Role]:
        """Return the roles *actor* plays: its person; repairkit."""
        if actor == SYSTEM:
            return frozenset({REPAIRKIT})
        return frozenset({PERSON}) if actor == self.person else frozenset()

    def audience(self, event: DomainEvent) -> tuple[PersonId, ...]:
        """Its person hears repairkit's reminder; nobody else hears anything."""
        return (self.person,) if event.actor == SYSTEM else ()

    @classmethod
    def start(
        cls,
        *,
        relationship_id: uuid.UUID,
        person: PersonId,
        at_local: object,
        time_zone: str,
        at: datetime,
    ) -> tuple[Reminder, ReminderStarted]:
        """Start *person*'s daily reminder at *at_local*, from *at*."""
        local = check_local_time(at_local)
        made = cls(
            id=new_id(),
            relationship_id=relationship_id,
            person=person,
            at_local=local,
            time_zone=time_zone,
            next_at=next_time(at, local, time_zone),
            created_at=at,
            version=1,
        )
        return made, made._event(ReminderStarted, person, at, None)

    def remind(self, *, actor: PersonId, at: datetime) -> ReminderSent:
        """Remind its person (repairkit's timer), and set the next day's time."""
        at = self._begin("remind", actor, at)
        before = self._fire("remind", at)
        self.next_at = next_time(at, self.at_local, self.time_zone)
        return self._event(ReminderSent, actor, at, before)

    def stop(self, *, actor: PersonId, at: datetime) -> DomainEvent:
        """Stop it (its person): nothing comes any more."""
        event = self.make("stop", actor=actor, at=at)
        self.next_at = None
        return event
