"""The Talk workflow's states and table: a heated talk the partners chose to time."""

from __future__ import annotations

import enum

from repairkit.core.engine import EITHER_PARTNER, REPAIRKIT, Move, Workflow
from repairkit.core.leaving import closed_by_leaving
from repairkit.core.timers import Timer
from repairkit.talks.events import (
    TalkClosed,
    TalkClosedByLeaving,
    TalkEnded,
    TalkSetAside,
    TimeOutSuggested,
)
from repairkit.talks.notices import CLOSED, ENDED, SET_ASIDE, TIME_OUT_MIGHT_HELP

__all__ = ["TALK_WORKFLOW", "TalkState"]


class TalkState(enum.StrEnum):
    """Where a timed talk stands."""

    TALKING = "talking"
    """The talk is going on, within its agreed limit."""
    TIME_OUT_SUGGESTED = "time-out suggested"
    """The limit came and both heard that a time-out might help; the talk can go on."""
    ENDED = "ended"
    """A partner ended the talk."""
    SET_ASIDE = "set aside"
    """The topic is kept for the next check-in."""
    CLOSED = "closed"
    """Nobody closed the talk, so repairkit did at its longest time."""
    CLOSED_BY_LEAVING = "closed by leaving"
    """A partner left the relationship: closed, neutrally, for both."""


_S = TalkState
OPEN = (_S.TALKING, _S.TIME_OUT_SUGGESTED)
"""The states in which the talk goes on."""

TALK_MOVES: tuple[Move, ...] = (
    Move(
        "suggest_time_out",
        (_S.TALKING,),
        _S.TIME_OUT_SUGGESTED,
        REPAIRKIT,
        description="The agreed limit came: both hear that a time-out might help (advice only).",
        event=TimeOutSuggested,
        notice=TIME_OUT_MIGHT_HELP,
    ),
    Move(
        "end",
        OPEN,
        _S.ENDED,
        EITHER_PARTNER,
        description="End the talk, alone.",
        event=TalkEnded,
        notice=ENDED,
    ),
    Move(
        "set_aside",
        OPEN,
        _S.SET_ASIDE,
        EITHER_PARTNER,
        description="Keep the topic for the next check-in, alone.",
        event=TalkSetAside,
        notice=SET_ASIDE,
    ),
    Move(
        "close",
        OPEN,
        _S.CLOSED,
        REPAIRKIT,
        description="Nobody closed the talk by its longest time: repairkit closes it.",
        event=TalkClosed,
        notice=CLOSED,
    ),
)

TALK_TIMERS: tuple[Timer, ...] = (
    Timer("closes", at="closes_at", fires="close"),
    Timer("time-out suggested", at="limit_at", fires="suggest_time_out"),
)
"""Closing comes first: a talk left open past both closes, rather than suggest a time-out."""

TALK_WORKFLOW = Workflow(
    "talk",
    TalkState,
    _S.TALKING,
    (*TALK_MOVES, closed_by_leaving(TALK_MOVES, _S.CLOSED_BY_LEAVING, TalkClosedByLeaving)),
    TALK_TIMERS,
)
"""The Talk transition table and its one machine."""
