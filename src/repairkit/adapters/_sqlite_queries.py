"""The port's queries on SQLite, answered from indexed columns (mixed into `SQLiteStorage`).

Every query reads an index: ``object_keys`` (rewritten for an object on each
save, in the same transaction), ``objects_in_order`` for pages,
``objects_scheduled`` for what is due in one relationship, and
``events_by_actor`` for what one person recorded since a time. The keys'
values are digests (`repairkit.adapters._keys.digest`), never the text.
"""

from __future__ import annotations

import functools
import logging
import sqlite3
import threading
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import TYPE_CHECKING, NamedTuple

from repairkit.adapters._identity import IdentityMap, readable
from repairkit.adapters._keys import (
    ONE_AT_A_TIME,
    check_flag,
    check_key,
    check_tags,
    digest,
    index_keys,
    key_changes,
    readable_objects,
)
from repairkit.adapters._sqlite_errors import storage_errors
from repairkit.core.spec import Registry
from repairkit.core.values import PersonId, check_id, check_limit
from repairkit.errors import InvalidInput, NotFound
from repairkit.ports import E, Saved, StoredObject

if TYPE_CHECKING:
    from repairkit.adapters.codec import Codec

__all__ = ["RowWrite", "SQLiteQueries", "iso"]

log = logging.getLogger("repairkit")

KeyPairs = tuple[tuple[str, str], ...]
"""(key, digest of the value) pairs of one object."""


class RowWrite(NamedTuple):
    """The statement that writes one saved object, and the key rows to change."""

    kind: str
    id: str
    relationship_id: str
    expected: int
    """The version the save expects stored (0 for a new object)."""
    sql: str
    params: tuple[object, ...]
    removed: KeyPairs | None
    """The key rows to delete; None when the rows stored are not known (they are read)."""
    added: KeyPairs
    written: Written | None
    """What the row holds once written, for the identity map."""


class Written(NamedTuple):
    """What a save wrote of an object besides its body: its indexed columns and keys."""

    state: str
    due_at: str | None
    keys: tuple[tuple[str, str], ...]
    """(key, value) pairs, as `index_keys` returns them."""


_INSERT_KEY = (
    "INSERT INTO object_keys (relationship_id, kind, key, value, object_id)"
    " VALUES (?, ?, ?, ?, ?)"
    " ON CONFLICT (relationship_id, kind, key, value, object_id) DO NOTHING"
)
"""A key row, once: a place another object holds (``object_keys_one_at_a_time``) raises."""
_REBUILD_KEY = (
    "INSERT OR IGNORE INTO object_keys (relationship_id, kind, key, value, object_id)"
    " VALUES (?, ?, ?, ?, ?)"
)
"""A key row as a rebuild writes it: a place held already is left to its holder."""
_DELETE_KEY = (
    "DELETE FROM object_keys WHERE relationship_id = ? AND kind = ? AND key = ? AND value = ?"
    " AND object_id = ?"
)
_INSERT_OBJECT = (
    "INSERT OR IGNORE INTO objects (id, kind, relationship_id, version, state, due_at, body)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)"
)
_UPDATES = {
    (new_state, new_due): "UPDATE objects SET version = ?, body = ?"  # noqa: S608 - fixed text
    + (", state = ?" if new_state else "")
    + (", due_at = ?" if new_due else "")
    + " WHERE id = ? AND kind = ? AND version = ?"
    for new_state in (False, True)
    for new_due in (False, True)
}
"""The ``UPDATE`` of an object, setting ``state`` and ``due_at`` only where they changed."""


def iso(value: datetime | None) -> str | None:
    """Return *value* as fixed-width UTC text, so that text order is time order."""
    # A due time may lie a grace period past the latest instant repairkit accepts, so
    # only awareness is checked.
    if value is None:
        return None
    if value.tzinfo is not UTC:
        if value.tzinfo is None or value.utcoffset() is None:
            raise InvalidInput("instant", "needs a timezone-aware datetime.")
        value = value.astimezone(UTC)
    return value.isoformat(timespec="microseconds")


def _in(states: Sequence[str] | None, column: str = "state") -> tuple[str, list[str]]:
    if states is None:
        return "", []
    return f" AND {column} IN ({', '.join('?' * len(states))})", list(states)


class SQLiteQueries:
    """The queries of the `Storage` port that read SQLite's derived indexes."""

    workflows: Registry
    _codec: Codec
    _known: IdentityMap
    _lock: threading.RLock
    _db: sqlite3.Connection

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        with self._lock, storage_errors("read"):
            yield self._db

    def _entity(self, kind: type[E], id: str, version: int, body: str) -> E:
        """Decode one row, or copy what this storage saved at that very version."""
        known = self._known.copy_at(uuid.UUID(id), version)
        return self._codec.load_entity(kind, body, id) if known is None else known

    def load_keyed(
        self,
        kind: type[E],
        relationship_id: uuid.UUID,
        key: str,
        value: str,
        *,
        states: Sequence[str] | None = None,
    ) -> list[E]:
        """Return the relationship's objects of *kind* keyed (*key*, *value*), oldest first."""
        key, value = check_key(key, value)
        where, params = _in(states, "o.state")
        sql = (
            "SELECT o.id, o.version, o.body FROM object_keys k JOIN objects o ON o.id = k.object_id"
            " WHERE k.relationship_id = ? AND k.kind = ? AND k.key = ? AND k.value = ?"
        )
        sql += where + " ORDER BY o.rowid"
        name = self._codec.kind_name(kind)
        with self._reading() as db:
            rows = db.execute(
                sql, [str(relationship_id), name, key, digest(value), *params]
            ).fetchall()
        return [self._entity(kind, *row) for row in rows]

    def load_page(
        self,
        kind: type[E],
        relationship_id: uuid.UUID,
        *,
        states: Sequence[str] | None = None,
        after: uuid.UUID | None = None,
        limit: int = 100,
    ) -> list[E]:
        """Return up to *limit* of the relationship's *kind* after *after*, oldest first.

        Each state is read from its own range of ``objects_by_relationship`` (relationship,
        kind, state, rowid) and the ranges merged, so that no state's page is found by
        passing over the objects in other states.
        """
        limit = check_limit(limit)
        name = self._codec.kind_name(kind)
        with self._reading() as db:
            position = 0
            if after is not None:
                after = check_id(after, "after")
                found = db.execute(
                    "SELECT rowid FROM objects WHERE id = ? AND kind = ? AND relationship_id = ?",
                    (str(after), name, str(relationship_id)),
                ).fetchone()
                if found is None:
                    raise NotFound(name, after)
                position = found[0]
            sql = (
                "SELECT rowid, id, version, body FROM objects WHERE relationship_id = ?"
                " AND kind = ? AND rowid > ?"
            )
            params = [str(relationship_id), name, position]
            if states is None:
                rows = db.execute(sql + " ORDER BY rowid LIMIT ?", [*params, limit]).fetchall()
            else:
                sql += " AND state = ? ORDER BY rowid LIMIT ?"
                rows = sorted(
                    row
                    for state in dict.fromkeys(states)
                    for row in db.execute(sql, [*params, state, limit]).fetchall()
                )[:limit]
        return [self._entity(kind, *row[1:]) for row in rows]

    def load_scheduled(
        self,
        relationship_id: uuid.UUID,
        *,
        limit: int = 100,
        after: uuid.UUID | None = None,
    ) -> list[StoredObject]:
        """Return up to *limit* of the relationship's objects with a due time, earliest first."""
        limit = check_limit(limit)
        sql = "SELECT id, kind, body FROM objects WHERE relationship_id = ? AND due_at IS NOT NULL"
        params: tuple[str, ...] = (str(relationship_id),)
        if after is not None:
            after = check_id(after, "after")
            with self._reading() as db:
                found = db.execute(
                    "SELECT due_at, rowid FROM objects WHERE id = ? AND relationship_id = ?"
                    " AND due_at IS NOT NULL",
                    (str(after), str(relationship_id)),
                ).fetchone()
            if found is None:
                raise NotFound("scheduled object", after)
            sql += " AND (due_at > ? OR (due_at = ? AND rowid > ?))"
            params = (*params, found[0], found[0], found[1])
        return self._objects(sql + " ORDER BY due_at, rowid", params, limit)

    def _objects(self, sql: str, params: tuple[str | None, ...], limit: int) -> list[StoredObject]:
        """Return up to *limit* objects of any kind read by *sql* (id, kind, body).

        A row that cannot be read back is logged (kind and id) and passed over, so it
        never holds back the rows after it.
        """
        with self._reading() as db:
            rows = db.execute(sql, params)
            return readable(
                (
                    (id, functools.partial(self._codec.load_kind, kind, body, id))
                    for id, kind, body in rows
                ),
                limit,
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
        """Return how many events *actor* recorded in the relationship at or after *since*."""
        wanted = check_tags(tags)
        where, params = _in(wanted, "tag")
        if check_flag(new_items, "new_items"):
            where += " AND new_item = 1"
        with self._reading() as db:
            (count,) = db.execute(
                "SELECT count(*) FROM events WHERE relationship_id = ? AND actor = ?"  # noqa: S608 - placeholders only
                f" AND occurred_at >= ?{where}",
                [str(relationship_id), actor, iso(since), *params],
            ).fetchone()
        return int(count)

    # -- writing rows and the derived indexes ------------------------------------------------

    def _row_write(self, saved: Saved) -> RowWrite:
        """Plan the statements that write one saved object and its keys.

        When this storage wrote the object at the version the save expects, and still
        remembers what it wrote (`IdentityMap.written_at`), only what differs is
        written: ``state`` and ``due_at`` are set only if they changed (setting an
        indexed column rewrites its index pages even to the same value), and only the
        keys that changed are deleted or inserted. The version check in the ``UPDATE``
        guarantees that the row still holds what was written then, or the save writes
        nothing.
        """
        entity, expected = saved.entity, saved.expected_version
        id, relationship_id = str(entity.id), str(entity.relationship_id)
        kind = self._codec.kind_name(type(entity))
        state, due_at = entity.state.value, iso(entity.due_at)
        keys = index_keys(self.workflows, entity)
        body = self._codec.dump_entity(entity)
        written = Written(state, due_at, keys)
        if not expected:
            _, added = key_changes(None, keys)
            row = (id, kind, relationship_id, entity.version, state, due_at, body)
            return RowWrite(kind, id, relationship_id, 0, _INSERT_OBJECT, row, (), added, written)
        before: Written | None = self._known.written_at(entity.id, expected)
        removed, added = key_changes(None if before is None else before.keys, keys)
        new_state = before is None or before.state != state
        new_due = before is None or before.due_at != due_at
        params = (
            entity.version,
            body,
            *((state,) if new_state else ()),
            *((due_at,) if new_due else ()),
            id,
            kind,
            expected,
        )
        sql = _UPDATES[new_state, new_due]
        return RowWrite(kind, id, relationship_id, expected, sql, params, removed, added, written)

    @staticmethod
    def _write_keys(
        db: sqlite3.Connection,
        row: tuple[str, str, str],
        removed: KeyPairs | None,
        added: KeyPairs,
        *,
        rebuilding: bool = False,
    ) -> None:
        """Change the key rows of one object, inside the save's transaction.

        *row* names the object (relationship, kind, id). *removed* None means that the
        rows stored are not known: they are read, and only those that differ from
        *added* (then all the object's keys) are written, as most moves change no key.
        A place another object holds raises `sqlite3.IntegrityError` (the save is then
        refused), except while *rebuilding*: then it is left to its holder, and logged.
        """
        relationship_id, kind, id = row
        if removed is None:
            stored = set(
                db.execute("SELECT key, value FROM object_keys WHERE object_id = ?", (id,))
            )
            wanted = set(added)
            removed = tuple(pair for pair in stored if pair not in wanted)
            added = tuple(pair for pair in added if pair not in stored)
        for key, value in removed:
            db.execute(_DELETE_KEY, (relationship_id, kind, key, value, id))
        insert = _REBUILD_KEY if rebuilding else _INSERT_KEY
        for key, value in added:
            written = db.execute(insert, (relationship_id, kind, key, value, id)).rowcount
            if not written and key == ONE_AT_A_TIME:
                log.warning(
                    "stored %s %s shares its place with another; it is not indexed", kind, id
                )

    def _index_kinds(self, db: sqlite3.Connection) -> None:
        """Rebuild the derived indexes of every kind not yet indexed (inside a transaction).

        Run when schema 5 is reached and whenever the storage is opened with a workflow
        whose objects were stored without their keys. It decodes the rows with the
        current classes: see ``repairkit.adapters._sqlite_schema`` for why it may.
        """
        done = {kind for (kind,) in db.execute("SELECT kind FROM indexed_kinds")}
        for spec in self.workflows:
            if spec.name in done:
                continue
            rows = db.execute("SELECT id, body FROM objects WHERE kind = ?", (spec.name,))
            load = functools.partial(self._codec.load_entity, spec.entity)
            for id, obj in readable_objects(rows.fetchall(), load):
                _, added = key_changes(None, index_keys(self.workflows, obj))
                where = (str(obj.relationship_id), spec.name, id)
                self._write_keys(db, where, None, added, rebuilding=True)
            db.execute("INSERT INTO indexed_kinds (kind) VALUES (?)", (spec.name,))

    def _missing_kinds(self) -> bool:
        """Return whether a kind this storage knows has not been indexed yet."""
        with self._reading() as db:
            done = {kind for (kind,) in db.execute("SELECT kind FROM indexed_kinds")}
        return any(spec.name not in done for spec in self.workflows)
