"""The read-only repository a namespace gets: what it may read, and no way to write.

Every object it returns is given its relationship's rules in force now
(`repairkit._pipeline.Runner.in_force`): consent applies at the moment of reading.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from repairkit.core.events import DomainEvent
from repairkit.core.relationship import Relationship
from repairkit.core.values import PersonId
from repairkit.ports import E, StoredObject

if TYPE_CHECKING:
    from repairkit._pipeline import Runner

__all__ = ["Repository"]


class Repository:
    """Reads from the kit's storage, and nothing else: it has no way to write."""

    def __init__(self, runner: Runner) -> None:
        self._runner = runner

    def load(self, kind: type[E], id: uuid.UUID) -> E:
        """Return the stored object, or raise `NotFound`."""
        return self._runner.in_force([self._runner.storage.load(kind, id)])[0]

    def load_all(
        self, kind: type[E], relationship_id: uuid.UUID, *, states: Sequence[str] | None = None
    ) -> list[E]:
        """Return the relationship's objects of *kind*, in creation order, optionally by state."""
        return self._runner.in_force(
            self._runner.storage.load_all(kind, relationship_id, states=states)
        )

    def load_keyed(
        self,
        kind: type[E],
        relationship_id: uuid.UUID,
        key: str,
        value: str,
        *,
        states: Sequence[str] | None = None,
    ) -> list[E]:
        """Return the relationship's objects of *kind* indexed under (*key*, *value*), oldest first.

        Answered from storage's index (`Storage.load_keyed`): what a rule reads is
        bounded by what it asks, not by the relationship's history.
        """
        return self._runner.in_force(
            self._runner.storage.load_keyed(kind, relationship_id, key, value, states=states)
        )

    def load_page(
        self,
        kind: type[E],
        relationship_id: uuid.UUID,
        *,
        states: Sequence[str] | None = None,
        after: uuid.UUID | None = None,
        limit: int = 100,
    ) -> list[E]:
        """Return up to *limit* of the relationship's *kind* after *after*, oldest first."""
        return self._runner.in_force(
            self._runner.storage.load_page(
                kind, relationship_id, states=states, after=after, limit=limit
            )
        )

    def load_scheduled(
        self,
        relationship_id: uuid.UUID,
        *,
        limit: int = 100,
        after: uuid.UUID | None = None,
    ) -> list[StoredObject]:
        """Return up to *limit* of the relationship's objects with a ``due_at``, earliest first.

        Past the object *after* if given (`Storage.load_scheduled`).
        """
        return self._runner.in_force(
            self._runner.storage.load_scheduled(relationship_id, limit=limit, after=after)
        )

    def count_events(
        self,
        relationship_id: uuid.UUID,
        actor: PersonId,
        since: datetime,
        *,
        tags: Sequence[str] | None = None,
        new_items: bool = False,
    ) -> int:
        """Return how many events *actor* recorded at or after *since*.

        Of those tags, or only the new items (`DomainEvent.new_item`).

        Answered from storage's index (`Storage.count_events`), however long the history.
        """
        return self._runner.storage.count_events(
            relationship_id, actor, since, tags=tags, new_items=new_items
        )

    def relationships_of(self, person: PersonId) -> list[Relationship]:
        """Return the relationships *person* is a partner in (any state), in creation order."""
        return self._runner.storage.relationships_of(person)

    def events(self, subject_id: uuid.UUID) -> list[DomainEvent]:
        """Return one object's events in the order they happened."""
        return self._runner.storage.events(subject_id)

    def edge_events(self, subject_id: uuid.UUID, *, last: int = 1) -> list[DomainEvent]:
        """Return an object's first shared event and last *last* ones (`Storage.edge_events`)."""
        return self._runner.storage.edge_events(subject_id, last=last)

    def relationship_events(self, relationship_id: uuid.UUID) -> list[DomainEvent]:
        """Return all events of a relationship in the order they were committed."""
        return self._runner.storage.relationship_events(relationship_id)
