"""A shared goal: what the couple works toward together, holding only by both.

The practice (issue 19, on the couple's shared goal): for example "to recognise each
other's emotional world and respond with steady support". One partner drafts it
privately and proposes it; it holds once the other agrees (a no is neutral and never
counted). It is revised by consent: new words are proposed by either and hold only once
the other agrees, the agreed words holding meanwhile. Either partner withdraws consent
alone and at once: the goal no longer holds.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import ClassVar

import attrs

from repairkit.core.drafts import DraftedFirst
from repairkit.core.engine import EITHER_PARTNER, REPAIRKIT, Role, Workflow
from repairkit.core.events import DomainEvent
from repairkit.core.settings import SETTING_IN_FORCE
from repairkit.core.suggestions import HeardNo
from repairkit.core.values import (
    SYSTEM,
    PersonId,
    check_instant,
    check_person_id,
    check_text,
    new_id,
)
from repairkit.errors import InvalidInput
from repairkit.goals.events import (
    GoalAgreed,
    GoalConsentWithdrawn,
    GoalCurrentWordsKept,
    GoalDeclined,
    GoalDrafted,
    GoalLinked,
    GoalProposed,
    GoalRedrafted,
    GoalRevisionAgreed,
    GoalRevisionProposed,
    GoalUnlinked,
    GoalWithdrawn,
)
from repairkit.goals.links import GoalLink
from repairkit.goals.rules import GoalRules
from repairkit.goals.table import (
    AWAITED,
    GOAL_WORKFLOW,
    HOLDING,
    PROPOSER,
    REVISION_PROPOSER,
    GoalState,
)

__all__ = ["SharedGoal"]

_S = GoalState


def _check_words(value: str, limit: int) -> str:
    text = check_text(value, "words", max_length=limit, optional=False)
    assert text is not None  # noqa: S101 - a required text is never None
    return text


@attrs.define(eq=False, kw_only=True)
class SharedGoal(DraftedFirst):
    """A shared goal one partner (the proposer) drafted for the two of them."""

    WORKFLOW: ClassVar[Workflow] = GOAL_WORKFLOW

    id: uuid.UUID
    relationship_id: uuid.UUID
    proposer: PersonId
    partner: PersonId
    rules: GoalRules = attrs.field(factory=GoalRules, metadata=SETTING_IN_FORCE)
    """The relationship's rules in force, given whenever it is read (never stored)."""
    created_at: datetime
    words: str
    """The words as drafted, then as agreed: they hold while the state says so."""
    proposed_words: str | None = None
    """New words awaiting the other partner's answer, if any."""
    state: GoalState = GoalState.DRAFTED
    version: int = 0
    proposed_at: datetime | None = None
    proposed_version: int | None = None
    """The version the proposal made; the partner's versions count from it (as 1)."""
    awaiting: PersonId | None = None
    """The partner whose answer is awaited, if any."""
    agreed_at: datetime | None = None
    """When the words that hold now were agreed."""
    links: tuple[GoalLink, ...] = ()
    """The requests, boundaries and agenda items linked as serving the goal, in the order linked
    (a reader is shown only those they may see: `GoalCommands.links`)."""
    heard_no: tuple[HeardNo, ...] = ()
    """The latest no to new words each partner heard, for the wait before the next."""
    changed_at: datetime | None = None

    # -- who is who ---------------------------------------------------------------

    @property
    def participants(self) -> tuple[PersonId, PersonId]:
        """The proposer and the partner."""
        return (self.proposer, self.partner)

    @property
    def author(self) -> PersonId:
        """The proposer: a draft is theirs alone until it is proposed."""
        return self.proposer

    @property
    def addressee(self) -> PersonId:
        """The partner: to them, the goal starts when it was proposed."""
        return self.partner

    def roles_of(self, actor: PersonId) -> frozenset[Role]:
        """Return the roles *actor* plays: proposer, the one awaited or who proposed new words."""
        if actor == SYSTEM:
            return frozenset({REPAIRKIT})
        if not self.visible_to(actor):
            return frozenset()
        roles = {EITHER_PARTNER}
        if actor == self.proposer:
            roles.add(PROPOSER)
        if actor == self.awaiting:
            roles.add(AWAITED)
        if actor == self.suggested_by("propose_revision"):
            roles.add(REVISION_PROPOSER)
        return frozenset(roles)

    def asked(self) -> tuple[PersonId, ...]:
        """The partner whose answer is awaited, if any."""
        if self.state in (_S.PROPOSED, _S.REVISION_PROPOSED) and self.awaiting is not None:
            return (self.awaiting,)
        return ()

    def suggested_by(self, suggestion: str) -> PersonId | None:
        """Who proposed the new words awaiting an answer, if any."""
        if suggestion != "propose_revision" or self.state is not _S.REVISION_PROPOSED:
            return None
        return None if self.awaiting is None else self._other(self.awaiting)

    @property
    def holds(self) -> bool:
        """Return whether both agreed to it and neither withdrew consent since."""
        return self.state in HOLDING

    def _other(self, person: PersonId) -> PersonId:
        return self.partner if person == self.proposer else self.proposer

    # -- drafting -------------------------------------------------------------------

    @classmethod
    def draft(
        cls,
        *,
        relationship_id: uuid.UUID,
        proposer: PersonId,
        partner: PersonId,
        words: str,
        rules: GoalRules,
        at: datetime,
    ) -> tuple[SharedGoal, GoalDrafted]:
        """Write a goal down; only the proposer sees it until `propose`."""
        at = check_instant(at, "at")
        proposer = check_person_id(proposer, "actor")
        text = _check_words(words, rules.max_text_length)
        goal = cls(
            id=new_id(),
            relationship_id=relationship_id,
            proposer=proposer,
            partner=partner,
            rules=rules,
            created_at=at,
            words=text,
            version=1,
        )
        return goal, goal._event(GoalDrafted, proposer, at, None)

    def revise(self, *, actor: PersonId, at: datetime, words: str) -> GoalRedrafted:
        """Change the draft's words (the proposer, before proposing)."""
        at = self._begin("revise", actor, at)
        text = _check_words(words, self.rules.max_text_length)
        before = self._fire("revise", at)
        self.words = text
        return self._event(GoalRedrafted, actor, at, before)

    def propose(self, *, actor: PersonId, at: datetime) -> GoalProposed:
        """Send the draft; the partner's answer is now awaited."""
        at = self._begin("propose", actor, at)
        before = self._fire("propose", at)
        self.proposed_at, self.proposed_version = at, self.version
        self.awaiting = self.partner
        return self._event(GoalProposed, actor, at, before)

    # -- answering --------------------------------------------------------------------

    def agree(self, *, actor: PersonId, at: datetime) -> GoalAgreed:
        """Agree to the goal: it holds."""
        event = self._move("agree", actor, at, GoalAgreed)
        self.awaiting, self.agreed_at = None, event.at
        return event

    def decline(self, *, actor: PersonId, at: datetime) -> GoalDeclined:
        """Say no: neutral, counted nowhere."""
        event = self._move("decline", actor, at, GoalDeclined)
        self.awaiting = None
        return event

    def withdraw(self, *, actor: PersonId, at: datetime) -> GoalWithdrawn:
        """Take the goal back before agreement (the proposer)."""
        event = self._move("withdraw", actor, at, GoalWithdrawn)
        self.awaiting = None
        return event

    # -- once agreed ------------------------------------------------------------------

    def propose_revision(
        self, *, actor: PersonId, at: datetime, words: str
    ) -> GoalRevisionProposed:
        """Propose new words; the agreed ones hold until the other agrees."""
        at = self._begin("propose_revision", actor, at)
        text = _check_words(words, self.rules.max_text_length)
        if text == self.words:
            raise InvalidInput("words", "are the same as the agreed words; change them first.")
        before = self._fire("propose_revision", at)
        self.proposed_words, self.awaiting = text, self._other(actor)
        return self._event(GoalRevisionProposed, actor, at, before)

    def agree_to_revision(self, *, actor: PersonId, at: datetime) -> GoalRevisionAgreed:
        """Agree to the new words: they hold now."""
        event = self._move("agree_to_revision", actor, at, GoalRevisionAgreed)
        assert self.proposed_words is not None  # noqa: S101 - a revision is pending here
        self.words, self.proposed_words = self.proposed_words, None
        self.awaiting, self.agreed_at = None, event.at
        return event

    def keep_current(self, *, actor: PersonId, at: datetime) -> GoalCurrentWordsKept:
        """Keep the agreed words: the partner asked says no to the new words (neutral)."""
        event = self._move("keep_current", actor, at, GoalCurrentWordsKept)
        self.proposed_words, self.awaiting = None, None
        return event

    def make(self, trigger: str, *, actor: PersonId, at: datetime) -> DomainEvent:
        """Make a plain move; new words taken back (``withdraw_revision``) are let go of."""
        event = super().make(trigger, actor=actor, at=at)
        if trigger == "withdraw_revision":
            self.proposed_words, self.awaiting = None, None
        return event

    def withdraw_consent(self, *, actor: PersonId, at: datetime) -> GoalConsentWithdrawn:
        """Withdraw one's consent, alone and at once: the goal no longer holds."""
        event = self._move("withdraw_consent", actor, at, GoalConsentWithdrawn)
        self.proposed_words, self.awaiting = None, None
        return event

    # -- links ------------------------------------------------------------------------

    def link(self, *, actor: PersonId, at: datetime, link: GoalLink) -> GoalLinked:
        """Link an object that serves the goal (its commands check the object first)."""
        at = self._begin("link", actor, at)
        if link in self.links:
            raise InvalidInput("target_id", "is already linked to this goal.")
        before = self._fire("link", at)
        self.links = (*self.links, link)
        return self._event(GoalLinked, actor, at, before)

    def unlink(self, *, actor: PersonId, at: datetime, link: GoalLink) -> GoalUnlinked:
        """Take a link off the goal (either partner)."""
        at = self._begin("unlink", actor, at)
        if link not in self.links:
            raise InvalidInput("target_id", "is not linked to this goal.")
        before = self._fire("unlink", at)
        self.links = tuple(other for other in self.links if other != link)
        return self._event(GoalUnlinked, actor, at, before)
