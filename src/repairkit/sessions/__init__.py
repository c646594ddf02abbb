"""The check-in session: the couple's "State of the Union", in parts, in order, held by both."""

from repairkit.sessions.commands import SessionCommands
from repairkit.sessions.entries import OUTCOMES, Entry
from repairkit.sessions.events import (
    AppreciationShared,
    BreakTaken,
    FloorTimeUp,
    IssueClosed,
    IssueRaised,
    IssueSummarised,
    PartMovedOn,
    SessionClosed,
    SessionClosedByLeaving,
    SessionEnded,
    SessionOpened,
    SessionResumed,
    SpeakerUnderstood,
    ThereIsMore,
    ThirdPersonAsked,
    WeekAnswerShared,
    WentRightShared,
)
from repairkit.sessions.model import CheckInSession
from repairkit.sessions.notices import SessionNotice
from repairkit.sessions.rules import SessionRules
from repairkit.sessions.spec import SESSIONS
from repairkit.sessions.table import SESSION_WORKFLOW, SessionState

__all__ = [
    "OUTCOMES",
    "SESSIONS",
    "SESSION_WORKFLOW",
    "AppreciationShared",
    "BreakTaken",
    "CheckInSession",
    "Entry",
    "FloorTimeUp",
    "IssueClosed",
    "IssueRaised",
    "IssueSummarised",
    "PartMovedOn",
    "SessionClosed",
    "SessionClosedByLeaving",
    "SessionCommands",
    "SessionEnded",
    "SessionNotice",
    "SessionOpened",
    "SessionResumed",
    "SessionRules",
    "SessionState",
    "SpeakerUnderstood",
    "ThereIsMore",
    "ThirdPersonAsked",
    "WeekAnswerShared",
    "WentRightShared",
]
