"""The safety suite over the private log and joint reviews on PostgreSQL.

Memory and SQLite run in tests/test_safety.py, and the workflow contract runs on
PostgreSQL in tests/test_postgres.py; this adds the safety rules (the two-worlds rule
among them) for `kit.log` and `kit.log_reviews` there, each history on an empty schema
of its own (`ReusedSchemas`).
"""

from __future__ import annotations

import pytest

from conftest import ReusedSchemas
from repairkit.connectionlog import LOG, LOG_REVIEWS
from repairkit.core import Registry
from repairkit.ports import Storage
from repairkit.testing import SafetyContract


class TestConnectionLogIsSafeOnPostgres(SafetyContract):
    workflows = Registry(LOG, LOG_REVIEWS)

    test_private_stays_private = None  # a rule about drafts: neither workflow has drafts

    @pytest.fixture(autouse=True)
    def _server(self, postgres_url: str) -> None:
        self.schemas = ReusedSchemas(postgres_url)

    def make_storage(self, workflows: Registry) -> Storage:
        return self.schemas.storage(workflows)
