"""Durable timers: the deadlines a stored object carries, and what an app sees of them.

A workflow object names its deadlines (`WorkflowObject.deadlines`); storage keeps the
earliest as the object's ``due_at`` and `kit.timers.run_due` fires it with the
object's version check, so a timer fires once however many workers call it. A timer
missed while the app was down fires on the next ``run_due`` at its own due time, not
at the time it was noticed; a deadline that no longer applies (the object moved on)
simply disappears from the object, so it never fires.
"""

from __future__ import annotations

import uuid
from datetime import datetime

import attrs

__all__ = ["Deadline", "Upcoming"]


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
