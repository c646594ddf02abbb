"""The progress view (``kit.progress``): every registered workflow's lines, week by week.

Each workflow declares its lines (`WorkflowSpec.progress`, `ProgressFigure`); this
module builds the window of ISO weeks in the couple's time zone and hands each line
what it may read (`ProgressReads`): counts of events from storage's index on (relationship,
actor, time), and objects under an index key. Nothing here loads a history: the cost
follows the window (docs/progress.md).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

import attrs

from repairkit.core.progress import (
    MAX_PROGRESS_WEEKS,
    PROGRESS_WEEKS,
    STEADY_WITHIN,
    Progress,
    ProgressLine,
    Week,
    harder_weeks,
    line_of,
)
from repairkit.core.relationship import Relationship, RelationshipState
from repairkit.core.settings import zone
from repairkit.core.values import SYSTEM, PersonId
from repairkit.errors import InvalidInput, RegistryError

if TYPE_CHECKING:
    from repairkit._pipeline import Runner

__all__ = ["progress_of"]


@attrs.define
class _Reads:
    """What a line reads: the window, the couple, the reader, and two indexed queries."""

    runner: Runner
    relationship: Relationship
    reader: PersonId
    weeks: tuple[Week, ...]
    today: date
    now: datetime
    own: bool = False
    """Whether the line being read is the reader's own: it counts their events alone."""
    _counts: dict[tuple[PersonId, tuple[str, ...], datetime], int] = attrs.Factory(dict)

    def count_events(self, tags: Sequence[str], *, since: datetime | None = None) -> list[int]:
        """Count, week by week, the events of *tags* (from *since*, if later).

        The couple's together (both partners' and repairkit's), or the reader's alone on
        their own line: a line cannot count one partner's events apart.
        """
        by = (self.reader,) if self.own else (*self.relationship.partners, SYSTEM)
        found = []
        for week in self.weeks:
            start = week.since if since is None else max(week.since, since)
            end = max(week.until, start)
            found.append(sum(self._since(p, tags, start) - self._since(p, tags, end) for p in by))
        return found

    def _since(self, person: PersonId, tags: Sequence[str], at: datetime) -> int:
        if at > self.now:
            return 0
        key = (person, tuple(tags), at)
        if key not in self._counts:
            self._counts[key] = self.runner.repository.count_events(
                self.relationship.id, person, at, tags=list(tags)
            )
        return self._counts[key]

    def load_keyed(
        self, kind: type[Any], key: str, value: str, *, states: Sequence[str] | None = None
    ) -> list[Any]:
        """Return the couple's objects of *kind* under (*key*, *value*), with rules in force."""
        found: list[Any] = self.runner.repository.load_keyed(
            kind, self.relationship.id, key, value, states=states
        )
        return found

    def load_in(self, kind: type[Any], states: Sequence[str]) -> list[Any]:
        """Return the couple's objects of *kind* in *states* (with rules in force)."""
        found: list[Any] = self.runner.repository.load_all(
            kind, self.relationship.id, states=list(states)
        )
        return found


def _weeks(
    today: date,
    count: int,
    where: Any,  # noqa: ANN401 - a tzinfo
    *,
    now: datetime,
    began: datetime,
    ended: datetime | None,
) -> tuple[Week, ...]:
    """The window's weeks, each marked whole when the couple's whole week is behind."""
    monday = today - timedelta(days=today.weekday())
    weeks = []
    for back in range(count - 1, -1, -1):
        starts = monday - timedelta(weeks=back)
        year, number, _ = starts.isocalendar()
        since = datetime.combine(starts, time(0), where).astimezone(UTC)
        until = datetime.combine(starts + timedelta(days=7), time(0), where).astimezone(UTC)
        end = now if ended is None else min(now, ended)
        weeks.append(
            Week(
                name=f"{year:04d}-W{number:02d}",
                starts=starts,
                since=since,
                until=until,
                whole=began <= since and until <= end,
            )
        )
    return tuple(weeks)


def _ended(relationship: Relationship) -> datetime | None:
    """When the relationship ended (a partner left), or None while it goes on."""
    if relationship.state is not RelationshipState.ENDED:
        return None
    return relationship.changed_at or relationship.created_at


def progress_of(
    runner: Runner,
    relationship_id: uuid.UUID,
    *,
    actor: PersonId,
    weeks: int = PROGRESS_WEEKS,
    steady_within: float = STEADY_WITHIN,
) -> Progress:
    """Return *actor*'s progress view of the relationship (`repairkit.RepairKit.progress`)."""
    relationship = runner.relationship(relationship_id, actor=actor)
    if (
        not isinstance(weeks, int)
        or isinstance(weeks, bool)
        or not 1 <= weeks <= MAX_PROGRESS_WEEKS
    ):
        raise InvalidInput(
            "weeks", "needs a whole number from 1 to {high}.", high=MAX_PROGRESS_WEEKS
        )
    if (
        not isinstance(steady_within, (int, float))
        or isinstance(steady_within, bool)
        or not 0 <= steady_within <= 1
    ):
        raise InvalidInput("steady_within", "needs a share from 0 to 1 (0.25 is a quarter).")
    now = runner.now()
    where = zone(relationship.settings.time_zone)
    today = now.astimezone(where).date()
    began, ended = relationship.created_at, _ended(relationship)
    window = _weeks(today, weeks, where, now=now, began=began, ended=ended)
    lines: list[ProgressLine] = []
    own: list[ProgressLine] = []
    for figure in runner.workflows.progress.values():
        reads = _Reads(runner, relationship, actor, window, today, now, own=figure.own)
        values = list(figure.count(reads))
        if len(values) != len(window):
            msg = f"the progress line {figure.name!r} gave {len(values)} figures for {weeks} weeks."
            raise RegistryError(msg)
        # a week before the couple began, or after it ended, shows nothing, not a zero
        values = [
            None if w.until <= began or (ended is not None and w.since >= ended) else v
            for w, v in zip(window, values, strict=True)
        ]
        line = line_of(figure, values, window, steady_within=steady_within)
        (own if figure.own else lines).append(line)
    return Progress(
        relationship_id=relationship.id,
        weeks=window,
        lines=tuple(lines),
        own=tuple(own),
        harder=harder_weeks(window, lines),
    )
