"""The port's queries on PostgreSQL, answered from indexes (mixed into `PostgresStorage`).

The same indexes as SQLite's (``repairkit.adapters._sqlite_queries``):
``object_keys`` rewritten for an object on each save in the same transaction,
``objects_in_order``, ``objects_scheduled`` and ``events_by_actor``; and the reads of
events (by subject, both ends of a subject, by relationship).
"""

from __future__ import annotations

import functools
import logging
import uuid
from collections.abc import Sequence
from contextlib import AbstractContextManager
from datetime import datetime
from typing import TYPE_CHECKING, Any

from repairkit.adapters._identity import IdentityMap, readable
from repairkit.adapters._keys import (
    ONE_AT_A_TIME,
    check_flag,
    check_key,
    check_tags,
    digest,
    keys_to_write,
    readable_objects,
)
from repairkit.adapters._places_step import PLACES_INDEX
from repairkit.core.events import DomainEvent
from repairkit.core.spec import Registry
from repairkit.core.values import PersonId, check_id, check_instant, check_limit
from repairkit.errors import ConcurrencyConflict, NotFound
from repairkit.ports import Change, E, LimitReached, StoredObject

if TYPE_CHECKING:
    from repairkit.adapters.codec import Codec

try:  # the `postgres` extra
    import psycopg
except ImportError:  # pragma: no cover - without the extra
    psycopg = None  # type: ignore[assignment]

__all__ = ["PostgresQueries", "query_statements"]

log = logging.getLogger("repairkit")


def query_statements(s: str) -> dict[str, str]:
    """The SQL of the queries and of writing the keys, for the schema *s* (checked)."""
    keyed = (
        f"SELECT o.id, o.version, o.body FROM {s}.object_keys k JOIN {s}.objects o"
        " ON o.id = k.object_id WHERE k.relationship_id = %s AND k.kind = %s AND k.key = %s"
        " AND k.value = %s"
    )
    page = f"SELECT seq, id, version, body FROM {s}.objects WHERE relationship_id = %s AND kind = %s AND seq > %s"
    count = f"SELECT count(*) FROM {s}.events WHERE relationship_id = %s AND actor = %s AND occurred_at >= %s"
    return {
        "keyed": keyed + " ORDER BY o.seq",
        "keyed_states": keyed + " AND o.state = ANY(%s) ORDER BY o.seq",
        "position": f"SELECT seq FROM {s}.objects WHERE id = %s AND kind = %s AND relationship_id = %s",
        "page": page + " ORDER BY seq LIMIT %s",
        "page_state": page + " AND state = %s ORDER BY seq LIMIT %s",
        "scheduled": f"SELECT id, kind, body FROM {s}.objects WHERE relationship_id = %s AND due_at IS NOT NULL ORDER BY due_at, seq LIMIT %s",
        "scheduled_after": f"SELECT id, kind, body FROM {s}.objects WHERE relationship_id = %s AND due_at IS NOT NULL AND (due_at, seq) > (%s, %s) ORDER BY due_at, seq LIMIT %s",
        "scheduled_at": f"SELECT due_at, seq FROM {s}.objects WHERE id = %s AND relationship_id = %s AND due_at IS NOT NULL",
        "count": count,
        "count_tags": count + " AND tag = ANY(%s)",
        "count_new": count + " AND new_item",
        "count_tags_new": count + " AND tag = ANY(%s) AND new_item",
        "drop_keys": f"DELETE FROM {s}.object_keys WHERE object_id = %s",
        "insert_key": f"INSERT INTO {s}.object_keys (relationship_id, kind, key, value, object_id) VALUES (%s, %s, %s, %s, %s) ON CONFLICT (relationship_id, kind, key, value, object_id) DO NOTHING",
        "rebuild_key": f"INSERT INTO {s}.object_keys (relationship_id, kind, key, value, object_id) VALUES (%s, %s, %s, %s, %s) ON CONFLICT DO NOTHING",
        "indexed_kinds": f"SELECT kind FROM {s}.indexed_kinds",
        "of_kind": f"SELECT id, body FROM {s}.objects WHERE kind = %s",
        "indexed": f"INSERT INTO {s}.indexed_kinds (kind) VALUES (%s)",
    }  # fmt: skip


class PostgresQueries:
    """The queries of the `Storage` port that read PostgreSQL's derived indexes."""

    workflows: Registry
    _codec: Codec
    _known: IdentityMap
    schema: str
    _sql: dict[str, str]

    if TYPE_CHECKING:

        def _connection(self, doing: str) -> AbstractContextManager[Any]: ...

    def _entity(self, kind: type[E], id: uuid.UUID, version: int, body: str) -> E:
        """Decode one row, or copy what this storage saved at that very version."""
        known = self._known.copy_at(id, version)
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
        params: list[Any] = [relationship_id, self._codec.kind_name(kind), key, digest(value)]
        sql = self._sql["keyed"]
        if states is not None:
            sql = self._sql["keyed_states"]
            params.append(list(states))
        with self._connection("read") as conn:
            rows = conn.execute(sql, params).fetchall()
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

        Each state is read from its own range of ``objects_by_relationship`` and the
        ranges merged, so no page is found by passing over objects in other states.
        """
        limit = check_limit(limit)
        name = self._codec.kind_name(kind)
        with self._connection("read") as conn:
            position = 0
            if after is not None:
                after = check_id(after, "after")
                found = conn.execute(
                    self._sql["position"], (after, name, relationship_id)
                ).fetchone()
                if found is None:
                    raise NotFound(name, after)
                position = found[0]
            if states is None:
                rows = conn.execute(
                    self._sql["page"], (relationship_id, name, position, limit)
                ).fetchall()
            else:
                rows = sorted(
                    row
                    for state in dict.fromkeys(states)
                    for row in conn.execute(
                        self._sql["page_state"], (relationship_id, name, position, state, limit)
                    ).fetchall()
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
        with self._connection("read") as conn:
            if after is None:
                rows = conn.execute(self._sql["scheduled"], (relationship_id, limit)).fetchall()
            else:
                after = check_id(after, "after")
                found = conn.execute(self._sql["scheduled_at"], (after, relationship_id)).fetchone()
                if found is None:
                    raise NotFound("scheduled object", after)
                rows = conn.execute(
                    self._sql["scheduled_after"], (relationship_id, *found, limit)
                ).fetchall()
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
        since = check_instant(since, "since")
        wanted = check_tags(tags)
        only = "_new" if check_flag(new_items, "new_items") else ""
        with self._connection("read") as conn:
            if wanted is None:
                row = conn.execute(
                    self._sql[f"count{only}"], (relationship_id, actor, since)
                ).fetchone()
            else:
                row = conn.execute(
                    self._sql[f"count_tags{only}"], (relationship_id, actor, since, list(wanted))
                ).fetchone()
        return int(row[0])

    def _check_limit(self, cur: Any, change: Change) -> None:  # noqa: ANN401 - a psycopg cursor
        """Raise `LimitReached` if the change's new items would pass its limit.

        Each sender's commits are serialised by a transaction-scoped advisory lock on
        (relationship, sender), so that the count is exact across servers.
        """
        assert change.limit is not None  # noqa: S101 - checked by the caller
        for (relationship_id, actor), adding in change.new_items().items():
            key = f"repairkit:{self.schema}:{relationship_id}:{actor}"
            cur.execute(self._sql["lock_sender"], (key,))
            cur.execute(self._sql["count_new"], (relationship_id, actor, change.limit.since))
            if cur.fetchone()[0] + adding > change.limit.most:
                raise LimitReached

    # -- writing the derived indexes -------------------------------------------------------

    def _key_rows(
        self, obj: StoredObject, expected_version: int = 0
    ) -> list[tuple[uuid.UUID, str, str, str, uuid.UUID]] | None:
        """The ``object_keys`` rows of *obj* as of this save; None if those stored are."""
        keys = keys_to_write(self.workflows, self._known, obj, expected_version)
        if keys is None:
            return None
        kind = self._codec.kind_name(type(obj))
        return [(obj.relationship_id, kind, key, value, obj.id) for key, value in keys]

    def _write_keys(
        self,
        cur: Any,  # noqa: ANN401 - a psycopg cursor
        id: uuid.UUID,
        rows: list[tuple[uuid.UUID, str, str, str, uuid.UUID]] | None,
        *,
        new: bool,
        rebuilding: bool = False,
    ) -> None:
        """Replace an object's keys with *rows*, unless None (inside the save's transaction).

        A place another object holds raises the driver's ``UniqueViolation`` (the save is
        then refused), except while *rebuilding*: then it is left to its holder, and logged.
        """
        if rows is None:
            return
        if not new:
            cur.execute(self._sql["drop_keys"], (id,))
        if rebuilding:
            for row in rows:
                cur.execute(self._sql["rebuild_key"], row)
                if not cur.rowcount and row[2] == ONE_AT_A_TIME:
                    log.warning(
                        "stored %s %s shares its place with another; it is not indexed", row[1], id
                    )
        elif rows:
            cur.executemany(self._sql["insert_key"], rows)

    def _save_keys(
        self,
        cur: Any,  # noqa: ANN401 - a psycopg cursor
        saved: tuple[str, uuid.UUID, int],
        keys: list[tuple[uuid.UUID, str, str, str, uuid.UUID]] | None,
    ) -> None:
        """Write the keys of the saved object (kind, id, expected version), in its commit.

        A place another object holds (the unique index `PLACES_INDEX`) refuses the
        change with `ConcurrencyConflict`, as every storage refuses it.
        """
        kind, id, expected = saved
        try:
            self._write_keys(cur, id, keys, new=expected == 0)
        except psycopg.errors.UniqueViolation as error:
            if error.diag.constraint_name != PLACES_INDEX:
                raise
            raise ConcurrencyConflict(kind, id, expected, one_at_a_time=True) from None

    def _index_kinds(self, conn: Any) -> None:  # noqa: ANN401 - a psycopg connection
        """Rebuild the derived indexes of every kind not yet indexed (inside a transaction).

        Run when schema 3 is reached and whenever the storage is opened with a workflow
        whose objects were stored without their keys; it decodes rows with the current
        classes (see ``repairkit.adapters._sqlite_schema`` for why it may).
        """
        done = {kind for (kind,) in conn.execute(self._sql["indexed_kinds"])}
        cur = conn.cursor()
        for spec in self.workflows:
            if spec.name in done:
                continue
            rows = conn.execute(self._sql["of_kind"], (spec.name,)).fetchall()
            load = functools.partial(self._codec.load_entity, spec.entity)
            for id, obj in readable_objects(rows, load):
                self._write_keys(cur, id, self._key_rows(obj), new=False, rebuilding=True)
            conn.execute(self._sql["indexed"], (spec.name,))

    # -- events ----------------------------------------------------------------------------

    def events(self, subject_id: uuid.UUID) -> list[DomainEvent]:
        """Return one object's events in the order they happened."""
        with self._connection("read") as conn:
            rows = conn.execute(self._sql["events"], (subject_id,)).fetchall()
        return [self._codec.load_event(body, id) for id, body in rows]

    def edge_events(self, subject_id: uuid.UUID, *, last: int = 1) -> list[DomainEvent]:
        """Return one object's first and *last* last events private to nobody (two index ends)."""
        with self._connection("read") as conn:
            rows = conn.execute(self._sql["edge_events"], (subject_id, subject_id, max(last, 0)))
            return [self._codec.load_event(body, id) for id, body, _ in rows.fetchall()]

    def relationship_events(self, relationship_id: uuid.UUID) -> list[DomainEvent]:
        """Return all events of a relationship in the order they were committed."""
        with self._connection("read") as conn:
            rows = conn.execute(self._sql["relationship_events"], (relationship_id,)).fetchall()
        return [self._codec.load_event(body, id) for id, body in rows]
