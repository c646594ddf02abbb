"""What ``kit.erase`` and ``kit.export`` need of a storage: ``erase`` and ``notifications``.

Memory's and SQLite's are here, PostgreSQL's in ``_postgres_erase``.
Each is a base class of its storage, reaching the storage's own state by ``self``.
"""

from __future__ import annotations

import bisect
import sqlite3
import threading
import uuid
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Final

from repairkit.adapters._identity import IdentityMap
from repairkit.adapters._keys import index_keys
from repairkit.adapters._memory_queries import MemoryQueries, Row
from repairkit.adapters._sqlite_errors import storage_errors
from repairkit.adapters._sqlite_queries import RowWrite, SQLiteQueries
from repairkit.core.notices import Notification
from repairkit.core.spec import Registry
from repairkit.errors import ConcurrencyConflict
from repairkit.ports import Erasure

if TYPE_CHECKING:
    from repairkit.core.events import DomainEvent

__all__ = ["MemoryErasing", "SQLiteErasing"]

CHECKPOINT: Final = "PRAGMA wal_checkpoint(TRUNCATE)"
"""Run after an erasure: the write-ahead log, which holds the pages as they were, is
copied into the file and emptied, so no old page stays in the ``-wal`` file."""


class MemoryErasing(MemoryQueries):
    """Memory's erasure: the rows, key entries, events and notifications are dropped."""

    workflows: Registry
    _valued: defaultdict[tuple[str, str, str], set[uuid.UUID]]
    _events: list[str]
    _events_by_subject: defaultdict[uuid.UUID, list[int]]
    _shared_by_subject: defaultdict[uuid.UUID, list[int]]
    _events_by_relationship: defaultdict[uuid.UUID, list[int]]
    _outbox: dict[uuid.UUID, str]
    _pending: dict[uuid.UUID, None]
    _attempts: dict[uuid.UUID, int]
    _parked: set[uuid.UUID]

    if TYPE_CHECKING:

        def _index(self, id: uuid.UUID, row: Row, *, relisted: bool = False) -> None: ...

    def notifications(self, ids: Sequence[uuid.UUID]) -> list[Notification]:
        """Return the stored notifications among *ids*, delivered or not, in the order given."""
        with self._lock:
            texts = [(i, self._outbox[i]) for i in ids if i in self._outbox]
        return [self._codec.load_notification(text, i) for i, text in texts]

    def erase(self, erasure: Erasure) -> None:
        """Apply *erasure* at once, under the lock: what it drops is gone."""
        rows = [
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
            for saved in erasure.saves
        ]
        texts = {e.id: self._codec.dump_event(e) for e in erasure.events}
        with self._lock:
            for id, expected, row in rows:
                current = self._rows.get(id)
                if current is None or current.version != expected:
                    raise ConcurrencyConflict(row.kind, id, expected)
            for id, _, row in rows:
                self._index(id, row)
            for _kind, id in erasure.deletes:
                self._drop(id)
            for event in erasure.events:
                for index in self._indexes_of(event):
                    self._events[index] = texts[event.id]
            for event in erasure.dropped_events:
                for index in self._indexes_of(event):
                    self._drop_event(event, index)
            for note_id in erasure.dropped_notifications:
                self._outbox.pop(note_id, None)
                self._pending.pop(note_id, None)
                self._attempts.pop(note_id, None)
                self._parked.discard(note_id)
        self._codec.forget()  # decoded events (read above too) may hold what is erased

    def _indexes_of(self, event: DomainEvent) -> Iterator[int]:
        """Yield where *event* is kept (under the lock): among its subject's, by id."""
        for index in list(self._events_by_subject.get(event.subject_id, ())):
            if self._codec.load_event(self._events[index]).id == event.id:
                yield index

    def _drop_event(self, event: DomainEvent, index: int) -> None:
        """Forget the event kept at *index* (under the lock); its text is emptied."""
        for found in (
            self._events_by_subject[event.subject_id],
            self._shared_by_subject[event.subject_id],
            self._events_by_relationship[event.relationship_id],
        ):
            if index in found:
                found.remove(index)
        acts = self._acts[event.relationship_id, event.actor]
        self._acts[event.relationship_id, event.actor] = [a for a in acts if a[1] != index]
        self._events[index] = ""

    def _drop(self, id: uuid.UUID) -> None:
        """Forget the object *id* and its index entries (under the lock)."""
        row = self._rows.pop(id, None)
        if row is None:
            return
        position = self._position[id]
        for found in (
            self._of_kind[row.relationship_id, row.kind],
            self._in_state[row.relationship_id, row.kind, row.state],
        ):
            at = bisect.bisect_left(found, position)
            if at < len(found) and found[at] == position:
                del found[at]
        for key, value in row.keys:
            self._keyed[row.relationship_id, row.kind, key, value].discard(id)
            self._valued[row.kind, key, value].discard(id)
        self._scheduled[row.relationship_id].discard(id)


class SQLiteErasing(SQLiteQueries):
    """SQLite's erasure, in one transaction, the write-ahead log emptied after.

    ``secure_delete`` is on (`repairkit.adapters.sqlite.PRAGMAS`), so what is deleted
    or overwritten is zeroed in the file.
    """

    _lock: threading.RLock

    if TYPE_CHECKING:

        def _transaction(self) -> AbstractContextManager[sqlite3.Connection]: ...

        def _write(
            self,
            db: sqlite3.Connection,
            rows: list[RowWrite],
            events: list[tuple[str, str, str, str, str, str | None, str, int | None, str | None]],
            notes: list[tuple[str, str]],
        ) -> None: ...

    def notifications(self, ids: Sequence[uuid.UUID]) -> list[Notification]:
        """Return the stored notifications among *ids*, delivered or not, in the order given."""
        found: dict[str, str] = {}
        with self._reading() as db:
            for i in ids:  # each by the outbox's unique index on id
                row = db.execute("SELECT body FROM outbox WHERE id = ?", (str(i),)).fetchone()
                if row is not None:
                    found[str(i)] = row[0]
        return [self._codec.load_notification(found[str(i)], i) for i in ids if str(i) in found]

    def erase(self, erasure: Erasure) -> None:
        """Apply *erasure* in one transaction, then empty the write-ahead log."""
        self._known = IdentityMap()  # what it remembers may hold what is erased
        self._codec.forget()
        rows = [self._row_write(saved) for saved in erasure.saves]
        bodies = [(self._codec.dump_event(e), str(e.id)) for e in erasure.events]
        with self._transaction() as db:
            self._write(db, rows, [], [])
            for kind, id in erasure.deletes:
                db.execute("DELETE FROM object_keys WHERE object_id = ?", (str(id),))
                db.execute(
                    "DELETE FROM objects WHERE id = ? AND kind = ?",
                    (str(id), self._codec.kind_name(kind)),
                )
            db.executemany("UPDATE events SET body = ? WHERE id = ?", bodies)
            db.executemany(
                "DELETE FROM events WHERE id = ?", [(str(e.id),) for e in erasure.dropped_events]
            )
            db.executemany(
                "DELETE FROM outbox WHERE id = ?",
                [(str(i),) for i in erasure.dropped_notifications],
            )
        self._known = IdentityMap()
        self._codec.forget()  # and what another thread decoded meanwhile
        with self._lock, storage_errors("save"):
            self._db.execute(CHECKPOINT).fetchall()
