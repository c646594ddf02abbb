"""Domain events: what happened, who did it, when, and between which states.

Every command appends exactly one event. Events are frozen values; storage keeps
them in order, queryable per object and per relationship.
"""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime

import attrs

from repairkit.domain.settings import RelationshipSettings
from repairkit.domain.values import PersonId, TimeBox

__all__ = [
    "AlternativeProposed",
    "CompletionReason",
    "DomainEvent",
    "EndingProposed",
    "FollowThroughRecorded",
    "KeptGoing",
    "NegotiationResumed",
    "RelationshipStarted",
    "RequestAccepted",
    "RequestCompleted",
    "RequestContentEvent",
    "RequestDeclined",
    "RequestDrafted",
    "RequestProposed",
    "RequestRevised",
    "RequestWithdrawn",
    "SettingsChanged",
]


@attrs.frozen(kw_only=True)
class DomainEvent:
    """The fields every event has."""

    id: uuid.UUID
    subject_id: uuid.UUID
    """The id of the object that changed."""
    relationship_id: uuid.UUID
    actor: PersonId
    at: datetime
    from_state: str | None
    """None when the object was created by this event."""
    to_state: str
    version: int
    """The object's version after this event (1 for the event that created it)."""
    private_to: PersonId | None = None
    """When set, only this person may see the event (for example a draft not yet sent)."""


# Relationship -----------------------------------------------------------------


@attrs.frozen(kw_only=True)
class RelationshipStarted(DomainEvent):
    """Two partners started using repairkit together."""

    partners: tuple[PersonId, PersonId]
    settings: RelationshipSettings


@attrs.frozen(kw_only=True)
class SettingsChanged(DomainEvent):
    """A partner changed the relationship's settings."""

    settings: RelationshipSettings


# Request ------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class RequestContentEvent(DomainEvent):
    """An event that carries the whole content of a request."""

    need: str
    ask: str
    observation: str | None
    time_box: TimeBox | None


@attrs.frozen(kw_only=True)
class RequestDrafted(RequestContentEvent):
    """The asker wrote a request down (not yet sent)."""

    recipient: PersonId


@attrs.frozen(kw_only=True)
class RequestRevised(RequestContentEvent):
    """The asker changed the draft."""


@attrs.frozen(kw_only=True)
class RequestProposed(RequestContentEvent):
    """The asker sent the request to the other partner; it carries what was sent."""

    recipient: PersonId


@attrs.frozen(kw_only=True)
class AlternativeProposed(DomainEvent):
    """A partner answered the latest offer with another way to meet the need."""

    ask: str
    round: int
    """1 for the first alternative; counts restart when negotiation resumes."""
    time_box: TimeBox | None
    """The dates the alternative would apply (those of the offer it answers unless changed)."""


@attrs.frozen(kw_only=True)
class NegotiationResumed(DomainEvent):
    """A partner reopened a stalled negotiation (for example after a check-in)."""


@attrs.frozen(kw_only=True)
class RequestAccepted(DomainEvent):
    """The awaited partner said yes to the latest offer."""

    ask: str
    """The terms agreed."""
    offered_by: PersonId
    round: int
    """0 when the original request was accepted, else the alternative's round."""
    time_box: TimeBox | None
    """The dates agreed."""


@attrs.frozen(kw_only=True)
class RequestDeclined(DomainEvent):
    """The recipient said no. A legitimate outcome, never counted against anyone."""

    reason: str | None


@attrs.frozen(kw_only=True)
class RequestWithdrawn(DomainEvent):
    """The asker withdrew the request before agreement (or discarded a draft)."""


@attrs.frozen(kw_only=True)
class FollowThroughRecorded(DomainEvent):
    """A partner marked one occurrence of an agreed request as kept or missed."""

    occurrence: date
    kept: bool


@attrs.frozen(kw_only=True)
class EndingProposed(DomainEvent):
    """A partner suggested the agreed request has done its work."""


@attrs.frozen(kw_only=True)
class KeptGoing(DomainEvent):
    """A partner preferred to keep the agreed request going."""


class CompletionReason(enum.StrEnum):
    """Why an agreed request completed."""

    BOTH_AGREED = "both agreed"
    TIME_BOX_ENDED = "time box ended"


@attrs.frozen(kw_only=True)
class RequestCompleted(DomainEvent):
    """The agreed request ended: both agreed, or its time box ended."""

    because: CompletionReason


ALL_EVENT_TYPES: tuple[type[DomainEvent], ...] = (
    RelationshipStarted,
    SettingsChanged,
    RequestDrafted,
    RequestRevised,
    RequestProposed,
    AlternativeProposed,
    NegotiationResumed,
    RequestAccepted,
    RequestDeclined,
    RequestWithdrawn,
    FollowThroughRecorded,
    EndingProposed,
    KeptGoing,
    RequestCompleted,
)
"""Every concrete event type, for serializers (a tagged union keyed by class name)."""
