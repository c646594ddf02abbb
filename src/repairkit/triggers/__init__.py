"""A person's private space: their triggers, and the pause before reacting.

Two workflows registered together: `TRIGGERS` (``kit.triggers``: what tends to set a
person off and what helps them, private unless they share it) and `PAUSES`
(``kit.pauses``: a pause before reacting, recorded for oneself only, with one's own
counts over a rolling window).
"""

from repairkit.triggers.commands import PauseCommands, TriggerCommands
from repairkit.triggers.events import (
    PauseAgedOut,
    PauseClosedByLeaving,
    PauseRecorded,
    PauseTakenBack,
    ShareScope,
    TriggerClosedByLeaving,
    TriggerRemoved,
    TriggerRevised,
    TriggerShared,
    TriggerUnshared,
    TriggerWritten,
)
from repairkit.triggers.model import Trigger
from repairkit.triggers.notices import PauseNotice, TriggerNotice
from repairkit.triggers.pause import Pause, PauseCounts, TriggerPauses
from repairkit.triggers.rules import PauseRules, TriggerRules
from repairkit.triggers.spec import PAUSES, TRIGGERS
from repairkit.triggers.table import (
    LISTED,
    PAUSE_WORKFLOW,
    TRIGGER_WORKFLOW,
    PauseState,
    TriggerState,
)

__all__ = [
    "LISTED",
    "PAUSES",
    "PAUSE_WORKFLOW",
    "TRIGGERS",
    "TRIGGER_WORKFLOW",
    "Pause",
    "PauseAgedOut",
    "PauseClosedByLeaving",
    "PauseCommands",
    "PauseCounts",
    "PauseNotice",
    "PauseRecorded",
    "PauseRules",
    "PauseState",
    "PauseTakenBack",
    "ShareScope",
    "Trigger",
    "TriggerClosedByLeaving",
    "TriggerCommands",
    "TriggerNotice",
    "TriggerPauses",
    "TriggerRemoved",
    "TriggerRevised",
    "TriggerRules",
    "TriggerShared",
    "TriggerState",
    "TriggerUnshared",
    "TriggerWritten",
]
