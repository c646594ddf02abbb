"""Stateful property tests: random check-in preparations against a reference model.

The model is written from the practice, not from the library's table: before each
weekly check-in, each partner may write a few appreciations, what went right and one
issue, in private, each entry marked for sharing or kept private. Nobody else reads a
preparation, nor learns it exists, until both partners are ready or the check-in's time
comes; the other partner then reads the entries marked for sharing, and only those. Only
its author moves it, and only before the check-in; once ready, its entries are set.
Nobody is ever told anything.
"""

from __future__ import annotations

import dataclasses
import uuid
from datetime import UTC, datetime, time, timedelta

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, initialize, invariant, multiple, rule

from conftest import invite_and_accept
from kit_machine import KitMachine
from repairkit import InvalidInput, NotAllowedNow, NotFound, RelationshipSettings
from repairkit.preparations import PreparationRules

PARTNERS = ("ana", "ben")
ACTOR = st.sampled_from((*PARTNERS, "eve"))
KIND = st.sampled_from(["appreciation", "went right", "issue", "rant"])
WORDS = st.sampled_from(["Thanks for dinner.", "Our walk on Sunday.", "   "])
ENTRY = st.sampled_from([1, 2, 3, 5, "1"])
LIMITS = {"appreciation": 2, "went right": 1, "issue": 1}
ORDER = ["appreciation", "went right", "issue"]
FIRST = datetime(2026, 3, 4, 19, 0, tzinfo=UTC)
"""The first check-in of the schedule agreed on Monday 2 March: Wednesday at 19:00."""
LENGTH = timedelta(hours=1)


@dataclasses.dataclass
class Prep:
    """What one preparation should look like, kept by the test alone."""

    author: str
    opens_at: datetime
    entries: dict[int, tuple[str, str, bool]]
    """Number: (kind, words, shared), in the order written."""
    next_number: int = 2
    state: str = "writing"

    @property
    def partner(self) -> str:
        return "ben" if self.author == "ana" else "ana"

    def shared(self) -> list[tuple[int, str, str]]:
        return [(n, kind, words) for n, (kind, words, s) in self.entries.items() if s]

    def full(self, kind: str) -> bool:
        return sum(1 for k, _, _ in self.entries.values() if k == kind) >= LIMITS[kind]


class PreparationMachine(KitMachine):
    """Ana and Ben (and Eve, an outsider) prepare their weekly check-ins."""

    preparations = Bundle("preparations")

    def __init__(self) -> None:
        super().__init__()
        self.preps: dict[uuid.UUID, Prep] = {}
        self.couple = uuid.uuid4()
        self.schedule = uuid.uuid4()
        self.heard = 0

    @initialize()
    def start(self) -> None:
        """A couple with small limits agrees a weekly check-in on Wednesdays at 19:00."""
        agreed = RelationshipSettings(
            rules=[PreparationRules(max_appreciations=2, max_went_right=1, max_issues=1)]
        )
        self.couple = invite_and_accept(self.kit, PARTNERS, actor="ana", settings=agreed).id
        proposed = self.kit.checkins.propose(self.couple, actor="ana", weekday=2, start=time(19, 0))
        self.schedule = self.kit.checkins.agree(proposed.id, actor="ben").id
        self.heard = len(self.notifier.received)

    # -- the model's time -----------------------------------------------------------------

    def _next_start(self) -> datetime:
        """The first check-in that starts after now."""
        now, start = self.clock.now(), FIRST
        while start <= now:
            start += timedelta(weeks=1)
        return start

    def _current_start(self) -> datetime:
        """The check-in under way, or the next one."""
        now, start = self.clock.now(), FIRST
        while start + LENGTH <= now:
            start += timedelta(weeks=1)
        return start

    def _open(self, prep: Prep) -> bool:
        return prep.state in ("writing", "ready") and self.clock.now() < prep.opens_at

    def _ready_other(self, prep: Prep) -> bool:
        return any(
            p.author == prep.partner and p.opens_at == prep.opens_at and p.state == "ready"
            for p in self.preps.values()
        )

    def _revealed(self, prep: Prep) -> bool:
        if prep.state == "opened":
            return True
        if prep.state not in ("writing", "ready"):
            return False
        came = self.clock.now() >= prep.opens_at
        return came or (prep.state == "ready" and self._ready_other(prep))

    def _sees(self, prep: Prep, person: str) -> bool:
        if person == prep.author:
            return True
        return person == prep.partner and bool(prep.shared()) and self._revealed(prep)

    def _moves(self, prep: Prep) -> set[str]:
        if not self._open(prep):
            return set()
        if prep.state == "ready":
            return {"withdraw"}
        moves = {"ready", "withdraw"}
        if not all(prep.full(kind) for kind in LIMITS):
            moves.add("add_entry")
        if prep.entries:
            moves |= {"revise_entry", "remove_entry"}
        if any(not s for _, _, s in prep.entries.values()):
            moves.add("mark_shared")
        if prep.shared():
            moves.add("keep_private")
        return moves

    # -- writing -----------------------------------------------------------------------------

    @rule(target=preparations, actor=ACTOR, kind=KIND, words=WORDS, share=st.booleans())
    def write(self, actor: str, kind: str, words: str, share: bool) -> object:
        """Write an entry for the next check-in: begin one's preparation, or add to it."""
        opens_at = self._next_start()
        own = next(
            (
                (pid, p)
                for pid, p in self.preps.items()
                if p.author == actor and p.opens_at == opens_at and p.state in ("writing", "ready")
            ),
            None,
        )
        expected: type[Exception] | None = None
        if actor not in PARTNERS:
            expected = NotFound
        elif own is not None and (
            own[1].state == "ready" or "add_entry" not in self._moves(own[1])
        ):
            expected = NotAllowedNow
        elif kind not in LIMITS or (own is not None and own[1].full(kind)) or not words.strip():
            expected = InvalidInput

        def call() -> object:
            return self.kit.preparations.write(
                self.couple,
                actor=actor,
                schedule_id=self.schedule,
                kind=kind,
                words=words,
                share=share,
            )

        if expected is not None:
            with pytest.raises(expected):
                call()
            return multiple()
        made = call()
        if own is not None:
            prep = own[1]
            assert made.id == own[0]
            prep.entries[prep.next_number] = (kind, words.strip(), share)
            prep.next_number += 1
            return multiple()
        self.preps[made.id] = Prep(actor, opens_at, {1: (kind, words.strip(), share)})
        return made.id

    def _expected(self, prep: Prep, actor: str, move: str) -> type[Exception] | None:
        if actor != prep.author:  # the partner reads an opened one, and moves nothing
            opened = actor == prep.partner and prep.state == "opened" and prep.shared()
            return NotAllowedNow if opened else NotFound
        return None if move in self._moves(prep) else NotAllowedNow

    @rule(pid=preparations, actor=ACTOR, entry=ENTRY, words=WORDS)
    def revise_entry(self, pid: uuid.UUID, actor: str, entry: object, words: str) -> None:
        """Its author rewrites an entry of theirs."""
        prep = self.preps[pid]
        expected = self._expected(prep, actor, "revise_entry")
        if expected is None and (entry not in prep.entries or not words.strip()):
            expected = InvalidInput
        if expected is not None:
            with pytest.raises(expected):
                self.kit.preparations.revise_entry(pid, actor=actor, entry=entry, words=words)
            return
        self.kit.preparations.revise_entry(pid, actor=actor, entry=entry, words=words)
        assert isinstance(entry, int)
        kind, _, shared = prep.entries[entry]
        prep.entries[entry] = (kind, words.strip(), shared)

    @rule(
        pid=preparations,
        actor=ACTOR,
        entry=ENTRY,
        move=st.sampled_from(["remove_entry", "mark_shared", "keep_private"]),
    )
    def change_entry(self, pid: uuid.UUID, actor: str, entry: object, move: str) -> None:
        """Its author takes an entry out, marks it for sharing, or keeps it private."""
        prep = self.preps[pid]
        expected = self._expected(prep, actor, move)
        if expected is None:
            found = prep.entries.get(entry) if isinstance(entry, int) else None
            if found is None or (move != "remove_entry" and found[2] is (move == "mark_shared")):
                expected = InvalidInput
        command = getattr(self.kit.preparations, move)
        if expected is not None:
            with pytest.raises(expected):
                command(pid, actor=actor, entry=entry)
            return
        command(pid, actor=actor, entry=entry)
        assert isinstance(entry, int)
        if move == "remove_entry":
            del prep.entries[entry]
        else:
            kind, words, _ = prep.entries[entry]
            prep.entries[entry] = (kind, words, move == "mark_shared")

    @rule(pid=preparations, actor=ACTOR, move=st.sampled_from(["ready", "withdraw"]))
    def ready_or_withdraw(self, pid: uuid.UUID, actor: str, move: str) -> None:
        """Its author marks themselves ready, or takes the whole preparation back."""
        prep = self.preps[pid]
        expected = self._expected(prep, actor, move)
        command = getattr(self.kit.preparations, move)
        if expected is not None:
            with pytest.raises(expected):
                command(pid, actor=actor)
            return
        command(pid, actor=actor)
        prep.state = {"ready": "ready", "withdraw": "withdrawn"}[move]

    @rule(hours=st.sampled_from([1, 7, 30, 24 * 6]))
    def time_passes(self, hours: int) -> None:
        """Time passes and the app runs what fell due: each check-in that came opens its own."""
        self.clock.advance(timedelta(hours=hours))
        self.kit.timers.run_due(limit=1000)
        for prep in self.preps.values():
            if prep.state in ("writing", "ready") and self.clock.now() >= prep.opens_at:
                prep.state = "opened"

    # -- what each reads -------------------------------------------------------------------

    @invariant()
    def the_moves_each_person_is_offered_match_the_model(self) -> None:
        """`moves()` lists what the practice allows its author; the partner moves nothing."""
        for pid, prep in self.preps.items():
            for person in (*PARTNERS, "eve"):
                if not self._sees(prep, person):
                    with pytest.raises(NotFound):
                        self.kit.preparations.moves(pid, actor=person)
                    continue
                mine = self._moves(prep) if person == prep.author else set()
                assert set(self.kit.preparations.moves(pid, actor=person)) == mine

    @invariant()
    def each_reads_the_preparations_as_the_model_says(self) -> None:
        """Its author reads it whole; the partner, once revealed, the shared entries only."""
        for pid, prep in self.preps.items():
            for person in PARTNERS:
                if not self._sees(prep, person):
                    with pytest.raises(NotFound):
                        self.kit.preparations.get(pid, actor=person)
                    continue
                got = self.kit.preparations.get(pid, actor=person)
                entries = [(e.kind.value, e.words, e.shared) for e in got.entries]
                if person == prep.author:
                    assert entries == list(prep.entries.values())
                    assert [e.number for e in got.entries] == list(prep.entries)
                else:
                    assert entries == [(k, w, True) for _, k, w in prep.shared()]
                    assert [e.number for e in got.entries] == list(range(1, len(entries) + 1))
                    assert (got.version, got.created_at) == (1, prep.opens_at)
                    events = self.kit.preparations.events(pid, actor=person)
                    opened = [("preparation.opened", 1)] if prep.state == "opened" else []
                    assert [(e.TAG, e.version) for e in events] == opened
        for person in PARTNERS:
            found = {p.id for p in self.kit.preparations.find(self.couple, actor=person)}
            assert found == {pid for pid, p in self.preps.items() if self._sees(p, person)}
            theirs = [
                e
                for e in self.kit.relationships.events(self.couple, actor=person)
                if e.TAG.startswith("preparation.")
            ]
            for event in theirs:  # one's own; of the other's, only the opening of a revealed one
                prep = self.preps[event.subject_id]
                assert prep.author == person or (
                    event.TAG == "preparation.opened" and self._sees(prep, person)
                )
        assert len(self.notifier.received) == self.heard  # nobody is ever told

    @invariant()
    def the_reveal_is_the_models(self) -> None:
        """Both partners' shared entries, by kind then partner, once revealed; none before."""
        current = self._current_start()
        came = self.clock.now() >= current
        for person in PARTNERS:
            at = [p for p in self.preps.values() if p.opens_at == current]
            theirs = [p for p in at if p.author != person and self._sees(p, person)]
            mine = [p for p in at if p.author == person and (theirs or came) and self._revealed(p)]
            expected = sorted(
                (ORDER.index(kind), p.author, n, words)
                for p in (*mine, *theirs)
                for n, kind, words in p.shared()
            )
            got = self.kit.preparations.revealed(self.schedule, actor=person)
            assert [(ORDER.index(e.kind.value), e.author, e.words) for e in got] == [
                (k, a, w) for k, a, _, w in expected
            ]
        with pytest.raises(NotFound):
            self.kit.preparations.revealed(self.schedule, actor="eve")


class SQLitePreparationMachine(PreparationMachine):
    """The same machine over SQLite."""

    storage_kind = "sqlite"


STEPS = settings(stateful_step_count=40, deadline=None)

TestPreparationsInMemory = PreparationMachine.TestCase
TestPreparationsInMemory.settings = STEPS
TestPreparationsInMemory.__doc__ = "Random moves keep in-memory preparations in line."

TestPreparationsInSQLite = SQLitePreparationMachine.TestCase
TestPreparationsInSQLite.settings = STEPS
TestPreparationsInSQLite.__doc__ = "Random moves keep SQLite preparations in line."
