"""The Crossing workflow's declaration: the one thing the registry imports."""

from __future__ import annotations

from datetime import timedelta

from repairkit.core.personal import PersonalData
from repairkit.core.progress import ProgressFigure, ProgressReads, instants_by_week
from repairkit.core.spec import WorkflowSpec
from repairkit.crossings.commands import CrossingCommands
from repairkit.crossings.events import CROSSING_EVENTS
from repairkit.crossings.model import Crossing
from repairkit.crossings.notices import CROSSING_NOTICES, CrossingNotice
from repairkit.crossings.rules import CrossingRules
from repairkit.crossings.safety import CROSSING_SAFETY
from repairkit.crossings.table import CROSSING_WORKFLOW, CrossingState

__all__ = ["CROSSINGS"]


def _keys(crossing: Crossing) -> tuple[tuple[str, str], ...]:
    """A crossing is found by what was crossed."""
    return ((crossing.crossed.kind, str(crossing.crossed.id)),)


def _counted(reads: ProgressReads) -> list[int | None]:
    """Crossings counted (owned, or acknowledged) a week, by when they happened.

    Inside the rolling window only (`CrossingRules.window_days`, counted from when each
    happened, as everywhere): past it a crossing settles and is its partner's alone, so
    a week wholly before the window shows None. Read by state: a crossing leaves the
    counted states when it settles, so the cost follows the window.
    """
    since = reads.now - timedelta(days=reads.relationship.settings.of(CrossingRules).window_days)
    counted = reads.load_in(Crossing, [CrossingState.OWNED.value, CrossingState.ACKNOWLEDGED.value])
    return instants_by_week(
        reads, (c.happened_at for c in counted if c.happened_at >= since), since=since
    )


CROSSINGS = WorkflowSpec(
    name="crossing",
    personal=PersonalData(texts={"view": None}),
    entity=Crossing,
    workflow=CROSSING_WORKFLOW,
    events=CROSSING_EVENTS,
    notices=CROSSING_NOTICES,
    notice_kinds=CrossingNotice,
    summary=(
        "A record that a boundary in force was crossed, made without shaming and leading to"
        " repair. The partner who crossed it can own it, and then it counts. The other can"
        " only note it: the partner it is about is told, and acknowledges it (it counts) or"
        " sees it differently (it never counts, and goes to the check-in); unanswered within"
        " a week it lapses. Counts reach back over a rolling window only; past it a crossing"
        " settles, seen from then on only by the partner it is about."
    ),
    rules=CrossingRules,
    namespace="crossings",
    commands=CrossingCommands,
    safety=CROSSING_SAFETY,
    agenda={
        CrossingState.SEEN_DIFFERENTLY: "A moment seen differently",
    },
    keys=_keys,
    progress=(
        ProgressFigure(
            name="crossings",
            label="crossings counted",
            count=_counted,
            setback=True,
        ),
    ),
)
"""The Crossing workflow, as the registry knows it."""
