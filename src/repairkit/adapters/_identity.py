"""An identity map: the objects this storage last saved, by id and version.

Loading an object whose stored version is the one this storage last saved
returns a copy of what it saved instead of decoding the stored JSON again. The
version check makes this safe across processes: a version is written once, by
exactly one committed save, so an equal version means equal content. Only
objects whose commit succeeded are remembered, and only copies go in and out,
so a caller changing a returned object changes nothing here.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Final, TypeVar

import attrs

from repairkit.errors import CorruptData
from repairkit.ports import Change

T = TypeVar("T")
log = logging.getLogger("repairkit")

__all__ = ["IdentityMap", "clone", "readable"]

SIZE: Final = 4096
"""How many objects are remembered; the oldest is forgotten first (repairkit's own)."""


_NAMES: dict[type, tuple[str, ...]] = {}
"""The field names of each entity type, read once."""


def _names(cls: type) -> tuple[str, ...]:
    names = _NAMES.get(cls)
    if names is None:
        names = _NAMES[cls] = tuple(field.name for field in attrs.fields(cls))
    return names


def clone(obj: Any) -> Any:  # noqa: ANN401 - any attrs entity
    """Return a shallow copy of an attrs entity (its field values are immutable values)."""
    cls = type(obj)
    new = object.__new__(cls)
    setattr_ = object.__setattr__
    for name in _names(cls):
        setattr_(new, name, getattr(obj, name))
    return new


class IdentityMap:
    """Up to `SIZE` (version, copy) pairs, by object id; thread-safe."""

    def __init__(self, size: int = SIZE) -> None:
        self._size = size
        self._items: dict[uuid.UUID, tuple[int, Any]] = {}
        self._written: dict[uuid.UUID, tuple[int, Any]] = {}
        self._lock = threading.Lock()

    def get(self, id: uuid.UUID) -> tuple[int, Any] | None:
        """Return the remembered (version, object) of *id*, or None."""
        return self._items.get(id)

    def written_at(self, id: uuid.UUID, version: int) -> Any | None:  # noqa: ANN401 - the storage's own
        """Return what the storage said it wrote when it saved *id* at *version*, else None.

        That is what it passed to `remember` for the object (for SQLite: the state,
        due time and keys of the row), so that its next save can write only what differs.
        """
        known = self._written.get(id)  # one (version, written) pair: never half-updated
        if known is None or known[0] != version:
            return None
        return known[1]

    def copy_at(self, id: uuid.UUID, version: int) -> Any | None:  # noqa: ANN401 - any entity
        """Return a copy of the remembered object *id* if it is at *version*, else None."""
        known = self._items.get(id)
        if known is None or known[0] != version:
            return None
        return clone(known[1])

    def keep(self, id: uuid.UUID, version: int, obj: T) -> T:
        """Remember a copy of *obj*, just decoded from its row at *version*; return *obj*.

        Single loads call it, so that an object read often (a relationship, read by
        every command in it) is decoded once per version, however many others were
        saved since. Lists do not: they would push out what commands read.
        """
        with self._lock:
            known = self._items.get(id)
            if known is not None and known[0] >= version:
                return obj  # what this storage saved is as new, or newer
            self._items.pop(id, None)
            self._items[id] = (version, clone(obj))
            while len(self._items) > self._size:
                oldest = next(iter(self._items))
                del self._items[oldest]
                self._written.pop(oldest, None)
        return obj

    def remember(self, change: Change, written: Sequence[object] = ()) -> None:
        """Remember copies of the objects a committed *change* saved.

        *written*, if given, holds for each save what the storage wrote (its own
        summary of the row), returned by `written_at` while the object is at that version.
        """
        with self._lock:
            for i, saved in enumerate(change.saves):
                entity = saved.entity
                self._items.pop(entity.id, None)
                self._items[entity.id] = (entity.version, clone(entity))
                if i < len(written):
                    self._written[entity.id] = (entity.version, written[i])
                else:
                    self._written.pop(entity.id, None)
            while len(self._items) > self._size:
                oldest = next(iter(self._items))
                del self._items[oldest]
                self._written.pop(oldest, None)


def readable(rows: Iterable[tuple[object, Callable[[], T]]], limit: int) -> list[T]:
    """Return up to *limit* decoded rows, logging and passing over any that are damaged.

    For the paths that must never jam on one bad row (due objects, the outbox).
    """
    found: list[T] = []
    if limit <= 0:
        return found
    for id, decode in rows:
        try:
            found.append(decode())
        except CorruptData as error:
            log.warning("stored %s %s cannot be read back; it is passed over", error.kind, id)
            continue
        if len(found) >= limit:
            break
    return found
