"""The base of the stateful tests: a hypothesis state machine over a fresh kit.

Each stateful test subclasses `KitMachine`, keeps its own reference model, and runs
once in memory and once on a SQLite file of its own (``storage_kind = "sqlite"``).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis.stateful import RuleBasedStateMachine

from conftest import START
from repairkit import ManualClock, MemoryNotifier, RepairKit
from repairkit.adapters import MemoryStorage, SQLiteStorage
from repairkit.ports import Storage

__all__ = ["KitMachine"]


class KitMachine(RuleBasedStateMachine):
    """A kit with a manual clock (from `START`) and a recording notifier, closed at the end."""

    storage_kind = "memory"
    """"memory", or "sqlite" for a SQLite file in a folder of the machine's own."""

    def __init__(self) -> None:
        super().__init__()
        self.tmpdir: str | None = None
        storage: Storage
        if self.storage_kind == "memory":
            storage = MemoryStorage()
        else:
            self.tmpdir = tempfile.mkdtemp(prefix="repairkit-stateful-")
            storage = SQLiteStorage(Path(self.tmpdir) / "store.db")
        self.clock = ManualClock(START)
        self.notifier = MemoryNotifier()
        self.kit = RepairKit(storage=storage, clock=self.clock, notifier=self.notifier)

    def teardown(self) -> None:
        self.kit.close()
        if self.tmpdir is not None:
            shutil.rmtree(self.tmpdir, ignore_errors=True)
