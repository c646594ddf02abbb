"""A repair: the aftermath of a lapse or a regrettable incident, and what follows it.

The practice (docs/practices.md, Owning a lapse; Gottman's "Aftermath of a Fight or
Regrettable Incident"): done when both are calm, in five steps in order. Each partner
writes their own entry for the current step, private to them until they share it; a
step is done when both shared theirs (or shared "nothing to add"). In the realities
step each then summarises the other's reality and validates part of it; in the
responsibility step the receiver accepts the apology or says what they need, for a
limited number of rounds (`RepairRules.responsibility_rounds`), after which what they
need goes to the check-in as their topic and the steps go on to the plan.

What the other partner reads of a repair (`seen_by`) holds only the entries shared with
them, its version and its time counted without the moves they cannot see: an entry
written and rewritten before it is shared leaves no trace for them.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import ClassVar, Self, TypeVar

import attrs

from repairkit.core.engine import EITHER_PARTNER, REPAIRKIT, Role, Workflow
from repairkit.core.events import DomainEvent
from repairkit.core.hidden import Hidden, changed_at_seen_by, kept_for, unseen_by
from repairkit.core.settings import SETTING_IN_FORCE
from repairkit.core.values import SYSTEM, PersonId, check_instant, new_id
from repairkit.errors import NotAllowedNow
from repairkit.repairs.aftermath import Aftermath
from repairkit.repairs.entries import Entry, EntryKind, Review
from repairkit.repairs.events import (
    RepairInvited,
    RepairOwned,
)
from repairkit.repairs.links import RepairLink
from repairkit.repairs.practice import Practice
from repairkit.repairs.rules import RepairRules
from repairkit.repairs.table import (
    INVITER,
    RECEIVER,
    REPAIR_WORKFLOW,
    RESPONSIBLE,
    RepairState,
)

__all__ = ["RepairCommitment"]

Ev = TypeVar("Ev", bound=DomainEvent)

_S = RepairState
_STEP_MOVES = frozenset({"write", "share", "pass_step"})

_WHY_NOT = {
    "write": "Your entry for this step is shared already; the next step opens once both"
    " shared theirs.",
    "share": "You have no entry written for this step to share.",
    "pass_step": "Your part of this step is shared already.",
    "summarise": "A summary follows once both shared their realities, one from each.",
    "accept_apology": "The apology is answered once both shared their entries for this step.",
    "still_need": "The apology is answered once both shared their entries for this step.",
    "take_on_practice": "A practice is taken on already for this repair.",
    "mark_day": "No day of the period up to today is open to mark.",
    "not_needed_today": "No day of the period up to today is open to say that of.",
    "pause_practice": "The practice period has come to its end.",
    "review": "Your part of this review is written already.",
    "complete": "The review is complete once both wrote their part.",
    "renew": "A renewal follows once both wrote their part of the review.",
}


@attrs.define(eq=False, kw_only=True)
class RepairCommitment(Aftermath):
    """A repair of a moment between the two partners, owned by the ``responsible`` one."""

    WORKFLOW: ClassVar[Workflow] = REPAIR_WORKFLOW

    id: uuid.UUID
    relationship_id: uuid.UUID
    responsible: PersonId
    """The partner who owns the lapse."""
    receiver: PersonId
    """The other partner."""
    inviter: PersonId | None = None
    """The receiver when they invited it; None when the responsible partner owned it."""
    link: RepairLink | None = None
    """What it follows, if anything: a counted crossing, a request's mark, an item."""
    rules: RepairRules = attrs.field(factory=RepairRules, metadata=SETTING_IN_FORCE)
    """The relationship's rules in force, given whenever it is read (never stored)."""
    time_zone: str = attrs.field(default="UTC", metadata=SETTING_IN_FORCE)
    """The couple's time zone in force: the practice's days are its calendar days."""
    created_at: datetime
    state: RepairState = RepairState.INVITED
    version: int = 0
    entries: tuple[Entry, ...] = ()
    round: int = 1
    """The responsibility round: one more each time the receiver says what they need."""
    practice: Practice | None = None
    period: int = 1
    """Which practice period and review (one more after each renewal)."""
    practice_first: date | None = None
    """The first day of the practice period."""
    practice_ends_at: datetime | None = None
    """When the period ends (the start of the day after its last), while it runs."""
    skipped: tuple[date, ...] = ()
    """The days the period stayed paused the whole day: left out, its end moved by them."""
    paused_at: datetime | None = None
    marked: tuple[date, ...] = ()
    """The days the responsible partner marked."""
    not_needed: tuple[date, ...] = ()
    """The days the receiver said were not needed (not a miss)."""
    review_due_at: datetime | None = None
    """When the joint review opened (the period's end, or the plan's when no practice)."""
    reviews: tuple[Review, ...] = ()
    hidden: tuple[Hidden, ...] = ()
    shared_at: datetime | None = None
    """When the last move that nobody kept to themselves was made."""
    changed_at: datetime | None = None

    # -- who is who ---------------------------------------------------------------

    def roles_of(self, actor: PersonId) -> frozenset[Role]:
        """Return the roles *actor* plays: responsible partner, receiver, inviter, either."""
        if actor == SYSTEM:
            return frozenset({REPAIRKIT})
        if actor not in self.participants:
            return frozenset()
        roles = {EITHER_PARTNER, RESPONSIBLE if actor == self.responsible else RECEIVER}
        if actor == self.inviter:
            roles.add(INVITER)
        return frozenset(roles)

    def asked(self) -> tuple[PersonId, ...]:
        """The responsible partner, while an invitation awaits their answer."""
        return (self.responsible,) if self.state is _S.INVITED else ()

    def seen_by(self, person: PersonId) -> Self:
        """Return it as *person* may see it: the other's entries only once shared.

        Its version and time count only the moves *person* may see: writing an entry
        before sharing it leaves no trace for the other partner.
        """
        return attrs.evolve(
            self,
            entries=tuple(e for e in self.entries if e.shared or e.author == person),
            hidden=kept_for(self.hidden, person),
            version=self.version - unseen_by(self.hidden, person),
            changed_at=changed_at_seen_by(self.hidden, self.shared_at, person),
        )

    def version_seen_by(self, person: PersonId) -> int:
        """Return the version *person* knows it at, without copying it."""
        return self.version - unseen_by(self.hidden, person)

    # -- what is open -------------------------------------------------------------------

    def can_make(self, trigger: str, actor: PersonId, at: datetime) -> bool:
        """Drop the moves no input fits now (an entry shared already, a day marked, ...)."""
        both = all(self.done(p) for p in self.participants)
        if trigger in ("write", "pass_step"):
            fits = not self.done(actor)
        elif trigger == "share":
            fits = bool([e for e in self._mine(actor, EntryKind.ENTRY) if not e.shared])
        elif trigger == "summarise":
            fits = both and self.to_summarise(actor)
        elif trigger in ("accept_apology", "still_need"):
            fits = both
        else:
            fits = self.period_open(trigger, actor, at)
        return fits and super().can_make(trigger, actor, at)

    def _begin(self, trigger: str, actor: PersonId, at: datetime) -> datetime:
        """Check as every move does, then that some input fits the move now."""
        at = super()._begin(trigger, actor, at)
        if actor != SYSTEM and not self.can_make(trigger, actor, at):
            raise NotAllowedNow(
                kind=self.WORKFLOW.name,
                action=trigger,
                state=self.state.value,
                allowed=self.moves_open_to(actor, at),
                reason=_WHY_NOT.get(trigger, "Its conditions do not hold right now."),
            )
        return at

    # -- starting -------------------------------------------------------------------

    @classmethod
    def start(
        cls,
        *,
        relationship_id: uuid.UUID,
        responsible: PersonId,
        receiver: PersonId,
        inviter: PersonId | None,
        link: RepairLink | None,
        practice: Practice | None,
        rules: RepairRules,
        time_zone: str,
        at: datetime,
        id: uuid.UUID | None = None,
    ) -> tuple[RepairCommitment, RepairOwned | RepairInvited]:
        """Open a repair: owned (no inviter: in the aftermath at once) or invited.

        *id*: the id it gets, when a move made with it named it first (a consequence
        taken on records the repair it becomes); a new one otherwise.
        """
        at = check_instant(at, "at")
        repair = cls(
            id=new_id() if id is None else id,
            relationship_id=relationship_id,
            responsible=responsible,
            receiver=receiver,
            inviter=inviter,
            link=link,
            practice=practice,
            rules=rules,
            time_zone=time_zone,
            created_at=at,
            state=_S.INVITED if inviter is not None else _S.FEELINGS,
            version=1,
        )
        if inviter is not None:
            return repair, repair._event(RepairInvited, inviter, at, None)
        return repair, repair._event(RepairOwned, responsible, at, None)
