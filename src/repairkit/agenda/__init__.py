"""The check-in agenda: what waits for the next check-in, from every workflow (`kit.agenda`)."""

from repairkit.agenda.commands import AgendaCommands
from repairkit.agenda.spec import AGENDA
from repairkit.core import (
    TOPIC,
    AgendaItem,
    AgendaItemAdded,
    AgendaItemAgedOut,
    AgendaItemClosedByLeaving,
    AgendaItemMovedOn,
    AgendaRules,
    AgendaState,
    AgendaTopicAdded,
    AgendaTopicWithdrawn,
)

__all__ = [
    "AGENDA",
    "TOPIC",
    "AgendaCommands",
    "AgendaItem",
    "AgendaItemAdded",
    "AgendaItemAgedOut",
    "AgendaItemClosedByLeaving",
    "AgendaItemMovedOn",
    "AgendaRules",
    "AgendaState",
    "AgendaTopicAdded",
    "AgendaTopicWithdrawn",
]
