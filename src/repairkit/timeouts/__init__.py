"""The TimeOut workflow: a time-out one partner calls for themselves in a heated talk."""

from repairkit.timeouts.commands import TimeOutCommands
from repairkit.timeouts.events import (
    CheckBackDue,
    DroppingDeclined,
    DroppingProposed,
    TalkResumed,
    TimeOutCalled,
    TimeOutExtended,
    TimeOutLapsed,
    TopicDropped,
    TopicSetAside,
)
from repairkit.timeouts.model import TimeOut
from repairkit.timeouts.notices import TimeOutNotice
from repairkit.timeouts.rules import TimeOutRules
from repairkit.timeouts.spec import TIMEOUTS
from repairkit.timeouts.table import TIMEOUT_WORKFLOW, TimeOutState

__all__ = [
    "TIMEOUTS",
    "TIMEOUT_WORKFLOW",
    "CheckBackDue",
    "DroppingDeclined",
    "DroppingProposed",
    "TalkResumed",
    "TimeOut",
    "TimeOutCalled",
    "TimeOutCommands",
    "TimeOutExtended",
    "TimeOutLapsed",
    "TimeOutNotice",
    "TimeOutRules",
    "TimeOutState",
    "TopicDropped",
    "TopicSetAside",
]
