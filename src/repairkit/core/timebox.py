"""When an agreement applies: a `TimeBox` and the `Schedule` of its occurrences."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, tzinfo
from typing import Any, Final

import attrs

from repairkit.core.values import MAX_HOW_OFTEN_LENGTH, check_instant, check_text
from repairkit.errors import InvalidInput

__all__ = ["Schedule", "TimeBox", "stored_schedule"]

DAY_NAMES: Final = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
"""Day names as `Schedule.on` reads them (full names work too); Monday is 0."""
_WEEKDAYS: Final = (0, 1, 2, 3, 4)
_EVERY_DAY: Final = (0, 1, 2, 3, 4, 5, 6)
_WORDS: Final = {
    "daily": _EVERY_DAY,
    "every day": _EVERY_DAY,
    "weekdays": _WEEKDAYS,
    "weekends": (5, 6),
}
"""The plain words `TimeBox(how_often=...)` accepts in place of a `Schedule`."""


def _day(value: object) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 6:  # noqa: PLR2004
        return value
    if isinstance(value, str):
        name = value.strip().casefold()[:3]
        if name in DAY_NAMES and value.strip().casefold() in _FULL_NAMES | set(DAY_NAMES):
            return DAY_NAMES.index(name)
    raise InvalidInput(
        "how_often.days", "needs days of the week: 0 (Monday) to 6 (Sunday), or 'mon' to 'sun'."
    )


_FULL_NAMES: Final = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
)


def _days(values: Iterable[object]) -> tuple[int, ...]:
    if isinstance(values, str) or not isinstance(values, Iterable):
        raise InvalidInput("how_often.days", "needs a list of days of the week.")
    days = tuple(sorted({_day(v) for v in values}))
    if not days:
        raise InvalidInput("how_often.days", "needs at least one day of the week.")
    return days


@attrs.frozen(kw_only=True)
class Schedule:
    """Which days of a time box are occurrences: daily, weekdays, chosen days, or n a week.

    Build one with `Schedule.daily`, `Schedule.weekdays`, `Schedule.on` ("mon", "thu")
    or `Schedule.times_a_week` (any day, at most n marked in one Monday-to-Sunday
    week). Follow-through can be marked only on the days a schedule includes. *note*
    is an optional description for people ("after dinner"); repairkit never reads it.
    """

    days: tuple[int, ...] = attrs.field(default=_EVERY_DAY, converter=_days)
    """The days of the week (0 is Monday) on which an occurrence can fall."""
    per_week: int | None = None
    """At most this many occurrences in one week (None: one on each of `days`)."""
    note: str | None = None
    """A short description for people, such as "Mondays 5-6 pm"."""

    def __attrs_post_init__(self) -> None:
        if self.per_week is not None and (
            not isinstance(self.per_week, int)
            or isinstance(self.per_week, bool)
            or not 1 <= self.per_week <= len(self.days)
        ):
            raise InvalidInput(
                "how_often.per_week", "needs a whole number from 1 to {high}.", high=len(self.days)
            )
        note = check_text(
            self.note, "how_often.note", max_length=MAX_HOW_OFTEN_LENGTH, optional=True
        )
        object.__setattr__(self, "note", note)

    @classmethod
    def daily(cls, *, note: str | None = None) -> Schedule:
        """Every day."""
        return cls(note=note)

    @classmethod
    def weekdays(cls, *, note: str | None = None) -> Schedule:
        """Monday to Friday."""
        return cls(days=_WEEKDAYS, note=note)

    @classmethod
    def on(cls, *days: int | str, note: str | None = None) -> Schedule:
        """The chosen days of the week: ``Schedule.on("mon", "thu")`` (or 0 to 6)."""
        return cls(days=days, note=note)

    @classmethod
    def times_a_week(cls, times: int, *, note: str | None = None) -> Schedule:
        """*times* occurrences a week, on any day."""
        return cls(per_week=times, note=note)

    def includes(self, day: date) -> bool:
        """Return whether an occurrence can fall on the calendar *day*."""
        return day.weekday() in self.days

    def __str__(self) -> str:
        """Describe the schedule in a few plain words."""
        if self.per_week is not None:
            plain = f"{self.per_week} times a week" if self.per_week > 1 else "once a week"
        else:
            plain = next((w for w, d in _WORDS.items() if d == self.days), "")
            plain = plain or "on " + ", ".join(DAY_NAMES[d].title() for d in self.days)
        return f"{plain} ({self.note})" if self.note else plain


def _schedule(value: object) -> Schedule:
    if value is None:
        return Schedule.daily()
    if isinstance(value, Schedule):
        return value
    if isinstance(value, str) and " ".join(value.casefold().split()) in _WORDS:
        return Schedule(days=_WORDS[" ".join(value.casefold().split())])
    raise InvalidInput(
        "time_box.how_often",
        "needs a Schedule (Schedule.daily(), .weekdays(), .on('mon', 'thu'),"
        " .times_a_week(3)) or one of 'daily', 'weekdays', 'weekends'.",
    )


@functools.lru_cache(maxsize=256)
def _stored(days: tuple[int, ...], per_week: int | None, note: str | None) -> Schedule:
    return Schedule(days=days, per_week=per_week, note=note)


def stored_schedule(value: dict[str, Any]) -> Schedule:
    """Return the schedule stored as *value*, a dict; anything else raises `TypeError`.

    Schedules stored as free text (0.1.0.dev0) are structured by the storage's
    migrations when a file or schema is opened, so none is read here.
    """
    if type(value) is not dict:
        msg = f"a stored schedule holds a {type(value).__name__}"
        raise TypeError(msg)
    return _stored(tuple(value["days"]), value["per_week"], value["note"])


@attrs.frozen(kw_only=True)
class TimeBox:
    """When an agreement applies: from `starts_at` to `ends_at`, on the days of `how_often`.

    Example: "weekdays for the next four weeks" is
    ``TimeBox(starts_at=monday, ends_at=monday + timedelta(days=28), how_often="weekdays")``
    (or ``how_often=Schedule.weekdays(note="after dinner")``). Both instants must be
    timezone-aware; they are kept in UTC. Without `how_often`, every day counts.
    """

    starts_at: datetime
    ends_at: datetime
    how_often: Schedule = attrs.field(default=None, converter=_schedule)
    """The days occurrences fall on (`Schedule`; plain words such as "weekdays" work too)."""

    def __attrs_post_init__(self) -> None:
        starts_at = check_instant(self.starts_at, "time_box.starts_at")
        ends_at = check_instant(self.ends_at, "time_box.ends_at")
        if ends_at <= starts_at:
            raise InvalidInput(
                "time_box.ends_at", "is not after time_box.starts_at; an end after the start fits."
            )
        # Normalise in place (frozen): UTC instants.
        object.__setattr__(self, "starts_at", starts_at)
        object.__setattr__(self, "ends_at", ends_at)

    def covers(self, day: date, zone: tzinfo = UTC) -> bool:
        """Return whether the calendar *day*, in time zone *zone*, overlaps the time box.

        The box is half-open: a box ending at midnight does not cover the day that starts then.
        """
        day_starts = datetime.combine(day, time.min, tzinfo=zone)
        return self.starts_at.astimezone(zone).date() <= day and day_starts < self.ends_at

    @property
    def days(self) -> float:
        """How long the time box lasts, in days."""
        return (self.ends_at - self.starts_at).total_seconds() / 86400
