"""The Boundary workflow's declaration: the one thing the registry imports."""

from __future__ import annotations

from repairkit.boundaries.commands import BoundaryCommands
from repairkit.boundaries.events import BOUNDARY_EVENTS
from repairkit.boundaries.model import Boundary
from repairkit.boundaries.notices import BOUNDARY_NOTICES, BoundaryNotice
from repairkit.boundaries.rules import BoundaryRules
from repairkit.boundaries.safety import BOUNDARY_SAFETY
from repairkit.boundaries.table import BOUNDARY_WORKFLOW, BoundaryState
from repairkit.core.personal import PersonalData
from repairkit.core.spec import WorkflowSpec
from repairkit.core.suggestions import words

__all__ = ["BOUNDARIES"]


def _keys(boundary: Boundary) -> tuple[tuple[str, str], ...]:
    """A boundary is found by the words of its rule."""
    return (("words", words(boundary.terms.rule)),)


BOUNDARIES = WorkflowSpec(
    name="boundary",
    personal=PersonalData(texts={"rule": None, "action": "person", "suggestion": "by"}),
    entity=Boundary,
    workflow=BOUNDARY_WORKFLOW,
    events=BOUNDARY_EVENTS,
    notices=BOUNDARY_NOTICES,
    notice_kinds=BoundaryNotice,
    summary=(
        'What is and is not all right between the two partners ("no sarcasm when we'
        ' disagree"), and optionally what each will do for themselves if it happens. One'
        " partner drafts and proposes it; it is in force only once the other agrees. The"
        " other can also say no or suggest other words, for a few rounds, after which it is"
        " kept for the check-in. New words take effect only when both agree; either partner"
        " can withdraw consent alone, at once, which suspends the boundary until both renew"
        " it or either retires it."
    ),
    rules=BoundaryRules,
    namespace="boundaries",
    commands=BoundaryCommands,
    safety=BOUNDARY_SAFETY,
    agenda={
        BoundaryState.SET_ASIDE: "A proposed boundary set aside",
        BoundaryState.SUSPENDED: "A boundary suspended",
    },
    keys=_keys,
)
"""The Boundary workflow, as the registry knows it."""
