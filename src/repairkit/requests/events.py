"""The Request workflow's events, each with its stable tag ("request.accepted")."""

from __future__ import annotations

import enum
from datetime import date

import attrs

from repairkit.core.events import DomainEvent
from repairkit.core.leaving import ClosedByLeaving
from repairkit.core.timebox import TimeBox
from repairkit.core.values import PersonId

__all__ = [
    "REQUEST_EVENTS",
    "AgreementHeld",
    "AgreementResumed",
    "AlternativeProposed",
    "CompletionReason",
    "EndingProposed",
    "FollowThroughCorrected",
    "FollowThroughRecorded",
    "KeptGoing",
    "MissNoticed",
    "NegotiationResumed",
    "NoticeAcknowledged",
    "NoticeWithdrawn",
    "ReopeningDeclined",
    "ReopeningProposed",
    "RequestAccepted",
    "RequestClosedByLeaving",
    "RequestCompleted",
    "RequestContentEvent",
    "RequestDeclined",
    "RequestDrafted",
    "RequestProposed",
    "RequestRevised",
    "RequestWithdrawn",
    "ResumingDeclined",
    "ResumingProposed",
    "Reviewed",
    "SeenDifferently",
    "SetAside",
    "SteppedBack",
]


@attrs.frozen(kw_only=True)
class RequestContentEvent(DomainEvent):
    """An event that carries the whole content of a request."""

    need: str
    ask: str
    observation: str | None
    time_box: TimeBox | None
    feeling: str | None = None
    """How the asker feels about it (None when they named no feeling)."""
    other_asks: tuple[str, ...] = ()
    """Up to two more asks the partner may pick from instead of `ask` (Imago)."""


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
    """Both partners agreed to reopen a set-aside request; the rounds start again."""

    TAG = "request.resumed"


@attrs.frozen(kw_only=True)
class SetAside(DomainEvent):
    """A partner said "not now": the request is kept for the next check-in."""

    TAG = "request.set_aside"


@attrs.frozen(kw_only=True)
class ReopeningProposed(DomainEvent):
    """A partner asked to reopen a set-aside request; the other answers."""

    TAG = "request.reopening_proposed"


@attrs.frozen(kw_only=True)
class ReopeningDeclined(DomainEvent):
    """The partner asked to reopen a set-aside request preferred to keep it set aside."""

    TAG = "request.reopening_declined"


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
    carried_out_by: PersonId
    """Who carries out the agreed ask."""


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
    """The committed partner marked one of their own occurrences kept or not."""

    TAG = "request.follow_through_recorded"
    AGES_OUT = True  # a day's follow-through: seen by the other only inside the window

    occurrence: date
    kept: bool


@attrs.frozen(kw_only=True)
class FollowThroughCorrected(DomainEvent):
    """The committed partner corrected their own mark of one occurrence."""

    TAG = "request.follow_through_corrected"
    AGES_OUT = True  # a day's follow-through: seen by the other only inside the window

    occurrence: date
    kept: bool


@attrs.frozen(kw_only=True)
class MissNoticed(DomainEvent):
    """The other partner noted an occurrence seemed to go differently; it counts nowhere yet."""

    TAG = "request.miss_noticed"
    AGES_OUT = True  # a day's follow-through: seen by the other only inside the window

    occurrence: date


@attrs.frozen(kw_only=True)
class NoticeWithdrawn(DomainEvent):
    """The other partner took back their note of an occurrence."""

    TAG = "request.notice_withdrawn"
    AGES_OUT = True  # a day's follow-through: seen by the other only inside the window

    occurrence: date


@attrs.frozen(kw_only=True)
class NoticeAcknowledged(DomainEvent):
    """The committed partner owned a noted occurrence: it counts as not kept."""

    TAG = "request.notice_acknowledged"
    AGES_OUT = True  # a day's follow-through: seen by the other only inside the window

    occurrence: date


@attrs.frozen(kw_only=True)
class SeenDifferently(DomainEvent):
    """The committed partner sees a noted occurrence differently: it never counts."""

    TAG = "request.seen_differently"
    AGES_OUT = True  # a day's follow-through: seen by the other only inside the window

    occurrence: date
    view: str | None


@attrs.frozen(kw_only=True)
class AgreementHeld(DomainEvent):
    """A partner put the agreement on hold; both take it up again."""

    TAG = "request.held"


@attrs.frozen(kw_only=True)
class ResumingProposed(DomainEvent):
    """A partner asked to take an agreement on hold up again; the other answers."""

    TAG = "request.resuming_proposed"


@attrs.frozen(kw_only=True)
class ResumingDeclined(DomainEvent):
    """The partner asked to resume preferred to keep the agreement on hold."""

    TAG = "request.resuming_declined"


@attrs.frozen(kw_only=True)
class AgreementResumed(DomainEvent):
    """Both partners took the agreement on hold up again."""

    TAG = "request.agreement_resumed"


@attrs.frozen(kw_only=True)
class Reviewed(DomainEvent):
    """A partner said what worked, after completion; nothing is scored."""

    TAG = "request.reviewed"

    what_worked: str


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
    SetAside,
    ReopeningProposed,
    ReopeningDeclined,
    RequestAccepted,
    RequestDeclined,
    RequestWithdrawn,
    FollowThroughRecorded,
    FollowThroughCorrected,
    MissNoticed,
    NoticeWithdrawn,
    NoticeAcknowledged,
    SeenDifferently,
    EndingProposed,
    KeptGoing,
    AgreementHeld,
    ResumingProposed,
    ResumingDeclined,
    AgreementResumed,
    RequestCompleted,
    Reviewed,
    SteppedBack,
)
"""Every event type the Request workflow records."""


@attrs.frozen(kw_only=True)
class RequestClosedByLeaving(ClosedByLeaving):
    """A partner left the relationship: the request was closed, neutrally, for both."""

    TAG = "request.closed_by_leaving"
