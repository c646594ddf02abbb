"""The port's queries on repairkit's own workflows: their keys, their indexes, migrations.

`repairkit.testing.queries` (part of the storage contract) checks the queries against a
scan on the contract's notes; here the keys come from the shipped workflows' specs.
"""

from __future__ import annotations

import shutil
import sqlite3
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg
import pytest

import repairkit
from conftest import BOX, START, fresh_schema, invite_and_accept
from repairkit import ManualClock
from repairkit.adapters import MemoryStorage, PostgresStorage, SQLiteStorage
from repairkit.adapters._keys import index_keys
from repairkit.boundaries import Boundary
from repairkit.core import Registry
from repairkit.core.suggestions import words
from repairkit.crossings import Crossing
from repairkit.ports import Storage
from repairkit.registry import WORKFLOWS
from repairkit.requests import Request
from repairkit.talks import Talk
from repairkit.testing import CONTRACT_WORKFLOWS
from repairkit.timeouts import TimeOut

FIXTURES = Path(__file__).parent / "fixtures"
KINDS = (Request, Boundary, Crossing, Talk, TimeOut, repairkit.Relationship)


def story(storage: Storage) -> uuid.UUID:
    """Play a little of every workflow on *storage*; return the relationship's id."""
    clock = ManualClock(START)
    kit = repairkit.RepairKit(storage=storage, clock=clock, workflows=storage.workflows)  # type: ignore[attr-defined]
    couple = invite_and_accept(kit, ("ana", "ben"), actor="ana")
    r = kit.requests
    first = r.draft(couple.id, actor="ana", need="Calm at dinner.", ask="phones away", time_box=BOX)
    r.propose(first.id, actor="ana")
    r.decline(first.id, actor="ben")
    r.draft(couple.id, actor="ana", need="calm at dinner", ask="one quiet dinner", time_box=BOX)
    later = r.draft(
        couple.id,
        actor="ana",
        need="to feel heard",
        ask="ten minutes",
        time_box=BOX,
        follows=first.id,
    )
    r.propose(later.id, actor="ana")
    other = r.draft(couple.id, actor="ben", need="rest", ask="a quiet hour", time_box=BOX)
    r.propose(other.id, actor="ben")
    boundary = kit.boundaries.draft(couple.id, actor="ben", rule="No sarcasm when we disagree")
    kit.boundaries.propose(boundary.id, actor="ben")
    kit.boundaries.agree(boundary.id, actor="ana")
    second = kit.boundaries.draft(couple.id, actor="ana", rule="no sarcasm, when we disagree!")
    kit.boundaries.propose(second.id, actor="ana")
    clock.advance(timedelta(hours=1))
    kit.crossings.notice(couple.id, actor="ben", boundary_id=boundary.id)
    kit.crossings.own(couple.id, actor="ben", boundary_id=boundary.id)
    talk = kit.talks.start(couple.id, actor="ben")
    kit.talks.end(talk.id, actor="ana")
    kit.timeouts.call(couple.id, actor="ana", minutes=20)
    return couple.id


def agree_with_a_scan(storage: Storage, relationship_id: uuid.UUID, workflows: Registry) -> int:
    """Assert each kind's keyed queries answer what a scan does; return how many keys were asked."""
    asked = 0
    for kind in KINDS:
        every = storage.load_all(kind, relationship_id)
        keys = {key for obj in every for key in index_keys(workflows, obj)}
        for key, value in keys:
            expected = [o.id for o in every if (key, value) in index_keys(workflows, o)]
            found = storage.load_keyed(kind, relationship_id, key, value)
            assert [o.id for o in found] == expected, (kind, key, value)
            asked += 1
        assert [o.id for o in storage.load_page(kind, relationship_id, limit=1000)] == [
            o.id for o in every
        ]
    events = storage.relationship_events(relationship_id)
    for actor in ("ana", "ben"):
        expected_count = sum(1 for e in events if e.actor == actor and e.at >= START)
        assert storage.count_events(relationship_id, actor, START) == expected_count
    return asked


@pytest.fixture
def rich(storage_factory) -> tuple[Storage, uuid.UUID]:
    storage = storage_factory()
    return storage, story(storage)


def test_the_shipped_workflows_keys_answer_what_their_rules_ask(rich):
    """Requests by need words and follows, boundaries by words, crossings, talks, time-outs."""
    storage, couple = rich
    try:
        assert agree_with_a_scan(storage, couple, WORKFLOWS) > 10
        calm = storage.load_keyed(Request, couple, "need", words("CALM at dinner!"))
        assert [r.ask for r in calm] == ["phones away", "one quiet dinner"]
        declined = storage.load_keyed(
            Request, couple, "need", "calm at dinner", states=["declined"]
        )
        assert [r.ask for r in declined] == ["phones away"]
        (follows,) = storage.load_keyed(Request, couple, "follows", str(calm[0].id))
        assert follows.ask == "ten minutes"
        same_words = storage.load_keyed(Boundary, couple, "words", "no sarcasm when we disagree")
        assert [b.proposer for b in same_words] == ["ben", "ana"]
        (agreed, _second) = same_words
        assert len(storage.load_keyed(Crossing, couple, "boundary", str(agreed.id))) == 2
        awaiting_ana = {
            type(o).__name__
            for kind in KINDS
            for o in storage.load_keyed(kind, couple, "asked", "ana")
        }
        assert awaiting_ana == {"Request", "Crossing"}  # ben's request and his note
        assert {b.proposer for b in storage.load_keyed(Boundary, couple, "asked", "ben")} == {"ana"}
        (timeout,) = storage.load_keyed(TimeOut, couple, "open_caller", "ana")
        assert [o.id for o in storage.load_scheduled(couple)][:1] == [timeout.id]
        assert storage.count_events(couple, "ben", START, tags=["crossing.noticed"]) == 1
    finally:
        storage.close()


# -- the indexes are used ------------------------------------------------------------------


def test_sqlite_answers_every_query_from_an_index(tmp_path):
    """EXPLAIN QUERY PLAN of the very SQL each query runs: an index, never a scan."""
    path = tmp_path / "plans.db"
    storage = SQLiteStorage(path)
    couple = story(storage)
    keyed = "k USING PRIMARY KEY (relationship_id=? AND kind=? AND key=? AND value=?)"
    runs = {
        keyed: lambda: storage.load_keyed(Request, couple, "need", "x", states=["declined"]),
        "objects_in_order": lambda: storage.load_page(
            Request, couple, after=couple_request, limit=5
        ),
        "objects_scheduled": lambda: storage.load_scheduled(couple),
        "events_by_actor": lambda: storage.count_events(couple, "ana", START, tags=["x.y"]),
        "object_keys_by_partner": lambda: storage.relationships_of("ana"),
    }
    couple_request = storage.load_all(Request, couple)[0].id
    for index, run in runs.items():
        seen: list[str] = []
        storage._db.set_trace_callback(seen.append)
        run()
        storage._db.set_trace_callback(None)
        plans = [
            " | ".join(row[3] for row in storage._db.execute("EXPLAIN QUERY PLAN " + sql))
            for sql in seen
            if sql.startswith("SELECT")
        ]
        assert any(index in plan for plan in plans), (index, plans)
        for plan in plans:
            assert "SCAN" not in plan, plan
            # only keyed answers (an object's keyed matches, a person's relationships) are
            # themselves put in creation order
            if "k USING" not in index and index != "object_keys_by_partner":
                assert "TEMP B-TREE" not in plan, plan
    storage.close()


def test_sqlite_reads_both_ends_of_an_objects_shared_events_from_their_index(tmp_path):
    """The edge read (`Storage.edge_events`) searches the partial index twice, never the table.

    Only the five rows it found at most are put in order to be merged.
    """
    storage = SQLiteStorage(tmp_path / "edges.db")
    couple = story(storage)
    seen: list[str] = []
    storage._db.set_trace_callback(seen.append)
    storage.edge_events(couple, last=4)
    storage._db.set_trace_callback(None)
    (sql,) = [s for s in seen if s.startswith("SELECT")]
    steps = [row[3] for row in storage._db.execute("EXPLAIN QUERY PLAN " + sql)]
    searches = [step for step in steps if step.startswith("SEARCH")]
    assert searches == ["SEARCH events USING INDEX events_shared_by_subject (subject_id=?)"] * 2
    assert not [step for step in steps if step.startswith("SCAN events")], steps
    storage.close()


def test_postgres_answers_every_query_from_an_index(postgres_url):
    """EXPLAIN (with sequential scans priced out, as on a large table) names each index."""
    schema = fresh_schema()
    storage = PostgresStorage(postgres_url, schema=schema, pool_size=1)
    couple = story(storage)
    sql = storage._sql
    storage.close()
    cases = {
        "object_keys_pkey": (sql["keyed_states"], (couple, "request", "need", "x", ["declined"])),
        "objects_in_order": (sql["page"], (couple, "request", 0, 10)),
        # On a table this small the planner may take either index of the relationship's
        # objects for one state's range; both are index scans.
        "objects_": (sql["page_state"], (couple, "request", 0, "agreed", 10)),
        "objects_scheduled": (sql["scheduled"], (couple, 10)),
        "events_by_actor": (sql["count_tags"], (couple, "ana", START, ["request.proposed"])),
        "events_shared_by_subject": (sql["edge_events"], (couple, couple, 4)),
    }
    with psycopg.connect(postgres_url) as db:
        db.execute("SET enable_seqscan = off")
        for index, (statement, params) in cases.items():
            plan = " ".join(row[0] for row in db.execute("EXPLAIN " + statement, params))
            assert index in plan, plan
            assert "Seq Scan" not in plan, plan


# -- migrations ----------------------------------------------------------------------------


def test_the_v1_store_answers_the_new_queries_after_migrating(tmp_path):
    """The schema 1 fixture is migrated to 5, its keys rebuilt, and every query agrees."""
    path = tmp_path / "v1.db"
    shutil.copyfile(FIXTURES / "v1_store.db", path)
    storage = SQLiteStorage(path)
    try:
        with sqlite3.connect(path) as db:
            (couple,) = db.execute("SELECT id FROM objects WHERE kind = 'relationship'").fetchone()
            kinds = {k for (k,) in db.execute("SELECT kind FROM indexed_kinds")}
            unfilled = db.execute("SELECT count(*) FROM events WHERE tag IS NULL").fetchone()
        assert kinds == {spec.name for spec in WORKFLOWS}
        assert unfilled == (0,)
        relationship_id = uuid.UUID(couple)
        assert agree_with_a_scan(storage, relationship_id, WORKFLOWS) > 0
        assert storage.count_events(relationship_id, "ana", datetime(2000, 1, 1, tzinfo=UTC)) > 0
    finally:
        storage.close()


def _back_to_sqlite_4(path: Path) -> None:
    """Undo schema 5 on a file, as a release before it left it."""
    with sqlite3.connect(path) as db:
        for index in ("objects_in_order", "objects_scheduled", "events_by_actor"):
            db.execute(f"DROP INDEX {index}")
        db.execute("DROP TABLE object_keys")
        db.execute("DROP TABLE indexed_kinds")
        for column in ("actor", "occurred_at", "tag"):
            db.execute(f"ALTER TABLE events DROP COLUMN {column}")
        db.execute("DELETE FROM schema_migrations WHERE version >= 5")
        db.execute("PRAGMA user_version = 4")


def test_a_schema_4_file_of_every_workflow_answers_alike_after_migrating(tmp_path):
    """Queries after the migration answer what they answered on the store written at 5."""
    path = tmp_path / "store.db"
    storage = SQLiteStorage(path)
    couple = story(storage)
    before = {
        kind: [o.id for o in storage.load_keyed(kind, couple, "asked", "ana")] for kind in KINDS
    }
    storage.close()
    _back_to_sqlite_4(path)
    storage = SQLiteStorage(path)
    try:
        assert agree_with_a_scan(storage, couple, WORKFLOWS) > 10
        after = {
            kind: [o.id for o in storage.load_keyed(kind, couple, "asked", "ana")] for kind in KINDS
        }
        assert after == before
        assert any(before.values())
    finally:
        storage.close()


def test_a_schema_2_postgres_store_answers_alike_after_migrating(postgres_url):
    """PostgreSQL schema 3 fills the events' columns and rebuilds the keys on open."""
    schema = fresh_schema()
    storage = PostgresStorage(postgres_url, schema=schema, pool_size=1)
    couple = story(storage)
    storage.close()
    with psycopg.connect(postgres_url) as db:
        for index in ("objects_in_order", "objects_scheduled", "events_by_actor"):
            db.execute(f"DROP INDEX {schema}.{index}")
        db.execute(f"DROP TABLE {schema}.object_keys")
        db.execute(f"DROP TABLE {schema}.indexed_kinds")
        for column in ("actor", "occurred_at", "tag"):
            db.execute(f"ALTER TABLE {schema}.events DROP COLUMN {column}")
        db.execute(f"DELETE FROM {schema}.schema_migrations WHERE version >= 3")  # noqa: S608
    storage = PostgresStorage(postgres_url, schema=schema, pool_size=1)
    try:
        assert agree_with_a_scan(storage, couple, WORKFLOWS) > 10
    finally:
        storage.close()


def test_a_workflow_opened_for_the_first_time_is_indexed_then(tmp_path):
    """A store opened without an app's workflow indexes its objects once it is known."""
    path = tmp_path / "store.db"
    storage = SQLiteStorage(path, workflows=CONTRACT_WORKFLOWS)
    relationship = story(storage)
    storage.close()
    with sqlite3.connect(path) as db:
        db.execute("DELETE FROM object_keys WHERE kind = 'request'")
        db.execute("DELETE FROM indexed_kinds WHERE kind = 'request'")
    SQLiteStorage(path).close()  # the shipped registry knows requests: it indexes them
    storage = SQLiteStorage(path, workflows=CONTRACT_WORKFLOWS)
    try:
        assert agree_with_a_scan(storage, relationship, CONTRACT_WORKFLOWS) > 10
    finally:
        storage.close()


def test_memory_answers_without_decoding_what_it_does_not_return(monkeypatch):
    """Memory reads its own indexes: an object outside the answer is never decoded."""
    storage = MemoryStorage()
    couple = story(storage)
    decoded: list[object] = []
    load = storage._codec.load_entity

    def counting(kind, body, id):  # type: ignore[no-untyped-def]
        decoded.append(id)
        return load(kind, body, id)

    # The codec is shared (cached per registry): undone after the test.
    monkeypatch.setattr(storage._codec, "load_entity", counting)
    found = storage.load_keyed(Request, couple, "follows", str(uuid.uuid4()))
    assert found == []
    assert decoded == []
    storage.load_keyed(Boundary, couple, "asked", "ben")
    assert len(decoded) == 1
