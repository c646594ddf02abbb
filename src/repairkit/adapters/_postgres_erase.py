"""PostgreSQL's ``Storage.erase`` and ``Storage.notifications``, for ``kit.erase`` and ``export``.

Rows are deleted or updated in one transaction. PostgreSQL keeps the old versions of
those rows in the table's pages until VACUUM (autovacuum, by default) marks them free,
and their bytes until the space is reused: no query answers them, but the files may
hold them for a while (docs/your-data.md).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any

from repairkit.adapters._identity import IdentityMap
from repairkit.adapters._postgres_queries import PostgresQueries
from repairkit.core.notices import Notification
from repairkit.errors import ConcurrencyConflict
from repairkit.ports import Erasure

__all__ = ["PostgresErasing"]


class PostgresErasing(PostgresQueries):
    """PostgreSQL's erasure: the rows are deleted or updated, in one transaction."""

    schema: str

    if TYPE_CHECKING:

        def _transaction(self, doing: str = "save") -> AbstractContextManager[Any]: ...

        def _connection(self, doing: str) -> AbstractContextManager[Any]: ...

    def notifications(self, ids: Sequence[uuid.UUID]) -> list[Notification]:
        """Return the stored notifications among *ids*, delivered or not, in the order given."""
        if not ids:
            return []
        with self._connection("read") as conn:
            rows = conn.execute(
                f"SELECT id, body FROM {self.schema}.outbox WHERE id = ANY(%s)",  # noqa: S608 - a checked schema name
                (list(ids),),
            ).fetchall()
        found = dict(rows)
        return [self._codec.load_notification(found[i], i) for i in ids if i in found]

    def erase(self, erasure: Erasure) -> None:
        """Apply *erasure* in one transaction: rows deleted or updated, nothing else kept."""
        self._known = IdentityMap()  # what it remembers may hold what is erased
        self._codec.forget()
        codec, s = self._codec, self.schema
        with self._transaction() as conn:
            cur = conn.cursor()
            for saved in erasure.saves:
                entity, expected = saved.entity, saved.expected_version
                kind = codec.kind_name(type(entity))
                cur.execute(
                    self._sql["update"],
                    (
                        entity.version,
                        entity.state.value,
                        entity.due_at,
                        codec.dump_entity(entity),
                        entity.id,
                        kind,
                        expected,
                    ),
                )
                if cur.rowcount != 1:
                    raise ConcurrencyConflict(kind, entity.id, expected)
                self._save_keys(cur, (kind, entity.id, expected), self._key_rows(entity, 1))
            for gone, id in erasure.deletes:
                cur.execute(f"DELETE FROM {s}.object_keys WHERE object_id = %s", (id,))  # noqa: S608
                cur.execute(
                    f"DELETE FROM {s}.objects WHERE id = %s AND kind = %s",  # noqa: S608
                    (id, codec.kind_name(gone)),
                )
            cur.executemany(
                f"UPDATE {s}.events SET body = %s WHERE id = %s",  # noqa: S608
                [(codec.dump_event(e), e.id) for e in erasure.events],
            )
            cur.executemany(
                f"DELETE FROM {s}.events WHERE id = %s",  # noqa: S608
                [(e.id,) for e in erasure.dropped_events],
            )
            cur.executemany(
                f"DELETE FROM {s}.outbox WHERE id = %s",  # noqa: S608
                [(i,) for i in erasure.dropped_notifications],
            )
        self._known = IdentityMap()
        self._codec.forget()  # and what another thread decoded meanwhile
