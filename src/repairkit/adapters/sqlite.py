"""SQLite storage, the embedded default: one file, WAL, standard library only.

Durability: ``journal_mode=WAL`` with ``synchronous=FULL``, so a command that
returned is on disk even after a power cut ("nothing acknowledged is ever
lost"). Writes take the write lock up front (``BEGIN IMMEDIATE``) and wait up
to ``busy_timeout`` for another writer, so two processes on one file queue
rather than fail; the version check in the ``UPDATE`` makes a stale write a
`ConcurrencyConflict` that writes nothing.
"""

from __future__ import annotations

import sqlite3
import threading
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Final

from repairkit.adapters._codec import codec_for
from repairkit.adapters._identity import IdentityMap, clone
from repairkit.adapters._sqlite_schema import SCHEMA, SCHEMA_VERSION, migrate
from repairkit.core.events import DomainEvent
from repairkit.core.notices import Notification
from repairkit.core.spec import Registry
from repairkit.core.values import check_instant
from repairkit.errors import ConcurrencyConflict, NotFound, StorageError
from repairkit.ports import Change, E, StoredObject
from repairkit.registry import WORKFLOWS

__all__ = ["PRAGMAS", "SCHEMA", "SCHEMA_VERSION", "SQLiteStorage"]

PRAGMAS: Final = (
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
    "PRAGMA foreign_keys = ON",
    "PRAGMA busy_timeout = 10000",
)
"""Connection settings; the benchmark uses the very same ones for its raw baseline."""


def _iso(value: datetime | None) -> str | None:
    # UTC and a fixed width keep text order equal to time order.
    if value is None:
        return None
    return check_instant(value, "instant").isoformat(timespec="microseconds")


_DUPLICATE: Final = frozenset({"SQLITE_CONSTRAINT_UNIQUE", "SQLITE_CONSTRAINT_PRIMARYKEY"})


def _storage_error(doing: str, error: sqlite3.Error) -> StorageError:
    """Return repairkit's error for one of sqlite3's (raise it ``from`` the original)."""
    if isinstance(error, sqlite3.IntegrityError):
        if getattr(error, "sqlite_errorname", "") in _DUPLICATE:
            reason = "an id in it is stored already"
        else:
            name = getattr(error, "sqlite_errorname", "SQLITE_CONSTRAINT")
            reason = f"a database constraint refused it ({name})"
        return StorageError(f"SQLite could not {doing} this change: {reason}. Nothing was saved.")
    saved = " Nothing was saved." if doing == "save" else ""
    return StorageError(
        f"SQLite could not {doing} ({type(error).__name__}).{saved}"
        " The database may be busy or unavailable; trying again later may help."
    )


@contextmanager
def _storage_errors(doing: str) -> Iterator[None]:
    """Turn sqlite3's errors into repairkit's, keeping the original as the cause."""
    try:
        yield
    except sqlite3.Error as error:
        raise _storage_error(doing, error) from error


def _check_not_newer(path: str, found: int) -> None:
    if found > SCHEMA_VERSION:
        raise StorageError(
            f"{path!r} was written by a newer release of repairkit (schema {found}; this one"
            f" knows up to {SCHEMA_VERSION}); it was left as it is."
        )


class SQLiteStorage:
    """Stores everything in one SQLite file (created if missing), or ``":memory:"``.

    A file written by an earlier release is migrated when opened (see
    ``repairkit.adapters._sqlite_schema``); one written by a newer release is
    refused with `StorageError` and left as it is.

    Args:
        path: The file.
        workflows: The workflows it stores; those repairkit ships when omitted.
    """

    def __init__(self, path: str | Path, *, workflows: Registry = WORKFLOWS) -> None:
        self.path = str(path)
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
            with _storage_errors("open"):
                found = self._db.execute("PRAGMA user_version").fetchone()[0]
                _check_not_newer(self.path, found)
                for pragma in PRAGMAS:
                    self._db.execute(pragma)
            if found < SCHEMA_VERSION:
                with self._transaction() as db:
                    # Another process may have migrated it meanwhile: read it again.
                    found = db.execute("PRAGMA user_version").fetchone()[0]
                    if found < SCHEMA_VERSION:
                        migrate(db, found, datetime.now(UTC))
        except StorageError:
            self._db.close()
            raise

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """Run the block as one write transaction; on any failure nothing is written."""
        with self._lock, _storage_errors("save"):
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
                self._db.execute("COMMIT")
            except BaseException:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                raise

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        with self._lock, _storage_errors("read"):
            yield self._db

    def load(self, kind: type[E], id: uuid.UUID) -> E:
        """Return the stored object, or raise `NotFound`."""
        name = self._codec.kind_name(kind)
        with self._lock:
            try:
                row = self._db.execute(
                    "SELECT version, body FROM objects WHERE id = ? AND kind = ?", (str(id), name)
                ).fetchone()
            except sqlite3.Error as error:
                raise _storage_error("read", error) from error
        if row is None:
            raise NotFound(name, id)
        known = self._known.get(id)
        if known is not None and known[0] == row[0]:
            return clone(known[1])  # type: ignore[no-any-return]
        return self._codec.load_entity(kind, row[1])

    def load_all(
        self,
        kind: type[E],
        relationship_id: uuid.UUID,
        *,
        states: Sequence[str] | None = None,
    ) -> list[E]:
        """Return the relationship's objects of *kind*, in creation order, optionally by state."""
        sql = "SELECT body FROM objects WHERE relationship_id = ? AND kind = ?"
        params: list[str] = [str(relationship_id), self._codec.kind_name(kind)]
        if states is not None:
            sql += f" AND state IN ({', '.join('?' * len(states))})"
            params.extend(states)
        with self._reading() as db:
            rows = db.execute(sql + " ORDER BY rowid", params).fetchall()
        return [self._codec.load_entity(kind, body) for (body,) in rows]

    def commit(self, change: Change) -> None:
        """Write the whole change atomically, or raise and write nothing."""
        saves = [
            (
                saved.expected_version,
                self._codec.kind_name(type(saved.entity)),
                str(saved.entity.id),
                str(saved.entity.relationship_id),
                saved.entity.version,
                saved.entity.state.value,
                _iso(saved.entity.due_at),
                self._codec.dump_entity(saved.entity),
            )
            for saved in change.saves
        ]
        events = [
            (str(e.id), str(e.subject_id), str(e.relationship_id), self._codec.dump_event(e))
            for e in change.events
        ]
        notes = [(str(n.id), self._codec.dump_notification(n)) for n in change.notifications]
        # The transaction is spelled out (not `self._transaction()`): this is the hot path.
        with self._lock:
            db = self._db
            try:
                db.execute("BEGIN IMMEDIATE")
                try:
                    self._write(db, saves, events, notes)
                    db.execute("COMMIT")
                except BaseException:
                    if db.in_transaction:
                        db.execute("ROLLBACK")
                    raise
            except sqlite3.Error as error:
                raise _storage_error("save", error) from error
        self._known.remember(change)

    @staticmethod
    def _write(
        db: sqlite3.Connection,
        saves: list[tuple[int, str, str, str, int, str, str | None, str]],
        events: list[tuple[str, str, str, str]],
        notes: list[tuple[str, str]],
    ) -> None:
        insert_event = (
            "INSERT INTO events (id, subject_id, relationship_id, body) VALUES (?, ?, ?, ?)"
        )
        for expected, kind, id, relationship_id, version, state, due_at, body in saves:
            if expected == 0:
                inserted = db.execute(
                    "INSERT OR IGNORE INTO objects"
                    " (id, kind, relationship_id, version, state, due_at, body)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (id, kind, relationship_id, version, state, due_at, body),
                )
                written = inserted.rowcount
            else:
                updated = db.execute(
                    "UPDATE objects SET version = ?, state = ?, due_at = ?, body = ?"
                    " WHERE id = ? AND kind = ? AND version = ?",
                    (version, state, due_at, body, id, kind, expected),
                )
                written = updated.rowcount
            if written != 1:
                raise ConcurrencyConflict(kind, uuid.UUID(id), expected)
        if len(events) == 1:  # the usual case: one command, one event
            db.execute(insert_event, events[0])
        elif events:
            db.executemany(insert_event, events)
        if notes:
            db.executemany("INSERT OR IGNORE INTO outbox (id, body) VALUES (?, ?)", notes)

    def events(self, subject_id: uuid.UUID) -> list[DomainEvent]:
        """Return one object's events in the order they happened."""
        with self._reading() as db:
            rows = db.execute(
                "SELECT body FROM events WHERE subject_id = ? ORDER BY seq", (str(subject_id),)
            ).fetchall()
        return [self._codec.load_event(body) for (body,) in rows]

    def relationship_events(self, relationship_id: uuid.UUID) -> list[DomainEvent]:
        """Return all events of a relationship in the order they were committed."""
        with self._reading() as db:
            rows = db.execute(
                "SELECT body FROM events WHERE relationship_id = ? ORDER BY seq",
                (str(relationship_id),),
            ).fetchall()
        return [self._codec.load_event(body) for (body,) in rows]

    def due(self, now: datetime, *, limit: int = 100) -> list[StoredObject]:
        """Return up to *limit* objects whose `due_at` is at or before *now*, earliest first."""
        with self._reading() as db:
            rows = db.execute(
                "SELECT kind, body FROM objects WHERE due_at IS NOT NULL AND due_at <= ?"
                " ORDER BY due_at LIMIT ?",
                (_iso(now), limit),
            ).fetchall()
        return [self._codec.load_kind(kind, body) for kind, body in rows]

    def pending_notifications(self, *, limit: int = 100) -> list[Notification]:
        """Return up to *limit* notifications not yet delivered, oldest first."""
        with self._reading() as db:
            rows = db.execute(
                "SELECT body FROM outbox WHERE delivered_at IS NULL ORDER BY seq LIMIT ?",
                (limit,),
            ).fetchall()
        return [self._codec.load_notification(body) for (body,) in rows]

    def mark_delivered(self, notification_ids: Sequence[uuid.UUID], at: datetime) -> None:
        """Record that these notifications reached the notifier."""
        with self._transaction() as db:
            db.executemany(
                "UPDATE outbox SET delivered_at = ? WHERE id = ? AND delivered_at IS NULL",
                [(_iso(at), str(i)) for i in notification_ids],
            )

    def close(self) -> None:
        """Close the connection."""
        with self._lock:
            self._db.close()
