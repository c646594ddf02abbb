"""The declarations of a person's private space: the two things the registry imports."""

from __future__ import annotations

from datetime import timedelta

from repairkit.core.personal import PersonalData
from repairkit.core.progress import ProgressFigure, ProgressReads, instants_by_week
from repairkit.core.spec import WorkflowSpec
from repairkit.triggers.commands import PERSON, PauseCommands, TriggerCommands
from repairkit.triggers.events import PAUSE_EVENTS, TRIGGER_EVENTS
from repairkit.triggers.model import Trigger
from repairkit.triggers.notices import PAUSE_NOTICES, TRIGGER_NOTICES, PauseNotice, TriggerNotice
from repairkit.triggers.pause import Pause
from repairkit.triggers.rules import PauseRules, TriggerRules
from repairkit.triggers.safety import PAUSE_SAFETY, TRIGGER_SAFETY
from repairkit.triggers.table import PAUSE_WORKFLOW, TRIGGER_WORKFLOW, PauseState

__all__ = ["PAUSES", "TRIGGERS"]


def _own_pauses(reads: ProgressReads) -> list[int | None]:
    """The reader's own pauses a week, inside their rolling window (the recorded ones)."""
    since = reads.now - timedelta(days=reads.relationship.settings.of(PauseRules).window_days)
    pauses = reads.load_keyed(Pause, PERSON, str(reads.reader), states=[PauseState.RECORDED.value])
    mine = (p.created_at for p in pauses if p.person == reads.reader and p.created_at >= since)
    return instants_by_week(reads, mine, since=since)


TRIGGERS = WorkflowSpec(
    name="trigger",
    personal=PersonalData(texts={"what": "owner", "helps": "owner"}),
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
    personal=PersonalData(),
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
    progress=(ProgressFigure(name="pauses", label="pauses you took", count=_own_pauses, own=True),),
)
"""The pause before reacting, as the registry knows it."""
