"""SQLite files: damaged rows raise CorruptData alone; files that are not ours stay untouched."""

from __future__ import annotations

import logging
import sqlite3
import uuid
from datetime import timedelta
from pathlib import Path

import pytest

import repairkit
from conftest import START, invite_and_accept
from repairkit import CorruptData, ManualClock, StorageError, TimeBox
from repairkit.adapters import SQLiteStorage
from repairkit.requests import Request, RequestState

NEED = "to feel we are a team at home"
ASK = "plan the week's meals together on Sunday evenings"


def _damage(path: Path, table: str, id: object, body: str) -> None:
    with sqlite3.connect(path) as db:
        db.execute(f"UPDATE {table} SET body = ? WHERE id = ?", (body, str(id)))  # noqa: S608


@pytest.fixture
def story(tmp_path):
    """A SQLite kit with two agreed requests whose time boxes have ended."""
    clock = ManualClock(START)
    path = tmp_path / "couple.db"
    kit = repairkit.open(path, clock=clock)
    couple = invite_and_accept(kit, ("ana", "ben"), actor="ana")
    box = TimeBox(starts_at=START, ends_at=START + timedelta(days=2))
    requests = []
    for _ in range(2):
        request = kit.requests.draft(couple.id, actor="ana", need=NEED, ask=ASK, time_box=box)
        kit.requests.propose(request.id, actor="ana")
        requests.append(kit.requests.accept(request.id, actor="ben"))
    yield kit, path, couple, requests, clock
    kit.close()


@pytest.mark.parametrize("body", ["{not json", '{"id": 5}', "[]", '{"state": "flying"}'])
def test_a_damaged_object_raises_corrupt_data_naming_it_and_others_still_load(story, body):
    """Get and find name the damaged row; other objects load as before."""
    _kit, path, couple, (bad, good), _clock = story
    _damage(path, "objects", bad.id, body)
    other = repairkit.open(path)  # a fresh connection: nothing remembered
    try:
        with pytest.raises(CorruptData) as raised:
            other.requests.get(bad.id, actor="ana")
        assert (raised.value.kind, raised.value.id) == ("request", bad.id)
        assert other.requests.get(good.id, actor="ana").state is RequestState.AGREED
        with pytest.raises(CorruptData) as listed:
            other.requests.find(couple.id, actor="ana")
        assert listed.value.id == str(bad.id)
        assert isinstance(raised.value, StorageError)
    finally:
        other.close()


def test_a_damaged_event_raises_corrupt_data_naming_it(story):
    """Events and history name the damaged event; the object itself still loads."""
    kit, path, _couple, (bad, _good), _clock = story
    event = kit.requests.events(bad.id, actor="ana")[-1]
    _damage(path, "events", event.id, '{"type": "request.unheard_of"}')
    with pytest.raises(CorruptData) as raised:
        kit.requests.history(bad.id, actor="ana")
    assert (raised.value.kind, raised.value.id) == ("event", str(event.id))
    other = repairkit.open(path)  # a fresh connection: nothing remembered of its last moves
    try:  # (the kit that wrote them keeps what it wrote, as it keeps the objects it saved)
        shown = other.requests.get(bad.id, actor="ana")  # who was told of its last move:
        assert shown.state is RequestState.AGREED  # unknown, so its time shows to the day
        assert shown.changed_at is not None
        assert (shown.changed_at.hour, shown.changed_at.minute) == (0, 0)
    finally:
        other.close()


def test_a_damaged_due_object_is_passed_over_and_the_others_move_on(story, caplog):
    """run_due logs the damaged row by kind and id and completes the others."""
    _kit, path, _couple, (bad, good), clock = story
    _damage(path, "objects", bad.id, "{not json")
    clock.advance(timedelta(days=5))
    other = repairkit.open(path, clock=clock)
    try:
        with caplog.at_level(logging.WARNING, logger="repairkit"):
            events = other.timers.run_due()
        assert [e.subject_id for e in events] == [good.id]
        assert str(bad.id) in caplog.text
        assert NEED not in caplog.text
    finally:
        other.close()


def test_a_damaged_notification_is_passed_over(story):
    """A notification that cannot be read back never holds back the others."""
    kit, path, _couple, _requests, _clock = story
    pending = kit.outbox.pending()
    _damage(path, "outbox", pending[0].id, "{not json")
    assert [n.id for n in kit.outbox.pending()] == [n.id for n in pending[1:]]


# -- files that are not ours -------------------------------------------------------------


def _other_apps_file(path: Path) -> None:
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
        db.execute("INSERT INTO customers (name) VALUES ('Ada')")
        db.execute("PRAGMA user_version = 7")


def _file_with_its_own_objects_table(path: Path) -> None:
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE objects (id TEXT, colour TEXT)")


def _file_of_another_application_id(path: Path) -> None:
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE notes (body TEXT)")
        db.execute("PRAGMA application_id = 1234")


def _not_a_database(path: Path) -> None:
    path.write_text("shopping list: eggs, flour\n", encoding="utf-8")


@pytest.mark.parametrize(
    "make",
    [
        _other_apps_file,
        _file_with_its_own_objects_table,
        _file_of_another_application_id,
        _not_a_database,
    ],
)
def test_a_file_that_is_not_ours_is_refused_and_left_byte_for_byte(tmp_path, make):
    """No table is added, no version rewritten, no switch to WAL; the bytes stay the same."""
    path = tmp_path / "theirs.db"
    make(path)
    before = path.read_bytes()
    with pytest.raises(StorageError):
        SQLiteStorage(path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["theirs.db"]


def test_an_empty_file_becomes_ours_and_is_marked_so(tmp_path):
    """A new file gets repairkit's tables and application id, and opens again."""
    path = tmp_path / "new.db"
    path.touch()
    SQLiteStorage(path).close()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA application_id").fetchone() == (0x524B4954,)
    storage = SQLiteStorage(path)
    assert storage.load_all(Request, uuid.uuid4()) == []
    storage.close()
