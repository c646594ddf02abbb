"""PostgresStorage's schema (in a PostgreSQL schema of its own) and its versioned migrations.

Everything lives in one PostgreSQL schema (``repairkit`` unless told otherwise), so
an app's own tables in the same database are never touched. Migrations are keyed on
the highest version in ``schema_migrations``, run under an advisory lock (so several
servers starting at once migrate once), one step per transaction. Bodies are JSON
text written by the codec; no index holds any free text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "check_schema_name", "statements"]

SCHEMA_VERSION: Final = 1
LOCK_KEY: Final = 0x524B4954
"""The advisory lock taken while migrating ("RKIT")."""

_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")


def check_schema_name(name: str) -> str:
    """Return *name* if it is a plain lower-case identifier, else raise ValueError."""
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        msg = "schema needs a plain lower-case name, such as 'repairkit'."
        raise ValueError(msg)
    return name


def _v1(schema: str) -> list[str]:
    s = schema
    return [
        f"CREATE SCHEMA IF NOT EXISTS {s}",
        f"""CREATE TABLE {s}.objects (
            seq             bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
            id              uuid PRIMARY KEY,
            kind            text NOT NULL,
            relationship_id uuid NOT NULL,
            version         bigint NOT NULL,
            state           text NOT NULL,
            due_at          timestamptz,
            claimed_until   timestamptz,
            body            text NOT NULL
        )""",
        f"CREATE INDEX objects_by_relationship ON {s}.objects (relationship_id, kind, state, seq)",
        f"CREATE INDEX objects_due ON {s}.objects (due_at) WHERE due_at IS NOT NULL",
        f"""CREATE TABLE {s}.events (
            seq             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            id              uuid NOT NULL UNIQUE,
            subject_id      uuid NOT NULL,
            relationship_id uuid NOT NULL,
            body            text NOT NULL
        )""",
        f"CREATE INDEX events_by_subject ON {s}.events (subject_id, seq)",
        f"CREATE INDEX events_by_relationship ON {s}.events (relationship_id, seq)",
        f"""CREATE TABLE {s}.outbox (
            seq             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            id              uuid NOT NULL UNIQUE,
            delivered_at    timestamptz,
            attempts        integer NOT NULL DEFAULT 0,
            next_attempt_at timestamptz,
            parked_at       timestamptz,
            claimed_until   timestamptz,
            body            text NOT NULL
        )""",
        (
            f"CREATE INDEX outbox_pending ON {s}.outbox (seq)"
            " WHERE delivered_at IS NULL AND parked_at IS NULL"
        ),
        (
            f"CREATE INDEX outbox_parked ON {s}.outbox (seq)"
            " WHERE delivered_at IS NULL AND parked_at IS NOT NULL"
        ),
    ]


MIGRATIONS: Final[dict[int, Callable[[str], list[str]]]] = {1: _v1}
"""The statements that bring a schema to each version from the one before."""


def statements(schema: str, found: int) -> list[tuple[int, list[str]]]:
    """Return the steps, as (version, statements), that bring *found* to `SCHEMA_VERSION`."""
    return [(v, MIGRATIONS[v](schema)) for v in range(found + 1, SCHEMA_VERSION + 1)]
