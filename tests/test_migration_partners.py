"""A store from before relationships were found by partner: no ``partner`` key rows.

SQLite schema 12 and PostgreSQL schema 10 (`repairkit.adapters._partners_step`): the key
rows gain the partial index ``object_keys_by_partner``, and every stored relationship is
indexed under its partners. Before, a person's relationships were found by searching the
text of every couple's relationship; after the upgrade the same ones are found, in the
same order, from the index.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psycopg
import pytest

import repairkit
from conftest import fresh_schema, invite_and_accept
from repairkit import ManualClock, RepairKit
from repairkit.adapters import PostgresStorage

START = datetime(2026, 3, 2, 9, tzinfo=UTC)


class _SQLite:
    """A SQLite file, rewound to how schema 11 left it."""

    def __init__(self, tmp_path: Path) -> None:
        self.path = tmp_path / "v11.db"

    def open(self) -> RepairKit:
        return repairkit.open(self.path, clock=ManualClock(START))

    def rewind(self) -> None:
        with sqlite3.connect(self.path) as db:
            db.execute("DROP INDEX object_keys_by_partner")
            db.execute("DELETE FROM object_keys WHERE kind = 'relationship' AND key = 'partner'")
            db.execute("DELETE FROM schema_migrations WHERE version >= 12")
            db.execute("PRAGMA user_version = 11")

    def partner_rows(self) -> int:
        with sqlite3.connect(self.path) as db:
            return int(
                db.execute("SELECT count(*) FROM object_keys WHERE key = 'partner'").fetchone()[0]
            )


class _Postgres:
    """A PostgreSQL schema, rewound to how schema 9 left it."""

    def __init__(self, url: str) -> None:
        self.url, self.schema = url, fresh_schema()

    def open(self) -> RepairKit:
        storage = PostgresStorage(self.url, schema=self.schema, pool_size=2)
        return RepairKit(storage=storage, clock=ManualClock(START))

    def _execute(self, sql: str) -> list[tuple[Any, ...]]:
        with psycopg.connect(self.url, autocommit=True) as db:
            db.execute(f"SET search_path = {self.schema}")
            cursor = db.execute(sql)
            return cursor.fetchall() if cursor.description else []

    def rewind(self) -> None:
        self._execute("DROP INDEX object_keys_by_partner")
        self._execute("DELETE FROM object_keys WHERE kind = 'relationship' AND key = 'partner'")
        self._execute("DELETE FROM schema_migrations WHERE version >= 10")

    def partner_rows(self) -> int:
        return int(self._execute("SELECT count(*) FROM object_keys WHERE key = 'partner'")[0][0])


@pytest.fixture(params=["sqlite", "postgres"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[_SQLite | _Postgres]:
    """A store on each SQL storage."""
    if request.param == "postgres":
        yield _Postgres(request.getfixturevalue("postgres_url"))
    else:
        yield _SQLite(tmp_path)


def test_relationships_stored_before_the_upgrade_are_found_by_partner(store):
    """After the upgrade, each person's relationships are found, in creation order."""
    with store.open() as kit:
        first = invite_and_accept(kit, ("ana", "ben"), actor="ana")
        kit.relationships.leave(first.id, actor="ben")
        second = invite_and_accept(kit, ("ben", "ana"), actor="ben")
        other = invite_and_accept(kit, ("cleo", "dan"), actor="cleo")
        waiting = kit.relationships.invite("ana", actor="eve")
    store.rewind()
    assert store.partner_rows() == 0
    with store.open() as kit:
        assert store.partner_rows() == 2 * 4
        found = kit._storage.relationships_of("ana")
        assert [r.id for r in found] == [first.id, second.id, waiting.id]
        assert [r.id for r in kit._storage.relationships_of("dan")] == [other.id]
        assert [r.id for r in kit.relationships.invitations("ana")] == [waiting.id]
