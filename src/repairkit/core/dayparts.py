"""Parts of the day: the coarse time the private log and micro-responses keep.

A moment is kept as a calendar day (in the couple's time zone) and a part of that day:
morning, afternoon, evening or night, never an instant. The night lasts until the next
morning and belongs to the day it began on: 01:00 on a Tuesday is Monday's night. What
the other partner reads of a moment is the start of its part of the day
(`moment_start`), the same however and whenever it was written.

The hours the parts begin at are the couple's rules (each workflow's own
``morning_from``, ``afternoon_from``, ``evening_from`` and ``night_from``, given to
`part_starts`); by default repairkit's own (`PART_STARTS`). The stored values are the
members' strings ("morning", "afternoon", "evening", "night").
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
    "moment_of",
    "moment_start",
    "part_of_day",
    "part_starts",
]


class PartOfDay(enum.StrEnum):
    """A part of the day, the finest time a coarse moment keeps."""

    MORNING = "morning"
    """From 05:00 to noon, by default."""
    AFTERNOON = "afternoon"
    """From noon to 17:00, by default."""
    EVENING = "evening"
    """From 17:00 to 22:00, by default."""
    NIGHT = "night"
    """From 22:00 to the next morning, by default: it belongs to the day it began on."""


Starts = Mapping[PartOfDay, time]
"""When each part of the day begins, local time."""


def part_starts(morning: int, afternoon: int, evening: int, night: int) -> Starts:
    """Return when each part begins, from the hours a workflow's rules give, in order."""
    if not 0 <= morning < afternoon < evening < night <= 23:  # noqa: PLR2004 - hours of a day
        raise InvalidInput(
            "morning_from",
            "needs the morning, afternoon, evening and night to begin in that order.",
        )
    return {
        PartOfDay.MORNING: time(morning),
        PartOfDay.AFTERNOON: time(afternoon),
        PartOfDay.EVENING: time(evening),
        PartOfDay.NIGHT: time(night),
    }


PART_STARTS: Final = part_starts(5, 12, 17, 22)
"""When each part of the day begins, local time, by default (repairkit's own bounds)."""


def part_of_day(value: object, field: str = "part") -> PartOfDay:
    """Return *value* as a `PartOfDay` (its member or its value), or raise `InvalidInput`."""
    if isinstance(value, PartOfDay):
        return value
    if isinstance(value, str) and value in PartOfDay._value2member_map_:
        return PartOfDay(value)
    parts = ", ".join(repr(p.value) for p in PartOfDay)
    raise InvalidInput(field, "needs one of {parts}.", parts=parts)


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
