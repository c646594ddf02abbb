"""Coarse time for the private log: a day and a part of the day, never an instant.

An entry of the log is placed by its author on a calendar day (in the couple's time
zone) and a part of that day: morning, afternoon, evening or night. Nothing finer is
kept for the other partner to read: what they see of a shared entry is the start of
that part of the day (`moment_start`), the same however and whenever it was written.
The hours the parts of the day begin at are the couple's rules (`LogRules`), by default
repairkit's own (`PART_STARTS`). `PartOfDay` and the moment helpers live in
`repairkit.core` (``repairkit.core.dayparts``), shared with micro-responses; they stay
importable from here.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from repairkit.core import PART_STARTS, PartOfDay, Starts, moment_of, moment_start, part_of_day
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
