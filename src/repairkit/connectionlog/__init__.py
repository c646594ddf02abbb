"""A private log of moments of connection and of neglect, and joint reviews of what is shared."""

from repairkit.connectionlog.commands import JointReviewCommands, LogCommands
from repairkit.connectionlog.events import (
    LogEntryClosedByLeaving,
    LogEntryDeleted,
    LogEntryEdited,
    LogEntryShared,
    LogEntryUnshared,
    LogEntryWritten,
    ReviewAgreed,
    ReviewClosed,
    ReviewClosedByLeaving,
    ReviewDeclined,
    ReviewProposed,
    ReviewWithdrawn,
    TakeawayAdded,
)
from repairkit.connectionlog.model import EntryKind, LogEntry
from repairkit.connectionlog.moments import PartOfDay
from repairkit.connectionlog.notices import EntryNotice, ReviewNotice
from repairkit.connectionlog.queries import ReviewPatterns, TagCount, WeekFigures, shared_weeks
from repairkit.connectionlog.review import JointReview, Takeaway
from repairkit.connectionlog.rules import HELPED_TAGS, TRIGGER_TAGS, LogRules, ReviewRules
from repairkit.connectionlog.spec import LOG, LOG_REVIEWS
from repairkit.connectionlog.table import (
    ENTRY_WORKFLOW,
    REVIEW_WORKFLOW,
    LogEntryState,
    ReviewState,
)

__all__ = [
    "ENTRY_WORKFLOW",
    "HELPED_TAGS",
    "LOG",
    "LOG_REVIEWS",
    "REVIEW_WORKFLOW",
    "TRIGGER_TAGS",
    "EntryKind",
    "EntryNotice",
    "JointReview",
    "JointReviewCommands",
    "LogCommands",
    "LogEntry",
    "LogEntryClosedByLeaving",
    "LogEntryDeleted",
    "LogEntryEdited",
    "LogEntryShared",
    "LogEntryState",
    "LogEntryUnshared",
    "LogEntryWritten",
    "LogRules",
    "PartOfDay",
    "ReviewAgreed",
    "ReviewClosed",
    "ReviewClosedByLeaving",
    "ReviewDeclined",
    "ReviewNotice",
    "ReviewPatterns",
    "ReviewProposed",
    "ReviewRules",
    "ReviewState",
    "ReviewWithdrawn",
    "TagCount",
    "Takeaway",
    "TakeawayAdded",
    "WeekFigures",
    "shared_weeks",
]
