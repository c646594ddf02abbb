"""The rules inside the commands read through the port's keyed queries, never a scan.

Issue 15: a request's or a boundary's re-ask wait, a crossing note's pressure check
and a talk's topic read only the objects their rule asks about (one need, one rule's
words, one boundary, one topic), so what a command costs does not grow with the
relationship's history. `QueryWatch` records what storage is asked while a command
runs; the rules still answer exactly as the plain scan they replace did, on memory,
SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence
from datetime import datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import BOX, START, StorageFactory, invite_and_accept
from repairkit import ManualClock, RelationshipSettings, RepairKit, TimeBox
from repairkit.adapters import MemoryStorage
from repairkit.boundaries import BoundaryRules
from repairkit.core.suggestions import words
from repairkit.errors import NotAllowedNow, RepairkitError
from repairkit.ports import E
from repairkit.requests import Request, RequestRules, RequestState
from repairkit.requests.queries import check_reask_wait


class QueryWatch(MemoryStorage):
    """A memory storage that records the `load_all` and `load_keyed` it is asked for."""

    def __init__(self) -> None:
        super().__init__()
        self.scans: list[str] = []
        self.keyed: list[tuple[str, str]] = []
        self.watching = False

    def load_all(
        self, kind: type[E], relationship_id: uuid.UUID, *, states: Sequence[str] | None = None
    ) -> list[E]:
        if self.watching:
            self.scans.append(kind.__name__)
        return super().load_all(kind, relationship_id, states=states)

    def load_keyed(
        self,
        kind: type[E],
        relationship_id: uuid.UUID,
        key: str,
        value: str,
        *,
        states: Sequence[str] | None = None,
    ) -> list[E]:
        if self.watching:
            self.keyed.append((kind.__name__, key))
        return super().load_keyed(kind, relationship_id, key, value, states=states)


@pytest.fixture
def watched() -> Iterator[tuple[RepairKit, QueryWatch, ManualClock, uuid.UUID]]:
    """Ana and Ben on a watched memory storage, with a little history of every kind."""
    storage = QueryWatch()
    clock = ManualClock(START)
    with RepairKit(storage=storage, clock=clock) as kit:
        couple = invite_and_accept(kit, ("ana", "ben"), actor="ana").id
        for i in range(3):  # settled objects the rules must not read
            old = kit.requests.draft(couple, actor="ana", need=f"rest {i}", ask="x", time_box=BOX)
            kit.requests.propose(old.id, actor="ana")
            kit.requests.decline(old.id, actor="ben")
            word = kit.boundaries.draft(couple, actor="ana", rule=f"no calls after {i}")
            kit.boundaries.propose(word.id, actor="ana")
            kit.boundaries.decline(word.id, actor="ben")
            talk = kit.talks.start(couple, actor="ben")
            kit.talks.end(talk.id, actor="ben")
        yield kit, storage, clock, couple


def test_proposing_a_request_reads_only_its_need(watched):
    """`propose` reads requests by need words and follows links; the wait still holds."""
    kit, storage, _clock, couple = watched
    r = kit.requests
    no = r.draft(couple, actor="ana", need="calm evenings", ask="phones away", time_box=BOX)
    r.propose(no.id, actor="ana")
    r.decline(no.id, actor="ben")
    first = r.draft(
        couple, actor="ana", need="calm evenings", ask="a walk", follows=no.id, time_box=BOX
    )
    second = r.draft(couple, actor="ana", need="Calm evenings!", ask="tea", time_box=BOX)
    storage.watching = True
    r.propose(first.id, actor="ana")  # one new request on the need may be sent
    with pytest.raises(NotAllowedNow, match="can be sent from"):
        r.propose(second.id, actor="ana")
    assert storage.scans == []
    assert ("Request", "need") in storage.keyed
    assert ("Request", "follows") in storage.keyed


def test_proposing_a_boundary_reads_only_its_words(watched):
    """`propose` reads the declined boundaries in the same words only; the wait still holds."""
    kit, storage, clock, couple = watched
    again = kit.boundaries.draft(couple, actor="ana", rule="No calls after 1!")
    storage.watching = True
    with pytest.raises(NotAllowedNow, match="can be proposed from"):
        kit.boundaries.propose(again.id, actor="ana")
    clock.advance(timedelta(hours=BoundaryRules().reask_wait_hours))
    assert kit.boundaries.propose(again.id, actor="ana").state.value == "proposed"
    assert storage.scans == []
    assert ("Boundary", "words") in storage.keyed


def test_noting_a_crossing_reads_only_that_boundarys_notes(watched):
    """`notice` reads the open and seen-differently notes of one boundary; one at a time."""
    kit, storage, _clock, couple = watched
    b = kit.boundaries
    boundary = b.draft(couple, actor="ana", rule="a word before we leave")
    b.propose(boundary.id, actor="ana")
    b.agree(boundary.id, actor="ben")
    storage.watching = True
    note = kit.crossings.notice(couple, actor="ben", boundary_id=boundary.id)
    with pytest.raises(NotAllowedNow, match="awaits an answer"):
        kit.crossings.notice(couple, actor="ben", boundary_id=boundary.id)
    kit.crossings.see_differently(note.id, actor="ana")
    with pytest.raises(NotAllowedNow, match="seen differently a short while ago"):
        kit.crossings.notice(couple, actor="ben", boundary_id=boundary.id)
    assert storage.scans == []
    assert ("Crossing", "boundary") in storage.keyed


def test_a_talks_topic_is_read_by_its_key(watched):
    """`start(about=)` and rests_until read the talks on one topic only."""
    kit, storage, clock, couple = watched
    talk = kit.talks.start(couple, actor="ana")
    storage.watching = True
    with pytest.raises(NotAllowedNow, match="A talk on this topic is open"):
        kit.talks.start(couple, actor="ben", about=talk.id)
    kit.talks.end(talk.id, actor="ana")
    assert kit.talks.rests_until(talk.id, actor="ben") is None  # no moratorium by default
    clock.advance(timedelta(minutes=1))
    follow_up = kit.talks.start(couple, actor="ben", about=talk.id)
    assert follow_up.topic == talk.topic
    assert storage.scans == []
    assert ("Talk", "topic") in storage.keyed


# -- the same answers as the scan they replace, on every storage ---------------------------


def _ask(kit: RepairKit, couple: uuid.UUID, need: str, follows: uuid.UUID | None = None):
    request = kit.requests.draft(
        couple, actor="ana", need=need, ask="an hour", follows=follows, time_box=BOX
    )
    return kit.requests.propose(request.id, actor="ana")


def test_requests_that_follow_the_same_one_share_its_need(kit, couple, clock):
    """Two requests following one declined request are on its need, whatever their words."""
    no = _ask(kit, couple.id, "calm evenings")
    clock.advance(timedelta(hours=1))
    kit.requests.decline(no.id, actor="ben")
    _ask(kit, couple.id, "a quiet hour", follows=no.id)  # one new request on the need
    again = kit.requests.draft(
        couple.id, actor="ana", need="time alone", ask="Sundays", follows=no.id, time_box=BOX
    )
    with pytest.raises(NotAllowedNow, match="can be sent from"):
        kit.requests.propose(again.id, actor="ana")


def test_of_two_noes_at_one_instant_the_wait_runs_from_the_older_request(kit, couple, clock):
    """Noes at the same moment: the request made first is the first no, the other one sent."""
    older = _ask(kit, couple.id, "calm evenings")
    clock.advance(timedelta(hours=1))
    newer = _ask(kit, couple.id, "calm evenings")
    for request in (newer, older):
        kit.requests.decline(request.id, actor="ben")
    third = kit.requests.draft(
        couple.id, actor="ana", need="calm evenings", ask="tea", time_box=BOX
    )
    with pytest.raises(NotAllowedNow, match="can be sent from"):
        kit.requests.propose(third.id, actor="ana")


def test_of_two_noes_at_one_instant_the_older_request_is_not_one_sent_since(kit, couple, clock):
    """The older request, sent last and answered at once, is the first no: one more may go."""
    older = kit.requests.draft(couple.id, actor="ana", need="rest", ask="naps", time_box=BOX)
    clock.advance(timedelta(minutes=1))  # drafted first: made first
    newer = _ask(kit, couple.id, "rest")
    clock.advance(timedelta(hours=1))
    kit.requests.propose(older.id, actor="ana")
    for request in (older, newer):
        kit.requests.decline(request.id, actor="ben")
    assert _ask(kit, couple.id, "rest").state is RequestState.PROPOSED


def _same_need_by_scan(one: Request, other: Request) -> bool:
    linked = one.id == other.follows or other.id == one.follows
    shared = one.follows is not None and one.follows == other.follows
    return linked or shared or words(one.need) == words(other.need)


def _waits_by_scan(storage_requests: list[Request], request: Request, now: datetime) -> bool:
    """The re-ask wait as it was written before issue 15: every request of the relationship."""
    wait = timedelta(hours=request.rules.reask_wait_hours)
    if not wait:
        return False
    same = [
        o
        for o in storage_requests
        if o.id != request.id and o.asker == request.asker and _same_need_by_scan(o, request)
    ]
    nos = {
        o.id: o.changed_at
        for o in same
        if o.state is RequestState.DECLINED and o.changed_at and o.changed_at > now - wait
    }
    if not nos:
        return False
    first_no = min(nos.values())
    first = min(
        (o for o in same if nos.get(o.id) == first_no), key=lambda o: (o.created_at, str(o.id))
    ).id
    return any(
        o.id != first and o.proposed_at is not None and o.proposed_at >= first_no for o in same
    )


NEEDS = ("calm", "Calm!", "rest", "space", "quiet")
step = st.one_of(
    st.tuples(
        st.sampled_from(("ask", "ask", "draft")),  # ask: draft and propose at once
        st.sampled_from((0, 0, 0, 1)),  # mostly the same asker: the rule is per asker
        st.sampled_from(NEEDS),
        st.none() | st.integers(0, 30),  # follows an earlier request
    ),
    st.tuples(st.sampled_from(("propose", "decline", "decline", "withdraw")), st.integers(0, 30)),
    st.tuples(st.just("advance"), st.sampled_from((0, 0, 1, 3, 7))),
)


def _play(kit: RepairKit, couple: uuid.UUID, people: tuple[str, str], move: tuple[object, ...]):
    """Make one step of a story of requests (a refused one changes nothing)."""
    made = [r.id for r in kit._storage.load_all(Request, couple)]
    now = kit.clock.now()
    try:
        if move[0] in ("ask", "draft"):
            _, who, need, follows = move
            drafted = kit.requests.draft(
                couple,
                actor=people[who],
                need=need,
                ask="an hour",
                time_box=TimeBox(starts_at=now, ends_at=now + timedelta(days=7)),
                follows=made[follows % len(made)] if made and follows is not None else None,
            )
            if move[0] == "ask":
                kit.requests.propose(drafted.id, actor=drafted.asker)
        elif move[0] == "advance":
            kit.clock.advance(timedelta(hours=move[1]))
        elif made:
            target = kit._storage.load(Request, made[move[1] % len(made)])
            actor = target.recipient if move[0] == "decline" else target.asker
            getattr(kit.requests, str(move[0]))(target.id, actor=actor)
    except RepairkitError:
        pass


def test_the_reask_wait_answers_as_the_scan_it_replaces(storage_factory: StorageFactory):
    """After any history of drafts, proposals, noes and time, every request's wait agrees."""
    clock = ManualClock(START)
    kit = RepairKit(storage=storage_factory(), clock=clock)
    rules = RelationshipSettings(rules=[RequestRules(reask_wait_hours=6)])

    @settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
    @given(steps=st.lists(step, max_size=20))
    def agree(steps: list[tuple[object, ...]]) -> None:
        people = (f"p{uuid.uuid4().hex[:8]}", f"q{uuid.uuid4().hex[:8]}")
        couple = invite_and_accept(kit, people, actor=people[0], settings=rules).id
        for move in steps:
            _play(kit, couple, people, move)
            every = kit._storage.load_all(Request, couple)
            for request in every:
                expected = _waits_by_scan(every, request, clock.now())
                try:
                    check_reask_wait(kit._runner.repository, request, clock.now())
                except NotAllowedNow:
                    assert expected, f"the keyed rule refused {request.need!r}; the scan did not"
                else:
                    assert not expected, f"the scan refused {request.need!r}; the keyed rule not"

    try:
        agree()
    finally:
        kit.close()
