"""Shared fixtures and hypothesis profiles (``HYPOTHESIS_PROFILE=dev|ci``)."""

from __future__ import annotations

import os
import random
import uuid
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg
import pytest
from hypothesis import HealthCheck, settings
from psycopg import sql

import repairkit
from repairkit import ManualClock, MemoryNotifier, RelationshipSettings, RepairKit, TimeBox
from repairkit.adapters import MemoryStorage, PostgresStorage, SQLiteStorage
from repairkit.core import Registry
from repairkit.ports import Storage
from repairkit.testing.postgres import TemporaryPostgres

settings.register_profile("dev", max_examples=50, deadline=None)
settings.register_profile(
    "ci",
    max_examples=200,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
"""A Monday morning; every test clock starts here."""
BOX = TimeBox(starts_at=START, ends_at=START + timedelta(days=28))
"""Four weeks from the start: the dates a test's request is sent with."""

StorageFactory = Callable[[], Storage]


def invite_and_accept(
    kit: RepairKit,
    partners: tuple[str, str],
    *,
    actor: str,
    settings: RelationshipSettings | None = None,
) -> repairkit.Relationship:
    """Start a couple as an app would: *actor* invites the other of *partners*, who accepts.

    Returns the active relationship as *actor* sees it (its partners are *actor* first).
    """
    first, second = partners
    other = second if actor == first else first
    invited = kit.relationships.invite(other, actor=actor, settings=settings)
    kit.relationships.accept_invitation(invited.id, actor=other)
    return kit.relationships.get(invited.id, actor=actor)


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A real PostgreSQL server started for this test run (never skipped when missing)."""
    with TemporaryPostgres() as server:
        yield server.url


def fresh_schema() -> str:
    """Return a PostgreSQL schema name no other test uses."""
    return f"t_{uuid.uuid4().hex[:16]}"


class ReusedSchemas:
    """PostgreSQL storages for many short histories, each on an empty schema of its own.

    Making a schema costs ~75 ms, emptying one ~1 ms: a schema whose last storage was
    closed, or dropped by everyone, is emptied (every table but the migrations' own) and
    opened again, for the same registry only; one still in use is never shared. Only
    weak references are kept, so that a storage nobody closed still lets its connection go.
    """

    def __init__(self, url: str) -> None:
        self.url = url
        self._made: list[tuple[str, Registry, weakref.ref[PostgresStorage]]] = []

    def storage(self, workflows: Registry) -> PostgresStorage:
        """Return a storage of *workflows* on an empty schema nobody else has open."""
        for index, (schema, registry, last) in enumerate(self._made):
            before = last()
            if registry is workflows and (before is None or before._pool.closed):
                del before
                with psycopg.connect(self.url, autocommit=True) as conn:
                    tables = conn.execute(
                        "SELECT tablename FROM pg_tables WHERE schemaname = %s"
                        " AND tablename NOT IN ('schema_migrations', 'indexed_kinds')",
                        (schema,),
                    ).fetchall()
                    for (table,) in tables:
                        emptied = sql.Identifier(schema, table)
                        conn.execute(sql.SQL("DELETE FROM {}").format(emptied))
                storage = PostgresStorage(self.url, workflows=workflows, schema=schema, pool_size=1)
                self._made[index] = (schema, registry, weakref.ref(storage))
                return storage
        schema = fresh_schema()
        storage = PostgresStorage(self.url, workflows=workflows, schema=schema, pool_size=1)
        self._made.append((schema, workflows, weakref.ref(storage)))
        return storage


@pytest.fixture(params=["memory", "sqlite", "postgres"])
def storage_factory(request: pytest.FixtureRequest, tmp_path: Path) -> StorageFactory:
    """Make fresh storages of each kind (SQLite in its own folder, PostgreSQL in its own schema)."""
    counter = iter(range(1_000_000))

    def make() -> Storage:
        if request.param == "memory":
            return MemoryStorage()
        if request.param == "postgres":
            url = request.getfixturevalue("postgres_url")
            return PostgresStorage(url, schema=fresh_schema(), pool_size=2)
        return SQLiteStorage(tmp_path / f"store-{next(counter)}.db")

    return make


@pytest.fixture
def clock() -> ManualClock:
    """A clock that starts on a Monday morning and moves only when told."""
    return ManualClock(START)


@pytest.fixture
def notifier() -> MemoryNotifier:
    """A notifier that records what it is given."""
    return MemoryNotifier()


@pytest.fixture
def kit(
    storage_factory: StorageFactory, clock: ManualClock, notifier: MemoryNotifier
) -> Iterator[RepairKit]:
    """A RepairKit on each storage, with a manual clock and a recording notifier."""
    with RepairKit(storage=storage_factory(), clock=clock, notifier=notifier) as kit:
        yield kit


@pytest.fixture
def couple(kit: RepairKit) -> repairkit.Relationship:
    """Ana and Ben's relationship: Ana invited Ben, and Ben accepted."""
    return invite_and_accept(kit, ("ana", "ben"), actor="ana")


@contextmanager
def ids(stream: random.Random) -> Iterator[None]:
    """Draw every new id from *stream* while inside.

    Two worlds playing one script make the same ids, so that an order whose ties break
    by id is the same in both.
    """
    before = uuid.uuid4
    uuid.uuid4 = lambda: uuid.UUID(int=stream.getrandbits(128), version=4)  # type: ignore[assignment]
    try:
        yield
    finally:
        uuid.uuid4 = before  # type: ignore[assignment]
