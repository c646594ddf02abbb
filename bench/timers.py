"""Timer benchmarks, run by ``bench/run.py`` (each a ratio against a baseline, same process).

1. ``due_scale``: finding the due objects (``storage.claim_due``, what ``kit.timers.run_due``
   starts with) among 1,000,000 stored objects, against among 10,000, the same 100 due
   in both. The due-at index makes it a range scan, so the ratio should stay near 1;
   target <= 2. The not-due rows are written raw (half with no deadline, half with one
   far ahead): they are never read, only indexed.
2. ``fire_10k``: ``kit.timers.run_due()`` firing 10,000 due agreements (each completes, one
   transaction with its row, event and two notifications) on a SQLite file, against
   raw `sqlite3` making the very same row writes (taken from the library's file) on a
   copy of the file as it was before, one transaction per object. Target >= 0.3.
"""

from __future__ import annotations

import shutil
import sqlite3
import time
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from repairkit import ManualClock, RepairKit, TimeBox
from repairkit.adapters import SQLiteStorage
from repairkit.adapters.sqlite import PRAGMAS
from repairkit.ports import Change, Saved
from repairkit.requests import Request, RequestRules

__all__ = ["run_all"]

DUE = 100
FIRE = 10_000
BATCH = 1_000
FAR = "9000-01-01T00:00:00.000000+00:00"


def _connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, isolation_level=None)
    for pragma in PRAGMAS:
        db.execute(pragma)
    return db


def _insert(table: str, columns: list[str]) -> str:
    marks = ", ".join("?" * len(columns))
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"


def _agreements(kit: RepairKit, start: datetime, count: int, texts: tuple[str, str, str]) -> None:
    """Store *count* agreed requests whose time boxes end a week after *start*."""
    need, ask, observation = texts
    invitation = kit.relationships.invite("ben", actor="ana")
    relationship = kit.relationships.accept_invitation(invitation.id, actor="ben")
    rules = relationship.settings.of(RequestRules)
    box = TimeBox(starts_at=start, ends_at=start + timedelta(days=7))
    saves: list[Saved] = []
    events: list[Any] = []
    for i in range(count):
        request, drafted = Request.draft(
            relationship_id=relationship.id,
            asker="ana",
            recipient="ben",
            need=f"{need} ({i})",
            ask=ask,
            observation=observation,
            time_box=box,
            rules=rules,
            at=start,
        )
        events += [
            drafted,
            request.propose(actor="ana", at=start),
            request.accept(actor="ben", at=start),
        ]
        saves.append(Saved(request, 0))
        if len(saves) == BATCH or i == count - 1:
            kit._storage.commit(Change(saves=tuple(saves), events=tuple(events)))
            saves, events = [], []


def _fill_not_due(path: Path, count: int) -> None:
    db = _connect(path)
    body = db.execute("SELECT body FROM objects LIMIT 1").fetchone()[0]
    relationship = str(uuid.uuid4())
    db.execute("BEGIN")
    db.executemany(
        "INSERT INTO objects (id, kind, relationship_id, version, state, due_at, body)"
        " VALUES (?, 'request', ?, 1, 'drafted', ?, ?)",
        ((str(uuid.uuid4()), relationship, FAR if i % 2 else None, body) for i in range(count)),
    )
    db.execute("COMMIT")
    db.close()


def _due_scale(
    folder: Path,
    result_type: Any,
    best_of: Callable[..., Any],
    start: datetime,
    texts: tuple[str, str, str],
) -> Any:
    times: dict[int, float] = {}
    now = start + timedelta(days=9)
    for size in (10_000, 1_000_000):
        path = folder / f"due-{size}.db"
        with RepairKit(storage=SQLiteStorage(path), clock=ManualClock(start)) as kit:
            _agreements(kit, start, DUE, texts)
        _fill_not_due(path, size - DUE)
        storage = SQLiteStorage(path)
        found = storage.claim_due(now, limit=DUE)
        assert len(found) == DUE, f"found {len(found)} due among {size}"
        best, _ = best_of(lambda s=storage: s.claim_due(now, limit=DUE), lambda: None, 15)
        times[size] = best
        storage.close()
    small, big = times[10_000], times[1_000_000]
    return result_type(
        "due_scale",
        f"{big * 1e3:.2f} ms among 1,000,000",
        f"{small * 1e3:.2f} ms among 10,000",
        big / small,
        2.0,
        "<=",
    )


def _fire(folder: Path, result_type: Any, start: datetime, texts: tuple[str, str, str]) -> Any:
    path, copy = folder / "fire.db", folder / "fire-raw.db"
    with RepairKit(storage=SQLiteStorage(path), clock=ManualClock(start)) as kit:
        _agreements(kit, start, FIRE, texts)
    shutil.copyfile(path, copy)
    db = _connect(path)
    events_before = db.execute("SELECT max(seq) FROM events").fetchone()[0]
    outbox_before = db.execute("SELECT coalesce(max(seq), 0) FROM outbox").fetchone()[0]
    db.close()

    clock = ManualClock(start + timedelta(days=9))
    with RepairKit(storage=SQLiteStorage(path), clock=clock) as kit:
        began = time.perf_counter()
        fired = kit.timers.run_due(limit=FIRE)
        library = time.perf_counter() - began
    assert len(fired) == FIRE, f"fired {len(fired)} of {FIRE}"

    # The very same writes, raw: per object, its row, its event and its notifications.
    db = _connect(path)
    event_columns = [r[1] for r in db.execute("PRAGMA table_info(events)") if r[1] != "seq"]
    outbox_columns = [r[1] for r in db.execute("PRAGMA table_info(outbox)") if r[1] != "seq"]
    rows = {
        id: (version, state, due_at, body)
        for id, version, state, due_at, body in db.execute(
            "SELECT id, version, state, due_at, body FROM objects"
        )
    }
    events = db.execute(
        f"SELECT {', '.join(event_columns)} FROM events WHERE seq > ? ORDER BY seq",
        (events_before,),
    ).fetchall()
    subject = event_columns.index("subject_id")
    notes = db.execute(
        f"SELECT {', '.join(outbox_columns)} FROM outbox WHERE seq > ? ORDER BY seq",
        (outbox_before,),
    ).fetchall()
    db.close()
    per_event = len(notes) // len(events)  # each completion tells both partners
    assert len(notes) == per_event * len(events)
    raw = _connect(copy)
    insert_event, insert_note = (
        _insert(table, columns)
        for table, columns in (("events", event_columns), ("outbox", outbox_columns))
    )
    began = time.perf_counter()
    for n, event in enumerate(events):
        id = event[subject]
        version, state, due_at, body = rows[id]
        raw.execute("BEGIN IMMEDIATE")
        raw.execute(
            "UPDATE objects SET version = ?, state = ?, due_at = ?, body = ?"
            " WHERE id = ? AND version = ?",
            (version, state, due_at, body, id, version - 1),
        )
        raw.execute(insert_event, event)
        for note in notes[n * per_event : (n + 1) * per_event]:
            raw.execute(insert_note, note)
        raw.execute("COMMIT")
    baseline = time.perf_counter() - began
    raw.close()
    return result_type(
        "fire_10k",
        f"{FIRE / library:,.0f} timers/s",
        f"{FIRE / baseline:,.0f} raw/s",
        (FIRE / library) / (FIRE / baseline),
        0.3,
        ">=",
    )


def run_all(
    result_type: Any,
    best_of: Callable[..., Any],
    start: datetime,
    texts: tuple[str, str, str],
    folder: Path,
) -> list[Any]:
    """Run the timer benchmarks in *folder*; return their results."""
    return [
        _due_scale(folder, result_type, best_of, start, texts),
        _fire(folder, result_type, start, texts),
    ]
