"""Domain events: what happened, who did it, when, and between which states.

Every command appends exactly one event. Events are frozen values; storage keeps
them in order, queryable per object and per relationship. Each concrete event
class declares a stable ``TAG`` ("request.accepted"): storage records the tag,
never the class name, so classes can be renamed or moved without breaking
stored rows.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime
from typing import ClassVar

import attrs

from repairkit.core.values import PersonId

__all__ = ["DomainEvent", "seen_by"]


@attrs.frozen(kw_only=True)
class DomainEvent:
    """The fields every event has."""

    TAG: ClassVar[str] = ""
    """The stable name storage records for this event type (``"<workflow>.<what happened>"``)."""

    id: uuid.UUID
    subject_id: uuid.UUID
    """The id of the object that changed."""
    relationship_id: uuid.UUID
    actor: PersonId
    at: datetime
    from_state: str | None
    """None when the object was created by this event."""
    to_state: str
    version: int
    """The object's version after this event (1 for the event that created it)."""
    private_to: PersonId | None = None
    """When set, only this person may see the event (for example a draft not yet sent)."""


def seen_by(events: Iterable[DomainEvent], person: PersonId) -> list[DomainEvent]:
    """Return the events *person* may see, numbered as if the others never happened.

    A private event (a draft's, one's own quiet hours) is left out for everyone but
    the person it is private to, and the versions of the events after it are
    lowered to close the gap: what one partner keeps private leaves no trace in the
    other's numbers.
    """
    hidden: dict[uuid.UUID, int] = {}
    seen = []
    for event in events:
        if event.private_to is not None and event.private_to != person:
            hidden[event.subject_id] = hidden.get(event.subject_id, 0) + 1
            continue
        gap = hidden.get(event.subject_id, 0)
        seen.append(attrs.evolve(event, version=event.version - gap) if gap else event)
    return seen
