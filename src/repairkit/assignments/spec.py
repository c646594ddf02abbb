"""The Assignment workflow's declaration: the one thing the registry imports."""

from __future__ import annotations

import uuid
from typing import Any

from repairkit.assignments.commands import AssignmentCommands
from repairkit.assignments.events import ASSIGNMENT_EVENTS
from repairkit.assignments.model import Assignment
from repairkit.assignments.notices import ASSIGNMENT_NOTICES, AssignmentNotice
from repairkit.assignments.queries import CATEGORY, assignment_keys
from repairkit.assignments.rules import AssignmentRules
from repairkit.assignments.safety import ASSIGNMENT_SAFETY
from repairkit.assignments.table import ASSIGNMENT_WORKFLOW
from repairkit.core.personal import PersonalData
from repairkit.core.spec import FacilitatorShare, WorkflowSpec

__all__ = ["ASSIGNMENTS", "ASSIGNMENT_SHARE"]


def _shared(
    commands: AssignmentCommands, relationship_id: uuid.UUID, partners: tuple[str, str]
) -> list[Any]:
    """What a third person reads of practice: the practices under way, with no counts."""
    return list(commands.under_way(relationship_id, partners=partners))


ASSIGNMENT_SHARE = FacilitatorShare(
    category=CATEGORY,
    description="The practices under way between sessions: what is practised, by whom,"
    " since when, and the debriefs' words, never an attempt, a count or who wrote what.",
    read=_shared,
)
"""Practice under way, as a category a third person may read (`kit.facilitators.shared`)."""

ASSIGNMENTS = WorkflowSpec(
    name="assignment",
    personal=PersonalData(
        texts={"words": "proposer", "note": "assignee", "worked": "author", "adjust": "author"}
    ),
    entity=Assignment,
    workflow=ASSIGNMENT_WORKFLOW,
    events=ASSIGNMENT_EVENTS,
    notices=ASSIGNMENT_NOTICES,
    notice_kinds=AssignmentNotice,
    summary=(
        "Practice between sessions: one partner might practise reflective listening, while"
        " the other experiments with sharing vulnerability. The third person taking part in"
        " the couple's check-ins, or either partner, proposes a practice for a partner (a"
        " partner may take one on for themself); it starts only once that partner accepts,"
        " and a no is neutral, counted nowhere and shown to nobody else. They record their"
        " own attempts (an attempt not made is nothing: no streak, nothing missed); after"
        " one, either partner, and the third person while both partners share"
        ' "assignments", writes a debrief of their own (what worked, what to adjust), and'
        " a small step can be celebrated with an appreciation, never a score. It ends by its"
        " time box, by the partner practising alone at any time, or at the session's"
        " review; leaving closes it for both."
    ),
    rules=AssignmentRules,
    namespace="assignments",
    commands=AssignmentCommands,
    safety=ASSIGNMENT_SAFETY,
    keys=assignment_keys,
    shared_with_facilitator=ASSIGNMENT_SHARE,
)
"""The Assignment workflow, as the registry knows it."""
