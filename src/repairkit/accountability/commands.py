"""The AccountabilityAgreement workflow's commands, reached as ``kit.accountability``."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from repairkit.accountability.events import ConsequenceTakenOn
from repairkit.accountability.items import ChangeKind, ItemTerms
from repairkit.accountability.model import AccountabilityAgreement
from repairkit.accountability.queries import OPEN_PLACE
from repairkit.accountability.rules import AccountabilityRules
from repairkit.accountability.table import AgreementState
from repairkit.accountability.terms import Consequence, ConsequenceKind
from repairkit.boundaries.model import Boundary
from repairkit.commands import WorkflowCommands
from repairkit.core import ONE_AT_A_TIME
from repairkit.core.events import DomainEvent
from repairkit.core.spec import ReactionReads
from repairkit.core.values import PersonId, check_person_id, new_id
from repairkit.errors import InvalidInput, NotAllowedNow, NotFound
from repairkit.repairs import (
    Practice,
    PracticeKind,
    RepairCommitment,
    RepairLink,
    RepairLinkKind,
)
from repairkit.repairs.commands import RepairCommands
from repairkit.repairs.practice import check_practice
from repairkit.repairs.rules import RepairRules

__all__ = ["OPEN", "AccountabilityCommands", "open_taken_on"]

if TYPE_CHECKING:
    from repairkit.core.relationship import Relationship

OPEN = (AgreementState.PROPOSED, AgreementState.IN_FORCE, AgreementState.FOR_CHECK_IN)
"""The states in which an agreement holds the relationship's one place."""


class AccountabilityCommands(WorkflowCommands[AccountabilityAgreement]):
    """Accountability agreements: a short list both hold themselves to, changed only by both.

    Reach it as ``kit.accountability``. One partner proposes the list (`propose`); it
    holds once the other agrees. Changes need both (`propose_change`, `agree_change`;
    `keep_current` is the other's no, `withdraw_change` takes one's own back);
    withdrawing one's consent from an item (`withdraw_consent`) or the whole list
    (`end`) is one's own act, at once. A consequence offered when an item's threshold
    is met is answered by the partner it is offered to alone (`accept_offer`,
    `not_now`), or lapses. A relationship has one list proposed or in force at a time.
    """

    entity = AccountabilityAgreement

    def propose(
        self, relationship_id: uuid.UUID, *, actor: PersonId, items: Sequence[ItemTerms]
    ) -> AccountabilityAgreement:
        """Propose a list of items (`ItemTerms`); the other partner's answer is awaited.

        Raises:
            InvalidInput: no items, more than `AccountabilityRules.max_items`, words empty
                or too long, a consequence outside the closed set, a boundary that is not
                one of the relationship's both partners see.
            NotAllowedNow: a list is proposed or in force already (one at a time).
        """
        actor = check_person_id(actor, "actor")
        relationship = self._relationship_for(relationship_id, actor, "propose a list")
        agreement, event = AccountabilityAgreement.propose(
            relationship_id=relationship.id,
            proposer=actor,
            partner=relationship.other_partner(actor),
            items=items,
            rules=relationship.settings.of(AccountabilityRules),
            at=self._runner.now(),
        )
        for item in agreement.items:
            self._check_boundary(agreement, item.boundary_id)
            _check_becomes_practice(item.consequence, relationship)
        if self._runner.repository.load_keyed(
            AccountabilityAgreement,
            relationship.id,
            ONE_AT_A_TIME,
            OPEN_PLACE,
            states=[state.value for state in OPEN],
        ):
            raise NotAllowedNow(
                kind=AccountabilityAgreement.WORKFLOW.name,
                action="propose",
                state="",
                allowed=(),
                reason="A list is proposed or in force already; one at a time. It can be"
                " changed by both, or answered, first.",
            )
        return self._add(agreement, event)

    def _check_boundary(self, agreement: AccountabilityAgreement, boundary_id: object) -> None:
        """Refuse a boundary that is not one of the relationship's, seen by both partners."""
        if boundary_id is None:
            return
        try:
            boundary = self._runner.repository.load(Boundary, boundary_id)  # type: ignore[arg-type]
        except NotFound:
            boundary = None
        if (
            boundary is None
            or boundary.relationship_id != agreement.relationship_id
            or not all(boundary.visible_to(p) for p in agreement.participants)
        ):
            raise InvalidInput("boundary_id", "names no boundary of this relationship.")

    def current(
        self, relationship_id: uuid.UUID, *, actor: PersonId
    ) -> AccountabilityAgreement | None:
        """Return the list proposed or in force, as *actor* may see it, or None."""
        relationship = self._runner.relationship(relationship_id, actor=actor)
        found = self._runner.repository.load_keyed(
            AccountabilityAgreement,
            relationship.id,
            ONE_AT_A_TIME,
            OPEN_PLACE,
            states=[state.value for state in OPEN],
        )
        return self._as_seen(found[0], actor) if found else None

    def agree(self, agreement_id: uuid.UUID, *, actor: PersonId) -> AccountabilityAgreement:
        """Agree to the proposed list (the partner asked): it holds from now."""
        return self._make(agreement_id, actor, "agree")

    def decline(self, agreement_id: uuid.UUID, *, actor: PersonId) -> AccountabilityAgreement:
        """Say no to the proposed list: neutral, counted nowhere."""
        return self._make(agreement_id, actor, "decline")

    def withdraw(self, agreement_id: uuid.UUID, *, actor: PersonId) -> AccountabilityAgreement:
        """Take the proposed list back before agreement (the proposer)."""
        return self._make(agreement_id, actor, "withdraw")

    def propose_change(
        self,
        agreement_id: uuid.UUID,
        *,
        actor: PersonId,
        kind: ChangeKind | str,
        item_id: uuid.UUID | None = None,
        terms: ItemTerms | None = None,
    ) -> AccountabilityAgreement:
        """Propose adding (*terms*), revising (*item_id*, *terms*) or removing (*item_id*) an item.

        The list holds as it is until the other partner agrees.
        """
        if terms is not None and isinstance(terms, ItemTerms):
            agreement = self._visible(agreement_id, actor)
            self._check_boundary(agreement, terms.boundary_id)
            relationship = self._runner.relationship(agreement.relationship_id, actor=actor)
            _check_becomes_practice(getattr(terms, "consequence", None), relationship)
        return self._make(
            agreement_id, actor, "propose_change", kind=kind, item_id=item_id, terms=terms
        )

    def agree_change(self, agreement_id: uuid.UUID, *, actor: PersonId) -> AccountabilityAgreement:
        """Agree to the proposed change (the partner asked): it holds now."""
        return self._make(agreement_id, actor, "agree_change")

    def keep_current(self, agreement_id: uuid.UUID, *, actor: PersonId) -> AccountabilityAgreement:
        """Say no to the proposed change (the partner asked): the list stays as it is.

        Whoever proposed it waits `AccountabilityRules.reask_wait_hours` before the next.
        """
        return self._make(agreement_id, actor, "keep_current")

    def withdraw_change(
        self, agreement_id: uuid.UUID, *, actor: PersonId
    ) -> AccountabilityAgreement:
        """Take one's proposed change back before an answer (its proposer): no wait follows."""
        return self._make(agreement_id, actor, "withdraw_change")

    def withdraw_consent(
        self, agreement_id: uuid.UUID, *, actor: PersonId, item_id: uuid.UUID
    ) -> AccountabilityAgreement:
        """Withdraw one's consent from an item, alone and at once: it stops counting now."""
        return self._make(agreement_id, actor, "withdraw_consent", item_id=item_id)

    def end(self, agreement_id: uuid.UUID, *, actor: PersonId) -> AccountabilityAgreement:
        """Withdraw one's consent from the whole list, alone and at once."""
        return self._make(agreement_id, actor, "end")

    def accept_offer(
        self, agreement_id: uuid.UUID, *, actor: PersonId, item_id: uuid.UUID
    ) -> AccountabilityAgreement:
        """Take on the consequence offered to *actor* for the item (theirs alone to take on).

        It becomes a repair of *actor*'s own (``kit.repairs``), linked to the item
        (`RepairLinkKind.ACCOUNTABILITY_ITEM`), with the practice the consequence names;
        an aftermath conversation is the repair's five steps with no practice. Then the
        acceptance is recorded on the item (`AccountabilityItem.taken_on_at`): no other
        offer comes for it until its review (`review_held`). The repair is its own commit,
        made first: a refusal of it (a time-out running, a repair of this item open)
        leaves the offer as it was. The repair's id is `AccountabilityItem.repair_id`.

        Raises:
            InvalidInput: *item_id* names no consequence offered to *actor* now.
            NotAllowedNow: either partner has a time-out running (from when it is over), or
                a repair of this item is open.
        """
        actor = check_person_id(actor, "actor")
        agreement = self._visible(agreement_id, actor)
        now = self._runner.now()
        item = next((i for i in agreement.offered_to(actor, now) if i.id == item_id), None)
        if item is None:
            return self._make(agreement_id, actor, "accept_offer", item_id=item_id)  # refused
        relationship = self._runner.relationship(agreement.relationship_id, actor=actor)
        link = RepairLink(kind=RepairLinkKind.ACCOUNTABILITY_ITEM, id=agreement.id, item=item.id)
        practice = (
            None
            if item.consequence is None
            else _practice_for(item.consequence, relationship.settings.of(RepairRules))
        )
        RepairCommands(self._runner)._consequence_may_start(  # noqa: SLF001 - its one caller
            relationship, responsible=actor, link=link, practice=practice, now=now
        )
        return self._make(agreement_id, actor, "accept_offer", item_id=item_id, repair_id=new_id())

    def not_now(
        self, agreement_id: uuid.UUID, *, actor: PersonId, item_id: uuid.UUID
    ) -> AccountabilityAgreement:
        """Answer the consequence offered to *actor* "not now": neutral; it goes to the check-in."""
        return self._make(agreement_id, actor, "not_now", item_id=item_id)

    def review_held(
        self, agreement_id: uuid.UUID, *, actor: PersonId, item_id: uuid.UUID
    ) -> AccountabilityAgreement:
        """Say the item's review was held (either partner): its count starts afresh."""
        return self._make(agreement_id, actor, "review_held", item_id=item_id)


# -- taking on a consequence: the one place this workflow reaches the repairs workflow --

_AS_PRACTICE = {
    ConsequenceKind.FOCUSED_ATTENTION: PracticeKind.FOCUSED_ATTENTION,
    ConsequenceKind.NAMED_SKILL: PracticeKind.NAMED_SKILL,
    ConsequenceKind.EXTRA_CHECK_IN: PracticeKind.EXTRA_CHECK_IN,
    ConsequenceKind.THIRD_PERSON_SESSION: PracticeKind.THIRD_PERSON_SESSION,
}


def _practice_for(consequence: Consequence, rules: RepairRules) -> Practice | None:
    """Return the practice *consequence* asks of the responsible partner, or None.

    Days and minutes it leaves out are the repair's defaults
    (`RepairRules.focused_attention_days` and ``focused_attention_minutes``: the source's
    20 minutes a day for a week).
    """
    kind = _AS_PRACTICE.get(ConsequenceKind(consequence.kind)) if _known(consequence) else None
    if kind is None:
        return None
    minutes = None
    if kind is PracticeKind.FOCUSED_ATTENTION:
        minutes = consequence.minutes or rules.focused_attention_minutes
    return Practice(
        kind=kind,
        days=consequence.days or rules.focused_attention_days,
        minutes=minutes,
        skill=consequence.skill if kind is PracticeKind.NAMED_SKILL else None,
    )


def _known(consequence: Consequence) -> bool:
    return isinstance(consequence.kind, str) and consequence.kind in set(ConsequenceKind)


def _check_becomes_practice(consequence: Consequence | None, relationship: Relationship) -> None:
    """Raise `InvalidInput` now if *consequence* could not become a repair's practice later.

    A named skill must be one of the repairs' skills (`RepairRules.skills`), days and
    minutes within their bounds: an offer accepted must never fail on its own terms.
    """
    if consequence is None:
        return
    rules = relationship.settings.of(RepairRules)
    practice = _practice_for(consequence, rules)
    if practice is not None:
        try:
            check_practice(practice, rules)
        except InvalidInput as refusal:  # named as the caller gave it: the consequence
            field = refusal.field.removeprefix("practice").lstrip(".")
            raise InvalidInput("consequence", f"{field} {refusal.reason}".strip()) from None


def open_taken_on(
    agreement: Any,  # noqa: ANN401 - an AccountabilityAgreement, as the pipeline hands it over
    event: DomainEvent,
    reads: ReactionReads,
) -> Sequence[tuple[Any, int, DomainEvent]]:
    """Open the repair a consequence taken on becomes, in the acceptance's own commit.

    The workflow's reaction to its own `ConsequenceTakenOn` (`WorkflowSpec.reacts_to`):
    the responsible partner's own repair, with the id the acceptance recorded on the
    item, linked to it, with the practice the consequence names. `accept_offer` checked
    before the move that it may open (both calm, no other repair of the item open), so
    the two are stored together or not at all.
    """
    if not isinstance(event, ConsequenceTakenOn) or event.item_id is None:
        return ()
    item = agreement.item(event.item_id)
    relationship = reads.relationship()
    rules = relationship.settings.of(RepairRules)
    practice = None if item.consequence is None else _practice_for(item.consequence, rules)
    repair, opened = RepairCommitment.start(
        relationship_id=agreement.relationship_id,
        responsible=event.actor,
        receiver=relationship.other_partner(event.actor),
        inviter=None,
        link=RepairLink(kind=RepairLinkKind.ACCOUNTABILITY_ITEM, id=agreement.id, item=item.id),
        practice=None if practice is None else check_practice(practice, rules),
        rules=rules,
        time_zone=relationship.settings.time_zone,
        at=event.at,
        id=event.repair_id,
    )
    return ((repair, 0, opened),)
