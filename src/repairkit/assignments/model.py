"""Practice between sessions: one partner practises something, by their own yes.

The practice (docs/practices.md, "Practice between sessions"): "one partner might
practise reflective listening, while the other experiments with sharing vulnerability".
The third person taking part in the couple's check-ins (`repairkit.facilitators`), or
either partner, proposes a practice for one of the partners (a partner may propose one
for themself, which is their own yes). It starts only once the partner it is for (the
assignee) accepts it; their no is neutral, counted nowhere and shown to nobody else.
Until they accept, it says nothing about them: the other partner does not see it.

The assignee records their own attempts (the couple's calendar day, a short note if they
like); an attempt not made is nothing at all (no streak, nothing "missed"). After an
attempt, either partner (and the third person, while both share practice with them)
writes a debrief of their own: what worked, what to adjust. A small step can be
celebrated: an appreciation reaches the assignee, with no score. It ends by its time box,
by the assignee alone at any time, or at the session's review.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta
from typing import ClassVar, Self

import attrs

from repairkit.assignments.events import (
    AssignmentAccepted,
    AssignmentCelebrated,
    AssignmentDebriefed,
    AssignmentProposed,
    AssignmentTakenOn,
    AttemptRecorded,
    DebriefRemoved,
)
from repairkit.assignments.rules import AssignmentRules
from repairkit.assignments.table import (
    ASSIGNEE,
    ASSIGNMENT_WORKFLOW,
    AUTHOR,
    DEBRIEFER,
    ENCOURAGER,
    PROPOSER,
    REVIEWER,
    AssignmentState,
)
from repairkit.core.engine import REPAIRKIT, Role, Workflow
from repairkit.core.entity import WorkflowObject
from repairkit.core.events import DomainEvent
from repairkit.core.settings import SETTING_IN_FORCE, zone
from repairkit.core.values import SYSTEM, PersonId, check_instant, check_text, new_id
from repairkit.errors import InvalidInput, NotAllowedNow

__all__ = ["Assignment", "Attempt", "Debrief", "check_days"]

_S = AssignmentState
_LONGEST_DAYS = 90
"""The longest time box any rules allow (`AssignmentRules.max_days`), in days."""

_WHY_NOT = {
    "attempt": "This practice keeps as many attempts as your rules allow.",
    "debrief": "A debrief follows an attempt; this practice keeps as many debriefs as your"
    " rules allow, and taking one of one's own out makes room.",
    "celebrate": "A celebration follows a new attempt.",
}


@attrs.frozen(kw_only=True)
class Attempt:
    """An attempt the assignee recorded: their calendar day, and a note if they wrote one."""

    day: date
    """The couple's calendar day it was recorded on (never the time of day)."""
    note: str | None = None
    celebrated: bool = False
    """Whether a celebration has followed it (no score: a step noticed, nothing more)."""


@attrs.frozen(kw_only=True)
class Debrief:
    """What worked and what to adjust, in its author's words: theirs alone to take out."""

    number: int
    author: PersonId | None
    """Who wrote it (None in the third person's view of someone else's)."""
    worked: str | None = None
    adjust: str | None = None
    day: date


def check_days(value: object, rules: AssignmentRules) -> int:
    """Return *value* as a time box in days (the rules' default for None), or refuse it."""
    if value is None:
        return rules.default_days
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= rules.max_days:
        raise InvalidInput(
            "days", "needs a whole number of days from 1 to {most}.", most=rules.max_days
        )
    return value


@attrs.define(eq=False, kw_only=True)
class Assignment(WorkflowObject):
    """A practice between sessions, for one partner (the assignee), by their own yes."""

    WORKFLOW: ClassVar[Workflow] = ASSIGNMENT_WORKFLOW

    id: uuid.UUID
    relationship_id: uuid.UUID
    partners: tuple[PersonId, PersonId]
    """The two partners of the relationship."""
    assignee: PersonId
    """The partner the practice is for: it starts only with their yes."""
    proposer: PersonId | None
    """Who proposed it: a partner, or the third person (None in the third person's view
    of a partner's proposal)."""
    facilitator: PersonId | None = None
    """The third person taking part in the couple's check-ins when it was proposed, if any:
    they may act on it only while both partners share practice with them (checked at
    each read by its commands)."""
    words: str
    """What to practise, in the proposer's words."""
    days: int
    """How many days its time box runs once accepted."""
    rules: AssignmentRules = attrs.field(factory=AssignmentRules, metadata=SETTING_IN_FORCE)
    """The relationship's rules in force, given whenever it is read (never stored)."""
    time_zone: str = attrs.field(default="UTC", metadata=SETTING_IN_FORCE)
    """The couple's time zone in force (their calendar day), given whenever it is read."""
    created_at: datetime
    proposed_on: date
    """The couple's calendar day it was proposed on (the daily bound on proposals)."""
    state: AssignmentState = AssignmentState.PROPOSED
    version: int = 0
    started_at: datetime | None = None
    """When the assignee said yes: its time box runs from here."""
    attempts: tuple[Attempt, ...] = ()
    debriefs: tuple[Debrief, ...] = ()
    next_debrief: int = 1
    changed_at: datetime | None = None

    # -- who is who ---------------------------------------------------------------

    @property
    def participants(self) -> tuple[PersonId, ...]:
        """Both partners, and the third person it names, if any."""
        third = () if self.facilitator in (None, *self.partners) else (self.facilitator,)
        return (*self.partners, *third)

    @property
    def started(self) -> bool:
        """Return whether the assignee said yes (a practice for oneself: at once)."""
        return self.started_at is not None

    @property
    def private_to(self) -> PersonId | None:
        """The assignee, while the third person's proposal awaits them (or went unanswered).

        Its events then reach no partner's list but theirs: the other partner learns
        nothing of a proposal, nor of a no to it.
        """
        if self.started or self.proposer in self.partners:
            return None
        return self.assignee

    def visible_to(self, person: PersonId) -> bool:
        """The proposer and the assignee; once started, both partners and the third person."""
        if person in (self.assignee, self.proposer):
            return True
        return self.started and person in self.participants

    def seen_by(self, person: PersonId) -> Self:
        """Return it as *person* may see it: the third person reads no partner as an author.

        The other partner of a third person's proposal reads it from the yes on (its
        creation and the day it was proposed read as the yes): when it was proposed, and
        so how long an answer took, stays the assignee's.
        """
        if person in self.partners:
            if person in (self.proposer, self.assignee) or self.started_at is None:
                return self
            started = self.started_at.astimezone(zone(self.time_zone)).date()
            return attrs.evolve(self, created_at=self.started_at, proposed_on=started)
        first, second = sorted(self.partners)
        return attrs.evolve(
            self,
            partners=(first, second),
            proposer=self.proposer if self.proposer == person else None,
            debriefs=tuple(
                d if d.author == person else attrs.evolve(d, author=None) for d in self.debriefs
            ),
        )

    def version_seen_by(self, person: PersonId) -> int:
        """The version everyone who reads it knows."""
        del person
        return self.version

    def roles_of(self, actor: PersonId) -> frozenset[Role]:
        """Return the roles *actor* plays: assignee, proposer, and, once started, the others."""
        if actor == SYSTEM:
            return frozenset({REPAIRKIT})
        if not self.visible_to(actor):
            return frozenset()
        roles = set()
        if actor == self.assignee:
            roles.add(ASSIGNEE)
        if actor == self.proposer:
            roles.add(PROPOSER)
        if self.started:
            roles |= {DEBRIEFER, REVIEWER}
            if actor != self.assignee:
                roles.add(ENCOURAGER)
        if any(d.author == actor for d in self.debriefs):
            roles.add(AUTHOR)
        return frozenset(roles)

    def asked(self) -> tuple[PersonId, ...]:
        """The assignee, while a proposal awaits their answer."""
        return (self.assignee,) if self.state is _S.PROPOSED else ()

    def audience(self, event: DomainEvent) -> tuple[PersonId, ...]:
        """The partners who may see it, but the actor; the third person, of a yes to theirs.

        The third person reads the rest within the partners' consent, and hears nothing.
        """
        people = [p for p in self.partners if p != event.actor and self.visible_to(p)]
        if isinstance(event, AssignmentAccepted) and self.facilitator == self.proposer:
            people += [p for p in self.participants if p == self.proposer and p not in people]
        return tuple(people)

    # -- time ---------------------------------------------------------------------------

    @property
    def ends_at(self) -> datetime | None:
        """When its time box ends: `days` after the yes (None before it)."""
        if self.started_at is None:
            return None
        return self.started_at + timedelta(days=max(1, min(self.days, _LONGEST_DAYS)))

    def _day(self, at: datetime) -> date:
        return at.astimezone(zone(self.time_zone)).date()

    # -- what is open now ----------------------------------------------------------------

    def can_make(self, trigger: str, actor: PersonId, at: datetime) -> bool:
        """Leave out what the rules' bounds or the lack of an attempt rule out now."""
        if trigger in _WHY_NOT and self._refusal(trigger) is not None:
            return False
        return super().can_make(trigger, actor, at)

    def _refusal(self, trigger: str) -> str | None:
        if trigger == "attempt" and len(self.attempts) >= self.rules.max_attempts:
            return _WHY_NOT[trigger]
        if trigger == "debrief" and (
            not self.attempts or len(self.debriefs) >= self.rules.max_debriefs
        ):
            return _WHY_NOT[trigger]
        if trigger == "celebrate" and all(a.celebrated for a in self.attempts):
            return _WHY_NOT[trigger]
        return None

    def _check_open(self, trigger: str, actor: PersonId, at: datetime) -> None:
        reason = self._refusal(trigger)
        if reason is not None:
            raise NotAllowedNow(
                kind=self.WORKFLOW.name,
                action=trigger,
                state=self.state.value,
                allowed=self.moves_open_to(actor, at),
                reason=reason,
            )

    # -- proposing and answering ----------------------------------------------------------

    @classmethod
    def propose(
        cls,
        *,
        relationship_id: uuid.UUID,
        partners: tuple[PersonId, PersonId],
        proposer: PersonId,
        assignee: PersonId,
        facilitator: PersonId | None,
        words: object,
        days: object,
        rules: AssignmentRules,
        time_zone: str,
        at: datetime,
    ) -> tuple[Assignment, AssignmentProposed | AssignmentTakenOn]:
        """Propose a practice for *assignee*; one's own proposal for oneself starts at once."""
        at = check_instant(at, "at")
        text = check_text(words, "words", max_length=rules.max_words_length)  # type: ignore[arg-type]
        assert text is not None  # noqa: S101 - not optional
        own = proposer == assignee
        assignment = cls(
            id=new_id(),
            relationship_id=relationship_id,
            partners=partners,
            assignee=assignee,
            proposer=proposer,
            facilitator=facilitator,
            words=text,
            days=check_days(days, rules),
            rules=rules,
            time_zone=time_zone,
            created_at=at,
            proposed_on=at.astimezone(zone(time_zone)).date(),
            state=_S.ACTIVE if own else _S.PROPOSED,
            started_at=at if own else None,
            version=1,
        )
        if own:
            return assignment, assignment._event(AssignmentTakenOn, proposer, at, None)
        return assignment, assignment._event(AssignmentProposed, proposer, at, None)

    def accept(self, *, actor: PersonId, at: datetime) -> AssignmentAccepted:
        """Take the practice on (the assignee): its time box starts now."""
        at = self._begin("accept", actor, at)
        before = self._fire("accept", at)
        self.started_at = at
        return self._event(AssignmentAccepted, actor, at, before)

    # -- practising -------------------------------------------------------------------------

    def attempt(self, *, actor: PersonId, at: datetime, note: object = None) -> AttemptRecorded:
        """Record an attempt of one's own (the assignee), on the couple's calendar day."""
        at = self._begin("attempt", actor, at)
        text = check_text(note, "note", max_length=self.rules.max_note_length, optional=True)  # type: ignore[arg-type]
        self._check_open("attempt", actor, at)
        before = self._fire("attempt", at)
        self.attempts = (*self.attempts, Attempt(day=self._day(at), note=text))
        return self._event(AttemptRecorded, actor, at, before)

    def debrief(
        self, *, actor: PersonId, at: datetime, worked: object = None, adjust: object = None
    ) -> AssignmentDebriefed:
        """Write what worked and what to adjust (at least one), as a debrief of one's own."""
        at = self._begin("debrief", actor, at)
        limit = self.rules.max_debrief_length
        good = check_text(worked, "worked", max_length=limit, optional=True)  # type: ignore[arg-type]
        change = check_text(adjust, "adjust", max_length=limit, optional=True)  # type: ignore[arg-type]
        if good is None and change is None:
            raise InvalidInput(
                "worked", "is empty, and so is adjust; a few words in one are enough."
            )
        self._check_open("debrief", actor, at)
        before = self._fire("debrief", at)
        entry = Debrief(
            number=self.next_debrief, author=actor, worked=good, adjust=change, day=self._day(at)
        )
        self.debriefs, self.next_debrief = (*self.debriefs, entry), entry.number + 1
        return self._event(AssignmentDebriefed, actor, at, before)

    def remove_debrief(self, *, actor: PersonId, at: datetime, debrief: object) -> DebriefRemoved:
        """Take one of one's own debriefs out (its author): nothing of it is kept."""
        at = self._begin("remove_debrief", actor, at)
        if not isinstance(debrief, int) or isinstance(debrief, bool):
            raise InvalidInput("debrief", "needs the number of one of your debriefs.")
        if not any(d.number == debrief and d.author == actor for d in self.debriefs):
            raise InvalidInput("debrief", "names no debrief of yours kept here.")
        before = self._fire("remove_debrief", at)
        self.debriefs = tuple(d for d in self.debriefs if d.number != debrief)
        return self._event(DebriefRemoved, actor, at, before)

    def celebrate(self, *, actor: PersonId, at: datetime) -> AssignmentCelebrated:
        """Celebrate a small step: an appreciation reaches the assignee, with no score."""
        at = self._begin("celebrate", actor, at)
        self._check_open("celebrate", actor, at)
        before = self._fire("celebrate", at)
        self.attempts = tuple(attrs.evolve(a, celebrated=True) for a in self.attempts)
        return self._event(AssignmentCelebrated, actor, at, before, assignee=self.assignee)
