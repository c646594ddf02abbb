"""A therapy plan: what a couple works on with the third person they both invited.

Each partner writes what they hope for (better listening, more balanced intimacy,
managing anger and hurt) in private: until both set theirs, nobody else reads it, nor
learns that it was written, or when (`seen_by`). Both are revealed at the same moment.
The sessions follow a schedule both agreed (a first session, every few weeks, a number
of them); moving one session, and finishing the plan, need both too. A missed session
names no one. Either partner steps back alone, at once; the third person's part ending
pauses the plan (repairkit's reaction, in the same commit), and resuming needs both.
"""

from __future__ import annotations

import enum
import uuid
from datetime import datetime
from typing import Any, ClassVar, NoReturn, Self, TypeVar

import attrs

from repairkit.core.engine import EITHER_PARTNER, REPAIRKIT, Role, Workflow
from repairkit.core.entity import WorkflowObject
from repairkit.core.events import DomainEvent
from repairkit.core.hidden import Hidden, changed_at_seen_by, hide, kept_for, unseen_by
from repairkit.core.settings import SETTING_IN_FORCE
from repairkit.core.suggestions import HeardNo
from repairkit.core.values import SYSTEM, PersonId, check_instant, check_text, new_id
from repairkit.errors import InvalidInput, NotAllowedNow
from repairkit.therapy.events import (
    ChangeAgreed,
    ChangeProposed,
    HopesReady,
    HopesRevealed,
    HopesWritten,
    PlanFinished,
    PlanProposed,
    PlanResumed,
    ResumeProposed,
    SessionMissed,
)
from repairkit.therapy.parts import Change, ChangeKind, Hope, PlanSchedule, whole_number
from repairkit.therapy.rules import TherapyPlanRules
from repairkit.therapy.table import (
    AWAITED,
    CHANGE_PROPOSER,
    PROPOSER,
    THERAPY_PLAN_WORKFLOW,
    TherapyPlanState,
)

__all__ = ["TherapyPlan"]

_S = TherapyPlanState
Ev = TypeVar("Ev", bound=DomainEvent)


@attrs.define(eq=False, kw_only=True)
class TherapyPlan(WorkflowObject):
    """A couple's plan with the third person both invited (`repairkit.facilitators`)."""

    WORKFLOW: ClassVar[Workflow] = THERAPY_PLAN_WORKFLOW

    id: uuid.UUID
    relationship_id: uuid.UUID
    proposer: PersonId
    partner: PersonId
    facilitator_id: uuid.UUID
    """The `Facilitator` both invited, whose part the plan goes ahead with."""
    rules: TherapyPlanRules = attrs.field(factory=TherapyPlanRules, metadata=SETTING_IN_FORCE)
    """The relationship's rules in force, given whenever it is read (never stored)."""
    time_zone: str = attrs.field(default="UTC", metadata=SETTING_IN_FORCE)
    """The couple's time zone in force (the sessions keep their time of day in it)."""
    created_at: datetime
    state: TherapyPlanState = TherapyPlanState.PROPOSED
    version: int = 0
    hopes: tuple[Hope, ...] = ()
    """Each partner's hopes (at most one each): one's own only, until both are revealed."""
    revealed: bool = False
    """Whether both set their hopes: then both read both."""
    schedule: PlanSchedule | None = None
    """The sessions both agreed, if any."""
    change: Change | None = None
    """What awaits an answer (in "change proposed" and "resume proposed")."""
    heard_no: tuple[HeardNo, ...] = ()
    hidden: tuple[Hidden, ...] = ()
    """The moves only one partner sees (their hopes before the reveal)."""
    shared_at: datetime | None = None
    """When the last move both see was made."""
    changed_at: datetime | None = None

    # -- who is who ---------------------------------------------------------------

    @property
    def participants(self) -> tuple[PersonId, PersonId]:
        """The proposer and the partner."""
        return (self.proposer, self.partner)

    def other(self, person: PersonId) -> PersonId:
        """Return the other partner."""
        return self.partner if person == self.proposer else self.proposer

    def roles_of(self, actor: PersonId) -> frozenset[Role]:
        """Return the roles *actor* plays: proposer, the one awaited or who proposed what awaits."""
        if actor == SYSTEM:
            return frozenset({REPAIRKIT})
        if actor not in self.participants:
            return frozenset()
        roles = {EITHER_PARTNER}
        if actor == self.proposer:
            roles.add(PROPOSER)
        if actor in self.asked():
            roles.add(AWAITED)
        if self.change is not None and self.change.by == actor:
            roles.add(CHANGE_PROPOSER)
        return frozenset(roles)

    def asked(self) -> tuple[PersonId, ...]:
        """The partner whose answer is awaited, if any."""
        if self.state is _S.PROPOSED:
            return (self.partner,)
        if self.state in (_S.CHANGE_PROPOSED, _S.RESUME_PROPOSED) and self.change is not None:
            return (self.other(self.change.by),)
        return ()

    def suggested_by(self, suggestion: str) -> PersonId | None:
        """Who proposed the change or resuming awaiting an answer, if any."""
        change = self.change
        if change is None or self.state not in (_S.CHANGE_PROPOSED, _S.RESUME_PROPOSED):
            return None
        return change.by if suggestion == f"propose_{change.kind}" else None

    def seen_by(self, person: PersonId) -> Self:
        """Return the plan as *person* may see it: before the reveal, their own hopes only.

        Its version and times are as if the other's private moves never happened.
        """
        if self.revealed or person not in self.participants:
            hopes = self.hopes if self.revealed else ()
        else:
            hopes = tuple(h for h in self.hopes if h.author == person)
        return attrs.evolve(
            self,
            hopes=hopes,
            hidden=kept_for(self.hidden, person),
            version=self.version - unseen_by(self.hidden, person),
            changed_at=changed_at_seen_by(self.hidden, self.shared_at, person),
        )

    def version_seen_by(self, person: PersonId) -> int:
        """Return the version *person* knows it at, without copying it."""
        return self.version - unseen_by(self.hidden, person)

    def sessions(self) -> tuple[datetime, ...]:
        """Return the agreed sessions' starts (UTC), or none."""
        return () if self.schedule is None else self.schedule.sessions(self.time_zone)

    # -- conditions ------------------------------------------------------------------

    def hopes_open(self, at: datetime) -> bool:
        """Whether hopes can still be written: not revealed yet."""
        del at
        return not self.revealed

    def schedule_pending(self, at: datetime) -> bool:
        """Whether the change awaiting an answer is a schedule."""
        del at
        return self._pending(ChangeKind.SCHEDULE)

    def reschedule_pending(self, at: datetime) -> bool:
        """Whether the change awaiting an answer moves a session."""
        del at
        return self._pending(ChangeKind.RESCHEDULE)

    def finish_pending(self, at: datetime) -> bool:
        """Whether the change awaiting an answer is finishing the plan."""
        del at
        return self._pending(ChangeKind.FINISH)

    def _pending(self, kind: str) -> bool:
        return self.change is not None and self.change.kind == kind

    def _own_hope(self, person: PersonId) -> Hope | None:
        return next((h for h in self.hopes if h.author == person), None)

    def _missable(self, at: datetime) -> tuple[int, ...]:
        missed = self.schedule.missed if self.schedule is not None else ()
        return tuple(n for n, s in enumerate(self.sessions(), 1) if s <= at and n not in missed)

    def _movable(self, at: datetime) -> tuple[int, ...]:
        return tuple(n for n, s in enumerate(self.sessions(), 1) if s > at)

    def can_make(self, trigger: str, actor: PersonId, at: datetime) -> bool:
        """Leave out moves nothing fits now: setting hopes not written, no session to name."""
        if trigger == "set_hopes":
            own = self._own_hope(actor)
            if own is None or own.ready:
                return False
        if trigger == "note_missed" and not self._missable(at):
            return False
        if trigger == "propose_reschedule" and not self._movable(at):
            return False
        return super().can_make(trigger, actor, at)

    def _nothing_fits(self, trigger: str, actor: PersonId, at: datetime, reason: str) -> NoReturn:
        """Refuse *trigger* as `moves` leaves it out: no input could fit now."""
        raise NotAllowedNow(
            kind=self.WORKFLOW.name,
            action=trigger,
            state=self.state.value,
            allowed=self.moves_open_to(actor, at),
            reason=reason,
        )

    # -- proposing -------------------------------------------------------------------

    @classmethod
    def propose(
        cls,
        *,
        relationship_id: uuid.UUID,
        proposer: PersonId,
        partner: PersonId,
        facilitator_id: uuid.UUID,
        rules: TherapyPlanRules,
        time_zone: str,
        at: datetime,
    ) -> tuple[TherapyPlan, PlanProposed]:
        """Propose a plan with the third person both invited; the other's answer is awaited."""
        at = check_instant(at, "at")
        plan = cls(
            id=new_id(),
            relationship_id=relationship_id,
            proposer=proposer,
            partner=partner,
            facilitator_id=facilitator_id,
            rules=rules,
            time_zone=time_zone,
            created_at=at,
            version=1,
        )
        return plan, plan._event(PlanProposed, proposer, at, None)

    def _event(
        self,
        cls: type[Ev],
        actor: PersonId,
        at: datetime,
        before: enum.StrEnum | None,
        **data: Any,  # noqa: ANN401 - each event type has its own fields
    ) -> Ev:
        """Record the move, made where both see it (`_private` makes one only the actor sees)."""
        event = super()._event(cls, actor, at, before, **data)
        self.shared_at = at
        return event

    def _private(self, event: DomainEvent, shared_before: datetime | None) -> DomainEvent:
        """Make *event* private to its actor: the other's view keeps its version and time."""
        self.shared_at = shared_before
        self.hidden = hide(self.hidden, event.actor, event.at)
        return attrs.evolve(event, private_to=event.actor)

    # -- hopes -----------------------------------------------------------------------

    def write_hopes(self, *, actor: PersonId, at: datetime, words: object) -> DomainEvent:
        """Write (or rewrite) what *actor* hopes for, in private, until they set it."""
        at = self._begin("write_hopes", actor, at)
        text = check_text(words, "words", max_length=self.rules.max_hopes_length)  # type: ignore[arg-type]
        assert text is not None  # noqa: S101 - not optional
        shared_before = self.shared_at
        before = self._fire("write_hopes", at)
        hope = Hope(author=actor, words=text)
        self.hopes = (*(h for h in self.hopes if h.author != actor), hope)
        return self._private(self._event(HopesWritten, actor, at, before), shared_before)

    def set_hopes(self, *, actor: PersonId, at: datetime) -> DomainEvent:
        """Set one's hopes: private until the other's are set too, then both are revealed."""
        at = self._begin("set_hopes", actor, at)
        own = self._own_hope(actor)
        if own is None or own.ready:  # as `moves` says: nothing to set
            reason = "Hopes can be set once they are written; a rewrite can be set too."
            self._nothing_fits("set_hopes", actor, at, reason)
        shared_before = self.shared_at
        before = self._fire("set_hopes", at)
        self.hopes = tuple(attrs.evolve(h, ready=True) if h is own else h for h in self.hopes)
        theirs = self._own_hope(self.other(actor))
        if theirs is not None and theirs.ready:
            self.revealed = True
            return self._event(HopesRevealed, actor, at, before)
        return self._private(self._event(HopesReady, actor, at, before), shared_before)

    # -- changes both agree to ---------------------------------------------------------

    def propose_schedule(
        self, *, actor: PersonId, at: datetime, start: object, every_weeks: object, count: object
    ) -> ChangeProposed:
        """Propose a schedule: the first session's *start*, every *every_weeks* weeks, *count*."""
        at = self._begin("propose_schedule", actor, at)
        first = check_instant(start, "start")  # type: ignore[arg-type]
        if first <= at:
            raise InvalidInput("start", "needs a time yet to come.")
        weeks = whole_number(every_weeks, "every_weeks", 1, self.rules.max_every_weeks)
        sessions = whole_number(count, "count", 1, self.rules.max_sessions)
        schedule = PlanSchedule(first=first, every_weeks=weeks, count=sessions)
        return self._propose("propose_schedule", actor, at, schedule=schedule)

    def propose_reschedule(
        self, *, actor: PersonId, at: datetime, session: object, start: object
    ) -> ChangeProposed:
        """Propose moving session number *session* (one still to come) to *start*."""
        at = self._begin("propose_reschedule", actor, at)
        movable = self._movable(at)
        if not movable:
            self._nothing_fits("propose_reschedule", actor, at, "No agreed session is to come.")
        if not isinstance(session, int) or isinstance(session, bool) or session not in movable:
            raise InvalidInput("session", "needs the number of a session yet to come.")
        new = check_instant(start, "start")  # type: ignore[arg-type]
        if new <= at:
            raise InvalidInput("start", "needs a time yet to come.")
        if new == self.sessions()[session - 1]:
            raise InvalidInput("start", "is when the session is already.")
        return self._propose("propose_reschedule", actor, at, session=session, start=new)

    def propose_finish(self, *, actor: PersonId, at: datetime) -> ChangeProposed:
        """Propose finishing the plan; it finishes once the other agrees."""
        at = self._begin("propose_finish", actor, at)
        return self._propose("propose_finish", actor, at)

    def _propose(self, trigger: str, actor: PersonId, at: datetime, **data: Any) -> ChangeProposed:  # noqa: ANN401
        kind = trigger.removeprefix("propose_")
        before = self._fire(trigger, at)
        self.change = Change(kind=kind, by=actor, **data)
        return self._event(ChangeProposed, actor, at, before, change=kind)

    def agree_change(self, *, actor: PersonId, at: datetime) -> DomainEvent:
        """Agree to the change awaiting one's answer: it holds now."""
        at = self._begin("agree_change", actor, at)
        change = self.change
        assert change is not None  # noqa: S101 - the state holds one
        before = self._fire("agree_change", at)
        self.change = None
        if change.kind == ChangeKind.FINISH:
            return self._event(PlanFinished, actor, at, before)
        if change.kind == ChangeKind.SCHEDULE:
            self.schedule = change.schedule
        elif self.schedule is not None and change.session is not None and change.start:
            moved = tuple(m for m in self.schedule.moved if m[0] != change.session)
            moved = (*moved, (change.session, change.start))
            self.schedule = attrs.evolve(self.schedule, moved=moved)
        return self._event(ChangeAgreed, actor, at, before, change=change.kind)

    def event_data(self, trigger: str, at: datetime) -> dict[str, Any]:
        """Name the change a no or a taking back leaves as it is (``withdraw_finish``: "finish")."""
        del at
        kind = trigger.partition("_")[2]
        if trigger.startswith(("decline_", "withdraw_")) and kind != "resume":
            return {"change": kind}
        return {}

    def make(self, trigger: str, *, actor: PersonId, at: datetime) -> DomainEvent:
        """Make a plain move; a no, or a proposal taken back, lets go of what awaited."""
        event = super().make(trigger, actor=actor, at=at)
        if trigger.startswith(("decline_", "withdraw_", "pause")):
            self.change = None
        return event

    def note_missed(self, *, actor: PersonId, at: datetime, session: object) -> SessionMissed:
        """Note past session number *session* as missed: the event names no one who missed it."""
        at = self._begin("note_missed", actor, at)
        if not self._missable(at):
            self._nothing_fits("note_missed", actor, at, "No past session is left to note.")
        if not isinstance(session, int) or isinstance(session, bool):
            raise InvalidInput("session", "needs the number of a past session.")
        if session not in self._missable(at):
            raise InvalidInput("session", "needs the number of a past session not noted yet.")
        before = self._fire("note_missed", at)
        assert self.schedule is not None  # noqa: S101 - a missable session needs one
        missed = tuple(sorted((*self.schedule.missed, session)))
        self.schedule = attrs.evolve(self.schedule, missed=missed)
        return self._event(SessionMissed, actor, at, before, session=session)

    # -- pausing and resuming -----------------------------------------------------------

    def pause(self, *, at: datetime) -> DomainEvent:
        """The third person's part ended: pause (repairkit's move); what awaited lapses."""
        return self.make("pause", actor=SYSTEM, at=at)

    def propose_resume(
        self, *, actor: PersonId, at: datetime, facilitator_id: uuid.UUID
    ) -> ResumeProposed:
        """Propose resuming with the third person *facilitator_id* (checked by the commands)."""
        at = self._begin("propose_resume", actor, at)
        before = self._fire("propose_resume", at)
        self.change = Change(kind="resume", by=actor, facilitator_id=facilitator_id)
        return self._event(ResumeProposed, actor, at, before)

    def agree_resume(self, *, actor: PersonId, at: datetime) -> PlanResumed:
        """Agree to resume: the plan goes ahead again, with the third person proposed."""
        at = self._begin("agree_resume", actor, at)
        change = self.change
        assert change is not None  # noqa: S101 - the state holds one
        before = self._fire("agree_resume", at)
        if change.facilitator_id is not None:
            self.facilitator_id = change.facilitator_id
        self.change = None
        return self._event(PlanResumed, actor, at, before)
