"""A store from before relationships were found by partner: no ``partner`` key rows.

SQLite schema 12 and PostgreSQL schema 10 (`repairkit.adapters._partners_step`): the key
rows gain the partial index ``object_keys_by_partner``, and every stored relationship is
indexed under its partners. Before, a person's relationships were found by searching the
text of every couple's relationship; after the upgrade the same ones are found, in the
same order, from the index.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from conftest import invite_and_accept
from older_stores import OlderStore, older_store

START = datetime(2026, 3, 2, 9, tzinfo=UTC)


@pytest.fixture(params=["sqlite", "postgres"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> OlderStore:
    """A store on each SQL storage, and how schema 11 (SQLite) or 9 (PostgreSQL) left it."""
    steps = [
        "DROP INDEX object_keys_by_partner",
        "DELETE FROM object_keys WHERE kind = 'relationship' AND key = 'partner'",
    ]
    return older_store(request, tmp_path, sqlite=(11, steps), postgres=(9, steps))


def _partner_rows(store: OlderStore) -> int:
    return int(store.rows("SELECT count(*) FROM object_keys WHERE key = 'partner'")[0][0])


def test_relationships_stored_before_the_upgrade_are_found_by_partner(store):
    """After the upgrade, each person's relationships are found, in creation order."""
    with store.open() as kit:
        first = invite_and_accept(kit, ("ana", "ben"), actor="ana")
        kit.relationships.leave(first.id, actor="ben")
        second = invite_and_accept(kit, ("ben", "ana"), actor="ben")
        other = invite_and_accept(kit, ("cleo", "dan"), actor="cleo")
        waiting = kit.relationships.invite("ana", actor="eve")
    store.rewind()
    assert _partner_rows(store) == 0
    with store.open() as kit:
        assert _partner_rows(store) == 2 * 4
        found = kit._storage.relationships_of("ana")
        assert [r.id for r in found] == [first.id, second.id, waiting.id]
        assert [r.id for r in kit._storage.relationships_of("dan")] == [other.id]
        assert [r.id for r in kit.relationships.invitations("ana")] == [waiting.id]
