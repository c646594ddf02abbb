"""Setbacks age out (safety rule 10): the other partner reads no day older than the window."""

from __future__ import annotations

from datetime import timedelta

import pytest

from conftest import BOX, START
from repairkit import RepairKit
from repairkit.core.events import DomainEvent, seen_by
from repairkit.requests import NoticeStatus

NEED = "to feel we are a team at home"
ASK = "wash the dinner dishes by 10 pm"
ALTERNATIVE = "I wash the dinner dishes by 10 pm"
MONDAY = START.date()
WINDOW = 14
"""`RequestRules.follow_through_window_days` by default."""
DAY_EVENTS = {
    "request.miss_noticed",
    "request.notice_acknowledged",
    "request.follow_through_recorded",
    "request.follow_through_corrected",
    "request.seen_differently",
    "request.notice_withdrawn",
}


def missed_day_owned(kit: RepairKit, couple, committed: str):
    """An agreement *committed* carries out; the other notes Monday, *committed* owns it."""
    other = "ben" if committed == "ana" else "ana"
    request = kit.requests.draft(couple.id, actor="ana", need=NEED, ask=ASK, time_box=BOX)
    kit.requests.propose(request.id, actor="ana")
    if committed == "ana":  # Ben offers that Ana carries it out, and she agrees
        kit.requests.propose_alternative(
            request.id, actor="ben", ask=ALTERNATIVE, carried_out_by="ana"
        )
        request = kit.requests.accept(request.id, actor="ana")
    else:
        request = kit.requests.accept(request.id, actor="ben")
    assert request.carried_out_by == committed
    kit.requests.notice_missed(request.id, actor=other)
    kit.requests.acknowledge_notice(request.id, actor=committed)
    return request, other


def days_read(kit: RepairKit, couple, request_id, person: str) -> dict[str, object]:
    """What *person* reads of Monday's follow-through on every read path."""
    got = kit.requests.get(request_id, actor=person)
    [found] = kit.requests.find(couple.id, actor=person)
    events = kit.requests.events(request_id, actor=person)
    all_events = kit.relationships.events(couple.id, actor=person)
    history = kit.requests.history(request_id, actor=person)
    counts = kit.requests.follow_through(request_id, actor=person)
    return {
        "get": ([m.occurrence for m in got.marks], [n.occurrence for n in got.notices]),
        "find": ([m.occurrence for m in found.marks], [n.occurrence for n in found.notices]),
        "events": [e.TAG for e in events if e.TAG in DAY_EVENTS],
        "relationship_events": [e.TAG for e in all_events if e.TAG in DAY_EVENTS],
        "history": [o.on for o in history.occurrences],
        "counts": (counts.kept, counts.not_kept),
        "version": got.version,
    }


@pytest.mark.parametrize("committed", ["ben", "ana"])
def test_a_missed_day_is_read_by_both_inside_the_window_and_only_by_its_owner_after(
    kit, couple, clock, committed
):
    """A day after, both read the owned miss everywhere; past the window only its owner does."""
    request, other = missed_day_owned(kit, couple, committed)
    noted = ["request.miss_noticed", "request.notice_acknowledged"]
    clock.advance(timedelta(days=1))
    versions = {}
    for person in (committed, other):
        read = days_read(kit, couple, request.id, person)
        assert read["get"] == read["find"] == ([MONDAY], [MONDAY])
        assert read["events"] == read["relationship_events"] == noted
        assert read["counts"] == (0, 1)
        versions[person] = read["version"]

    clock.advance(timedelta(days=WINDOW))  # Monday is now window + 1 days ago
    own = days_read(kit, couple, request.id, committed)
    assert own["get"] == own["find"] == ([MONDAY], [MONDAY])  # their own record, still theirs
    assert own["events"] == own["relationship_events"] == noted
    seen = days_read(kit, couple, request.id, other)
    assert seen["get"] == seen["find"] == ([], [])
    assert seen["events"] == seen["relationship_events"] == []
    assert seen["history"] == own["history"] == []  # counts and history cover the window only
    assert seen["counts"] == own["counts"] == (0, 0)
    assert (own["version"], seen["version"]) == (versions[committed], versions[other])


def test_a_command_made_after_the_window_returns_no_aged_day(kit, couple, clock):
    """The request a move returns to the other partner holds no day older than the window."""
    request, _ = missed_day_owned(kit, couple, "ben")
    before = kit.requests.get(request.id, actor="ana").version
    clock.advance(timedelta(days=WINDOW + 1))
    ending = kit.requests.propose_ending(request.id, actor="ana")
    assert (ending.marks, ending.notices) == ((), ())
    assert ending.version == before + 1  # the aged moves keep their place in the numbering
    answered = kit.requests.keep_going(request.id, actor="ben")
    assert [(m.occurrence, m.kept) for m in answered.marks] == [(MONDAY, False)]
    assert answered.notices[0].status is NoticeStatus.ACKNOWLEDGED


def test_the_aged_events_keep_their_versions_and_the_rest_read_the_same(kit, couple, clock):
    """Only the aged day's events leave the other's list; the rest are the same events."""
    request, _ = missed_day_owned(kit, couple, "ben")
    clock.advance(timedelta(days=1))
    kit.requests.record_follow_through(request.id, actor="ben", kept=True)  # Tuesday, kept
    before = kit.requests.events(request.id, actor="ana")
    clock.advance(timedelta(days=WINDOW))  # Monday aged out, Tuesday is on the window's edge
    after = kit.requests.events(request.id, actor="ana")
    assert [e for e in before if e.TAG not in DAY_EVENTS or e.occurrence != MONDAY] == after
    assert [e.version for e in after] == sorted({e.version for e in after})
    marks = kit.requests.get(request.id, actor="ana").marks
    assert [(m.occurrence, m.kept) for m in marks] == [(MONDAY + timedelta(days=1), True)]


def test_a_finished_agreement_shows_the_other_no_aged_day(kit, couple, clock):
    """After completion the last window's marks stay readable only to the one who kept them."""
    request, _ = missed_day_owned(kit, couple, "ben")
    clock.advance(timedelta(days=1))
    kit.requests.propose_ending(request.id, actor="ana")
    kit.requests.confirm_ending(request.id, actor="ben")
    assert kit.requests.get(request.id, actor="ana").marks  # a day later, both still read it
    clock.advance(timedelta(days=60))
    assert kit.requests.get(request.id, actor="ana").marks == ()
    assert kit.requests.get(request.id, actor="ben").marks
    tags = {e.TAG for e in kit.relationships.events(couple.id, actor="ana")}
    assert not tags & DAY_EVENTS
    assert "request.completed" in tags


def test_seen_by_asks_only_about_events_that_age_out(kit, couple):
    """An event type that does not declare AGES_OUT is never left out as aged."""
    events = kit.relationships.events(couple.id, actor="ana")
    asked: list[DomainEvent] = []

    def aged_out(event: DomainEvent) -> bool:
        asked.append(event)
        return True

    assert seen_by(events, "ana", aged_out=aged_out) == events
    assert asked == []


@pytest.mark.parametrize("settled", [True, False], ids=["settled", "window passed"])
def test_a_crossing_past_its_window_leaves_the_others_relationship_events(
    kit, couple, clock, settled
):
    """A noted crossing Ben owned is read by both in its window; after it only Ben reads it."""
    boundary = kit.boundaries.draft(
        couple.id, actor="ana", rule="No sarcasm when we disagree.", own_action="I step away."
    )
    kit.boundaries.propose(boundary.id, actor="ana")
    kit.boundaries.agree(boundary.id, actor="ben")
    crossing = kit.crossings.notice(couple.id, actor="ana", boundary_id=boundary.id)
    kit.crossings.acknowledge(crossing.id, actor="ben")
    story = ["crossing.noticed", "crossing.acknowledged"]

    def crossings_read(person: str) -> list[str]:
        events = kit.relationships.events(couple.id, actor=person)
        return [e.TAG for e in events if e.TAG.startswith("crossing.")]

    clock.advance(timedelta(days=1))
    assert crossings_read("ana") == crossings_read("ben") == story
    assert [e.TAG for e in kit.crossings.events(crossing.id, actor="ana")] == story
    clock.advance(timedelta(days=60))  # past CrossingRules.window_days (28 by default)
    if settled:
        kit.timers.run_due()
        story.append("crossing.settled")
    assert crossings_read("ana") == []
    assert crossings_read("ben") == story
    assert [e.TAG for e in kit.crossings.events(crossing.id, actor="ben")] == story
