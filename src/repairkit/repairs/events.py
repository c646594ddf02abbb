"""The RepairCommitment workflow's events, each with its stable tag ("repair.accepted").

Events carry no words: the entries, the apology and the reviews live on the object, which
only its two partners read (each entry private to its author until shared).
"""

from __future__ import annotations

from datetime import date

import attrs

from repairkit.core.events import DomainEvent
from repairkit.core.leaving import ClosedByLeaving

__all__ = [
    "REPAIR_EVENTS",
    "ApologyAccepted",
    "DayMarked",
    "DayNotNeeded",
    "EntryShared",
    "EntryWritten",
    "NeedSaid",
    "PracticeEnded",
    "PracticePaused",
    "PracticeResumed",
    "PracticeTakenOn",
    "RealitySummarised",
    "RepairAccepted",
    "RepairClosed",
    "RepairClosedByLeaving",
    "RepairCompleted",
    "RepairDeclined",
    "RepairInvited",
    "RepairNotNow",
    "RepairOwned",
    "RepairRenewed",
    "RepairWithdrawn",
    "ReviewWaiting",
    "ReviewWritten",
    "StepPassed",
]


@attrs.frozen(kw_only=True)
class RepairOwned(DomainEvent):
    """The responsible partner owned a lapse and opened a repair."""

    TAG = "repair.owned"


@attrs.frozen(kw_only=True)
class RepairInvited(DomainEvent):
    """A partner invited the other to a repair."""

    TAG = "repair.invited"


@attrs.frozen(kw_only=True)
class RepairAccepted(DomainEvent):
    """The responsible partner accepted the invitation: the aftermath opens."""

    TAG = "repair.accepted"


@attrs.frozen(kw_only=True)
class RepairDeclined(DomainEvent):
    """The invitation was declined: neutral, counted nowhere."""

    TAG = "repair.declined"


@attrs.frozen(kw_only=True)
class RepairNotNow(DomainEvent):
    """The invitation was answered not now: neutral, on the check-in agenda."""

    TAG = "repair.not_now"


@attrs.frozen(kw_only=True)
class RepairWithdrawn(DomainEvent):
    """The inviter took the invitation back."""

    TAG = "repair.withdrawn"


@attrs.frozen(kw_only=True)
class EntryWritten(DomainEvent):
    """A partner wrote their entry for the current step (private to them)."""

    TAG = "repair.entry_written"


@attrs.frozen(kw_only=True)
class EntryShared(DomainEvent):
    """A partner shared their entry for the current step."""

    TAG = "repair.entry_shared"


@attrs.frozen(kw_only=True)
class StepPassed(DomainEvent):
    """A partner shared that they have nothing to add for the current step."""

    TAG = "repair.step_passed"


@attrs.frozen(kw_only=True)
class RealitySummarised(DomainEvent):
    """A partner summarised the other's reality and validated part of it."""

    TAG = "repair.summarised"


@attrs.frozen(kw_only=True)
class ApologyAccepted(DomainEvent):
    """The receiver accepted the apology: the steps go on to the plan."""

    TAG = "repair.apology_accepted"


@attrs.frozen(kw_only=True)
class NeedSaid(DomainEvent):
    """The receiver said what they need before the apology is accepted."""

    TAG = "repair.need_said"


@attrs.frozen(kw_only=True)
class PracticeTakenOn(DomainEvent):
    """The responsible partner took on a practice."""

    TAG = "repair.practice_taken_on"


@attrs.frozen(kw_only=True)
class PracticePaused(DomainEvent):
    """A partner paused the practice period."""

    TAG = "repair.practice_paused"


@attrs.frozen(kw_only=True)
class PracticeResumed(DomainEvent):
    """A partner resumed the practice period; its end moved by the days paused."""

    TAG = "repair.practice_resumed"


@attrs.frozen(kw_only=True)
class PracticeEnded(DomainEvent):
    """The practice period ended: the joint review is open."""

    TAG = "repair.practice_ended"


@attrs.frozen(kw_only=True)
class ReviewWritten(DomainEvent):
    """A partner wrote what worked and what did not."""

    TAG = "repair.reviewed"


@attrs.frozen(kw_only=True)
class ReviewWaiting(DomainEvent):
    """A review not held by its time went on the check-in agenda."""

    TAG = "repair.review_waiting"


@attrs.frozen(kw_only=True)
class RepairCompleted(DomainEvent):
    """The repair ended completed, after the joint review."""

    TAG = "repair.completed"


@attrs.frozen(kw_only=True)
class RepairRenewed(DomainEvent):
    """The repair was renewed with a new practice, after the joint review."""

    TAG = "repair.renewed"


@attrs.frozen(kw_only=True)
class RepairClosed(DomainEvent):
    """A partner closed the repair, neutrally."""

    TAG = "repair.closed"


@attrs.frozen(kw_only=True)
class DayMarked(DomainEvent):
    """The responsible partner marked a day of the practice as done."""

    TAG = "repair.day_marked"
    day: date


@attrs.frozen(kw_only=True)
class DayNotNeeded(DomainEvent):
    """The receiver said a day of the practice was not needed: not a miss."""

    TAG = "repair.day_not_needed"
    day: date


@attrs.frozen(kw_only=True)
class RepairClosedByLeaving(ClosedByLeaving):
    """A partner left the relationship: the repair was closed, neutrally, for both."""

    TAG = "repair.closed_by_leaving"


REPAIR_EVENTS: tuple[type[DomainEvent], ...] = (
    RepairOwned,
    RepairInvited,
    RepairAccepted,
    RepairDeclined,
    RepairNotNow,
    RepairWithdrawn,
    EntryWritten,
    EntryShared,
    StepPassed,
    RealitySummarised,
    ApologyAccepted,
    NeedSaid,
    PracticeTakenOn,
    PracticePaused,
    PracticeResumed,
    PracticeEnded,
    ReviewWritten,
    ReviewWaiting,
    RepairCompleted,
    RepairRenewed,
    RepairClosed,
    DayMarked,
    DayNotNeeded,
)
"""Every event type the RepairCommitment workflow records (the table names the rest)."""
