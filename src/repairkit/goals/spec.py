"""The SharedGoal workflow's declaration: the one thing the registry imports."""

from __future__ import annotations

from repairkit.core.personal import PersonalData
from repairkit.core.spec import WorkflowSpec
from repairkit.goals.commands import GoalCommands
from repairkit.goals.events import GOAL_EVENTS
from repairkit.goals.model import SharedGoal
from repairkit.goals.notices import GOAL_NOTICES, GoalNotice
from repairkit.goals.rules import GoalRules
from repairkit.goals.safety import GOAL_SAFETY
from repairkit.goals.table import GOAL_WORKFLOW, GoalState

__all__ = ["GOALS"]

GOALS = WorkflowSpec(
    name="goal",
    personal=PersonalData(texts={"words": None, "proposed_words": None, "suggestion": "by"}),
    entity=SharedGoal,
    workflow=GOAL_WORKFLOW,
    events=GOAL_EVENTS,
    notices=GOAL_NOTICES,
    notice_kinds=GoalNotice,
    summary=(
        "The couple's shared goal, such as \"to recognise each other's emotional world and"
        ' respond with steady support". One partner drafts it privately and proposes it;'
        " it holds once the other agrees (a no is neutral and never counted). New words"
        " are proposed by either and hold only once the other agrees, the agreed words"
        " holding meanwhile. Either partner can withdraw consent alone, at once: the goal"
        " no longer holds."
    ),
    rules=GoalRules,
    namespace="goals",
    commands=GoalCommands,
    safety=GOAL_SAFETY,
    agenda={
        GoalState.CONSENT_WITHDRAWN: "A shared goal that no longer holds",
    },
)
"""The SharedGoal workflow, as the registry knows it."""
