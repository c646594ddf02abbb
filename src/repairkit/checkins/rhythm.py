"""A check-in rhythm: a weekday, a local start time, a length, every how many weeks.

Times are wall-clock times in the couple's time zone (`RelationshipSettings.time_zone`):
a check-in at 19:00 stays at 19:00 across a change to or from summer time. Sessions are
computed from the rhythm when they are asked for, never stored one by one.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Final

import attrs

from repairkit.checkins.rules import MAX_EVERY_WEEKS, MAX_MINUTES, MIN_MINUTES
from repairkit.errors import InvalidInput

__all__ = [
    "WEEKDAYS",
    "Rhythm",
    "check_move",
    "check_rhythm",
    "first_session",
    "local_start",
    "sessions_following",
    "upcoming_starts",
]

WEEKDAYS: Final = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
"""The weekdays, 0 (Monday) to 6 (Sunday), as `datetime.date.weekday` counts them."""


@attrs.frozen(kw_only=True)
class Rhythm:
    """When check-ins fall: each `every_weeks` weeks on `weekday`, at `start`, for `minutes`."""

    weekday: int
    """The day of the week, 0 (Monday) to 6 (Sunday)."""
    start: time
    """The local start time in the couple's time zone, to the minute, without a zone."""
    minutes: int
    """How long a check-in lasts."""
    every_weeks: int
    """How many weeks apart check-ins fall (1: weekly)."""

    @property
    def length(self) -> timedelta:
        """How long one check-in lasts."""
        return timedelta(minutes=self.minutes)

    @property
    def period(self) -> timedelta:
        """The days between one check-in and the next (in local dates)."""
        return timedelta(weeks=self.every_weeks)


_WHOLE = {
    "weekday": "needs a whole number from {low} to {high} (0 is Monday, 6 is Sunday).",
    "minutes": "needs a whole number from {low} to {high} (minutes).",
    "every_weeks": "needs a whole number from {low} to {high} (weeks).",
}
"""What each whole number of a rhythm is, as its refusal says."""


def _whole(value: object, field: str, low: int, high: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        reason = _WHOLE.get(field, "needs a whole number from {low} to {high}.")
        raise InvalidInput(field, reason, low=low, high=high)
    return value


def check_rhythm(*, weekday: int, start: time, minutes: int, every_weeks: int) -> Rhythm:
    """Return the rhythm these values give, or raise `InvalidInput` naming the field."""
    _whole(weekday, "weekday", 0, 6)
    if not isinstance(start, time):  # a datetime is no time of day
        raise InvalidInput("start", "needs a time of day, such as datetime.time(19, 0).")
    if start.tzinfo is not None:
        raise InvalidInput(
            "start",
            "needs a local time without a time zone: the couple's time zone applies.",
        )
    if start.second or start.microsecond:
        raise InvalidInput("start", "needs a time to the minute, such as 19:00.")
    _whole(minutes, "minutes", MIN_MINUTES, MAX_MINUTES)
    _whole(every_weeks, "every_weeks", 1, MAX_EVERY_WEEKS)
    return Rhythm(weekday=weekday, start=start, minutes=minutes, every_weeks=every_weeks)


def local_start(day: date, at: time, zone: tzinfo) -> datetime:
    """Return *day* at the wall-clock time *at* in *zone*, as an aware time in *zone*.

    A wall-clock time that does not exist that day (skipped when clocks go forward)
    becomes the same instant an hour later on the wall, as `zoneinfo` reads it.
    """
    return datetime.combine(day, at, tzinfo=zone).astimezone(UTC).astimezone(zone)


def first_session(rhythm: Rhythm, after: datetime, zone: tzinfo) -> datetime:
    """Return the start (UTC) of the rhythm's first session that starts after *after*."""
    local = after.astimezone(zone)
    day = local.date() + timedelta(days=(rhythm.weekday - local.weekday()) % 7)
    start = local_start(day, rhythm.start, zone)
    if start <= after:
        start = local_start(day + timedelta(weeks=1), rhythm.start, zone)
    return start.astimezone(UTC)


def sessions_following(rhythm: Rhythm, current: datetime, zone: tzinfo) -> Iterator[datetime]:
    """Yield the starts (aware, in *zone*) of the rhythm's sessions after the one at *current*.

    They count from *current*'s local date, on the rhythm's weekday: the same wall-clock
    time each time, whatever summer time does (and should the couple's zone have changed
    since *current* was set, on the rhythm's weekday in the zone now).
    """
    day = current.astimezone(zone).date()
    anchor = day - timedelta(days=(day.weekday() - rhythm.weekday) % 7)
    for weeks in itertools.count(rhythm.every_weeks, rhythm.every_weeks):
        yield local_start(anchor + timedelta(weeks=weeks), rhythm.start, zone)


def check_move(
    rhythm: Rhythm,
    to: datetime,
    at: datetime,
    next_at: datetime,
    moved_to: datetime | None,
    *,
    zone: tzinfo,
) -> datetime:
    """Return *to*, another start for the session at *next_at*, or raise `InvalidInput`.

    It comes after *at*, is not the session's time already (*moved_to*, if both moved
    it), and the moved session ends before the session after it starts.
    """
    if to <= at:
        raise InvalidInput("to", "needs a time after now.")
    if to == (moved_to or next_at):
        raise InvalidInput("to", "is the time the next session has already.")
    if to + rhythm.length > next(sessions_following(rhythm, next_at, zone)):
        raise InvalidInput("to", "needs the moved session to end before the one after it.")
    return to


def upcoming_starts(
    rhythm: Rhythm, first: datetime | None, next_at: datetime, zone: tzinfo, now: datetime
) -> Iterator[datetime]:
    """Yield the starts of the sessions to come whose time has not passed at *now*.

    Aware times in *zone*: the session at *next_at* starting at *first* (where both moved
    it), left out if *first* is None (set aside); then the rhythm's after *next_at*.
    """
    if first is not None and first + rhythm.length > now:
        yield first.astimezone(zone)
    for start in sessions_following(rhythm, next_at, zone):
        if start + rhythm.length > now:
            yield start
