"""Daily micro-responses: small acts of attention, recorded by the partner who gave them."""

from repairkit.microresponses.commands import MicroResponseCommands, ReminderCommands
from repairkit.microresponses.events import (
    MicroResponseAcknowledged,
    MicroResponseClosedByLeaving,
    MicroResponseDeleted,
    MicroResponseRecorded,
    MicroResponseTold,
    MicroResponseUntold,
)
from repairkit.microresponses.model import MicroResponse, MicroResponseKind, PartOfDay
from repairkit.microresponses.notices import MicroResponseNotice
from repairkit.microresponses.queries import ProgressWeek, WeekCount
from repairkit.microresponses.reminders import Reminder, ReminderNotice, ReminderState
from repairkit.microresponses.rules import MicroResponseRules
from repairkit.microresponses.spec import MICRO_RESPONSE_REMINDERS, MICRO_RESPONSES
from repairkit.microresponses.table import MICRO_RESPONSE_WORKFLOW, MicroResponseState

__all__ = [
    "MICRO_RESPONSES",
    "MICRO_RESPONSE_REMINDERS",
    "MICRO_RESPONSE_WORKFLOW",
    "MicroResponse",
    "MicroResponseAcknowledged",
    "MicroResponseClosedByLeaving",
    "MicroResponseCommands",
    "MicroResponseDeleted",
    "MicroResponseKind",
    "MicroResponseNotice",
    "MicroResponseRecorded",
    "MicroResponseRules",
    "MicroResponseState",
    "MicroResponseTold",
    "MicroResponseUntold",
    "PartOfDay",
    "ProgressWeek",
    "Reminder",
    "ReminderCommands",
    "ReminderNotice",
    "ReminderState",
    "WeekCount",
]
