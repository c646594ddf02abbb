"""Flat cost (issue 15): a command costs the same in a long history as in a short one.

1. ``command_scale`` (SQLite) and ``pg_command_scale`` (PostgreSQL, under ``--postgres``):
   one mixed round of commands from several workflows, run in a relationship holding
   10,000 objects divided by the same round in one holding 10, both in the same store.
   A round: a request drafted, proposed and accepted; a boundary drafted and proposed; a
   crossing noticed and acknowledged; a time-out called and resumed; ``kit.relationships.awaiting``
   for each partner. The history is made of settled objects of every workflow (copies,
   with new ids, of those a short story leaves), so it asks nothing of anyone, as a
   couple's years of use mostly do. Target <= 1.3: the rules and lists read through
   the port's queries (docs/storage-queries.md), never every object of a kind.
2. ``query_scale`` and ``pg_query_scale``: the port's queries that such a round needs
   (``load_keyed`` by need words, rule words, boundary and "asked" for every kind, the
   first page of agreed or proposed requests, ``load_scheduled``, ``count_events``) in the same two
   relationships, the large divided by the small. They read indexes, so the ratio
   stays near 1. Target <= 1.3. On PostgreSQL the tables are analyzed once filled, as
   autovacuum would: without statistics the planner may read a state's page through
   the order index and filter.
3. ``agenda_scale`` and ``pg_agenda_scale``: both partners' check-in agenda
   (``kit.agenda.waiting``, five items waiting) in the same two relationships, whose
   histories hold settled agenda items too, the large divided by the small. The agenda
   is one page of the waiting state's index, each item's source read by id.
   Target <= 2 (issue 17).
"""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from typing import Any

import attrs

from repairkit import ManualClock, RepairKit, TimeBox
from repairkit.adapters import MemoryStorage, PostgresStorage, SQLiteStorage
from repairkit.agenda import AgendaItem
from repairkit.boundaries import Boundary
from repairkit.crossings import Crossing
from repairkit.ports import Change, Saved, Storage
from repairkit.requests import Request
from repairkit.talks import Talk
from repairkit.timeouts import TimeOut

BIG, SMALL = 10_000, 10
ROUNDS = 5
QUERY_ROUNDS = 50
REPEATS = 5
BATCH = 500
KINDS = (Request, Boundary, Crossing, Talk, TimeOut, AgendaItem)
AGENDA_ROUNDS = 50
WAITING = 5
"""Items waiting on each couple's agenda when it is read (the same in both)."""


def _settled_templates(start: datetime) -> list[Any]:
    """Objects of every workflow that a short story leaves settled (nothing asked, nothing due)."""
    clock = ManualClock(start)
    kit = RepairKit(storage=MemoryStorage(), clock=clock)
    invitation = kit.relationships.invite("ben", actor="ana")
    couple = kit.relationships.accept_invitation(invitation.id, actor="ben")
    box = TimeBox(starts_at=start, ends_at=start + timedelta(days=14))
    r = kit.requests
    for i, answer in enumerate(("decline", "withdraw", "accept")):
        request = r.draft(couple.id, actor="ana", need=f"calm {i}", ask="phones away", time_box=box)
        r.propose(request.id, actor="ana")
        if answer == "withdraw":
            r.withdraw(request.id, actor="ana")
        else:
            getattr(r, answer)(request.id, actor="ben")
    boundary = kit.boundaries.draft(couple.id, actor="ben", rule="no sarcasm when we disagree")
    kit.boundaries.propose(boundary.id, actor="ben")
    kit.boundaries.agree(boundary.id, actor="ana")
    declined = kit.boundaries.draft(couple.id, actor="ana", rule="no phones in bed")
    kit.boundaries.propose(declined.id, actor="ana")
    kit.boundaries.decline(declined.id, actor="ben")
    kit.crossings.own(couple.id, actor="ana", boundary_id=boundary.id)
    clock.advance(timedelta(days=1))  # one moment is recorded once: another day's
    note = kit.crossings.notice(couple.id, actor="ben", boundary_id=boundary.id)
    kit.crossings.acknowledge(note.id, actor="ana")
    talk = kit.talks.start(couple.id, actor="ben")
    kit.talks.end(talk.id, actor="ana")
    timeout = kit.timeouts.call(couple.id, actor="ana", minutes=20)
    kit.timeouts.come_back(timeout.id, actor="ana")
    aside = kit.talks.start(couple.id, actor="ana")  # on the agenda, until it ages out
    kit.talks.set_aside(aside.id, actor="ben")
    kit.agenda.add_topic(couple.id, actor="ben", words="our Sundays")
    clock.advance(timedelta(days=30))
    kit.timers.run_due()
    found = [o for kind in KINDS for o in kit._storage.load_all(kind, couple.id)]
    return [o for o in found if not o.asked() and o.due_at is None]


BIG_PAIR = ("ana", "ben")
"""The couple with the long history (the templates are theirs)."""
SMALL_PAIR = ("cleo", "dan")
"""The couple with a short one."""


def _history(templates: list[Any], relationship_id: uuid.UUID, count: int) -> Iterator[Any]:
    for template, _ in zip(itertools.cycle(templates), range(count), strict=False):
        yield attrs.evolve(template, id=uuid.uuid4(), relationship_id=relationship_id)


def _couple(
    kit: RepairKit, storage: Storage, templates: list[Any], size: int, people: tuple[str, str]
) -> uuid.UUID:
    """Start a relationship of *people* and store *size* settled objects in it (in batches).

    Two people share one active relationship at a time, so each couple is its own pair.
    """
    invitation = kit.relationships.invite(people[1], actor=people[0])
    couple = kit.relationships.accept_invitation(invitation.id, actor=people[1])
    batch: list[Saved] = []
    for obj in _history(templates, couple.id, size):
        batch.append(Saved(obj, 0))
        if len(batch) == BATCH:
            storage.commit(Change(saves=tuple(batch), events=()))
            batch = []
    if batch:
        storage.commit(Change(saves=tuple(batch), events=()))
    return couple.id


def _round(
    kit: RepairKit,
    clock: ManualClock,
    couple: uuid.UUID,
    boundary: uuid.UUID,
    people: tuple[str, str],
) -> None:
    """One mixed round of commands in *couple* (its boundary in force is *boundary*)."""
    n = next(_COUNTER)
    now = clock.now()
    box = TimeBox(starts_at=now, ends_at=now + timedelta(days=14))
    r = kit.requests
    request = r.draft(couple, actor=people[0], need=f"rest {n}", ask="a quiet hour", time_box=box)
    r.propose(request.id, actor=people[0])
    r.accept(request.id, actor=people[1])
    proposed = kit.boundaries.draft(couple, actor=people[1], rule=f"a call before {n} visitors")
    kit.boundaries.propose(proposed.id, actor=people[1])
    note = kit.crossings.notice(couple, actor=people[1], boundary_id=boundary)
    kit.crossings.acknowledge(note.id, actor=people[0])
    timeout = kit.timeouts.call(couple, actor=people[0], minutes=20)
    kit.timeouts.come_back(timeout.id, actor=people[0])
    kit.relationships.awaiting(couple, actor=people[0])
    kit.relationships.awaiting(couple, actor=people[1])
    clock.advance(timedelta(days=1))  # a new day: one moment a day, the daily budget


_COUNTER = itertools.count()


def _in_force(kit: RepairKit, couple: uuid.UUID, people: tuple[str, str]) -> uuid.UUID:
    boundary = kit.boundaries.draft(couple, actor=people[0], rule="a word before we leave")
    kit.boundaries.propose(boundary.id, actor=people[0])
    kit.boundaries.agree(boundary.id, actor=people[1])
    return boundary.id


def command_scale(
    result_type: Any,
    best_of: Callable[..., tuple[float, float]],
    start: datetime,
    storage: Storage,
    name: str,
    *,
    settle: Callable[[], None] = lambda: None,
) -> list[Any]:
    """Time the mixed round in a 10,000-object relationship and a 10-object one of *storage*."""
    clock = ManualClock(start)
    kit = RepairKit(storage=storage, clock=clock)
    templates = _settled_templates(start)
    big = _couple(kit, storage, templates, BIG, BIG_PAIR)
    small = _couple(kit, storage, templates, SMALL, SMALL_PAIR)
    people = {big: BIG_PAIR, small: SMALL_PAIR}
    boundaries = {couple: _in_force(kit, couple, people[couple]) for couple in people}
    settle()

    def rounds(couple: uuid.UUID) -> Callable[[], None]:
        def run() -> None:
            for _ in range(ROUNDS):
                _round(kit, clock, couple, boundaries[couple], people[couple])

        return run

    big_time, small_time = best_of(rounds(big), rounds(small), REPEATS)
    commands = result_type(
        name,
        f"{big_time / ROUNDS * 1e3:.1f} ms/round (10,000 objects)",
        f"{small_time / ROUNDS * 1e3:.1f} ms/round (10 objects)",
        big_time / small_time,
        1.3,
        "<=",
    )
    since = clock.now() - timedelta(days=1)

    def queries(couple: uuid.UUID) -> Callable[[], None]:
        def run() -> None:
            for _ in range(QUERY_ROUNDS):
                # Keys the history does not hold, or holds alike in both relationships:
                # the answers are the same size, so only the search differs.
                storage.load_keyed(Request, couple, "need", "calm at the door")
                storage.load_keyed(Boundary, couple, "words", "a call before visitors")
                storage.load_keyed(Crossing, couple, "boundary", str(boundaries[couple]))
                for kind in KINDS:
                    storage.load_keyed(kind, couple, "asked", "ana")
                storage.load_page(Request, couple, states=["agreed", "proposed"], limit=20)
                storage.load_scheduled(couple)
                storage.count_events(couple, "ben", since)

        return run

    big_time, small_time = best_of(queries(big), queries(small), REPEATS)
    lookups = result_type(
        name.replace("command", "query"),
        f"{big_time / QUERY_ROUNDS * 1e3:.2f} ms/round (10,000 objects)",
        f"{small_time / QUERY_ROUNDS * 1e3:.2f} ms/round (10 objects)",
        big_time / small_time,
        1.3,
        "<=",
    )

    return [commands, lookups, agenda_scale(result_type, best_of, kit, people, name)]


def agenda_scale(
    result_type: Any,
    best_of: Callable[..., tuple[float, float]],
    kit: RepairKit,
    people: dict[uuid.UUID, tuple[str, str]],
    name: str,
) -> Any:
    """Time both partners' agenda in the large relationship and the small one of *people*."""
    big, small = people
    for couple, pair in people.items():  # the same agenda in both: five topics set aside
        for _ in range(WAITING):
            talk = kit.talks.start(couple, actor=pair[0])
            kit.talks.set_aside(talk.id, actor=pair[1])

    def agenda(couple: uuid.UUID) -> Callable[[], None]:
        def run() -> None:
            for _ in range(AGENDA_ROUNDS):
                for person in people[couple]:
                    assert len(kit.agenda.waiting(couple, actor=person)) == WAITING

        return run

    big_time, small_time = best_of(agenda(big), agenda(small), REPEATS)
    return result_type(
        name.replace("command", "agenda"),
        f"{big_time / AGENDA_ROUNDS * 1e3:.2f} ms/2 agendas (10,000 objects)",
        f"{small_time / AGENDA_ROUNDS * 1e3:.2f} ms/2 agendas (10 objects)",
        big_time / small_time,
        2.0,
        "<=",
    )


def run_sqlite(result_type: Any, best_of: Any, start: datetime, folder: Any) -> list[Any]:
    """``command_scale`` and ``query_scale`` on a SQLite file in *folder*."""
    storage = SQLiteStorage(folder / "scale.db")
    try:
        return command_scale(result_type, best_of, start, storage, "command_scale")
    finally:
        storage.close()


def run_postgres(result_type: Any, best_of: Any, start: datetime) -> list[Any]:
    """``pg_command_scale`` and ``pg_query_scale`` on a PostgreSQL server started for it."""
    import psycopg  # noqa: PLC0415 - the postgres extra

    from repairkit.testing.postgres import TemporaryPostgres  # noqa: PLC0415

    def analyze() -> None:
        # What autovacuum does to a table that grew by 10,000 rows: without statistics
        # the planner may read one state's page through the wrong index.
        with psycopg.connect(server.url, autocommit=True) as db:
            db.execute("ANALYZE")

    with TemporaryPostgres() as server:
        storage = PostgresStorage(server.url, schema="scale")
        try:
            return command_scale(
                result_type, best_of, start, storage, "pg_command_scale", settle=analyze
            )
        finally:
            storage.close()
