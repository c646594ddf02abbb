"""The safety suite over the Naming workflows on PostgreSQL (memory and SQLite: test_safety).

The shipped workflows' contract runs on PostgreSQL in tests/test_postgres.py; this adds
the safety rules for observations, shared goals, triggers, pauses, check-in schedules,
check-in sessions and preparations, the third person (facilitators) and accountability
agreements there (the two-worlds rule among them), each history on an empty schema of its
own (`ReusedSchemas`).
"""

from __future__ import annotations

import pytest

from conftest import ReusedSchemas
from repairkit.accountability import ACCOUNTABILITY
from repairkit.checkins import SCHEDULES
from repairkit.core import Registry
from repairkit.facilitators import FACILITATORS
from repairkit.goals import GOALS
from repairkit.observations import OBSERVATIONS
from repairkit.ports import Storage
from repairkit.preparations import PREPARATIONS
from repairkit.sessions import SESSIONS
from repairkit.testing import SafetyContract
from repairkit.triggers import PAUSES, TRIGGERS


class TestNamingWorkflowsAreSafeOnPostgres(SafetyContract):
    workflows = Registry(
        OBSERVATIONS,
        GOALS,
        TRIGGERS,
        PAUSES,
        SCHEDULES,
        SESSIONS,
        PREPARATIONS,
        FACILITATORS,
        ACCOUNTABILITY,
    )

    @pytest.fixture(autouse=True)
    def _server(self, postgres_url: str) -> None:
        self.schemas = ReusedSchemas(postgres_url)

    def make_storage(self, workflows: Registry) -> Storage:
        return self.schemas.storage(workflows)
