"""An accountability agreement: a short list of behaviours both hold themselves to.

The practice (PROTOCOLS section 6; docs/practices.md): a short list of behaviours both
agree to hold themselves to, each with a restorative consequence for *repeated*
violations that threaten safety ("N times within M days"). One partner proposes the
list; it holds once the other agrees (a no is neutral, counted nowhere). An item binds
both, or one partner, whose yes it then needs (the list needs both). Changing the list
needs both; withdrawing one's consent from an item, or from the whole list, is one's own
act, at once. When an item's threshold is met, its consequence is offered to the
responsible partner only: never imposed, never chosen or started by the other.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import ClassVar, Self

import attrs

from repairkit.accountability.events import (
    AgreementAgreed,
    AgreementDeclined,
    AgreementEnded,
    AgreementProposed,
    AgreementWithdrawn,
    ChangeAgreed,
    ChangeProposed,
    ChangeWithdrawn,
    CurrentListKept,
    ItemConsentWithdrawn,
)
from repairkit.accountability.items import (
    AccountabilityItem,
    ChangeKind,
    ItemTerms,
    OfferState,
    ProposedChange,
    applied_change,
    check_distinct,
    check_terms,
    checked_change,
    new_item,
)
from repairkit.accountability.offers import ItemOffers, reviewable
from repairkit.accountability.rules import AccountabilityRules
from repairkit.accountability.table import (
    AGREEMENT_WORKFLOW,
    AWAITED,
    CHANGE_PROPOSER,
    HOLDING,
    NOT_OPEN_NOW,
    PROPOSER,
    RESPONSIBLE,
    AgreementState,
)
from repairkit.core.engine import EITHER_PARTNER, REPAIRKIT, Role, Workflow
from repairkit.core.hidden import Hidden, changed_at_seen_by, kept_for, unseen_by
from repairkit.core.settings import SETTING_IN_FORCE
from repairkit.core.suggestions import HeardNo
from repairkit.core.values import SYSTEM, PersonId, check_instant, check_person_id, new_id
from repairkit.errors import InvalidInput, NotAllowedNow

__all__ = ["AccountabilityAgreement"]

_S = AgreementState
_EARLIEST = datetime.min.replace(tzinfo=UTC)


@attrs.define(eq=False, kw_only=True)
class AccountabilityAgreement(ItemOffers):
    """A list of behaviours one partner (the proposer) proposed for the two of them."""

    WORKFLOW: ClassVar[Workflow] = AGREEMENT_WORKFLOW

    id: uuid.UUID
    relationship_id: uuid.UUID
    proposer: PersonId
    partner: PersonId
    rules: AccountabilityRules = attrs.field(factory=AccountabilityRules, metadata=SETTING_IN_FORCE)
    """The relationship's rules in force, given whenever it is read (never stored)."""
    created_at: datetime
    items: tuple[AccountabilityItem, ...]
    state: AgreementState = AgreementState.PROPOSED
    version: int = 0
    awaiting: PersonId | None = None
    """The partner whose answer to the list or a change is awaited, if any."""
    change: ProposedChange | None = None
    """A change of the list awaiting the other partner's answer, if any."""
    agreed_at: datetime | None = None
    heard_no: tuple[HeardNo, ...] = ()
    hidden: tuple[Hidden, ...] = ()
    """The moves only one partner sees (an offer to them, its lapse)."""
    shared_at: datetime | None = None
    """When the last move both may see was made."""
    changed_at: datetime | None = None

    # -- who is who ---------------------------------------------------------------

    @property
    def participants(self) -> tuple[PersonId, PersonId]:
        """The proposer and the partner."""
        return (self.proposer, self.partner)

    def _other(self, person: PersonId) -> PersonId:
        return self.partner if person == self.proposer else self.proposer

    def roles_of(self, actor: PersonId) -> frozenset[Role]:
        """Return the roles *actor* plays: proposer, awaited or change proposer, responsible."""
        if actor == SYSTEM:
            return frozenset({REPAIRKIT})
        if not self.visible_to(actor):
            return frozenset()
        roles = {EITHER_PARTNER}
        if actor == self.proposer and self.state is _S.PROPOSED:
            roles.add(PROPOSER)
        if actor == self.awaiting and not self.is_finished:
            roles.add(AWAITED)
        if self.state in HOLDING and self.suggested_by("propose_change") == actor:
            roles.add(CHANGE_PROPOSER)
        if self.state in HOLDING and self.offered_to(actor):
            roles.add(RESPONSIBLE)
        return frozenset(roles)

    def asked(self) -> tuple[PersonId, ...]:
        """The partner whose answer is awaited, and whoever an open offer awaits."""
        return self.asked_at(_EARLIEST)

    def asked_at(self, at: datetime) -> tuple[PersonId, ...]:
        """Who is asked at *at*: `asked`, less the partner of an open offer lapsed by then."""
        if self.is_finished:
            return ()
        asked = [] if self.awaiting is None else [self.awaiting]
        asked.extend(
            person
            for person in self.participants
            for i in self.offered_to(person, at)
            if (offer := i.offer_to(person)) is not None and offer.state is OfferState.OPEN
        )
        return tuple(dict.fromkeys(asked))

    def suggested_by(self, suggestion: str) -> PersonId | None:
        """Who proposed the change awaiting an answer, if any."""
        if suggestion != "propose_change" or self.change is None:
            return None
        return self.change.by

    def seen_by(self, person: PersonId) -> Self:
        """Return it as *person* may see it: an offer only to the partner it is offered to.

        The other partner never reads a count or an offer of the other's, nor that one
        was made or lapsed: its version and time count only the moves *person* may see
        (`repairkit.accountability.offers`); what goes to the check-in shows there,
        naming nobody.
        """
        offered = self.offered_to(person)  # theirs, and of a kind in force
        items = tuple(
            attrs.evolve(i, offers=(o,) if i in offered and (o := i.offer_to(person)) else ())
            if i.offers
            else i
            for i in self.items
        )
        if items == self.items and not unseen_by(self.hidden, person):
            return self
        return attrs.evolve(
            self,
            items=items,
            hidden=kept_for(self.hidden, person),
            version=self.version_seen_by(person),
            changed_at=changed_at_seen_by(self.hidden, self.shared_at, person),
        )

    @property
    def holds(self) -> bool:
        """Return whether the list holds (both agreed, nobody ended it)."""
        return self.state in HOLDING

    # -- time and conditions -----------------------------------------------------

    def can_make(self, trigger: str, actor: PersonId, at: datetime) -> bool:
        """Drop item moves no item fits now (no change pending, nothing offered, ...)."""
        if not super().can_make(trigger, actor, at):
            return False
        checks: dict[str, Callable[[], bool]] = {
            "propose_change": lambda: self.change is None,
            "agree_change": lambda: self.change is not None and self.change.by != actor,
            "keep_current": lambda: self.change is not None,
            "withdraw_change": lambda: self.change is not None,
            "withdraw_consent": lambda: any(i.holds for i in self.items),
            "accept_offer": lambda: bool(self.offered_to(actor, at)),
            "not_now": lambda: any(
                o.state is OfferState.OPEN
                for i in self.offered_to(actor, at)
                if (o := i.offer_to(actor)) is not None
            ),
            "review_held": lambda: any(reviewable(i, at) for i in self.items),
        }
        check = checks.get(trigger)
        return check is None or check()

    def _begin(self, trigger: str, actor: PersonId, at: datetime) -> datetime:
        """Check as every move does, then the item conditions `can_make` lists the move by."""
        at = super()._begin(trigger, actor, at)
        if not self.can_make(trigger, actor, at):
            raise NotAllowedNow(
                kind=self.WORKFLOW.name,
                action=trigger,
                state=self.state.value,
                allowed=self.moves_open_to(actor, at),
                reason=NOT_OPEN_NOW.get(trigger, "Its conditions do not hold right now."),
            )
        return at

    # -- proposing ------------------------------------------------------------------

    @classmethod
    def propose(
        cls,
        *,
        relationship_id: uuid.UUID,
        proposer: PersonId,
        partner: PersonId,
        items: object,
        rules: AccountabilityRules,
        at: datetime,
    ) -> tuple[AccountabilityAgreement, AgreementProposed]:
        """Propose a list; the partner's answer is awaited."""
        at = check_instant(at, "at")
        proposer = check_person_id(proposer, "actor")
        if isinstance(items, str | bytes) or not isinstance(items, list | tuple) or not items:
            raise InvalidInput("items", "needs a list of one item or more.")
        if len(items) > rules.max_items:
            raise InvalidInput(
                "items", "holds at most {max_items} items; a short list.", max_items=rules.max_items
            )
        partners = (proposer, partner)
        checked = [check_terms(t, partners, rules) for t in items]
        check_distinct(checked, partners)
        made = tuple(new_item(t, partners, rules, at) for t in checked)
        agreement = cls(
            id=new_id(),
            relationship_id=relationship_id,
            proposer=proposer,
            partner=partner,
            rules=rules,
            created_at=at,
            items=made,
            version=1,
            awaiting=partner,
        )
        return agreement, agreement._event(AgreementProposed, proposer, at, None)

    def agree(self, *, actor: PersonId, at: datetime) -> AgreementAgreed:
        """Agree to the list: it holds, each item counting from now."""
        event = self._move("agree", actor, at, AgreementAgreed)
        self.items = tuple(attrs.evolve(i, counts_from=event.at) for i in self.items)
        self.awaiting, self.agreed_at = None, event.at
        return event

    def decline(self, *, actor: PersonId, at: datetime) -> AgreementDeclined:
        """Say no: neutral, counted nowhere."""
        event = self._move("decline", actor, at, AgreementDeclined)
        self.awaiting = None
        return event

    def withdraw(self, *, actor: PersonId, at: datetime) -> AgreementWithdrawn:
        """Take the list back before agreement (the proposer)."""
        event = self._move("withdraw", actor, at, AgreementWithdrawn)
        self.awaiting = None
        return event

    # -- changing the list ------------------------------------------------------------

    def propose_change(
        self,
        *,
        actor: PersonId,
        at: datetime,
        kind: ChangeKind | str,
        item_id: uuid.UUID | None = None,
        terms: ItemTerms | None = None,
    ) -> ChangeProposed:
        """Propose adding, revising or removing an item; the other partner's yes is needed."""
        at = self._begin("propose_change", actor, at)
        change = checked_change(
            self.items,
            actor,
            kind=kind,
            item_id=item_id,
            terms=terms,
            partners=self.participants,
            rules=self.rules,
        )
        before = self._fire("propose_change", at)
        self.change, self.awaiting = change, self._other(actor)
        return self._event(ChangeProposed, actor, at, before)

    def agree_change(self, *, actor: PersonId, at: datetime) -> ChangeAgreed:
        """Agree to the proposed change: it holds now (an item added counts from now)."""
        at = self._begin("agree_change", actor, at)
        assert self.change is not None  # noqa: S101 - can_make holds it
        items = applied_change(
            self.items, self.change, partners=self.participants, rules=self.rules, at=at
        )
        before = self._settle("agree_change", at, items)
        self.change, self.awaiting = None, None
        return self._event(ChangeAgreed, actor, at, before)

    def keep_current(self, *, actor: PersonId, at: datetime) -> CurrentListKept:
        """Say no to the proposed change (the partner asked): the list stays as it is."""
        event = self._move("keep_current", actor, at, CurrentListKept)
        self.change, self.awaiting = None, None
        return event

    def withdraw_change(self, *, actor: PersonId, at: datetime) -> ChangeWithdrawn:
        """Take one's proposed change back before an answer: the list stays as it is."""
        event = self._move("withdraw_change", actor, at, ChangeWithdrawn)
        self.change, self.awaiting = None, None
        return event

    def withdraw_consent(
        self, *, actor: PersonId, at: datetime, item_id: uuid.UUID
    ) -> ItemConsentWithdrawn:
        """Withdraw one's consent from an item, alone and at once: it no longer holds."""
        at = self._begin("withdraw_consent", actor, at)
        item = self.item(item_id) if isinstance(item_id, uuid.UUID) else None
        if item is None or not item.holds:
            raise InvalidInput("item_id", "names no item of this list that holds now.")
        gone = attrs.evolve(item, withdrawn_by=actor, offers=())
        items = tuple(gone if i.id == item.id else i for i in self.items)
        before = self._settle("withdraw_consent", at, items)
        return self._event(ItemConsentWithdrawn, actor, at, before)

    def end(self, *, actor: PersonId, at: datetime) -> AgreementEnded:
        """Withdraw one's consent from the whole list, alone and at once."""
        event = self._move("end", actor, at, AgreementEnded)
        self.change, self.awaiting = None, None
        self.items = tuple(attrs.evolve(i, offers=()) for i in self.items)
        return event
