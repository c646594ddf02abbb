"""Progress you can see: the lines a workflow adds to ``kit.progress``, and what it shows.

The practice (docs/progress.md): progress anchored in observable changes, week by week,
knowing that healing is not linear. A workflow joins the view by declaring
`ProgressFigure` lines in its spec (`WorkflowSpec.progress`), as it joins the agenda;
``kit.progress`` reads every registered workflow's lines, for a window of ISO weeks in
the couple's time zone, through `ProgressReads` (indexed queries only: the cost follows
the window, never the history).

What it shows is the couple's, the same to both partners: check-ins held, days an
agreement was kept, repairs completed, crossings counted, moments of connection and of
neglect shared. A line marked ``own`` counts the reader's own acts and is read by them
alone (their micro-responses, their pauses). Nothing is split by person, nothing is a
score: each line has its range over the window and a direction (`Trend`), and a harder
week is named as part of a path that is rarely straight. A line whose counts age out
(crossings, follow-through) shows None for the weeks past its window.
"""

from __future__ import annotations

import enum
import statistics
import uuid
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime, timedelta
from typing import Any, Final, Protocol

import attrs

from repairkit.core.relationship import Relationship
from repairkit.core.values import PersonId

__all__ = [
    "PROGRESS_WEEKS",
    "STEADY_WITHIN",
    "Count",
    "Progress",
    "ProgressFigure",
    "ProgressLine",
    "ProgressReads",
    "Trend",
    "Week",
    "couple_events",
    "days_by_week",
    "harder_weeks",
    "instants_by_week",
    "line_of",
]

PROGRESS_WEEKS: Final = 8
"""How many ISO weeks ``kit.progress`` shows unless asked (repairkit's own default: two
months, long enough for a path to show its ups and downs)."""
MAX_PROGRESS_WEEKS: Final = 104
"""The most weeks one view reads (repairkit's own bound: two years)."""
STEADY_WITHIN: Final = 0.25
"""How far the later half of the window may differ from the earlier half, as a share of
the earlier half's weekly mean, and still read as "about the same" (repairkit's own)."""


@attrs.frozen(kw_only=True)
class Week:
    """One ISO week of the view, in the couple's time zone."""

    name: str
    """The ISO week ("2026-W10")."""
    starts: date
    """Its Monday."""
    since: datetime
    """When it began (its Monday's midnight, in UTC)."""
    until: datetime
    """When it ends (the next Monday's midnight, in UTC); the last week's is in the future."""
    whole: bool = True
    """Whether the couple's whole week is behind: not this week (still going), not one
    the couple began or ended in. Directions and harder weeks read whole weeks only, so
    that a week cut short never reads as a change."""


class ProgressReads(Protocol):
    """What a `ProgressFigure` reads: indexed queries over the window, for one reader."""

    @property
    def relationship(self) -> Relationship:
        """The relationship, with its settings in force now."""
        ...

    @property
    def reader(self) -> PersonId:
        """Whose view it is (an ``own`` line counts their acts only)."""
        ...

    @property
    def weeks(self) -> tuple[Week, ...]:
        """The window, oldest week first, this week last."""
        ...

    @property
    def today(self) -> date:
        """Today, in the couple's time zone."""
        ...

    @property
    def now(self) -> datetime:
        """Now (UTC)."""
        ...

    def count_events(self, tags: Sequence[str], *, since: datetime | None = None) -> list[int]:
        """Return, week by week, how many events of *tags* the line may count.

        A couple's line counts both partners' (and repairkit's) together, never split;
        an ``own`` line counts the reader's alone. From each week's start (or *since*,
        if later) to its end; one indexed count per week boundary and person
        (`Storage.count_events`).
        """
        ...

    def load_keyed(
        self, kind: type[Any], key: str, value: str, *, states: Sequence[str] | None = None
    ) -> list[Any]:
        """Return the relationship's objects of *kind* under one index key and value."""
        ...

    def load_in(self, kind: type[Any], states: Sequence[str]) -> list[Any]:
        """Return the relationship's objects of *kind* in *states*, read by state.

        Name only states that objects leave as time passes (a crossing counted leaves
        them when it settles, at the end of its window): the cost then follows the
        window, never the history.
        """
        ...


Count = Callable[[ProgressReads], Sequence[int | None]]
"""``count(reads)``: one figure per week of ``reads.weeks``, or None for a week it does
not show (past the window its counts age out in)."""


@attrs.frozen(kw_only=True)
class ProgressFigure:
    """One line a workflow adds to the progress view (`WorkflowSpec.progress`)."""

    name: str
    """Its name, unique across workflows ("check_ins")."""
    label: str
    """What it counts, in a few calm words ("check-ins held"; an own line's says whose:
    "micro-responses you gave")."""
    count: Count = attrs.field(repr=False)
    own: bool = False
    """Whether it counts the reader's own acts: then the reader alone reads it."""
    setback: bool = False
    """Whether a rise in it makes a week harder (a crossing counted, neglect shared)."""


def couple_events(*tags: str, window_days: Callable[[Relationship], int] | None = None) -> Count:
    """Return a `Count` of the events of *tags*, week by week.

    The couple's figure (both partners' and repairkit's, never split by person), or the
    reader's own on an ``own`` line. With *window_days* (read from the relationship's
    rules in force), only events inside the rolling window count, and a week not wholly
    inside it shows None: its setbacks aged out, and a week cut short is no figure.
    """

    def count(reads: ProgressReads) -> list[int | None]:
        if window_days is None:
            return list(reads.count_events(tags))
        since = reads.now - timedelta(days=window_days(reads.relationship))
        counted = reads.count_events(tags, since=since)
        return [None if w.since < since else n for w, n in zip(reads.weeks, counted, strict=True)]

    return count


def instants_by_week(
    reads: ProgressReads, instants: Iterable[datetime], *, since: datetime | None = None
) -> list[int | None]:
    """Count *instants* per week of the window; a week not wholly after *since* shows None."""
    counts: list[int | None] = [
        None if since is not None and week.since < since else 0 for week in reads.weeks
    ]
    for at in instants:
        for index, week in enumerate(reads.weeks):
            known = counts[index]
            if known is not None and week.since <= at < week.until:
                counts[index] = known + 1
    return counts


def days_by_week(
    reads: ProgressReads, days: Iterable[date], *, since: date | None = None
) -> list[int | None]:
    """Count calendar *days* per week of the window; a week not wholly from *since* shows None.

    A day before *since* counts nowhere (it aged out).
    """
    counts: list[int | None] = [
        None if since is not None and week.starts < since else 0 for week in reads.weeks
    ]
    for day in days:
        if since is not None and day < since:
            continue
        for index, week in enumerate(reads.weeks):
            known = counts[index]
            if known is not None and week.starts <= day < week.starts + timedelta(days=7):
                counts[index] = known + 1
    return counts


class Trend(enum.StrEnum):
    """Where a line went over the window: the later half against the earlier half."""

    MORE = "more"
    FEWER = "fewer"
    ABOUT_THE_SAME = "about the same"
    TOO_FEW_WEEKS = "too few weeks to tell"


@attrs.frozen(kw_only=True)
class ProgressLine:
    """One line of the view: a figure week by week, its range and its direction."""

    figure: str
    label: str
    values: tuple[int | None, ...]
    """One per week of `Progress.weeks`; None where it is not shown (aged out)."""
    low: int | None
    """The lowest weekly figure shown (None if no week shows one)."""
    high: int | None
    """The highest weekly figure shown."""
    trend: Trend
    own: bool = False
    """The reader's own line: nobody else reads it."""
    setback: bool = False


@attrs.frozen(kw_only=True)
class Progress:
    """The progress view: the couple's lines, the reader's own, and the harder weeks."""

    relationship_id: uuid.UUID
    weeks: tuple[Week, ...]
    lines: tuple[ProgressLine, ...]
    """The couple's lines: the same to both partners."""
    own: tuple[ProgressLine, ...]
    """The reader's own lines: their acts, read by them alone."""
    harder: tuple[str, ...]
    """The ISO weeks that were harder: a setback line rose from the week before."""

    def line(self, figure: str) -> ProgressLine:
        """Return the line of *figure* (`KeyError` if no registered workflow adds it)."""
        for line in (*self.lines, *self.own):
            if line.figure == figure:
                return line
        raise KeyError(figure)

    def describe(self, *, own: bool = True) -> list[str]:
        """Return the view in calm sentences, one a line, then one on the harder weeks.

        The reader's own lines come last; ``own=False`` leaves them out (for a screen
        both partners look at: they are the reader's alone).
        """
        lines = (*self.lines, *self.own) if own else self.lines
        sentences = [_sentence(line) for line in lines]
        if self.harder:
            named = ", ".join(self.harder)
            sentences.append(
                f"Harder weeks: {named}. A path like this is rarely straight, and the"
                " weeks after a hard one count as much as any other."
            )
        return sentences


def _sentence(line: ProgressLine) -> str:
    label = line.label[:1].upper() + line.label[1:]
    if line.low is None or line.high is None:
        return f"{label}: not shown for these weeks."
    span = f"{line.low} a week" if line.low == line.high else f"{line.low} to {line.high} a week"
    direction = {
        Trend.MORE: "more in the recent weeks than in the earlier ones",
        Trend.FEWER: "fewer in the recent weeks than in the earlier ones",
        Trend.ABOUT_THE_SAME: "about the same through these weeks",
        Trend.TOO_FEW_WEEKS: "too few weeks shown to see a direction",
    }[line.trend]
    return f"{label}: {span}, {direction}."


def line_of(
    figure: ProgressFigure,
    values: Sequence[int | None],
    weeks: Sequence[Week],
    *,
    steady_within: float = STEADY_WITHIN,
) -> ProgressLine:
    """Return *figure*'s line for *values*: its range, and its direction over whole weeks."""
    shown = [v for v in values if v is not None]
    whole = [v for v, w in zip(values, weeks, strict=True) if v is not None and w.whole]
    return ProgressLine(
        figure=figure.name,
        label=figure.label,
        values=tuple(values),
        low=min(shown) if shown else None,
        high=max(shown) if shown else None,
        trend=_trend(whole, steady_within),
        own=figure.own,
        setback=figure.setback,
    )


def _trend(shown: Sequence[int], steady_within: float) -> Trend:
    """The later half's weekly mean against the earlier half's (the middle week in neither)."""
    if len(shown) < 2:  # noqa: PLR2004 - two halves need two weeks
        return Trend.TOO_FEW_WEEKS
    half = len(shown) // 2
    earlier = statistics.fmean(shown[:half])
    later = statistics.fmean(shown[-half:])
    if abs(later - earlier) <= steady_within * max(earlier, 1.0):
        return Trend.ABOUT_THE_SAME
    return Trend.MORE if later > earlier else Trend.FEWER


def harder_weeks(weeks: Sequence[Week], lines: Sequence[ProgressLine]) -> tuple[str, ...]:
    """Return the weeks in which a setback line rose from the week before (both whole, shown)."""
    harder = []
    for index in range(1, len(weeks)):
        if not (weeks[index - 1].whole and weeks[index].whole):
            continue
        for line in lines:
            before, now = line.values[index - 1], line.values[index]
            if line.setback and before is not None and now is not None and now > before:
                harder.append(weeks[index].name)
                break
    return tuple(harder)
