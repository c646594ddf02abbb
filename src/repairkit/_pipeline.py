"""The command pipeline every command runs: load, apply, commit, deliver.

`RepairKit` is built on it (with the relationship's commands and the outbox as
mixins that share it); workflow namespaces call `execute` and `add`.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Sequence
from datetime import datetime

from repairkit.core.delivery import DeliveryPolicy
from repairkit.core.events import DomainEvent
from repairkit.core.notices import Notification, notifications_for
from repairkit.core.relationship import Relationship
from repairkit.core.spec import Registry
from repairkit.core.values import PersonId, check_id, check_instant, check_person_id
from repairkit.errors import ConcurrencyConflict, NotFound, RepairkitError
from repairkit.ports import Change, Clock, E, Notifier, Saved, Storage, StoredObject

__all__ = ["Pipeline"]

log = logging.getLogger("repairkit")


class Pipeline:
    """What every command shares: the storage, the clock, the notifier, and the pipeline."""

    storage: Storage
    notifier: Notifier | None
    clock: Clock
    workflows: Registry
    delivery: DeliveryPolicy

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
        now = self.now()
        if not entity.visible_at(actor, now):  # aged out of their sight: as if missing
            raise NotFound(self.workflows.spec_of(kind).name, entity.id)
        loaded = entity.version_seen_by(actor)  # the version as *actor* knows it
        event = action(entity, now)
        try:
            self._commit(entity, entity.version - 1, event)
        except ConcurrencyConflict as conflict:
            # Named as the actor saw it: the other's private moves leave no trace here.
            raise ConcurrencyConflict(conflict.kind, conflict.id, loaded) from None
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

    def _held(self, notes: Sequence[Notification]) -> list[Notification]:
        """Return *notes* less those held: for a partner who paused, or inside their quiet hours.

        A held note waits in the outbox, untried, and counts no attempt.
        """
        now = self.now()
        quiet: dict[uuid.UUID, frozenset[str]] = {}
        kept = []
        for note in notes:
            if note.relationship_id not in quiet:
                quiet[note.relationship_id] = self._unreachable(note.relationship_id, now)
            if note.recipient not in quiet[note.relationship_id]:
                kept.append(note)
        return kept

    def _unreachable(self, relationship_id: uuid.UUID, now: datetime) -> frozenset[str]:
        """Return the partners nothing is delivered to at *now*: paused, or in quiet hours."""
        try:
            relationship = self.storage.load(Relationship, relationship_id)
        except RepairkitError:
            return frozenset()
        return frozenset(
            (
                *relationship.paused,
                *(person for person, hours in relationship.quiet_hours if hours.contains(now)),
            )
        )

    def _deliver(self, notes: Sequence[Notification]) -> int:
        assert self.notifier is not None  # noqa: S101 - callers check
        sendable = self._held(notes)
        if len(sendable) < len(notes):
            held = {n.id for n in notes} - {n.id for n in sendable}
            try:
                self.storage.release(list(held))
            except RepairkitError as error:  # the command itself has succeeded
                log.warning(
                    "%d held notification(s) stay claimed (%s)", len(held), type(error).__name__
                )
        notes = sendable
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
