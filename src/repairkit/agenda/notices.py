"""Who hears about the check-in agenda: nobody. The agenda is read, never sent."""

from __future__ import annotations

import enum

from repairkit.agenda.events import AgendaItemAdded, AgendaTopicAdded
from repairkit.core import DomainEvent, NoticeRule, Quiet

__all__ = ["AGENDA_NOTICES", "READ", "AgendaNotice"]


class AgendaNotice(enum.StrEnum):
    """The agenda sends no notification: both read it when they prepare a check-in."""


READ = Quiet(
    "The agenda is read, never sent: the move that put something on it told whom it had"
    " to, and a topic waits for the check-in, where both see it."
)


AGENDA_NOTICES: dict[type[DomainEvent], NoticeRule | Quiet] = {
    AgendaItemAdded: READ,
    AgendaTopicAdded: READ,
}
"""The rules of the events no row names: nobody is told."""
