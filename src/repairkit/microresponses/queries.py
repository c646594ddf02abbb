"""Counting micro-responses by week, from the index: never the whole history.

Each count reads one index entry per week (`Storage.load_keyed`): a giver's own
micro-responses of an ISO week under ``("giver week", "<giver>:<week>")``, the told ones
of a week under ``("told week", "<week>")``. A year of daily acts costs a week's count
what a fortnight does. There is no streak, no "missed day", no ranking: a week with
none is a zero like any other, and nothing compares one partner with the other.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta, tzinfo
from typing import Any, Final

import attrs

from repairkit.core.values import PersonId
from repairkit.errors import InvalidInput
from repairkit.microresponses.model import MicroResponse, MicroResponseKind, iso_week
from repairkit.microresponses.table import COUNTED, MicroResponseState

__all__ = [
    "GIVER_WEEK",
    "KEPT_FOR_APPRECIATIONS",
    "MAX_WEEKS",
    "RECEIVED_WEEK",
    "TOLD_WEEK",
    "ProgressWeek",
    "WeekCount",
    "count_weeks",
    "keys_of",
    "progress_weeks",
    "weeks_between",
]

GIVER_WEEK: Final = "giver week"
"""The index key of a giver's own micro-responses of one week: ``"<giver>:<week>"``."""
TOLD_WEEK: Final = "told week"
"""The index key of the told micro-responses of one week: ``"<week>"``."""
RECEIVED_WEEK: Final = "received week"
"""The index key of what a receiver reads of one week (told, or acknowledged): ``"<week>"``."""
KEPT_FOR_APPRECIATIONS: Final = "kept for appreciations"
"""The index key of what a receiver keeps for their appreciations: ``"<receiver>"``."""
MAX_WEEKS: Final = 520
"""The most weeks one count reads (repairkit's own bound: ten years)."""

_COUNTED = [state.value for state in COUNTED]
_TOLD = [MicroResponseState.TOLD.value]


def keys_of(micro: MicroResponse) -> Iterable[tuple[str, str]]:
    """A micro-response's index keys: its giver's week while it counts, its week once told.

    And its week while its receiver reads it (told, or acknowledged before it was taken
    back or deleted): what `MicroResponseCommands.received` reads.
    """
    if micro.state in COUNTED:
        yield (GIVER_WEEK, f"{micro.giver}:{micro.week}")
    if micro.private_to is None:
        yield (RECEIVED_WEEK, micro.week)
    if micro.state is MicroResponseState.TOLD:
        yield (TOLD_WEEK, micro.week)
        if micro.for_appreciations:
            yield (KEPT_FOR_APPRECIATIONS, str(micro.receiver))


@attrs.frozen(kw_only=True)
class WeekCount:
    """One ISO week's count: by kind (every kind, zeros included) and in all."""

    week: str
    """The ISO week ("2026-W49")."""
    starts: date
    """Its Monday."""
    by_kind: dict[MicroResponseKind, int]
    total: int


@attrs.frozen(kw_only=True)
class ProgressWeek:
    """One week of micro-responses for the progress view: the reader's own, and the couple's."""

    week: str
    starts: date
    own: int
    """The reader's own micro-responses that week (theirs alone to read)."""
    couple: int | None
    """Both partners' told micro-responses together, never split by person; None unless
    both agreed to couple totals (`MicroResponseRules.couple_totals`)."""


def weeks_between(first: date, last: date) -> list[tuple[str, date]]:
    """Return the ISO weeks from *first*'s to *last*'s, oldest first, each with its Monday."""
    start = first - timedelta(days=first.weekday())
    end = last - timedelta(days=last.weekday())
    if start > end:
        return []
    count = (end - start).days // 7 + 1
    if count > MAX_WEEKS:
        raise InvalidInput(
            "since", "reaches back more than {weeks} weeks; pick a later day.", weeks=MAX_WEEKS
        )
    mondays = [start + timedelta(weeks=n) for n in range(count)]
    return [(iso_week(monday), monday) for monday in mondays]


def first_day(since: date | datetime | None, today: date, weeks: int, zone: tzinfo) -> date:
    """Return the day a count starts: *since*'s (in *zone*), or *weeks* weeks back from today."""
    if since is None:
        return today - timedelta(weeks=weeks - 1)
    if isinstance(since, datetime):
        if since.tzinfo is None:
            raise InvalidInput("since", "needs a day, or a timezone-aware datetime.")
        return since.astimezone(zone).date()
    if isinstance(since, date):
        return since
    raise InvalidInput("since", "needs a day, or a timezone-aware datetime.")


def count_weeks(
    repository: Any,  # noqa: ANN401 - the runner's read-only repository
    relationship_id: uuid.UUID,
    weeks: Sequence[tuple[str, date]],
    *,
    giver: PersonId | None,
) -> list[WeekCount]:
    """Count by week: *giver*'s own micro-responses, or (None) the told ones of both."""
    found = []
    for week, starts in weeks:
        if giver is None:
            items = repository.load_keyed(
                MicroResponse, relationship_id, TOLD_WEEK, week, states=_TOLD
            )
        else:
            items = repository.load_keyed(
                MicroResponse, relationship_id, GIVER_WEEK, f"{giver}:{week}", states=_COUNTED
            )
        by_kind = dict.fromkeys(MicroResponseKind, 0)
        for item in items:
            by_kind[item.kind] += 1
        found.append(WeekCount(week=week, starts=starts, by_kind=by_kind, total=len(items)))
    return found


def progress_weeks(
    repository: Any,  # noqa: ANN401 - the runner's read-only repository
    relationship_id: uuid.UUID,
    reader: PersonId,
    weeks: Sequence[tuple[str, date]],
    *,
    couple_totals: bool,
) -> list[ProgressWeek]:
    """Return *reader*'s own count per week, and the couple's told total if both agreed."""
    own = count_weeks(repository, relationship_id, weeks, giver=reader)
    both = count_weeks(repository, relationship_id, weeks, giver=None) if couple_totals else None
    return [
        ProgressWeek(
            week=mine.week,
            starts=mine.starts,
            own=mine.total,
            couple=None if both is None else both[index].total,
        )
        for index, mine in enumerate(own)
    ]
