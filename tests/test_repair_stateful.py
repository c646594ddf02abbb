"""Stateful property tests: random repairs, entries, practices and reviews against a model.

The model is written from the practice (docs/practices.md, Owning a lapse; issue 18),
not from the library's table: the responsible partner owns a lapse, or the other invites
them and they accept, say not now, or decline (the inviter may take it back). The
aftermath goes through Gottman's five steps in order; each partner writes their own
entry, private until shared, or shares "nothing to add"; a step is done when both
shared. Realities need each one's summary of the other's; responsibility needs the
receiver's answer to the apology, for two rounds at most. Only the responsible partner
takes on a practice and marks its days (each day of the period once, up to today); the
receiver may say a day was not needed; either pauses and resumes (whole days paused move
the end); the period's end opens the review, which waits on the agenda a week later.
Either partner closes it at any time. Nothing here is ever a crossing or a count.
"""

from __future__ import annotations

import dataclasses
import uuid
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, initialize, invariant, multiple, rule

from conftest import invite_and_accept
from kit_machine import KitMachine
from repairkit import InvalidInput, NotAllowedNow, NotFound, NotPermitted
from repairkit.repairs import Practice, PracticeKind

PARTNERS = ("ana", "ben")
ACTOR = st.sampled_from((*PARTNERS, "eve"))
STEPS = ("feelings", "realities", "triggers", "responsibility", "plan")
ROUNDS = 2
REVIEW_WAIT = timedelta(days=7)
OPEN = {*STEPS, "invited", "not now", "practice", "paused", "review", "review waiting"}
MOVES = (
    "accept",
    "not_now",
    "decline",
    "withdraw",
    "write",
    "share",
    "pass_step",
    "summarise",
    "accept_apology",
    "still_need",
    "take_on_practice",
    "mark_day",
    "not_needed_today",
    "pause_practice",
    "resume_practice",
    "review",
    "complete",
    "renew",
    "close",
)
PRACTICES = (
    Practice.focused_attention(minutes=20, days=3),
    Practice(kind=PracticeKind.EXTRA_CHECK_IN, days=2),
)


def _other(person: str) -> str:
    return PARTNERS[1] if person == PARTNERS[0] else PARTNERS[0]


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=UTC)


@dataclasses.dataclass
class Repair:
    """What one repair should look like, kept by the test alone."""

    responsible: str
    inviter: str | None
    state: str
    done: set[str] = dataclasses.field(default_factory=set)
    written: set[str] = dataclasses.field(default_factory=set)
    summarised: set[str] = dataclasses.field(default_factory=set)
    described: set[str] = dataclasses.field(default_factory=set)
    """Who shared an entry of their reality (not "nothing to add"): the other summarises it."""
    round: int = 1
    days: int | None = None
    first: date | None = None
    skipped: list[date] = dataclasses.field(default_factory=list)
    marked: list[date] = dataclasses.field(default_factory=list)
    not_needed: list[date] = dataclasses.field(default_factory=list)
    paused_on: date | None = None
    due: datetime | None = None
    reviewed: set[str] = dataclasses.field(default_factory=set)
    declined_at: datetime | None = None

    @property
    def receiver(self) -> str:
        return _other(self.responsible)

    def to_summarise(self) -> set[str]:
        """Who still summarises the other's reality: only a reality described is summarised."""
        return {p for p in PARTNERS if _other(p) in self.described} - self.summarised

    def period(self) -> list[date]:
        if self.first is None or self.days is None:
            return []
        days, day = [], self.first
        while len(days) < self.days:
            if day not in self.skipped:
                days.append(day)
            day += timedelta(days=1)
        return days

    def end(self) -> datetime | None:
        period = self.period()
        return _start_of(period[-1] + timedelta(days=1)) if period else None

    def open_days(self, today: date, *, marking: bool = False) -> list[date]:
        """Days up to today neither marked nor excused; to mark, excused ones too."""
        taken = {*self.marked} if marking else {*self.marked, *self.not_needed}
        return [d for d in self.period() if d <= today and d not in taken]

    def moves_of(self, person: str, now: datetime) -> set[str]:  # noqa: C901, PLR0912
        """What the practice lets *person* do now."""
        mine = person == self.responsible
        if self.state in ("invited", "not now"):
            if person == self.inviter:
                return {"withdraw"}
            return {"accept", "decline"} | ({"not_now"} if self.state == "invited" else set())
        if self.state not in OPEN:
            return set()
        moves = {"close"}
        if self.state in STEPS:
            both = self.done >= set(PARTNERS)
            if person not in self.done:
                moves |= {"write", "pass_step"}
            if person in self.written:
                moves.add("share")
            if self.state == "realities" and both and person in self.to_summarise():
                moves.add("summarise")
            if self.state == "responsibility" and both and not mine:
                moves |= {"accept_apology", "still_need"}
            if self.state == "plan" and mine and self.days is None:
                moves.add("take_on_practice")
        elif self.state == "practice":
            if self.open_days(now.date(), marking=mine):
                moves.add("mark_day" if mine else "not_needed_today")
            end = self.end()
            if end is None or now < end:
                moves.add("pause_practice")
        elif self.state == "paused":
            moves.add("resume_practice")
        else:
            if person not in self.reviewed:
                moves.add("review")
            if self.reviewed >= set(PARTNERS):
                moves |= {"complete"} | ({"renew"} if mine else set())
        return moves

    def next_step(self, now: datetime) -> None:
        """Both shared their part: the next step, or after the plan the practice or review."""
        self.done, self.written = set(), set()
        if self.state == "plan":
            self.begin(now)
        else:
            self.state = STEPS[STEPS.index(self.state) + 1]

    def begin(self, now: datetime) -> None:
        if self.days is None:
            self.state, self.due = "review", now
            return
        self.state, self.first, self.due = "practice", now.date(), None
        self.skipped, self.marked, self.not_needed, self.reviewed = [], [], [], set()


class RepairMachine(KitMachine):
    """Ana and Ben (and Eve, an outsider) own, invite, write, practise and review repairs."""

    repairs = Bundle("repairs")

    def __init__(self) -> None:
        super().__init__()
        self.models: dict[uuid.UUID, Repair] = {}
        self.couple = uuid.uuid4()
        self.heard_of_days: list[str] = []

    @initialize()
    def start(self) -> None:
        """A couple."""
        self.couple = invite_and_accept(self.kit, PARTNERS, actor="ana").id

    # -- starting ---------------------------------------------------------------------

    @rule(
        target=repairs, actor=st.sampled_from(PARTNERS), invited=st.booleans(), with_=st.booleans()
    )
    def open_one(self, actor: str, invited: bool, with_: bool) -> Any:
        """A partner owns a lapse (with a practice, or not) or invites the other.

        One invitation of a partner's waits at a time, and one after the other's no waits
        the re-ask pause (24 hours): then the invitation is refused, storing nothing.
        """
        self.clock.advance(timedelta(days=1))  # a day of its own: the pressure budget
        now = self.clock.now()
        theirs = [m for m in self.models.values() if m.inviter == actor]
        if invited and any(
            m.state in ("invited", "not now")
            or (m.declined_at is not None and now < m.declined_at + timedelta(hours=24))
            for m in theirs
        ):
            with pytest.raises(NotAllowedNow):
                self.kit.repairs.invite(self.couple, actor=actor)
            event("an invitation waits: refused")
            return multiple()
        if invited:
            made = self.kit.repairs.invite(self.couple, actor=actor)
            self.models[made.id] = Repair(_other(actor), actor, "invited")
        else:
            practice = PRACTICES[0] if with_ else None
            made = self.kit.repairs.own(self.couple, actor=actor, practice=practice)
            model = Repair(actor, None, "feelings")
            model.days = None if practice is None else practice.days
            self.models[made.id] = model
        return made.id

    @rule(target=repairs, actor=st.sampled_from(PARTNERS))
    def a_practice_begins(self, actor: str) -> uuid.UUID:
        """A partner owns a lapse with a practice, and both go through the five steps."""
        rid = self.open_one(actor, invited=False, with_=True)
        for _ in STEPS:
            self.both_do_their_part(rid, practice=False, answer="pass")
            if self.models[rid].state == "responsibility":
                self.both_do_their_part(rid, practice=False, answer="accept")
        assert self.models[rid].state == "practice"
        return rid

    @rule(actor=ACTOR)
    def an_outsider_opens_nothing(self, actor: str) -> None:
        """Eve cannot own or invite in a couple she is not part of."""
        if actor in PARTNERS:
            return
        with pytest.raises(NotFound):
            self.kit.repairs.own(self.couple, actor=actor)

    # -- any move, by anyone ----------------------------------------------------------

    def _arguments(self, model: Repair, move: str, fits: bool) -> dict[str, object]:
        today = self.clock.now().date()
        if move == "write":
            step = model.state if fits and model.state in STEPS else "plan"
            return {"step": step, "words": "How it was for me."}
        if move in ("summarise", "still_need"):
            return {"words": "I hear you." if fits else "  "}
        if move in ("take_on_practice", "renew"):
            return {"practice": PRACTICES[1] if fits else Practice(kind="money", days=2)}  # type: ignore[arg-type]
        if move in ("mark_day", "not_needed_today"):
            open_days = model.open_days(today, marking=move == "mark_day")
            return {"day": open_days[0] if fits and open_days else today + timedelta(days=30)}
        if move == "review":
            return {"worked": "Walks.", "did_not": "Late nights."}
        return {}

    @rule(rid=repairs, actor=ACTOR, move=st.sampled_from(MOVES), fits=st.booleans())
    def act(self, rid: uuid.UUID, actor: str, move: str, fits: bool) -> None:
        """Make any move as anyone: refused unless the practice allows it, else applied."""
        self._try(rid, actor, move, fits=fits)

    @rule(rid=repairs, practice=st.booleans(), answer=st.sampled_from(["accept", "need", "pass"]))
    def both_do_their_part(self, rid: uuid.UUID, practice: bool, answer: str) -> None:  # noqa: C901
        """Both partners do what the current step asks of them, so histories reach far."""
        model = self.models[rid]
        if model.state in ("invited", "not now"):
            self._try(rid, model.responsible, "accept")
        if model.state == "plan" and practice:
            self._try(rid, model.responsible, "take_on_practice")
        if model.state in STEPS:
            for person in (model.responsible, model.receiver):
                if answer == "pass":
                    self._try(rid, person, "pass_step")
                else:
                    self._try(rid, person, "write")
                    self._try(rid, person, "share")
        if model.state == "realities":
            for person in PARTNERS:
                self._try(rid, person, "summarise")
        if model.state == "responsibility":
            move = "accept_apology" if answer == "accept" else "still_need"
            self._try(rid, model.receiver, move)
        if model.state in ("review", "review waiting"):
            for person in PARTNERS:
                self._try(rid, person, "review")

    @rule(
        rid=repairs,
        move=st.sampled_from(
            [
                "mark_day",
                "not_needed_today",
                "pause_practice",
                "resume_practice",
                "complete",
                "renew",
            ]
        ),
        responsible=st.booleans(),
    )
    def a_practice_move(self, rid: uuid.UUID, move: str, responsible: bool) -> None:
        """One partner makes a move of the practice or the review (often the one it is theirs)."""
        model = self.models[rid]
        self._try(rid, model.responsible if responsible else model.receiver, move)

    def _try(self, rid: uuid.UUID, actor: str, move: str, *, fits: bool = True) -> None:
        """Make *move* as *actor*: refused unless the practice allows it, else applied."""
        model, now = self.models[rid], self.clock.now()
        arguments = self._arguments(model, move, fits)
        command = getattr(self.kit.repairs, move)
        if actor not in PARTNERS:
            with pytest.raises(NotFound):
                command(rid, actor=actor, **arguments)
            return
        if move not in model.moves_of(actor, now):
            with pytest.raises((NotAllowedNow, NotPermitted)):
                command(rid, actor=actor, **arguments)
            return
        valid = fits or move not in (
            "write",
            "summarise",
            "still_need",
            "take_on_practice",
            "renew",
            "mark_day",
            "not_needed_today",
        )
        if move == "write" and model.state == "plan":
            valid = True
        if not valid:
            with pytest.raises(InvalidInput):
                command(rid, actor=actor, **arguments)
            return
        command(rid, actor=actor, **arguments)
        self._apply(model, move, actor, arguments, now)
        event(f"{move} made, now {model.state}")

    def _apply(  # noqa: C901, PLR0912
        self, model: Repair, move: str, actor: str, arguments: dict[str, object], now: datetime
    ) -> None:
        if move == "decline":
            model.declined_at = now  # the inviter's next invitation waits the re-ask pause
        if move == "accept":
            model.state = "feelings"
        elif move in ("not_now", "decline", "withdraw", "close", "complete"):
            model.state = {
                "not_now": "not now",
                "decline": "declined",
                "withdraw": "withdrawn",
                "close": "closed",
                "complete": "completed",
            }[move]
        elif move == "write":
            model.written.add(actor)
        elif move in ("share", "pass_step"):
            model.written.discard(actor)
            model.done.add(actor)
            if move == "share" and model.state == "realities":
                model.described.add(actor)
            both = model.done >= set(PARTNERS)
            if both and model.state in ("feelings", "triggers", "plan"):
                model.next_step(now)
            elif both and model.state == "realities" and not model.to_summarise():
                model.next_step(now)  # both had nothing to add: nothing to summarise
        elif move == "summarise":
            model.summarised.add(actor)
            if not model.to_summarise():
                model.next_step(now)
        elif move == "accept_apology":
            model.state, model.done, model.written = "plan", set(), set()
        elif move == "still_need":
            if model.round >= ROUNDS:
                model.state, model.done, model.written = "plan", set(), set()
            else:
                model.round += 1
                model.done.discard(model.responsible)
        elif move == "take_on_practice":
            model.days = PRACTICES[1].days
        elif move == "mark_day":
            model.marked.append(arguments["day"])  # type: ignore[arg-type]
        elif move == "not_needed_today":
            model.not_needed.append(arguments["day"])  # type: ignore[arg-type]
        elif move == "pause_practice":
            model.state, model.paused_on = "paused", now.date()
        elif move == "resume_practice":
            assert model.paused_on is not None
            day = model.paused_on + timedelta(days=1)
            while day < now.date():
                model.skipped.append(day)
                day += timedelta(days=1)
            model.state, model.paused_on = "practice", None
        elif move == "review":
            model.reviewed.add(actor)
        elif move == "renew":
            model.days = PRACTICES[1].days
            model.begin(now)

    # -- time -------------------------------------------------------------------------

    @rule(hours=st.sampled_from([1, 20, 24 * 3, 24 * 8]))
    def advance_clock(self, hours: int) -> None:
        """Let time pass (sometimes past every deadline: the app was down)."""
        self.clock.advance(timedelta(hours=hours))

    @rule()
    def run_due(self) -> None:
        """A period's end opens its review; a review not held a week later waits on the agenda."""
        now = self.clock.now()
        self.kit.timers.run_due(limit=1000)
        for model in self.models.values():
            end = model.end()
            if model.state == "practice" and end is not None and end <= now:
                model.state, model.due = "review", end
            if model.state == "review" and model.due is not None and model.due + REVIEW_WAIT <= now:
                model.state = "review waiting"

    # -- what each partner reads --------------------------------------------------------

    @invariant()
    def moves_match_the_practice_for_both_partners(self) -> None:
        """`moves()` lists, for each partner, exactly what the practice lets them do now."""
        now = self.clock.now()
        for rid, model in self.models.items():
            for person in PARTNERS:
                assert set(self.kit.repairs.moves(rid, actor=person)) == model.moves_of(
                    person, now
                ), (
                    model.state,
                    person,
                )

    @invariant()
    def states_days_and_entries_match(self) -> None:
        """Each reads the state and the days as the model says; the other's entries once shared."""
        now = self.clock.now()
        for rid, model in self.models.items():
            for person in PARTNERS:
                seen = self.kit.repairs.get(rid, actor=person)
                assert seen.state.value == model.state, (seen.state, model.state)
                assert all(e.shared or e.author == person for e in seen.entries)
                if model.state == "practice":
                    statuses = {
                        d.day: d.status.value for d in self.kit.repairs.days(rid, actor=person)
                    }
                    for day in model.period():
                        expected = (
                            "marked"
                            if day in model.marked
                            else "not needed today"
                            if day in model.not_needed
                            else "not marked"
                            if day <= now.date()
                            else "to come"
                        )
                        assert statuses[day] == expected

    @invariant()
    def nothing_is_counted_and_no_day_is_told(self) -> None:
        """No repair, mark or unmarked day makes a crossing, a count, or a notification."""
        for person in PARTNERS:
            assert list(self.kit.crossings.find(self.couple, actor=person)) == []
            assert self.kit.crossings.counted(self.couple, actor=person).counted == 0
        for note in self.notifier.received:
            assert "fail" not in note.message
            assert "not marked" not in note.message


class SQLiteRepairMachine(RepairMachine):
    """The same machine over SQLite."""

    storage_kind = "sqlite"


STEPS_SETTINGS = settings(stateful_step_count=50, deadline=None)

TestRepairsInMemory = RepairMachine.TestCase
TestRepairsInMemory.settings = STEPS_SETTINGS
TestRepairsInMemory.__doc__ = "Random moves keep in-memory repairs in line with the practice."

TestRepairsInSQLite = SQLiteRepairMachine.TestCase
TestRepairsInSQLite.settings = STEPS_SETTINGS
TestRepairsInSQLite.__doc__ = "Random moves keep SQLite repairs in line with the practice."


# -- the other partner and the responsible partner's practice ---------------------------

_OTHERS_TRIES = ("take_on_practice", "mark_day", "renew", "end_practice", "review_waits")
"""What would start, mark, extend or end the responsible partner's practice."""


@settings(max_examples=25, deadline=None)
@given(
    steps=st.lists(
        st.tuples(
            st.sampled_from(
                ("tries", "not needed", "pauses", "resumes", "marks", "a day passes", "run due")
            ),
            st.sampled_from(_OTHERS_TRIES),
        ),
        max_size=25,
    ),
    storage=st.sampled_from(("memory", "sqlite")),
)
def test_the_other_partner_never_starts_marks_extends_or_ends_the_practice(steps, storage):
    """The receiver never starts, marks, extends or ends the responsible partner's practice.

    Over random histories, Ben (the receiver) is refused every move that would start,
    mark, extend or end Ana's practice, with nothing stored; what he may do (say a day was
    not needed, pause, resume) never changes her marks; and no day, marked or not, ever
    makes a crossing, a count, or a notification about it. Closing the whole repair stays
    open to him, as to her: a neutral exit each partner keeps (safety rule 1).
    """
    machine = RepairMachine() if storage == "memory" else SQLiteRepairMachine()
    try:
        machine.start()
        rid = machine.a_practice_begins("ana")
        kit, model = machine.kit, machine.models[rid]
        heard = len(machine.notifier.received)
        for what, move in steps:
            before = kit.repairs.get(rid, actor="ana")
            if what == "tries":
                command = getattr(kit.repairs, move, None)
                if command is None:  # repairkit's own moves: no command reaches them
                    continue
                arguments = (
                    {"practice": PRACTICES[1]} if move in ("take_on_practice", "renew") else {}
                )
                with pytest.raises((NotPermitted, NotAllowedNow)):
                    command(rid, actor="ben", **arguments)
                after = kit.repairs.get(rid, actor="ana")
                assert (after.version, after.marked, after.practice, after.practice_ends_at) == (
                    before.version,
                    before.marked,
                    before.practice,
                    before.practice_ends_at,
                )
            elif what == "a day passes":
                machine.advance_clock(24)
            elif what == "run due":
                machine.run_due()
            else:
                own_move = {"not needed": "not_needed_today", "pauses": "pause_practice"}.get(
                    what, "resume_practice" if what == "resumes" else "mark_day"
                )
                machine._try(rid, "ana" if what == "marks" else "ben", own_move)
                after = kit.repairs.get(rid, actor="ana")
                if what != "marks":
                    assert after.marked == before.marked
            machine.nothing_is_counted_and_no_day_is_told()
            machine.moves_match_the_practice_for_both_partners()
        told = machine.notifier.received[heard:]
        assert all(note.recipient != "ben" or "marked" not in note.message for note in told)
        assert model.responsible == "ana"
    finally:
        machine.teardown()
