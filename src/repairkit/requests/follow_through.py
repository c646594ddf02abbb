"""Follow-through of an agreed request: marks, notes by the other partner, reviews.

The partner who committed marks their own occurrences (`Mark`). The other partner
can note that one seemed to go differently (`MissNotice`); it counts only once the
committed partner acknowledges it, and never if they see it differently, withdraw
nothing or let it lapse. Counts exist only over a rolling window (`FollowThrough`):
what is older is settled and shown nowhere.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import date, datetime, timedelta, tzinfo
from typing import TypeVar

import attrs

from repairkit.core.events import day_of
from repairkit.core.timebox import TimeBox
from repairkit.core.values import PersonId
from repairkit.errors import InvalidInput

__all__ = [
    "FollowThrough",
    "Mark",
    "MissNotice",
    "NoticeStatus",
    "Review",
    "check_occurrence",
    "in_window",
    "recent",
    "same_week",
    "seen_by_the_other",
]


@attrs.frozen(kw_only=True)
class Mark:
    """One occurrence, marked kept or not by the partner who committed (or owned by them)."""

    occurrence: date
    kept: bool
    at: datetime
    """When it was marked (or last corrected)."""


class NoticeStatus(enum.StrEnum):
    """Where a note by the other partner stands."""

    PENDING = "pending"
    """Awaiting the committed partner's answer; it counts nowhere."""
    ACKNOWLEDGED = "acknowledged"
    """Owned by the committed partner: the occurrence counts as not kept."""
    SEEN_DIFFERENTLY = "seen differently"
    """The committed partner sees it differently: it never counts; it goes to the check-in."""
    WITHDRAWN = "withdrawn"
    """The noter took it back; that day cannot be noted again (no note-and-retract loops)."""


@attrs.frozen(kw_only=True)
class MissNotice:
    """A note by the other partner that one occurrence seemed to go differently."""

    occurrence: date
    by: PersonId
    at: datetime
    status: NoticeStatus = NoticeStatus.PENDING
    view: str | None = None
    """The committed partner's view, when they see it differently (shared with both)."""


@attrs.frozen(kw_only=True)
class Review:
    """What one partner says worked, after completion; nothing is scored."""

    by: PersonId
    what_worked: str
    at: datetime


@attrs.frozen(kw_only=True)
class FollowThrough:
    """How an agreement went over the rolling window ending today: owned marks only."""

    kept: int
    not_kept: int
    window_days: int
    """The window the counts cover; anything older is settled and counted nowhere."""
    awaiting_answer: int = 0
    """Notes by the other partner not yet answered (they count nowhere)."""


_Item = TypeVar("_Item", "Mark", "MissNotice")


def in_window(day: date, today: date, window_days: int) -> bool:
    """Return whether *day* lies inside the rolling window ending *today*."""
    return today - timedelta(days=window_days) <= day <= today


def check_occurrence(
    occurrence: object,
    *,
    today: date,
    agreed_on: date | None,
    time_box: TimeBox | None,
    zone: object,
    window_days: int,
) -> date:
    """Return *occurrence* if it is a day of the agreement that can be marked today."""
    if not isinstance(occurrence, date) or isinstance(occurrence, datetime):
        raise InvalidInput("occurrence", "needs a calendar date (datetime.date).")
    if occurrence > today:
        raise InvalidInput("occurrence", "is in the future; it can be marked on the day.")
    if agreed_on is not None and occurrence < agreed_on:
        raise InvalidInput("occurrence", "is before the day the request was agreed.")
    if time_box is not None:
        if not time_box.covers(occurrence, zone):  # type: ignore[arg-type]
            raise InvalidInput("occurrence", "falls outside the request's time box.")
        if not time_box.how_often.includes(occurrence):
            raise InvalidInput(
                "occurrence",
                "is not one of the agreed days ({how_often}).",
                how_often=time_box.how_often,
            )
    if not in_window(occurrence, today, window_days):
        raise InvalidInput(
            "occurrence",
            "is more than 1 day ago; occurrences that old are settled."
            if window_days == 1
            else "is more than {days} days ago; occurrences that old are settled.",
            days=window_days,
        )
    return occurrence


def same_week(one: date, other: date) -> bool:
    """Return whether two days fall in the same Monday-to-Sunday week."""
    return one.isocalendar()[:2] == other.isocalendar()[:2]


def recent(items: Iterable[_Item], today: date, window_days: int) -> tuple[_Item, ...]:
    """Return the items whose occurrence lies inside the window, by day."""
    oldest = today - timedelta(days=window_days)
    return tuple(sorted((i for i in items if i.occurrence >= oldest), key=lambda i: i.occurrence))


def seen_by_the_other(marks: tuple[Mark, ...], zone: tzinfo) -> tuple[Mark, ...]:
    """Return *marks* as the partner who did not mark sees them.

    Nobody is told of a mark: its time shows to the day only, in the couple's time zone
    (no activity signals, docs/safety.md rule 4). The request's ``changed_at``, when a
    mark was its last move, is shown so by every read path (`Runner.as_told`).
    """
    return tuple(attrs.evolve(mark, at=day_of(mark.at, zone)) for mark in marks)
