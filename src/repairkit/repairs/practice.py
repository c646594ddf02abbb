"""A practice the responsible partner takes on: a closed set of kinds, its days and their marks.

The source text's example (docs/practices.md, Owning a lapse): the responsible partner
gives 20 extra minutes of focused attention daily for a week, followed by a joint
review. Each kind acts on the responsible partner's own time and attention only.

A practice's period is a run of calendar days in the couple's time zone, from the day it
starts. A day the practice spent paused from its start to its end is left out, and the
period's end moves by it. Each day of the period reads "marked" (the responsible partner
marked it), "not needed today" (the receiver said so: not a miss), "not marked" (left
unmarked: never a failure, no crossing, no count, no consequence), or "to come".
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from typing import Any

import attrs

from repairkit.core.settings import zone
from repairkit.errors import InvalidInput
from repairkit.repairs.rules import RepairRules

__all__ = [
    "DayStatus",
    "Practice",
    "PracticeDay",
    "PracticeKind",
    "check_practice",
    "day_in",
    "last_day",
    "period_days",
    "start_of",
]


class PracticeKind(enum.StrEnum):
    """The closed set of practices: each acts on the responsible partner's own time."""

    FOCUSED_ATTENTION = "focused attention"
    """Minutes a day of focused attention, for some days (the source's example)."""
    NAMED_SKILL = "named skill"
    """Practising a named skill (`RepairRules.skills`) each day of the period."""
    EXTRA_CHECK_IN = "extra check-in"
    """An extra check-in within the period."""
    THIRD_PERSON_SESSION = "third person session"
    """Suggesting a session with a third person (a therapist, a mediator) within the period."""


@attrs.frozen(kw_only=True)
class Practice:
    """A practice: its kind, its days, and the minutes or the skill its kind names."""

    kind: PracticeKind
    days: int
    minutes: int | None = None
    """Minutes a day (focused attention only)."""
    skill: str | None = None
    """The skill practised (a named skill only)."""

    @classmethod
    def focused_attention(cls, minutes: int = 20, days: int = 7) -> Practice:
        """Return focused attention, by default the source's 20 minutes a day for 7 days."""
        return cls(kind=PracticeKind.FOCUSED_ATTENTION, days=days, minutes=minutes)


class DayStatus(enum.StrEnum):
    """How one day of a practice period reads, to both partners."""

    MARKED = "marked"
    """The responsible partner marked it."""
    NOT_NEEDED = "not needed today"
    """The receiver said it was not needed that day: not a miss."""
    NOT_MARKED = "not marked"
    """Left unmarked: never a failure; it creates no crossing, no count, no consequence."""
    TO_COME = "to come"
    """A day of the period still ahead."""


@attrs.frozen(kw_only=True)
class PracticeDay:
    """One day of a practice period and how it reads."""

    day: date
    status: DayStatus


def _whole(value: object, field: str, low: int, high: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise InvalidInput(field, "needs a whole number from {low} to {high}.", low=low, high=high)
    return value


def check_practice(value: object, rules: RepairRules) -> Practice:
    """Return *value* as a practice of the closed set, or raise `InvalidInput`.

    A kind outside `PracticeKind`, days or minutes out of the rules' bounds, a skill
    not among `RepairRules.skills`, or minutes or a skill for a kind that names none,
    are refused: nothing is stored.
    """
    if not isinstance(value, Practice):
        raise InvalidInput("practice", "needs a Practice (a kind of the closed set, and days).")
    kind: Any = value.kind
    if not isinstance(kind, str) or kind not in set(PracticeKind):
        kinds = ", ".join(repr(k.value) for k in PracticeKind)
        raise InvalidInput(
            "practice", "needs one of the kinds {kinds}; no other kind is taken.", kinds=kinds
        )
    kind = PracticeKind(kind)
    days = _whole(value.days, "practice.days", 1, rules.max_practice_days)
    minutes, skill = value.minutes, value.skill
    if kind is PracticeKind.FOCUSED_ATTENTION:
        minutes = _whole(minutes, "practice.minutes", 5, rules.max_minutes)
    elif minutes is not None:
        raise InvalidInput("practice.minutes", "is given only for focused attention.")
    if kind is PracticeKind.NAMED_SKILL:
        if skill not in rules.skills:
            raise InvalidInput(
                "practice.skill", "needs one of {skills}.", skills=", ".join(rules.skills)
            )
    elif skill is not None:
        raise InvalidInput("practice.skill", "is given only for a named skill.")
    return Practice(kind=kind, days=days, minutes=minutes, skill=skill)


def day_in(at: datetime, time_zone: str) -> date:
    """Return the calendar day *at* falls on in the couple's time zone."""
    return at.astimezone(zone(time_zone)).date()


def start_of(day: date, time_zone: str) -> datetime:
    """Return the instant *day* starts in the couple's time zone."""
    return datetime.combine(day, time(0), tzinfo=zone(time_zone))


def last_day(first: date, length: int, skipped: tuple[date, ...]) -> date | None:
    """Return the last day of a period of *length* days from *first*, less the paused days.

    None when it lies past the calendar (a stored value no rule lets through).
    """
    try:
        end = first + timedelta(days=length - 1)
        for day in sorted(set(skipped)):
            if first <= day <= end:
                end += timedelta(days=1)
    except OverflowError:
        return None
    return end


def period_days(first: date, length: int, skipped: tuple[date, ...]) -> Iterator[date]:
    """Yield the *length* days of a period from *first*, less the days spent paused."""
    day, left = first, length
    while left > 0:
        if day not in skipped:
            yield day
            left -= 1
        day += timedelta(days=1)
