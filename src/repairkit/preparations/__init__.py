"""Private preparation for a check-in, revealed to both partners at the same moment."""

from repairkit.preparations.commands import PreparationCommands, SharedEntry
from repairkit.preparations.events import (
    EntryAdded,
    EntryKeptPrivate,
    EntryMarkedShared,
    EntryRemoved,
    EntryRevised,
    PreparationClosedByLeaving,
    PreparationOpened,
    PreparationReady,
    PreparationStarted,
    PreparationWithdrawn,
)
from repairkit.preparations.model import Entry, EntryKind, Preparation
from repairkit.preparations.notices import PreparationNotice
from repairkit.preparations.rules import PreparationRules
from repairkit.preparations.spec import PREPARATIONS
from repairkit.preparations.table import PREPARATION_WORKFLOW, PreparationState

__all__ = [
    "PREPARATIONS",
    "PREPARATION_WORKFLOW",
    "Entry",
    "EntryAdded",
    "EntryKeptPrivate",
    "EntryKind",
    "EntryMarkedShared",
    "EntryRemoved",
    "EntryRevised",
    "Preparation",
    "PreparationClosedByLeaving",
    "PreparationCommands",
    "PreparationNotice",
    "PreparationOpened",
    "PreparationReady",
    "PreparationRules",
    "PreparationStarted",
    "PreparationState",
    "PreparationWithdrawn",
    "SharedEntry",
]
