"""Stateful property tests: random check-in sessions against a small model of parts and turns.

The model is written from the practice (Gottman's "State of the Union", with PREP's
speaker-listener turns), not from the library's table: the parts come in order
(appreciations, up to five each; what went right; one issue at a time; what each can
do in the coming week); in an issue the speaker has the floor, the listener
summarises, the speaker says "understood" (the roles swap, or both are understood) or
"there is more"; an issue is agreed only once both were understood, and may be
carried over or kept for a third person from any turn. Either partner alone takes a
break, comes back, asks for a third person or ends the session, from any open part.
"""

from __future__ import annotations

import dataclasses
import uuid
from datetime import datetime, time, timedelta

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import initialize, invariant, rule

from conftest import invite_and_accept
from kit_machine import KitMachine
from repairkit import InvalidInput, NotAllowedNow, NotFound, NotPermitted

PARTNERS = ("ana", "ben")
ACTOR = st.sampled_from((*PARTNERS, "eve"))
WORDS = st.sampled_from(["Thank you for the tea.", "  ", "x" * 501])
PARTS = ("appreciations", "went right", "issue", "for the week", "ended")
TALKING = ("appreciations", "went right", "issue", "speaking", "summarised", "understood")
WRITES = {
    "appreciations": "appreciate",
    "went right": "went_right",
    "issue": "raise_issue",
    "for the week": "for_the_week",
}


def _other(person: str) -> str:
    return PARTNERS[1] if person == PARTNERS[0] else PARTNERS[0]


@dataclasses.dataclass
class Session:
    """What one session should look like, kept by the test alone."""

    opened_at: datetime
    state: str = "appreciations"
    speaker: str | None = None
    understood: list[str] = dataclasses.field(default_factory=list)
    paused_in: str | None = None
    appreciations: dict[str, int] = dataclasses.field(default_factory=dict)
    texts: int = 0

    @property
    def open(self) -> bool:
        return self.state not in ("ended", "closed by leaving")

    def moves_of(self, person: str) -> set[str]:
        """What the practice lets *person* do now."""
        if not self.open:
            return set()
        moves = {"ask_for_third_person", "end"}
        if self.state == "on break":
            return moves | {"resume"}
        moves.add("take_break")
        if self.state in WRITES:
            moves.add("next_part")
            full = self.state == "appreciations" and self.appreciations.get(person, 0) >= 5
            if not full:
                moves.add(WRITES[self.state])
        if self.state in ("speaking", "summarised", "understood"):
            moves.add("close_issue")
        if self.state == "speaking" and person != self.speaker:
            moves.add("summarise")
        if self.state == "summarised" and person == self.speaker:
            moves |= {"understood", "there_is_more"}
        return moves

    def refusal(self, person: str, move: str) -> type[Exception] | None:
        """The error the practice expects of *person* making *move* now, or None."""
        if person not in PARTNERS:
            return NotFound
        if move in self.moves_of(person):
            return None
        if move == "appreciate" and self.state == "appreciations":
            return NotAllowedNow  # one's own appreciations are shared
        if any(move in self.moves_of(p) for p in PARTNERS):
            return NotPermitted
        return NotAllowedNow


class SessionMachine(KitMachine):
    """Ana and Ben (and Eve, an outsider) hold check-in sessions, one at a time."""

    def __init__(self) -> None:
        super().__init__()
        self.couple = uuid.uuid4()
        self.schedule = uuid.uuid4()
        self.sessions: dict[uuid.UUID, Session] = {}
        self.current: uuid.UUID | None = None

    @initialize()
    def start(self) -> None:
        """A couple with an agreed weekly check-in."""
        self.couple = invite_and_accept(self.kit, PARTNERS, actor="ana").id
        proposed = self.kit.checkins.propose(self.couple, actor="ben", weekday=6, start=time(19))
        self.schedule = self.kit.checkins.agree(proposed.id, actor="ana").id

    @property
    def model(self) -> Session | None:
        return None if self.current is None else self.sessions[self.current]

    @rule(actor=ACTOR)
    def open(self, actor: str) -> None:
        """Either partner opens a session; a second open one is refused."""
        m = self.model
        expected = NotFound if actor not in PARTNERS else None
        if expected is None and m is not None and m.open:
            expected = NotAllowedNow
        if expected is not None:
            with pytest.raises(expected):
                self.kit.sessions.open(self.couple, actor=actor, schedule_id=self.schedule)
            return
        self.clock.advance(timedelta(days=1))  # a day of its own: the pressure budget
        made = self.kit.sessions.open(self.couple, actor=actor, schedule_id=self.schedule)
        self.current = made.id
        self.sessions[made.id] = Session(opened_at=self.clock.now())

    def _try(self, actor: str, move: str, **arguments: object) -> Session | None:
        """Make *move* if the model allows it (and return the model), else expect its refusal."""
        m = self.model
        if m is None or self.current is None:
            return None
        expected = m.refusal(actor, move)
        if expected is not None:
            with pytest.raises(expected):
                getattr(self.kit.sessions, move)(self.current, actor=actor, **arguments)
            return None
        getattr(self.kit.sessions, move)(self.current, actor=actor, **arguments)
        return m

    @rule(actor=ACTOR, words=WORDS)
    def write(self, actor: str, words: str) -> None:
        """Write in the part the session is in: an appreciation, an issue, a summary, ..."""
        m = self.model
        if m is None or self.current is None:
            return
        move = "summarise" if m.state == "speaking" else WRITES.get(m.state, "appreciate")
        fits = bool(words.strip()) and len(words) <= 500
        if not fits and m.refusal(actor, move) is None:
            with pytest.raises(InvalidInput):
                getattr(self.kit.sessions, move)(self.current, actor=actor, words=words)
            return
        full = move == "appreciate" and m.state == "appreciations" and actor in PARTNERS
        if not fits and full and m.refusal(actor, move) is NotAllowedNow:
            with pytest.raises(InvalidInput):  # the words are checked first
                self.kit.sessions.appreciate(self.current, actor=actor, words=words)
            return
        if self._try(actor, move, words=words) is None:
            return
        m.texts += 1
        if move == "appreciate":
            m.appreciations[actor] = m.appreciations.get(actor, 0) + 1
        if move == "raise_issue":
            m.state, m.speaker, m.understood = "speaking", actor, []
        if move == "summarise":
            m.state = "summarised"

    @rule(
        actor=ACTOR,
        move=st.sampled_from(
            [
                "next_part",
                "understood",
                "there_is_more",
                "take_break",
                "resume",
                "ask_for_third_person",
                "end",
            ]
        ),
    )
    def move(self, actor: str, move: str) -> None:
        """Move on, answer a summary, take or end a break, ask for a third person, end."""
        m = self._try(actor, move)
        if m is None:
            return
        if move == "next_part":
            m.state = PARTS[PARTS.index(m.state) + 1] if m.state != "issue" else "for the week"
        elif move == "understood":
            assert m.speaker is not None
            m.understood.append(m.speaker)
            if _other(m.speaker) in m.understood:
                m.state = "understood"
            else:
                m.state, m.speaker = "speaking", _other(m.speaker)
        elif move == "there_is_more":
            m.state = "speaking"
        elif move == "take_break":
            m.paused_in, m.state = m.state, "on break"
        elif move == "resume":
            assert m.paused_in is not None
            m.state, m.paused_in = m.paused_in, None
        elif move == "end":
            m.state = "ended"

    @rule(actor=ACTOR, outcome=st.sampled_from(["agreed", "carried over", "third person", "won"]))
    def close_issue(self, actor: str, outcome: str) -> None:
        """Close the issue: agreed only once both were understood; never an unknown outcome."""
        m = self.model
        if m is None or self.current is None:
            return
        if m.refusal(actor, "close_issue") is None and (
            outcome == "won" or (outcome == "agreed" and m.state != "understood")
        ):
            with pytest.raises(InvalidInput):
                self.kit.sessions.close_issue(self.current, actor=actor, outcome=outcome)
            return
        if self._try(actor, "close_issue", outcome=outcome) is not None:
            m.state, m.speaker, m.understood = "issue", None, []

    @rule(minutes=st.sampled_from([1, 6, 45]))
    def time_passes(self, minutes: int) -> None:
        """Time passes; past its longest time (120 minutes) a session ends by repairkit."""
        self.clock.advance(timedelta(minutes=minutes))
        self.kit.timers.run_due()
        m = self.model
        if m is not None and m.open and self.clock.now() >= m.opened_at + timedelta(minutes=120):
            m.state, m.speaker, m.paused_in = "ended", None, None

    @invariant()
    def the_moves_each_partner_is_offered_match_the_model(self) -> None:
        """`moves()` lists what the practice allows each partner now; Eve gets NotFound."""
        for sid, m in self.sessions.items():
            for person in PARTNERS:
                assert set(self.kit.sessions.moves(sid, actor=person)) == m.moves_of(person), (
                    m.state,
                    person,
                )
            with pytest.raises(NotFound):
                self.kit.sessions.moves(sid, actor="eve")

    @invariant()
    def stored_sessions_match_the_model(self) -> None:
        """Each session reads as the model says: its part, its speaker, its texts."""
        for sid, m in self.sessions.items():
            for person in PARTNERS:
                stored = self.kit.sessions.get(sid, actor=person)
                assert stored.state.value == m.state
                if m.state in ("speaking", "summarised", "understood"):
                    assert stored.speaker == m.speaker
                assert len(stored.entries) == m.texts


class SQLiteSessionMachine(SessionMachine):
    """The same machine over SQLite."""

    storage_kind = "sqlite"


STEPS = settings(stateful_step_count=40, deadline=None)

TestSessionsInMemory = SessionMachine.TestCase
TestSessionsInMemory.settings = STEPS
TestSessionsInMemory.__doc__ = "Random moves keep in-memory check-in sessions in line."

TestSessionsInSQLite = SQLiteSessionMachine.TestCase
TestSessionsInSQLite.settings = STEPS
TestSessionsInSQLite.__doc__ = "Random moves keep SQLite check-in sessions in line."
