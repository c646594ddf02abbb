"""The AccountabilityAgreement's events, each with its stable tag ("accountability.agreed").

Events carry no wording and no item: the list lives on the object, which only the two
partners may read, and an offer is seen only by the partner it is offered to.
"""

from __future__ import annotations

import uuid

import attrs

from repairkit.core.events import DomainEvent
from repairkit.core.leaving import ClosedByLeaving
from repairkit.core.values import PersonId

__all__ = [
    "AGREEMENT_EVENTS",
    "AgreementAgreed",
    "AgreementClosedByLeaving",
    "AgreementDeclined",
    "AgreementEnded",
    "AgreementProposed",
    "AgreementWithdrawn",
    "ChangeAgreed",
    "ChangeProposed",
    "ChangeWithdrawn",
    "ConsequenceOffered",
    "ConsequenceTakenOn",
    "CurrentListKept",
    "ItemConsentWithdrawn",
    "OfferForCheckIn",
    "OfferLapsed",
    "RepairEnded",
    "ReviewHeld",
]


@attrs.frozen(kw_only=True)
class AgreementProposed(DomainEvent):
    """A partner proposed a list of behaviours both would hold themselves to."""

    TAG = "accountability.proposed"


@attrs.frozen(kw_only=True)
class AgreementAgreed(DomainEvent):
    """Both agreed: the list holds."""

    TAG = "accountability.agreed"


@attrs.frozen(kw_only=True)
class AgreementDeclined(DomainEvent):
    """The partner asked said no to the list: neutral, counted nowhere."""

    TAG = "accountability.declined"


@attrs.frozen(kw_only=True)
class AgreementWithdrawn(DomainEvent):
    """The proposer took the list back before agreement."""

    TAG = "accountability.withdrawn"


@attrs.frozen(kw_only=True)
class ChangeProposed(DomainEvent):
    """A partner proposed a change of the list (add, revise or remove an item)."""

    TAG = "accountability.change_proposed"


@attrs.frozen(kw_only=True)
class ChangeAgreed(DomainEvent):
    """Both agreed to the change: it holds now."""

    TAG = "accountability.change_agreed"


@attrs.frozen(kw_only=True)
class CurrentListKept(DomainEvent):
    """The partner asked said no to the proposed change: neutral; the list holds as it was."""

    TAG = "accountability.current_kept"


@attrs.frozen(kw_only=True)
class ChangeWithdrawn(DomainEvent):
    """The partner who proposed the change took it back before an answer: nothing changed."""

    TAG = "accountability.change_withdrawn"


@attrs.frozen(kw_only=True)
class ItemConsentWithdrawn(DomainEvent):
    """A partner withdrew consent from an item: it no longer holds, from now on."""

    TAG = "accountability.item_consent_withdrawn"


@attrs.frozen(kw_only=True)
class AgreementEnded(DomainEvent):
    """A partner withdrew consent from the whole list: it no longer holds."""

    TAG = "accountability.ended"


@attrs.frozen(kw_only=True)
class ConsequenceOffered(DomainEvent):
    """An item's threshold was met: its consequence is offered to the responsible partner alone.

    Private to that partner (`DomainEvent.private_to`), like a lapse nobody else sees.
    """

    TAG = "accountability.consequence_offered"

    to: PersonId


@attrs.frozen(kw_only=True)
class ConsequenceTakenOn(DomainEvent):
    """The responsible partner took on the offered consequence: it became their repair.

    The repair opens in the same commit (`AccountabilityCommands.accept_offer`).
    """

    TAG = "accountability.consequence_taken_on"

    item_id: uuid.UUID | None = None
    """The item whose consequence was taken on."""
    repair_id: uuid.UUID | None = None
    """The repair it became (`AccountabilityItem.repair_id`)."""


@attrs.frozen(kw_only=True)
class OfferForCheckIn(DomainEvent):
    """The responsible partner answered "not now": neutral; it waits for the check-in."""

    TAG = "accountability.offer_not_now"


@attrs.frozen(kw_only=True)
class OfferLapsed(DomainEvent):
    """An offered consequence lapsed unanswered, neutrally."""

    TAG = "accountability.offer_lapsed"


@attrs.frozen(kw_only=True)
class ReviewHeld(DomainEvent):
    """An item's review was held: its count starts afresh."""

    TAG = "accountability.review_held"


@attrs.frozen(kw_only=True)
class RepairEnded(DomainEvent):
    """The repair an item's consequence became ended: the item may offer again.

    Completed after its joint review, the item's count starts afresh; closed, only the
    place is freed (nothing was reviewed).
    """

    TAG = "accountability.repair_ended"
    item_id: uuid.UUID
    completed: bool


AGREEMENT_EVENTS: tuple[type[DomainEvent], ...] = (
    AgreementProposed,
    AgreementAgreed,
    AgreementDeclined,
    AgreementWithdrawn,
    ChangeProposed,
    ChangeAgreed,
    CurrentListKept,
    ChangeWithdrawn,
    ItemConsentWithdrawn,
    AgreementEnded,
    ConsequenceOffered,
    ConsequenceTakenOn,
    OfferForCheckIn,
    OfferLapsed,
    ReviewHeld,
    RepairEnded,
)
"""Every event type the AccountabilityAgreement workflow records."""


@attrs.frozen(kw_only=True)
class AgreementClosedByLeaving(ClosedByLeaving):
    """A partner left the relationship: the list was closed, neutrally, for both."""

    TAG = "accountability.closed_by_leaving"
