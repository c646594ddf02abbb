"""The events of the private log and of joint reviews, each with its stable tag.

Every event of a log entry is private to its author (`DomainEvent.private_to`), shared
or not: the other partner never reads one, so nothing tells them when an entry was
written, shared, rewritten or deleted. No event holds an entry's words, nor a
takeaway's: the words live on the objects, and a deleted entry keeps none.
"""

from __future__ import annotations

import attrs

from repairkit.core.events import DomainEvent
from repairkit.core.leaving import ClosedByLeaving

__all__ = [
    "ENTRY_EVENTS",
    "REVIEW_EVENTS",
    "LogEntryClosedByLeaving",
    "LogEntryDeleted",
    "LogEntryEdited",
    "LogEntryShared",
    "LogEntryUnshared",
    "LogEntryWritten",
    "ReviewAgreed",
    "ReviewClosed",
    "ReviewClosedByLeaving",
    "ReviewDeclined",
    "ReviewLapsed",
    "ReviewProposed",
    "ReviewWithdrawn",
    "TakeawayAdded",
    "TakeawayRemoved",
]


@attrs.frozen(kw_only=True)
class LogEntryWritten(DomainEvent):
    """A partner wrote an entry of their own log (private to them)."""

    TAG = "log.written"


@attrs.frozen(kw_only=True)
class LogEntryEdited(DomainEvent):
    """The author rewrote their entry."""

    TAG = "log.edited"


@attrs.frozen(kw_only=True)
class LogEntryShared(DomainEvent):
    """The author shared their entry with the partner."""

    TAG = "log.shared"


@attrs.frozen(kw_only=True)
class LogEntryUnshared(DomainEvent):
    """The author took their entry back to themselves."""

    TAG = "log.unshared"


@attrs.frozen(kw_only=True)
class LogEntryDeleted(DomainEvent):
    """The author deleted their entry: nothing of its words is kept."""

    TAG = "log.deleted"


@attrs.frozen(kw_only=True)
class LogEntryClosedByLeaving(ClosedByLeaving):
    """A partner left the relationship: the entry was closed, its author's alone."""

    TAG = "log.closed_by_leaving"


@attrs.frozen(kw_only=True)
class ReviewProposed(DomainEvent):
    """A partner proposed to review the shared log of a period together."""

    TAG = "review.proposed"


@attrs.frozen(kw_only=True)
class ReviewAgreed(DomainEvent):
    """The partner asked agreed: the review is open."""

    TAG = "review.agreed"


@attrs.frozen(kw_only=True)
class ReviewDeclined(DomainEvent):
    """The partner asked said no: neutral, counted nowhere."""

    TAG = "review.declined"


@attrs.frozen(kw_only=True)
class ReviewWithdrawn(DomainEvent):
    """The proposer took the proposal back before an answer."""

    TAG = "review.withdrawn"


@attrs.frozen(kw_only=True)
class TakeawayAdded(DomainEvent):
    """A partner wrote a takeaway of the review (its number; the words live on the review)."""

    TAG = "review.takeaway_added"

    takeaway: int


@attrs.frozen(kw_only=True)
class TakeawayRemoved(DomainEvent):
    """The partner who wrote a takeaway removed it (its number, never reused)."""

    TAG = "review.takeaway_removed"

    takeaway: int


@attrs.frozen(kw_only=True)
class ReviewLapsed(DomainEvent):
    """A proposal went unanswered within its time: it ended, neutral, counted nowhere."""

    TAG = "review.lapsed"


@attrs.frozen(kw_only=True)
class ReviewClosed(DomainEvent):
    """A partner closed the review: neutral; its takeaways stay for both."""

    TAG = "review.closed"


@attrs.frozen(kw_only=True)
class ReviewClosedByLeaving(ClosedByLeaving):
    """A partner left the relationship: the review was closed, neutrally, for both."""

    TAG = "review.closed_by_leaving"


ENTRY_EVENTS: tuple[type[DomainEvent], ...] = (LogEntryWritten,)
"""The log's events no row of its table names (the rows add their own)."""
REVIEW_EVENTS: tuple[type[DomainEvent], ...] = (ReviewProposed,)
"""The review's events no row of its table names (the rows add their own)."""
