"""PostgresStorage against a real server started for the run: contracts, isolation, workers."""

from __future__ import annotations

import multiprocessing
import uuid
from datetime import timedelta
from pathlib import Path

import psycopg
import pytest

import repairkit
from conftest import START, ReusedSchemas, fresh_schema, invite_and_accept
from repairkit import ManualClock, RepairKit, StorageError
from repairkit.adapters import PostgresStorage
from repairkit.adapters._postgres_schema import SCHEMA_VERSION as POSTGRES_SCHEMA_VERSION
from repairkit.core import Registry, RelationshipSettings
from repairkit.core.relationship import Relationship
from repairkit.ports import Change, Saved, Storage
from repairkit.testing import CONTRACT_WORKFLOWS, Note, StorageContract, WorkflowContract
from repairkit.testing._safety_erase import ErasureRule


class TestPostgresStorage(StorageContract):
    @pytest.fixture(autouse=True)
    def _server(self, postgres_url: str) -> None:
        self.url = postgres_url
        self.schema = fresh_schema()

    def make_storage(self, workflows: Registry) -> Storage:
        return PostgresStorage(self.url, workflows=workflows, schema=self.schema, pool_size=2)

    def reopen(self, storage: Storage) -> Storage | None:
        return PostgresStorage(self.url, workflows=self.workflows, schema=self.schema, pool_size=2)


class TestShippedWorkflowsOnPostgres(WorkflowContract):
    @pytest.fixture(autouse=True)
    def _server(self, postgres_url: str) -> None:
        self.schemas = ReusedSchemas(postgres_url)

    def make_storage(self, workflows: Registry) -> Storage:
        return self.schemas.storage(workflows)


class TestErasureOnPostgres(ErasureRule):
    """After kit.erase, nothing the person wrote is readable on PostgreSQL either."""

    @pytest.fixture(autouse=True)
    def _server(self, postgres_url: str) -> None:
        self.schemas = ReusedSchemas(postgres_url)

    def make_storage(self, workflows: Registry) -> Storage:
        return self.schemas.storage(workflows)


def test_open_picks_postgres_from_the_url(postgres_url):
    """repairkit.open with a postgresql:// URL runs on PostgreSQL."""
    with repairkit.open(postgres_url) as kit:
        assert isinstance(kit._storage, PostgresStorage)
        couple = invite_and_accept(kit, ("ana", "ben"), actor="ana")
        assert kit.relationships.get(couple.id, actor="ben").partners == ("ana", "ben")


def test_the_apps_own_tables_are_left_alone(postgres_url):
    """Repairkit keeps to its schema; the app's tables in the same database are untouched."""
    with psycopg.connect(postgres_url, autocommit=True) as db:
        db.execute("CREATE TABLE IF NOT EXISTS public.customers (id int PRIMARY KEY, name text)")
        db.execute("INSERT INTO public.customers VALUES (1, 'Ada') ON CONFLICT DO NOTHING")
    schema = fresh_schema()
    PostgresStorage(postgres_url, schema=schema).close()
    with psycopg.connect(postgres_url) as db:
        assert db.execute("SELECT name FROM public.customers").fetchall() == [("Ada",)]
        tables = db.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = %s"
            " ORDER BY table_name",
            (schema,),
        ).fetchall()
    assert [t for (t,) in tables] == [
        "events",
        "indexed_kinds",
        "object_keys",
        "objects",
        "outbox",
        "schema_migrations",
    ]


def test_a_schema_holding_other_tables_is_refused_and_left_unchanged(postgres_url):
    """A schema of the same name that is not repairkit's is refused before anything is written."""
    schema = fresh_schema()
    with psycopg.connect(postgres_url, autocommit=True) as db:
        db.execute(f"CREATE SCHEMA {schema}")
        db.execute(f"CREATE TABLE {schema}.objects (colour text)")
    with pytest.raises(StorageError, match="not repairkit's"):
        PostgresStorage(postgres_url, schema=schema)
    with psycopg.connect(postgres_url) as db:
        tables = db.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = %s", (schema,)
        ).fetchall()
    assert tables == [("objects",)]


def test_migrations_run_once_from_empty_and_a_newer_schema_is_refused(postgres_url):
    """A new schema is created at the current version; opening again changes nothing."""
    schema = fresh_schema()
    for _ in range(3):
        PostgresStorage(postgres_url, schema=schema).close()
    with psycopg.connect(postgres_url, autocommit=True) as db:
        versions = db.execute(f"SELECT version FROM {schema}.schema_migrations").fetchall()  # noqa: S608
        assert versions == [(v,) for v in range(1, POSTGRES_SCHEMA_VERSION + 1)]
        db.execute(f"INSERT INTO {schema}.schema_migrations (version) VALUES (99)")  # noqa: S608
    with pytest.raises(StorageError, match="newer release"):
        PostgresStorage(postgres_url, schema=schema)


def test_driver_errors_become_storage_errors_without_values(postgres_url):
    """An unreachable server, or a duplicate id, is a StorageError that quotes no value."""
    with pytest.raises(StorageError) as unreachable:
        PostgresStorage("postgresql://nobody@127.0.0.1:9/nothing")
    assert "nobody" not in str(unreachable.value)
    storage = PostgresStorage(postgres_url, schema=fresh_schema())
    try:
        relationship, started = Relationship.invite(
            actor="ana", partner="ben", settings=RelationshipSettings(), at=START
        )
        storage.commit(Change(saves=(Saved(relationship, 0),), events=(started,)))
        other, _ = Relationship.invite(
            actor="ana", partner="ben", settings=RelationshipSettings(), at=START
        )
        with pytest.raises(StorageError, match="stored already") as duplicate:
            storage.commit(Change(saves=(Saved(other, 0),), events=(started,)))
        assert str(started.id) not in str(duplicate.value)
    finally:
        storage.close()


# -- several workers on one database -------------------------------------------------------

DUE = 10_000
WORKERS = 4


def _store_shared_notes(url: str, schema: str, count: int, reply_by) -> set[uuid.UUID]:
    """Store *count* shared notes, in batches; return the ids of the notifications they cause."""
    storage = PostgresStorage(url, workflows=CONTRACT_WORKFLOWS, schema=schema)
    relationship, invited = Relationship.invite(
        actor="ana", partner="ben", settings=RelationshipSettings(), at=START
    )
    accepted = relationship.accept_invitation(actor="ben", at=START)
    storage.commit(Change(saves=(Saved(relationship, 0),), events=(invited, accepted)))
    noted: set[uuid.UUID] = set()
    for _ in range(count // 250):
        saves, events, notes = [], [], []
        for _ in range(250):
            note, written = Note.write(
                relationship_id=relationship.id,
                author="ana",
                reader="ben",
                text="thank you",
                reply_by=reply_by,
                at=START,
            )
            shared = note.share(actor="ana", at=START)
            note.version = 1  # stored new, as it stands after sharing
            saves.append(Saved(note, 0))
            events.extend((written, shared))
            notes.extend(StorageContract.notes_of(shared, note))
        noted.update(n.id for n in notes)
        storage.commit(Change(saves=tuple(saves), events=tuple(events), notifications=tuple(notes)))
    storage.close()
    return noted


def _work(url: str, schema: str) -> int:
    """Run run_due until nothing is left for this worker; return how many it fired."""
    storage = PostgresStorage(url, workflows=CONTRACT_WORKFLOWS, schema=schema, pool_size=1)
    clock = ManualClock(START + timedelta(days=1))
    fired = 0
    with RepairKit(storage=storage, clock=clock, workflows=CONTRACT_WORKFLOWS) as kit:
        while events := kit.timers.run_due(limit=50):
            fired += len(events)
    return fired


def test_four_workers_fire_each_of_ten_thousand_timers_exactly_once(postgres_url):
    """Workers sharing one database through SKIP LOCKED: none fired twice, none missed."""
    schema = fresh_schema()
    _store_shared_notes(postgres_url, schema, DUE, START + timedelta(hours=1))
    context = multiprocessing.get_context("spawn")
    with context.Pool(WORKERS) as pool:
        counts = pool.starmap(_work, [(postgres_url, schema)] * WORKERS)
    assert sum(counts) == DUE
    with psycopg.connect(postgres_url) as db:
        per_note = db.execute(
            f"SELECT subject_id, count(*) FROM {schema}.events"  # noqa: S608
            ' WHERE body LIKE \'%%"type":"note.let_be"%%\' GROUP BY subject_id'
        ).fetchall()
        left = db.execute(
            f"SELECT count(*) FROM {schema}.objects WHERE due_at IS NOT NULL"  # noqa: S608
        ).fetchone()
    assert len(per_note) == DUE
    assert {count for _, count in per_note} == {1}
    assert left == (0,)
    assert sum(1 for c in counts if c > 0) >= 2, f"the work was not shared: {counts}"


NOTES_PENDING = 2_000


class _FileNotifier:
    """Appends each notification id it is given to a file (one per worker)."""

    def __init__(self, path: str) -> None:
        self.path = path

    def notify(self, notification) -> None:
        with open(self.path, "a", encoding="utf-8") as out:  # noqa: PTH123
            out.write(f"{notification.id}\n")


def _deliver(url: str, schema: str, path: str) -> None:
    storage = PostgresStorage(url, workflows=CONTRACT_WORKFLOWS, schema=schema, pool_size=1)
    clock = ManualClock(START + timedelta(days=1))
    kit = RepairKit(
        storage=storage, clock=clock, notifier=_FileNotifier(path), workflows=CONTRACT_WORKFLOWS
    )
    with kit:
        while kit.outbox.deliver_pending(limit=25):
            pass


def test_four_workers_share_the_outbox_and_deliver_each_notification_once(postgres_url, tmp_path):
    """Several workers draining one outbox: every notification delivered, none twice."""
    schema = fresh_schema()
    expected = _store_shared_notes(postgres_url, schema, NOTES_PENDING, START + timedelta(days=9))
    files = [str(tmp_path / f"worker-{i}.txt") for i in range(WORKERS)]
    context = multiprocessing.get_context("spawn")
    with context.Pool(WORKERS) as pool:
        pool.starmap(_deliver, [(postgres_url, schema, f) for f in files])
    delivered = [
        uuid.UUID(line)
        for f in files
        if Path(f).exists()
        for line in Path(f).read_text(encoding="utf-8").split()
    ]
    assert len(delivered) == len(expected) == NOTES_PENDING
    assert set(delivered) == expected
    assert sum(1 for f in files if Path(f).exists()) >= 2, "the outbox was not shared"
