"""The therapy plan's commands, reached as ``kit.therapy_plans``."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

import attrs

from repairkit._progress import progress_of
from repairkit.checkins.calendar import deadlines_calendar
from repairkit.commands import WorkflowCommands
from repairkit.core.progress import ProgressLine
from repairkit.core.suggestions import DECLINED_ON, declined_key, reopens_at, when
from repairkit.core.timers import Upcoming
from repairkit.core.values import PersonId, check_id, check_person_id
from repairkit.errors import InvalidInput, NotAllowedNow, NotFound
from repairkit.facilitators.model import Facilitator
from repairkit.therapy.model import TherapyPlan
from repairkit.therapy.rules import TherapyPlanRules
from repairkit.therapy.table import OPEN, TherapyPlanState

__all__ = ["SharedPlan", "TherapyPlanCommands"]


def declined_keys(plan: TherapyPlan) -> list[tuple[str, str]]:
    """A declined plan's index key: who proposed it, and the day it was declined."""
    if plan.state is not TherapyPlanState.DECLINED or plan.changed_at is None:
        return []
    return [declined_key(plan.proposer, plan.changed_at)]


@attrs.frozen(kw_only=True)
class SharedPlan:
    """A therapy plan as the third person reads it: what both partners read, no author."""

    state: str
    hopes: tuple[str, ...]
    """Both partners' hopes once revealed (none before), in the order of their words."""
    sessions: tuple[datetime, ...]
    """The agreed sessions' starts (UTC), moves applied."""
    missed: tuple[int, ...]
    """The numbers of sessions noted as missed (naming no one)."""


class TherapyPlanCommands(WorkflowCommands[TherapyPlan]):
    """A couple's therapy plan with the third person both invited.

    Reach it as ``kit.therapy_plans``. A partner proposes a plan naming the third person
    taking part (`propose`, a `kit.facilitators` object); it goes ahead once the other
    agrees (``agree``; ``decline`` is neutral; the proposer may ``withdraw``). Each
    writes their hopes in private (`write_hopes`) and sets them (`set_hopes`): both are
    revealed together. A schedule, moving one session and finishing need both (one
    proposes, the other answers with `agree_change` or a ``decline_...``; the one who
    proposed may take it back with a ``withdraw_...``). When the third person's part
    ends the plan pauses; `propose_resume` and `agree_resume` take it up again
    (``decline_resume`` is a no, ``withdraw_resume`` takes it back). Either partner
    ends it alone (``step_back``).
    """

    entity = TherapyPlan

    def _facilitator(self, facilitator_id: uuid.UUID, relationship_id: uuid.UUID) -> Facilitator:
        """Load a third person taking part in this relationship now, or `InvalidInput`.

        Alike for a missing id, another couple's and one not invited (now): nothing is
        told about any of them.
        """
        refusal = InvalidInput(
            "facilitator_id",
            "names no third person taking part in your check-ins now; invite one together"
            " first (kit.facilitators).",
        )
        try:
            found = self._runner.repository.load(
                Facilitator, check_id(facilitator_id, "facilitator_id")
            )
        except NotFound:
            raise refusal from None
        if found.relationship_id != relationship_id or not found.invited:
            raise refusal
        return found

    def propose(
        self, relationship_id: uuid.UUID, *, actor: PersonId, facilitator_id: uuid.UUID
    ) -> TherapyPlan:
        """Propose a plan with the third person *facilitator_id*; the other's answer is awaited.

        Raises:
            InvalidInput: *facilitator_id* names no third person taking part in this
                relationship's check-ins now.
            NotAllowedNow: a plan is proposed or holds already (one at a time).
        """
        actor = check_person_id(actor, "actor")
        relationship = self._relationship_for(relationship_id, actor, "propose a therapy plan")
        facilitator = self._facilitator(facilitator_id, relationship.id)
        if self._runner.repository.load_all(
            TherapyPlan, relationship.id, states=[state.value for state in OPEN]
        ):
            raise NotAllowedNow(
                kind=TherapyPlan.WORKFLOW.name,
                action="propose",
                state="",
                allowed=(),
                reason="A therapy plan is proposed or holds already; one at a time.",
            )
        rules = relationship.settings.of(TherapyPlanRules)
        self._check_reask_wait(relationship.id, actor, rules)
        plan, event = TherapyPlan.propose(
            relationship_id=relationship.id,
            proposer=actor,
            partner=relationship.other_partner(actor),
            facilitator_id=facilitator.id,
            rules=rules,
            time_zone=relationship.settings.time_zone,
            at=self._runner.now(),
        )
        return self._add(plan, event)

    def _check_reask_wait(
        self, relationship_id: uuid.UUID, actor: PersonId, rules: TherapyPlanRules
    ) -> None:
        """Refuse a plan proposed soon after the other's no to *actor*'s last one.

        The noes are read from the days of the wait (`DECLINED_ON`), never every plan
        declined; the wait is `TherapyPlanRules.reask_wait_hours`.
        """
        opens = reopens_at(
            lambda value: self._runner.repository.load_keyed(
                TherapyPlan,
                relationship_id,
                DECLINED_ON,
                value,
                states=[TherapyPlanState.DECLINED.value],
            ),
            actor,
            self._runner.now(),
            timedelta(hours=rules.reask_wait_hours),
        )
        if opens is not None:
            raise NotAllowedNow(
                kind=TherapyPlan.WORKFLOW.name,
                action="propose",
                state=TherapyPlanState.DECLINED.value,
                allowed=(),
                reason="A therapy plan was answered with a no a short while ago; another can"
                " be proposed from {when}.",
                params={"when": when(opens)},
                possible_from=opens,
            )

    # -- hopes ------------------------------------------------------------------------

    def write_hopes(self, plan_id: uuid.UUID, *, actor: PersonId, words: str) -> TherapyPlan:
        """Write (or rewrite) what one hopes for, in private: nobody is told."""
        return self._make(plan_id, actor, "write_hopes", words=words)

    def set_hopes(self, plan_id: uuid.UUID, *, actor: PersonId) -> TherapyPlan:
        """Set one's hopes: once both are set, both are revealed to both together."""
        return self._make(plan_id, actor, "set_hopes")

    # -- changes both agree to ----------------------------------------------------------

    def propose_schedule(
        self,
        plan_id: uuid.UUID,
        *,
        actor: PersonId,
        start: datetime,
        every_weeks: int,
        count: int,
    ) -> TherapyPlan:
        """Propose *count* sessions: the first at *start*, then one every *every_weeks* weeks."""
        return self._make(
            plan_id, actor, "propose_schedule", start=start, every_weeks=every_weeks, count=count
        )

    def propose_reschedule(
        self, plan_id: uuid.UUID, *, actor: PersonId, session: int, start: datetime
    ) -> TherapyPlan:
        """Propose moving session number *session* (still to come) to *start*."""
        return self._make(plan_id, actor, "propose_reschedule", session=session, start=start)

    def propose_finish(self, plan_id: uuid.UUID, *, actor: PersonId) -> TherapyPlan:
        """Propose finishing the plan; it finishes once the other agrees."""
        return self._make(plan_id, actor, "propose_finish")

    def agree_change(self, plan_id: uuid.UUID, *, actor: PersonId) -> TherapyPlan:
        """Agree to the change awaiting one's answer (the partner asked): it holds now."""
        return self._make(plan_id, actor, "agree_change")

    def note_missed(self, plan_id: uuid.UUID, *, actor: PersonId, session: int) -> TherapyPlan:
        """Note past session number *session* as missed: nobody is named, nobody is told."""
        return self._make(plan_id, actor, "note_missed", session=session)

    # -- resuming ---------------------------------------------------------------------

    def propose_resume(
        self, plan_id: uuid.UUID, *, actor: PersonId, facilitator_id: uuid.UUID
    ) -> TherapyPlan:
        """Propose resuming a paused plan with the third person *facilitator_id*.

        Raises:
            InvalidInput: *facilitator_id* names no third person taking part now.
        """
        plan = self._visible(plan_id, actor)
        facilitator = self._facilitator(facilitator_id, plan.relationship_id)
        return self._make(plan_id, actor, "propose_resume", facilitator_id=facilitator.id)

    def agree_resume(self, plan_id: uuid.UUID, *, actor: PersonId) -> TherapyPlan:
        """Agree to resume (the partner asked): the plan goes ahead again.

        Raises:
            NotAllowedNow: the third person proposed no longer takes part.
        """
        plan = self._visible(plan_id, actor)
        change = plan.change
        if change is not None and change.facilitator_id is not None:
            try:
                self._facilitator(change.facilitator_id, plan.relationship_id)
            except InvalidInput:
                raise NotAllowedNow(
                    kind=TherapyPlan.WORKFLOW.name,
                    action="agree_resume",
                    state=plan.state.value,
                    allowed=self._open_moves(
                        plan, check_person_id(actor, "actor"), self._runner.now()
                    ),
                    reason="The third person proposed no longer takes part; the plan stays"
                    " paused until you both resume it with one who does.",
                ) from None
        return self._make(plan_id, actor, "agree_resume")

    # -- the calendar -----------------------------------------------------------------

    def calendar(self, plan_id: uuid.UUID, *, actor: PersonId) -> bytes:
        """Return the agreed sessions yet to come as iCalendar (RFC 5545) bytes.

        Written by the check-in calendar's writer (`repairkit.checkins.calendar`): one
        event per session, titled "Therapy plan: session 2", with no free text and no
        person's id; a session's UID stays the same when both agree to move it. Missed
        and past sessions are no part of it.

        Raises:
            NotAllowedNow: no schedule is agreed.
            CalendarUnavailable: the optional icalendar package is not installed
                (``pip install repairkit[calendar]``).
        """
        plan = self._as_seen(self._visible(plan_id, actor), check_person_id(actor, "actor"))
        now = self._runner.now()
        if plan.schedule is None:
            raise NotAllowedNow(
                kind=TherapyPlan.WORKFLOW.name,
                action="calendar",
                state=plan.state.value,
                allowed=self._open_moves(plan, actor, now),
                reason="Only an agreed schedule of sessions can be exported as a calendar.",
            )
        sessions = [
            Upcoming(workflow="therapy plan", id=plan.id, deadline=f"session {number}", at=at)
            for number, at in enumerate(plan.sessions(), 1)
            if at > now and number not in plan.schedule.missed
        ]
        return deadlines_calendar(sessions, time_zone=plan.time_zone, now=now)

    # -- what a third person reads ----------------------------------------------------

    def couple_progress(
        self, relationship_id: uuid.UUID, *, partners: tuple[PersonId, PersonId]
    ) -> list[ProgressLine]:
        """Return the couple's lines of ``kit.progress``: the same to both, never one's own.

        A partner's own lines (their acts, read by them alone) are never part of it, nor
        anything counted for one partner apart (``kit.facilitators.shared``, "progress").
        """
        first, second = (progress_of(self._runner, relationship_id, actor=p) for p in partners)
        return [line for line in first.lines if line in second.lines]

    def shared_plan(
        self, relationship_id: uuid.UUID, *, partners: tuple[PersonId, PersonId]
    ) -> list[SharedPlan]:
        """Return the relationship's open plans as both partners read them, with no author.

        Hopes show only once revealed to both, in the order of their words; nothing
        tells who wrote which, or when (``kit.facilitators.shared``, "therapy plan").
        """
        plans = self._runner.repository.load_all(
            TherapyPlan, relationship_id, states=[state.value for state in OPEN]
        )
        found = []
        for plan in plans:
            first, second = (self._as_seen(plan, p) for p in partners)
            hopes = tuple(sorted(h.words for h in first.hopes if h in second.hopes))
            found.append(
                SharedPlan(
                    state=plan.state.value,
                    hopes=hopes if plan.revealed else (),
                    sessions=plan.sessions(),
                    missed=() if plan.schedule is None else plan.schedule.missed,
                )
            )
        return found
