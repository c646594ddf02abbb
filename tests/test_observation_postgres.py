"""The safety suite over the Observation workflow on PostgreSQL (memory and SQLite: test_safety).

The shipped workflows' contract runs on PostgreSQL in tests/test_postgres.py; this adds
the safety rules for observations there, on a fresh schema per history.
"""

from __future__ import annotations

import pytest

from conftest import fresh_schema
from repairkit.adapters.postgres import PostgresStorage
from repairkit.core import Registry
from repairkit.observations import OBSERVATIONS
from repairkit.ports import Storage
from repairkit.testing import SafetyContract


class TestObservationsAreSafeOnPostgres(SafetyContract):
    workflows = Registry(OBSERVATIONS)

    @pytest.fixture(autouse=True)
    def _server(self, postgres_url: str) -> None:
        self.url = postgres_url

    def make_storage(self, workflows: Registry) -> Storage:
        return PostgresStorage(self.url, workflows=workflows, schema=fresh_schema(), pool_size=1)
