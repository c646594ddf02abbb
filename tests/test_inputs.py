"""Every public argument is checked at the boundary: a typed error, and nothing stored."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

import repairkit
from conftest import BOX, invite_and_accept
from repairkit import InvalidInput, ManualClock, RelationshipSettings, RepairKit, TimeBox
from repairkit.requests import RequestState

NEED = "to feel we are a team at home"
ASK = "plan the week's meals together on Sunday evenings"
LONE = "\ud800"


def _stored(kit: RepairKit, couple: repairkit.Relationship) -> tuple[object, ...]:
    storage = kit._storage
    return (
        [e.id for e in storage.relationship_events(couple.id)],
        len(storage.pending_notifications(limit=10_000)),
    )


@pytest.mark.parametrize(
    "call",
    [
        lambda kit, c: kit.requests.draft(c.id, actor="ana", need=LONE, ask=ASK, time_box=BOX),
        lambda kit, c: kit.requests.draft(
            c.id, actor="ana", need=NEED, ask=f"ok {LONE}", time_box=BOX
        ),
        lambda kit, c: kit.requests.draft(c.id, actor=LONE, need=NEED, ask=ASK, time_box=BOX),
        lambda kit, c: invite_and_accept(kit, ("ana", LONE), actor="ana"),
    ],
    ids=["need", "ask", "actor", "partner"],
)
def test_text_no_storage_can_keep_is_refused_alike(kit, couple, call):
    """A lone surrogate is refused with InvalidInput on memory and SQLite alike."""
    before = _stored(kit, couple)
    with pytest.raises(InvalidInput):
        call(kit, couple)
    assert _stored(kit, couple) == before


@pytest.mark.parametrize(
    ("starts", "ends"),
    [
        (datetime(2026, 3, 2, tzinfo=UTC), datetime.max.replace(tzinfo=UTC)),
        (datetime(1, 1, 1, tzinfo=UTC), datetime(2026, 3, 9, tzinfo=UTC)),
        (datetime(2026, 3, 2, tzinfo=UTC), datetime(9000, 1, 2, tzinfo=UTC)),
    ],
)
def test_a_time_box_outside_the_years_repairkit_knows_is_refused(starts, ends):
    """Dates near the ends of the calendar are refused up front, never overflow later."""
    with pytest.raises(InvalidInput, match="1900 to 9000"):
        TimeBox(starts_at=starts, ends_at=ends)


def test_a_far_but_allowed_time_box_can_be_agreed_and_completed(kit, couple, clock):
    """The latest allowed end still leaves room for the grace period: nothing overflows."""
    clock.set(datetime(8999, 12, 2, tzinfo=UTC))  # time boxes last at most 31 days
    box = TimeBox(starts_at=clock.now(), ends_at=datetime(9000, 1, 1, tzinfo=UTC))
    request = kit.requests.draft(couple.id, actor="ana", need=NEED, ask=ASK, time_box=box)
    kit.requests.propose(request.id, actor="ana")
    assert kit.requests.accept(request.id, actor="ben").state is RequestState.AGREED
    clock.set(datetime(8999, 12, 31, 23, tzinfo=UTC))
    assert [e.to_state for e in kit.timers.run_due()] == []


@pytest.mark.parametrize(
    "settings",
    [
        lambda: RelationshipSettings(rules=5),
        lambda: RelationshipSettings(rules="x"),
        lambda: RelationshipSettings(rules=[{"max_rounds": 2}]),
        lambda: RelationshipSettings(time_zone=["UTC"]),
        lambda: RelationshipSettings(time_zone=5),
    ],
)
def test_settings_that_do_not_fit_are_refused_when_made(settings):
    """Settings are checked when built, not when a workflow first reads them."""
    with pytest.raises(InvalidInput):
        settings()


@pytest.mark.parametrize("states", [5, None.__class__, [5], "agreed", [RequestState.AGREED, 1]])
def test_find_refuses_states_that_are_not_a_list_of_states(kit, couple, states):
    """A non-iterable or a list with something else in it is InvalidInput."""
    with pytest.raises(InvalidInput, match="states"):
        kit.requests.find(couple.id, actor="ana", states=states)


@pytest.mark.parametrize("limit", [1.5, "x", None, 2**63, -1, True])
def test_limits_are_whole_numbers_in_range(kit, couple, limit):
    """Every limit is a whole number from 0 to 10,000, the same on every storage."""
    for call in (
        kit.outbox.pending,
        kit.outbox.parked,
        kit.outbox.deliver_pending,
        kit.timers.run_due,
    ):
        with pytest.raises(InvalidInput, match="limit"):
            call(limit=limit)


@pytest.mark.parametrize("ids", [uuid.uuid4(), "not-a-list", 5, [5], ["nope"]])
def test_id_lists_are_lists_of_ids(kit, couple, ids):
    """mark_delivered and retry_parked need a list of ids."""
    with pytest.raises(InvalidInput, match="notification_ids"):
        kit.outbox.mark_delivered(ids)
    with pytest.raises(InvalidInput, match="notification_ids"):
        kit.outbox.retry_parked(ids)


def test_an_occurrence_given_as_zero_is_refused_not_taken_for_today(kit, couple, clock):
    """Only None means today; any other non-date is InvalidInput."""
    box = TimeBox(starts_at=clock.now(), ends_at=clock.now() + timedelta(days=7))
    request = kit.requests.draft(couple.id, actor="ana", need=NEED, ask=ASK, time_box=box)
    kit.requests.propose(request.id, actor="ana")
    kit.requests.accept(request.id, actor="ben")
    for bad in (0, "", False):
        with pytest.raises(InvalidInput, match="occurrence"):
            kit.requests.record_follow_through(request.id, actor="ben", kept=True, occurrence=bad)


@pytest.mark.parametrize("path", [5, True, b"x.db", ["x.db"], "with\x00nul.db", ""])
def test_open_refuses_what_is_not_a_path_and_creates_no_file(tmp_path, monkeypatch, path):
    """repairkit.open checks its path first: no file named '5' or 'True' appears."""
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InvalidInput, match="path"):
        repairkit.open(path)
    assert list(Path(tmp_path).iterdir()) == []


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"clock": "system"}, "clock"),
        ({"notifier": 5}, "notifier"),
        ({"notifier": print}, "notifier"),
    ],
)
def test_open_refuses_plug_ins_that_do_not_fit_before_creating_a_file(tmp_path, arguments, field):
    """A clock without now() or a notifier without notify() is refused up front."""
    path = tmp_path / "couple.db"
    with pytest.raises(InvalidInput, match=field):
        repairkit.open(path, **arguments)
    assert not path.exists()


def test_a_kit_refuses_a_storage_that_does_not_fit():
    """A storage lacking a method of the protocol is refused by name."""
    with pytest.raises(InvalidInput, match="storage"):
        RepairKit(storage=object())  # type: ignore[arg-type]


@pytest.mark.parametrize("delta", ["1h", 5, None])
def test_the_manual_clock_needs_a_timedelta(delta):
    """advance() takes a timedelta and nothing else."""
    with pytest.raises(InvalidInput, match="delta"):
        ManualClock(datetime(2026, 3, 2, tzinfo=UTC)).advance(delta)


def test_the_manual_clock_cannot_run_past_the_years_repairkit_knows():
    """Advancing past the end of time is InvalidInput, and the clock stays where it was."""
    clock = ManualClock(datetime(2026, 3, 2, tzinfo=UTC))
    for delta in (timedelta.max, timedelta(days=365 * 8000)):
        with pytest.raises(InvalidInput, match="delta"):
            clock.advance(delta)
    assert clock.now() == datetime(2026, 3, 2, tzinfo=UTC)
