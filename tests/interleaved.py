"""A real storage with a gap before its next commit: how the race tests run two kits at once.

A command reads, decides, then commits; `Interleaved` lets another kit's whole command
run in the gap between the first command's reads and its commit, deterministically, on
any storage (memory, SQLite, PostgreSQL).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from repairkit.ports import Change, Storage

__all__ = ["Interleaved"]


class Interleaved:
    """A real storage whose next commit first lets *gap* run (another kit's whole command)."""

    def __init__(self, storage: Storage) -> None:
        self._storage = storage
        self.gap: Callable[[], object] | None = None

    def commit(self, change: Change) -> None:
        gap, self.gap = self.gap, None
        if gap is not None:
            gap()
        self._storage.commit(change)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._storage, name)
