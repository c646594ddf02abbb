"""The facilitator's events, each with its stable tag ("facilitator.invited").

Events carry no words: what the facilitator wrote lives on the `Facilitator`, which only
the two partners and, while invited, the facilitator may read. The events that reach the
facilitator name them (``facilitator``), so that their notice can be worded for them.
"""

from __future__ import annotations

import attrs

from repairkit.core.events import DomainEvent
from repairkit.core.leaving import ClosedByLeaving
from repairkit.core.values import PersonId

__all__ = [
    "FACILITATOR_EVENTS",
    "ConsentSet",
    "FacilitatorClosedByLeaving",
    "FacilitatorDeclined",
    "FacilitatorEntryRemoved",
    "FacilitatorInvited",
    "FacilitatorProposed",
    "FacilitatorRemoved",
    "FacilitatorSteppedDown",
    "FacilitatorWithdrawn",
    "ReflectionShared",
    "SuggestionShared",
]


@attrs.frozen(kw_only=True)
class FacilitatorProposed(DomainEvent):
    """A partner proposed inviting a third person; the other's answer is awaited."""

    TAG = "facilitator.proposed"


@attrs.frozen(kw_only=True)
class FacilitatorInvited(DomainEvent):
    """The other partner agreed: the third person takes part from now on."""

    TAG = "facilitator.invited"
    facilitator: PersonId | None = None
    """The third person, so that their notice is worded for them."""


@attrs.frozen(kw_only=True)
class FacilitatorDeclined(DomainEvent):
    """The partner asked said no: neutral, counted nowhere."""

    TAG = "facilitator.declined"


@attrs.frozen(kw_only=True)
class FacilitatorWithdrawn(DomainEvent):
    """The proposer took the proposal back before an answer."""

    TAG = "facilitator.withdrawn"


@attrs.frozen(kw_only=True)
class ConsentSet(DomainEvent):
    """A partner set what they consent to share with the third person (their own part)."""

    TAG = "facilitator.consent_set"


@attrs.frozen(kw_only=True)
class FacilitatorRemoved(DomainEvent):
    """A partner ended the third person's part, alone and at once."""

    TAG = "facilitator.removed"
    facilitator: PersonId | None = None
    """The third person, so that their notice is worded for them (naming no partner)."""


@attrs.frozen(kw_only=True)
class FacilitatorSteppedDown(DomainEvent):
    """The third person ended their own part."""

    TAG = "facilitator.stepped_down"


@attrs.frozen(kw_only=True)
class ReflectionShared(DomainEvent):
    """The third person reflected back what they heard, as an entry of their own."""

    TAG = "facilitator.reflection_shared"
    TELLS_NEWS = True  # the facilitator may write again and again: every entry is counted


@attrs.frozen(kw_only=True)
class SuggestionShared(DomainEvent):
    """The third person offered a suggestion, as an entry of their own."""

    TAG = "facilitator.suggestion_shared"
    TELLS_NEWS = True


@attrs.frozen(kw_only=True)
class FacilitatorEntryRemoved(DomainEvent):
    """The third person took one of their own entries out."""

    TAG = "facilitator.entry_removed"


@attrs.frozen(kw_only=True)
class FacilitatorClosedByLeaving(ClosedByLeaving):
    """A partner left the relationship: closed, neutrally, for everyone."""

    TAG = "facilitator.closed_by_leaving"
    facilitator: PersonId | None = None
    """The third person, told (naming no one) that their part has ended."""


FACILITATOR_EVENTS: tuple[type[DomainEvent], ...] = (
    FacilitatorProposed,
    FacilitatorInvited,
    ConsentSet,
    ReflectionShared,
    SuggestionShared,
    FacilitatorEntryRemoved,
)
"""The events no row names (the table's rows add the rest)."""
