"""Micro-responses on memory, SQLite and PostgreSQL: the workflow contract and the safety suite.

The shipped-workflow runs (tests/test_workflow_contract.py, tests/test_safety.py,
tests/test_postgres.py) take every registered workflow; these run micro-responses alone,
on each storage, so that the workflow's own rules are checked wherever it runs.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ReusedSchemas
from repairkit.adapters import SQLiteStorage
from repairkit.core import Registry
from repairkit.microresponses import MICRO_RESPONSE_REMINDERS, MICRO_RESPONSES
from repairkit.ports import Storage
from repairkit.testing import SafetyContract, WorkflowContract

DOCS = Path(__file__).resolve().parent.parent / "docs" / "workflows"
ALONE = Registry(MICRO_RESPONSES, MICRO_RESPONSE_REMINDERS)


def _alone(contract: type) -> type:
    """Leave out the rules whose parameters no micro-response gives (none to run alone).

    A micro-response puts nothing on the agenda and has no draft: the agenda rule and
    the drafts rule take the workflows that do, and run over every shipped workflow in
    tests/test_workflow_contract.py and tests/test_safety.py.
    """
    for name in ("test_the_agenda_follows_its_sources", "test_private_stays_private"):
        if hasattr(contract, name):
            setattr(contract, name, None)
    return contract


class _OnSQLite:
    @pytest.fixture(autouse=True)
    def _folder(self, tmp_path_factory: pytest.TempPathFactory) -> None:
        self.folder = tmp_path_factory.mktemp("micro")
        self.count = 0

    def make_storage(self, workflows: Registry) -> Storage:
        self.count += 1
        return SQLiteStorage(self.folder / f"{self.count}.db", workflows=workflows)


class _OnPostgres:
    @pytest.fixture(autouse=True)
    def _server(self, postgres_url: str) -> None:
        self.schemas = ReusedSchemas(postgres_url)

    def make_storage(self, workflows: Registry) -> Storage:
        return self.schemas.storage(workflows)


@_alone
class TestMicroResponseContract(WorkflowContract):
    workflows = ALONE
    docs_dir = DOCS


@_alone
class TestMicroResponseIsSafe(SafetyContract):
    workflows = ALONE


@_alone
class TestMicroResponseContractOnSQLite(_OnSQLite, WorkflowContract):
    workflows = ALONE


@_alone
class TestMicroResponseIsSafeOnSQLite(_OnSQLite, SafetyContract):
    workflows = ALONE


@_alone
class TestMicroResponseContractOnPostgres(_OnPostgres, WorkflowContract):
    workflows = ALONE


@_alone
class TestMicroResponseIsSafeOnPostgres(_OnPostgres, SafetyContract):
    workflows = ALONE
