"""Durable timers: the rows that declare them, the deadlines they give, what an app sees.

A workflow declares each timer once, as a `Timer` row of its table
(``Workflow(..., timers=(Timer("closes", at="closes_at", fires="close"),))``). From
that one row come the object's deadlines (`WorkflowObject.deadlines`: while the
move it fires is open from the object's state, at the instant its ``at`` names),
its ``on_due`` (the move fires when that instant has come) and the time guard of
that move (the machine lets it fire only from that instant on). Storage keeps the
earliest deadline as the object's ``due_at`` and `kit.timers.run_due` fires it with
the object's version check, so a timer fires once however many workers call it. A
timer missed while the app was down fires on the next ``run_due`` at its own due
time, not at the time it was noticed; a deadline that no longer applies (the object
moved on) simply disappears from the object, so it never fires.
"""

from __future__ import annotations

import uuid
from datetime import datetime

import attrs
from transitions import Machine
from transitions.core import Condition, EventData, Transition

__all__ = ["Deadline", "Timer", "TimerMachine", "Upcoming"]


@attrs.frozen
class Timer:
    """One row of a table's timers: at an instant of the object, repairkit makes a move.

    Rows are tried in table order: when two are due at once (a talk left open past
    both its limit and its longest time), the first one fires.
    """

    name: str
    """What happens then, in a few words, as deadlines name it ("closes")."""
    at: str
    """The entity's attribute or property giving the instant (None: no deadline now)."""
    fires: str
    """The move made then (a trigger of the table, made by repairkit itself): a plain
    move when its row names its event, else the entity's method of that name."""

    @property
    def guard(self) -> str:
        """How tables and diagrams name the time guard the row gives its move."""
        return f"{self.at} reached"

    def due(self, entity: object, at: datetime) -> bool:
        """Return whether the row's instant on *entity* has come by *at*."""
        instant: datetime | None = getattr(entity, self.at)
        return instant is not None and at >= instant


@attrs.frozen
class Deadline:
    """One moment at which time moves an object by itself."""

    name: str
    """What happens then, in a few words ("completes")."""
    at: datetime


@attrs.frozen(kw_only=True)
class Upcoming:
    """A deadline an app may show a person, for its own reminders."""

    workflow: str
    """The workflow's name ("request")."""
    id: uuid.UUID
    """The object's id."""
    deadline: str
    """What happens then ("completes")."""
    at: datetime
    """When; the start of its calendar day (in the couple's time zone) if `day_only`."""
    day_only: bool = False
    """True when `at` gives the day only: the deadline follows from a move of the other
    partner's that the reader was not told of (a time-out called past its daily notice),
    whose time an exact deadline would show (no activity signals, `repairkit.core.untold`)."""


class _Condition(Condition):
    """A condition of the machine: a guard the entity names, or a `Timer` row's time guard."""

    def check(self, event_data: EventData) -> bool:
        """Return whether the condition holds for the move's entity at the move's instant."""
        func: object = self.func  # transitions types it as a name or a callable
        if isinstance(func, Timer):
            (at,) = event_data.args
            return func.due(event_data.model, at) == self.target
        return super().check(event_data)


class _Transition(Transition):
    condition_cls = _Condition


class TimerMachine(Machine):
    """transitions' `Machine`, whose conditions may also be `Timer` rows."""

    transition_cls = _Transition
