"""The check-in agenda's events, each with its stable tag ("agenda.added").

An item's events carry no words: a topic's words live on the item, which only the two
partners may read.
"""

from __future__ import annotations

import attrs

from repairkit.core import ClosedByLeaving, DomainEvent

__all__ = [
    "AGENDA_EVENTS",
    "AgendaItemAdded",
    "AgendaItemAgedOut",
    "AgendaItemClosedByLeaving",
    "AgendaItemMovedOn",
    "AgendaItemTakenUp",
    "AgendaTopicAdded",
    "AgendaTopicWithdrawn",
]


@attrs.frozen(kw_only=True)
class AgendaItemAdded(DomainEvent):
    """repairkit put an object on the agenda: it entered a state its workflow declares."""

    TAG = "agenda.added"


@attrs.frozen(kw_only=True)
class AgendaTopicAdded(DomainEvent):
    """A partner added a topic of their own to the agenda."""

    TAG = "agenda.topic_added"


@attrs.frozen(kw_only=True)
class AgendaItemMovedOn(DomainEvent):
    """The object behind the item left the state that put it on the agenda."""

    TAG = "agenda.moved_on"


@attrs.frozen(kw_only=True)
class AgendaItemTakenUp(DomainEvent):
    """A check-in took the item up: its issue was agreed, or kept for a third person."""

    TAG = "agenda.taken_up"


@attrs.frozen(kw_only=True)
class AgendaTopicWithdrawn(DomainEvent):
    """The author took their own topic off the agenda."""

    TAG = "agenda.topic_withdrawn"


@attrs.frozen(kw_only=True)
class AgendaItemAgedOut(DomainEvent):
    """The item waited out the agenda's window."""

    TAG = "agenda.aged_out"


@attrs.frozen(kw_only=True)
class AgendaItemClosedByLeaving(ClosedByLeaving):
    """A partner left the relationship: the item was closed, neutrally, for both."""

    TAG = "agenda.closed_by_leaving"


AGENDA_EVENTS: tuple[type[DomainEvent], ...] = (AgendaItemAdded, AgendaTopicAdded)
"""The events no row names (the table's rows add the rest)."""
