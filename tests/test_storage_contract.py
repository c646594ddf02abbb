"""Run the storage contract against both storages that ship with repairkit."""

from __future__ import annotations

from pathlib import Path

import pytest

from repairkit.adapters import MemoryStorage, SQLiteStorage
from repairkit.core import Registry
from repairkit.ports import Storage
from repairkit.testing import StorageContract


class TestMemoryStorage(StorageContract):
    def make_storage(self, workflows: Registry) -> Storage:
        return MemoryStorage(workflows=workflows)


class TestSQLiteStorage(StorageContract):
    @pytest.fixture(autouse=True)
    def _folder(self, tmp_path: Path) -> None:
        self.path = tmp_path / "contract.db"

    def make_storage(self, workflows: Registry) -> Storage:
        return SQLiteStorage(self.path, workflows=workflows)

    def reopen(self, storage: Storage) -> Storage | None:
        return SQLiteStorage(self.path, workflows=self.workflows)
