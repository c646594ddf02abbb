"""Stateful property tests: random therapy plans, hopes, changes and third persons, against a model.

The model is written from the practice, not from the library's table: a partner proposes
a plan with the third person both invited; it goes ahead once the other agrees, and a no
is neutral. Each writes hopes in private and sets them; both are revealed only once both
are set. A schedule, moving a session and finishing each need the other's yes; the other
says no, or the one who proposed it takes it back. The third person's part ending pauses the plan,
and resuming needs both. Either steps back alone, at any time after agreeing.
"""

from __future__ import annotations

import dataclasses
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import initialize, invariant, precondition, rule

from conftest import invite_and_accept
from kit_machine import KitMachine
from repairkit import InvalidInput, NotAllowedNow, NotFound, NotPermitted, RelationshipSettings
from repairkit.therapy import TherapyPlanRules

PARTNERS = ("ana", "ben")
ACTOR = st.sampled_from((*PARTNERS, "eve"))
PERSON = st.sampled_from(PARTNERS)
WORDS = st.sampled_from(["Better listening.", "Managing anger and hurt.", "", "x" * 1_001])
FIRST = datetime(2030, 1, 7, 18, 0, tzinfo=UTC)
ENDS = ("declined", "withdrawn", "stepped back", "finished")
ANSWER = st.sampled_from(("agree", "decline", "withdraw"))
"""Agree, say no, or take one's own proposal back."""
CHANGES = ("schedule", "reschedule", "finish")


def _other(person: str) -> str:
    return PARTNERS[1] if person == PARTNERS[0] else PARTNERS[0]


@dataclasses.dataclass
class Plan:
    """What the current plan should look like, kept by the test alone."""

    proposer: str
    facilitator: uuid.UUID
    state: str = "proposed"
    hopes: dict[str, str] = dataclasses.field(default_factory=dict)
    ready: set[str] = dataclasses.field(default_factory=set)
    revealed: bool = False
    change: tuple[str, str] | None = None
    """(kind, by) of what awaits an answer."""
    resume_with: uuid.UUID | None = None
    scheduled: bool = False

    def moves_of(self, person: str) -> set[str]:
        """What the practice lets *person* do now."""
        if self.state == "proposed":
            return {"withdraw"} if person == self.proposer else {"agree", "decline"}
        if self.state in ENDS:
            return set()
        moves = {"step_back"}
        if not self.revealed:
            moves.add("write_hopes")
            if person in self.hopes and person not in self.ready:
                moves.add("set_hopes")
        if self.state == "active":
            moves |= {"propose_schedule", "propose_finish"}
            if self.scheduled:
                moves.add("propose_reschedule")
        elif self.state == "paused":
            moves.add("propose_resume")
        elif self.state in ("change proposed", "resume proposed"):
            assert self.change is not None
            kind, by = self.change  # the one who proposed takes back; the other answers
            agree = "agree_resume" if kind == "resume" else "agree_change"
            moves |= {f"withdraw_{kind}"} if person == by else {agree, f"decline_{kind}"}
        return moves

    def refusal(self, person: str, move: str) -> type[Exception] | None:
        """The error the practice expects of *person* making *move* now, or None."""
        if person not in PARTNERS:
            return NotFound
        if move in self.moves_of(person):
            return None
        if move != "set_hopes" and any(move in self.moves_of(p) for p in PARTNERS):
            return NotPermitted  # one's own hopes to set is a condition, not a role
        return NotAllowedNow


class TherapyPlanMachine(KitMachine):
    """Ana and Ben (and Eve, an outsider) make plans with the third persons they invite."""

    def __init__(self) -> None:
        super().__init__()
        self.couple = uuid.uuid4()
        self.plans: dict[uuid.UUID, Plan] = {}
        self.current: uuid.UUID | None = None
        self.facilitator: uuid.UUID | None = None
        """The third person taking part now, if any."""
        self.people = iter(f"third{n}" for n in range(1_000))

    @initialize()
    def start(self) -> None:
        """A couple with no wait after a no (time is not what this machine tests)."""
        rules = RelationshipSettings(rules=[TherapyPlanRules(reask_wait_hours=0)])
        self.couple = invite_and_accept(self.kit, PARTNERS, actor="ana", settings=rules).id
        self.invite()

    def _step(self) -> None:
        self.clock.advance(timedelta(hours=6))  # a little time of its own: the pressure budget

    @precondition(lambda self: self.facilitator is None)
    @rule()
    def invite(self) -> None:
        """Both invite a new third person, with the plan as a shared category."""
        self._step()
        proposed = self.kit.facilitators.propose(
            self.couple, actor="ana", person=next(self.people), approach="a therapist"
        )
        self.facilitator = self.kit.facilitators.agree(proposed.id, actor="ben").id

    @precondition(lambda self: self.facilitator is not None)
    @rule(actor=PERSON)
    def end_their_part(self, actor: str) -> None:
        """A partner ends the third person's part: a plan going ahead with them pauses."""
        assert self.facilitator is not None
        ended, self.facilitator = self.facilitator, None
        self._step()
        self.kit.facilitators.remove(ended, actor=actor)
        plan = self.plans.get(self.current) if self.current is not None else None
        if plan is None or plan.state in ENDS or plan.state == "paused":
            return
        named = plan.resume_with if plan.state == "resume proposed" else plan.facilitator
        if named == ended:
            plan.state, plan.change, plan.resume_with = "paused", None, None

    @rule(actor=PERSON)
    def propose(self, actor: str) -> None:
        """Propose a plan: one at a time, with a third person taking part."""
        open_now = self.current is not None and self.plans[self.current].state not in ENDS
        expected = (
            NotAllowedNow
            if open_now and self.facilitator is not None
            else InvalidInput
            if self.facilitator is None
            else None
        )
        named = self.facilitator if self.facilitator is not None else uuid.uuid4()
        if expected is not None:
            with pytest.raises(expected):
                self.kit.therapy_plans.propose(self.couple, actor=actor, facilitator_id=named)
            return
        self._step()
        made = self.kit.therapy_plans.propose(self.couple, actor=actor, facilitator_id=named)
        self.plans[made.id] = Plan(proposer=actor, facilitator=named)
        self.current = made.id

    def _try(self, actor: str, move: str, **arguments: object) -> Plan | None:
        if self.current is None:
            return None
        plan = self.plans[self.current]
        expected = plan.refusal(actor, move)
        if expected is not None:
            with pytest.raises(expected):
                getattr(self.kit.therapy_plans, move)(self.current, actor=actor, **arguments)
            return None
        self._step()
        return plan

    @rule(actor=ACTOR, move=st.sampled_from(["agree", "decline", "withdraw", "step_back"]))
    def answer_or_end(self, actor: str, move: str) -> None:
        """Agree, decline, take back, or step back alone."""
        plan = self._try(actor, move)
        if plan is not None:
            getattr(self.kit.therapy_plans, move)(self.current, actor=actor)
            states = {"agree": "active", "decline": "declined", "withdraw": "withdrawn"}
            plan.state = states.get(move, "stepped back")

    @rule(actor=ACTOR, words=WORDS)
    def write_hopes(self, actor: str, words: str) -> None:
        """Write one's hopes, in private (they must fit)."""
        plan = self._try(actor, "write_hopes", words=words)
        if plan is None:
            return
        if not words.strip() or len(words) > 1_000:
            with pytest.raises(InvalidInput):
                self.kit.therapy_plans.write_hopes(self.current, actor=actor, words=words)
            return
        self.kit.therapy_plans.write_hopes(self.current, actor=actor, words=words)
        plan.hopes[actor] = words.strip()
        plan.ready.discard(actor)

    @rule(actor=ACTOR)
    def set_hopes(self, actor: str) -> None:
        """Set one's hopes; the second set reveals both."""
        plan = self._try(actor, "set_hopes")
        if plan is not None:
            self.kit.therapy_plans.set_hopes(self.current, actor=actor)
            plan.ready.add(actor)
            plan.revealed = plan.ready == set(PARTNERS)

    @rule(actor=ACTOR, kind=st.sampled_from(CHANGES))
    def propose_change(self, actor: str, kind: str) -> None:
        """Propose a schedule, moving its first session, or finishing."""
        arguments: dict[str, object] = {
            "schedule": {"start": FIRST, "every_weeks": 2, "count": 4},
            "reschedule": {"session": 1, "start": FIRST + timedelta(days=len(self.plans))},
            "finish": {},
        }[kind]
        plan = self._try(actor, f"propose_{kind}", **arguments)
        if plan is None:
            return
        if (
            kind == "reschedule"
            and self.kit.therapy_plans.get(self.current, actor=actor).sessions()[0]
            == arguments["start"]
        ):
            with pytest.raises(InvalidInput):
                self.kit.therapy_plans.propose_reschedule(self.current, actor=actor, **arguments)
            return
        getattr(self.kit.therapy_plans, f"propose_{kind}")(self.current, actor=actor, **arguments)
        plan.state, plan.change = "change proposed", (kind, actor)

    @rule(actor=ACTOR, answer=ANSWER)
    def answer_change(self, actor: str, answer: str) -> None:
        """Agree to the change awaiting one's answer, say no, or take one's own back."""
        if self.current is None:
            return
        plan = self.plans[self.current]
        kind = plan.change[0] if plan.change is not None else "schedule"
        kind = kind if kind in CHANGES else "schedule"  # resuming is answered by `resume`
        yes = answer == "agree"
        move = "agree_change" if yes else f"{answer}_{kind}"
        if self._try(actor, move) is None:
            return
        getattr(self.kit.therapy_plans, move)(self.current, actor=actor)
        plan.state = "finished" if yes and kind == "finish" else "active"
        plan.scheduled = plan.scheduled or (yes and kind == "schedule")
        plan.change = None

    @rule(actor=ACTOR, answer=ANSWER)
    def resume(self, actor: str, answer: str) -> None:
        """Propose resuming with the third person taking part now; agree, say no, take back."""
        if self.current is None:
            return
        plan = self.plans[self.current]
        if plan.state == "paused":
            named = self.facilitator if self.facilitator is not None else uuid.uuid4()
            if self._try(actor, "propose_resume", facilitator_id=named) is None:
                return
            if self.facilitator is None:
                with pytest.raises(InvalidInput):
                    self.kit.therapy_plans.propose_resume(
                        self.current, actor=actor, facilitator_id=named
                    )
                return
            self.kit.therapy_plans.propose_resume(self.current, actor=actor, facilitator_id=named)
            plan.state, plan.change, plan.resume_with = "resume proposed", ("resume", actor), named
            return
        move = f"{answer}_resume"
        if self._try(actor, move) is None:
            return
        getattr(self.kit.therapy_plans, move)(self.current, actor=actor)
        if answer == "agree":
            assert plan.resume_with is not None
            plan.state, plan.facilitator = "active", plan.resume_with
        else:
            plan.state = "paused"
        plan.change, plan.resume_with = None, None

    @invariant()
    def the_moves_each_partner_is_offered_match_the_model(self) -> None:
        """`moves()` lists what the practice allows each partner now; Eve gets NotFound."""
        for pid, plan in self.plans.items():
            for person in PARTNERS:
                offered = set(self.kit.therapy_plans.moves(pid, actor=person))
                assert offered == plan.moves_of(person), (plan.state, person)
            with pytest.raises(NotFound):
                self.kit.therapy_plans.moves(pid, actor="eve")

    @invariant()
    def hopes_show_to_the_other_only_once_revealed(self) -> None:
        """Each reads their own hopes; the other's only once both were set."""
        for pid, plan in self.plans.items():
            for person in PARTNERS:
                stored = self.kit.therapy_plans.get(pid, actor=person)
                assert stored.state.value == plan.state
                assert stored.facilitator_id == plan.facilitator
                shown = {h.author: h.words for h in stored.hopes}
                expected = (
                    plan.hopes
                    if plan.revealed
                    else {p: w for p, w in plan.hopes.items() if p == person}
                )
                assert shown == expected


class SQLiteTherapyPlanMachine(TherapyPlanMachine):
    """The same machine over SQLite."""

    storage_kind = "sqlite"


STEPS = settings(stateful_step_count=40, deadline=None)

TestTherapyPlansInMemory = TherapyPlanMachine.TestCase
TestTherapyPlansInMemory.settings = STEPS
TestTherapyPlansInMemory.__doc__ = "Random moves keep in-memory therapy plans in line."

TestTherapyPlansInSQLite = SQLiteTherapyPlanMachine.TestCase
TestTherapyPlansInSQLite.settings = STEPS
TestTherapyPlansInSQLite.__doc__ = "Random moves keep SQLite therapy plans in line."
