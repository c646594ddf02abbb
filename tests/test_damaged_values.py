"""A damaged stored value is `CorruptData`, never read as valid, and nothing is stored after it.

For each registered workflow, a real object is written through the kit on SQLite;
then one field of its stored JSON gets a value of the wrong JSON type, chosen so
that a lax decoder would accept it (``"no"`` for a true/false, ``"1"`` for a
number, a number for a person's id, a text for a list). Reading it back and any
command on it raise `CorruptData`, and the following command stores nothing.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

import repairkit
from conftest import invite_and_accept
from repairkit import CorruptData, ManualClock, RepairKit
from repairkit.core import WorkflowSpec

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
PEOPLE = ("ana", "ben")
WITH_COMMANDS = [spec for spec in repairkit.WORKFLOWS if spec.safety is not None]

# How to damage a value so that calling its type on it (what cattrs does by default)
# would have "worked": each returns the damaged value, or None when it does not apply.
DAMAGES: dict[str, Callable[[object], object]] = {
    "a true/false as text": lambda v: "no" if type(v) is bool else None,
    "a number as text": lambda v: str(v) if type(v) is int else None,
    "a person's id as a number": lambda v: 5 if v in PEOPLE else None,
    "a list as text": lambda v: "ab" if type(v) is list and v and v[0] in PEOPLE else None,
}


def _first(options: Any) -> Any:
    return next(iter(options))


def _open(path: Path) -> RepairKit:
    return repairkit.open(path, clock=ManualClock(START))


def _make(kit: RepairKit, spec: WorkflowSpec) -> uuid.UUID:
    """Start a relationship and, for a workflow, make one of its objects; return the id."""
    couple = invite_and_accept(kit, PEOPLE, actor="ana")
    if spec.name == "relationship":
        return couple.id
    assert spec.safety is not None
    prepared = {}
    if spec.safety.prepare is not None:
        prepared = spec.safety.prepare(kit, couple.id, lambda name: name)
    arguments = spec.safety.create_arguments(_first, kit.clock.now())
    commands = getattr(kit, str(spec.namespace))
    made = getattr(commands, spec.safety.create)(couple.id, actor="ana", **arguments, **prepared)
    return made.id  # type: ignore[no-any-return]


def _read(kit: RepairKit, spec: WorkflowSpec, id: uuid.UUID) -> object:
    if spec.name == "relationship":
        return kit.relationships.get(id, actor="ana")
    return getattr(kit, str(spec.namespace)).get(id, actor="ana")


def _follow(kit: RepairKit, spec: WorkflowSpec, id: uuid.UUID) -> None:
    """Run a command on the object that would store something, were it readable."""
    if spec.name == "relationship":
        kit.relationships.pause(id, actor="ana")
        return
    assert spec.safety is not None
    move = min(spec.safety.exits)
    arguments = spec.safety.move_arguments(move, _first)
    getattr(getattr(kit, str(spec.namespace)), move)(id, actor="ana", **arguments)


def _rows(path: Path) -> tuple[object, ...]:
    with sqlite3.connect(path) as db:
        counts = tuple(
            db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608
            for table in ("objects", "events", "outbox")
        )
        bodies = tuple(db.execute("SELECT id, version, body FROM objects ORDER BY id"))
    return (*counts, bodies)


def _body(path: Path, id: uuid.UUID) -> str:
    with sqlite3.connect(path) as db:
        (text,) = db.execute("SELECT body FROM objects WHERE id = ?", (str(id),)).fetchone()
    db.close()
    return str(text)


def _write(path: Path, id: uuid.UUID, text: str) -> None:
    with sqlite3.connect(path) as db:
        db.execute("UPDATE objects SET body = ? WHERE id = ?", (text, str(id)))
    db.close()


def _damaged(text: str) -> Iterator[tuple[str, str, str]]:
    """Yield (damage, field, damaged text): each damage, on the first top-level field it fits."""
    body = json.loads(text)
    for name, damage in DAMAGES.items():
        for field, value in body.items():
            if (bad := damage(value)) is not None:
                yield name, field, json.dumps({**body, field: bad}, separators=(",", ":"))
                break


EVERY = [repairkit.WORKFLOWS.by_name["relationship"], *WITH_COMMANDS]


@pytest.mark.parametrize("spec", EVERY, ids=[spec.name for spec in EVERY])
def test_a_value_of_the_wrong_type_is_corrupt_data_and_nothing_is_stored(
    tmp_path: Path, spec: WorkflowSpec
):
    path = tmp_path / "couple.db"
    with _open(path) as kit:
        id = _make(kit, spec)
        assert _read(kit, spec, id) is not None
    sound = _body(path, id)
    met = []
    for damage, field, text in _damaged(sound):
        _write(path, id, text)
        before = _rows(path)
        with _open(path) as kit:  # a new storage: nothing of the sound row is remembered
            with pytest.raises(CorruptData) as caught:
                _read(kit, spec, id)
            assert (caught.value.kind, caught.value.id) == (spec.name, id), damage
            with pytest.raises(CorruptData):
                _follow(kit, spec, id)
        assert _rows(path) == before, f"{damage} in {field}: a later command stored something"
        met.append(damage)
        _write(path, id, sound)
    with _open(path) as kit:  # the sound row still reads
        assert _read(kit, spec, id) is not None
    assert len(met) >= 2, met


def test_a_kept_mark_stored_as_no_is_corrupt_data_not_kept(tmp_path: Path):
    """The case the issue found: ``"kept": false`` edited to ``"kept": "no"``."""
    path = tmp_path / "couple.db"
    clock = ManualClock(START)
    with repairkit.open(path, clock=clock) as kit:
        couple = invite_and_accept(kit, PEOPLE, actor="ana")
        request = kit.requests.draft(
            couple.id,
            actor="ana",
            need="to feel heard",
            ask="put the phone away at dinner",
            time_box=repairkit.TimeBox(
                starts_at=START, ends_at=START.replace(day=20), how_often="daily"
            ),
        )
        kit.requests.propose(request.id, actor="ana")
        kit.requests.accept(request.id, actor="ben")
        clock.advance(timedelta(hours=14))
        kit.requests.record_follow_through(request.id, actor="ben", kept=False)
    text = _body(path, request.id)
    assert '"kept":false' in text
    _write(path, request.id, text.replace('"kept":false', '"kept":"no"'))
    before = _rows(path)
    with repairkit.open(path, clock=clock) as kit:
        with pytest.raises(CorruptData):
            kit.requests.get(request.id, actor="ana")
        with pytest.raises(CorruptData):
            kit.requests.follow_through(request.id, actor="ana")
    assert _rows(path) == before


@pytest.mark.parametrize(
    ("what", "damage"),
    [
        (
            "a schedule as free text",
            lambda b: {**b, "time_box": {**b["time_box"], "how_often": "weekdays"}},
        ),
        ("a schedule as null", lambda b: {**b, "time_box": {**b["time_box"], "how_often": None}}),
        (
            "no one carrying the agreement out",
            lambda b: {k: v for k, v in b.items() if k != "carried_out_by"},
        ),
        ("no marks field", lambda b: {k: v for k, v in b.items() if k != "marks"}),
    ],
)
def test_an_old_layout_in_a_current_file_is_corrupt_data(tmp_path: Path, what: str, damage: Any):
    """The 0.1.0.dev0 layouts are migrated when a file opens; found later, they are damage."""
    path = tmp_path / "couple.db"
    clock = ManualClock(START)
    box = repairkit.TimeBox(starts_at=START, ends_at=START + timedelta(days=7), how_often="daily")
    with repairkit.open(path, clock=clock) as kit:
        couple = invite_and_accept(kit, PEOPLE, actor="ana")
        request = kit.requests.draft(couple.id, actor="ana", need="rest", ask="x", time_box=box)
        kit.requests.propose(request.id, actor="ana")
        kit.requests.accept(request.id, actor="ben")
    _write(path, request.id, json.dumps(damage(json.loads(_body(path, request.id)))))
    kit = repairkit.open(path, clock=clock)  # opens: the file is current, nothing to migrate
    try:
        with pytest.raises(CorruptData):
            kit.requests.get(request.id, actor="ana")
    finally:
        kit.close()
