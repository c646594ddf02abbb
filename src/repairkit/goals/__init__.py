"""The SharedGoal workflow: the couple's shared goal, holding by both, withdrawn by either."""

from repairkit.goals.commands import GoalCommands
from repairkit.goals.events import (
    GoalAgreed,
    GoalClosedByLeaving,
    GoalConsentWithdrawn,
    GoalCurrentWordsKept,
    GoalDeclined,
    GoalDrafted,
    GoalProposed,
    GoalRedrafted,
    GoalRevisionAgreed,
    GoalRevisionProposed,
    GoalRevisionWithdrawn,
    GoalWithdrawn,
)
from repairkit.goals.links import GoalLink, LinkKind
from repairkit.goals.model import SharedGoal
from repairkit.goals.notices import GoalNotice
from repairkit.goals.rules import GoalRules
from repairkit.goals.spec import GOALS
from repairkit.goals.table import GOAL_WORKFLOW, GoalState

__all__ = [
    "GOALS",
    "GOAL_WORKFLOW",
    "GoalAgreed",
    "GoalClosedByLeaving",
    "GoalCommands",
    "GoalConsentWithdrawn",
    "GoalCurrentWordsKept",
    "GoalDeclined",
    "GoalDrafted",
    "GoalLink",
    "GoalNotice",
    "GoalProposed",
    "GoalRedrafted",
    "GoalRevisionAgreed",
    "GoalRevisionProposed",
    "GoalRevisionWithdrawn",
    "GoalRules",
    "GoalState",
    "GoalWithdrawn",
    "LinkKind",
    "SharedGoal",
]
