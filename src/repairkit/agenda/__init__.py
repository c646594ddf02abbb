"""The check-in agenda: what waits for the next check-in, from every workflow (`kit.agenda`)."""

from repairkit.agenda.commands import AgendaCommands
from repairkit.agenda.events import (
    AgendaItemAdded,
    AgendaItemAgedOut,
    AgendaItemClosedByLeaving,
    AgendaItemMovedOn,
    AgendaItemTakenUp,
    AgendaTopicAdded,
    AgendaTopicWithdrawn,
)
from repairkit.agenda.model import AUTHOR_KEY, SOURCE_KEY, TOPIC, AgendaItem
from repairkit.agenda.notices import AgendaNotice
from repairkit.agenda.rules import AgendaRules
from repairkit.agenda.spec import AGENDA
from repairkit.agenda.table import AGENDA_WORKFLOW, AgendaState

__all__ = [
    "AGENDA",
    "AGENDA_WORKFLOW",
    "AUTHOR_KEY",
    "SOURCE_KEY",
    "TOPIC",
    "AgendaCommands",
    "AgendaItem",
    "AgendaItemAdded",
    "AgendaItemAgedOut",
    "AgendaItemClosedByLeaving",
    "AgendaItemMovedOn",
    "AgendaItemTakenUp",
    "AgendaNotice",
    "AgendaRules",
    "AgendaState",
    "AgendaTopicAdded",
    "AgendaTopicWithdrawn",
]
