"""In-memory storage: for tests, demos and apps that keep nothing between runs.

It keeps serialized copies, exactly as a database would, so an object returned
by a command can be changed by the caller without changing what is stored.
"""

from __future__ import annotations

import bisect
import functools
import threading
import uuid
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime

from repairkit.adapters._erasing import MemoryErasing
from repairkit.adapters._identity import readable
from repairkit.adapters._keys import index_keys, place_of
from repairkit.adapters._memory_queries import Row
from repairkit.adapters.codec import codec_for
from repairkit.core.delivery import DeliveryPolicy
from repairkit.core.events import DomainEvent
from repairkit.core.notices import Notification
from repairkit.core.relationship import Relationship
from repairkit.core.spec import ONE_AT_A_TIME, PARTNER_KEY, Registry
from repairkit.core.values import PersonId, check_instant, check_limit
from repairkit.errors import ConcurrencyConflict, NotFound, StorageError
from repairkit.ports import Change, E, StoredObject
from repairkit.registry import WORKFLOWS

__all__ = ["MemoryStorage"]


class MemoryStorage(MemoryErasing):
    """Keeps everything in this process's memory; thread-safe."""

    def __init__(self, *, workflows: Registry = WORKFLOWS) -> None:
        self.workflows = workflows
        self._codec = codec_for(workflows)
        self._lock = threading.Lock()
        self._rows: dict[uuid.UUID, Row] = {}
        # The indexes the queries read (each a dict or list, never a scan of every object):
        self._position: dict[uuid.UUID, int] = {}
        """Each object's place in creation order."""
        self._in_order: list[uuid.UUID] = []
        """Every object's id, at its position."""
        self._of_kind: defaultdict[tuple[uuid.UUID, str], list[int]] = defaultdict(list)
        """(relationship, kind) -> positions, ascending."""
        self._in_state: defaultdict[tuple[uuid.UUID, str, str], list[int]] = defaultdict(list)
        """(relationship, kind, state) -> positions, ascending."""
        self._keyed: defaultdict[tuple[uuid.UUID, str, str, str], set[uuid.UUID]] = defaultdict(set)
        """(relationship, kind, key, value) -> ids, as of each object's last save."""
        self._valued: defaultdict[tuple[str, str, str], set[uuid.UUID]] = defaultdict(set)
        """(kind, key, value) -> ids, across relationships (a person's relationships)."""
        self._scheduled: defaultdict[uuid.UUID, set[uuid.UUID]] = defaultdict(set)
        """relationship -> ids of its objects with a due time."""
        self._acts: defaultdict[tuple[uuid.UUID, str], list[tuple[datetime, int, str, bool]]] = (
            defaultdict(list)
        )
        """(relationship, actor) -> (at, order, tag, new item) of each of their events, sorted."""
        self._events: list[str] = []
        self._event_ids: set[uuid.UUID] = set()
        self._events_by_subject: defaultdict[uuid.UUID, list[int]] = defaultdict(list)
        self._shared_by_subject: defaultdict[uuid.UUID, list[int]] = defaultdict(list)
        """subject -> its events private to nobody (what `edge_events` reads), in order."""
        self._events_by_relationship: defaultdict[uuid.UUID, list[int]] = defaultdict(list)
        self._outbox: dict[uuid.UUID, str] = {}
        self._pending: dict[uuid.UUID, None] = {}
        """Not delivered nor parked, in the order they were stored."""
        self._attempts: dict[uuid.UUID, int] = {}
        self._next_attempt: dict[uuid.UUID, datetime] = {}
        self._parked: set[uuid.UUID] = set()

    def load(self, kind: type[E], id: uuid.UUID) -> E:
        """Return the stored object, or raise `NotFound`."""
        name = self._codec.kind_name(kind)
        with self._lock:
            row = self._rows.get(id)
        if row is None or row.kind != name:
            raise NotFound(name, id)
        return self._codec.load_entity(kind, row.body, id)

    def load_all(
        self,
        kind: type[E],
        relationship_id: uuid.UUID,
        *,
        states: Sequence[str] | None = None,
    ) -> list[E]:
        """Return the relationship's objects of *kind*, in creation order, optionally by state."""
        name = self._codec.kind_name(kind)
        with self._lock:
            ids = [self._in_order[p] for p in self._of_kind.get((relationship_id, name), ())]
            return self._decoded(kind, ids, states)

    def relationships_of(self, person: PersonId) -> list[Relationship]:
        """Return the relationships *person* is a partner in (any state), in creation order."""
        name = self._codec.kind_name(Relationship)
        with self._lock:
            found_ids = self._valued.get((name, PARTNER_KEY, person), ())
            positions = sorted(self._position[i] for i in found_ids)
            rows = [(self._in_order[p], self._rows[self._in_order[p]].body) for p in positions]
        found = (self._codec.load_entity(Relationship, body, i) for i, body in rows)
        return [relationship for relationship in found if person in relationship.partners]

    def commit(self, change: Change) -> None:
        """Write the whole change atomically, or raise and write nothing."""
        prepared = [
            (
                saved.entity.id,
                saved.expected_version,
                Row(
                    kind=self._codec.kind_name(type(saved.entity)),
                    relationship_id=saved.entity.relationship_id,
                    version=saved.entity.version,
                    state=saved.entity.state.value,
                    due_at=saved.entity.due_at,
                    body=self._codec.dump_entity(saved.entity),
                    keys=index_keys(self.workflows, saved.entity),
                ),
            )
            for saved in change.saves
        ]
        events = [(e, self._codec.dump_event(e)) for e in change.events]
        notes = [(n.id, self._codec.dump_notification(n)) for n in change.notifications]
        with self._lock:
            for id, expected, row in prepared:
                current = self._rows.get(id)
                stored = 0 if current is None else current.version
                if stored != expected:
                    raise ConcurrencyConflict(row.kind, id, expected)
            if change.limit is not None:
                self._check_limit(change, change.limit)
            self._check_places(prepared)
            event_ids = [event.id for event, _text in events]
            if len(set(event_ids)) != len(event_ids) or self._event_ids.intersection(event_ids):
                raise StorageError(
                    "This change holds an event whose id is stored already. Nothing was saved."
                )
            for (id, _expected, row), saved in zip(prepared, change.saves, strict=True):
                self._index(id, row, relisted=saved.relisted)
            self._event_ids.update(event_ids)
            for event, text in events:
                index = len(self._events)
                self._events.append(text)
                self._events_by_subject[event.subject_id].append(index)
                if event.private_to is None:
                    self._shared_by_subject[event.subject_id].append(index)
                self._events_by_relationship[event.relationship_id].append(index)
                act = (event.at, index, event.TAG, event.new_item)
                bisect.insort(self._acts[event.relationship_id, event.actor], act)
            for note_id, text in notes:
                if note_id not in self._outbox:
                    self._outbox[note_id] = text
                    self._pending[note_id] = None

    def _check_places(self, prepared: list[tuple[uuid.UUID, int, Row]]) -> None:
        """Refuse a change that leaves two objects holding one place (under the lock).

        Each save in turn, as the SQL storages' unique index sees them: an object gives
        up its place before the next save takes one (`WorkflowSpec.one_at_a_time`).
        """
        taken: dict[tuple[uuid.UUID, str, str], uuid.UUID | None] = {}
        for id, expected, row in prepared:
            old = self._rows.get(id)
            if old is not None and (was := place_of(old.keys)) is not None:
                taken.setdefault((row.relationship_id, row.kind, was), None)
            place = place_of(row.keys)
            if place is None:
                continue
            spot = (row.relationship_id, row.kind, place)
            holders = taken[spot] if spot in taken else self._holder(spot, but=id)
            if holders not in (None, id):
                raise ConcurrencyConflict(row.kind, id, expected, one_at_a_time=True)
            taken[spot] = id

    def _holder(self, spot: tuple[uuid.UUID, str, str], *, but: uuid.UUID) -> uuid.UUID | None:
        """Return the stored object holding *spot* (relationship, kind, place), *but* aside."""
        relationship_id, kind, place = spot
        found = self._keyed.get((relationship_id, kind, ONE_AT_A_TIME, place), set()) - {but}
        return next(iter(found), None)

    def _index(self, id: uuid.UUID, row: Row, *, relisted: bool = False) -> None:
        """Store *row* and bring the indexes up to date (under the lock).

        A *relisted* object leaves its place in the lists for one after every other.
        """
        old = self._rows.get(id)
        if old is not None and relisted:
            position = self._position[id]
            of_kind = self._of_kind[row.relationship_id, row.kind]
            del of_kind[bisect.bisect_left(of_kind, position)]
            before = self._in_state[row.relationship_id, row.kind, old.state]
            del before[bisect.bisect_left(before, position)]
            for key, value in old.keys:
                self._keyed[row.relationship_id, row.kind, key, value].discard(id)
                self._valued[row.kind, key, value].discard(id)
            old = None
        if old is None:
            position = self._position[id] = len(self._in_order)
            self._in_order.append(id)
            self._of_kind[row.relationship_id, row.kind].append(position)
        else:
            position = self._position[id]
            for key, value in old.keys:
                self._keyed[row.relationship_id, row.kind, key, value].discard(id)
                self._valued[row.kind, key, value].discard(id)
        if old is None or old.state != row.state:
            if old is not None:
                before = self._in_state[row.relationship_id, row.kind, old.state]
                del before[bisect.bisect_left(before, position)]
            bisect.insort(self._in_state[row.relationship_id, row.kind, row.state], position)
        for key, value in row.keys:
            self._keyed[row.relationship_id, row.kind, key, value].add(id)
            self._valued[row.kind, key, value].add(id)
        if row.due_at is None:
            self._scheduled[row.relationship_id].discard(id)
        else:
            self._scheduled[row.relationship_id].add(id)
        self._rows[id] = row

    def events(self, subject_id: uuid.UUID) -> list[DomainEvent]:
        """Return one object's events in the order they happened."""
        with self._lock:
            texts = [self._events[i] for i in self._events_by_subject.get(subject_id, ())]
        return [self._codec.load_event(t) for t in texts]

    def edge_events(self, subject_id: uuid.UUID, *, last: int = 1) -> list[DomainEvent]:
        """Return one object's first and *last* last events private to nobody, in order, once."""
        with self._lock:
            found = self._shared_by_subject.get(subject_id, [])
            picked = sorted({*found[:1], *found[max(len(found) - max(last, 0), 0) :]})
            texts = [self._events[i] for i in picked]
        return [self._codec.load_event(t) for t in texts]

    def relationship_events(self, relationship_id: uuid.UUID) -> list[DomainEvent]:
        """Return all events of a relationship in the order they were committed."""
        with self._lock:
            texts = [self._events[i] for i in self._events_by_relationship.get(relationship_id, ())]
        return [self._codec.load_event(t) for t in texts]

    def due(self, now: datetime, *, limit: int = 100) -> list[StoredObject]:
        """Return up to *limit* objects whose `due_at` is at or before *now*, earliest first."""
        limit = check_limit(limit)
        now = check_instant(now, "now")
        with self._lock:
            due = sorted(
                (
                    (row.due_at, id, row.kind, row.body)
                    for id, row in self._rows.items()
                    if row.due_at is not None and row.due_at <= now
                ),
                key=lambda item: item[0],
            )
        return readable(
            (
                (id, functools.partial(self._codec.load_kind, kind, body, id))
                for _, id, kind, body in due
            ),
            limit,
        )

    def next_due(self) -> datetime | None:
        """Return the earliest ``due_at`` stored, or None."""
        with self._lock:
            return min(
                (r.due_at for r in self._rows.values() if r.due_at is not None), default=None
            )

    def claim_due(self, now: datetime, *, limit: int = 100) -> list[StoredObject]:
        """Return what `due` returns: one writer has nobody to share the work with."""
        return self.due(now, limit=limit)

    def pending_notifications(
        self, *, limit: int = 100, due_by: datetime | None = None
    ) -> list[Notification]:
        """Return up to *limit* notifications not yet delivered nor parked, oldest first.

        With *due_by*, only those whose next attempt is due by then.
        """
        limit = check_limit(limit)
        with self._lock:
            texts = [
                (i, self._outbox[i])
                for i in self._pending
                if due_by is None or i not in self._next_attempt or self._next_attempt[i] <= due_by
            ]
        return readable(
            ((i, functools.partial(self._codec.load_notification, text, i)) for i, text in texts),
            limit,
        )

    def parked_notifications(self, *, limit: int = 100) -> list[Notification]:
        """Return up to *limit* parked notifications, oldest first."""
        limit = check_limit(limit)
        with self._lock:
            texts = [(i, text) for i, text in self._outbox.items() if i in self._parked][:limit]
        return [self._codec.load_notification(text, i) for i, text in texts]

    def release(self, notification_ids: Sequence[uuid.UUID]) -> None:
        """Nothing to hand back: this storage claims nothing."""

    def discard_notifications(self, notification_ids: Sequence[uuid.UUID]) -> None:
        """Take undelivered notifications out of the outbox for good."""
        with self._lock:
            for note_id in notification_ids:
                if note_id in self._pending or note_id in self._parked:
                    self._pending.pop(note_id, None)
                    self._parked.discard(note_id)
                    self._attempts.pop(note_id, None)
                    self._next_attempt.pop(note_id, None)
                    self._outbox.pop(note_id, None)

    def mark_delivered(self, notification_ids: Sequence[uuid.UUID], at: datetime) -> None:  # noqa: ARG002 - memory keeps no delivery times
        """Record that these notifications reached the notifier."""
        with self._lock:
            for note_id in notification_ids:
                self._pending.pop(note_id, None)
                self._parked.discard(note_id)
                self._attempts.pop(note_id, None)
                self._next_attempt.pop(note_id, None)

    def record_failed_attempts(
        self, notification_ids: Sequence[uuid.UUID], at: datetime, policy: DeliveryPolicy
    ) -> None:
        """Count one failed attempt each; schedule the next by *policy*, or park them."""
        with self._lock:
            for note_id in notification_ids:
                if note_id not in self._pending:
                    continue
                attempts = self._attempts.get(note_id, 0) + 1
                self._attempts[note_id] = attempts
                retry_at = policy.next_attempt(attempts, at)
                if retry_at is None:
                    del self._pending[note_id]
                    self._next_attempt.pop(note_id, None)
                    self._parked.add(note_id)
                else:
                    self._next_attempt[note_id] = retry_at

    def requeue(self, notification_ids: Sequence[uuid.UUID], at: datetime) -> None:  # noqa: ARG002 - a requeued one is due at once
        """Queue parked notifications again, with their attempts counted from zero."""
        with self._lock:
            for note_id in notification_ids:
                if note_id in self._parked:
                    self._parked.discard(note_id)
                    self._attempts.pop(note_id, None)
                    self._pending[note_id] = None
            # Keep the pending queue in the order the notifications were stored.
            order = {i: n for n, i in enumerate(self._outbox)}
            self._pending = dict.fromkeys(sorted(self._pending, key=order.__getitem__))

    def close(self) -> None:
        """Nothing to release."""
