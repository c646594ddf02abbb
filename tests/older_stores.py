"""A store rewound to an older schema, on SQLite and on PostgreSQL, for upgrade tests.

A test fills a store with today's schema, rewinds it with SQL of its own (what the
upgrade step added is dropped again, and the schema's version set back), then opens
it and looks at what the upgrade made of it: `older_store` gives one of each kind.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psycopg
import pytest

import repairkit
from conftest import fresh_schema
from repairkit import ManualClock, RepairKit
from repairkit.adapters import PostgresStorage

__all__ = ["OlderStore", "PostgresSchema", "SQLiteFile", "older_store"]

START = datetime(2026, 3, 2, 9, tzinfo=UTC)


class SQLiteFile:
    """A SQLite file that `rewind` takes back to schema *version* with *steps*."""

    def __init__(self, path: Path, version: int, steps: Sequence[str]) -> None:
        self.path, self.rewound, self._steps = path, version, steps

    def open(self, clock: ManualClock | None = None) -> RepairKit:
        return repairkit.open(self.path, clock=clock or ManualClock(START))

    def rewind(self) -> None:
        with sqlite3.connect(self.path) as db:
            for step in self._steps:
                db.execute(step)
            db.execute("DELETE FROM schema_migrations WHERE version > ?", (self.rewound,))
            db.execute(f"PRAGMA user_version = {self.rewound}")

    def rows(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        with sqlite3.connect(self.path) as db:
            return db.execute(sql.replace("%s", "?"), params).fetchall()

    def execute(self, sql: str, params: tuple[Any, ...] = ()) -> None:
        with sqlite3.connect(self.path) as db:
            db.execute(sql.replace("%s", "?"), params)

    def version(self) -> int:
        return int(self.rows("PRAGMA user_version")[0][0])

    def columns(self, table: str) -> set[str]:
        return {row[1] for row in self.rows(f"PRAGMA table_info({table})")}


class PostgresSchema:
    """A PostgreSQL schema that `rewind` takes back to schema *version* with *steps*.

    Each step may name the schema as ``{s}``.
    """

    def __init__(self, url: str, version: int, steps: Sequence[str]) -> None:
        self.url, self.schema = url, fresh_schema()
        self.rewound, self._steps = version, steps

    def open(self, clock: ManualClock | None = None) -> RepairKit:
        storage = PostgresStorage(self.url, schema=self.schema, pool_size=2)
        return RepairKit(storage=storage, clock=clock or ManualClock(START))

    def rewind(self) -> None:
        for step in self._steps:
            self.execute(step.format(s=self.schema))
        forward = f"DELETE FROM {self.schema}.schema_migrations WHERE version > %s"  # noqa: S608
        self.execute(forward, (self.rewound,))

    def rows(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        with psycopg.connect(self.url) as db:
            db.execute(f"SET search_path = {self.schema}")
            rows = db.execute(sql, params).fetchall()
        return [tuple(str(v) if isinstance(v, uuid.UUID) else v for v in row) for row in rows]

    def execute(self, sql: str, params: tuple[Any, ...] = ()) -> None:
        with psycopg.connect(self.url) as db:
            db.execute(f"SET search_path = {self.schema}")
            db.execute(sql, params)

    def version(self) -> int:
        return int(self.rows("SELECT max(version) FROM schema_migrations")[0][0])

    def columns(self, table: str) -> set[str]:
        rows = self.rows(
            "SELECT column_name FROM information_schema.columns"
            " WHERE table_schema = %s AND table_name = %s",
            (self.schema, table),
        )
        return {name for (name,) in rows}


OlderStore = SQLiteFile | PostgresSchema


def older_store(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    *,
    sqlite: tuple[int, Sequence[str]],
    postgres: tuple[int, Sequence[str]],
) -> OlderStore:
    """Return the store ``request.param`` names ("sqlite" or "postgres"), and how to rewind it.

    *sqlite* and *postgres* are each (the schema version rewound to, the SQL steps that
    take today's schema back to it).
    """
    if request.param == "postgres":
        return PostgresSchema(request.getfixturevalue("postgres_url"), *postgres)
    return SQLiteFile(tmp_path / f"v{sqlite[0]}.db", *sqlite)
