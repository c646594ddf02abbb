"""Run the workflow contract over every workflow repairkit ships, on memory and SQLite."""

from __future__ import annotations

from pathlib import Path

import pytest

from repairkit.adapters import SQLiteStorage
from repairkit.core import Registry
from repairkit.ports import Storage
from repairkit.testing import WorkflowContract

DOCS = Path(__file__).resolve().parent.parent / "docs" / "workflows"


class TestShippedWorkflows(WorkflowContract):
    docs_dir = DOCS


class TestShippedWorkflowsOnSQLite(WorkflowContract):
    @pytest.fixture(autouse=True)
    def _folder(self, tmp_path_factory: pytest.TempPathFactory) -> None:
        self.folder = tmp_path_factory.mktemp("contract")
        self.count = 0

    def make_storage(self, workflows: Registry) -> Storage:
        self.count += 1
        return SQLiteStorage(self.folder / f"{self.count}.db", workflows=workflows)
