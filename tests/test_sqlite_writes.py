"""SQLite writes only what a save changes, and what it writes is what a full write would be."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta

from conftest import invite_and_accept
from repairkit import ManualClock, RepairKit, TimeBox
from repairkit.adapters import SQLiteStorage
from repairkit.adapters._keys import digest, index_keys
from repairkit.requests import Request

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
BOX = TimeBox(starts_at=START, ends_at=START + timedelta(days=14))


def _row(path, request_id) -> tuple[tuple[str, str | None], set[tuple[str, str]]]:
    """Return the stored (state, due_at) columns and the (key, digest) rows of a request."""
    db = sqlite3.connect(path)
    try:
        columns = db.execute(
            "SELECT state, due_at FROM objects WHERE id = ?", (str(request_id),)
        ).fetchone()
        keys = set(
            db.execute("SELECT key, value FROM object_keys WHERE object_id = ?", (str(request_id),))
        )
    finally:
        db.close()
    return columns, keys


def _expected(storage: SQLiteStorage, request: Request):
    due = request.due_at
    columns = (request.state.value, None if due is None else due.isoformat(timespec="microseconds"))
    keys = {(key, digest(value)) for key, value in index_keys(storage.workflows, request)}
    return columns, keys


def _writes(storage: SQLiteStorage, run) -> list[str]:
    """Run *run*; return the statements it sent that write objects or their keys."""
    sent: list[str] = []
    storage._db.set_trace_callback(sent.append)
    try:
        run()
    finally:
        storage._db.set_trace_callback(None)
    return [s for s in sent if s.startswith(("INSERT", "UPDATE", "DELETE")) and "events" not in s]


def test_a_move_writes_only_the_columns_and_keys_it_changes(tmp_path):
    path = tmp_path / "couple.db"
    storage = SQLiteStorage(path)
    kit = RepairKit(storage=storage, clock=ManualClock(START))
    couple = invite_and_accept(kit, ("ana", "ben"), actor="ana").id
    made = kit.requests.draft(couple, actor="ana", need="rest", ask="an hour", time_box=BOX)

    # Proposing asks Ben: the state changes and one key row is added, nothing deleted.
    writes = _writes(storage, lambda: kit.requests.propose(made.id, actor="ana"))
    request = storage.load(Request, made.id)
    assert _row(path, made.id) == _expected(storage, request)
    # Shared for the first time, the request is listed from now on (`Saved.relisted`).
    [update, key, relisted] = [w for w in writes if "outbox" not in w]
    assert relisted.startswith("UPDATE objects SET rowid")
    assert "state = 'proposed'" in update
    assert "due_at" not in update  # none before, none now
    assert key.startswith("INSERT INTO object_keys")
    assert "'asked'" in key

    # Accepting answers him: the state and the due time change, one key row goes.
    writes = _writes(storage, lambda: kit.requests.accept(made.id, actor="ben"))
    request = storage.load(Request, made.id)
    assert request.due_at is not None
    assert _row(path, made.id) == _expected(storage, request)
    [update, key] = [w for w in writes if "outbox" not in w]
    assert "state = 'agreed'" in update
    assert "due_at = '" in update
    assert key.startswith("DELETE FROM object_keys")
    assert "'asked'" in key

    # Marking a day indexes its week once ('kept week': what progress reads) ...
    writes = _writes(
        storage, lambda: kit.requests.record_follow_through(made.id, actor="ben", kept=False)
    )
    [update, key] = [w for w in writes if "outbox" not in w]
    assert "state =" not in update
    assert key.startswith("INSERT INTO object_keys")
    assert "'kept week'" in key
    assert _row(path, made.id) == _expected(storage, storage.load(Request, made.id))

    # ... and correcting it changes neither: only the body and the version are written.
    writes = _writes(
        storage, lambda: kit.requests.correct_follow_through(made.id, actor="ben", kept=True)
    )
    [update] = [w for w in writes if "outbox" not in w]
    assert "state =" not in update
    assert "due_at =" not in update
    assert _row(path, made.id) == _expected(storage, storage.load(Request, made.id))
    storage.close()


def test_a_storage_that_did_not_write_the_version_reads_the_keys_and_writes_the_changes(
    tmp_path,
):
    """A save of a version this storage did not write sets every column.

    It reads the stored keys, and writes only those that changed.
    """
    path = tmp_path / "couple.db"
    first = SQLiteStorage(path)
    kit = RepairKit(storage=first, clock=ManualClock(START))
    couple = invite_and_accept(kit, ("ana", "ben"), actor="ana").id
    made = kit.requests.draft(couple, actor="ana", need="rest", ask="an hour", time_box=BOX)

    second = SQLiteStorage(path)
    other = RepairKit(storage=second, clock=ManualClock(START))
    writes = _writes(second, lambda: other.requests.propose(made.id, actor="ana"))
    [update, key, relisted] = [w for w in writes if "outbox" not in w]
    assert relisted.startswith("UPDATE objects SET rowid")
    assert "state = 'proposed'" in update
    assert "due_at = NULL" in update
    assert key.startswith("INSERT INTO object_keys")
    assert "'asked'" in key
    assert _row(path, made.id) == _expected(second, second.load(Request, made.id))

    # The first remembers only the draft: accepting deletes the one key that goes.
    writes = _writes(first, lambda: kit.requests.accept(made.id, actor="ben"))
    [update, key] = [w for w in writes if "outbox" not in w]
    assert "state = 'agreed'" in update
    assert key.startswith("DELETE FROM object_keys")
    assert "'asked'" in key
    assert _row(path, made.id) == _expected(first, first.load(Request, made.id))
    first.close()
    second.close()
