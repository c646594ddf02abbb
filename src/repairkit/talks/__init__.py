"""The Talk workflow: a discussion timer for a heated talk, and an optional moratorium."""

from repairkit.talks.commands import TalkCommands
from repairkit.talks.events import (
    TalkClosed,
    TalkEnded,
    TalkSetAside,
    TalkStarted,
    TimeOutSuggested,
)
from repairkit.talks.model import Talk
from repairkit.talks.notices import TalkNotice
from repairkit.talks.rules import TalkRules
from repairkit.talks.spec import TALKS
from repairkit.talks.table import TALK_WORKFLOW, TalkState

__all__ = [
    "TALKS",
    "TALK_WORKFLOW",
    "Talk",
    "TalkClosed",
    "TalkCommands",
    "TalkEnded",
    "TalkNotice",
    "TalkRules",
    "TalkSetAside",
    "TalkStarted",
    "TalkState",
    "TimeOutSuggested",
]
