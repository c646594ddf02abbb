"""The safety suite over the Naming workflows on PostgreSQL (memory and SQLite: test_safety).

The shipped workflows' contract runs on PostgreSQL in tests/test_postgres.py; this adds
the safety rules for observations, shared goals, triggers and pauses there (the two-worlds
rule among them), on a fresh schema per history.
"""

from __future__ import annotations

import pytest

from conftest import fresh_schema
from repairkit.adapters.postgres import PostgresStorage
from repairkit.core import Registry
from repairkit.goals import GOALS
from repairkit.observations import OBSERVATIONS
from repairkit.ports import Storage
from repairkit.testing import SafetyContract
from repairkit.triggers import PAUSES, TRIGGERS


class TestNamingWorkflowsAreSafeOnPostgres(SafetyContract):
    workflows = Registry(OBSERVATIONS, GOALS, TRIGGERS, PAUSES)

    @pytest.fixture(autouse=True)
    def _server(self, postgres_url: str) -> None:
        self.url = postgres_url

    def make_storage(self, workflows: Registry) -> Storage:
        return PostgresStorage(self.url, workflows=workflows, schema=fresh_schema(), pool_size=1)
