"""Offered consequences, and what the other partner's copy keeps of them: nothing.

A base of `AccountabilityAgreement` holding the moves around an item's consequence:
repairkit offers it to the responsible partner alone when the item's threshold is met
(`offer`); that partner takes it on (`accept_offer`: it becomes their own repair),
answers "not now" (`not_now`: it waits for the check-in), or lets it lapse
(`lapse_offer`, by the timer); a repair it became ending frees the item
(`repair_ended`), and a review held starts the item's count afresh (`review_held`).

An offer is its partner's alone (docs/safety.md: no counts per person shown to the other
partner). The other partner's copy shows neither the offer nor its lapse, nor that
anything moved at all: such a move is private to the partner it concerns
(`repairkit.core.hidden`), and leaves the other's version, time and deadlines as they
were. Only what the other partner is meant to see is shared: a "not now" that puts the
list on the check-in agenda, and taking the consequence on (a repair both take part in).
"""

from __future__ import annotations

import enum
import uuid
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from repairkit.accountability.events import (
    ConsequenceOffered,
    ConsequenceTakenOn,
    OfferForCheckIn,
    OfferLapsed,
    RepairEnded,
    ReviewHeld,
)
from repairkit.accountability.items import AccountabilityItem, Offer, OfferState
from repairkit.accountability.rules import AccountabilityRules
from repairkit.accountability.table import HOLDING, AgreementState
from repairkit.accountability.terms import in_force
from repairkit.core.entity import WorkflowObject
from repairkit.core.events import DomainEvent
from repairkit.core.hidden import Hidden, hide, unseen_by
from repairkit.core.values import SYSTEM, PersonId
from repairkit.errors import InvalidInput

__all__ = ["ItemOffers"]

Ev = TypeVar("Ev", bound=DomainEvent)


class ItemOffers(WorkflowObject):
    """The moves around offered consequences; `AccountabilityAgreement` holds the fields."""

    if not TYPE_CHECKING:  # slotted at run time; mypy then allows the fields' assignment
        __slots__ = ()

    rules: AccountabilityRules
    state: AgreementState
    version: int
    items: tuple[AccountabilityItem, ...]
    hidden: tuple[Hidden, ...]
    shared_at: datetime | None

    def item(self, item_id: uuid.UUID) -> AccountabilityItem:
        """Return the item *item_id*, or raise `InvalidInput` (alike for any reader)."""
        for item in self.items:
            if item.id == item_id:
                return item
        raise InvalidInput("item_id", "names no item of this list.")

    def offered_to(
        self, person: PersonId, at: datetime | None = None
    ) -> tuple[AccountabilityItem, ...]:
        """Return the items whose consequence is offered to *person* (and not lapsed at *at*).

        An offer whose kind the rules in force no longer know (an app's own kind, once a
        partner withdrew consent from the settings carrying it) is offered no more.
        """
        return tuple(
            i
            for i in self.items
            if (offer := i.offer_to(person)) is not None
            and (at is None or at < offer.lapses_at)
            and in_force(i.consequence, self.rules.extra_kinds)
        )

    def version_seen_by(self, person: PersonId) -> int:
        """Return the version *person* knows it at: moves private to the other left out."""
        return self.version - unseen_by(self.hidden, person)

    # -- time and conditions -----------------------------------------------------------

    def _lapses_at(self, item: AccountabilityItem, offer: Offer) -> datetime:
        """When *offer* of *item* lapses: at its time, or at once if its kind is out of force."""
        if in_force(item.consequence, self.rules.extra_kinds):
            return offer.lapses_at
        return offer.made_at  # consent to the settings carrying its kind was withdrawn

    @property
    def offer_lapses_at(self) -> datetime | None:
        """When the earliest offered consequence lapses, if one is offered."""
        return min((self._lapses_at(i, o) for i in self.items for o in i.offers), default=None)

    def offer_waits(self, at: datetime) -> bool:
        """Guard: an offer answered "not now" still waits for the check-in after *at*."""
        return any(
            o.state is OfferState.FOR_CHECK_IN and o.lapses_at > at
            for i in self.items
            for o in i.offers
        )

    # -- recording ---------------------------------------------------------------------

    def _event(
        self,
        cls: type[Ev],
        actor: PersonId,
        at: datetime,
        before: enum.StrEnum | None,
        **data: Any,  # noqa: ANN401 - each event type has its own fields
    ) -> Ev:
        """Record the move, made where both may see it (`_concerning` makes one that is not)."""
        event = super()._event(cls, actor, at, before, **data)
        self.shared_at = at
        return event

    def _concerning(
        self, person: PersonId, event: Ev, before: enum.StrEnum, shared_before: datetime | None
    ) -> Ev:
        """Make an offer's move private to *person* when nothing the other sees moved.

        The other partner's copy shows no open offer of *person*'s: unless the list's
        state moved (off the check-in agenda, which both see), it keeps its version and
        time as they were.
        """
        if before is not self.state:
            return event
        self.shared_at = shared_before
        self.hidden = hide(self.hidden, person, event.at)
        return attrs.evolve(event, private_to=person)

    def _settle(
        self, trigger: str, at: datetime, items: tuple[AccountabilityItem, ...]
    ) -> enum.StrEnum:
        """Replace the items, then fire *trigger*: its row sees what still waits."""
        kept = self.items
        self.items = items
        try:
            return self._fire(trigger, at)
        except Exception:  # pragma: no cover - the rows cover every case
            self.items = kept
            raise

    # -- offers -------------------------------------------------------------------------

    def offer(self, *, item_id: uuid.UUID, to: PersonId, at: datetime) -> ConsequenceOffered:
        """Offer the item's consequence to *to* alone (repairkit, when its threshold is met)."""
        at = self._begin("offer", SYSTEM, at)
        item = self.item(item_id)
        if not item.open_for_offer_to(to) or not in_force(item.consequence, self.rules.extra_kinds):
            raise InvalidInput("item_id", "names no item open for an offer now.")
        lapses = at + timedelta(days=self.rules.offer_days)
        offer = Offer(to=to, made_at=at, lapses_at=lapses)
        offered = attrs.evolve(item, offers=(*item.offers, offer))
        shared_before = self.shared_at
        before = self._fire("offer", at)
        self.items = tuple(offered if i.id == item.id else i for i in self.items)
        event = self._event(ConsequenceOffered, SYSTEM, at, before, to=to)
        return self._concerning(to, event, before, shared_before)

    def _offered(
        self, actor: PersonId, item_id: uuid.UUID, at: datetime
    ) -> tuple[AccountabilityItem, Offer]:
        item = self.item(item_id) if isinstance(item_id, uuid.UUID) else None
        offer = None if item is None else item.offer_to(actor)
        if item is None or offer is None or item not in self.offered_to(actor, at):
            raise InvalidInput("item_id", "names no consequence offered to you now.")
        return item, offer

    def accept_offer(
        self,
        *,
        actor: PersonId,
        at: datetime,
        item_id: uuid.UUID,
        repair_id: uuid.UUID | None = None,
    ) -> ConsequenceTakenOn:
        """Take on the offered consequence (only the partner it is offered to).

        *repair_id* is the repair it became (`AccountabilityCommands.accept_offer`): both
        take part in it, so both see this move.
        """
        at = self._begin("accept_offer", actor, at)
        item, _ = self._offered(actor, item_id, at)
        # One open repair an item (no stacking): an offer the other partner had of it
        # ends with this move, which both see, until that repair ends.
        taken = attrs.evolve(item, offers=(), taken_on_at=at, repair_id=repair_id)
        items = tuple(taken if i.id == item.id else i for i in self.items)
        before = self._settle("accept_offer", at, items)
        return self._event(
            ConsequenceTakenOn, actor, at, before, item_id=item.id, repair_id=repair_id
        )

    def not_now(self, *, actor: PersonId, at: datetime, item_id: uuid.UUID) -> OfferForCheckIn:
        """Answer an offered consequence "not now": neutral; it waits for the check-in.

        Shared, always: what waits for the check-in is the couple's to see there (naming
        nobody). A quiet "not now" would show later anyway, when the list stays on the
        agenda after the other's own offer is settled.
        """
        at = self._begin("not_now", actor, at)
        item, offer = self._offered(actor, item_id, at)
        if offer.state is not OfferState.OPEN:
            raise InvalidInput("item_id", "names an offer that waits for the check-in already.")
        answered = attrs.evolve(offer, state=OfferState.FOR_CHECK_IN)
        waiting = attrs.evolve(
            item, offers=tuple(answered if o is offer else o for o in item.offers)
        )
        before = self._fire("not_now", at)
        self.items = tuple(waiting if i.id == item.id else i for i in self.items)
        return self._event(OfferForCheckIn, actor, at, before)

    def lapse_offer(self, *, actor: PersonId, at: datetime) -> OfferLapsed:
        """Let the earliest due offer lapse, neutrally (repairkit, by the timer).

        One partner's offers at a time (the timer comes again for the other's): a lapse
        is its partner's alone unless the list leaves the check-in agenda.
        """
        at = self._begin("lapse_offer", actor, at)
        lapsing = [
            (self._lapses_at(i, o), o)
            for i in self.items
            for o in i.offers
            if self._lapses_at(i, o) <= at
        ]
        to = min(lapsing, key=lambda pair: pair[0])[1].to
        gone = [o for _, o in lapsing if o.to == to]
        shared_before = self.shared_at
        before = self._fire("lapse_offer", at)  # its time guard reads the offers before
        self.items = tuple(
            attrs.evolve(i, offers=tuple(o for o in i.offers if o not in gone))
            if any(o in gone for o in i.offers)
            else i
            for i in self.items
        )
        event = self._event(OfferLapsed, actor, at, before)
        return self._concerning(to, event, before, shared_before)

    def repair_ended(
        self, *, item_id: uuid.UUID, at: datetime, completed: bool
    ) -> RepairEnded | None:
        """The repair the item's consequence became ended (repairkit, in the repair's commit).

        Completed after its joint review, the item's count starts afresh (a review); closed,
        only its place is freed. None when the item no longer waits on that repair.
        """
        item = next((i for i in self.items if i.id == item_id), None)
        if item is None or item.taken_on_at is None or self.state not in HOLDING:
            return None
        at = self._begin("repair_ended", SYSTEM, at)
        freed = attrs.evolve(
            item,
            taken_on_at=None,
            repair_id=None,
            counts_from=at if completed else item.counts_from,
        )
        before = self._fire("repair_ended", at)
        self.items = tuple(freed if i.id == item.id else i for i in self.items)
        return self._event(RepairEnded, SYSTEM, at, before, item_id=item.id, completed=completed)

    def review_held(self, *, actor: PersonId, at: datetime, item_id: uuid.UUID) -> ReviewHeld:
        """Say an item's review was held: its count starts afresh, and it may offer again."""
        at = self._begin("review_held", actor, at)
        item = self.item(item_id) if isinstance(item_id, uuid.UUID) else None
        if item is None or not reviewable(item, at):
            raise InvalidInput(
                "item_id",
                "names no item whose review can be noted now: one that holds, with no"
                " consequence taken on (its repair's own review resets it), reviewed at"
                " most once a day.",
            )
        before = self._fire("review_held", at)
        reset = attrs.evolve(item, counts_from=at)
        self.items = tuple(reset if i.id == item.id else i for i in self.items)
        return self._event(ReviewHeld, actor, at, before)


def reviewable(item: AccountabilityItem, at: datetime) -> bool:
    """Whether a review of *item* may be noted at *at* (`ItemOffers.review_held`).

    It holds, no consequence taken on waits on it (its repair's own review resets it: no
    stacking is ever undone), and it was not reviewed that day already (each note tells
    both partners: once a day is the most it can reach them; repairkit's own). An offer
    open to one partner does not hold it back: the other could tell by it that one was
    made; the offer stays as it was.
    """
    return item.holds and item.taken_on_at is None and item.counts_from.date() != at.date()
