"""Stateful property tests: random observations, moves and answers against a reference model.

The model is written from the practice (docs/practices.md, naming the pattern without
blame), not from the library's table: one partner writes a moment privately and shares
it when ready; the other reflects it back ("did I get it?"), and the writer says it got
it or that there is more, for a few rounds (after the last, it goes to the check-in);
the other adds their own experience of the moment once, or says "not now" (to the
check-in); either tables it for the check-in; the writer withdraws it at any time.
Either partner turns a shared observation into a request draft of their own, which
the other does not see. Nothing is counted: no crossing is ever made.
"""

from __future__ import annotations

import dataclasses
import uuid

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, initialize, invariant, multiple, rule

from conftest import invite_and_accept
from kit_machine import KitMachine
from repairkit import InvalidInput, NotAllowedNow, NotFound, NotPermitted, RelationshipSettings
from repairkit.observations import ObservationRules

PARTNERS = ("ana", "ben")
ACTOR = st.sampled_from((*PARTNERS, "eve"))
WORDS = st.sampled_from(["You felt alone when I looked at my phone.", "   ", "x" * 1001])
MORE = st.sampled_from([None, "It was also our anniversary.", "   "])
MOMENT = st.sampled_from(["On Tuesday at dinner you looked at your phone.", ""])
AGENDA = ("not now", "tabled")
OPEN = ("shared", "mirrored", "heard")


@dataclasses.dataclass
class Moment:
    """What one observation should look like, kept by the test alone."""

    writer: str
    listener: str
    state: str = "drafted"
    shared: bool = False
    rounds: int = 0
    reflection: str | None = None
    experience: str | None = None
    additions: tuple[str, ...] = ()
    requests: dict[str, int] = dataclasses.field(default_factory=lambda: dict.fromkeys(PARTNERS, 0))

    def sees(self, person: str) -> bool:
        return person == self.writer or (person == self.listener and self.shared)

    def moves_of(self, person: str) -> set[str]:
        """What the practice lets *person* do now ("more" at every round: the last one tables)."""
        if not self.sees(person):
            return set()
        writer = person == self.writer
        moves: set[str] = set()
        if self.state == "drafted":
            moves |= {"revise", "share"}
        if self.state == "shared" and not writer:
            moves |= {"mirror", "not_now"}
        if self.state == "mirrored" and writer:
            moves |= {"confirm", "more"}
        if self.state in OPEN:
            moves.add("table")
            if not writer and self.experience is None:
                moves.add("add_experience")
        if writer and self.state != "withdrawn":
            moves.add("withdraw")
        return moves

    def anyone_may(self, move: str) -> bool:
        return any(move in self.moves_of(p) for p in (self.writer, self.listener)) or (
            move == "add_experience" and self.state in OPEN
        )


class ObservationMachine(KitMachine):
    """Ana and Ben (and Eve, an outsider) write, share, mirror and answer observations."""

    observations = Bundle("observations")

    def __init__(self) -> None:
        super().__init__()
        self.models: dict[uuid.UUID, Moment] = {}
        self.max_rounds = 3
        self.couple = uuid.uuid4()

    @initialize(rounds=st.sampled_from([1, 2, 3]))
    def agree_on_the_rounds(self, rounds: int) -> None:
        """The couple keeps the default number of mirroring rounds, or fewer."""
        settings = RelationshipSettings(rules=[ObservationRules(max_rounds=rounds)])
        self.couple = invite_and_accept(self.kit, PARTNERS, actor="ana", settings=settings).id
        self.max_rounds = rounds

    @rule(target=observations, actor=ACTOR, moment=MOMENT)
    def write(self, actor: str, moment: str) -> object:
        """Write an observation down (an outsider cannot; a moment takes a few words)."""
        expected = NotFound if actor not in PARTNERS else InvalidInput if not moment else None
        arguments = {"moment": moment, "effect": "I slept badly.", "feeling": "sad"}
        if expected is not None:
            with pytest.raises(expected):
                self.kit.observations.draft(self.couple, actor=actor, **arguments)
            return multiple()
        made = self.kit.observations.draft(self.couple, actor=actor, **arguments)
        other = PARTNERS[1] if actor == PARTNERS[0] else PARTNERS[0]
        self.models[made.id] = Moment(actor, other)
        return made.id

    def _refusal(self, m: Moment, actor: str, move: str) -> type[Exception] | None:
        """The error the practice expects of *actor* making *move* now, or None."""
        if actor not in PARTNERS or not m.sees(actor):
            return NotFound
        if move in m.moves_of(actor):
            return None
        if not m.anyone_may(move):
            return NotAllowedNow
        writer_only = {"revise", "share", "confirm", "more", "withdraw"}
        mine = (actor == m.writer) == (move in writer_only)
        return NotAllowedNow if mine else NotPermitted

    def _try(self, oid: uuid.UUID, actor: str, move: str, **arguments: object) -> bool:
        """Make the move; check it is refused exactly when the practice says. True if made."""
        m = self.models[oid]
        expected = self._refusal(m, actor, move)
        command = getattr(self.kit.observations, move)
        if expected is not None:
            with pytest.raises(expected):
                command(oid, actor=actor, **arguments)
            return False
        return True

    @rule(oid=observations, actor=ACTOR, moment=MOMENT)
    def revise(self, oid: uuid.UUID, actor: str, moment: str) -> None:
        """The writer rewrites their draft (a moment takes a few words)."""
        if self._try(oid, actor, "revise", moment=moment):
            if not moment:
                with pytest.raises(InvalidInput):
                    self.kit.observations.revise(oid, actor=actor, moment=moment)
                return
            self.kit.observations.revise(oid, actor=actor, moment=moment)

    @rule(oid=observations, actor=ACTOR, move=st.sampled_from(["share", "confirm", "not_now"]))
    def answer(self, oid: uuid.UUID, actor: str, move: str) -> None:
        """Share it, say the reflection got it, or say "not now"."""
        if self._try(oid, actor, move):
            getattr(self.kit.observations, move)(oid, actor=actor)
            m = self.models[oid]
            m.state = {"share": "shared", "confirm": "heard", "not_now": "not now"}[move]
            m.shared = m.shared or move == "share"

    @rule(oid=observations, actor=ACTOR, move=st.sampled_from(["table", "withdraw"]))
    def set_it_down(self, oid: uuid.UUID, actor: str, move: str) -> None:
        """Table it for the check-in (either), or withdraw it (its writer)."""
        if self._try(oid, actor, move):
            getattr(self.kit.observations, move)(oid, actor=actor)
            self.models[oid].state = {"table": "tabled", "withdraw": "withdrawn"}[move]

    @rule(oid=observations, actor=ACTOR, words=WORDS)
    def mirror(self, oid: uuid.UUID, actor: str, words: str) -> None:
        """The listener reflects it back; blank or too long words are refused."""
        if self._try(oid, actor, "mirror", words=words):
            if not words.strip() or len(words) > 1000:
                with pytest.raises(InvalidInput):
                    self.kit.observations.mirror(oid, actor=actor, words=words)
                return
            self.kit.observations.mirror(oid, actor=actor, words=words)
            m = self.models[oid]
            m.state, m.rounds, m.reflection = "mirrored", m.rounds + 1, words

    @rule(oid=observations, actor=ACTOR, words=MORE)
    def more(self, oid: uuid.UUID, actor: str, words: str | None) -> None:
        """The writer says there is more; after the last round it goes to the check-in."""
        if self._try(oid, actor, "more", words=words):
            self.kit.observations.more(oid, actor=actor, words=words)
            m = self.models[oid]
            m.state = "tabled" if m.rounds >= self.max_rounds else "shared"
            if words is not None and words.strip():
                m.additions = (*m.additions, words)

    @rule(oid=observations, actor=ACTOR, words=WORDS)
    def add_experience(self, oid: uuid.UUID, actor: str, words: str) -> None:
        """The listener adds their own experience of the moment, once."""
        if self._try(oid, actor, "add_experience", words=words):
            if not words.strip() or len(words) > 1000:
                with pytest.raises(InvalidInput):
                    self.kit.observations.add_experience(oid, actor=actor, words=words)
                return
            self.kit.observations.add_experience(oid, actor=actor, words=words)
            self.models[oid].experience = words

    @rule(oid=observations, actor=ACTOR)
    def to_request(self, oid: uuid.UUID, actor: str) -> None:
        """Either partner turns a shared observation into a request draft of their own."""
        m = self.models[oid]
        arguments = {"need": "to feel close in the evening", "ask": "phones away at dinner"}
        if actor not in PARTNERS or not m.sees(actor):
            with pytest.raises(NotFound):
                self.kit.observations.to_request(oid, actor=actor, **arguments)
            return
        if m.state in ("drafted", "withdrawn"):
            with pytest.raises(NotAllowedNow):
                self.kit.observations.to_request(oid, actor=actor, **arguments)
            return
        request = self.kit.observations.to_request(oid, actor=actor, **arguments)
        assert (request.asker, request.from_observation, request.state.value) == (
            actor,
            oid,
            "drafted",
        )
        m.requests[actor] += 1

    @invariant()
    def the_moves_each_partner_is_offered_match_the_model(self) -> None:
        """`moves()` lists what the practice allows each partner now; Eve gets NotFound."""
        for oid, m in self.models.items():
            for person in PARTNERS:
                if not m.sees(person):
                    with pytest.raises(NotFound):
                        self.kit.observations.moves(oid, actor=person)
                    continue
                expected = m.moves_of(person)
                assert set(self.kit.observations.moves(oid, actor=person)) == expected, (
                    m.state,
                    person,
                )
            with pytest.raises(NotFound):
                self.kit.observations.moves(oid, actor="eve")

    @invariant()
    def stored_observations_match_the_model(self) -> None:
        """Each observation reads as the model says; a draft is its writer's alone."""
        for oid, m in self.models.items():
            for person in PARTNERS:
                if not m.sees(person):
                    with pytest.raises(NotFound):
                        self.kit.observations.get(oid, actor=person)
                    continue
                stored = self.kit.observations.get(oid, actor=person)
                assert (stored.writer, stored.state.value, stored.rounds) == (
                    m.writer,
                    m.state,
                    m.rounds,
                )
                assert (stored.reflection, stored.experience) == (
                    None if m.reflection is None else m.reflection.strip(),
                    None if m.experience is None else m.experience.strip(),
                )
                assert stored.additions == tuple(a.strip() for a in m.additions)
                made = self.kit.observations.requests(oid, actor=person)
                assert len(made) == m.requests[person]  # the other's drafts stay theirs
                assert {r.asker for r in made} <= {person}
        for person in PARTNERS:
            seen = {o.id for o in self.kit.observations.find(self.couple, actor=person)}
            assert seen == {oid for oid, m in self.models.items() if m.sees(person)}

    @invariant()
    def nothing_is_counted(self) -> None:
        """An observation is never a crossing: no crossing exists, whatever happened."""
        for person in PARTNERS:
            assert self.kit.crossings.find(self.couple, actor=person) == []


class SQLiteObservationMachine(ObservationMachine):
    """The same machine over SQLite."""

    storage_kind = "sqlite"


STEPS = settings(stateful_step_count=40, deadline=None)

TestObservationsInMemory = ObservationMachine.TestCase
TestObservationsInMemory.settings = STEPS
TestObservationsInMemory.__doc__ = "Random moves keep in-memory observations in line."

TestObservationsInSQLite = SQLiteObservationMachine.TestCase
TestObservationsInSQLite.settings = STEPS
TestObservationsInSQLite.__doc__ = "Random moves keep SQLite observations in line."
