"""PostgreSQL storage, for apps that run several servers and workers on one database.

Needs the ``postgres`` extra (psycopg 3 and psycopg_pool). Each command is one
transaction at READ COMMITTED: the object row is updated only if it still holds
the version the command loaded (``UPDATE ... WHERE version = %s``), so a stale
write is a `ConcurrencyConflict` that writes nothing, and the events and outbox
rows go in the same transaction. SERIALIZABLE would add retries and buy nothing
here: a command reads and writes one row, and the version check already makes
it a compare-and-set.

Due objects and due notifications are *claimed* with ``FOR UPDATE SKIP LOCKED``
for a short lease, so several workers calling ``run_due`` or ``deliver_pending``
share the work instead of all taking the same rows; the version check still
guarantees that a timer fires exactly once. A worker that dies leaves its claims
to expire after the lease.
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

from repairkit.adapters import is_postgres_url
from repairkit.adapters._identity import IdentityMap, readable
from repairkit.adapters._keys import digest
from repairkit.adapters._postgres_erase import PostgresErasing
from repairkit.adapters._postgres_queries import query_statements
from repairkit.adapters._postgres_schema import (
    LOCK_KEY,
    SCHEMA_VERSION,
    check_schema_name,
    statements,
)
from repairkit.adapters._postgres_sql import command_statements
from repairkit.adapters.codec import codec_for
from repairkit.core.delivery import DeliveryPolicy
from repairkit.core.notices import Notification
from repairkit.core.relationship import Relationship
from repairkit.core.spec import Registry
from repairkit.core.values import PersonId, check_instant, check_limit
from repairkit.errors import ConcurrencyConflict, InvalidInput, NotFound, StorageError
from repairkit.ports import Change, E, StoredObject
from repairkit.registry import WORKFLOWS

try:  # the `postgres` extra
    import psycopg
    import psycopg_pool
except ImportError:  # pragma: no cover - without the extra
    psycopg = None  # type: ignore[assignment]
    psycopg_pool = None  # type: ignore[assignment]

__all__ = ["PostgresStorage"]

MAX_POOL_SIZE = 100
_OURS = frozenset(
    {"objects", "events", "outbox", "schema_migrations", "object_keys", "indexed_kinds"}
)


def _error(doing: str, error: Exception) -> StorageError:
    """Return repairkit's error for a driver's: its class only, never its parameters."""
    if psycopg is not None and isinstance(error, psycopg.errors.UniqueViolation):
        return StorageError(
            "PostgreSQL could not {doing} this change: an id in it is stored already."
            " Nothing was saved.",
            doing=doing,
        )
    return StorageError(
        "PostgreSQL could not {doing} ({name}). Nothing was saved. The database may be busy"
        " or unavailable; retrying later may help."
        if doing == "save"
        else "PostgreSQL could not {doing} ({name}). The database may be busy or unavailable;"
        " retrying later may help.",
        doing=doing,
        name=type(error).__name__,
    )


class PostgresStorage(PostgresErasing):
    """Stores everything in a PostgreSQL database, in a schema of its own.

    Args:
        url: A connection URL, ``postgresql://user@host:port/database``.
        workflows: The workflows it stores; those repairkit ships when omitted.
        schema: The PostgreSQL schema repairkit's tables live in (created if missing).
        pool_size: Connections kept open (repairkit's default: 4; see docs/postgres.md).
        claim_lease: How long a worker holds due objects or notifications it claimed.
    """

    def __init__(
        self,
        url: str,
        *,
        workflows: Registry = WORKFLOWS,
        schema: str = "repairkit",
        pool_size: int = 4,
        claim_lease: timedelta = timedelta(seconds=60),
    ) -> None:
        if not is_postgres_url(url):
            raise InvalidInput("url", "needs a PostgreSQL URL, such as postgresql://host/db.")
        try:
            self.schema = check_schema_name(schema)
        except ValueError as error:
            raise InvalidInput("schema", str(error)) from error
        if (
            not isinstance(pool_size, int)
            or isinstance(pool_size, bool)
            or not 1 <= pool_size <= MAX_POOL_SIZE
        ):
            raise InvalidInput("pool_size", "needs a whole number from 1 to 100.")
        if not isinstance(claim_lease, timedelta) or claim_lease <= timedelta(0):
            raise InvalidInput("claim_lease", "needs a positive timedelta.")
        if psycopg is None or psycopg_pool is None:
            raise StorageError(
                "PostgreSQL support needs the postgres extra: pip install 'repairkit[postgres]'."
            )
        self.workflows = workflows
        self.claim_lease = claim_lease
        self._codec = codec_for(workflows)
        self._known = IdentityMap()
        self._sql = command_statements(self.schema) | query_statements(self.schema)
        self._pool = psycopg_pool.ConnectionPool(
            url,
            min_size=1,
            max_size=pool_size,
            open=False,
            kwargs={"autocommit": True},
            name="repairkit",
        )
        try:
            self._pool.open(wait=True, timeout=15)
            self._migrate()
        except (psycopg.Error, psycopg_pool.PoolTimeout) as error:
            self._pool.close()
            raise _error("open the database", error) from error
        except StorageError:
            self._pool.close()
            raise

    # -- plumbing --------------------------------------------------------------------------

    @contextmanager
    def _connection(self, doing: str) -> Iterator[Any]:
        try:
            with self._pool.connection() as conn:
                yield conn
        except (psycopg.Error, psycopg_pool.PoolTimeout) as error:
            raise _error(doing, error) from error

    @contextmanager
    def _transaction(self, doing: str = "save") -> Iterator[Any]:
        with self._connection(doing) as conn, conn.transaction():
            yield conn

    def _migrate(self) -> None:
        s = self.schema
        with self._transaction("prepare the database") as conn:
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (LOCK_KEY,))
            tables = {
                row[0]
                for row in conn.execute(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = %s",
                    (s,),
                )
            }
            if tables and ("schema_migrations" not in tables or not tables <= _OURS):
                msg = (
                    f"PostgreSQL storage refused the schema {s!r}: it holds tables that are not"
                    " repairkit's. Nothing was changed; pass another schema= name."
                )
                raise StorageError(msg)
            found = 0
            if tables:
                found = conn.execute(
                    f"SELECT coalesce(max(version), 0) FROM {s}.schema_migrations"
                ).fetchone()[0]
            if found > SCHEMA_VERSION:
                msg = (
                    f"PostgreSQL schema {s!r} was written by a newer release of repairkit (schema"
                    f" {found}; this one knows up to {SCHEMA_VERSION}). Nothing was changed."
                )
                raise StorageError(msg)
            if found == 0:
                conn.execute(f"CREATE SCHEMA IF NOT EXISTS {s}")
                conn.execute(
                    f"CREATE TABLE IF NOT EXISTS {s}.schema_migrations"
                    " (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())"
                )
            for version, steps in statements(s, found):
                for statement in steps:
                    conn.execute(statement)
                conn.execute(f"INSERT INTO {s}.schema_migrations (version) VALUES (%s)", (version,))
            self._index_kinds(conn)

    # -- objects ---------------------------------------------------------------------------

    def load(self, kind: type[E], id: uuid.UUID) -> E:
        """Return the stored object, or raise `NotFound`."""
        name = self._codec.kind_name(kind)
        with self._connection("read") as conn:
            row = conn.execute(self._sql["load"], (id, name)).fetchone()
        if row is None:
            raise NotFound(name, id)
        known = self._known.copy_at(id, row[0])
        if known is not None:
            return known  # type: ignore[no-any-return]
        return self._known.keep(id, row[0], self._codec.load_entity(kind, row[1], id))

    def load_all(
        self, kind: type[E], relationship_id: uuid.UUID, *, states: Sequence[str] | None = None
    ) -> list[E]:
        """Return the relationship's objects of *kind*, in creation order, optionally by state."""
        name = self._codec.kind_name(kind)
        with self._connection("read") as conn:
            if states is None:
                rows = conn.execute(self._sql["load_all"], (relationship_id, name)).fetchall()
            else:
                rows = conn.execute(
                    self._sql["load_all_states"], (relationship_id, name, list(states))
                ).fetchall()
        return [self._codec.load_entity(kind, body, id) for id, body in rows]

    def relationships_of(self, person: PersonId) -> list[Relationship]:
        """Return the relationships *person* is a partner in (any state), in creation order."""
        name = self._codec.kind_name(Relationship)
        with self._connection("read") as conn:  # one range of the key rows by value
            rows = conn.execute(self._sql["partnered"], (name, digest(str(person)))).fetchall()
        found = (self._codec.load_entity(Relationship, body, id) for id, body in rows)
        return [relationship for relationship in found if person in relationship.partners]

    def commit(self, change: Change) -> None:
        """Write the whole change in one transaction, or raise and write nothing."""
        codec = self._codec
        saves = [
            (
                saved.expected_version,
                codec.kind_name(type(saved.entity)),
                saved.entity.id,
                saved.entity.relationship_id,
                saved.entity.version,
                saved.entity.state.value,
                saved.entity.due_at,
                codec.dump_entity(saved.entity),
                self._key_rows(saved.entity, saved.expected_version),
            )
            for saved in change.saves
        ]
        events = [
            (
                e.id,
                e.subject_id,
                e.relationship_id,
                codec.dump_event(e),
                e.actor,
                e.at,
                e.TAG,
                e.new_item,
                e.private_to,
            )
            for e in change.events
        ]
        notes = [(n.id, codec.dump_notification(n)) for n in change.notifications]
        sql = self._sql
        with self._transaction() as conn:
            cur = conn.cursor()
            if change.limit is not None:
                self._check_limit(cur, change)
            for expected, kind, id, relationship_id, version, state, due_at, body, keys in saves:
                if expected == 0:
                    cur.execute(
                        sql["insert"], (id, kind, relationship_id, version, state, due_at, body)
                    )
                else:
                    cur.execute(sql["update"], (version, state, due_at, body, id, kind, expected))
                if cur.rowcount != 1:
                    raise ConcurrencyConflict(kind, id, expected)
                self._save_keys(cur, (kind, id, expected), keys)
            for saved in change.saves:  # shared now: listed after every object so far
                if saved.relisted:
                    cur.execute(sql["relist"], (saved.entity.id,))
            if events:
                cur.executemany(sql["insert_event"], events)
            if notes:
                cur.executemany(sql["insert_note"], notes)
        self._known.remember(change)

    # -- time ------------------------------------------------------------------------------

    def due(self, now: datetime, *, limit: int = 100) -> list[StoredObject]:
        """Return up to *limit* objects due by *now*, earliest first (claims nothing)."""
        limit = check_limit(limit)
        now = check_instant(now, "now")
        with self._connection("read") as conn:
            rows = conn.execute(self._sql["due"], (now, limit)).fetchall()
        return self._readable_due(rows, limit)

    def next_due(self) -> datetime | None:
        """Return the earliest ``due_at`` stored, or None (read from the due-at index)."""
        with self._connection("read") as conn:
            row = conn.execute(self._sql["next_due"]).fetchone()
        return None if row is None or row[0] is None else row[0].astimezone(UTC)

    def claim_due(self, now: datetime, *, limit: int = 100) -> list[StoredObject]:
        """Claim up to *limit* objects due by *now* for the lease; return them, earliest first.

        Objects due at one time come in the order they were first stored, as on memory
        and SQLite (two partners' reminders at 08:00 fire in one order on every storage).

        Rows another worker claimed (within its lease) are skipped, so several workers
        share the due work; saving an object ends its claim. A damaged row is logged
        and passed over.
        """
        limit = check_limit(limit)
        now = check_instant(now, "now")
        with self._transaction("read") as conn:
            rows = conn.execute(
                self._sql["claim_due"],
                {"now": now, "until": now + self.claim_lease, "limit": limit},
            ).fetchall()
        rows.sort(key=lambda row: (row[3], row[4]))  # at one time, in the order stored
        return self._readable_due(rows, limit)

    def _readable_due(self, rows: list[Any], limit: int) -> list[StoredObject]:
        return readable(
            (
                (id, functools.partial(self._codec.load_kind, kind, body, id))
                for id, kind, body, *_ in rows
            ),
            limit,
        )

    # -- the outbox ------------------------------------------------------------------------

    def pending_notifications(
        self, *, limit: int = 100, due_by: datetime | None = None
    ) -> list[Notification]:
        """Return up to *limit* notifications neither delivered nor parked, oldest first.

        With *due_by* (a worker about to deliver), only those due by then, claimed for
        the lease so that several workers share them.
        """
        limit = check_limit(limit)
        if due_by is None:
            with self._connection("read") as conn:
                rows = conn.execute(self._sql["pending"], (limit,)).fetchall()
        else:
            due_by = check_instant(due_by, "due_by")
            with self._transaction("read") as conn:
                rows = conn.execute(
                    self._sql["claim_pending"],
                    {"now": due_by, "until": due_by + self.claim_lease, "limit": limit},
                ).fetchall()
            rows.sort(key=lambda row: row[0])
        return readable(
            (
                (id, functools.partial(self._codec.load_notification, body, id))
                for _, id, body in rows
            ),
            limit,
        )

    def parked_notifications(self, *, limit: int = 100) -> list[Notification]:
        """Return up to *limit* parked notifications, oldest first."""
        limit = check_limit(limit)
        with self._connection("read") as conn:
            rows = conn.execute(self._sql["parked"], (limit,)).fetchall()
        return [self._codec.load_notification(body, id) for id, body in rows]

    def release(self, notification_ids: Sequence[uuid.UUID]) -> None:
        """Hand back notifications claimed but not tried, so that they are due at once again."""
        with self._transaction() as conn:
            conn.cursor().executemany(self._sql["release"], [(i,) for i in notification_ids])

    def discard_notifications(self, notification_ids: Sequence[uuid.UUID]) -> None:
        """Take undelivered notifications out of the outbox for good."""
        with self._transaction() as conn:
            conn.cursor().executemany(self._sql["discard"], [(i,) for i in notification_ids])

    def mark_delivered(self, notification_ids: Sequence[uuid.UUID], at: datetime) -> None:
        """Record that these notifications reached the notifier."""
        with self._transaction() as conn:
            conn.cursor().executemany(self._sql["delivered"], [(at, i) for i in notification_ids])

    def record_failed_attempts(
        self, notification_ids: Sequence[uuid.UUID], at: datetime, policy: DeliveryPolicy
    ) -> None:
        """Count one failed attempt each; schedule the next by *policy*, or park them."""
        with self._transaction() as conn:
            for note_id in notification_ids:
                row = conn.execute(self._sql["attempts"], (note_id,)).fetchone()
                if row is None:
                    continue
                attempts = row[0] + 1
                retry_at = policy.next_attempt(attempts, at)
                parked = at if retry_at is None else None
                conn.execute(self._sql["failed"], (attempts, retry_at, parked, note_id))

    def requeue(self, notification_ids: Sequence[uuid.UUID], at: datetime) -> None:  # noqa: ARG002 - due at once
        """Queue parked notifications again, with their attempts counted from zero."""
        with self._transaction() as conn:
            conn.cursor().executemany(self._sql["requeue"], [(i,) for i in notification_ids])

    def close(self) -> None:
        """Close the connection pool."""
        self._pool.close()
