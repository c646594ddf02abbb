"""The queries of `MemoryStorage`, answered from its own indexes, never a scan.

The counterpart of ``_sqlite_queries`` and ``_postgres_queries``: what
`repairkit.ports.Storage.load_keyed`, `load_page`, `load_scheduled` and
`count_events` ask, and the pressure budget's `DayLimit` at commit.
"""

from __future__ import annotations

import bisect
import functools
import heapq
import itertools
import threading
import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import datetime

import attrs

from repairkit.adapters._identity import readable
from repairkit.adapters._keys import check_flag, check_key, check_tags
from repairkit.adapters.codec import Codec
from repairkit.core.values import PersonId, check_id, check_instant, check_limit
from repairkit.errors import NotFound
from repairkit.ports import Change, DayLimit, E, LimitReached, StoredObject

__all__ = ["MemoryQueries", "Row"]


@attrs.define
class Row:
    """One stored object, as memory keeps it: serialized, with what its indexes need."""

    kind: str
    relationship_id: uuid.UUID
    version: int
    state: str
    due_at: datetime | None
    body: str
    keys: tuple[tuple[str, str], ...]


class MemoryQueries:
    """The query half of `MemoryStorage` (its indexes are made in `MemoryStorage`)."""

    _codec: Codec
    _lock: threading.Lock
    _rows: dict[uuid.UUID, Row]
    _position: dict[uuid.UUID, int]
    _in_order: list[uuid.UUID]
    _of_kind: defaultdict[tuple[uuid.UUID, str], list[int]]
    _in_state: defaultdict[tuple[uuid.UUID, str, str], list[int]]
    _keyed: defaultdict[tuple[uuid.UUID, str, str, str], set[uuid.UUID]]
    _scheduled: defaultdict[uuid.UUID, set[uuid.UUID]]
    _acts: defaultdict[tuple[uuid.UUID, str], list[tuple[datetime, int, str, bool]]]

    def _decoded(
        self, kind: type[E], ids: Iterable[uuid.UUID], states: Sequence[str] | None
    ) -> list[E]:
        """Decode the objects *ids* names (under the lock), those in *states* only."""
        wanted = None if states is None else set(states)
        rows = ((i, self._rows[i]) for i in ids)
        return [
            self._codec.load_entity(kind, row.body, i)
            for i, row in rows
            if wanted is None or row.state in wanted
        ]

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
        name = self._codec.kind_name(kind)
        with self._lock:
            ids = sorted(
                self._keyed.get((relationship_id, name, key, value), ()),
                key=self._position.__getitem__,
            )
            return self._decoded(kind, ids, states)

    def load_page(
        self,
        kind: type[E],
        relationship_id: uuid.UUID,
        *,
        states: Sequence[str] | None = None,
        after: uuid.UUID | None = None,
        limit: int = 100,
    ) -> list[E]:
        """Return up to *limit* of the relationship's *kind* after *after*, oldest first."""
        limit = check_limit(limit)
        name = self._codec.kind_name(kind)
        with self._lock:
            cursor = -1
            if after is not None:
                after = check_id(after, "after")
                row = self._rows.get(after)
                if row is None or row.kind != name or row.relationship_id != relationship_id:
                    raise NotFound(name, after)
                cursor = self._position[after]
            if states is None:
                ranges = [self._of_kind.get((relationship_id, name), [])]
            else:
                ranges = [
                    self._in_state.get((relationship_id, name, state), [])
                    for state in dict.fromkeys(states)
                ]
            firsts = (bisect.bisect_right(positions, cursor) for positions in ranges)
            merged = heapq.merge(
                *(positions[i : i + limit] for positions, i in zip(ranges, firsts, strict=True))
            )
            page = [self._in_order[p] for p in itertools.islice(merged, limit)]
            return self._decoded(kind, page, None)

    def load_scheduled(
        self,
        relationship_id: uuid.UUID,
        *,
        limit: int = 100,
        after: uuid.UUID | None = None,
    ) -> list[StoredObject]:
        """Return up to *limit* of the relationship's objects with a due time, earliest first."""
        limit = check_limit(limit)
        with self._lock:
            ids = self._scheduled.get(relationship_id, ())
            rows = sorted((self._rows[i].due_at, self._position[i], i) for i in ids)
            if after is not None:
                after = check_id(after, "after")
                if after not in ids:
                    raise NotFound("scheduled object", after)
                cursor = (self._rows[after].due_at, self._position[after], after)
                rows = [row for row in rows if row > cursor]
            soonest = [(i, self._rows[i]) for _, _, i in rows]
        return readable(
            (
                (i, functools.partial(self._codec.load_kind, row.kind, row.body, i))
                for i, row in soonest
            ),
            limit,
        )

    def _check_limit(self, change: Change, limit: DayLimit) -> None:
        """Raise `LimitReached` if the change's new items would pass *limit* (lock held)."""
        for (relationship_id, actor), adding in change.new_items().items():
            acts = self._acts.get((relationship_id, actor), [])
            start = bisect.bisect_left(acts, (limit.since,))
            if sum(1 for act in acts[start:] if act[3]) + adding > limit.most:
                raise LimitReached

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
        only_new = check_flag(new_items, "new_items")
        with self._lock:
            acts = self._acts.get((relationship_id, actor), [])
            start = bisect.bisect_left(acts, (since,))
            if wanted is None and not only_new:
                return len(acts) - start
            return sum(
                1
                for _at, _n, tag, new in acts[start:]
                if (wanted is None or tag in wanted) and (new or not only_new)
            )
