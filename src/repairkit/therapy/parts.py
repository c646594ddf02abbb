"""The values a therapy plan holds: each partner's hopes, the schedule, a change awaited."""

from __future__ import annotations

import enum
import uuid
from datetime import datetime, timedelta

import attrs

from repairkit.core.settings import zone
from repairkit.core.values import PersonId
from repairkit.errors import InvalidInput

__all__ = ["Change", "ChangeKind", "Hope", "PlanSchedule", "whole_number"]


def whole_number(value: object, field: str, low: int, high: int) -> int:
    """Return *value* if it is a whole number from *low* to *high*, else `InvalidInput`."""
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise InvalidInput(field, "needs a whole number from {low} to {high}.", low=low, high=high)
    return value


@attrs.frozen(kw_only=True)
class Hope:
    """What one partner hopes for, in their own words (never quoted in a notice)."""

    author: PersonId
    words: str
    ready: bool = False
    """Whether its author set it: both are revealed once both are set."""


@attrs.frozen(kw_only=True)
class PlanSchedule:
    """The sessions both agreed: a first one, then every few weeks, a number of them."""

    first: datetime
    """The first session's start (UTC); the others keep its time of day in the couple's zone."""
    every_weeks: int
    count: int
    moved: tuple[tuple[int, datetime], ...] = ()
    """Sessions moved by both's agreement: (number, new start in UTC)."""
    missed: tuple[int, ...] = ()
    """The numbers of sessions noted as missed (naming no one)."""

    def sessions(self, time_zone: str) -> tuple[datetime, ...]:
        """Return every session's start (UTC), numbered from 1, moves applied."""
        local = self.first.astimezone(zone(time_zone))
        moved = dict(self.moved)
        return tuple(
            moved.get(
                n,
                (local + timedelta(weeks=(n - 1) * self.every_weeks)).astimezone(self.first.tzinfo),
            )
            for n in range(1, self.count + 1)
        )


class ChangeKind(enum.StrEnum):
    """What a proposed change is."""

    SCHEDULE = "schedule"
    RESCHEDULE = "reschedule"
    FINISH = "finish"


@attrs.frozen(kw_only=True)
class Change:
    """A change one partner proposed, awaiting the other (or resuming, while paused)."""

    kind: str
    """"schedule", "reschedule", "finish" or "resume"."""
    by: PersonId
    schedule: PlanSchedule | None = None
    """The schedule proposed ("schedule")."""
    session: int | None = None
    """The session to move ("reschedule")."""
    start: datetime | None = None
    """Its new start, in UTC ("reschedule")."""
    facilitator_id: uuid.UUID | None = None
    """The third person to resume with ("resume")."""
