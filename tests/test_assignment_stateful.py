"""Stateful property tests: random practices between sessions against a small model.

The model is written from the practice, not from the library's table: a partner proposes
a practice for a partner (themself included: their own yes); it starts only once the
partner it is for says yes, and their no is neutral. The partner practising records their
own attempts and ends it alone; after an attempt, either partner writes a debrief of their
own and only its author takes it out (even once it closed); the other partner celebrates
an attempt not yet celebrated; either closes it at review; its time box closes it. The
property above all: a practice never starts without its assignee's yes.
"""

from __future__ import annotations

import dataclasses
import uuid
from datetime import datetime, timedelta

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, initialize, invariant, multiple, rule

from conftest import invite_and_accept
from kit_machine import KitMachine
from repairkit import InvalidInput, NotAllowedNow, NotFound, NotPermitted, RelationshipSettings
from repairkit.assignments import AssignmentAccepted, AssignmentRules, AssignmentTakenOn

PARTNERS = ("ana", "ben")
ACTOR = st.sampled_from((*PARTNERS, "eve"))
WORDS = st.sampled_from(["Practise reflective listening.", "Share one worry.", " ", "x" * 301])
DAYS = 3
FINISHED = ("ended", "reviewed", "time up")
_ROWS = {
    "proposed": {"accept", "decline", "withdraw"},
    "active": {"attempt", "debrief", "remove_debrief", "celebrate", "end", "review"},
    **{key: {"remove_debrief"} for key in FINISHED},
}


@dataclasses.dataclass
class Practice:
    """What one practice should look like, kept by the test alone."""

    proposer: str
    assignee: str
    state: str
    started_at: datetime | None = None
    attempts: list[bool] = dataclasses.field(default_factory=list)  # celebrated or not
    debriefs: list[tuple[int, str]] = dataclasses.field(default_factory=list)
    next_debrief: int = 1

    def sees(self, person: str) -> bool:
        return person in (self.proposer, self.assignee) or self.started_at is not None

    def may(self, person: str, move: str) -> bool:
        """Whether the practice gives *person* the role *move* needs (the table aside)."""
        if move in ("accept", "decline", "attempt", "end"):
            return person == self.assignee
        if move == "withdraw":
            return person == self.proposer
        if move == "celebrate":
            return person != self.assignee
        if move == "remove_debrief":
            return any(author == person for _, author in self.debriefs)
        return True  # debrief, review: either partner

    def ready(self, move: str) -> bool:
        """Whether the practice's own conditions allow *move* now."""
        if move == "debrief":
            return bool(self.attempts)
        if move == "celebrate":
            return not all(self.attempts)
        return True

    def moves_of(self, person: str) -> set[str]:
        """What the practice lets *person* do now."""
        rows = _ROWS.get(self.state, set())
        return {m for m in rows if self.may(person, m) and self.ready(m)}

    def refusal(self, person: str, move: str) -> type[Exception] | None:
        """The error the practice expects of *person* making *move* now, or None."""
        if person not in PARTNERS or not self.sees(person):
            return NotFound
        if move not in _ROWS.get(self.state, set()):
            return NotAllowedNow
        if not self.may(person, move):
            return NotPermitted
        return None if self.ready(move) else NotAllowedNow


class AssignmentMachine(KitMachine):
    """Ana and Ben (and Eve, an outsider) propose, answer, practise, debrief and end."""

    practices = Bundle("practices")

    def __init__(self) -> None:
        super().__init__()
        self.models: dict[uuid.UUID, Practice] = {}
        self.couple = uuid.uuid4()

    @initialize()
    def start(self) -> None:
        """A couple whose rules leave the bounds and the wait after a no out of the way."""
        rules = AssignmentRules(
            default_days=DAYS, max_open=10, daily_proposals=10, reask_wait_hours=0
        )
        settings_ = RelationshipSettings(rules=[rules])
        self.couple = invite_and_accept(self.kit, PARTNERS, actor="ana", settings=settings_).id

    def _pass(self, delta: timedelta) -> None:
        """Let time pass; the time boxes that ended close, in the kit and the model."""
        self.clock.advance(delta)
        self.kit.timers.run_due()
        for p in self.models.values():
            ends = None if p.started_at is None else p.started_at + timedelta(days=DAYS)
            if p.state == "active" and ends is not None and ends <= self.clock.now():
                p.state = "time up"

    @rule(target=practices, actor=ACTOR, own=st.booleans(), words=WORDS)
    def propose(self, actor: str, own: bool, words: str) -> object:
        """Propose a practice for the other partner, or for oneself."""
        self._pass(timedelta(hours=12))  # half a day of its own: the pressure budget
        assignee = actor if own else None
        ok = bool(words.strip()) and len(words) <= 300
        expected = NotFound if actor not in PARTNERS else None if ok else InvalidInput
        if expected is not None:
            with pytest.raises(expected):
                self.kit.assignments.propose(
                    self.couple, actor=actor, assignee=assignee, words=words
                )
            return multiple()
        made = self.kit.assignments.propose(
            self.couple, actor=actor, assignee=assignee, words=words
        )
        other = PARTNERS[1] if actor == PARTNERS[0] else PARTNERS[0]
        started = self.clock.now() if own else None
        self.models[made.id] = Practice(
            actor, actor if own else other, "active" if own else "proposed", started
        )
        return made.id

    @rule(pid=practices, actor=ACTOR, move=st.sampled_from(["accept", "decline", "withdraw"]))
    def answer(self, pid: uuid.UUID, actor: str, move: str) -> None:
        """The assignee says yes or no; the proposer takes it back."""
        p = self.models[pid]
        expected = p.refusal(actor, move)
        if expected is not None:
            with pytest.raises(expected):
                getattr(self.kit.assignments, move)(pid, actor=actor)
            return
        getattr(self.kit.assignments, move)(pid, actor=actor)
        p.state = {"accept": "active", "decline": "declined", "withdraw": "withdrawn"}[move]
        if move == "accept":
            p.started_at = self.clock.now()

    @rule(
        pid=practices, actor=ACTOR, move=st.sampled_from(["attempt", "celebrate", "end", "review"])
    )
    def practise(self, pid: uuid.UUID, actor: str, move: str) -> None:
        """Record an attempt, celebrate one, end it alone, or close it at review."""
        p = self.models[pid]
        expected = p.refusal(actor, move)
        if expected is not None:
            with pytest.raises(expected):
                getattr(self.kit.assignments, move)(pid, actor=actor)
            return
        self._pass(timedelta(hours=1))
        if p.state != "active":  # its time box ended meanwhile
            return
        self.clock.advance(timedelta(hours=1))
        getattr(self.kit.assignments, move)(pid, actor=actor)
        if move == "attempt":
            p.attempts.append(False)
        elif move == "celebrate":
            p.attempts = [True] * len(p.attempts)
        else:
            p.state = "ended" if move == "end" else "reviewed"

    @rule(pid=practices, actor=ACTOR)
    def debrief(self, pid: uuid.UUID, actor: str) -> None:
        """Write a debrief of one's own, after an attempt."""
        p = self.models[pid]
        expected = p.refusal(actor, "debrief")
        if expected is not None:
            with pytest.raises(expected):
                self.kit.assignments.debrief(pid, actor=actor, worked="Slowing down helped.")
            return
        self._pass(timedelta(hours=12))  # the pressure budget: every debrief counts
        if p.state != "active":
            return
        self.kit.assignments.debrief(pid, actor=actor, worked="Slowing down helped.")
        p.debriefs.append((p.next_debrief, actor))
        p.next_debrief += 1

    @rule(pid=practices, actor=ACTOR, which=st.integers(0, 3))
    def remove_debrief(self, pid: uuid.UUID, actor: str, which: int) -> None:
        """Take a debrief out: one's own only (else refused, changing nothing)."""
        p = self.models[pid]
        number = p.debriefs[which % len(p.debriefs)][0] if p.debriefs else 1
        expected = p.refusal(actor, "remove_debrief")
        if expected is None and (number, actor) not in p.debriefs:
            expected = InvalidInput
        if expected is not None:
            with pytest.raises(expected):
                self.kit.assignments.remove_debrief(pid, actor=actor, debrief=number)
            return
        self.kit.assignments.remove_debrief(pid, actor=actor, debrief=number)
        p.debriefs.remove((number, actor))

    @rule(hours=st.sampled_from([1, 24, 24 * 3]))
    def time_passes(self, hours: int) -> None:
        """Time passes; time boxes close."""
        self._pass(timedelta(hours=hours))

    @invariant()
    def the_moves_each_partner_is_offered_match_the_model(self) -> None:
        """`moves()` lists what the practice allows each partner now; Eve gets NotFound."""
        for pid, p in self.models.items():
            for person in PARTNERS:
                if not p.sees(person):
                    with pytest.raises(NotFound):
                        self.kit.assignments.moves(pid, actor=person)
                    continue
                offered = set(self.kit.assignments.moves(pid, actor=person))
                assert offered == p.moves_of(person), (p.state, person)
            with pytest.raises(NotFound):
                self.kit.assignments.moves(pid, actor="eve")

    @invariant()
    def stored_practices_match_the_model(self) -> None:
        """Each practice reads as the model says, to each partner who may see it."""
        for pid, p in self.models.items():
            for person in PARTNERS:
                if not p.sees(person):
                    continue
                stored = self.kit.assignments.get(pid, actor=person)
                assert (stored.proposer, stored.assignee, stored.state.value) == (
                    p.proposer,
                    p.assignee,
                    p.state,
                )
                assert [a.celebrated for a in stored.attempts] == p.attempts
                assert [(d.number, d.author) for d in stored.debriefs] == p.debriefs

    @invariant()
    def a_practice_never_starts_without_its_assignees_yes(self) -> None:
        """Every practice that ever started holds the assignee's own yes among its events."""
        for pid, p in self.models.items():
            stored = self.kit.assignments.get(pid, actor=p.assignee)
            if stored.started_at is None:
                assert p.started_at is None
                continue
            yes = [
                e
                for e in self.kit.assignments.events(pid, actor=p.assignee)
                if isinstance(e, AssignmentAccepted | AssignmentTakenOn)
            ]
            assert [(e.actor, e.at) for e in yes] == [(p.assignee, stored.started_at)]


class SQLiteAssignmentMachine(AssignmentMachine):
    """The same machine over SQLite."""

    storage_kind = "sqlite"


STEPS = settings(stateful_step_count=40, deadline=None)

TestAssignmentsInMemory = AssignmentMachine.TestCase
TestAssignmentsInMemory.settings = STEPS
TestAssignmentsInMemory.__doc__ = "Random moves keep in-memory practices in line."

TestAssignmentsInSQLite = SQLiteAssignmentMachine.TestCase
TestAssignmentsInSQLite.settings = STEPS
TestAssignmentsInSQLite.__doc__ = "Random moves keep SQLite practices in line."
