"""The kit's lists read through the port's queries, never a whole kind (issue 15).

`awaiting` (the relationship's and each workflow's) reads the ``("asked", person)``
index, `find` pages (`Storage.load_page`), `kit.timers.upcoming` the due-time index
and `leave` the open states only. Each answers what the scan it replaced answered,
over random histories, on memory, SQLite and PostgreSQL.
"""

from __future__ import annotations

import inspect
import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import START, StorageFactory, fresh_schema, invite_and_accept
from repairkit import WORKFLOWS, InvalidInput, ManualClock, NotFound, RepairKit, TimeBox
from repairkit.adapters import MemoryStorage, PostgresStorage, SQLiteStorage
from repairkit.commands import WorkflowCommands
from repairkit.core.relationship import Relationship
from repairkit.core.settings import zone
from repairkit.core.spec import RELATIONSHIP
from repairkit.core.timers import Upcoming
from repairkit.core.untold import deadlines_to_the_day, recorded_instants
from repairkit.core.values import SYSTEM
from repairkit.errors import RepairkitError
from repairkit.ports import E, Storage

PEOPLE = ("ana", "ben")
SPECS = [spec for spec in WORKFLOWS if spec is not RELATIONSHIP]


class ReadWatch(MemoryStorage):
    """A memory storage that records every `load_all`, and the states each page asks for."""

    def __init__(self) -> None:
        super().__init__()
        self.scans: list[str] = []
        self.pages: list[tuple[str, tuple[str, ...] | None]] = []
        self.watching = False

    def load_all(
        self, kind: type[E], relationship_id: uuid.UUID, *, states: Sequence[str] | None = None
    ) -> list[E]:
        if self.watching:
            self.scans.append(kind.__name__)
        return super().load_all(kind, relationship_id, states=states)

    def load_page(
        self,
        kind: type[E],
        relationship_id: uuid.UUID,
        *,
        states: Sequence[str] | None = None,
        after: uuid.UUID | None = None,
        limit: int = 100,
    ) -> list[E]:
        if self.watching:
            self.pages.append((kind.__name__, None if states is None else tuple(states)))
        return super().load_page(kind, relationship_id, states=states, after=after, limit=limit)


def _box(clock: ManualClock) -> TimeBox:
    return TimeBox(starts_at=clock.now(), ends_at=clock.now() + timedelta(days=14))


def _history(kit: RepairKit, clock: ManualClock, couple: uuid.UUID, size: int) -> None:
    """Leave *size* finished requests and one open request, boundary and time-out."""
    for n in range(size):
        request = kit.requests.draft(
            couple, actor="ana", need=f"need {n}", ask="a word", time_box=_box(clock)
        )
        kit.requests.propose(request.id, actor="ana")
        kit.requests.withdraw(request.id, actor="ana")
    request = kit.requests.draft(
        couple, actor="ana", need="rest", ask="quiet", time_box=_box(clock)
    )
    kit.requests.propose(request.id, actor="ana")
    boundary = kit.boundaries.draft(couple, actor="ben", rule="a call before visitors")
    kit.boundaries.propose(boundary.id, actor="ben")
    kit.timeouts.call(couple, actor="ben", minutes=20)


def test_lists_read_no_whole_kind():
    """awaiting, find, upcoming and leave ask storage for no load_all."""
    storage = ReadWatch()
    clock = ManualClock(START)
    kit = RepairKit(storage=storage, clock=clock)
    couple = invite_and_accept(kit, PEOPLE, actor="ana").id
    _history(kit, clock, couple, 5)
    storage.watching = True
    asked = kit.relationships.awaiting(couple, actor="ben")
    assert [a.kind for a in asked] == ["request"]
    assert [a.kind for a in kit.relationships.awaiting(couple, actor="ana")] == ["boundary"]
    for spec in SPECS:
        commands: WorkflowCommands[Any] = kit.workflow(spec)
        commands.awaiting(couple, actor="ana")
        commands.find(couple, actor="ana", limit=2)
    assert len(kit.timers.upcoming(couple, actor="ana")) >= 2
    assert storage.scans == []


def test_leave_reads_only_what_is_open():
    """Leaving reads each workflow's open states, a page at a time, and no finished object."""
    storage = ReadWatch()
    clock = ManualClock(START)
    kit = RepairKit(storage=storage, clock=clock)
    couple = invite_and_accept(kit, PEOPLE, actor="ana").id
    _history(kit, clock, couple, 3)
    storage.watching = True
    kit.relationships.leave(couple, actor="ana")
    assert storage.scans == []
    finished = {
        spec.entity.__name__: {s.value for s in spec.workflow.terminal_states} for spec in SPECS
    }
    assert {kind for kind, _ in storage.pages} == set(finished)
    for kind, states in storage.pages:
        assert states is not None
        assert not set(states) & finished[kind], (kind, states)
    assert kit.relationships.awaiting(couple, actor="ana") == []
    assert [r.state.value for r in kit.requests.find(couple, actor="ben")][-1] != "proposed"


def test_find_pages_with_a_cursor(storage_factory: StorageFactory):
    """Each find returns a page of at most limit objects; each page's cursor leads to the next."""
    clock = ManualClock(START)
    kit = RepairKit(storage=storage_factory(), clock=clock)
    try:
        couple = invite_and_accept(kit, PEOPLE, actor="ana").id
        made = []
        for n in range(7):
            request = kit.requests.draft(
                couple, actor="ana", need=f"need {n}", ask="a word", time_box=_box(clock)
            )
            if n != 2:  # one stays ana's draft: ben never sees it, nor pages over it
                made.append(kit.requests.propose(request.id, actor="ana").id)
            clock.advance(timedelta(minutes=1))
        everything = kit.requests.find(couple, actor="ben")
        assert [r.id for r in everything] == made
        assert everything.cursor is None  # fewer than a page: the last
        pages, after = [], None
        while True:
            page = kit.requests.find(couple, actor="ben", limit=2, after=after)
            pages.append([r.id for r in page])
            if page.cursor is None:
                break
            assert len(page) == 2
            after = page.cursor
        assert pages == [made[0:2], made[2:4], made[4:6], []]
        assert kit.requests.find(couple, actor="ana", limit=3).cursor is not None
        proposed = kit.requests.find(couple, actor="ben", states=["proposed"], limit=4)
        assert [r.id for r in proposed] == made[:4]
        assert kit.requests.find(couple, actor="ben", limit=0) == []
        kit.requests.withdraw(made[1], actor="ana")  # a cursor need not be in the states asked
        after_withdrawn = kit.requests.find(couple, actor="ben", states=["proposed"], after=made[1])
        assert [r.id for r in after_withdrawn] == made[2:]
    finally:
        kit.close()


def test_find_refuses_a_bad_page(storage_factory: StorageFactory):
    """A bad limit or cursor is a typed error, alike on every storage; a hidden draft is missing."""
    clock = ManualClock(START)
    kit = RepairKit(storage=storage_factory(), clock=clock)
    try:
        couple = invite_and_accept(kit, PEOPLE, actor="ana").id
        draft = kit.requests.draft(
            couple, actor="ana", need="rest", ask="a word", time_box=_box(clock)
        )
        for limit in (-1, 10_001, 2.5, True, "10"):
            with pytest.raises(InvalidInput) as refused:
                kit.requests.find(couple, actor="ana", limit=limit)  # type: ignore[arg-type]
            assert refused.value.field == "limit"
        with pytest.raises(InvalidInput):
            kit.requests.find(couple, actor="ana", after="not an id")  # type: ignore[arg-type]
        for after in (uuid.uuid4(), couple):
            with pytest.raises(NotFound):
                kit.requests.find(couple, actor="ana", after=after)
        with pytest.raises(NotFound):  # ben cannot tell ana's draft from a missing id
            kit.requests.find(couple, actor="ben", after=draft.id)
        assert kit.requests.find(couple, actor="ana", after=draft.id) == []
        other = invite_and_accept(kit, ("ana", "cy"), actor="ana").id
        with pytest.raises(NotFound):
            kit.requests.find(other, actor="ana", after=draft.id)
    finally:
        kit.close()


def test_upcoming_keeps_the_soonest_within_its_limit():
    """The upcoming deadlines come soonest first, deadlines first, at most limit of them."""
    clock = ManualClock(START)
    kit = RepairKit(storage=MemoryStorage(), clock=clock)
    couple = invite_and_accept(kit, PEOPLE, actor="ana").id
    for n, days in enumerate((5, 1, 3, 2, 4)):
        box = TimeBox(starts_at=START, ends_at=START + timedelta(days=days))
        request = kit.requests.draft(couple, actor="ana", need=f"n{n}", ask="a word", time_box=box)
        kit.requests.propose(request.id, actor="ana")
        kit.requests.accept(request.id, actor="ben")
    every = kit.timers.upcoming(couple, actor="ben")
    assert len(every) >= 5
    assert [u.at for u in every] == sorted(u.at for u in every)
    assert kit.timers.upcoming(couple, actor="ben", limit=2) == every[:2]
    assert kit.timers.upcoming(couple, actor="ben", limit=0) == []
    with pytest.raises(InvalidInput):
        kit.timers.upcoming(couple, actor="ben", limit=-1)


# -- the lists answer as the scans they replaced, over random histories -------------


def _scan_awaiting(storage: Storage, couple: uuid.UUID, actor: str, now: datetime) -> list[Any]:
    """What `kit.relationships.awaiting` answered before: every object loaded and filtered."""
    relationship = storage.load(Relationship, couple)
    found = [("relationship", couple)] if actor in relationship.asked_at(now) else []
    for spec in SPECS:
        found.extend(
            (spec.name, obj.id)
            for obj in storage.load_all(spec.entity, couple)
            if obj.visible_at(actor, now)
            and actor in obj.aged(actor, now).seen_by(actor).asked_at(now)
        )
    return found


def _scan_find(
    storage: Storage,
    commands: WorkflowCommands[Any],
    couple: uuid.UUID,
    actor: str,
    now: datetime,
):
    stored = [
        obj
        for obj in storage.load_all(commands.entity, couple)
        if obj.visible_at(actor, now) and commands._paged(obj, actor)
    ]
    seen = [commands.get(obj.id, actor=actor) for obj in stored]  # the other's untold to the day
    if all(hasattr(obj, "created_at") for obj in seen):
        # known less: shown earlier than stored (the other's untold moment, to its day); a
        # draft proposed later shows at its proposal, exactly, and keeps its stored order
        known_less = {
            s.id for s, o in zip(stored, seen, strict=True) if o.created_at < s.created_at
        }
        # ties: what the reader knows to the day only comes after, by its random id
        seen.sort(key=lambda o: (o.created_at, o.id in known_less, o.id.int * (o.id in known_less)))
    return [obj.id for obj in seen]


def _scan_upcoming(
    kit: RepairKit, storage: Storage, couple: uuid.UUID, actor: str, now: datetime
) -> list[Any]:
    """What `kit.timers.upcoming` answered before: every object of every kind loaded.

    A deadline that follows from the other partner's last move, one *actor* was not told
    of (read from the object's whole history here), shows its day only (rule 4).
    """
    found = []
    told = kit._runner.told(actor)
    where = zone(storage.load(Relationship, couple).settings.time_zone)
    for spec in WORKFLOWS:
        for obj in storage.load_all(spec.entity, couple):
            if obj.visible_at(actor, now):
                history = storage.events(obj.id)
                last = history[-1] if history else None
                untold = last is not None and last.actor not in (actor, SYSTEM) and not told(last)
                instants = recorded_instants(last) if untold and last is not None else ()
                found.extend(
                    Upcoming(
                        workflow=spec.name,
                        id=obj.id,
                        deadline=d.name,
                        at=d.at if day is None else day,
                        day_only=day is not None,
                    )
                    for d, day in deadlines_to_the_day(obj, instants, where)
                )
    return sorted(found, key=lambda u: (u.at, str(u.id), u.deadline))


def _plain(move: Any) -> bool:
    """Return whether the command takes nothing but the id and the actor."""
    parameters = list(inspect.signature(move).parameters.values())[1:]
    return all(p.default is not p.empty or p.name == "actor" for p in parameters)


def _step(
    kit: RepairKit, clock: ManualClock, couple: uuid.UUID, step: tuple[int, int, int]
) -> None:
    action, who, seed = step
    actor = PEOPLE[who]
    try:
        if action == 5:
            clock.advance(timedelta(hours=seed % 200))
            kit.timers.run_due()
        elif action < 5:
            _create(kit, clock, couple, action=action, actor=actor, seed=seed)
        else:
            _move(kit, couple, actor, seed)
    except RepairkitError:
        pass  # a refusal changes nothing: the history goes on


def _create(
    kit: RepairKit, clock: ManualClock, couple: uuid.UUID, *, action: int, actor: str, seed: int
) -> None:
    """Make a new object (a request, boundary, time-out, crossing) or note a missed day."""
    if action == 0:
        need = ("rest", "calm", "time")[seed % 3]
        kit.requests.draft(couple, actor=actor, need=need, ask="a word", time_box=_box(clock))
    elif action == 1:
        kit.boundaries.draft(couple, actor=actor, rule=("a call first", "no phones")[seed % 2])
    elif action == 2:
        kit.timeouts.call(couple, actor=actor, minutes=20 + seed % 40)
    elif action == 3:
        agreed = kit.boundaries.find(couple, actor=actor, states=["in force"])
        if agreed:
            kit.crossings.notice(couple, actor=actor, boundary_id=agreed[0].id)
    else:
        requests = kit.requests.find(couple, actor=actor, states=["agreed"])
        if requests:
            request = requests[seed % len(requests)]
            day = request.local_date(clock.now()) - timedelta(days=1 + seed % 3)
            kit.requests.notice_missed(request.id, actor=actor, occurrence=day)


def _move(kit: RepairKit, couple: uuid.UUID, actor: str, seed: int) -> None:
    """Make a move open to *actor* (one without arguments) on an object they see."""
    spec = SPECS[seed % len(SPECS)]
    commands: WorkflowCommands[Any] = kit.workflow(spec)
    objects = commands.find(couple, actor=actor)
    if not objects:
        return
    obj = objects[seed % len(objects)]
    open_moves = [m for m in commands.moves(obj.id, actor=actor) if _plain(getattr(commands, m))]
    if open_moves:
        getattr(commands, open_moves[seed % len(open_moves)])(obj.id, actor=actor)


def _check_lists(
    kit: RepairKit, clock: ManualClock, storage: Storage, couple: uuid.UUID, page: int
) -> None:
    now = clock.now()
    for actor in PEOPLE:
        asked = kit.relationships.awaiting(couple, actor=actor)
        assert [(a.kind, a.item.id) for a in asked] == _scan_awaiting(storage, couple, actor, now)
        for spec in SPECS:
            commands: WorkflowCommands[Any] = kit.workflow(spec)
            scanned = _scan_find(storage, commands, couple, actor, now)
            assert [o.id for o in commands.find(couple, actor=actor)] == scanned
            paged: list[uuid.UUID] = []
            after = None
            while True:
                found = commands.find(couple, actor=actor, limit=page, after=after)
                paged.extend(o.id for o in found)
                if found.cursor is None:
                    break
                after = found.cursor
            assert sorted(paged) == sorted(scanned)
            assert len(paged) == len(set(paged))
            mine = [o.id for o in commands.awaiting(couple, actor=actor)]
            assert mine == [i for i in scanned if (spec.name, i) in _ids(asked)]
        upcoming = _scan_upcoming(kit, storage, couple, actor, now)
        assert kit.timers.upcoming(couple, actor=actor) == upcoming
        assert kit.timers.upcoming(couple, actor=actor, limit=page) == upcoming[:page]


def _ids(asked: list[Any]) -> set[tuple[str, uuid.UUID]]:
    return {(a.kind, a.item.id) for a in asked}


HISTORIES = st.lists(
    st.tuples(st.integers(0, 11), st.integers(0, 1), st.integers(0, 10_000)),
    min_size=10,
    max_size=40,
)


@pytest.mark.parametrize("kind", ["memory", "sqlite", "postgres"])
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(steps=HISTORIES, page=st.integers(1, 3))
def test_lists_answer_as_the_scans_did(
    kind: str,
    tmp_path: Path,
    request: pytest.FixtureRequest,
    steps: list[tuple[int, int, int]],
    page: int,
):
    """After any history, awaiting, find (all pages) and upcoming answer as a full scan."""
    storage: Storage
    if kind == "memory":
        storage = MemoryStorage()
    elif kind == "sqlite":
        storage = SQLiteStorage(tmp_path / f"{uuid.uuid4()}.db")
    else:
        url = request.getfixturevalue("postgres_url")
        storage = PostgresStorage(url, schema=fresh_schema(), pool_size=1)
    clock = ManualClock(START)
    kit = RepairKit(storage=storage, clock=clock)
    try:
        couple = invite_and_accept(kit, PEOPLE, actor="ana").id
        for n, step in enumerate(steps):
            _step(kit, clock, couple, step)
            if n % 5 == 4:
                _check_lists(kit, clock, storage, couple, page)
        _check_lists(kit, clock, storage, couple, page)
    finally:
        kit.close()


def test_a_note_that_lapsed_with_the_window_awaits_nobody():
    """A note of a day asks its partner while the day is in the window, then no more.

    The index holds who `asked` named at the last save; `asked_at` (what awaiting
    keeps) is that less what lapsed since, so the index misses nobody.
    """
    storage = MemoryStorage()
    clock = ManualClock(START)
    kit = RepairKit(storage=storage, clock=clock)
    couple = invite_and_accept(kit, PEOPLE, actor="ana").id
    box = TimeBox(starts_at=START, ends_at=START + timedelta(days=31))
    request = kit.requests.draft(couple, actor="ana", need="rest", ask="a word", time_box=box)
    kit.requests.propose(request.id, actor="ana")
    kit.requests.accept(request.id, actor="ben")
    clock.advance(timedelta(days=1))
    noted = kit.requests.notice_missed(
        request.id, actor="ana", occurrence=request.local_date(START)
    )
    assert [a.item.id for a in kit.relationships.awaiting(couple, actor="ben")] == [noted.id]
    assert [r.id for r in kit.requests.awaiting(couple, actor="ben")] == [noted.id]
    window = noted.rules.follow_through_window_days
    clock.advance(timedelta(days=window + 1))
    stored = storage.load(type(noted), noted.id)
    assert "ben" in stored.asked()  # still indexed under ben: the ask lapsed with time
    assert "ben" not in stored.asked_at(clock.now())
    assert kit.relationships.awaiting(couple, actor="ben") == []
    assert kit.requests.awaiting(couple, actor="ben") == []
    assert _scan_awaiting(storage, couple, "ben", clock.now()) == []
