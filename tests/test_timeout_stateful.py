"""Stateful property tests: random time-outs, moves and time against a reference model.

The model is written from the practice (docs/practices.md, section on time-outs), not
from the library's table: a pause is the caller's own, checked back at its return
time, extended only by the caller one rung at a time up to the ceiling, ended by
either partner at check back, let go only by both, and lapsed at the ceiling.

And the rest it is for (issue 16): one open per caller; at most 48 hours held by one
person in any 7 days (a pause holds from its call to its return time, or to when it
ended if earlier); a third person suggested from 3 calls in 7 days or near the weekly
ceiling (36 hours); while a person cools off in their own pause, nothing but a
check-back and the other's own pause reaches them, and the rest waits in the outbox.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import event, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
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
    NotPermitted,
)
from repairkit.core.events import day_of

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
PARTNERS = ("ana", "ben")
ACTOR = st.sampled_from((*PARTNERS, "eve"))
LADDER = (20, 120, 720, 1440)
CEILING = timedelta(hours=24)
OPEN = ("cooling off", "check back")
REASK_PAUSE = timedelta(hours=24)
"""After a no to letting the topic go, whoever suggested it waits this long (rule 6)."""
MOVES = ("extend", "come_back", "set_aside", "propose_dropping", "agree_to_drop", "keep_topic")
WEEK = timedelta(days=7)
WEEKLY = timedelta(hours=48)
NEAR = timedelta(hours=36)
PASSES_A_REST = {
    "time to check back",
    "time-out called",
    "time-out extended",
    "third person suggested",
}
"""The notice kinds that reach a person cooling off in their own pause."""


@dataclasses.dataclass
class Pause:
    """What one time-out should look like, kept by the test alone."""

    caller: str
    started: datetime
    return_at: datetime
    rung: int
    state: str = "cooling off"
    drop_asked: str | None = None
    changed: datetime | None = None
    """When the last move was made: a timer fired later is never recorded before it."""
    ended: datetime | None = None
    """When it closed (came back, set aside, let go, lapsed)."""
    heard_no: dict[str, datetime] = dataclasses.field(default_factory=dict)
    """When each partner last heard a no to letting the topic go."""
    untold: bool = False
    """The call reached the other partner as no notification (past its daily notice)."""

    @property
    def other(self) -> str:
        return "ben" if self.caller == "ana" else "ana"

    @property
    def ceiling(self) -> datetime:
        return self.started + CEILING

    def held_end(self) -> datetime:
        return self.return_at if self.ended is None else min(self.return_at, self.ended)

    def is_open(self, now: datetime) -> bool:
        return self.state in OPEN and now < self.ceiling

    def resting(self, now: datetime) -> bool:
        return self.state == "cooling off" and now < self.return_at and now < self.ceiling

    def due(self) -> datetime | None:
        if self.state == "cooling off":
            return min(self.return_at, self.ceiling)
        return self.ceiling if self.state == "check back" else None

    def refusal(  # noqa: PLR0911 - a case per rule
        self, move: str, actor: str, now: datetime
    ) -> type[Exception] | None:
        """Return the error *move* by *actor* must raise at *now*, or None when it is legal."""
        if actor not in PARTNERS:
            return NotFound
        states, who = {
            "extend": (("check back",), "caller"),
            "come_back": (OPEN, "caller" if self.state == "cooling off" else "either"),
            "set_aside": (OPEN, "caller" if self.state == "cooling off" else "either"),
            "propose_dropping": (("check back",), "either"),
            "agree_to_drop": (("check back",), "asked"),
            "keep_topic": (("check back",), "asked"),
        }[move]
        if self.state not in states:
            return NotAllowedNow
        if (who == "caller" and actor != self.caller) or (
            who == "asked" and actor != self.drop_asked
        ):
            return NotPermitted
        if move == "propose_dropping" and self.drop_asked not in (None, actor):
            return NotAllowedNow
        if (
            move == "propose_dropping"
            and self.drop_asked is None
            and actor in self.heard_no
            and now < self.heard_no[actor] + REASK_PAUSE
        ):
            return NotAllowedNow  # after a no, the same suggestion waits out the pause
        if move == "extend" and now >= self.ceiling:  # no step past the ceiling, even late
            return NotAllowedNow
        return None


class TimeoutMachine(KitMachine):
    """Ana and Ben (and Eve, an outsider) call time-outs, answer them, and let time pass."""

    pauses = Bundle("pauses")

    def __init__(self) -> None:
        super().__init__()
        self.couple = invite_and_accept(self.kit, PARTNERS, actor="ana").id
        self.models: dict[uuid.UUID, Pause] = {}

    def held(self, caller: str, window_end: datetime, but: uuid.UUID | None = None) -> timedelta:
        """What *caller*'s pauses (but one) hold in the 7 days up to *window_end*."""
        start = window_end - WEEK
        return sum(
            (
                max(timedelta(0), min(m.held_end(), window_end) - max(m.started, start))
                for pid, m in self.models.items()
                if m.caller == caller and pid != but
            ),
            timedelta(0),
        )

    def fits(
        self, caller: str, start: datetime, end: datetime, but: uuid.UUID | None = None
    ) -> bool:
        return self.held(caller, end, but) + (end - start) <= WEEKLY

    def resting(self, person: str) -> bool:
        now = self.clock.now()
        return any(m.caller == person and m.resting(now) for m in self.models.values())

    def check_rests(self, heard: int) -> None:
        """What reached a resting person since *heard* is a check-back or the other's pause."""
        for note in self.notifier.received[heard:]:
            if self.resting(note.recipient):
                assert note.kind.value in PASSES_A_REST, note.kind

    def extend_blocked(self, pid: uuid.UUID, now: datetime) -> bool:
        """The weekly ceiling leaves less than the shortest pause to extend by."""
        m = self.models[pid]
        wanted = min(now + timedelta(minutes=LADDER[min(m.rung + 1, 3)]), m.ceiling)
        shortest = min(now + timedelta(minutes=20), wanted)
        return not self.fits(m.caller, m.started, shortest, pid)

    @rule(target=pauses, actor=ACTOR, minutes=st.sampled_from([20, 45, 120, 600, 1440, 19, 1441]))
    def call(self, actor: str, minutes: int) -> object:
        """Call a time-out for oneself; a refusal changes nothing and tells nobody.

        Refused: an outsider, a length out of bounds, a second open one, one past the
        weekly ceiling (which says from when one of its length fits).
        """
        now = self.clock.now()
        end = now + timedelta(minutes=minutes)
        expected = NotFound if actor not in PARTNERS else None
        if expected is None and not 20 <= minutes <= 1440:
            expected = InvalidInput
        if expected is None and any(
            m.caller == actor and m.is_open(now) for m in self.models.values()
        ):
            expected = NotAllowedNow
        if expected is None and not self.fits(actor, now, end):
            event("a call past the weekly ceiling")
            heard = len(self.notifier.received)
            with pytest.raises(NotAllowedNow) as refused:
                self.kit.timeouts.call(self.couple, actor=actor, minutes=minutes)
            then = refused.value.possible_from
            assert then is not None
            assert then > now
            assert self.fits(actor, then, then + timedelta(minutes=minutes))
            earlier = max(now, then - timedelta(minutes=1))
            assert not self.fits(actor, earlier, earlier + timedelta(minutes=minutes))
            assert len(self.notifier.received) == heard
            return multiple()
        if expected is not None:
            heard = len(self.notifier.received)
            with pytest.raises(expected):
                self.kit.timeouts.call(self.couple, actor=actor, minutes=minutes)
            assert len(self.notifier.received) == heard
            return multiple()
        since = now - WEEK
        recent = sum(1 for m in self.models.values() if m.started >= since)
        near = self.held(actor, end) + (end - now) >= NEAR
        heard = len(self.notifier.received)
        pause = self.kit.timeouts.call(self.couple, actor=actor, minutes=minutes)
        for m in self.models.values():  # one past its ceiling, not lapsed yet, gives its place
            if m.caller == actor and m.state in OPEN and now >= m.ceiling:
                event("a call lapses the caller's time-out past its ceiling")
                self.fire(m, now)
        assert pause.third_party_suggested == (recent + 1 >= 3 or near)
        if near:
            event("a call near the weekly ceiling")
        self.check_rests(heard)
        rung = max(i for i, m in enumerate(LADDER) if m <= minutes)
        self.models[pause.id] = Pause(actor, now, end, rung, changed=now)
        [called] = self.kit.timeouts.events(pause.id, actor=actor)
        sent = [*self.notifier.received[heard:], *self.kit.outbox.waiting(limit=1000)]
        other = self.models[pause.id].other
        self.models[pause.id].untold = not any(
            n.event_id == called.id and n.recipient == other for n in sent
        )
        return pause.id

    def refusal(
        self, pid: uuid.UUID, move: str, actor: str, now: datetime
    ) -> type[Exception] | None:
        """The model's refusal, with the weekly ceiling's on extending."""
        expected = self.models[pid].refusal(move, actor, now)
        if expected is None and move == "extend" and self.extend_blocked(pid, now):
            event("an extension past the weekly ceiling")
            return NotAllowedNow
        return expected

    def _move(self, pid: uuid.UUID, actor: str, move: str, apply: Callable[[Pause], None]) -> None:
        model = self.models[pid]
        now = self.clock.now()
        expected = self.refusal(pid, move, actor, now)
        heard = len(self.notifier.received)
        if expected is not None:
            with pytest.raises(expected):
                getattr(self.kit.timeouts, move)(pid, actor=actor)
            assert len(self.notifier.received) == heard  # a refusal tells nobody anything
            return
        done = getattr(self.kit.timeouts, move)(pid, actor=actor)
        apply(model)
        model.changed = now
        if move == "extend":  # within what the weekly ceiling leaves, as far as it can
            assert done.return_at <= model.return_at
            assert self.fits(model.caller, model.started, done.return_at, pid)
            if done.return_at < model.return_at:
                event("an extension shortened by the weekly ceiling")
                later = done.return_at + timedelta(seconds=2)
                assert not self.fits(model.caller, model.started, later, pid)
            model.return_at = done.return_at
        if model.state not in OPEN:
            model.ended = now
        self.check_rests(heard)

    @rule(
        pid=pauses,
        actor=ACTOR,
        move=st.sampled_from(
            ["extend", "come_back", "set_aside", "propose_dropping", "agree_to_drop", "keep_topic"]
        ),
    )
    def answer(self, pid: uuid.UUID, actor: str, move: str) -> None:
        """Make a move on a time-out as a random actor."""
        now = self.clock.now()

        def apply(m: Pause) -> None:
            if move == "extend":
                m.rung = min(m.rung + 1, len(LADDER) - 1)
                m.return_at = min(now + timedelta(minutes=LADDER[m.rung]), m.ceiling)
                m.state, m.drop_asked = "cooling off", None  # a pending letting-go lapses
            elif move == "come_back":
                m.state, m.drop_asked = "resumed", None
            elif move == "set_aside":
                m.state, m.drop_asked = "set aside", None
            elif move == "propose_dropping" and m.drop_asked == actor:
                m.state, m.drop_asked = "dropped", None
            elif move == "propose_dropping":
                m.drop_asked = "ben" if actor == "ana" else "ana"
            elif move == "agree_to_drop":
                m.state, m.drop_asked = "dropped", None
            else:  # keep_topic: a no, heard by whoever suggested letting it go
                m.heard_no["ben" if m.drop_asked == "ana" else "ana"] = now
                m.drop_asked = None

        self._move(pid, actor, move, apply)

    @precondition(lambda self: any(m.state == "cooling off" for m in self.models.values()))
    @rule(data=st.data())
    def reach_a_return_time(self, data: st.DataObject) -> None:
        """Move the clock exactly to a return time and run what is due (the boundary)."""
        timeout = sorted(m.return_at for m in self.models.values() if m.state == "cooling off")
        self.clock.set(max(self.clock.now(), data.draw(st.sampled_from(timeout))))
        self.run_due()

    @rule(pid=pauses)
    def the_caller_answers(self, pid: uuid.UUID) -> None:
        """The caller extends at check back (most often), or comes back."""
        model = self.models[pid]
        self.answer(pid, model.caller, "extend")

    @rule(target=pauses, actor=st.sampled_from(PARTNERS))
    def a_long_time_out(self, actor: str) -> object:
        """Call the longest time-out (the weekly ceiling is reached sooner)."""
        return self.call(actor, 1440)

    @precondition(
        lambda self: any(
            m.state == "check back" and self.resting(m.other) for m in self.models.values()
        )
    )
    @rule(data=st.data(), move=st.sampled_from(["propose_dropping", "come_back", "set_aside"]))
    def move_while_the_other_rests(self, data: st.DataObject, move: str) -> None:
        """At check back of one's own time-out, move while the other cools off in theirs."""
        pids = sorted((pid for pid, m in self.models.items() if m.state == "check back"), key=str)
        pid = data.draw(st.sampled_from(pids))
        self.answer(pid, self.models[pid].caller, move)

    @rule(minutes=st.sampled_from([1, 19, 20, 60, 600, 1440, 3000]))
    def advance_clock(self, minutes: int) -> None:
        """Let some time pass (sometimes far past every deadline: the app was down)."""
        self.clock.advance(timedelta(minutes=minutes))

    @staticmethod
    def fire(m: Pause, now: datetime) -> list[tuple[str, datetime]]:
        """Fire each of *m*'s deadlines passed by *now*, at its own time; return them."""
        fired = []
        while (due := m.due()) is not None and due <= now:
            m.state = "lapsed" if due >= m.ceiling else "check back"
            m.drop_asked = None if m.state == "lapsed" else m.drop_asked
            at = due if m.changed is None else max(due, m.changed)
            m.changed = at
            m.ended = at if m.state == "lapsed" else None
            fired.append((m.state, at))
        return fired

    @rule()
    def run_due(self) -> None:
        """Every passed deadline fires once, at its own time, in order for each time-out."""
        now = self.clock.now()
        expected: list[tuple[uuid.UUID, str, datetime]] = []
        for pid, m in self.models.items():
            expected.extend((pid, state, at) for state, at in self.fire(m, now))
        fired = [(e.subject_id, e.to_state, e.at) for e in self.kit.timers.run_due(limit=1000)]
        assert sorted(fired, key=str) == sorted(expected, key=str)

    @rule()
    def deliver_pending(self) -> None:
        """What waited goes out once its recipient's rest ended; what waits is for one resting."""
        self.kit.outbox.deliver_pending(limit=1000)
        for note in self.kit.outbox.waiting(limit=1000):
            event("a notification waits for a rest to end")
            assert self.resting(note.recipient)
            assert note.kind.value not in PASSES_A_REST

    @invariant()
    def stored_time_outs_match_the_model(self) -> None:
        """Each time-out is as the model says, for both partners; the next timer is the earliest."""
        for pid, m in self.models.items():
            for person in PARTNERS:
                stored = self.kit.timeouts.get(pid, actor=person)
                assert stored.state.value == m.state
                assert (stored.caller, stored.rung) == (m.caller, m.rung)
                if person == m.other and m.untold and stored.return_at != m.return_at:
                    event("the other reads an untold call's return time as its day")
                    assert stored.return_at == day_of(m.return_at, UTC)  # no last seen
                else:
                    assert stored.return_at == m.return_at
                assert stored.drop_asked == m.drop_asked
                now = self.clock.now()
                open_moves = {
                    move for move in MOVES if self.refusal(pid, move, person, now) is None
                }
                assert set(self.kit.timeouts.moves(pid, actor=person)) == open_moves
                awaits = self.kit.timeouts.awaiting(self.couple, actor=person)
                assert (pid in {a.id for a in awaits}) == (m.drop_asked == person)
        dues = [d for m in self.models.values() if (d := m.due()) is not None]
        # A topic set aside waits on the check-in agenda, which ages out in its time.
        dues += [i.due_at for i in self.kit.agenda.waiting(self.couple, actor="ana") if i.due_at]
        assert self.kit.timers.next_due() == min(dues, default=None)


class SQLiteTimeoutMachine(TimeoutMachine):
    """The same machine over SQLite."""

    storage_kind = "sqlite"


STEPS = settings(stateful_step_count=40, deadline=None)

TestTimeoutsInMemory = TimeoutMachine.TestCase
TestTimeoutsInMemory.settings = STEPS
TestTimeoutsInMemory.__doc__ = "Random moves and time keep in-memory time-outs in line."

TestTimeoutsInSQLite = SQLiteTimeoutMachine.TestCase
TestTimeoutsInSQLite.settings = STEPS
TestTimeoutsInSQLite.__doc__ = "Random moves and time keep SQLite time-outs in line."
