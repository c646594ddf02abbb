"""The Request workflow's events, each with its stable tag ("request.accepted")."""

from __future__ import annotations

import enum
from datetime import date

import attrs

from repairkit.core.events import DomainEvent
from repairkit.core.values import PersonId, TimeBox

__all__ = [
    "REQUEST_EVENTS",
    "AlternativeProposed",
    "CompletionReason",
    "EndingProposed",
    "FollowThroughRecorded",
    "KeptGoing",
    "NegotiationResumed",
    "RequestAccepted",
    "RequestCompleted",
    "RequestContentEvent",
    "RequestDeclined",
    "RequestDrafted",
    "RequestProposed",
    "RequestRevised",
    "RequestWithdrawn",
    "SteppedBack",
]


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

    TAG = "request.drafted"

    recipient: PersonId


@attrs.frozen(kw_only=True)
class RequestRevised(RequestContentEvent):
    """The asker changed the draft."""

    TAG = "request.revised"


@attrs.frozen(kw_only=True)
class RequestProposed(RequestContentEvent):
    """The asker sent the request to the other partner; it carries what was sent."""

    TAG = "request.proposed"

    recipient: PersonId


@attrs.frozen(kw_only=True)
class AlternativeProposed(DomainEvent):
    """A partner answered the latest offer with another way to meet the need."""

    TAG = "request.alternative_proposed"

    ask: str
    round: int
    """1 for the first alternative; counts restart when negotiation resumes."""
    time_box: TimeBox | None
    """The dates the alternative would apply (those of the offer it answers unless changed)."""


@attrs.frozen(kw_only=True)
class NegotiationResumed(DomainEvent):
    """A partner reopened a stalled negotiation (for example after a check-in)."""

    TAG = "request.resumed"


@attrs.frozen(kw_only=True)
class RequestAccepted(DomainEvent):
    """The awaited partner said yes to the latest offer."""

    TAG = "request.accepted"

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

    TAG = "request.declined"

    reason: str | None


@attrs.frozen(kw_only=True)
class RequestWithdrawn(DomainEvent):
    """The asker withdrew the request before agreement (or discarded a draft)."""

    TAG = "request.withdrawn"


@attrs.frozen(kw_only=True)
class FollowThroughRecorded(DomainEvent):
    """A partner marked one occurrence of an agreed request as kept or missed."""

    TAG = "request.follow_through_recorded"

    occurrence: date
    kept: bool


@attrs.frozen(kw_only=True)
class EndingProposed(DomainEvent):
    """A partner suggested the agreed request has done its work."""

    TAG = "request.ending_proposed"


@attrs.frozen(kw_only=True)
class KeptGoing(DomainEvent):
    """A partner preferred to keep the agreed request going."""

    TAG = "request.kept_going"


class CompletionReason(enum.StrEnum):
    """Why an agreed request completed."""

    BOTH_AGREED = "both agreed"
    TIME_BOX_ENDED = "time box ended"


@attrs.frozen(kw_only=True)
class RequestCompleted(DomainEvent):
    """The agreed request ended: both agreed, or its time box ended."""

    TAG = "request.completed"

    because: CompletionReason


@attrs.frozen(kw_only=True)
class SteppedBack(DomainEvent):
    """A partner stepped back from the agreement; recorded neutrally, counted nowhere."""

    TAG = "request.stepped_back"


REQUEST_EVENTS: tuple[type[DomainEvent], ...] = (
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
    SteppedBack,
)
"""Every event type the Request workflow records."""
