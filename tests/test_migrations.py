"""A store written by an earlier release opens, migrates and reads back unchanged."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import uuid
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import attrs
import pytest

import repairkit
from repairkit import WORKFLOWS, ManualClock, Notification, Relationship, Schedule, StorageError
from repairkit.adapters import SQLiteStorage
from repairkit.adapters.sqlite import SCHEMA_VERSION
from repairkit.requests import Request, RequestRules, RequestState

FIXTURES = Path(__file__).parent / "fixtures"


def _stored_english(notes: list[Notification]) -> list[dict[str, object]]:
    """The notifications' plain forms, less their language: English (stored before it was kept)."""
    assert {note.language for note in notes} <= {"en"}
    plain = [_plain(note) for note in notes]
    return [{k: v for k, v in p.items() if k != "language"} for p in plain if isinstance(p, dict)]


def _plain(value: object) -> object:
    """The same plain form tests/fixtures/make_v1_store.py wrote the expectations in.

    A schedule was free text in 0.1.0.dev0; the migration stores "weekdays" as
    `Schedule.weekdays()`, whose plain words are that same text.
    """
    if isinstance(value, Schedule):
        return str(value)
    if attrs.has(type(value)):
        # `untold` and `new_item` came later, at their default (False) for every stored event.
        fields = attrs.asdict(value, recurse=False).items()
        return {k: _plain(v) for k, v in fields if not (k in ("untold", "new_item") and v is False)}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    if value is None or isinstance(value, bool | int):
        return value
    return str(value)


@pytest.fixture
def v1_file(tmp_path: Path) -> Path:
    """A copy of the store that 0.1.0.dev0 wrote (schema 1)."""
    path = tmp_path / "v1.db"
    shutil.copyfile(FIXTURES / "v1_store.db", path)
    return path


@pytest.fixture
def expected() -> dict[str, object]:
    """What the old release read from that store, as plain values."""
    return json.loads((FIXTURES / "v1_store.json").read_text(encoding="utf-8"))


def _schema(path: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(path) as db:
        rows = db.execute(
            "SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name"
        ).fetchall()

    def norm(sql: str) -> str:
        flat = " ".join(sql.replace("IF NOT EXISTS ", "").split())
        flat = re.sub(r"\s*,\s*", ", ", flat)
        return re.sub(r"\s*\)", ")", re.sub(r"\(\s*", "(", flat))

    return [(name, norm(sql)) for name, sql in rows]


def test_the_old_file_is_at_schema_1():
    """The committed fixture really is in the old layout (so this test proves a migration)."""
    path = FIXTURES / "v1_store.db"
    assert path.exists(), "the fixture file is missing"
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        assert db.execute("PRAGMA user_version").fetchone() == (1,)
        body = db.execute("SELECT body FROM events ORDER BY seq LIMIT 1").fetchone()[0]
    assert json.loads(body)["type"] == "RelationshipStarted"


def _in_force_left_out(request: dict[str, object]) -> None:
    """A request's rules and time zone are the relationship's in force, given at every read.

    No longer stored (schema 7): a storage alone reads repairkit's defaults.
    """
    assert (request.pop("rules"), request.pop("time_zone")) == (_plain(RequestRules()), "UTC")


_ADDED_NONE = ("feeling", "from_observation", "from_check_in")
"""A request's fields added later that an old row reads as None."""


def test_an_old_store_reads_back_every_object_and_event_unchanged(v1_file, expected):
    """Every object, event and pending notification of the old store reads back as it was."""
    storage = SQLiteStorage(v1_file)
    try:
        old = expected["relationship"]
        relationship = storage.load(Relationship, repairkit_uuid(old["id"]))
        new = _plain(relationship)
        assert new.pop("changed_at") is None  # a field added later: unknown for old rows
        assert new.pop("proposal") is None  # no settings were awaiting an answer
        assert new.pop("paused") == []  # nobody had paused
        assert new.pop("quiet_hours") == []  # a field added later: nobody had set any
        assert new.pop("private_moves") == []
        assert new.pop("heard_no") == []  # a field added later: no suggestion waits
        # Rules added later read as their defaults.
        added_later = {"max_time_box_days": 31, "reask_wait_hours": 24}
        assert new["settings"] == {
            "rules": [{**old["settings"]["requests"], **added_later}],
            "time_zone": old["settings"]["time_zone"],
        }
        assert {k: v for k, v in new.items() if k != "settings"} == {
            k: v for k, v in old.items() if k != "settings"
        }
        assert relationship.settings.of(RequestRules).max_rounds == 2
        requests = storage.load_all(Request, relationship.id)
        plain = [_plain(r) for r in requests]
        assert [r.pop("changed_at") for r in plain] == [None] * len(plain)
        # The migration names who carries out an agreement of 0.1.0.dev0: its recipient
        # (the default at acceptance). Its marks were made by either partner, unowned, so
        # they count nowhere now (they stay in its events).
        for old_request, new_request in zip(expected["requests"], plain, strict=True):
            for gone in ("kept", "missed", "recent_occurrences"):
                old_request.pop(gone)
            agreed = old_request["agreed_at"] is not None
            assert new_request.pop("carried_out_by") == (
                old_request["recipient"] if agreed else None
            )
            # Fields added later: no feeling, made from no observation nor check-in.
            assert [new_request.pop(f) for f in _ADDED_NONE] == [None] * len(_ADDED_NONE)
            assert new_request.pop("other_asks") == []
            assert new_request.pop("marks") == new_request.pop("notices") == []
            assert new_request.pop("reviews") == []
            assert new_request.pop("heard_no") == []
            assert new_request.pop("reopen_asked") is new_request.pop("resume_asked") is None
            assert new_request.pop("proposed_version") is None  # its versions stay as they were
            offer = new_request["latest_offer"]
            if offer is not None:
                assert (offer.pop("other_asks"), offer.pop("carried_out_by")) == ([], None)
            _in_force_left_out(new_request)
        assert plain == [
            {k: v for k, v in r.items() if k not in ("rules", "time_zone")}
            for r in expected["requests"]
        ]
        recipients = {r["id"]: r["recipient"] for r in expected["requests"]}
        events = storage.relationship_events(relationship.id)
        assert len(events) == len(expected["events"])
        for event, old_event in zip(events, expected["events"], strict=True):
            assert type(event).__name__ == old_event.pop("type")
            plain = _plain(event)
            if "need" in old_event:  # content events added these fields later
                assert (plain.pop("feeling"), plain.pop("other_asks")) == (None, [])
            if "offered_by" in old_event:  # an agreement was carried out by its recipient then
                assert plain.pop("carried_out_by") == recipients[old_event["subject_id"]]
            if "settings" in old_event:
                assert plain.pop("settings")["time_zone"] == old_event.pop("settings")["time_zone"]
            assert plain == old_event
        assert _pending(storage) == expected["pending"]
    finally:
        storage.close()


def _pending(storage: SQLiteStorage) -> list[Any]:
    """The pending notifications, each without the workflow it names, once that is checked."""
    pending = _stored_english(storage.pending_notifications(limit=1000))
    # A field added later: an old notification names the workflow its kind belongs to.
    kinds = {k.value: spec.name for spec in WORKFLOWS for k in spec.notice_kinds}
    assert [n.pop("workflow") for n in pending] == [kinds[n["kind"]] for n in pending]
    assert {kinds[n["kind"]] for n in pending} == {"request", "relationship"}
    return pending


def repairkit_uuid(text: str) -> uuid.UUID:
    return uuid.UUID(text)


def test_a_migrated_store_has_the_schema_of_a_new_one(v1_file, tmp_path):
    """Migrating step by step ends where a new file starts, version and all."""
    SQLiteStorage(v1_file).close()
    SQLiteStorage(tmp_path / "new.db").close()
    assert _schema(v1_file) == _schema(tmp_path / "new.db")
    with sqlite3.connect(v1_file) as db:
        assert db.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
        assert [v for (v,) in db.execute("SELECT version FROM schema_migrations")] == list(
            range(2, SCHEMA_VERSION + 1)
        )
        assert db.execute("PRAGMA application_id").fetchone() == (0x524B4954,)


def test_a_migrated_store_keeps_working(v1_file, expected):
    """Commands go on from where the old release left off, on the migrated file."""
    kit = repairkit.open(v1_file, clock=ManualClock(datetime(2026, 3, 3, 10, tzinfo=UTC)))
    try:
        relationship_id = repairkit_uuid(expected["relationship"]["id"])
        (proposed,) = kit.requests.find(
            relationship_id, actor="ana", states=[RequestState.PROPOSED]
        )
        agreed = kit.requests.accept(proposed.id, actor="ana")
        assert agreed.state is RequestState.AGREED
        assert kit.requests.history(proposed.id, actor="ben").agreement is not None
    finally:
        kit.close()


def test_opening_twice_migrates_once(v1_file):
    """A second open finds the file current and changes nothing."""
    SQLiteStorage(v1_file).close()
    before = v1_file.read_bytes()
    SQLiteStorage(v1_file).close()
    assert v1_file.read_bytes() == before


def test_a_file_from_a_newer_release_is_refused_and_left_unchanged(tmp_path):
    """A schema newer than this release knows is refused with StorageError, byte for byte kept."""
    path = tmp_path / "newer.db"
    SQLiteStorage(path).close()
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    before = path.read_bytes()
    with pytest.raises(StorageError, match="newer release"):
        SQLiteStorage(path)
    assert path.read_bytes() == before
