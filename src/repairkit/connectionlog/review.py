"""A joint review: the two partners look back together at the log entries they shared.

Either partner proposes a review over a period (a first and a last day, in the couple's
time zone); it opens once the other agrees, and a no is neutral and counted nowhere.
While it is open, both read its patterns (`JointReviewCommands.patterns`: computed from
the entries shared inside the period, across both partners, never split by person) and
write takeaways in their own words, each at most their share
(`ReviewRules.max_takeaways_each`), and remove their own while it is open (numbers are
never used again). The library never copies an entry's words into a takeaway: a
takeaway is what a partner writes. Either partner closes it, neutrally. A proposal the
other has not answered within `ReviewRules.answer_days` lapses, counted nowhere.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta
from typing import ClassVar

import attrs

from repairkit.connectionlog.events import ReviewProposed, TakeawayAdded, TakeawayRemoved
from repairkit.connectionlog.moments import check_day
from repairkit.connectionlog.rules import ReviewRules
from repairkit.connectionlog.table import (
    AWAITED,
    PROPOSER,
    REVIEW_WORKFLOW,
    TAKEAWAY_AUTHOR,
    ReviewState,
)
from repairkit.core.engine import EITHER_PARTNER, REPAIRKIT, Role, Workflow
from repairkit.core.entity import WorkflowObject
from repairkit.core.settings import SETTING_IN_FORCE
from repairkit.core.values import SYSTEM, PersonId, check_instant, check_text, new_id
from repairkit.errors import InvalidInput, NotAllowedNow, NotPermitted

__all__ = ["JointReview", "Takeaway"]

_R = ReviewState


@attrs.frozen(kw_only=True)
class Takeaway:
    """One takeaway of a review, in the words of the partner who wrote it."""

    number: int
    """Its number in the review, from 1; a removed one's number is not used again."""
    words: str
    author: PersonId | None = None
    """The partner who wrote it (None for one kept before authors were: nobody removes it)."""


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
    takeaways_written: int = 0
    """How many takeaways were ever written, removed ones included: numbers go on from it."""
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
        if self.written_by(actor):
            roles.add(TAKEAWAY_AUTHOR)
        return frozenset(roles)

    def written_by(self, person: PersonId) -> tuple[Takeaway, ...]:
        """The takeaways *person* wrote that the review holds now."""
        return tuple(t for t in self.takeaways if t.author == person)

    @property
    def lapses_at(self) -> datetime | None:
        """When the proposal lapses unanswered (`ReviewRules.answer_days`), while proposed."""
        if self.state is not _R.PROPOSED:
            return None
        return self.created_at + timedelta(days=self.rules.answer_days)

    def asked(self) -> tuple[PersonId, ...]:
        """The partner whose answer is awaited, while it is proposed."""
        return (self.partner,) if self.state is _R.PROPOSED else ()

    def can_make(self, trigger: str, actor: PersonId, at: datetime) -> bool:
        """Drop adding a takeaway once the review, or *actor*'s share of it, is full."""
        if trigger == "add_takeaway" and self._takeaways_full(actor) is not None:
            return False
        return super().can_make(trigger, actor, at)

    def _takeaways_full(self, actor: PersonId) -> str | None:
        """Why *actor* can write no more takeaways here, or None while they can."""
        if len(self.takeaways) >= self.rules.max_takeaways:
            return "This review holds as many takeaways as it can."
        if len(self.written_by(actor)) >= self.rules.max_takeaways_each:
            return (
                "You have written your share of this review's takeaways; the rest are"
                " kept for your partner. Removing one of yours makes room."
            )
        return None

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
                "is too far back: a review spans {weeks} weeks at most.",
                weeks=rules.max_period_weeks,
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
        full = self._takeaways_full(actor)
        if full is not None:
            raise NotAllowedNow(
                kind=self.WORKFLOW.name,
                action="add_takeaway",
                state=self.state.value,
                allowed=self.moves_open_to(actor, at),
                reason=full,
            )
        if not isinstance(words, str):
            raise InvalidInput("words", "is not text; it takes text.")
        text = check_text(words, "words", max_length=self.rules.max_text_length) or ""
        before = self._fire("add_takeaway", at)
        numbers = [self.takeaways_written, *(t.number for t in self.takeaways)]
        number = max(numbers) + 1
        self.takeaways = (*self.takeaways, Takeaway(number=number, words=text, author=actor))
        self.takeaways_written = number
        return self._event(TakeawayAdded, actor, at, before, takeaway=number)

    def remove_takeaway(
        self, *, actor: PersonId, at: datetime, takeaway: object
    ) -> TakeawayRemoved:
        """Remove a takeaway *actor* wrote (while it is open); its number is not used again.

        Raises:
            InvalidInput: *takeaway* names no takeaway of the review.
            NotPermitted: the other partner wrote it (or nobody is known to have).
        """
        at = self._begin("remove_takeaway", actor, at)
        found = self.takeaway(takeaway)
        if found.author != actor:
            raise NotPermitted(
                "A takeaway is removed by the partner who wrote it; yours are yours to remove.",
                actor=actor,
                action="remove_takeaway",
                allowed=self.moves_open_to(actor, at),
            )
        before = self._fire("remove_takeaway", at)
        self.takeaways = tuple(t for t in self.takeaways if t.number != found.number)
        return self._event(TakeawayRemoved, actor, at, before, takeaway=found.number)

    def takeaway(self, number: object) -> Takeaway:
        """Return takeaway number *number*, or raise `InvalidInput`."""
        if not isinstance(number, int) or isinstance(number, bool):
            raise InvalidInput("takeaway", "needs the number of one of the review's takeaways.")
        for takeaway in self.takeaways:
            if takeaway.number == number:
                return takeaway
        raise InvalidInput("takeaway", "names no takeaway of this review.")
