"""A joint review: the two partners look back together at the log entries they shared.

Either partner proposes a review over a period (a first and a last day, in the couple's
time zone); it opens once the other agrees, and a no is neutral and counted nowhere.
While it is open, both read its patterns (`JointReviewCommands.patterns`: computed from
the entries shared inside the period, across both partners, never split by person) and
write takeaways in their own words. The library never copies an entry's words into a
takeaway: a takeaway is what a partner writes. Either partner closes it, neutrally.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta
from typing import ClassVar

import attrs

from repairkit.connectionlog.events import ReviewProposed, TakeawayAdded
from repairkit.connectionlog.moments import check_day
from repairkit.connectionlog.rules import ReviewRules
from repairkit.connectionlog.table import AWAITED, PROPOSER, REVIEW_WORKFLOW, ReviewState
from repairkit.core.engine import EITHER_PARTNER, REPAIRKIT, Role, Workflow
from repairkit.core.entity import WorkflowObject
from repairkit.core.settings import SETTING_IN_FORCE
from repairkit.core.values import SYSTEM, PersonId, check_instant, check_text, new_id
from repairkit.errors import InvalidInput, NotAllowedNow

__all__ = ["JointReview", "Takeaway"]

_R = ReviewState


@attrs.frozen(kw_only=True)
class Takeaway:
    """One takeaway of a review, in the words of the partner who wrote it."""

    number: int
    """Its number in the review, from 1."""
    words: str


@attrs.define(eq=False, kw_only=True)
class JointReview(WorkflowObject):
    """A review of the shared log over a period, proposed by one partner to the other."""

    WORKFLOW: ClassVar[Workflow] = REVIEW_WORKFLOW

    id: uuid.UUID
    relationship_id: uuid.UUID
    proposer: PersonId
    partner: PersonId
    rules: ReviewRules = attrs.field(factory=ReviewRules, metadata=SETTING_IN_FORCE)
    """The relationship's rules in force, given whenever it is read (never stored)."""
    created_at: datetime
    period_start: date
    """The first day the review looks back over (the couple's time zone)."""
    period_end: date
    """The last day it looks back over."""
    takeaways: tuple[Takeaway, ...] = ()
    state: ReviewState = ReviewState.PROPOSED
    version: int = 0
    changed_at: datetime | None = None

    @property
    def participants(self) -> tuple[PersonId, PersonId]:
        """The proposer and the partner."""
        return (self.proposer, self.partner)

    def roles_of(self, actor: PersonId) -> frozenset[Role]:
        """Return the roles *actor* plays: proposer, the partner awaited, either partner."""
        if actor == SYSTEM:
            return frozenset({REPAIRKIT})
        if not self.visible_to(actor):
            return frozenset()
        roles = {EITHER_PARTNER}
        if actor == self.proposer:
            roles.add(PROPOSER)
        elif self.state is _R.PROPOSED:
            roles.add(AWAITED)
        return frozenset(roles)

    def asked(self) -> tuple[PersonId, ...]:
        """The partner whose answer is awaited, while it is proposed."""
        return (self.partner,) if self.state is _R.PROPOSED else ()

    def can_make(self, trigger: str, actor: PersonId, at: datetime) -> bool:
        """Drop a takeaway once the review holds as many as its rules allow."""
        if trigger == "add_takeaway" and len(self.takeaways) >= self.rules.max_takeaways:
            return False
        return super().can_make(trigger, actor, at)

    @classmethod
    def propose(
        cls,
        *,
        relationship_id: uuid.UUID,
        proposer: PersonId,
        partner: PersonId,
        period_start: object,
        period_end: object,
        today: date,
        rules: ReviewRules,
        at: datetime,
    ) -> tuple[JointReview, ReviewProposed]:
        """Propose to review the shared log from *period_start* to *period_end* together.

        The period ends today at the latest and spans at most `ReviewRules.max_period_weeks`.
        """
        at = check_instant(at, "at")
        first = check_day(period_start, "period_start")
        last = check_day(period_end, "period_end")
        if last < first:
            raise InvalidInput("period_end", "comes before period_start; swap them.")
        if last > today:
            raise InvalidInput("period_end", "is a day that has not come yet; a review looks back.")
        if last - first >= timedelta(weeks=rules.max_period_weeks):
            raise InvalidInput(
                "period_start",
                f"is too far back: a review spans {rules.max_period_weeks} weeks at most.",
            )
        review = cls(
            id=new_id(),
            relationship_id=relationship_id,
            proposer=proposer,
            partner=partner,
            rules=rules,
            created_at=at,
            period_start=first,
            period_end=last,
            version=1,
        )
        return review, review._event(ReviewProposed, proposer, at, None)

    def add_takeaway(self, *, actor: PersonId, at: datetime, words: object) -> TakeawayAdded:
        """Write a takeaway (either partner, while it is open), in one's own words."""
        at = self._begin("add_takeaway", actor, at)
        if not self.can_make("add_takeaway", actor, at):
            raise NotAllowedNow(
                kind=self.WORKFLOW.name,
                action="add_takeaway",
                state=self.state.value,
                allowed=self.moves_open_to(actor, at),
                reason="This review holds as many takeaways as it can.",
            )
        if not isinstance(words, str):
            raise InvalidInput("words", "is not text; it takes text.")
        text = check_text(words, "words", max_length=self.rules.max_text_length) or ""
        before = self._fire("add_takeaway", at)
        number = len(self.takeaways) + 1
        self.takeaways = (*self.takeaways, Takeaway(number=number, words=text))
        return self._event(TakeawayAdded, actor, at, before, takeaway=number)

    def takeaway(self, number: object) -> Takeaway:
        """Return takeaway number *number*, or raise `InvalidInput`."""
        if not isinstance(number, int) or isinstance(number, bool):
            raise InvalidInput("takeaway", "needs the number of one of the review's takeaways.")
        for takeaway in self.takeaways:
            if takeaway.number == number:
                return takeaway
        raise InvalidInput("takeaway", "names no takeaway of this review.")
