"""The Assignment workflow's commands, reached as ``kit.assignments``."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Any, ClassVar

import attrs

from repairkit.assignments.model import Assignment
from repairkit.assignments.queries import (
    CATEGORY,
    PROPOSED_KEY,
    WORDS_KEY,
    invited_facilitator,
    next_day,
    open_for,
    proposed_key,
    words_key,
)
from repairkit.assignments.rules import AssignmentRules
from repairkit.assignments.table import AssignmentState
from repairkit.commands import Precondition, WorkflowCommands
from repairkit.core.events import DomainEvent
from repairkit.core.relationship import Relationship
from repairkit.core.settings import zone
from repairkit.core.suggestions import when
from repairkit.core.values import PersonId, check_id, check_person_id
from repairkit.errors import InvalidInput, NotAllowedNow, NotFound

__all__ = ["AssignmentCommands", "SharedPractice"]

_S = AssignmentState


@attrs.frozen(kw_only=True)
class SharedPractice:
    """What the third person reads of a practice under way: no attempts, no authors."""

    id: uuid.UUID
    assignee: PersonId
    words: str
    started_on: date
    """The couple's calendar day it started on."""
    ends_on: date | None
    """The couple's calendar day its time box ends on."""
    debriefs: tuple[tuple[str | None, str | None], ...]
    """Each debrief's (what worked, what to adjust), oldest first, with no author."""


def _day(at: datetime, time_zone: str) -> date:
    return at.astimezone(zone(time_zone)).date()


def _refuse(obj: Assignment | None, action: str, reason: str, **more: Any) -> NotAllowedNow:  # noqa: ANN401
    return NotAllowedNow(
        kind=Assignment.WORKFLOW.name,
        action=action,
        state="" if obj is None else obj.state.value,
        allowed=(),
        reason=reason,
        **more,
    )


class AssignmentCommands(WorkflowCommands[Assignment]):
    """Practice between sessions: proposed for a partner, started only by their yes.

    Reach it as ``kit.assignments``. The third person taking part in the couple's
    check-ins (`kit.facilitators`) or either partner proposes (`propose`); the partner it
    is for accepts or declines; they record their own attempts and end it alone; either
    partner (and the third person, while both partners share "assignments" with them)
    debriefs, celebrates a small step, and closes it at the session's review.
    """

    entity = Assignment

    def propose(
        self,
        relationship_id: uuid.UUID,
        *,
        actor: PersonId,
        words: str,
        assignee: PersonId | None = None,
        days: int | None = None,
    ) -> Assignment:
        """Propose a practice for *assignee* (the other partner if None; oneself is fine too).

        *words* say what to practise ("practise reflective listening once a day"); *days*
        is its time box once accepted (`AssignmentRules.default_days` if None). The third
        person taking part in the couple's check-ins may propose one for either partner.

        Raises:
            NotFound: *actor* is neither partner nor the third person taking part now.
            InvalidInput: *assignee* is no partner; *words* are empty or too long; *days*
                is out of bounds.
            NotAllowedNow: the assignee has as many practices under way as the rules
                allow; *actor* proposed as many as the rules allow today; or the same
                practice was answered with a no a short while ago.
        """
        actor = check_person_id(actor, "actor")
        relationship, third = self._proposer(relationship_id, actor)
        partners = relationship.partners
        if assignee is None and third:
            raise InvalidInput("assignee", "is needed: name the partner the practice is for.")
        chosen = relationship.other_partner(actor) if assignee is None else assignee
        if chosen not in partners:
            raise InvalidInput("assignee", "names no partner in this relationship.")
        rules = relationship.settings.of(AssignmentRules)
        now = self._runner.now()
        facilitator = invited_facilitator(self._runner.repository, relationship.id)
        assignment, event = Assignment.propose(
            relationship_id=relationship.id,
            partners=(partners[0], partners[1]),
            proposer=actor,
            assignee=chosen,
            facilitator=None if facilitator is None else facilitator.person,
            words=words,
            days=days,
            rules=rules,
            time_zone=relationship.settings.time_zone,
            at=now,
        )
        self._check_room(assignment, "propose")
        self._check_daily(assignment, actor)
        self._check_reask_wait(assignment, actor, now)
        return self._add(assignment, event)

    def _proposer(self, relationship_id: uuid.UUID, actor: PersonId) -> tuple[Relationship, bool]:
        """Return the relationship, and whether *actor* proposes as the third person."""
        relationship = self._runner.repository.load(
            Relationship, check_id(relationship_id, "relationship_id")
        )
        if actor in relationship.partners:
            return self._relationship_for(relationship.id, actor, "propose a practice"), False
        facilitator = invited_facilitator(self._runner.repository, relationship.id)
        if facilitator is None or facilitator.person != actor:
            raise NotFound("relationship", relationship.id)
        relationship.check_active("propose a practice")
        return relationship, True

    def _check_room(self, assignment: Assignment, action: str) -> None:
        """Refuse a practice past the bound on practices under way for one person."""
        under_way = [
            a
            for a in open_for(
                self._runner.repository, assignment.relationship_id, assignment.assignee
            )
            if a.id != assignment.id
        ]
        most = assignment.rules.max_open
        if len(under_way) >= most:
            raise _refuse(
                assignment if action == "accept" else None,
                action,
                "Up to {most} practices can be under way for one person at a time;"
                " one can end first. Practice stays light.",
                params={"most": most},
            )

    def _check_daily(self, assignment: Assignment, actor: PersonId) -> None:
        """Refuse a proposal past the day's bound on proposals of one person."""
        day = assignment.proposed_on
        made = self._runner.repository.load_keyed(
            Assignment, assignment.relationship_id, PROPOSED_KEY, proposed_key(actor, day)
        )
        most = assignment.rules.daily_proposals
        if len(made) >= most:
            opens = next_day(day, assignment.time_zone)
            raise _refuse(
                None,
                "propose",
                "Up to {most} practices can be proposed in a day; the next one can be"
                " proposed from {when}.",
                possible_from=opens,
                params={"most": most, "when": when(opens)},
            )

    def _check_reask_wait(self, assignment: Assignment, actor: PersonId, now: datetime) -> None:
        """Make *actor* wait, after a no, before proposing the same practice once more."""
        wait = timedelta(hours=assignment.rules.reask_wait_hours)
        if not wait:
            return
        declined = self._runner.repository.load_keyed(
            Assignment,
            assignment.relationship_id,
            WORDS_KEY,
            words_key(assignment.assignee, assignment.words),
            states=[_S.DECLINED.value],
        )
        nos = [
            other.changed_at + wait
            for other in declined
            if other.proposer == actor
            and other.changed_at is not None
            and now < other.changed_at + wait
        ]
        if nos:
            opens = max(nos)
            raise _refuse(
                None,
                "propose",
                "This practice was answered with a no a short while ago; it can be proposed"
                " from {when}.",
                possible_from=opens,
                params={"when": when(opens)},
            )

    # -- answering and practising -----------------------------------------------------------

    def accept(self, assignment_id: uuid.UUID, *, actor: PersonId) -> Assignment:
        """Take the practice on (the partner it is for): its time box starts now."""
        return self._make(assignment_id, actor, "accept")

    def attempt(
        self, assignment_id: uuid.UUID, *, actor: PersonId, note: str | None = None
    ) -> Assignment:
        """Record an attempt of one's own (the partner practising), with a short note if liked.

        Only the partner practising records their attempts; a day with none is nothing.
        """
        return self._make(assignment_id, actor, "attempt", note=note)

    def debrief(
        self,
        assignment_id: uuid.UUID,
        *,
        actor: PersonId,
        worked: str | None = None,
        adjust: str | None = None,
    ) -> Assignment:
        """Write what worked and what to adjust (at least one), after an attempt."""
        return self._make(assignment_id, actor, "debrief", worked=worked, adjust=adjust)

    def remove_debrief(
        self, assignment_id: uuid.UUID, *, actor: PersonId, debrief: int
    ) -> Assignment:
        """Take one's own debrief number *debrief* out (its author only)."""
        return self._make(assignment_id, actor, "remove_debrief", debrief=debrief)

    def celebrate(self, assignment_id: uuid.UUID, *, actor: PersonId) -> Assignment:
        """Celebrate a small step: an appreciation reaches the partner practising (no score)."""
        return self._make(assignment_id, actor, "celebrate")

    # -- the third person --------------------------------------------------------------------

    def _third_person_reads(self, obj: Assignment, actor: PersonId) -> bool:
        """Return whether *actor*, if not a partner, is the third person who may read it now.

        They take part now, and, once it started, both partners share "assignments".
        """
        if actor in obj.partners:
            return True
        facilitator = invited_facilitator(self._runner.repository, obj.relationship_id)
        if facilitator is None or facilitator.person != actor or obj.facilitator != actor:
            return False
        return not obj.started or CATEGORY in facilitator.scope

    def _third_person_check(self, obj: Assignment, actor: PersonId, now: datetime) -> None:
        del now
        if not self._third_person_reads(obj, actor):
            raise NotFound(obj.WORKFLOW.name, obj.id, noun=obj.WORKFLOW.noun)

    def _check_accept(self, obj: Assignment, actor: PersonId, now: datetime) -> None:
        del actor, now
        self._check_room(obj, "accept")

    preconditions: ClassVar[Mapping[str, Precondition]] = {
        "accept": _check_accept,
        **dict.fromkeys(
            ("withdraw", "debrief", "remove_debrief", "celebrate", "review"), _third_person_check
        ),
    }

    def _listed(self, obj: Assignment, actor: PersonId, now: datetime) -> bool:
        """The object's own rule, and for the third person, that they may read it now."""
        return super()._listed(obj, actor, now) and self._third_person_reads(obj, actor)

    def events(self, id: uuid.UUID, *, actor: PersonId) -> list[DomainEvent]:
        """Return the events *actor* may see; the third person sees only their own moves.

        Who attempted, debriefed or celebrated when is the partners' own.
        """
        seen = super().events(id, actor=actor)
        obj = self._visible(id, actor)
        if actor in obj.partners:
            return seen
        return [event for event in seen if event.actor == actor]

    def under_way(
        self, relationship_id: uuid.UUID, *, partners: tuple[str, str]
    ) -> list[SharedPractice]:
        """Return the practices under way, as both partners may see them (the shared read).

        No attempt, no count and no author: what is practised, by whom, since when, and
        the debriefs' words.
        """
        found = [
            a
            for person in sorted(partners)
            for a in open_for(self._runner.repository, relationship_id, person)
        ]
        found.sort(key=lambda a: (a.started_at or a.created_at, str(a.id)))
        return [
            SharedPractice(
                id=a.id,
                assignee=a.assignee,
                words=a.words,
                started_on=_day(a.started_at or a.created_at, a.time_zone),
                ends_on=None if a.ends_at is None else _day(a.ends_at, a.time_zone),
                debriefs=tuple((d.worked, d.adjust) for d in a.debriefs),
            )
            for a in found
        ]
