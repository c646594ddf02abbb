"""The narrow runner every namespace gets: the command pipeline and a read-only repository.

Every command runs the same way: load, check the actor and the rule, apply, then
save the new state, the domain event and the outgoing notifications in ONE
storage transaction, and only then deliver the notifications. A namespace
reaches storage only through `Runner.execute` and `Runner.add` (which run that
pipeline) and `Runner.repository` (which only reads): nothing it does bypasses
the checks.

Objects a command returns are *detached* copies: a move made on one directly
raises `NotAllowedNow` instead of changing a copy nobody saves.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TypeVar

from repairkit._delivery import Courier
from repairkit.core.delivery import DeliveryPolicy
from repairkit.core.entity import WorkflowObject, detach
from repairkit.core.events import DomainEvent
from repairkit.core.notices import notifications_for
from repairkit.core.relationship import Relationship
from repairkit.core.spec import Registry
from repairkit.core.values import PersonId, check_id, check_instant, check_person_id
from repairkit.errors import Closed, ConcurrencyConflict, NotFound
from repairkit.ports import Change, Clock, E, Notifier, Saved, Storage, StoredObject

__all__ = ["Repository", "Runner", "shown"]

W = TypeVar("W", bound=WorkflowObject)


class Repository:
    """Reads from the kit's storage, and nothing else: it has no way to write."""

    def __init__(self, runner: Runner) -> None:
        self._runner = runner

    def load(self, kind: type[E], id: uuid.UUID) -> E:
        """Return the stored object, or raise `NotFound`."""
        return self._runner.storage.load(kind, id)

    def load_all(
        self, kind: type[E], relationship_id: uuid.UUID, *, states: Sequence[str] | None = None
    ) -> list[E]:
        """Return the relationship's objects of *kind*, in creation order, optionally by state."""
        return self._runner.storage.load_all(kind, relationship_id, states=states)

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
        return self._runner.storage.load_keyed(kind, relationship_id, key, value, states=states)

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
        return self._runner.storage.load_page(
            kind, relationship_id, states=states, after=after, limit=limit
        )

    def load_scheduled(self, relationship_id: uuid.UUID, *, limit: int = 100) -> list[StoredObject]:
        """Return up to *limit* of the relationship's objects with a ``due_at``, earliest first."""
        return self._runner.storage.load_scheduled(relationship_id, limit=limit)

    def count_events(
        self,
        relationship_id: uuid.UUID,
        actor: PersonId,
        since: datetime,
        *,
        tags: Sequence[str] | None = None,
    ) -> int:
        """Return how many events *actor* recorded at or after *since* (of those tags).

        Answered from storage's index (`Storage.count_events`), however long the history.
        """
        return self._runner.storage.count_events(relationship_id, actor, since, tags=tags)

    def relationships_of(self, person: PersonId) -> list[Relationship]:
        """Return the relationships *person* is a partner in (any state), in creation order."""
        return self._runner.storage.relationships_of(person)

    def events(self, subject_id: uuid.UUID) -> list[DomainEvent]:
        """Return one object's events in the order they happened."""
        return self._runner.storage.events(subject_id)

    def relationship_events(self, relationship_id: uuid.UUID) -> list[DomainEvent]:
        """Return all events of a relationship in the order they were committed."""
        return self._runner.storage.relationship_events(relationship_id)


class Runner:
    """The command pipeline over one storage, clock, notifier and registry.

    Args:
        storage: Where everything is kept.
        clock: Tells the time.
        notifier: What the app hears, or None (notifications wait in the outbox).
        workflows: The workflows the storage was made for.
        delivery: How a refused notification is retried and parked.
    """

    def __init__(
        self,
        *,
        storage: Storage,
        clock: Clock,
        notifier: Notifier | None,
        workflows: Registry,
        delivery: DeliveryPolicy,
    ) -> None:
        self._storage = storage
        self._closed = False
        self.clock = clock
        self.workflows = workflows
        self.courier = Courier(self, notifier, delivery)
        self.repository = Repository(self)
        """Read-only access to what is stored."""

    # -- lifecycle ---------------------------------------------------------------------

    @property
    def storage(self) -> Storage:
        """The storage, while the kit is open; `Closed` once it is closed."""
        if self._closed:
            raise Closed
        return self._storage

    def close(self) -> None:
        """Release the storage; every command afterwards raises `Closed`. Idempotent."""
        if not self._closed:
            self._closed = True
            self._storage.close()

    # -- the pipeline --------------------------------------------------------------------

    def now(self) -> datetime:
        """Return the clock's time, checked to be timezone-aware, in UTC."""
        return check_instant(self.clock.now(), "clock.now()")

    def relationship(self, relationship_id: uuid.UUID, *, actor: PersonId) -> Relationship:
        """Return the relationship as *actor* may see it, if they are one of its partners."""
        relationship_id = check_id(relationship_id, "relationship_id")
        relationship = self.repository.load(Relationship, relationship_id)
        relationship.check_member(check_person_id(actor, "actor"), "see this relationship")
        return relationship.seen_by(actor)

    def execute(
        self,
        kind: type[E],
        id: uuid.UUID,
        actor: PersonId,
        action: Callable[[E, datetime], DomainEvent],
    ) -> E:
        """Run one command on a stored object: the pipeline every namespace uses.

        Loads the object, calls ``action(object, now)`` (a domain method that checks
        the actor and the rule and returns one event), commits the new state, the
        event and its notifications in one transaction, then delivers them. Returns
        the object as stored (callers show it as its reader may see it).
        """
        check_person_id(actor, "actor")
        entity = self.storage.load(kind, check_id(id, "id"))
        now = self.now()
        if not entity.visible_at(actor, now):  # aged out of their sight: as if missing
            raise NotFound(self.workflows.spec_of(kind).name, entity.id)
        loaded = entity.version_seen_by(actor)  # the version as *actor* knows it
        event = action(entity, now)
        try:
            self.record(entity, event)
        except ConcurrencyConflict as conflict:
            # Named as the actor saw it: the other's private moves leave no trace here.
            raise ConcurrencyConflict(conflict.kind, conflict.id, loaded) from None
        return entity

    def add(self, entity: StoredObject, event: DomainEvent) -> None:
        """Store a new object with the event that created it (and its notifications)."""
        self._commit(entity, 0, event)

    def record(self, entity: StoredObject, event: DomainEvent) -> None:
        """Store the move *event* just made on a loaded object, if nobody changed it since."""
        self._commit(entity, entity.version - 1, event)

    def _commit(self, entity: StoredObject, expected_version: int, event: DomainEvent) -> None:
        notes = notifications_for(event, entity.audience(event), self.workflows.rule_for(event))
        self.storage.commit(
            Change(
                saves=(Saved(entity, expected_version),),
                events=(event,),
                notifications=notes,
            )
        )
        if notes:
            self.courier.send(notes)


def shown(obj: W) -> W:
    """Return *obj* marked as a copy a command returned: a move on it raises at once."""
    detach(obj)
    return obj
