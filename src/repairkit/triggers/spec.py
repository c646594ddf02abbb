"""The declarations of a person's private space: the two things the registry imports."""

from __future__ import annotations

from repairkit.core.spec import WorkflowSpec
from repairkit.triggers.commands import PERSON, PauseCommands, TriggerCommands
from repairkit.triggers.events import PAUSE_EVENTS, TRIGGER_EVENTS
from repairkit.triggers.model import Trigger
from repairkit.triggers.notices import PAUSE_NOTICES, TRIGGER_NOTICES, PauseNotice, TriggerNotice
from repairkit.triggers.pause import Pause
from repairkit.triggers.rules import PauseRules, TriggerRules
from repairkit.triggers.safety import PAUSE_SAFETY, TRIGGER_SAFETY
from repairkit.triggers.table import PAUSE_WORKFLOW, TRIGGER_WORKFLOW

__all__ = ["PAUSES", "TRIGGERS"]

TRIGGERS = WorkflowSpec(
    name="trigger",
    entity=Trigger,
    workflow=TRIGGER_WORKFLOW,
    events=TRIGGER_EVENTS,
    notices=TRIGGER_NOTICES,
    notice_kinds=TriggerNotice,
    summary=(
        "Each person may keep their own list of triggers: what tends to set them off, and"
        " what helps them then. An entry is private to them: nobody else sees it, nor that"
        " it exists. They may share it with the partner (a check-in's facilitator joins"
        " as a scope once that workflow exists), who is told calmly and can read it, and"
        " unshare it again: at once it leaves the partner's view, and nothing tells them"
        " beyond that. Its owner rewrites it or takes it off their list alone; the partner"
        " only reads it. Nothing is counted."
    ),
    rules=TriggerRules,
    namespace="triggers",
    commands=TriggerCommands,
    safety=TRIGGER_SAFETY,
)
"""Triggers, as the registry knows them."""

PAUSES = WorkflowSpec(
    name="pause",
    entity=Pause,
    workflow=PAUSE_WORKFLOW,
    events=PAUSE_EVENTS,
    notices=PAUSE_NOTICES,
    notice_kinds=PauseNotice,
    summary=(
        "The pause before reacting: a person records, for themselves only, that they"
        " paused before reacting, naming one of their own triggers if they like. Nobody"
        " else is ever told, and nothing of it reaches the other partner. Their own counts"
        " are theirs alone and cover a rolling window, with no streaks; past the window a"
        " pause ages out and counts nowhere (its record stays theirs). Not to be confused"
        " with pausing the relationship (`kit.relationships.pause`)."
    ),
    rules=PauseRules,
    namespace="pauses",
    commands=PauseCommands,
    safety=PAUSE_SAFETY,
    keys=lambda pause: ((PERSON, str(pause.person)),),
)
"""The pause before reacting, as the registry knows it."""
