"""The plug points: storage, notifier and clock, as `typing.Protocol` classes.

An app can supply its own adapter for any of them; `repairkit.testing` holds
the contract test suite a storage must pass.
"""

from __future__ import annotations

import enum
import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Protocol, Self, TypeVar

import attrs

from repairkit.core.delivery import DeliveryPolicy
from repairkit.core.events import DomainEvent
from repairkit.core.notices import Notification
from repairkit.core.relationship import Relationship
from repairkit.core.timers import Deadline
from repairkit.core.values import PersonId
from repairkit.errors import RepairkitError

__all__ = [
    "Change",
    "Clock",
    "DayLimit",
    "Erasure",
    "LimitReached",
    "Notifier",
    "Saved",
    "Storage",
    "StoredObject",
]


class StoredObject(Protocol):
    """What storage and the kit need of a workflow object (`WorkflowObject` provides it)."""

    @property
    def id(self) -> uuid.UUID:
        """The object's id."""
        ...

    @property
    def relationship_id(self) -> uuid.UUID:
        """The relationship it belongs to."""
        ...

    @property
    def state(self) -> enum.StrEnum:
        """Its current state."""
        ...

    @property
    def version(self) -> int:
        """1 when created; one more after each move."""
        ...

    def seen_by(self, person: PersonId) -> Self:
        """Return the object as *person* may see it (without what is private to others)."""
        ...

    def visible_at(self, person: PersonId, now: datetime) -> bool:
        """Return whether *person* may read the object at *now*."""
        ...

    def version_seen_by(self, person: PersonId) -> int:
        """Return the version *person* knows the object at (``seen_by(person).version``)."""
        ...

    @property
    def deadlines(self) -> tuple[Deadline, ...]:
        """The moments at which time moves the object by itself (its earliest is `due_at`)."""
        ...

    @property
    def due_at(self) -> datetime | None:
        """When time next moves it by itself, or None."""
        ...

    def on_due(self, at: datetime) -> DomainEvent | None:
        """Do what falls due at *at*; return its event, or None."""
        ...

    def visible_to(self, person: PersonId) -> bool:
        """Return whether *person* may see it."""
        ...

    def asked(self) -> tuple[PersonId, ...]:
        """Return who is asked something now (indexed under ``"asked"``)."""
        ...

    def audience(self, event: DomainEvent) -> tuple[PersonId, ...]:
        """Return who should hear of *event*."""
        ...


E = TypeVar("E", bound=StoredObject)


@attrs.frozen
class Saved:
    """One object to save, and the version storage must still hold for the save to apply."""

    entity: StoredObject
    expected_version: int
    """0 for an object that is new."""
    relisted: bool = False
    """True when this save shares a private object for the first time (a draft proposed):
    the lists (`Storage.load_page`, `Storage.load_all`, `Storage.load_keyed`) then place it
    after every object stored so far, as if it were made now, so that the order tells
    nothing of when it was drafted."""


@attrs.frozen
class DayLimit:
    """How many new items a sender may have stored since a moment, this change's included.

    The pressure budget's last word (`repairkit.core.pressure`): `Storage.commit` counts
    the sender's events marked `DomainEvent.new_item` since *since* inside the
    transaction, serialised with every other commit of the same sender, so that two
    commands racing at one instant cannot both take the day's last item. Past *most*,
    it raises `LimitReached` and writes nothing.
    """

    since: datetime
    most: int


class LimitReached(RepairkitError):
    """A commit would pass its `DayLimit`: nothing was written."""

    def __init__(self) -> None:
        super().__init__("The sender's new items for the day are spent. Nothing was saved.")


@attrs.frozen
class Change:
    """Everything one command writes, committed as ONE transaction or not at all."""

    saves: tuple[Saved, ...]
    events: tuple[DomainEvent, ...]
    notifications: tuple[Notification, ...] = ()
    limit: DayLimit | None = None
    """When set, the change's new items (its events marked `DomainEvent.new_item`) are
    stored only if each sender's count since `DayLimit.since` stays within
    `DayLimit.most`; checked inside the transaction."""

    def new_items(self) -> dict[tuple[uuid.UUID, PersonId], int]:
        """Return how many new items the change brings, per (relationship, sender)."""
        found: dict[tuple[uuid.UUID, PersonId], int] = {}
        for event in self.events:
            if event.new_item:
                key = (event.relationship_id, event.actor)
                found[key] = found.get(key, 0) + 1
        return found


@attrs.frozen
class Erasure:
    """What ``kit.erase`` removes or rewrites for one person, in ONE transaction.

    Made by the kit from the person's relationships (docs/your-data.md); a storage
    applies it as given, or raises and changes nothing.
    """

    saves: tuple[Saved, ...] = ()
    """Objects stored again in place, with their keys and due time derived anew: the
    expected version is the one stored, the new version may be lower (the object as the
    other partner knew it)."""
    deletes: tuple[tuple[type, uuid.UUID], ...] = ()
    """Objects removed, (kind, id), with their key rows."""
    events: tuple[DomainEvent, ...] = ()
    """Events stored again in place, by id (their free text removed)."""
    dropped_events: tuple[DomainEvent, ...] = ()
    """Events removed (found by id)."""
    dropped_notifications: tuple[uuid.UUID, ...] = ()
    """Notifications removed from the outbox, delivered or not, by id."""


class Storage(Protocol):
    """Where objects, their events and the notification outbox are kept.

    A storage must be atomic per `commit`, must refuse a save whose expected
    version is not the stored one (raising `ConcurrencyConflict` and writing
    nothing), and must load an object from its current state, not by replaying
    its history. `repairkit.testing.StorageContract` checks all of this.
    """

    def load(self, kind: type[E], id: uuid.UUID) -> E:
        """Return the stored object, or raise `NotFound`."""
        ...

    def load_all(
        self,
        kind: type[E],
        relationship_id: uuid.UUID,
        *,
        states: Sequence[str] | None = None,
    ) -> list[E]:
        """Return the relationship's objects of *kind*, in creation order, optionally by state."""
        ...

    def relationships_of(self, person: PersonId) -> list[Relationship]:
        """Return the relationships *person* is a partner in (any state), in creation order."""
        ...

    def load_keyed(
        self,
        kind: type[E],
        relationship_id: uuid.UUID,
        key: str,
        value: str,
        *,
        states: Sequence[str] | None = None,
    ) -> list[E]:
        """Return the relationship's objects of *kind* indexed under (*key*, *value*).

        Oldest first, optionally by state. The keys are those the workflow declares
        (`WorkflowSpec.keys`) and ``("asked", person)`` for everyone the object asks
        something of, as of its last save. Answered from an index, never a scan.
        """
        ...

    def load_page(
        self,
        kind: type[E],
        relationship_id: uuid.UUID,
        *,
        states: Sequence[str] | None = None,
        after: uuid.UUID | None = None,
        limit: int = 100,
    ) -> list[E]:
        """Return up to *limit* of the relationship's objects of *kind*, oldest first.

        *after* is the id of the last object of the previous page (its position in
        the order objects were listed in, by creation or by a `Saved.relisted` save,
        is the cursor); an id not stored for this kind and relationship raises
        `NotFound`.
        """
        ...

    def load_scheduled(
        self,
        relationship_id: uuid.UUID,
        *,
        limit: int = 100,
        after: uuid.UUID | None = None,
    ) -> list[StoredObject]:
        """Return up to *limit* of the relationship's objects with a ``due_at``, earliest first.

        Of every kind, by due time, ties in the order the objects are listed in (as
        `load_page` lists them). *after* is the id of the last object of the previous
        page: the cursor is that object's due time as stored now, and its place in the
        list; an id of the relationship with no due time stored raises `NotFound`.
        A damaged row is logged and passed over. Answered from the due-time index.
        """
        ...

    def count_events(
        self,
        relationship_id: uuid.UUID,
        actor: PersonId,
        since: datetime,
        *,
        tags: Sequence[str] | None = None,
        new_items: bool = False,
    ) -> int:
        """Return how many events *actor* recorded in the relationship at or after *since*.

        With *tags*, only events of those stored tags (``"request.proposed"``). With
        *new_items*, only events marked `DomainEvent.new_item` (what the pressure budget
        counts). Answered from an index on (relationship, actor, time).
        """
        ...

    def commit(self, change: Change) -> None:
        """Write the whole change atomically, or raise and write nothing."""
        ...

    def events(self, subject_id: uuid.UUID) -> list[DomainEvent]:
        """Return one object's events in the order they happened."""
        ...

    def edge_events(self, subject_id: uuid.UUID, *, last: int = 1) -> list[DomainEvent]:
        """Return one object's first event and its *last* last ones, in order, each once.

        Only events private to nobody count (`DomainEvent.private_to` is None): one
        private to a partner leaves nothing in the other's copy, so a run of them never
        pushes the other partner's untold move out of the answer; for the reader's own
        private moves, leaving them out can only show more instants to the day, never
        fewer. Both ends of an index of those events by subject, in one read (none for
        an unknown id, or when every event is private): what a read path asks of every
        object it shows, to find the moves of the other partner the reader was not told
        of (`repairkit.core.untold`), so its cost never grows with the object's history.
        """
        ...

    def relationship_events(self, relationship_id: uuid.UUID) -> list[DomainEvent]:
        """Return all events of a relationship in the order they were committed."""
        ...

    def due(self, now: datetime, *, limit: int = 100) -> list[StoredObject]:
        """Return up to *limit* objects whose `due_at` is at or before *now*, earliest first."""
        ...

    def next_due(self) -> datetime | None:
        """Return the earliest ``due_at`` stored, or None when nothing is scheduled."""
        ...

    def claim_due(self, now: datetime, *, limit: int = 100) -> list[StoredObject]:
        """Return due objects as `due` does, claimed for a lease where workers share the storage.

        Concurrent callers then take different objects; `run_due` uses it.
        """
        ...

    def pending_notifications(
        self, *, limit: int = 100, due_by: datetime | None = None
    ) -> list[Notification]:
        """Return up to *limit* notifications neither delivered nor parked, oldest first.

        With *due_by*, only those whose next attempt (after a failure) is due by then.
        """
        ...

    def parked_notifications(self, *, limit: int = 100) -> list[Notification]:
        """Return up to *limit* parked notifications (too many failed attempts), oldest first."""
        ...

    def record_failed_attempts(
        self, notification_ids: Sequence[uuid.UUID], at: datetime, policy: DeliveryPolicy
    ) -> None:
        """Count a failed attempt for each; schedule the next by *policy*, or park it."""
        ...

    def requeue(self, notification_ids: Sequence[uuid.UUID], at: datetime) -> None:
        """Queue parked notifications again, their attempts counted from zero."""
        ...

    def release(self, notification_ids: Sequence[uuid.UUID]) -> None:
        """Hand back notifications claimed but not tried (their recipient paused, or is quiet)."""
        ...

    def discard_notifications(self, notification_ids: Sequence[uuid.UUID]) -> None:
        """Take undelivered notifications out of the outbox for good (unknown ids: nothing).

        For what must never go out: what waited for a partner of a relationship that is
        over (nothing more reaches the person who left). Neither pending nor parked after.
        """
        ...

    def mark_delivered(self, notification_ids: Sequence[uuid.UUID], at: datetime) -> None:
        """Record that these notifications reached the notifier."""
        ...

    def notifications(self, ids: Sequence[uuid.UUID]) -> list[Notification]:
        """Return the stored notifications among *ids*, delivered or not, in the order given.

        Read by id (a notification's id derives from its event and recipient): what
        ``kit.export`` reads of a person's notifications, never the whole outbox.
        """
        ...

    def erase(self, erasure: Erasure) -> None:
        """Apply *erasure* in one transaction, so that nothing erased stays readable.

        `ConcurrencyConflict` if a save's version moved meanwhile: nothing is changed.
        Memory drops it; SQLite also overwrites the freed pages (``secure_delete``) and
        empties its write-ahead log; PostgreSQL deletes and updates the rows (their old
        versions are reclaimed by VACUUM, docs/your-data.md).
        """
        ...

    def close(self) -> None:
        """Release what the storage holds (connections, files)."""
        ...


class Notifier(Protocol):
    """What the app hears. Raising leaves the notification pending for a retry."""

    def notify(self, notification: Notification) -> None:
        """Deliver one notification."""
        ...


class Clock(Protocol):
    """Tells the time; injected so that time is testable."""

    def now(self) -> datetime:
        """Return the current time, timezone-aware."""
        ...
