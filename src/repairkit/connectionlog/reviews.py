"""The joint review's commands, reached as ``kit.log_reviews``."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Literal

from repairkit.boundaries.commands import BoundaryCommands
from repairkit.boundaries.model import Boundary
from repairkit.commands import WorkflowCommands
from repairkit.connectionlog.moments import weeks_between
from repairkit.connectionlog.queries import ReviewPatterns, patterns_of
from repairkit.connectionlog.review import JointReview
from repairkit.connectionlog.rules import ReviewRules
from repairkit.connectionlog.table import ReviewState
from repairkit.core.values import PersonId, check_person_id
from repairkit.errors import InvalidInput, NotAllowedNow
from repairkit.requests.commands import RequestCommands
from repairkit.requests.model import Request

__all__ = ["JointReviewCommands"]

Seed = Literal["request", "boundary"]
"""What a takeaway may seed: a request draft or a boundary draft."""


class JointReviewCommands(WorkflowCommands[JointReview]):
    """Joint reviews of the shared log: proposed by one partner, open once the other agrees.

    Reach it as ``kit.log_reviews``. ``agree``, ``decline``, ``withdraw`` and ``close``
    are plain moves (``kit.log_reviews.agree(review_id, actor=...)``). While a review is
    open, both read its `patterns` and write takeaways; a takeaway can `seed` a request
    or a boundary draft of one's own.
    """

    entity = JointReview

    def propose(
        self,
        relationship_id: uuid.UUID,
        *,
        actor: PersonId,
        period_start: date,
        period_end: date,
    ) -> JointReview:
        """Propose to the partner to review together the entries shared from one day to another.

        *period_start* and *period_end* are days in the couple's time zone; the period
        ends today at the latest and spans at most `ReviewRules.max_period_weeks`. The
        partner is told calmly and may agree or say no.

        Raises:
            InvalidInput: the period does not fit.
            NotAllowedNow: the relationship is not active, or the day's pressure
                budget is spent.
        """
        actor = check_person_id(actor, "actor")
        relationship = self._relationship_for(relationship_id, actor, "propose a joint review")
        now = self._runner.now()
        review, event = JointReview.propose(
            relationship_id=relationship.id,
            proposer=actor,
            partner=relationship.other_partner(actor),
            period_start=period_start,
            period_end=period_end,
            today=now.astimezone(self._runner.zone_of(relationship.id)).date(),
            rules=relationship.settings.of(ReviewRules),
            at=now,
        )
        return self._add(review, event)

    def add_takeaway(self, review_id: uuid.UUID, *, actor: PersonId, words: str) -> JointReview:
        """Write a takeaway of an open review, in one's own words (either partner).

        Nobody is told: both read the takeaways in the review. The library never
        writes one for you, nor copies an entry's words into one.
        """
        return self._make(review_id, actor, "add_takeaway", words=words)

    # -- queries ------------------------------------------------------------------------

    def patterns(self, review_id: uuid.UUID, *, actor: PersonId) -> ReviewPatterns:
        """Return what the review shows while it is open: patterns over shared entries.

        Over the entries either partner shared, shared now, whose day falls in the
        period: the most frequent trigger tags, the most frequent tags of what helped,
        and connection and neglect week by week. Across both partners, never split by
        person, never an entry's words; read one indexed query per week of the period.

        Raises:
            NotAllowedNow: the review is not open.
        """
        review = self._open(review_id, actor, "patterns")
        return patterns_of(
            self._runner.repository,
            review.relationship_id,
            weeks=weeks_between(review.period_start, review.period_end),
            first=review.period_start,
            last=review.period_end,
            top=review.rules.top_tags,
        )

    def seed(
        self,
        review_id: uuid.UUID,
        *,
        actor: PersonId,
        takeaway: int,
        as_: Seed,
        ask: str | None = None,
    ) -> Request | Boundary:
        """Start a request or a boundary draft of *actor*'s own from one takeaway's words.

        ``as_="boundary"``: a boundary draft whose rule is the takeaway's words.
        ``as_="request"``: a request draft whose need is the takeaway's words, and whose
        ask is *ask*, or the same words until one rewrites it. The draft is made through
        that workflow's own commands (``kit.requests.draft``, ``kit.boundaries.draft``),
        so it is *actor*'s alone until they propose it; the review does not change and
        nobody is told.

        Raises:
            NotAllowedNow: the review is not open.
            InvalidInput: *takeaway* names no takeaway, *as_* is neither, or the draft
                refuses the words (too long for its rules, say).
        """
        review = self._open(review_id, actor, "seed")
        words = review.takeaway(takeaway).words
        if as_ == "boundary":
            return BoundaryCommands(self._runner).draft(
                review.relationship_id, actor=actor, rule=words
            )
        if as_ == "request":
            return RequestCommands(self._runner).draft(
                review.relationship_id, actor=actor, need=words, ask=words if ask is None else ask
            )
        raise InvalidInput("as_", "needs 'request' or 'boundary'.")

    def _open(self, review_id: uuid.UUID, actor: PersonId, action: str) -> JointReview:
        """Return the review as *actor* reads it, if it is open; else `NotAllowedNow`."""
        stored = self._visible(review_id, actor)
        review = self._as_seen(stored, check_person_id(actor, "actor"))
        if review.state is not ReviewState.OPEN:
            raise NotAllowedNow(
                kind=JointReview.WORKFLOW.name,
                action=action,
                state=review.state.value,
                allowed=self._open_moves(stored, actor, self._runner.now()),
                reason="A review shows its patterns, and seeds drafts, while it is open.",
            )
        return review
