"""Practice between sessions (`kit.assignments`): started by its assignee's yes, ended by them."""

from repairkit.assignments.commands import AssignmentCommands, SharedPractice
from repairkit.assignments.events import (
    AssignmentAccepted,
    AssignmentCelebrated,
    AssignmentClosedByLeaving,
    AssignmentDebriefed,
    AssignmentDeclined,
    AssignmentEnded,
    AssignmentProposed,
    AssignmentReviewed,
    AssignmentTakenOn,
    AssignmentTimeUp,
    AssignmentWithdrawn,
    AttemptRecorded,
    DebriefRemoved,
)
from repairkit.assignments.model import Assignment, Attempt, Debrief
from repairkit.assignments.notices import AssignmentNotice
from repairkit.assignments.rules import AssignmentRules
from repairkit.assignments.spec import ASSIGNMENT_SHARE, ASSIGNMENTS
from repairkit.assignments.table import ASSIGNMENT_WORKFLOW, AssignmentState

__all__ = [
    "ASSIGNMENTS",
    "ASSIGNMENT_SHARE",
    "ASSIGNMENT_WORKFLOW",
    "Assignment",
    "AssignmentAccepted",
    "AssignmentCelebrated",
    "AssignmentClosedByLeaving",
    "AssignmentCommands",
    "AssignmentDebriefed",
    "AssignmentDeclined",
    "AssignmentEnded",
    "AssignmentNotice",
    "AssignmentProposed",
    "AssignmentReviewed",
    "AssignmentRules",
    "AssignmentState",
    "AssignmentTakenOn",
    "AssignmentTimeUp",
    "AssignmentWithdrawn",
    "Attempt",
    "AttemptRecorded",
    "Debrief",
    "DebriefRemoved",
    "SharedPractice",
]
