"""The Talk workflow's declaration: the one thing the registry imports."""

from __future__ import annotations

from repairkit.core.personal import PersonalData
from repairkit.core.spec import WorkflowSpec
from repairkit.talks.commands import TalkCommands
from repairkit.talks.events import TALK_EVENTS
from repairkit.talks.model import Talk
from repairkit.talks.notices import TALK_NOTICES, TalkNotice
from repairkit.talks.rules import TalkRules
from repairkit.talks.safety import TALK_SAFETY
from repairkit.talks.table import TALK_WORKFLOW, TalkState

__all__ = ["TALKS"]


def _keys(talk: Talk) -> tuple[tuple[str, str], ...]:
    """A talk is found by its topic."""
    return (("topic", str(talk.topic)),)


TALKS = WorkflowSpec(
    name="talk",
    personal=PersonalData(),
    entity=Talk,
    workflow=TALK_WORKFLOW,
    events=TALK_EVENTS,
    notices=TALK_NOTICES,
    notice_kinds=TalkNotice,
    summary=(
        "A heated talk the partners chose to time (the discussion timer). Either starts"
        " it; when it reaches its agreed limit (20 minutes by default) both are told that"
        " a time-out might help. That is advice only: the talk stays open and nothing is"
        " blocked. Either ends the talk or tables its topic for the next check-in, alone;"
        " a talk nobody closes is closed at its longest time. With the optional moratorium"
        " (off by default; 24 hours in the practice), a topic rests after its talk and no"
        " new talk on it can start, for either partner alike."
    ),
    rules=TalkRules,
    namespace="talks",
    commands=TalkCommands,
    safety=TALK_SAFETY,
    agenda={
        TalkState.SET_ASIDE: "A talk's topic set aside",
    },
    keys=_keys,
)
"""The Talk workflow, as the registry knows it."""
