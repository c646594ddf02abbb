"""Who hears about what in a repair's life, in repairkit's own calm words.

No text quotes a partner: entries, apologies and reviews are read in the app, by the two
of them. The practice's days (marks, "not needed today", pauses) send nothing: both read
them when they open the repair, and no reminder or report about one partner's days
reaches the other.
"""

from __future__ import annotations

import enum

from repairkit.core.events import DomainEvent
from repairkit.core.notices import NoticeRule, Quiet, tell_audience
from repairkit.repairs.events import (
    ApologyAccepted,
    DayMarked,
    DayNotNeeded,
    EntryShared,
    EntryWritten,
    NeedSaid,
    PracticeEnded,
    PracticePaused,
    PracticeResumed,
    PracticeTakenOn,
    RealitySummarised,
    RepairAccepted,
    RepairClosed,
    RepairCompleted,
    RepairDeclined,
    RepairInvited,
    RepairNotNow,
    RepairOwned,
    RepairRenewed,
    RepairWithdrawn,
    ReviewWaiting,
    ReviewWritten,
    StepPassed,
)

__all__ = ["REPAIR_NOTICES", "RepairNotice"]


class RepairNotice(enum.StrEnum):
    """What a repair notification is about."""

    OWNED = "repair opened"
    INVITED = "repair invitation"
    ACCEPTED = "repair accepted"
    DECLINED = "repair declined"
    NOT_NOW = "repair not now"
    WITHDRAWN = "repair invitation taken back"
    SHARED = "repair entry shared"
    PASSED = "repair step: nothing to add"
    SUMMARISED = "repair reality summarised"
    APOLOGY_ACCEPTED = "repair apology accepted"
    NEED_SAID = "repair: what is needed"
    PRACTICE = "repair practice taken on"
    PRACTICE_ENDED = "repair review open"
    REVIEWED = "repair review written"
    REVIEW_WAITING = "repair review waiting"
    COMPLETED = "repair completed"
    RENEWED = "repair renewed"
    CLOSED = "repair closed"


_DAYS = Quiet("A practice's days are read in the app by both; nobody is sent a report about them.")

REPAIR_NOTICES: dict[type[DomainEvent], NoticeRule | Quiet] = {
    RepairOwned: tell_audience(
        RepairNotice.OWNED,
        "Your partner opened a repair of a moment between you, owning their part. You can"
        " take part when you are both calm, or close it; either is a fair answer.",
    ),
    RepairInvited: tell_audience(
        RepairNotice.INVITED,
        "Your partner invites you to a repair of a moment between you. You can accept,"
        " answer not now, or decline; each is a fair answer.",
    ),
    RepairAccepted: tell_audience(
        RepairNotice.ACCEPTED,
        "The repair is open. You can each write how you felt, in your own time.",
    ),
    RepairDeclined: tell_audience(
        RepairNotice.DECLINED, "The invitation to a repair was declined. That is a fair answer."
    ),
    RepairNotNow: tell_audience(
        RepairNotice.NOT_NOW,
        "The invitation to a repair was answered not now. It is on your next check-in's agenda.",
    ),
    RepairWithdrawn: tell_audience(
        RepairNotice.WITHDRAWN,
        "The invitation to a repair was taken back. Nothing is needed from you.",
    ),
    EntryWritten: Quiet("An entry is its writer's alone until they share it."),
    EntryShared: tell_audience(
        RepairNotice.SHARED,
        "Your partner shared their entry for this step of your repair. You can read it in"
        " the app when you are ready.",
    ),
    StepPassed: tell_audience(
        RepairNotice.PASSED, "Your partner has nothing to add for this step of your repair."
    ),
    RealitySummarised: tell_audience(
        RepairNotice.SUMMARISED,
        "Your partner summarised how they heard your side, in their own words.",
    ),
    ApologyAccepted: tell_audience(
        RepairNotice.APOLOGY_ACCEPTED,
        "The apology in your repair was accepted. The steps go on to the plan.",
    ),
    NeedSaid: tell_audience(
        RepairNotice.NEED_SAID,
        "Your partner said what would help them in your repair. You can read it in the app.",
    ),
    PracticeTakenOn: tell_audience(
        RepairNotice.PRACTICE, "Your partner took on a practice as part of your repair."
    ),
    DayMarked: _DAYS,
    DayNotNeeded: _DAYS,
    PracticePaused: _DAYS,
    PracticeResumed: _DAYS,
    PracticeEnded: tell_audience(
        RepairNotice.PRACTICE_ENDED,
        "The practice period of your repair ended. Its joint review is open, when you are"
        " both ready.",
    ),
    ReviewWritten: tell_audience(
        RepairNotice.REVIEWED, "Your partner wrote their part of your repair's review."
    ),
    ReviewWaiting: tell_audience(
        RepairNotice.REVIEW_WAITING,
        "A repair's review is waiting. It is on your next check-in's agenda.",
    ),
    RepairCompleted: tell_audience(RepairNotice.COMPLETED, "Your repair was completed."),
    RepairRenewed: tell_audience(
        RepairNotice.RENEWED, "Your repair was renewed with a new practice period."
    ),
    RepairClosed: tell_audience(
        RepairNotice.CLOSED, "A repair was closed. Nothing is needed from you."
    ),
}
"""A rule for every event of the RepairCommitment workflow but closing by leaving."""
