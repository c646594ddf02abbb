"""The items of an accountability agreement: what one proposes, what holds, what is offered.

An item is a behaviour in words that binds both partners (by default) or one of them;
it may name a boundary (crossings of it by a bound partner are what counts) and a
restorative consequence (`repairkit.accountability.terms`) offered when its threshold
is met. Items are frozen values: the agreement replaces one to change it.
"""

from __future__ import annotations

import enum
import uuid
from collections.abc import Sequence
from datetime import datetime

import attrs

from repairkit.accountability.rules import AccountabilityRules
from repairkit.accountability.terms import Consequence, check_consequence
from repairkit.core.restorative import folded
from repairkit.core.suggestions import words
from repairkit.core.values import PersonId, check_id, check_text, new_id
from repairkit.errors import InvalidInput

__all__ = [
    "AccountabilityItem",
    "ChangeKind",
    "ItemTerms",
    "Offer",
    "OfferState",
    "ProposedChange",
    "applied_change",
    "check_terms",
    "checked_change",
    "new_item",
]


@attrs.frozen(kw_only=True)
class ItemTerms:
    """One item as a partner proposes it (`AccountabilityCommands.propose`)."""

    behaviour: str
    """What the bound partner(s) hold themselves to ("no raised voices in an argument")."""
    binds: PersonId | None = None
    """The one partner it binds, or None for both (the default)."""
    boundary_id: uuid.UUID | None = None
    """A boundary of the relationship whose counted crossings count for this item."""
    consequence: Consequence | None = None
    """The restorative consequence offered when the threshold is met, if any."""
    threshold: int | None = None
    """Counted crossings within the window that meet it (`AccountabilityRules.threshold`)."""
    window_days: int | None = None
    """The rolling window of its count (`AccountabilityRules.window_days`)."""


class OfferState(enum.StrEnum):
    """Where an offered consequence stands."""

    OPEN = "open"
    """Offered to the responsible partner; their answer is awaited."""
    FOR_CHECK_IN = "for the check-in"
    """Answered "not now": it waits for the check-in, until it lapses."""


@attrs.frozen(kw_only=True)
class Offer:
    """A consequence offered to the responsible partner: a proposal, never imposed."""

    to: PersonId
    """The responsible partner: the only one who can take it on."""
    made_at: datetime
    lapses_at: datetime
    """When it lapses, neutrally, if not taken on."""
    state: OfferState = OfferState.OPEN


@attrs.frozen(kw_only=True)
class AccountabilityItem:
    """One behaviour on the list, as it holds."""

    id: uuid.UUID
    behaviour: str
    binds: tuple[PersonId, ...]
    """The partners it binds: both, or the one who said yes to it."""
    boundary_id: uuid.UUID | None = None
    consequence: Consequence | None = None
    threshold: int
    window_days: int
    counts_from: datetime
    """Only crossings after this instant count: it holds since then, or was reviewed."""
    withdrawn_by: PersonId | None = None
    """The partner who withdrew consent from it, if any: it no longer holds."""
    offers: tuple[Offer, ...] = ()
    """The consequence offered now, at most once to each partner it binds; each partner's
    copy holds their own offer alone."""
    taken_on_at: datetime | None = None
    """When the responsible partner took on its consequence; until a review, no other offer."""
    repair_id: uuid.UUID | None = None
    """The repair its consequence became when taken on (``kit.repairs``), until its review."""

    @property
    def holds(self) -> bool:
        """Return whether the item holds (nobody withdrew consent from it)."""
        return self.withdrawn_by is None

    @property
    def offer(self) -> Offer | None:
        """The offer this copy shows: in a partner's copy, the one offered to them, if any."""
        return self.offers[0] if self.offers else None

    def offer_to(self, person: PersonId) -> Offer | None:
        """Return the consequence offered to *person* now, if any."""
        return next((o for o in self.offers if o.to == person), None)

    def open_for_offer_to(self, person: PersonId) -> bool:
        """Return whether the consequence may be offered to *person* now: no stacking.

        Nothing offered to them yet, and no consequence of it taken on. An offer open to
        the other partner holds theirs back no more than it shows to them.
        """
        return (
            self.holds
            and person in self.binds
            and self.consequence is not None
            and self.boundary_id is not None
            and self.offer_to(person) is None
            and self.taken_on_at is None
        )


class ChangeKind(enum.StrEnum):
    """What a proposed change does to the list."""

    ADD = "add"
    REVISE = "revise"
    REMOVE = "remove"


@attrs.frozen(kw_only=True)
class ProposedChange:
    """A change of the list one partner proposed, awaiting the other's answer."""

    kind: ChangeKind
    by: PersonId
    item_id: uuid.UUID | None = None
    """The item revised or removed (None when adding)."""
    terms: ItemTerms | None = None
    """The item's new terms (None when removing)."""


def check_terms(
    terms: ItemTerms, partners: Sequence[PersonId], rules: AccountabilityRules
) -> ItemTerms:
    """Return *terms* checked: words, who it binds, the consequence from the closed set."""
    if not isinstance(terms, ItemTerms):
        raise InvalidInput("items", "needs ItemTerms for each item.")
    behaviour = check_text(terms.behaviour, "behaviour", max_length=rules.max_text_length) or ""
    if terms.binds is not None and terms.binds not in partners:
        raise InvalidInput("binds", "names one of the two partners, or None for both.")
    boundary = None if terms.boundary_id is None else check_id(terms.boundary_id, "boundary_id")
    consequence = check_consequence(terms.consequence, rules.extra_kinds, max_days=rules.max_days)
    for name, value, low, high in (
        ("threshold", terms.threshold, 2, 20),
        ("window_days", terms.window_days, 1, 90),
    ):
        if value is not None and (
            not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high
        ):
            raise InvalidInput(
                name, "needs a whole number from {low} to {high}.", low=low, high=high
            )
    if consequence is not None and boundary is None:
        raise InvalidInput(
            "consequence", "needs a boundary_id: only counted crossings of it can meet a threshold."
        )
    return attrs.evolve(terms, behaviour=behaviour, boundary_id=boundary, consequence=consequence)


def check_distinct(
    items: Sequence[ItemTerms | AccountabilityItem], partners: Sequence[PersonId]
) -> None:
    """Refuse two items that bind one partner to one behaviour, or to one boundary.

    Behaviours are the same whatever their case, spacing or look-alikes. Two items on
    one boundary binding one partner would count each of their crossings twice: one
    lapse, two consequences (stacking). Items binding different partners may share both.
    """
    for n, first in enumerate(items):
        for second in items[n + 1 :]:
            if not set(_bound(first, partners)) & set(_bound(second, partners)):
                continue
            if words(folded(first.behaviour)) == words(folded(second.behaviour)):
                raise InvalidInput(
                    "items", "binds a partner to the same behaviour twice; one item is enough."
                )
            if first.boundary_id is not None and first.boundary_id == second.boundary_id:
                raise InvalidInput(
                    "boundary_id",
                    "names a boundary another item counts for the same partner already.",
                )


def _bound(item: ItemTerms | AccountabilityItem, partners: Sequence[PersonId]) -> tuple[str, ...]:
    if isinstance(item, AccountabilityItem):
        return item.binds
    return tuple(partners) if item.binds is None else (item.binds,)


def new_item(
    terms: ItemTerms, partners: Sequence[PersonId], rules: AccountabilityRules, at: datetime
) -> AccountabilityItem:
    """Return the item *terms* (checked already) make, holding from *at*."""
    return AccountabilityItem(
        id=new_id(),
        behaviour=terms.behaviour,
        binds=tuple(partners) if terms.binds is None else (terms.binds,),
        boundary_id=terms.boundary_id,
        consequence=terms.consequence,
        threshold=rules.threshold if terms.threshold is None else terms.threshold,
        window_days=rules.window_days if terms.window_days is None else terms.window_days,
        counts_from=at,
    )


def _room(items: Sequence[AccountabilityItem], rules: AccountabilityRules) -> None:
    """Refuse an item more when `AccountabilityRules.max_items` hold already."""
    if sum(1 for i in items if i.holds) >= rules.max_items:
        raise InvalidInput(
            "items", "holds at most {max_items} items already.", max_items=rules.max_items
        )


def checked_change(
    items: Sequence[AccountabilityItem],
    by: PersonId,
    *,
    kind: ChangeKind | str,
    item_id: uuid.UUID | None,
    terms: ItemTerms | None,
    partners: Sequence[PersonId],
    rules: AccountabilityRules,
) -> ProposedChange:
    """Return the change *by* proposes, checked: its kind, its item, its terms, the room left."""
    try:
        checked = ChangeKind(kind)
    except ValueError:
        raise InvalidInput("kind", "is one of: add, revise, remove.") from None
    if checked is not ChangeKind.ADD and not any(i.id == item_id for i in items):
        raise InvalidInput("item_id", "names no item of this list.")
    if checked is ChangeKind.REMOVE:
        return ProposedChange(kind=checked, by=by, item_id=item_id)
    if terms is None:
        raise InvalidInput("terms", "says what the item holds.")
    terms = check_terms(terms, partners, rules)
    if checked is ChangeKind.ADD:
        _room(items, rules)
        item_id = None
    others = [i for i in items if i.holds and i.id != item_id]
    check_distinct([*others, terms], partners)
    return ProposedChange(kind=checked, by=by, item_id=item_id, terms=terms)


def applied_change(
    items: tuple[AccountabilityItem, ...],
    change: ProposedChange,
    *,
    partners: Sequence[PersonId],
    rules: AccountabilityRules,
    at: datetime,
) -> tuple[AccountabilityItem, ...]:
    """Return *items* with *change* made: an item added or revised holds (and counts) from *at*."""
    if change.kind is ChangeKind.REMOVE:
        return tuple(i for i in items if i.id != change.item_id)
    assert change.terms is not None  # noqa: S101 - an addition or a revision has terms
    made = new_item(change.terms, partners, rules, at)
    if change.kind is ChangeKind.ADD:
        _room(items, rules)
        return (*items, made)
    return tuple(attrs.evolve(made, id=i.id) if i.id == change.item_id else i for i in items)
