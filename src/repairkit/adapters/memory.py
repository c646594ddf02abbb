"""In-memory storage: for tests, demos and apps that keep nothing between runs.

It keeps serialized copies, exactly as a database would, so an object returned
by a command can be changed by the caller without changing what is stored.
"""

from __future__ import annotations

import threading
import uuid
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime

import attrs

from repairkit.adapters._codec import codec_for
from repairkit.core.events import DomainEvent
from repairkit.core.notices import Notification
from repairkit.core.spec import Registry
from repairkit.core.values import check_instant
from repairkit.errors import ConcurrencyConflict, NotFound, StorageError
from repairkit.ports import Change, E, StoredObject
from repairkit.registry import WORKFLOWS

__all__ = ["MemoryStorage"]


@attrs.define
class _Row:
    kind: str
    relationship_id: uuid.UUID
    version: int
    state: str
    due_at: datetime | None
    body: str


class MemoryStorage:
    """Keeps everything in this process's memory; thread-safe."""

    def __init__(self, *, workflows: Registry = WORKFLOWS) -> None:
        self.workflows = workflows
        self._codec = codec_for(workflows)
        self._lock = threading.Lock()
        self._rows: dict[uuid.UUID, _Row] = {}
        self._by_relationship: defaultdict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
        self._events: list[str] = []
        self._event_ids: set[uuid.UUID] = set()
        self._events_by_subject: defaultdict[uuid.UUID, list[int]] = defaultdict(list)
        self._events_by_relationship: defaultdict[uuid.UUID, list[int]] = defaultdict(list)
        self._outbox: dict[uuid.UUID, str] = {}
        self._pending: dict[uuid.UUID, None] = {}

    def load(self, kind: type[E], id: uuid.UUID) -> E:
        """Return the stored object, or raise `NotFound`."""
        name = self._codec.kind_name(kind)
        with self._lock:
            row = self._rows.get(id)
        if row is None or row.kind != name:
            raise NotFound(name, id)
        return self._codec.load_entity(kind, row.body)

    def load_all(
        self,
        kind: type[E],
        relationship_id: uuid.UUID,
        *,
        states: Sequence[str] | None = None,
    ) -> list[E]:
        """Return the relationship's objects of *kind*, in creation order, optionally by state."""
        name = self._codec.kind_name(kind)
        wanted = None if states is None else set(states)
        with self._lock:
            rows = [self._rows[i] for i in self._by_relationship.get(relationship_id, ())]
        return [
            self._codec.load_entity(kind, row.body)
            for row in rows
            if row.kind == name and (wanted is None or row.state in wanted)
        ]

    def commit(self, change: Change) -> None:
        """Write the whole change atomically, or raise and write nothing."""
        prepared = [
            (
                saved.entity.id,
                saved.expected_version,
                _Row(
                    kind=self._codec.kind_name(type(saved.entity)),
                    relationship_id=saved.entity.relationship_id,
                    version=saved.entity.version,
                    state=saved.entity.state.value,
                    due_at=saved.entity.due_at,
                    body=self._codec.dump_entity(saved.entity),
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
            event_ids = [event.id for event, _text in events]
            if len(set(event_ids)) != len(event_ids) or self._event_ids.intersection(event_ids):
                raise StorageError(
                    "This change holds an event whose id is stored already. Nothing was saved."
                )
            for id, _expected, row in prepared:
                if id not in self._rows:
                    self._by_relationship[row.relationship_id].append(id)
                self._rows[id] = row
            self._event_ids.update(event_ids)
            for event, text in events:
                index = len(self._events)
                self._events.append(text)
                self._events_by_subject[event.subject_id].append(index)
                self._events_by_relationship[event.relationship_id].append(index)
            for note_id, text in notes:
                if note_id not in self._outbox:
                    self._outbox[note_id] = text
                    self._pending[note_id] = None

    def events(self, subject_id: uuid.UUID) -> list[DomainEvent]:
        """Return one object's events in the order they happened."""
        with self._lock:
            texts = [self._events[i] for i in self._events_by_subject.get(subject_id, ())]
        return [self._codec.load_event(t) for t in texts]

    def relationship_events(self, relationship_id: uuid.UUID) -> list[DomainEvent]:
        """Return all events of a relationship in the order they were committed."""
        with self._lock:
            texts = [self._events[i] for i in self._events_by_relationship.get(relationship_id, ())]
        return [self._codec.load_event(t) for t in texts]

    def due(self, now: datetime, *, limit: int = 100) -> list[StoredObject]:
        """Return up to *limit* objects whose `due_at` is at or before *now*, earliest first."""
        now = check_instant(now, "now")
        with self._lock:
            due = sorted(
                (
                    (row.due_at, row.kind, row.body)
                    for row in self._rows.values()
                    if row.due_at is not None and row.due_at <= now
                ),
                key=lambda item: item[0],
            )
        return [self._codec.load_kind(kind, body) for _at, kind, body in due[:limit]]

    def pending_notifications(self, *, limit: int = 100) -> list[Notification]:
        """Return up to *limit* notifications not yet delivered, oldest first."""
        with self._lock:
            texts = [self._outbox[i] for i in list(self._pending)[:limit]]
        return [self._codec.load_notification(t) for t in texts]

    def mark_delivered(self, notification_ids: Sequence[uuid.UUID], at: datetime) -> None:  # noqa: ARG002 - memory keeps no delivery times
        """Record that these notifications reached the notifier."""
        with self._lock:
            for note_id in notification_ids:
                self._pending.pop(note_id, None)

    def close(self) -> None:
        """Nothing to release."""
