"""Coarse time for the private log: a day and a part of the day, never an instant.

An entry of the log is placed by its author on a calendar day (in the couple's time
zone) and a part of that day: morning, afternoon, evening or night. Nothing finer is
kept for the other partner to read: what they see of a shared entry is the start of
that part of the day (`moment_start`), the same however and whenever it was written.
The hours the parts of the day begin at are the couple's rules (`LogRules`), by default
repairkit's own (`PART_STARTS`).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Final

from repairkit.errors import InvalidInput

__all__ = [
    "PART_STARTS",
    "PartOfDay",
    "Starts",
    "check_day",
    "iso_week",
    "moment_of",
    "moment_start",
    "part_of_day",
    "weeks_between",
]


class PartOfDay(enum.StrEnum):
    """A part of the day, the finest time an entry of the log keeps."""

    MORNING = "morning"
    """From 05:00 to noon, by default."""
    AFTERNOON = "afternoon"
    """From noon to 17:00, by default."""
    EVENING = "evening"
    """From 17:00 to 22:00, by default."""
    NIGHT = "night"
    """From 22:00 to the next morning, by default: it belongs to the day it began on."""


PART_STARTS: Final = {
    PartOfDay.MORNING: time(5, 0),
    PartOfDay.AFTERNOON: time(12, 0),
    PartOfDay.EVENING: time(17, 0),
    PartOfDay.NIGHT: time(22, 0),
}
"""When each part of the day begins, local time, by default (repairkit's own bounds)."""

Starts = Mapping[PartOfDay, time]
"""When each part of the day begins, local time (`LogRules.part_starts`)."""


def part_of_day(value: object) -> PartOfDay:
    """Return *value* as a `PartOfDay` (its member or its value), or raise `InvalidInput`."""
    if isinstance(value, PartOfDay):
        return value
    if isinstance(value, str) and value in PartOfDay._value2member_map_:
        return PartOfDay(value)
    parts = ", ".join(repr(p.value) for p in PartOfDay)
    raise InvalidInput("part", f"needs one of {parts}.")


def moment_of(at: datetime, zone: tzinfo, starts: Starts = PART_STARTS) -> tuple[date, PartOfDay]:
    """Return the day and the part of the day *at* falls in, in *zone*.

    The hours after midnight and before the morning belong to the night of the day before.
    """
    local = at.astimezone(zone)
    day, clock = local.date(), local.time()
    if clock < starts[PartOfDay.MORNING]:
        return day - timedelta(days=1), PartOfDay.NIGHT
    part = max((p for p, start in starts.items() if start <= clock), key=starts.__getitem__)
    return day, part


def moment_start(
    day: date, part: PartOfDay, zone: tzinfo, starts: Starts = PART_STARTS
) -> datetime:
    """Return when *part* of *day* begins, in UTC (the only instant the other partner reads)."""
    local = datetime.combine(day, starts[part], tzinfo=zone)
    return local.astimezone(UTC)


def check_day(value: object, field: str = "day") -> date:
    """Return *value* as a calendar day, or raise `InvalidInput` (a datetime is no day)."""
    if isinstance(value, datetime) or not isinstance(value, date):
        raise InvalidInput(field, "needs a calendar day (a datetime.date).")
    return value


def iso_week(day: date) -> str:
    """Return the ISO week *day* falls in, as ``"2026-W10"``: the log's index value."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def weeks_between(first: date, last: date) -> list[str]:
    """Return the ISO weeks from *first*'s to *last*'s, in order (empty if *last* is earlier)."""
    weeks: list[str] = []
    monday = first - timedelta(days=first.weekday())
    while monday <= last:
        weeks.append(iso_week(monday))
        monday += timedelta(days=7)
    return weeks
