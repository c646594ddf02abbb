"""The Crossing workflow's declaration: the one thing the registry imports."""

from __future__ import annotations

from repairkit.core.progress import ProgressFigure, couple_events
from repairkit.core.spec import WorkflowSpec
from repairkit.crossings.commands import CrossingCommands
from repairkit.crossings.events import CROSSING_EVENTS, CrossingAcknowledged, CrossingOwned
from repairkit.crossings.model import Crossing
from repairkit.crossings.notices import CROSSING_NOTICES, CrossingNotice
from repairkit.crossings.rules import CrossingRules
from repairkit.crossings.safety import CROSSING_SAFETY
from repairkit.crossings.table import CROSSING_WORKFLOW, CrossingState

__all__ = ["CROSSINGS"]


def _keys(crossing: Crossing) -> tuple[tuple[str, str], ...]:
    """A crossing is found by what was crossed."""
    return ((crossing.crossed.kind, str(crossing.crossed.id)),)


CROSSINGS = WorkflowSpec(
    name="crossing",
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
            count=couple_events(
                CrossingOwned.TAG,
                CrossingAcknowledged.TAG,
                window_days=lambda r: r.settings.of(CrossingRules).window_days,
            ),
            setback=True,
        ),
    ),
)
"""The Crossing workflow, as the registry knows it."""
