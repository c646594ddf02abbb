"""The TimeOut workflow's states, roles and table: a time-out called for oneself."""

from __future__ import annotations

import enum

from repairkit.core.engine import EITHER_PARTNER, REPAIRKIT, Move, Role, Workflow
from repairkit.core.leaving import closed_by_leaving
from repairkit.core.timers import Timer
from repairkit.timeouts.events import CheckBackDue, TimeOutClosedByLeaving

__all__ = ["CALLER", "DROP_ASKED", "TIMEOUT_WORKFLOW", "TimeOutState"]


class TimeOutState(enum.StrEnum):
    """Where a time-out stands."""

    COOLING_OFF = "cooling off"
    """The caller is taking their pause, until the return time."""
    CHECK_BACK = "check back"
    """The return time came: time to come back to each other."""
    RESUMED = "resumed"
    """The talk goes on."""
    SET_ASIDE = "set aside"
    """The topic is kept for the next check-in."""
    DROPPED = "dropped"
    """Both let the topic go."""
    LAPSED = "lapsed"
    """The ceiling passed with no return; the topic is kept for the next check-in."""
    CLOSED_BY_LEAVING = "closed by leaving"
    """A partner left the relationship: closed, neutrally, for both."""


CALLER = Role(
    "caller",
    "the partner who called the time-out",
    refusal="Only the partner who called a {noun} can {trigger} it.",
)
"""The partner who called the time-out, for themselves."""
DROP_ASKED = Role(
    "partner asked to let it go",
    "the partner asked to let the topic go",
    refusal="Only the partner asked to let the topic go can {trigger} it.",
)
"""The partner whose answer to letting the topic go is awaited."""

_S = TimeOutState
_OPEN = (_S.COOLING_OFF, _S.CHECK_BACK)

TIMEOUT_MOVES: tuple[Move, ...] = (
    Move(
        "check_back",
        (_S.COOLING_OFF,),
        _S.CHECK_BACK,
        REPAIRKIT,
        description="The return time came: both are told it is time to come back.",
        event=CheckBackDue,
    ),
    Move(
        "extend",
        (_S.CHECK_BACK,),
        _S.COOLING_OFF,
        CALLER,
        description="Ask for one more step of the ladder, never past the ceiling.",
    ),
    Move("come_back", (_S.COOLING_OFF,), _S.RESUMED, CALLER, description="Come back early."),
    Move("come_back", (_S.CHECK_BACK,), _S.RESUMED, EITHER_PARTNER, description="Go on talking."),
    Move(
        "set_aside",
        (_S.COOLING_OFF,),
        _S.SET_ASIDE,
        CALLER,
        description="Keep the topic for the next check-in instead.",
    ),
    Move(
        "set_aside",
        (_S.CHECK_BACK,),
        _S.SET_ASIDE,
        EITHER_PARTNER,
        description="Keep the topic for the next check-in.",
    ),
    Move(
        "propose_dropping",
        (_S.CHECK_BACK,),
        _S.CHECK_BACK,
        EITHER_PARTNER,
        description="Suggest letting the topic go; it needs both.",
    ),
    Move(
        "agree_to_drop",
        (_S.CHECK_BACK,),
        _S.DROPPED,
        DROP_ASKED,
        description="Let the topic go, both of you.",
    ),
    Move(
        "keep_topic",
        (_S.CHECK_BACK,),
        _S.CHECK_BACK,
        DROP_ASKED,
        description="Keep the topic; a no is a fair answer.",
        answers="propose_dropping",
    ),
    Move(
        "lapse",
        _OPEN,
        _S.LAPSED,
        REPAIRKIT,
        description="The ceiling passed with no return: the topic goes to the check-in.",
    ),
)

TIMEOUT_TIMERS: tuple[Timer, ...] = (
    Timer("lapses", at="ceiling_at", fires="lapse"),
    Timer("check back", at="return_at", fires="check_back"),
)
"""The ceiling comes first: a time-out past both lapses rather than checks back."""

TIMEOUT_WORKFLOW = Workflow(
    "timeout",
    TimeOutState,
    _S.COOLING_OFF,
    (
        *TIMEOUT_MOVES,
        closed_by_leaving(TIMEOUT_MOVES, _S.CLOSED_BY_LEAVING, TimeOutClosedByLeaving),
    ),
    TIMEOUT_TIMERS,
)
"""The TimeOut transition table and its one machine."""
