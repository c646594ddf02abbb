"""Stateful property tests: random timed talks, moves and time against a reference model.

The model is written from the practice (docs/practices.md, on heated discussions), not
from the library's table: a heated talk has an agreed limit, at which both are told a
pause might help and nothing else changes; either partner ends it or sets its topic aside
alone; a talk nobody closes is closed at its longest time; and with a moratorium a
topic rests after its talk, for both partners alike, before a new talk on it starts.
"""

from __future__ import annotations

import dataclasses
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    initialize,
    invariant,
    multiple,
    precondition,
    rule,
)

from conftest import invite_and_accept
from kit_machine import KitMachine
from repairkit import (
    InvalidInput,
    NotAllowedNow,
    NotFound,
    RelationshipSettings,
)
from repairkit.talks import TalkRules

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
PARTNERS = ("ana", "ben")
ACTOR = st.sampled_from((*PARTNERS, "eve"))
LIMIT = st.sampled_from([None, 5, 20, 30, 120, 4, 121])
OPEN = ("talking", "time-out suggested")
DEFAULT_LIMIT = 20
LONGEST = timedelta(hours=24)


@dataclasses.dataclass
class Heated:
    """What one timed talk should look like, kept by the test alone."""

    started_by: str
    started: datetime
    limit_minutes: int
    topic: uuid.UUID | None
    about: uuid.UUID | None
    state: str = "talking"
    changed: datetime | None = None
    rest: timedelta | None = None
    """The agreed moratorium, as it stood when the talk started."""

    @property
    def limit_at(self) -> datetime:
        return self.started + timedelta(minutes=self.limit_minutes)

    @property
    def closes_at(self) -> datetime:
        return self.started + LONGEST

    @property
    def rests_until(self) -> datetime | None:
        if self.state in OPEN or self.rest is None or self.changed is None:
            return None
        return self.changed + self.rest

    def due(self) -> datetime | None:
        if self.state == "talking":
            return self.limit_at
        return self.closes_at if self.state == "time-out suggested" else None


class TalkMachine(KitMachine):
    """Ana and Ben (and Eve, an outsider) time heated talks, close them, and let time pass."""

    talks = Bundle("talks")

    def __init__(self) -> None:
        super().__init__()
        self.models: dict[uuid.UUID, Heated] = {}
        self.rest: timedelta | None = None
        self.couple = uuid.uuid4()

    @initialize(hours=st.sampled_from([None, 1, 24]))
    def agree_on_a_moratorium(self, hours: int | None) -> None:
        """The couple starts with the moratorium off, or on for 1 or 24 hours."""
        settings = RelationshipSettings(rules=[TalkRules(moratorium_hours=hours)])
        self.couple = invite_and_accept(self.kit, PARTNERS, actor="ana", settings=settings).id
        self.rest = None if hours is None else timedelta(hours=hours)

    def _start(self, actor: str, limit: int | None, about: uuid.UUID | None) -> object:
        now = self.clock.now()
        expected: type[Exception] | None = None
        if actor not in PARTNERS:
            expected = NotFound
        elif limit is not None and not 5 <= limit <= 120:
            expected = InvalidInput
        elif about is not None:
            topic = self.models[about].topic
            on_topic = [m for m in self.models.values() if m.topic == topic]
            if any(m.state in OPEN for m in on_topic):
                expected = NotAllowedNow  # the talk on it can go on
            elif any((r := m.rests_until) is not None and now < r for m in on_topic):
                expected = NotAllowedNow  # the topic rests, for both alike
        if expected is not None:
            with pytest.raises(expected):
                self.kit.talks.start(self.couple, actor=actor, limit_minutes=limit, about=about)
            return multiple()
        talk = self.kit.talks.start(self.couple, actor=actor, limit_minutes=limit, about=about)
        topic = None if about is None else self.models[about].topic
        self.models[talk.id] = Heated(
            actor,
            now,
            DEFAULT_LIMIT if limit is None else limit,
            talk.id if topic is None else topic,
            about,
            changed=now,
            rest=self.rest,
        )
        return talk.id

    @rule(target=talks, actor=ACTOR, limit=LIMIT)
    def start(self, actor: str, limit: int | None) -> object:
        """Start timing a talk on a new topic."""
        return self._start(actor, limit, None)

    @rule(target=talks, about=talks, actor=ACTOR, limit=LIMIT)
    def raise_a_topic_once_more(self, about: uuid.UUID, actor: str, limit: int | None) -> object:
        """Start a talk about an earlier one's topic (refused while open or resting)."""
        return self._start(actor, limit, about)

    @rule(tid=talks, actor=ACTOR, move=st.sampled_from(["end", "set_aside"]))
    def close(self, tid: uuid.UUID, actor: str, move: str) -> None:
        """End a talk or set its topic aside, alone (an outsider changes nothing)."""
        model = self.models[tid]
        expected: type[Exception] | None = None
        if actor not in PARTNERS:
            expected = NotFound
        elif model.state not in OPEN:
            expected = NotAllowedNow
        if expected is not None:
            with pytest.raises(expected):
                getattr(self.kit.talks, move)(tid, actor=actor)
            return
        getattr(self.kit.talks, move)(tid, actor=actor)
        model.state = {"end": "ended", "set_aside": "set aside"}[move]
        model.changed = self.clock.now()

    @precondition(lambda self: any(m.state == "talking" for m in self.models.values()))
    @rule(data=st.data())
    def reach_a_limit(self, data: st.DataObject) -> None:
        """Move the clock exactly to a talk's limit and run what is due (the boundary)."""
        limits = sorted(m.limit_at for m in self.models.values() if m.state == "talking")
        self.clock.set(max(self.clock.now(), data.draw(st.sampled_from(limits))))
        self.run_due()

    @precondition(lambda self: any(m.rests_until for m in self.models.values()))
    @rule(data=st.data(), before=st.booleans())
    def reach_the_end_of_a_rest(self, data: st.DataObject, before: bool) -> None:
        """Move the clock to a rest's end, or a minute before it (the moratorium's edge)."""
        ends = sorted(r for m in self.models.values() if (r := m.rests_until) is not None)
        end = data.draw(st.sampled_from(ends)) - timedelta(minutes=1 if before else 0)
        self.clock.set(max(self.clock.now(), end))

    @rule(minutes=st.sampled_from([1, 19, 20, 60, 600, 1440, 3000]))
    def advance_clock(self, minutes: int) -> None:
        """Let some time pass (sometimes far past every deadline: the app was down)."""
        self.clock.advance(timedelta(minutes=minutes))

    @rule()
    def run_due(self) -> None:
        """Every passed deadline fires once, at its own time, in order for each talk."""
        now = self.clock.now()
        expected: list[tuple[uuid.UUID, str, datetime]] = []
        for tid, m in self.models.items():
            while (due := m.due()) is not None and due <= now:
                m.state = "time-out suggested" if m.state == "talking" else "closed"
                at = due if m.changed is None else max(due, m.changed)
                m.changed = at
                expected.append((tid, m.state, at))
        fired = [(e.subject_id, e.to_state, e.at) for e in self.kit.timers.run_due(limit=1000)]
        assert sorted(fired, key=str) == sorted(expected, key=str)

    @invariant()
    def the_moves_each_partner_is_offered_match_the_model(self) -> None:
        """`moves()` lists ending and setting aside while a talk is open, to either alike."""
        for tid, m in self.models.items():
            for person in PARTNERS:
                expected = {"end", "set_aside"} if m.state in OPEN else set()
                assert set(self.kit.talks.moves(tid, actor=person)) == expected
            with pytest.raises(NotFound):
                self.kit.talks.moves(tid, actor="eve")

    @invariant()
    def stored_talks_match_the_model(self) -> None:
        """Each talk is as the model says, for both partners; the next timer is the earliest."""
        now = self.clock.now()
        for tid, m in self.models.items():
            for person in PARTNERS:
                stored = self.kit.talks.get(tid, actor=person)
                assert stored.state.value == m.state
                assert (stored.started_by, stored.limit_at, stored.closes_at) == (
                    m.started_by,
                    m.limit_at,
                    m.closes_at,
                )
                assert (stored.topic, stored.about, stored.rests_until) == (
                    m.topic,
                    m.about,
                    m.rests_until,
                )
            rests = [
                r
                for o in self.models.values()
                if o.topic == m.topic and (r := o.rests_until) is not None and now < r
            ]
            assert self.kit.talks.rests_until(tid, actor="ben") == max(rests, default=None)
        dues = [d for m in self.models.values() if (d := m.due()) is not None]
        # A topic set aside waits on the check-in agenda, which ages out in its time.
        dues += [i.due_at for i in self.kit.agenda.waiting(self.couple, actor="ana") if i.due_at]
        assert self.kit.timers.next_due() == min(dues, default=None)


class SQLiteTalkMachine(TalkMachine):
    """The same machine over SQLite."""

    storage_kind = "sqlite"


STEPS = settings(stateful_step_count=40, deadline=None)

TestTalksInMemory = TalkMachine.TestCase
TestTalksInMemory.settings = STEPS
TestTalksInMemory.__doc__ = "Random moves and time keep in-memory timed talks in line."

TestTalksInSQLite = SQLiteTalkMachine.TestCase
TestTalksInSQLite.settings = STEPS
TestTalksInSQLite.__doc__ = "Random moves and time keep SQLite timed talks in line."
