"""A boundary: what is and is not all right between two partners, in force only by both.

The practice (docs/practices.md, on boundaries and safe behaviours): agreed rules for
communication ("no sarcasm when we disagree"), and optionally what the proposer will
do for themselves when one is crossed, never a sanction on the other. A boundary is
in force only once both agreed; the partner asked can agree, decline or suggest other
words (for `BoundaryRules.max_rounds` rounds, then it is set aside for the check-in).
New words are proposed by either and take effect only once the other agrees, the
current ones staying in force meanwhile. Either partner withdraws consent alone and
at once: the boundary is suspended, for the next check-in, where it is renewed by both
or retired by either.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import ClassVar

import attrs

from repairkit.boundaries.events import (
    BoundaryAgreed,
    BoundaryCountered,
    BoundaryDeclined,
    BoundaryDrafted,
    BoundaryProposed,
    BoundaryRedrafted,
    BoundaryRetired,
    BoundarySetAside,
    BoundaryWithdrawn,
    ConsentWithdrawn,
    CurrentWordsKept,
    RevisionAgreed,
    RevisionProposed,
    RevisionWithdrawn,
)
from repairkit.boundaries.rules import BoundaryRules
from repairkit.boundaries.table import (
    AWAITED,
    BOUNDARY_WORKFLOW,
    IN_FORCE,
    PROPOSER,
    REVISION_PROPOSER,
    BoundaryState,
)
from repairkit.boundaries.terms import Terms, check_words
from repairkit.boundaries.wording import OWN_ACTION_WORDING, OwnActionWording
from repairkit.core.drafts import KEEP, DraftedFirst, Keep
from repairkit.core.engine import EITHER_PARTNER, REPAIRKIT, Role, Workflow
from repairkit.core.settings import SETTING_IN_FORCE
from repairkit.core.suggestions import HeardNo
from repairkit.core.values import SYSTEM, PersonId, check_instant, check_person_id, new_id
from repairkit.errors import InvalidInput

__all__ = ["Boundary"]

_S = BoundaryState
_ASKING = frozenset({_S.PROPOSED, _S.REVISION_PROPOSED, _S.RENEWAL_PROPOSED})


@attrs.define(eq=False, kw_only=True)
class Boundary(DraftedFirst):
    """A boundary one partner (the proposer) drafted for the two of them."""

    WORKFLOW: ClassVar[Workflow] = BOUNDARY_WORKFLOW

    id: uuid.UUID
    relationship_id: uuid.UUID
    proposer: PersonId
    partner: PersonId
    rules: BoundaryRules = attrs.field(factory=BoundaryRules, metadata=SETTING_IN_FORCE)
    """The relationship's rules in force, given whenever it is read (never stored)."""
    created_at: datetime
    terms: Terms
    """The words as drafted, then as agreed: in force while the state says so."""
    proposed_terms: Terms | None = None
    """Words on the table awaiting an answer (other words, a revision), if any."""
    state: BoundaryState = BoundaryState.DRAFTED
    version: int = 0
    proposed_at: datetime | None = None
    proposed_version: int | None = None
    """The version the proposal made; the partner's versions count from it (as 1)."""
    awaiting: PersonId | None = None
    """The partner whose answer is awaited, if any."""
    rounds: int = 0
    """Rounds of other words since it was proposed."""
    agreed_at: datetime | None = None
    """When the words now agreed were agreed."""
    heard_no: tuple[HeardNo, ...] = ()
    """The latest no to new words each partner heard, for the wait before the next."""
    from_check_in: uuid.UUID | None = None
    """The check-in session this boundary was drafted in, if any (`kit.sessions.draft_boundary`)."""
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
        """The partner: to them, the boundary starts when it was proposed."""
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
        if self.suggested_by("propose_revision") == actor:
            roles.add(REVISION_PROPOSER)
        return frozenset(roles)

    def asked(self) -> tuple[PersonId, ...]:
        """The partner whose answer to the latest wording is awaited, if any."""
        if self.state in _ASKING and self.awaiting is not None:
            return (self.awaiting,)
        return ()

    def suggested_by(self, suggestion: str) -> PersonId | None:
        """Who proposed the new words awaiting an answer, if any."""
        revising = self.state in (_S.REVISION_PROPOSED, _S.RENEWAL_PROPOSED)
        if suggestion != "propose_revision" or not revising or self.awaiting is None:
            return None
        return self._other(self.awaiting)

    @property
    def in_force(self) -> bool:
        """Return whether both agreed to it and neither withdrew consent since."""
        return self.state in IN_FORCE

    def _other(self, person: PersonId) -> PersonId:
        return self.partner if person == self.proposer else self.proposer

    def _words(
        self,
        rule: str | None,
        own_action: str | None,
        *,
        base: Terms,
        actor: PersonId,
        wording: OwnActionWording,
    ) -> Terms:
        """Return *base* with a new rule (if given) and *actor*'s own action (if given)."""
        limit = self.rules.max_text_length
        text = None if rule is None else check_words(rule, "rule", limit, optional=False)
        action = check_words(own_action, "own_action", limit, optional=True)
        wording.check(action, other=self._other(actor))
        terms = base if text is None else attrs.evolve(base, rule=text)
        return terms.with_own_action(actor, action)

    def _revised(
        self,
        rule: str | Keep,
        own_action: str | Keep | None,
        actor: PersonId,
        wording: OwnActionWording,
    ) -> Terms:
        """Return the terms with the rule and *actor*'s own action given (`KEEP` keeps one)."""
        given = [None if isinstance(value, Keep) else value for value in (rule, own_action)]
        terms = self._words(given[0], given[1], base=self.terms, actor=actor, wording=wording)
        if own_action is None:  # cleared, where KEEP keeps it
            others = tuple(a for a in terms.own_actions if a.person != actor)
            terms = attrs.evolve(terms, own_actions=others)
        return terms

    # -- guards ---------------------------------------------------------------------

    def reaches_round_limit(self, _at: datetime) -> bool:
        """Return whether one more round of other words uses up the allowed rounds."""
        return self.rounds + 1 >= self.rules.max_rounds

    # -- drafting -------------------------------------------------------------------

    @classmethod
    def draft(
        cls,
        *,
        relationship_id: uuid.UUID,
        proposer: PersonId,
        partner: PersonId,
        rule: str,
        own_action: str | None,
        rules: BoundaryRules,
        at: datetime,
        wording: OwnActionWording = OWN_ACTION_WORDING,
        from_check_in: uuid.UUID | None = None,
    ) -> tuple[Boundary, BoundaryDrafted]:
        """Write a boundary down; only the proposer sees it until `propose`.

        *from_check_in* names the check-in session it was drafted in, if any.
        """
        at = check_instant(at, "at")
        proposer = check_person_id(proposer, "actor")
        text = check_words(rule, "rule", rules.max_text_length, optional=False)
        assert text is not None  # noqa: S101 - a required text is never None
        action = check_words(own_action, "own_action", rules.max_text_length, optional=True)
        wording.check(action, other=partner)
        boundary = cls(
            id=new_id(),
            relationship_id=relationship_id,
            proposer=proposer,
            partner=partner,
            rules=rules,
            created_at=at,
            terms=Terms(rule=text).with_own_action(proposer, action),
            from_check_in=from_check_in,
            version=1,
        )
        return boundary, boundary._event(BoundaryDrafted, proposer, at, None)

    def revise(
        self,
        *,
        actor: PersonId,
        at: datetime,
        rule: str | Keep = KEEP,
        own_action: str | Keep | None = KEEP,
        wording: OwnActionWording = OWN_ACTION_WORDING,
    ) -> BoundaryRedrafted:
        """Change the draft's rule or one's own action; what is left out is kept.

        ``None`` clears one's own action; the rule cannot be cleared.
        """
        at = self._begin("revise", actor, at)
        terms = self._revised(rule, own_action, actor, wording)
        before = self._fire("revise", at)
        self.terms = terms
        return self._event(BoundaryRedrafted, actor, at, before)

    def propose(self, *, actor: PersonId, at: datetime) -> BoundaryProposed:
        """Send the draft; the partner's answer is now awaited."""
        at = self._begin("propose", actor, at)
        before = self._fire("propose", at)
        self.proposed_at, self.proposed_version = at, self.version
        self.awaiting = self.partner
        return self._event(BoundaryProposed, actor, at, before)

    # -- answering a wording ----------------------------------------------------------

    def agree(
        self,
        *,
        actor: PersonId,
        at: datetime,
        own_action: str | None,
        wording: OwnActionWording = OWN_ACTION_WORDING,
    ) -> BoundaryAgreed:
        """Agree to the latest wording, adding one's own action if one likes."""
        at = self._begin("agree", actor, at)
        base = self.proposed_terms or self.terms
        terms = self._words(None, own_action, base=base, actor=actor, wording=wording)
        before = self._fire("agree", at)
        self.terms, self.proposed_terms, self.awaiting, self.agreed_at = terms, None, None, at
        return self._event(BoundaryAgreed, actor, at, before)

    def counter(
        self,
        *,
        actor: PersonId,
        at: datetime,
        rule: str,
        own_action: str | None,
        wording: OwnActionWording = OWN_ACTION_WORDING,
    ) -> BoundaryCountered:
        """Suggest other words; the other answers them (or, at the last round, it is set aside)."""
        at = self._begin("counter", actor, at)
        base = self.proposed_terms or self.terms
        text = check_words(rule, "rule", self.rules.max_text_length, optional=False)
        terms = self._words(text, own_action, base=base, actor=actor, wording=wording)
        round_ = self.rounds + 1
        before = self._fire("counter", at)
        self.rounds, self.proposed_terms = round_, terms
        self.awaiting = None if self.state is _S.SET_ASIDE else self._other(actor)
        return self._event(BoundaryCountered, actor, at, before, round=round_)

    def decline(self, *, actor: PersonId, at: datetime) -> BoundaryDeclined:
        """Say no to the latest wording: a fair answer, counted nowhere."""
        event = self._move("decline", actor, at, BoundaryDeclined)
        self.awaiting = None
        return event

    def withdraw(self, *, actor: PersonId, at: datetime) -> BoundaryWithdrawn:
        """Take the boundary back before agreement (the proposer)."""
        event = self._move("withdraw", actor, at, BoundaryWithdrawn)
        self.awaiting = None
        return event

    def set_aside(self, *, actor: PersonId, at: datetime) -> BoundarySetAside:
        """Not now: keep it for the next check-in (either partner)."""
        event = self._move("set_aside", actor, at, BoundarySetAside)
        self.awaiting = None
        return event

    # -- once agreed ------------------------------------------------------------------

    def propose_revision(
        self,
        *,
        actor: PersonId,
        at: datetime,
        rule: str | Keep = KEEP,
        own_action: str | Keep | None = KEEP,
        wording: OwnActionWording = OWN_ACTION_WORDING,
    ) -> RevisionProposed:
        """Propose new words; the current ones stay as they are until the other agrees.

        What is left out is kept, and ``None`` clears one's own action, as in `revise`.
        For a suspended boundary this asks to renew it, with the same words or new ones.
        """
        at = self._begin("propose_revision", actor, at)
        terms = self._revised(rule, own_action, actor, wording)
        if terms == self.terms and self.state is _S.IN_FORCE:
            raise InvalidInput(
                "rule", "is the same as the words in force; change the rule or your own action."
            )
        before = self._fire("propose_revision", at)
        self.proposed_terms, self.awaiting = terms, self._other(actor)
        return self._event(RevisionProposed, actor, at, before)

    def agree_to_revision(self, *, actor: PersonId, at: datetime) -> RevisionAgreed:
        """Agree to the new words: they are in force now."""
        event = self._move("agree_to_revision", actor, at, RevisionAgreed)
        assert self.proposed_terms is not None  # noqa: S101 - a revision is pending here
        self.terms, self.proposed_terms, self.awaiting, self.agreed_at = (
            self.proposed_terms,
            None,
            None,
            event.at,
        )
        return event

    def keep_current(self, *, actor: PersonId, at: datetime) -> CurrentWordsKept:
        """Say no to the new words (the partner asked): the words stay as they are."""
        event = self._move("keep_current", actor, at, CurrentWordsKept)
        self.proposed_terms, self.awaiting = None, None
        return event

    def withdraw_revision(self, *, actor: PersonId, at: datetime) -> RevisionWithdrawn:
        """Take one's proposed new words back before an answer: nothing changes."""
        event = self._move("withdraw_revision", actor, at, RevisionWithdrawn)
        self.proposed_terms, self.awaiting = None, None
        return event

    def withdraw_consent(self, *, actor: PersonId, at: datetime) -> ConsentWithdrawn:
        """Withdraw one's consent, alone and at once: suspended until both renew it."""
        event = self._move("withdraw_consent", actor, at, ConsentWithdrawn)
        self.proposed_terms, self.awaiting = None, None
        return event

    def retire(self, *, actor: PersonId, at: datetime) -> BoundaryRetired:
        """Let a suspended boundary go (either partner)."""
        event = self._move("retire", actor, at, BoundaryRetired)
        self.proposed_terms, self.awaiting = None, None
        return event
