"""What the shared log shows over a window of weeks, read week by week from an index.

Only shared entries carry the index key `SHARED_WEEK` (the ISO week of their day), so
a review's patterns and the week-by-week figures for progress read one indexed query
per week of the window, never the log, and never a private or deleted entry. Nothing
here is split by person: the figures are the couple's, over what both chose to share.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Protocol

import attrs

from repairkit.connectionlog.model import SHARED_WEEK, EntryKind, LogEntry
from repairkit.connectionlog.review import JointReview
from repairkit.connectionlog.table import LogEntryState, ReviewState
from repairkit.core.suggestions import DECLINED_ON, declined_key

__all__ = [
    "DECLINED_ON",
    "KeyedReads",
    "ReviewPatterns",
    "TagCount",
    "WeekFigures",
    "declined_keys",
    "patterns_of",
    "shared_entries",
    "shared_weeks",
]


class KeyedReads(Protocol):
    """What the queries read: one relationship's objects under one index key and value."""

    def load_keyed(
        self,
        kind: type[LogEntry],
        relationship_id: uuid.UUID,
        key: str,
        value: str,
        *,
        states: Sequence[str] | None = None,
    ) -> list[LogEntry]:
        """Return the relationship's objects of *kind* indexed under (*key*, *value*)."""
        ...


@attrs.frozen(kw_only=True)
class WeekFigures:
    """One ISO week of the shared log: how many moments of each kind both shared."""

    week: str
    """The ISO week ("2026-W10")."""
    connection: int
    """Shared entries of connection whose day falls in the week (both partners')."""
    neglect: int
    """Shared entries of neglect whose day falls in the week (both partners')."""


@attrs.frozen(kw_only=True)
class TagCount:
    """How often one tag came up among the shared entries of a period."""

    tag: str
    count: int


@attrs.frozen(kw_only=True)
class ReviewPatterns:
    """What a joint review shows: patterns over the entries both shared in its period.

    Never split by person, and never an entry's words: tags and counts only.
    """

    entries: int
    """How many shared entries fall in the period."""
    triggers: tuple[TagCount, ...]
    """The most frequent trigger tags, most frequent first (ties by the tag)."""
    helped: tuple[TagCount, ...]
    """The most frequent tags of what helped, most frequent first (ties by the tag)."""
    weeks: tuple[WeekFigures, ...]
    """Connection and neglect, week by week of the period, in order."""


def shared_entries(reads: KeyedReads, relationship_id: uuid.UUID, week: str) -> list[LogEntry]:
    """Return the entries shared now whose day falls in the ISO *week* (one indexed query)."""
    return reads.load_keyed(
        LogEntry, relationship_id, SHARED_WEEK, week, states=[LogEntryState.SHARED.value]
    )


def _figures(week: str, entries: Iterable[LogEntry]) -> WeekFigures:
    kinds = Counter(entry.kind for entry in entries)
    return WeekFigures(
        week=week, connection=kinds[EntryKind.CONNECTION], neglect=kinds[EntryKind.NEGLECT]
    )


def shared_weeks(
    reads: KeyedReads, relationship_id: uuid.UUID, weeks: Sequence[str]
) -> list[WeekFigures]:
    """Return connection and neglect over shared entries for each ISO week of *weeks*.

    One indexed query per week: the cost follows the window, never the history. Both
    partners read the same figures; nothing is split by person.
    """
    return [_figures(week, shared_entries(reads, relationship_id, week)) for week in weeks]


def _top(counter: Counter[str], top: int) -> tuple[TagCount, ...]:
    ranked = sorted(counter.items(), key=lambda item: (-item[1], item[0]))
    return tuple(TagCount(tag=tag, count=count) for tag, count in ranked[:top])


def patterns_of(
    reads: KeyedReads,
    relationship_id: uuid.UUID,
    *,
    weeks: Sequence[str],
    first: date,
    last: date,
    top: int,
) -> ReviewPatterns:
    """Return the patterns of the entries shared now whose day is from *first* to *last*.

    *weeks* are the ISO weeks of that period; each is one indexed query.
    """
    triggers: Counter[str] = Counter()
    helped: Counter[str] = Counter()
    figures: list[WeekFigures] = []
    total = 0
    for week in weeks:
        inside = [e for e in shared_entries(reads, relationship_id, week) if first <= e.day <= last]
        total += len(inside)
        for entry in inside:
            triggers.update(entry.trigger_tags)
            helped.update(entry.helped_tags)
        figures.append(_figures(week, inside))
    return ReviewPatterns(
        entries=total,
        triggers=_top(triggers, top),
        helped=_top(helped, top),
        weeks=tuple(figures),
    )


def declined_keys(review: JointReview) -> Iterable[tuple[str, str]]:
    """A declined review's index key: who proposed it, and the day it was declined."""
    if review.state is ReviewState.DECLINED and review.changed_at is not None:
        yield declined_key(review.proposer, review.changed_at)
