"""The tables of the private log and of joint reviews.

A log entry is its author's: private until they share it, one by one; they unshare,
edit or delete it whenever they like, and nobody else makes a move on it. A joint
review is proposed by either partner over a period, opens once the other agrees (a
no is neutral), and is closed by either; while open, both write takeaways.
"""

from __future__ import annotations

import enum

from repairkit.connectionlog.events import (
    LogEntryClosedByLeaving,
    LogEntryDeleted,
    LogEntryEdited,
    LogEntryShared,
    LogEntryUnshared,
    ReviewAgreed,
    ReviewClosed,
    ReviewClosedByLeaving,
    ReviewDeclined,
    ReviewLapsed,
    ReviewWithdrawn,
    TakeawayAdded,
    TakeawayRemoved,
)
from repairkit.connectionlog.notices import (
    OWN_LOG,
    READ_TOGETHER,
    ReviewNotice,
    review_lapsed,
    review_notice,
)
from repairkit.core.engine import CREATION, EITHER_PARTNER, REPAIRKIT, Move, Role, Workflow
from repairkit.core.leaving import closed_by_leaving
from repairkit.core.timers import Timer

__all__ = [
    "AUTHOR",
    "AWAITED",
    "ENTRY_WORKFLOW",
    "KEPT",
    "PROPOSER",
    "REVIEW_WORKFLOW",
    "TAKEAWAY_AUTHOR",
    "LogEntryState",
    "ReviewState",
]


class LogEntryState(enum.StrEnum):
    """Where an entry of the log stands."""

    PRIVATE = "private"
    """Its author's alone: nobody else sees it, nor that it exists."""
    SHARED = "shared"
    """Shared with the partner, who can read it (its day and part of the day only)."""
    DELETED = "deleted"
    """Its author deleted it: nothing of its words is kept, and it is theirs alone."""
    CLOSED_BY_LEAVING = "closed by leaving"
    """A partner left the relationship: closed, and its author's alone."""


class ReviewState(enum.StrEnum):
    """Where a joint review stands."""

    PROPOSED = "proposed"
    """Proposed by one partner: the other's answer is awaited."""
    OPEN = "open"
    """Both agreed: its patterns can be read, and takeaways written."""
    DECLINED = "declined"
    """The partner asked said no: neutral, counted nowhere."""
    WITHDRAWN = "withdrawn"
    """The proposer took it back before an answer."""
    LAPSED = "lapsed"
    """Unanswered within `ReviewRules.answer_days`: it ended, neutral, counted nowhere."""
    CLOSED = "closed"
    """A partner closed it: neutral; its takeaways stay for both."""
    CLOSED_BY_LEAVING = "closed by leaving"
    """A partner left the relationship: closed, neutrally, for both."""


AUTHOR = Role(
    "author",
    "the partner who wrote the entry",
    refusal="Only the partner who wrote this log entry can {trigger} it.",
)
"""The partner whose entry it is: nobody else makes a move on it."""
PROPOSER = Role("proposer", "the partner who proposed the review")
"""The partner who proposed the review."""
AWAITED = Role(
    "awaited partner",
    "the partner whose answer is awaited",
    refusal="This {noun} is waiting for the other partner's answer, so {trigger} is theirs now.",
)
"""The partner asked whether to review together."""
TAKEAWAY_AUTHOR = Role(
    "takeaway author",
    "the partner who wrote a takeaway of the review",
    refusal="A takeaway is removed by the partner who wrote it; yours are yours to remove.",
)
"""A partner with a takeaway of their own in the review: they may remove it."""

_E = LogEntryState
KEPT = (_E.PRIVATE, _E.SHARED)
"""The states in which an entry is on its author's log."""

ENTRY_MOVES: tuple[Move, ...] = (
    *(
        Move(
            "edit",
            (state,),
            state,
            AUTHOR,
            description="Rewrite the entry: its words, tags, kind, day or part of the day.",
            event=LogEntryEdited,
            notice=OWN_LOG,
            takes_back=(CREATION,),
        )
        for state in KEPT
    ),
    Move(
        "share",
        (_E.PRIVATE,),
        _E.SHARED,
        AUTHOR,
        description="Share the entry with the partner, who can then read it.",
        event=LogEntryShared,
        notice=OWN_LOG,
    ),
    Move(
        "unshare",
        (_E.SHARED,),
        _E.PRIVATE,
        AUTHOR,
        description="Take the entry back to oneself: it leaves the partner's view at once.",
        event=LogEntryUnshared,
        notice=OWN_LOG,
        takes_back=(CREATION,),
    ),
    Move(
        "delete",
        KEPT,
        _E.DELETED,
        AUTHOR,
        description="Delete the entry: nothing of its words is kept, nobody is told.",
        event=LogEntryDeleted,
        notice=OWN_LOG,
        takes_back=(CREATION,),
    ),
)

ENTRY_WORKFLOW = Workflow(
    "log",
    LogEntryState,
    _E.PRIVATE,
    (
        *ENTRY_MOVES,
        closed_by_leaving(ENTRY_MOVES, _E.CLOSED_BY_LEAVING, LogEntryClosedByLeaving),
    ),
    noun="log entry",
)
"""The log entry's transition table and its one machine."""

_R = ReviewState

REVIEW_MOVES: tuple[Move, ...] = (
    Move(
        "agree",
        (_R.PROPOSED,),
        _R.OPEN,
        AWAITED,
        description="Agree to review together: the review opens for both.",
        event=ReviewAgreed,
        notice=review_notice(ReviewNotice.AGREED),
    ),
    Move(
        "decline",
        (_R.PROPOSED,),
        _R.DECLINED,
        AWAITED,
        description="Say no: neutral, counted nowhere.",
        event=ReviewDeclined,
        notice=review_notice(ReviewNotice.DECLINED),
    ),
    Move(
        "withdraw",
        (_R.PROPOSED,),
        _R.WITHDRAWN,
        PROPOSER,
        description="Take the proposal back before an answer.",
        event=ReviewWithdrawn,
        notice=review_notice(ReviewNotice.WITHDRAWN),
        takes_back=(CREATION,),
    ),
    Move(
        "add_takeaway",
        (_R.OPEN,),
        _R.OPEN,
        EITHER_PARTNER,
        description="Write a takeaway of the review, in one's own words.",
        event=TakeawayAdded,
        notice=READ_TOGETHER,
    ),
    Move(
        "remove_takeaway",
        (_R.OPEN,),
        _R.OPEN,
        TAKEAWAY_AUTHOR,
        description="Remove a takeaway one wrote oneself; its number is not used again.",
        event=TakeawayRemoved,
        notice=READ_TOGETHER,
        takes_back=("add_takeaway",),
    ),
    Move(
        "lapse",
        (_R.PROPOSED,),
        _R.LAPSED,
        REPAIRKIT,
        description="Unanswered within its time: the proposal ends, counted nowhere.",
        event=ReviewLapsed,
        notice=review_lapsed(),
    ),
    Move(
        "close",
        (_R.OPEN,),
        _R.CLOSED,
        EITHER_PARTNER,
        description="Close the review (either partner, neutrally): its takeaways stay.",
        event=ReviewClosed,
        notice=review_notice(ReviewNotice.CLOSED),
        takes_back=(),
    ),
)

REVIEW_WORKFLOW = Workflow(
    "review",
    ReviewState,
    _R.PROPOSED,
    (
        *REVIEW_MOVES,
        closed_by_leaving(REVIEW_MOVES, _R.CLOSED_BY_LEAVING, ReviewClosedByLeaving),
    ),
    (Timer("lapses", at="lapses_at", fires="lapse"),),
)
"""The joint review's transition table and its one machine."""
