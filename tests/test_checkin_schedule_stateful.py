"""Stateful property tests: random check-in schedules, answers, moves and weeks against a model.

The model is written from the practice (Gottman's State of the Union, weekly, about an
hour), not from the library's table, in UTC arithmetic of its own: one partner proposes
a recurring time; it holds once the other agrees, and a no is neutral. While it holds,
either suggests a new rhythm or another time for the next session, which holds only
once the other agrees (the other keeps the agreed times instead, or the one who suggested
it takes it back); either sets the next
session aside alone, or stops the schedule alone, at once. When a session's time has
passed, the schedule moves on to the next one. Nothing is counted: no crossing is made.
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
from repairkit import (
    InvalidInput,
    NotAllowedNow,
    NotFound,
    NotPermitted,
    RelationshipRules,
    RelationshipSettings,
)
from repairkit.checkins import CheckInRules

PARTNERS = ("ana", "ben")
ACTOR = st.sampled_from((*PARTNERS, "eve"))
WEEKDAY = st.sampled_from([0, 3, 6, 7])  # 7 is no day of the week
START = st.sampled_from([time(8, 0), time(19, 30)])
HOLDING = ("agreed", "change proposed", "move proposed")
ASKING = ("proposed", "change proposed", "move proposed")


def _other(person: str) -> str:
    return PARTNERS[1] if person == PARTNERS[0] else PARTNERS[0]


def _first_after(weekday: int, start: time, after: datetime) -> datetime:
    day = after.date() + timedelta(days=(weekday - after.weekday()) % 7)
    first = datetime.combine(day, start, tzinfo=UTC)
    return first if first > after else first + timedelta(days=7)


@dataclasses.dataclass
class Schedule:
    """What one schedule should look like, kept by the test alone (the couple lives in UTC)."""

    proposer: str
    weekday: int
    start: time
    state: str = "proposed"
    asked: str | None = None
    new_weekday: int | None = None
    next_at: datetime | None = None
    skipped: bool = False
    moved_to: datetime | None = None
    move: datetime | None = None
    minutes: int = 60

    @property
    def length(self) -> timedelta:
        return timedelta(minutes=self.minutes)

    @property
    def passes_at(self) -> datetime:
        assert self.next_at is not None
        own = self.next_at if self.skipped else (self.moved_to or self.next_at)
        return own + self.length

    def start_after(self, now: datetime) -> None:
        self.next_at = _first_after(self.weekday, self.start, now)
        self.skipped, self.moved_to, self.move = False, None, None

    def open(self, now: datetime) -> bool:
        return self.state in HOLDING and not self.skipped and now < self.passes_at

    def moves_of(self, person: str, now: datetime) -> set[str]:
        """What the practice lets *person* do now."""
        if self.state == "proposed":
            return {"withdraw"} if person == self.proposer else {"agree", "decline"}
        if self.state not in HOLDING:
            return set()
        moves = {"end"} | ({"skip"} if self.open(now) else set())
        if self.state == "agreed":
            return moves | {"propose_change"} | ({"move_one"} if self.open(now) else set())
        change = self.state == "change proposed"
        if person == self.asked:
            return moves | {"keep_current", "agree_to_change" if change else "agree_to_move"}
        return moves | {"withdraw_change" if change else "withdraw_move"}

    def refusal(self, person: str, move: str, now: datetime) -> type[Exception] | None:
        """The error the practice expects of *person* making *move* now, or None."""
        if person not in PARTNERS:
            return NotFound
        if move in self.moves_of(person, now):
            return None
        if any(move in self.moves_of(p, now) for p in PARTNERS):
            return NotPermitted
        return NotAllowedNow

    def time_passes(self, now: datetime) -> None:
        while self.state in HOLDING and self.passes_at <= now:
            assert self.next_at is not None
            self.next_at += timedelta(weeks=1)
            self.skipped, self.moved_to = False, None
            if self.state == "move proposed":
                self.state, self.move, self.asked = "agreed", None, None

    def upcoming(self, now: datetime, count: int) -> list[datetime]:
        if self.state not in HOLDING or self.next_at is None:
            return []
        found = []
        first = self.moved_to or self.next_at
        if not self.skipped and first + self.length > now:
            found.append(first)
        following = self.next_at
        while len(found) < count:
            following += timedelta(weeks=1)
            found.append(following)
        return found[:count]


class ScheduleMachine(KitMachine):
    """Ana and Ben (and Eve, an outsider) propose, answer, change, move and skip check-ins."""

    schedules = Bundle("schedules")

    def __init__(self) -> None:
        super().__init__()
        self.models: dict[uuid.UUID, Schedule] = {}
        self.couple = uuid.uuid4()

    @initialize()
    def start(self) -> None:
        """A couple in UTC, with no wait after a no and the widest daily budget.

        Neither the wait nor the budget is what this machine tests.
        """
        settings_ = RelationshipSettings(
            rules=[CheckInRules(reask_wait_hours=0), RelationshipRules(daily_items=60)]
        )
        self.couple = invite_and_accept(self.kit, PARTNERS, actor="ana", settings=settings_).id

    @property
    def now(self) -> datetime:
        return self.clock.now()

    def _try(self, sid: uuid.UUID, actor: str, move: str, **arguments: object) -> bool:
        expected = self.models[sid].refusal(actor, move, self.now)
        if expected is not None:
            with pytest.raises(expected):
                getattr(self.kit.checkins, move)(sid, actor=actor, **arguments)
            return False
        return True

    @rule(target=schedules, actor=ACTOR, weekday=WEEKDAY, start=START)
    def propose(self, actor: str, weekday: int, start: time) -> object:
        """Propose a recurring time (an outsider cannot; the weekday must be one)."""
        expected = NotFound if actor not in PARTNERS else None if weekday < 7 else InvalidInput
        if expected is not None:
            with pytest.raises(expected):
                self.kit.checkins.propose(self.couple, actor=actor, weekday=weekday, start=start)
            return multiple()
        made = self.kit.checkins.propose(self.couple, actor=actor, weekday=weekday, start=start)
        self.models[made.id] = Schedule(actor, weekday, start, asked=_other(actor))
        return made.id

    @rule(target=schedules, proposer=st.sampled_from(PARTNERS), weekday=st.sampled_from([0, 6]))
    def agreed(self, proposer: str, weekday: int) -> uuid.UUID:
        """A schedule proposed and agreed in one step, so that histories reach the rest."""
        made = self.kit.checkins.propose(
            self.couple, actor=proposer, weekday=weekday, start=time(19, 30)
        )
        self.kit.checkins.agree(made.id, actor=_other(proposer))
        model = Schedule(proposer, weekday, time(19, 30), state="agreed")
        model.start_after(self.now)
        self.models[made.id] = model
        return made.id

    @rule(
        sid=schedules,
        actor=ACTOR,
        move=st.sampled_from(
            [
                "agree",
                "decline",
                "withdraw",
                "agree_to_change",
                "agree_to_move",
                "keep_current",
                "withdraw_change",
                "withdraw_move",
                "skip",
                "end",
            ]
        ),
    )
    def answer(self, sid: uuid.UUID, actor: str, move: str) -> None:
        """Answer or take back; agree to a time, keep the agreed or take one's back; skip; stop."""
        if not self._try(sid, actor, move):
            return
        getattr(self.kit.checkins, move)(sid, actor=actor)
        s = self.models[sid]
        if move in ("agree", "agree_to_change"):
            s.weekday = s.weekday if s.new_weekday is None else s.new_weekday
            s.start_after(self.now)
        if move == "agree_to_move":
            s.moved_to = s.move
        if move == "skip":
            s.skipped, s.moved_to = True, None
        s.state = {
            "agree": "agreed",
            "decline": "declined",
            "withdraw": "withdrawn",
            "agree_to_change": "agreed",
            "agree_to_move": "agreed",
            "keep_current": "agreed",
            "withdraw_change": "agreed",
            "withdraw_move": "agreed",
            "skip": "agreed" if s.state == "move proposed" else s.state,
            "end": "ended",
        }[move]
        if s.state != "change proposed":
            s.new_weekday, s.move, s.asked = None, None, None

    @rule(sid=schedules, actor=ACTOR, weekday=WEEKDAY)
    def propose_change(self, sid: uuid.UUID, actor: str, weekday: int) -> None:
        """Either suggests another weekday for an agreed schedule; it must be one, and new."""
        if not self._try(sid, actor, "propose_change", weekday=weekday):
            return
        s = self.models[sid]
        if weekday >= 7 or weekday == s.weekday:
            with pytest.raises(InvalidInput):
                self.kit.checkins.propose_change(sid, actor=actor, weekday=weekday)
            return
        self.kit.checkins.propose_change(sid, actor=actor, weekday=weekday)
        s.state, s.new_weekday, s.asked = "change proposed", weekday, _other(actor)

    @rule(sid=schedules, actor=ACTOR, hours=st.sampled_from([-1, 2, 30, 24 * 9]))
    def move_one(self, sid: uuid.UUID, actor: str, hours: int) -> None:
        """Either suggests another time for the next session: after now, before the one after."""
        to = self.now + timedelta(hours=hours)
        if not self._try(sid, actor, "move_one", to=to):
            return
        s = self.models[sid]
        assert s.next_at is not None
        following = s.next_at + timedelta(weeks=1)
        if to <= self.now or to == (s.moved_to or s.next_at) or to + s.length > following:
            with pytest.raises(InvalidInput):
                self.kit.checkins.move_one(sid, actor=actor, to=to)
            return
        self.kit.checkins.move_one(sid, actor=actor, to=to)
        s.state, s.move, s.asked = "move proposed", to, _other(actor)

    @rule(hours=st.sampled_from([1, 20, 24 * 3, 24 * 7]))
    def time_passes(self, hours: int) -> None:
        """Time passes and the timers run: each session whose time passed moves its schedule on."""
        self.clock.advance(timedelta(hours=hours))
        self.kit.timers.run_due()
        for s in self.models.values():
            s.time_passes(self.now)

    @invariant()
    def the_moves_each_partner_is_offered_match_the_model(self) -> None:
        """`moves()` lists what the practice allows each partner now; Eve gets NotFound."""
        for sid, s in self.models.items():
            for person in PARTNERS:
                listed = set(self.kit.checkins.moves(sid, actor=person))
                assert listed == s.moves_of(person, self.now), (s.state, person)
            with pytest.raises(NotFound):
                self.kit.checkins.moves(sid, actor="eve")

    @invariant()
    def stored_schedules_match_the_model(self) -> None:
        """Each schedule reads as the model says, and so do its next sessions."""
        for sid, s in self.models.items():
            for person in PARTNERS:
                stored = self.kit.checkins.get(sid, actor=person)
                assert (stored.proposer, stored.state.value, stored.rhythm.weekday) == (
                    s.proposer,
                    s.state,
                    s.weekday,
                )
                assert stored.asked() == (() if s.asked is None else (s.asked,))
                assert stored.holds == (s.state in HOLDING)
                if s.state in HOLDING:
                    assert (stored.next_at, stored.skipped, stored.moved_to) == (
                        s.next_at,
                        s.skipped,
                        s.moved_to,
                    )
                upcoming = self.kit.checkins.upcoming(sid, actor=person, count=3)
                assert upcoming == s.upcoming(self.now, 3)
        for person in PARTNERS:
            holding = {x.id for x in self.kit.checkins.holding(self.couple, actor=person)}
            assert holding == {sid for sid, s in self.models.items() if s.state in HOLDING}

    @invariant()
    def nothing_is_counted(self) -> None:
        """A schedule, a no, a session set aside or passed is never a crossing."""
        for person in PARTNERS:
            assert self.kit.crossings.find(self.couple, actor=person) == []


class SQLiteScheduleMachine(ScheduleMachine):
    """The same machine over SQLite."""

    storage_kind = "sqlite"


STEPS = settings(stateful_step_count=40, deadline=None)

TestSchedulesInMemory = ScheduleMachine.TestCase
TestSchedulesInMemory.settings = STEPS
TestSchedulesInMemory.__doc__ = "Random moves keep in-memory check-in schedules in line."

TestSchedulesInSQLite = SQLiteScheduleMachine.TestCase
TestSchedulesInSQLite.settings = STEPS
TestSchedulesInSQLite.__doc__ = "Random moves keep SQLite check-in schedules in line."
