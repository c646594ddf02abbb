"""SQLite-specific promises: failed writes roll back fully and the storage keeps working."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta

import pytest

import repairkit
from conftest import invite_and_accept
from repairkit import StorageError, TimeBox
from repairkit.requests import Request

BOX = TimeBox(starts_at=datetime.now(UTC), ends_at=datetime.now(UTC) + timedelta(days=7))
"""A week from now: these tests run on the system clock."""

NEED = "to feel we share the evenings"
ASK = "put our phones in the drawer during dinner"


def _sabotage(path, *, at_commit: bool) -> None:
    """Make every event insert fail, either at once or only when the transaction commits."""
    db = sqlite3.connect(path)
    if at_commit:
        # A deferred foreign key is only checked at COMMIT: the COMMIT itself fails.
        db.executescript(
            """
            CREATE TABLE parent (id INTEGER PRIMARY KEY);
            CREATE TABLE child (
                parent_id INTEGER REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED
            );
            CREATE TRIGGER sabotage AFTER INSERT ON events
            BEGIN INSERT INTO child VALUES (42); END;
            """
        )
    else:
        db.executescript(
            """
            CREATE TRIGGER sabotage BEFORE INSERT ON events
            BEGIN SELECT RAISE(ABORT, 'disk trouble'); END;
            """
        )
    db.close()


def _heal(path) -> None:
    db = sqlite3.connect(path)
    db.execute("DROP TRIGGER sabotage")
    db.close()


@pytest.mark.parametrize("at_commit", [False, True], ids=["during-write", "at-commit"])
def test_a_failed_write_saves_nothing_and_the_storage_recovers(tmp_path, at_commit):
    """A write failing (even at COMMIT) raises StorageError, saves nothing and keeps no lock."""
    path = tmp_path / "couple.db"
    with repairkit.open(path) as kit:
        couple = invite_and_accept(kit, ("ana", "ben"), actor="ana")
        request = kit.requests.draft(couple.id, actor="ana", need=NEED, ask=ASK, time_box=BOX)
        _sabotage(path, at_commit=at_commit)
        with pytest.raises(StorageError, match="Nothing was saved") as raised:
            kit.requests.propose(request.id, actor="ana")
        assert isinstance(raised.value.__cause__, sqlite3.Error)
        assert kit._storage.load(Request, request.id).state == "drafted"
        assert kit.outbox.pending() == []
        # Through another connection (a raw one: the sabotage tables are not repairkit's).
        with sqlite3.connect(path) as other:
            stored = other.execute("SELECT state FROM objects WHERE id = ?", (str(request.id),))
            assert stored.fetchone() == ("drafted",)
        _heal(path)
        assert kit.requests.propose(request.id, actor="ana").state == "proposed"


def test_a_locked_database_raises_a_storage_error(tmp_path):
    """When another connection holds the write lock too long, the command fails cleanly."""
    path = tmp_path / "couple.db"
    with repairkit.open(path) as kit:
        couple = invite_and_accept(kit, ("ana", "ben"), actor="ana")
        kit._storage._db.execute("PRAGMA busy_timeout = 50")
        blocker = sqlite3.connect(path, isolation_level=None)
        blocker.execute("BEGIN IMMEDIATE")
        try:
            with pytest.raises(StorageError, match="busy or unavailable"):
                kit.requests.draft(couple.id, actor="ana", need=NEED, ask=ASK, time_box=BOX)
        finally:
            blocker.execute("ROLLBACK")
            blocker.close()
        assert kit.requests.find(couple.id, actor="ana") == []
        assert (
            kit.requests.draft(couple.id, actor="ana", need=NEED, ask=ASK, time_box=BOX).state
            == "drafted"
        )


def test_a_file_that_cannot_be_opened_raises_a_storage_error(tmp_path):
    """A missing folder or a file that is not a database gives StorageError, not sqlite3's."""
    with pytest.raises(StorageError, match="could not open"):
        repairkit.open(tmp_path / "missing-folder" / "couple.db")
    not_a_database = tmp_path / "notes.db"
    not_a_database.write_bytes(b"these are not the pages you are looking for" * 100)
    with pytest.raises(StorageError, match="could not open"):
        repairkit.open(not_a_database)
