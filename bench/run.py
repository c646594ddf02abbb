"""repairkit benchmarks: ratios, each against a baseline measured in the same process.

No benchmark asserts a time. Each one times the library and a bare baseline doing the
same work, side by side in this process, in alternating rounds (so a noisy neighbour
hits both sides alike), keeps the best (lowest) time of each side and reports the ratio
of the two. Ratios travel between machines far better than absolute times do.

1. ``domain_moves``: a move through the kit's engine against transitions' bare trigger,
   with the same table. The baseline is a bare ``transitions.Machine(model=None, ...)``
   built from `REQUEST_WORKFLOW`'s `Move` and `Timer` rows (the same states,
   transitions and condition names) with a plain slotted model whose guards return a
   flag, firing ``machine.events[name].trigger(obj, at)`` over a 13-move request cycle
   (propose, three alternatives, the last of which stalls it, propose and agree to
   reopen, one more alternative, accept, record follow-through, propose ending, keep
   going, propose ending, confirm ending). The library side makes the same moves on the
   same kind of model through the engine: ``REQUEST_WORKFLOW.check`` (the actor's role
   in the state) and ``REQUEST_WORKFLOW.fire`` (the machine's trigger, its refusal
   typed). Ratio = engine moves/s / bare triggers/s; target >= 0.5.
   ``domain_moves_entity`` (for comparison, no target) makes the same cycle on
   freshly drafted `repairkit.Request` objects through their move methods, which add
   the domain's own work to the engine's: the instant, the wait after a no, the
   input checks (an alternative's words, a day's follow-through), the fields and the
   event each move records (drafting is not timed).
2. ``sqlite_commands``: ``kit.requests.correct_follow_through`` commands per second on a
   SQLite file, against raw `sqlite3` on a fresh file with the same schema and pragmas,
   doing per command what a command must: ``BEGIN IMMEDIATE``, SELECT the object row
   and its relationship's row (the rules in force and whether the relationship is
   active are read at each command: consent applies at the moment of reading),
   UPDATE its version and body (the columns a correction changes), INSERT the event
   (and outbox rows, if the command produced any), ``COMMIT``, with JSON bodies taken
   from the library's own rows. Target >= 0.5.
3. ``sqlite_load_10k``: ``storage.load_all(Request, relationship_id)`` over 10,000
   requests in various states, against the bare ``SELECT body, state`` plus ``json.loads``
   of each body. Target >= 0.5. Measured cold: on a storage opened afresh on the file,
   whose identity map this process never filled, so decoding is compared with decoding.
4. ``load_vs_history``: ``storage.load(Request, id)`` of a request with ~10,000 events
   divided by that of one with 10. A request is loaded from its current state, never by
   replaying its history, so the ratio should stay near 1; target <= 1.5.
5. ``due_scale`` and ``fire_10k``: durable timers (see ``bench/timers.py``).
6. ``command_scale``, ``query_scale``, ``agenda_scale`` (and their ``pg_`` twins under
   ``--postgres``): flat cost in a long history (see ``bench/scale.py``); ``peer_commands``: beside
   `eventsourcing` (see ``bench/peers.py``).
7. ``progress_scale``: ``kit.progress`` of a couple two years into daily use against one
   two weeks in, in one SQLite file (see ``bench/progress.py``). Target <= 3.

Both SQLite sides run with ``synchronous=FULL`` (the library's `PRAGMAS`): in WAL mode
that fsyncs the log at every commit, so a command that returned is on disk even after
a power cut: nothing acknowledged is ever lost. A faster, less durable setting would make
the comparison meaningless, so the raw baseline pays for the same durability.

Run with ``make bench`` (``--strict`` exits 1 when a target is missed). Results go to
``bench/results.json``.
"""

from __future__ import annotations

import argparse
import gc
import json
import sqlite3
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import attrs
from transitions import Machine

import repairkit
from repairkit import ManualClock, Relationship, RelationshipSettings, RepairKit, Schedule, TimeBox
from repairkit.adapters import SQLiteStorage
from repairkit.adapters import codec as _codec
from repairkit.adapters.sqlite import PRAGMAS, SCHEMA
from repairkit.core import Role
from repairkit.ports import Change, Saved
from repairkit.requests import REQUEST_WORKFLOW, Request, RequestRules, RequestState

RESULTS = Path(__file__).with_name("results.json")
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
ANA, BEN = "ana", "ben"
REPEATS = 9

NEED = "To feel that we are a team at home, and that the evening chores are shared fairly."
ASK = (
    "Would you be willing to wash up after dinner on weekdays, while I put the kids to bed,"
    " for the next four weeks, starting Monday?"
)
ALTERNATIVE = (
    "Would it work if I wash up on Mondays, Wednesdays and Fridays, and you take Tuesdays"
    " and Thursdays, and we swap each week?"
)
OBSERVATION = (
    "Last Tuesday and Thursday, after dinner, I washed up alone while you were on your phone"
    " on the sofa; I felt tired and alone, and I said something sharp that I regret now. I"
    " would like us to share it."
)
HOW_OFTEN = Schedule.daily(note="after dinner")


# -- timing --------------------------------------------------------------------------


def _timed(run: Callable[[], Any]) -> float:
    gc.collect()
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def best_of(
    library: Callable[[], Any], baseline: Callable[[], Any], repeats: int = REPEATS
) -> tuple[float, float]:
    """Time both sides *repeats* times, alternating; return the best time of each."""
    library_times, baseline_times = [], []
    for _ in range(repeats):
        baseline_times.append(_timed(baseline))
        library_times.append(_timed(library))
    return min(library_times), min(baseline_times)


def _connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, isolation_level=None)
    for pragma in PRAGMAS:
        db.execute(pragma)
    return db


@attrs.frozen
class Result:
    name: str
    library: str
    baseline: str
    ratio: float
    target: float
    direction: str
    info: bool = False
    """Reported for comparison only; no target applies."""

    @property
    def met(self) -> bool:
        if self.info:
            return True
        return self.ratio >= self.target if self.direction == ">=" else self.ratio <= self.target


# -- 1. domain moves vs bare transitions ----------------------------------------------

MOVES_PER_CYCLE = 13
CYCLES = 100
DOMAIN_ROUNDS = 40
STALL, GO_ON = True, False


def _drafts(count: int) -> list[Request]:
    rules = RequestRules(max_rounds=3)
    relationship_id = uuid.uuid4()
    return [
        Request.draft(
            relationship_id=relationship_id,
            asker=ANA,
            recipient=BEN,
            need=NEED,
            ask=ASK,
            observation=OBSERVATION,
            time_box=TimeBox(starts_at=START, ends_at=START + timedelta(days=28)),
            rules=rules,
            at=START,
        )[0]
        for _ in range(count)
    ]


def _library_cycle(requests: list[Request]) -> None:
    at, day = START, START.date()
    for r in requests:
        r.propose(actor=ANA, at=at)
        r.propose_alternative(actor=BEN, at=at, ask=ALTERNATIVE)
        r.propose_alternative(actor=ANA, at=at, ask=ALTERNATIVE)
        r.propose_alternative(actor=BEN, at=at, ask=ALTERNATIVE)  # round 3: stalled
        r.propose_reopening(actor=ANA, at=at)
        r.agree_to_reopen(actor=BEN, at=at)
        r.propose_alternative(actor=ANA, at=at, ask=ALTERNATIVE)
        r.accept(actor=BEN, at=at)
        r.record_follow_through(actor=BEN, at=at, occurrence=day, kept=True)
        r.propose_ending(actor=ANA, at=at)
        r.keep_going(actor=BEN, at=at)
        r.propose_ending(actor=BEN, at=at)
        r.confirm_ending(actor=ANA, at=at)


@attrs.define(slots=True)
class BareModel:
    """A plain model for the bare machine: a state, and the table's guards as flags."""

    state: RequestState = RequestState.DRAFTED
    stalls: bool = False

    def reaches_round_limit(self, _at: datetime) -> bool:
        return self.stalls

    def timer_due(self, _at: datetime) -> bool:
        return False


def _bare_machine() -> Machine:
    """Return a bare machine built from the same rows as `REQUEST_WORKFLOW`'s.

    A move a `Timer` row makes gets the condition ``timer_due`` (its time guard).
    """
    timed = {timer.fires for timer in REQUEST_WORKFLOW.timers}
    transitions = [
        {
            "trigger": move.trigger,
            "source": list(move.sources),
            "dest": move.dest,
            "conditions": [
                *(["timer_due"] if move.trigger in timed else []),
                *([move.guard] if move.guard else []),
            ],
        }
        for move in REQUEST_WORKFLOW.moves
    ]
    return Machine(
        model=None,
        states=list(RequestState),
        initial=RequestState.DRAFTED,
        transitions=transitions,
        auto_transitions=False,
        send_event=False,
    )


_CYCLE: tuple[tuple[str, str, bool], ...] = (
    ("propose", ANA, GO_ON),
    ("propose_alternative", BEN, GO_ON),
    ("propose_alternative", ANA, GO_ON),
    ("propose_alternative", BEN, STALL),  # round 3: stalled
    ("propose_reopening", ANA, GO_ON),
    ("agree_to_reopen", BEN, GO_ON),
    ("propose_alternative", ANA, GO_ON),
    ("accept", BEN, GO_ON),
    ("record_follow_through", BEN, GO_ON),
    ("propose_ending", ANA, GO_ON),
    ("keep_going", BEN, GO_ON),
    ("propose_ending", BEN, GO_ON),
    ("confirm_ending", ANA, GO_ON),
)
"""The triggers of `_library_cycle`, who makes each, and whether it stalls the request."""


_ROLES = frozenset(m.who for m in REQUEST_WORKFLOW.moves)


@attrs.define(slots=True)
class EngineModel(BareModel):
    """The bare model, plus what the engine asks of an entity: the roles an actor plays."""

    def roles_of(self, _actor: str) -> frozenset[Role]:
        return _ROLES


def _bare_cycle(machine: Machine, objects: list[BareModel]) -> None:
    events, at = machine.events, START
    for o in objects:
        for trigger, _, stalls in _CYCLE:
            o.stalls = stalls
            events[trigger].trigger(o, at)


def _engine_cycle(objects: list[EngineModel]) -> None:
    check, fire, at = REQUEST_WORKFLOW.check, REQUEST_WORKFLOW.fire, START
    for o in objects:
        for trigger, actor, stalls in _CYCLE:
            o.stalls = stalls
            check(o, trigger, actor)
            fire(o, trigger, at)


def _rates(library: Callable[[], Any], bare: Callable[[], Any]) -> tuple[float, float]:
    """Return moves per second of each side, best of `DOMAIN_ROUNDS` alternating runs."""
    library_times, bare_times = [], []
    for _ in range(DOMAIN_ROUNDS):
        bare_times.append(_timed(bare()))
        library_times.append(_timed(library()))
    moves = CYCLES * MOVES_PER_CYCLE
    return moves / min(library_times), moves / min(bare_times)


def bench_domain_moves() -> list[Result]:
    machine = _bare_machine()
    # Check once that every side walks the same path to the same end.
    [probe] = _drafts(1)
    _library_cycle([probe])
    bare, engine = BareModel(), EngineModel()
    _bare_cycle(machine, [bare])
    _engine_cycle([engine])
    ends = {probe.state, bare.state, engine.state}
    if ends != {RequestState.COMPLETED}:
        msg = f"the cycles diverged: entity {probe.state}, bare {bare.state}, engine {engine.state}"
        raise AssertionError(msg)

    def bare_run() -> Callable[[], None]:
        objects = [BareModel() for _ in range(CYCLES)]
        return lambda: _bare_cycle(machine, objects)

    def engine_run() -> Callable[[], None]:
        objects = [EngineModel() for _ in range(CYCLES)]
        return lambda: _engine_cycle(objects)

    def entity_run() -> Callable[[], None]:
        requests = _drafts(CYCLES)
        return lambda: _library_cycle(requests)

    engine_rate, bare_rate = _rates(engine_run, bare_run)
    entity_rate, entity_bare_rate = _rates(entity_run, bare_run)
    return [
        Result(
            "domain_moves",
            f"{engine_rate:,.0f} moves/s",
            f"{bare_rate:,.0f} triggers/s",
            engine_rate / bare_rate,
            0.5,
            ">=",
        ),
        Result(
            "domain_moves_entity",
            f"{entity_rate:,.0f} moves/s",
            f"{entity_bare_rate:,.0f} triggers/s",
            entity_rate / entity_bare_rate,
            0.5,
            ">=",
            info=True,
        ),
    ]


# -- 2. SQLite commands vs raw sqlite3 -------------------------------------------------

COMMANDS = 150
COMMAND_REPEATS = 15


def _couple(kit: RepairKit, settings: RelationshipSettings | None = None) -> Relationship:
    """Ana invites Ben, who accepts: their relationship, active."""
    invitation = kit.relationships.invite(BEN, actor=ANA, settings=settings)
    return kit.relationships.accept_invitation(invitation.id, actor=BEN)


def bench_sqlite_commands(folder: Path) -> Result:
    clock = ManualClock(START)
    kit = repairkit.open(folder / "commands.db", clock=clock)
    relationship = _couple(
        kit, RelationshipSettings(rules=[RequestRules(follow_through_window_days=14)])
    )
    time_box = TimeBox(starts_at=START, ends_at=START + timedelta(days=28), how_often=HOW_OFTEN)
    request = kit.requests.draft(
        relationship.id,
        actor=ANA,
        need=NEED,
        ask=ASK,
        observation=OBSERVATION,
        time_box=time_box,
    )
    kit.requests.propose(request.id, actor=ANA)
    kit.requests.accept(request.id, actor=BEN)
    kit.requests.record_follow_through(request.id, actor=BEN, kept=True)
    correct, request_id, kept = kit.requests.correct_follow_through, request.id, [True]

    def library() -> None:
        # One command after another on the same request: Ben corrects today's mark
        # back and forth (a time box lasts 31 days at most, too few for one a day).
        for _ in range(COMMANDS):
            kept[0] = not kept[0]
            correct(request_id, actor=BEN, kept=kept[0])

    library_db = _connect(folder / "commands.db")
    outbox_before = library_db.execute("SELECT count(*) FROM outbox").fetchone()[0]
    library()  # warm-up; its rows give the baseline realistic bodies
    outbox_rows = library_db.execute(
        "SELECT body FROM outbox ORDER BY seq LIMIT -1 OFFSET ?", (outbox_before,)
    ).fetchall()
    event_bodies = [
        body
        for (body,) in library_db.execute(
            "SELECT body FROM events WHERE subject_id = ? ORDER BY seq DESC LIMIT ?",
            (str(request_id), COMMANDS),
        )
    ]
    row = library_db.execute(
        "SELECT id, kind, relationship_id, version, state, due_at, body FROM objects WHERE id = ?",
        (str(request_id),),
    ).fetchone()
    couple_row = library_db.execute(
        "SELECT id, kind, relationship_id, version, state, due_at, body FROM objects WHERE id = ?",
        (row[2],),
    ).fetchone()
    library_db.close()
    object_id, kind, relationship_id, _, state, due_at, body = row
    notes_per_command = len(outbox_rows) // COMMANDS
    note_bodies = [b for (b,) in outbox_rows[: max(notes_per_command, 1)]]

    raw = _connect(folder / "raw-commands.db")
    raw.execute("BEGIN IMMEDIATE")
    for statement in filter(None, (s.strip() for s in SCHEMA.split(";"))):
        raw.execute(statement)
    raw.execute(
        "INSERT INTO objects (id, kind, relationship_id, version, state, due_at, body)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (object_id, kind, relationship_id, 1, state, due_at, body),
    )
    raw.execute(
        "INSERT INTO objects (id, kind, relationship_id, version, state, due_at, body)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        couple_row,
    )
    raw.execute("COMMIT")
    version = 1
    rows_to_write = (COMMAND_REPEATS + 1) * COMMANDS * (1 + notes_per_command)
    ids = [str(uuid.uuid4()) for _ in range(rows_to_write)]  # made before the clock starts

    def baseline() -> None:
        nonlocal version
        for i in range(COMMANDS):
            raw.execute("BEGIN IMMEDIATE")
            raw.execute(
                "SELECT body FROM objects WHERE id = ? AND kind = ?", (object_id, kind)
            ).fetchone()
            raw.execute(
                "SELECT version, body FROM objects WHERE id = ? AND kind = 'relationship'",
                (relationship_id,),
            ).fetchone()
            # A correction changes neither the state nor the due time, so (like the
            # library) it sets only the version and the body: an indexed column set even
            # to the same value rewrites its index pages.
            raw.execute(
                "UPDATE objects SET version = ?, body = ?"
                " WHERE id = ? AND kind = ? AND version = ?",
                (version + 1, body, object_id, kind, version),
            )
            raw.execute(
                "INSERT INTO events (id, subject_id, relationship_id, body) VALUES (?, ?, ?, ?)",
                (ids.pop(), object_id, relationship_id, event_bodies[i % len(event_bodies)]),
            )
            for n in range(notes_per_command):
                raw.execute(
                    "INSERT OR IGNORE INTO outbox (id, body) VALUES (?, ?)",
                    (ids.pop(), note_bodies[n]),
                )
            raw.execute("COMMIT")
            version += 1

    library_time, raw_time = best_of(library, baseline, COMMAND_REPEATS)
    raw.close()
    kit.close()
    library_rate, raw_rate = COMMANDS / library_time, COMMANDS / raw_time
    return Result(
        "sqlite_commands",
        f"{library_rate:,.0f} commands/s",
        f"{raw_rate:,.0f} commands/s",
        library_rate / raw_rate,
        0.5,
        ">=",
    )


# -- 3 and 4: loading ------------------------------------------------------------------

REQUESTS = 10_000
BATCH = 1_000
BIG_HISTORY = 10_000
LOADS = 250
HISTORY_ROUNDS = 31


_S = RequestState
_STEPS: dict[str, Callable[[Request, datetime], Any]] = {
    "propose": lambda r, at: r.propose(actor=r.asker, at=at),
    "alternative": lambda r, at: r.propose_alternative(actor=r.awaiting, at=at, ask=ALTERNATIVE),
    "accept": lambda r, at: r.accept(actor=r.awaiting, at=at),
    "decline": lambda r, at: r.decline(actor=r.recipient, at=at, reason="Not these weeks."),
    "withdraw": lambda r, at: r.withdraw(actor=r.asker, at=at),
    "record": lambda r, at: r.record_follow_through(
        actor=r.recipient, at=at, occurrence=at.date(), kept=True
    ),
    "propose_ending": lambda r, at: r.propose_ending(actor=r.asker, at=at),
    "confirm_ending": lambda r, at: r.confirm_ending(actor=r.awaiting, at=at),
    "step_back": lambda r, at: r.step_back(actor=r.recipient, at=at),
    "hold": lambda r, at: r.hold(actor=r.asker, at=at),
}
_PATHS: dict[RequestState, tuple[str, ...]] = {
    _S.DRAFTED: (),
    _S.PROPOSED: ("propose",),
    _S.NEGOTIATING: ("propose", "alternative"),
    _S.STALLED: ("propose", "alternative", "alternative", "alternative"),  # max_rounds=3
    _S.AGREED: ("propose", "accept", "record"),
    _S.ENDING: ("propose", "accept", "record", "propose_ending"),
    _S.ON_HOLD: ("propose", "accept", "record", "hold"),
    _S.DECLINED: ("propose", "decline"),
    _S.WITHDRAWN: ("propose", "withdraw"),
    _S.STEPPED_BACK: ("propose", "accept", "record", "step_back"),
    _S.COMPLETED: (
        "propose",
        "alternative",
        "accept",
        "record",
        "propose_ending",
        "confirm_ending",
    ),
}


def _walk(request: Request, target: RequestState, at: datetime) -> list[Any]:
    """Move a fresh draft to *target* by a legal path; return the events."""
    events = [_STEPS[step](request, at) for step in _PATHS[target]]
    assert request.state is target
    return events


def _draft(
    relationship_id: uuid.UUID, rules: RequestRules, i: int, at: datetime, *, boxed: bool = True
) -> tuple[Request, Any]:
    asker, recipient = (ANA, BEN) if i % 2 == 0 else (BEN, ANA)
    return Request.draft(
        relationship_id=relationship_id,
        asker=asker,
        recipient=recipient,
        need=f"{NEED} ({i})",
        ask=ASK,
        observation=OBSERVATION,
        time_box=TimeBox(starts_at=at, ends_at=at + timedelta(days=28), how_often=HOW_OFTEN)
        if boxed
        else None,
        rules=rules,
        at=at,
    )


def _fill(storage: SQLiteStorage, kit: RepairKit) -> uuid.UUID:
    """Store REQUESTS requests in one relationship, in every state a couple reaches; return its id.

    "closed by leaving" is left out: it happens once, when a relationship ends.
    """
    relationship = _couple(kit)
    rules = relationship.settings.of(RequestRules)
    states = [state for state in RequestState if state in _PATHS]
    saves: list[Saved] = []
    events: list[Any] = []
    for i in range(REQUESTS):
        at = START + timedelta(minutes=i)
        request, drafted = _draft(relationship.id, rules, i, at)
        events.append(drafted)
        events.extend(_walk(request, states[i % len(states)], at))
        saves.append(Saved(request, 0))
        if len(saves) == BATCH:
            storage.commit(Change(saves=tuple(saves), events=tuple(events)))
            saves, events = [], []
    if saves:
        storage.commit(Change(saves=tuple(saves), events=tuple(events)))
    return relationship.id


def bench_load_10k(folder: Path, storage: SQLiteStorage, kit: RepairKit) -> Result:
    relationship_id = _fill(storage, kit)
    cold = SQLiteStorage(storage.path)  # its identity map was never filled
    raw = _connect(folder / "load.db")
    sql = "SELECT body, state FROM objects WHERE relationship_id = ? AND kind = ?"
    params = (str(relationship_id), "request")
    loads = json.loads

    def library() -> None:
        found = cold.load_all(Request, relationship_id)
        assert len(found) == REQUESTS

    def baseline() -> None:
        found = [loads(body) for body, _ in raw.execute(sql, params).fetchall()]
        assert len(found) == REQUESTS

    library_time, raw_time = best_of(library, baseline)
    raw.close()
    cold.close()
    return Result(
        "sqlite_load_10k",
        f"{library_time * 1e3:.1f} ms",
        f"{raw_time * 1e3:.1f} ms",
        (REQUESTS / library_time) / (REQUESTS / raw_time),
        0.5,
        ">=",
    )


def _agreed_with_history(
    relationship_id: uuid.UUID, rules: RequestRules, records: int
) -> tuple[Request, list[Any]]:
    request, drafted = _draft(relationship_id, rules, 0, START, boxed=True)
    events: list[Any] = [
        drafted,
        request.propose(actor=ANA, at=START),
        request.accept(actor=BEN, at=START),
    ]
    day = START.date()
    for i in range(records):
        # A long history on one request: the first mark, then corrections back and forth.
        at = START + timedelta(seconds=i)
        if i == 0:
            events.append(
                request.record_follow_through(actor=BEN, at=at, occurrence=day, kept=True)
            )
        else:
            events.append(
                request.correct_follow_through(actor=BEN, at=at, occurrence=day, kept=i % 2 == 0)
            )
    return request, events


def bench_load_vs_history(storage: SQLiteStorage, kit: RepairKit) -> Result:
    # Ana and Ben share one active relationship: the one bench_load_10k started, if any.
    known = kit.relationships.for_person(ANA)
    relationship = known[0] if known else _couple(kit)
    rules = relationship.settings.of(RequestRules)
    ids = []
    for records in (BIG_HISTORY - 3, 7):  # plus drafted, proposed, accepted
        request, events = _agreed_with_history(relationship.id, rules, records)
        storage.commit(Change(saves=(Saved(request, 0),), events=tuple(events)))
        ids.append(request.id)
    big, small = ids
    assert len(storage.events(big)) == BIG_HISTORY
    assert len(storage.events(small)) == 10
    load = storage.load

    def many(request_id: uuid.UUID) -> Callable[[], None]:
        def run() -> None:
            for _ in range(LOADS):
                load(Request, request_id)

        return run

    big_time, small_time = best_of(many(big), many(small), HISTORY_ROUNDS)
    return Result(
        "load_vs_history",
        f"{big_time / LOADS * 1e6:.1f} us/load (10k events)",
        f"{small_time / LOADS * 1e6:.1f} us/load (10 events)",
        big_time / small_time,
        1.5,
        "<=",
    )


# -- the report ------------------------------------------------------------------------


def report(results: list[Result], elapsed: float) -> None:
    headers = ("benchmark", "library", "baseline", "ratio", "target", "met")
    rows = [
        (
            r.name,
            r.library,
            r.baseline,
            f"{r.ratio:.3f}",
            "-" if r.info else f"{r.direction} {r.target}",
            "info" if r.info else "yes" if r.met else "MISSED",
        )
        for r in results
    ]
    widths = [max(len(str(c)) for c in column) for column in zip(headers, *rows, strict=True)]
    line = "  ".join(f"{{:<{w}}}" for w in widths)
    print(line.format(*headers).rstrip())
    print(line.format(*("-" * w for w in widths)))
    for row in rows:
        print(line.format(*row).rstrip())
    missed = [r.name for r in results if not r.met]
    targets = [r for r in results if not r.info]
    print(f"\n{len(targets) - len(missed)}/{len(targets)} targets met in {elapsed:.1f} s.")
    if missed:
        print("MISSED: " + ", ".join(missed))
    RESULTS.write_text(
        json.dumps(
            {
                r.name: {
                    "ratio": round(r.ratio, 4),
                    "target": None if r.info else r.target,
                    "direction": r.direction,
                    "met": r.met,
                }
                for r in results
            },
            indent=2,
        )
        + "\n"
    )
    print(f"Wrote {RESULTS}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "--strict", action="store_true", help="exit with status 1 when any target is missed"
    )
    parser.add_argument(
        "--postgres",
        action="store_true",
        help="also start a PostgreSQL server and run the PostgreSQL benchmarks",
    )
    args = parser.parse_args(argv)
    began = time.perf_counter()
    results = bench_domain_moves()
    with tempfile.TemporaryDirectory(prefix="repairkit-bench-") as tmp:
        folder = Path(tmp)
        results.append(bench_sqlite_commands(folder))
        if _codec.orjson is not None:
            # The same commands with the standard library's JSON (no `repairkit[fast]`).
            fast = (_codec.dumps, _codec.loads)
            _codec.dumps, _codec.loads = _codec._std_dumps, json.loads
            try:
                (folder / "stdlib").mkdir()
                plain = bench_sqlite_commands(folder / "stdlib")
            finally:
                _codec.dumps, _codec.loads = fast
            results.append(attrs.evolve(plain, name="sqlite_commands_stdlib_json", info=True))
        storage = SQLiteStorage(folder / "load.db")
        kit = RepairKit(storage=storage, clock=ManualClock(START))
        results.append(bench_load_10k(folder, storage, kit))
        results.append(bench_load_vs_history(storage, kit))
        storage.close()
        sys.path.insert(0, str(Path(__file__).parent))
        import timers  # noqa: PLC0415 - bench/timers.py

        results.extend(timers.run_all(Result, best_of, START, (NEED, ASK, OBSERVATION), folder))
        import peers  # noqa: PLC0415 - bench/peers.py
        import progress  # noqa: PLC0415 - bench/progress.py
        import scale  # noqa: PLC0415 - bench/scale.py

        results.extend(scale.run_sqlite(Result, best_of, START, folder))
        results.append(progress.progress_scale(Result, best_of, START, folder))
        results.append(peers.run(Result, best_of, START, folder))
    if args.postgres:
        sys.path.insert(0, str(Path(__file__).parent))
        import postgres  # noqa: PLC0415 - bench/postgres.py, needs the postgres extra

        results.extend(postgres.run_all(Result, best_of, START, (NEED, ASK, OBSERVATION)))
        results.extend(scale.run_postgres(Result, best_of, START))
    report(results, time.perf_counter() - began)
    return 1 if args.strict and not all(r.met for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
