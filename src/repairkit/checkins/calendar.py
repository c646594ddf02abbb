"""The agreed check-in schedule as iCalendar (RFC 5545), for the couple's own calendars.

One VCALENDAR with one recurring VEVENT: its start and end in the couple's time zone
(with its VTIMEZONE), an RRULE (weekly, every so many weeks, on the agreed weekday),
an EXDATE when the next session is set aside, and an overriding VEVENT (RECURRENCE-ID)
when both agreed to move it. It starts at the next session: what is past is no part of
it, so nothing in it tells which sessions were set aside before. Its SUMMARY is a
fixed, neutral "Check-in", with no free text and no person's id; its UID is derived
from the schedule's id alone, so a calendar that imports it again updates it.

Asked for, it also holds the relationship's other deadlines the reader may see
(`Timers.upcoming`): one VEVENT each, titled by its workflow and deadline in
repairkit's words ("Timeout: check back"), never free text; a deadline the reader
knows to the day only is an all-day event, so the calendar tells no time it should not.

The `icalendar` package is an optional extra: ``pip install repairkit[calendar]``.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Final

from repairkit.checkins.model import CheckInSchedule
from repairkit.core.settings import zone
from repairkit.core.timers import Upcoming
from repairkit.errors import RepairkitError

if TYPE_CHECKING:
    from icalendar import Event

__all__ = [
    "PRODID",
    "SUMMARY",
    "CalendarUnavailable",
    "deadlines_calendar",
    "schedule_calendar",
    "summary_of",
    "uid_of",
]

PRODID: Final = "-//repairkit//check-in schedule//EN"
"""Who made the calendar (RFC 5545, 3.7.3)."""
SUMMARY: Final = "Check-in"
"""The title of every check-in in the calendar: fixed and neutral."""
_UID_NAMESPACE: Final = uuid.UUID("6c1b3f0e-2a7d-5b8e-9f43-0d5c7e1a2b90")
"""Makes a schedule's UID: the same schedule gives the same UID, and nothing else."""
_BYDAY: Final = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


class CalendarUnavailable(RepairkitError):
    """The calendar export needs the optional `icalendar` package, which is not installed."""

    def __init__(self) -> None:
        super().__init__(
            "Exporting a check-in schedule as a calendar needs the icalendar package:"
            " pip install repairkit[calendar]"
        )


def uid_of(schedule_id: uuid.UUID, deadline: str | None = None) -> str:
    """Return the calendar UID of a schedule, or of one *deadline* of an object (stable)."""
    name = str(schedule_id) if deadline is None else f"{schedule_id}/{deadline}"
    return f"{uuid.uuid5(_UID_NAMESPACE, name)}@repairkit"


def summary_of(upcoming: Upcoming) -> str:
    """Return the title of a deadline's event: its workflow and deadline, in repairkit's words."""
    return f"{upcoming.workflow.capitalize()}: {upcoming.deadline}"


def _event(ical: Any, schedule: CheckInSchedule, start: datetime) -> Event:  # noqa: ANN401 - the module
    event: Event = ical.Event()
    event.add("uid", uid_of(schedule.id))
    event.add("dtstamp", schedule.changed_at or schedule.created_at)
    event.add("sequence", schedule.version)
    event.add("summary", SUMMARY)
    event.add("dtstart", start)
    event.add("dtend", start + schedule.rhythm.length)
    return event


def _deadline(ical: Any, upcoming: Upcoming, tz: Any, stamp: datetime) -> Event:  # noqa: ANN401 - the module
    event: Event = ical.Event()
    event.add("uid", uid_of(upcoming.id, upcoming.deadline))
    event.add("dtstamp", stamp)
    event.add("summary", summary_of(upcoming))
    if upcoming.day_only:  # an all-day event: the day, never the time
        day = upcoming.at.astimezone(tz).date()
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
    else:
        event.add("dtstart", upcoming.at.astimezone(tz))
    return event


def schedule_calendar(
    schedule: CheckInSchedule, upcoming: Sequence[Upcoming] = (), *, now: datetime | None = None
) -> bytes:
    """Return *schedule*, agreed, as iCalendar bytes; `CalendarUnavailable` without icalendar.

    *upcoming* are other deadlines the reader may see (`Timers.upcoming`), each added as
    an event of its own, stamped *now*; the schedule's own are its recurring event.
    """
    try:
        import icalendar  # noqa: PLC0415 - an optional extra, imported when asked for
    except ImportError as missing:
        raise CalendarUnavailable from missing
    assert schedule.next_at is not None  # noqa: S101 - an agreed schedule has a next session
    tz = zone(schedule.time_zone)
    rhythm = schedule.rhythm
    first = schedule.next_at.astimezone(tz)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    recurring = _event(icalendar, schedule, first)
    recurring.add(
        "rrule", {"freq": "weekly", "interval": rhythm.every_weeks, "byday": _BYDAY[rhythm.weekday]}
    )
    if schedule.skipped:
        recurring.add("exdate", first)
    calendar.add_component(recurring)
    if schedule.moved_to is not None and not schedule.skipped:
        moved = _event(icalendar, schedule, schedule.moved_to.astimezone(tz))
        moved.add("recurrence-id", first)
        calendar.add_component(moved)
    for deadline in upcoming:
        if deadline.id != schedule.id:
            calendar.add_component(_deadline(icalendar, deadline, tz, now or first))
    # The zone's rules from the first session on, for ten years (icalendar writes them).
    calendar.add_missing_timezones(
        first_date=first.date(), last_date=first.date().replace(year=first.year + 10, day=1)
    )
    data: bytes = calendar.to_ical()
    return data


def deadlines_calendar(upcoming: Sequence[Upcoming], *, time_zone: str, now: datetime) -> bytes:
    """Return *upcoming* deadlines alone as iCalendar bytes (`CalendarUnavailable` without it).

    One VEVENT each, as in `schedule_calendar`, stamped *now*, with the couple's time
    zone: a therapy plan's agreed sessions (``kit.therapy_plans.calendar``) are written
    by this module, never by a second writer.
    """
    try:
        import icalendar  # noqa: PLC0415 - an optional extra, imported when asked for
    except ImportError as missing:
        raise CalendarUnavailable from missing
    tz = zone(time_zone)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    for deadline in upcoming:
        calendar.add_component(_deadline(icalendar, deadline, tz, now))
    first = now.astimezone(tz).date()
    calendar.add_missing_timezones(
        first_date=first, last_date=first.replace(year=first.year + 10, day=1)
    )
    data: bytes = calendar.to_ical()
    return data
