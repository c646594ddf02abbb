"""SQLite storage, the embedded default: one file, WAL, standard library only.

Durability: ``journal_mode=WAL`` with ``synchronous=FULL``, so a command that
returned is on disk even after a power cut ("nothing acknowledged is ever
lost"). Writes take the write lock up front (``BEGIN IMMEDIATE``) and wait up
to ``busy_timeout`` for another writer, so two processes on one file queue
rather than fail; the version check in the ``UPDATE`` makes a stale write a
`ConcurrencyConflict` that writes nothing.
"""

from __future__ import annotations

import functools
import os
import sqlite3
import threading
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Final

from repairkit.adapters._erasing import SQLiteErasing
from repairkit.adapters._identity import IdentityMap, clone, readable
from repairkit.adapters._keys import digest
from repairkit.adapters._sqlite_errors import storage_error, storage_errors
from repairkit.adapters._sqlite_queries import RowWrite, iso
from repairkit.adapters._sqlite_schema import SCHEMA, SCHEMA_VERSION, foreign, migrate
from repairkit.adapters.codec import codec_for
from repairkit.core.delivery import DeliveryPolicy
from repairkit.core.events import DomainEvent
from repairkit.core.notices import Notification
from repairkit.core.relationship import Relationship
from repairkit.core.spec import Registry
from repairkit.core.values import PersonId, check_limit, check_path
from repairkit.errors import ConcurrencyConflict, NotFound, StorageError
from repairkit.ports import Change, DayLimit, E, LimitReached, StoredObject
from repairkit.registry import WORKFLOWS

__all__ = ["PRAGMAS", "SCHEMA", "SCHEMA_VERSION", "SQLiteStorage"]

PRAGMAS: Final = (
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
    "PRAGMA foreign_keys = ON",
    "PRAGMA busy_timeout = 10000",
    "PRAGMA secure_delete = ON",
)
"""Connection settings; the benchmark uses the very same ones for its raw baseline.

``secure_delete`` overwrites deleted content with zeros, so that what ``kit.erase``
removes leaves nothing in the file (docs/your-data.md)."""

_RELIST: Final = "UPDATE objects SET rowid = (SELECT max(rowid) + 1 FROM objects) WHERE id = ?"
"""Place a shared draft after every object (`Saved.relisted`): the lists follow rowid."""
_INSERT_EVENT: Final = (
    "INSERT INTO events"
    " (id, subject_id, relationship_id, body, actor, occurred_at, tag, new_item, private_to)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_SHARED: Final = "SELECT id, body, seq FROM events WHERE subject_id = ? AND private_to IS NULL"
_EDGE_EVENTS: Final = (
    f"SELECT * FROM ({_SHARED} ORDER BY seq LIMIT 1)"  # noqa: S608 - fixed text
    f" UNION SELECT * FROM ({_SHARED} ORDER BY seq DESC LIMIT ?)"
    " ORDER BY 3"
)
"""An object's first and last events private to nobody: two ends of the partial index
``events_shared_by_subject``, never its middle (schema 11)."""
_INSERT_NOTE: Final = "INSERT OR IGNORE INTO outbox (id, body) VALUES (?, ?)"


class SQLiteStorage(SQLiteErasing):
    """Stores everything in one SQLite file (created if missing), or ``":memory:"``.

    It opens only a new or empty file, or one of its own: a file of another
    application (other tables, another ``application_id``) or of a newer release
    is refused with `StorageError` before anything is written, and left byte for
    byte as it was. A file written by an earlier release is migrated when opened
    (see ``repairkit.adapters._sqlite_schema``).

    Args:
        path: The file.
        workflows: The workflows it stores; those repairkit ships when omitted.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        workflows: Registry = WORKFLOWS,
    ) -> None:
        self.path = check_path(path)
        self.workflows = workflows
        self._codec = codec_for(workflows)
        self._known = IdentityMap()
        self._lock = threading.RLock()
        try:
            self._db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as error:
            raise StorageError(
                f"SQLite could not open {self.path!r} ({type(error).__name__}); please check"
                " that its folder exists and can be written to."
            ) from error
        try:
            with storage_errors("open"):
                found = self._check_ours()
                for pragma in PRAGMAS:
                    self._db.execute(pragma)
            if found < SCHEMA_VERSION:
                with self._transaction() as db:
                    # Another process may have migrated it meanwhile: read it again.
                    found = db.execute("PRAGMA user_version").fetchone()[0]
                    if found < SCHEMA_VERSION:
                        migrate(db, found, datetime.now(UTC))
                        self._index_kinds(db)
            if self._missing_kinds():
                with self._transaction() as db:
                    self._index_kinds(db)
        except StorageError:
            self._db.close()
            raise

    def _check_ours(self) -> int:
        """Return the file's schema version; refuse a file that is neither new nor ours."""
        found: int = self._db.execute("PRAGMA user_version").fetchone()[0]
        application_id = self._db.execute("PRAGMA application_id").fetchone()[0]
        tables = {
            name
            for (name,) in self._db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        why = foreign(found, application_id, tables)
        if why is not None:
            msg = f"SQLite storage refused to open the file: {why}. It was left as it is."
            raise StorageError(msg)
        return found

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """Run the block as one write transaction; on any failure nothing is written."""
        with self._lock, storage_errors("save"):
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
                self._db.execute("COMMIT")
            except BaseException:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                raise

    def load(self, kind: type[E], id: uuid.UUID) -> E:
        """Return the stored object, or raise `NotFound`."""
        name = self._codec.kind_name(kind)
        with self._lock:
            try:
                row = self._db.execute(
                    "SELECT version, body FROM objects WHERE id = ? AND kind = ?", (str(id), name)
                ).fetchone()
            except sqlite3.Error as error:
                raise storage_error("read", error) from error
        if row is None:
            raise NotFound(name, id)
        known = self._known.get(id)
        if known is not None and known[0] == row[0]:
            return clone(known[1])  # type: ignore[no-any-return]
        return self._known.keep(id, row[0], self._codec.load_entity(kind, row[1], id))

    def load_all(
        self,
        kind: type[E],
        relationship_id: uuid.UUID,
        *,
        states: Sequence[str] | None = None,
    ) -> list[E]:
        """Return the relationship's objects of *kind*, in creation order, optionally by state."""
        sql = "SELECT id, body FROM objects WHERE relationship_id = ? AND kind = ?"
        params: list[str] = [str(relationship_id), self._codec.kind_name(kind)]
        if states is not None:
            sql += f" AND state IN ({', '.join('?' * len(states))})"
            params.extend(states)
        with self._reading() as db:
            rows = db.execute(sql + " ORDER BY rowid", params).fetchall()
        return [self._codec.load_entity(kind, body, id) for id, body in rows]

    def relationships_of(self, person: PersonId) -> list[Relationship]:
        """Return the relationships *person* is a partner in (any state), in creation order."""
        with self._reading() as db:  # one range of the key rows by value, across couples
            rows = db.execute(
                "SELECT o.id, o.body FROM object_keys AS k JOIN objects AS o ON o.id = k.object_id"
                " WHERE k.kind = ? AND k.key = 'partner' AND k.value = ? ORDER BY o.rowid",
                (self._codec.kind_name(Relationship), digest(str(person))),
            ).fetchall()
        found = (self._codec.load_entity(Relationship, body, id) for id, body in rows)
        return [relationship for relationship in found if person in relationship.partners]

    def commit(self, change: Change) -> None:
        """Write the whole change atomically, or raise and write nothing."""
        rows = [self._row_write(saved) for saved in change.saves]
        events = [
            (
                str(e.id),
                str(e.subject_id),
                str(e.relationship_id),
                self._codec.dump_event(e),
                e.actor,
                iso(e.at),
                e.TAG,
                1 if e.new_item else None,
                e.private_to,
            )
            for e in change.events
        ]
        notes = [(str(n.id), self._codec.dump_notification(n)) for n in change.notifications]
        relisted = [(str(s.entity.id),) for s in change.saves if s.relisted]
        # The transaction is spelled out (not `self._transaction()`): this is the hot path.
        with self._lock:
            db = self._db
            try:
                db.execute("BEGIN IMMEDIATE")
                try:
                    if change.limit is not None:  # counted after BEGIN IMMEDIATE: serialised
                        _check_limit(db, change, change.limit)
                    self._write(db, rows, events, notes)
                    if relisted:  # shared now: listed after every object stored so far
                        db.executemany(_RELIST, relisted)
                    db.execute("COMMIT")
                except BaseException:
                    if db.in_transaction:
                        db.execute("ROLLBACK")
                    raise
            except sqlite3.Error as error:
                raise storage_error("save", error) from error
        self._known.remember(change, [row.written for row in rows])

    def _write(
        self,
        db: sqlite3.Connection,
        rows: list[RowWrite],
        events: list[tuple[str, str, str, str, str, str | None, str, int | None, str | None]],
        notes: list[tuple[str, str]],
    ) -> None:
        for row in rows:
            if db.execute(row.sql, row.params).rowcount != 1:
                raise ConcurrencyConflict(row.kind, uuid.UUID(row.id), row.expected)
            try:
                self._write_keys(
                    db, (row.relationship_id, row.kind, row.id), row.removed, row.added
                )
            except sqlite3.IntegrityError:  # another object holds the place (the unique index)
                raise ConcurrencyConflict(
                    row.kind, uuid.UUID(row.id), row.expected, one_at_a_time=True
                ) from None
        if len(events) == 1:  # the usual case: one command, one event
            db.execute(_INSERT_EVENT, events[0])
        elif events:
            db.executemany(_INSERT_EVENT, events)
        if notes:
            db.executemany(_INSERT_NOTE, notes)

    def events(self, subject_id: uuid.UUID) -> list[DomainEvent]:
        """Return one object's events in the order they happened."""
        with self._reading() as db:
            rows = db.execute(
                "SELECT id, body FROM events WHERE subject_id = ? ORDER BY seq", (str(subject_id),)
            ).fetchall()
        return [self._codec.load_event(body, id) for id, body in rows]

    def edge_events(self, subject_id: uuid.UUID, *, last: int = 1) -> list[DomainEvent]:
        """Return one object's first and *last* last events private to nobody (two index ends)."""
        with self._reading() as db:
            rows = db.execute(_EDGE_EVENTS, (str(subject_id), str(subject_id), max(last, 0)))
            found = rows.fetchall()
        return [self._codec.load_event(body, id) for id, body, _ in found]

    def relationship_events(self, relationship_id: uuid.UUID) -> list[DomainEvent]:
        """Return all events of a relationship in the order they were committed."""
        with self._reading() as db:
            rows = db.execute(
                "SELECT id, body FROM events WHERE relationship_id = ? ORDER BY seq",
                (str(relationship_id),),
            ).fetchall()
        return [self._codec.load_event(body, id) for id, body in rows]

    def due(self, now: datetime, *, limit: int = 100) -> list[StoredObject]:
        """Return up to *limit* objects whose `due_at` is at or before *now*, earliest first.

        A row that cannot be read back is logged (kind and id) and passed over, so it
        never holds back the objects due after it.
        """
        return self._objects(
            "SELECT id, kind, body FROM objects WHERE due_at IS NOT NULL AND due_at <= ?"
            " ORDER BY due_at",
            (iso(now),),
            check_limit(limit),
        )

    def next_due(self) -> datetime | None:
        """Return the earliest ``due_at`` stored, or None (read from the due-at index)."""
        with self._reading() as db:
            (first,) = db.execute(
                "SELECT min(due_at) FROM objects WHERE due_at IS NOT NULL"
            ).fetchone()
        return None if first is None else datetime.fromisoformat(first)

    def claim_due(self, now: datetime, *, limit: int = 100) -> list[StoredObject]:
        """Return what `due` returns: one writer has nobody to share the work with."""
        return self.due(now, limit=limit)

    def pending_notifications(
        self, *, limit: int = 100, due_by: datetime | None = None
    ) -> list[Notification]:
        """Return up to *limit* notifications not yet delivered nor parked, oldest first.

        With *due_by*, only those whose next attempt is due by then. A row that cannot
        be read back is logged and passed over.
        """
        limit = check_limit(limit)
        sql = "SELECT id, body FROM outbox WHERE delivered_at IS NULL AND parked_at IS NULL"
        params: tuple[str, ...] = ()
        if due_by is not None:
            sql += " AND (next_attempt_at IS NULL OR next_attempt_at <= ?)"
            params = (iso(due_by) or "",)
        with self._reading() as db:
            rows = db.execute(sql + " ORDER BY seq", params)
            return readable(
                (
                    (id, functools.partial(self._codec.load_notification, body, id))
                    for id, body in rows
                ),
                limit,
            )

    def parked_notifications(self, *, limit: int = 100) -> list[Notification]:
        """Return up to *limit* parked notifications, oldest first."""
        limit = check_limit(limit)
        with self._reading() as db:
            rows = db.execute(
                "SELECT id, body FROM outbox WHERE delivered_at IS NULL AND parked_at IS NOT NULL"
                " ORDER BY seq LIMIT ?",
                (limit,),
            ).fetchall()
        return [self._codec.load_notification(body, id) for id, body in rows]

    def release(self, notification_ids: Sequence[uuid.UUID]) -> None:
        """Nothing to hand back: this storage claims nothing."""

    def discard_notifications(self, notification_ids: Sequence[uuid.UUID]) -> None:
        """Take undelivered notifications out of the outbox for good."""
        with self._transaction() as db:
            db.executemany(
                "DELETE FROM outbox WHERE id = ? AND delivered_at IS NULL",
                [(str(i),) for i in notification_ids],
            )

    def mark_delivered(self, notification_ids: Sequence[uuid.UUID], at: datetime) -> None:
        """Record that these notifications reached the notifier."""
        with self._transaction() as db:
            db.executemany(
                "UPDATE outbox SET delivered_at = ? WHERE id = ? AND delivered_at IS NULL",
                [(iso(at), str(i)) for i in notification_ids],
            )

    def record_failed_attempts(
        self, notification_ids: Sequence[uuid.UUID], at: datetime, policy: DeliveryPolicy
    ) -> None:
        """Count one failed attempt each; schedule the next by *policy*, or park them."""
        with self._transaction() as db:
            for note_id in notification_ids:
                row = db.execute(
                    "SELECT attempts FROM outbox"
                    " WHERE id = ? AND delivered_at IS NULL AND parked_at IS NULL",
                    (str(note_id),),
                ).fetchone()
                if row is None:
                    continue
                attempts = row[0] + 1
                retry_at = policy.next_attempt(attempts, at)
                db.execute(
                    "UPDATE outbox SET attempts = ?, next_attempt_at = ?, parked_at = ?"
                    " WHERE id = ?",
                    (
                        attempts,
                        iso(retry_at),
                        iso(at) if retry_at is None else None,
                        str(note_id),
                    ),
                )

    def requeue(self, notification_ids: Sequence[uuid.UUID], at: datetime) -> None:  # noqa: ARG002 - a requeued one is due at once
        """Queue parked notifications again, with their attempts counted from zero."""
        with self._transaction() as db:
            db.executemany(
                "UPDATE outbox SET attempts = 0, next_attempt_at = NULL, parked_at = NULL"
                " WHERE id = ? AND delivered_at IS NULL AND parked_at IS NOT NULL",
                [(str(i),) for i in notification_ids],
            )

    def close(self) -> None:
        """Close the connection."""
        with self._lock:
            self._db.close()


def _check_limit(db: sqlite3.Connection, change: Change, limit: DayLimit) -> None:
    """Raise `LimitReached` if the change's new items would pass *limit* (in its transaction)."""
    for (relationship_id, actor), adding in change.new_items().items():
        (held,) = db.execute(
            "SELECT count(*) FROM events WHERE relationship_id = ? AND actor = ?"
            " AND occurred_at >= ? AND new_item = 1",
            (str(relationship_id), actor, iso(limit.since)),
        ).fetchone()
        if held + adding > limit.most:
            raise LimitReached
