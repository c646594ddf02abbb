"""The service layer: `RepairKit`, the facade apps use.

Every command runs the same way: load, check the actor and the rule, apply,
then save the new state, the domain event and the outgoing notifications in
ONE storage transaction, and only then deliver the notifications. A command
that raises has written nothing.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Self

from repairkit.adapters.memory import MemoryStorage
from repairkit.clock import SystemClock
from repairkit.core.delivery import DEFAULT_DELIVERY, DeliveryPolicy
from repairkit.core.events import DomainEvent
from repairkit.core.notices import Notification, notifications_for
from repairkit.core.relationship import Relationship
from repairkit.core.settings import RelationshipSettings
from repairkit.core.spec import Registry
from repairkit.core.values import (
    PersonId,
    check_id,
    check_ids,
    check_instant,
    check_limit,
    check_person_id,
)
from repairkit.errors import ConcurrencyConflict, InvalidInput
from repairkit.ports import Change, Clock, E, Notifier, Saved, Storage, StoredObject
from repairkit.registry import WORKFLOWS
from repairkit.requests import RequestCommands

__all__ = ["RepairKit", "check_plugs"]

log = logging.getLogger("repairkit")


_STORAGE_METHODS = (
    "load",
    "load_all",
    "commit",
    "events",
    "relationship_events",
    "due",
    "claim_due",
    "pending_notifications",
    "parked_notifications",
    "mark_delivered",
    "record_failed_attempts",
    "requeue",
    "close",
)


def _check_plug(plug: object, field: str, methods: tuple[str, ...]) -> None:
    """Refuse a plug-in (storage, notifier, clock) that lacks a method of its Protocol."""
    if plug is None:
        return
    missing = [m for m in methods if not callable(getattr(plug, m, None))]
    if missing:
        raise InvalidInput(field, f"does not fit its Protocol; it lacks {', '.join(missing)}().")


def check_plugs(*, clock: object = None, notifier: object = None) -> None:
    """Raise `InvalidInput` unless *clock* and *notifier* (when given) fit their Protocols."""
    _check_plug(clock, "clock", ("now",))
    _check_plug(notifier, "notifier", ("notify",))


class RepairKit:
    """Relationship-repair workflows over a storage, a notifier and a clock.

    Each registered workflow's commands are an attribute named by its spec's
    ``namespace`` (``kit.requests``), declared below with its type.

    Args:
        storage: Where everything is kept; in memory when omitted.
        notifier: What the app hears. When omitted, notifications wait in the
            outbox: read them with `pending_notifications` and confirm them
            with `mark_delivered`.
        clock: Tells the time; the system clock (UTC) when omitted.
        workflows: The workflows it runs; those repairkit ships when omitted. A
            storage passed in must have been made with the same registry.
        delivery: How a notification the notifier refused is retried, and when it
            is parked (`DeliveryPolicy`; repairkit's defaults when omitted).
    """

    requests: RequestCommands
    """Commands and queries of the Request workflow."""

    def __init__(
        self,
        *,
        storage: Storage | None = None,
        notifier: Notifier | None = None,
        clock: Clock | None = None,
        workflows: Registry = WORKFLOWS,
        delivery: DeliveryPolicy = DEFAULT_DELIVERY,
    ) -> None:
        _check_plug(storage, "storage", _STORAGE_METHODS)
        _check_plug(notifier, "notifier", ("notify",))
        _check_plug(clock, "clock", ("now",))
        if not isinstance(workflows, Registry):
            raise InvalidInput("workflows", "needs a repairkit Registry (repairkit.WORKFLOWS).")
        if not isinstance(delivery, DeliveryPolicy):
            raise InvalidInput("delivery", "needs a DeliveryPolicy.")
        self.workflows = workflows
        self.delivery = delivery
        self.storage: Storage = (
            storage if storage is not None else MemoryStorage(workflows=workflows)
        )
        stored = getattr(self.storage, "workflows", workflows)
        if stored is not workflows:
            msg = (
                "The storage was made for other workflows than this kit's; pass the same registry."
            )
            raise TypeError(msg)
        self.notifier = notifier
        self.clock: Clock = clock if clock is not None else SystemClock()
        for spec in workflows:
            if spec.namespace is not None and spec.commands is not None:
                setattr(self, spec.namespace, spec.commands(self))

    # -- lifecycle ---------------------------------------------------------------

    def close(self) -> None:
        """Release the storage."""
        self.storage.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # -- relationships -------------------------------------------------------------

    def start_relationship(
        self,
        partners: tuple[PersonId, PersonId],
        *,
        actor: PersonId,
        settings: RelationshipSettings | None = None,
    ) -> Relationship:
        """Start a relationship between two partners; *actor* is one of them."""
        actor = check_person_id(actor, "actor")
        relationship, event = Relationship.start(
            partners=partners, actor=actor, settings=settings, at=self.now()
        )
        self.add(relationship, event)
        return relationship

    def relationship(self, relationship_id: uuid.UUID, *, actor: PersonId) -> Relationship:
        """Return the relationship, if *actor* is one of its partners."""
        relationship_id = check_id(relationship_id, "relationship_id")
        relationship = self.storage.load(Relationship, relationship_id)
        relationship.check_member(check_person_id(actor, "actor"), "see this relationship")
        return relationship

    def propose_settings(
        self, relationship_id: uuid.UUID, *, actor: PersonId, settings: RelationshipSettings
    ) -> Relationship:
        """Suggest new shared settings; they apply only once the other partner agrees."""
        return self.execute(
            Relationship,
            relationship_id,
            actor,
            lambda r, now: r.propose_settings(actor=actor, settings=settings, at=now),
        )

    def agree_to_settings(self, relationship_id: uuid.UUID, *, actor: PersonId) -> Relationship:
        """Agree to the settings the other partner suggested (requests made keep their rules)."""
        return self.execute(
            Relationship,
            relationship_id,
            actor,
            lambda r, now: r.agree_to_settings(actor=actor, at=now),
        )

    def decline_settings(self, relationship_id: uuid.UUID, *, actor: PersonId) -> Relationship:
        """Keep the shared settings as they are."""
        return self.execute(
            Relationship,
            relationship_id,
            actor,
            lambda r, now: r.decline_settings(actor=actor, at=now),
        )

    def withdraw_settings(self, relationship_id: uuid.UUID, *, actor: PersonId) -> Relationship:
        """Take back one's own suggested settings."""
        return self.execute(
            Relationship,
            relationship_id,
            actor,
            lambda r, now: r.withdraw_settings(actor=actor, at=now),
        )

    def relationship_events(
        self, relationship_id: uuid.UUID, *, actor: PersonId
    ) -> list[DomainEvent]:
        """Return the relationship's events that *actor* may see, oldest first."""
        relationship = self.relationship(relationship_id, actor=actor)
        return [
            e
            for e in self.storage.relationship_events(relationship.id)
            if e.private_to is None or e.private_to == actor
        ]

    # -- time ------------------------------------------------------------------------

    def run_due(self, *, limit: int = 100) -> list[DomainEvent]:
        """Move on whatever time has made due (a time box that ended); call it periodically.

        Returns the events it recorded. An object changed by someone else at the
        same moment is left for the next call.
        """
        limit = check_limit(limit)
        now = self.now()
        recorded: list[DomainEvent] = []
        for entity in self.storage.claim_due(now, limit=limit):
            event = entity.on_due(now)
            if event is None:
                continue
            try:
                self._commit(entity, entity.version - 1, event)
            except ConcurrencyConflict:
                log.info("%s changed meanwhile; it is left for the next run", entity.id)
                continue
            recorded.append(event)
        return recorded

    # -- notifications -----------------------------------------------------------------

    def deliver_pending(self, *, limit: int = 100) -> int:
        """Try again to deliver what the outbox holds and is due; return how many went out.

        A notification the notifier refuses waits longer after each failed attempt
        (`DeliveryPolicy`), so it never holds back anyone else's; after the last
        attempt it is parked (`parked_notifications`, `retry_parked`).
        """
        limit = check_limit(limit)
        if self.notifier is None:
            return 0
        return self._deliver(self.storage.pending_notifications(limit=limit, due_by=self.now()))

    def pending_notifications(self, *, limit: int = 100) -> list[Notification]:
        """Return notifications neither delivered nor parked, oldest first (for apps that pull)."""
        return self.storage.pending_notifications(limit=check_limit(limit))

    def mark_delivered(self, notification_ids: Sequence[uuid.UUID]) -> None:
        """Confirm that the app delivered these notifications itself."""
        ids = check_ids(notification_ids, "notification_ids")
        self.storage.mark_delivered(ids, self.now())

    def parked_notifications(self, *, limit: int = 100) -> list[Notification]:
        """Return notifications parked after too many failed attempts, oldest first."""
        return self.storage.parked_notifications(limit=check_limit(limit))

    def retry_parked(self, notification_ids: Sequence[uuid.UUID]) -> None:
        """Queue parked notifications again (for example once a channel works again)."""
        ids = check_ids(notification_ids, "notification_ids")
        self.storage.requeue(ids, self.now())

    # -- the command pipeline ------------------------------------------------------------

    def now(self) -> datetime:
        """Return the clock's time, checked to be timezone-aware, in UTC."""
        return check_instant(self.clock.now(), "clock.now()")

    def execute(
        self,
        kind: type[E],
        id: uuid.UUID,
        actor: PersonId,
        action: Callable[[E, datetime], DomainEvent],
    ) -> E:
        """Run one command on a stored object: the pipeline every workflow namespace uses.

        Loads the object, calls ``action(object, now)`` (a domain method that checks
        the actor and the rule and returns one event), commits the new state, the
        event and its notifications in one transaction, then delivers them.
        """
        check_person_id(actor, "actor")
        entity = self.storage.load(kind, check_id(id, "id"))
        event = action(entity, self.now())
        self._commit(entity, entity.version - 1, event)
        return entity

    def add(self, entity: StoredObject, event: DomainEvent) -> None:
        """Store a new object with the event that created it (and its notifications)."""
        self._commit(entity, 0, event)

    def _commit(self, entity: StoredObject, expected_version: int, event: DomainEvent) -> None:
        notes = notifications_for(event, entity.audience(event), self.workflows.rule_for(event))
        self.storage.commit(
            Change(
                saves=(Saved(entity, expected_version),),
                events=(event,),
                notifications=notes,
            )
        )
        if notes and self.notifier is not None:
            self._deliver(notes)

    def _deliver(self, notes: Sequence[Notification]) -> int:
        assert self.notifier is not None  # noqa: S101 - callers check
        delivered: list[uuid.UUID] = []
        failed: list[uuid.UUID] = []
        for note in notes:
            try:
                self.notifier.notify(note)
            except Exception as error:  # noqa: BLE001 - any notifier failure leaves it pending
                # The error's type only: its message might quote what a partner wrote.
                log.warning(
                    "notification %s (%s) could not be delivered (%s); it stays pending",
                    note.id,
                    note.kind,
                    type(error).__name__,
                )
                failed.append(note.id)
                continue
            delivered.append(note.id)
        if failed:
            try:
                self.storage.record_failed_attempts(failed, self.now(), self.delivery)
            except Exception as error:  # noqa: BLE001 - the command itself has succeeded
                log.warning(
                    "%d failed attempt(s) could not be recorded (%s); they are tried again",
                    len(failed),
                    type(error).__name__,
                )
        if delivered:
            try:
                self.storage.mark_delivered(delivered, self.now())
            except Exception as error:  # noqa: BLE001 - the command itself has succeeded
                # They went out but stay pending: a retry delivers them again, and their
                # stable ids let receivers drop the repeat.
                log.warning(
                    "%d delivered notification(s) could not be marked delivered (%s)",
                    len(delivered),
                    type(error).__name__,
                )
        return len(delivered)
