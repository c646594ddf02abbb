"""The Crossing workflow's states, roles and table: owned, or noticed and answered."""

from __future__ import annotations

import enum

from repairkit.core.engine import CREATION, EITHER_PARTNER, REPAIRKIT, Move, Role, Workflow
from repairkit.core.leaving import closed_by_leaving
from repairkit.core.timers import Timer
from repairkit.crossings.events import CrossingClosedByLeaving, CrossingLapsed, CrossingSettled

__all__ = ["ABOUT", "COUNTED", "CROSSING_WORKFLOW", "RECORDER", "CrossingState"]


class CrossingState(enum.StrEnum):
    """Where a crossing stands."""

    OWNED = "owned"
    """The partner who crossed the boundary recorded it themselves: it counts."""
    NOTICED = "noticed"
    """The other partner noted it: it counts only once the partner it is about acknowledges it."""
    ACKNOWLEDGED = "acknowledged"
    """The partner it is about acknowledged it: it counts."""
    SEEN_DIFFERENTLY = "seen differently"
    """The partner it is about sees it differently: it never counts, and goes to the check-in."""
    WITHDRAWN = "withdrawn"
    """Taken back by whoever recorded it: it counts nowhere."""
    LAPSED = "lapsed"
    """Unanswered within its time: it counts nowhere."""
    SETTLED = "settled"
    """Past the rolling window: it counts nowhere, and only the partner it is about sees it."""
    CLOSED_BY_LEAVING = "closed by leaving"
    """A partner left the relationship: closed, neutrally, for both."""


ABOUT = Role(
    "partner it is about",
    "the partner the crossing is about",
    refusal="Only the partner a {noun} is about can {trigger} it.",
)
"""The partner who crossed the boundary (or is said to have)."""
RECORDER = Role(
    "recorder",
    "the partner who recorded the crossing",
    refusal="Only the partner who recorded a {noun} can {trigger} it.",
)
"""The partner who recorded it: the one it is about when owned, the other when noticed."""

_S = CrossingState
COUNTED = (_S.OWNED, _S.ACKNOWLEDGED)
"""The states in which a crossing counts (inside the rolling window)."""

CROSSING_MOVES: tuple[Move, ...] = (
    Move(
        "acknowledge",
        (_S.NOTICED,),
        _S.ACKNOWLEDGED,
        ABOUT,
        description="Acknowledge the noted moment: it counts, and a repair can follow.",
    ),
    Move(
        "see_differently",
        (_S.NOTICED, _S.ACKNOWLEDGED),
        _S.SEEN_DIFFERENTLY,
        ABOUT,
        description="See it differently (also after acknowledging it): it never counts,"
        " and goes to the check-in.",
    ),
    Move(
        "withdraw",
        (_S.NOTICED, *COUNTED),
        _S.WITHDRAWN,
        RECORDER,
        description="Take back one's own record.",
        takes_back=(CREATION,),
    ),
    *(
        Move("link_repair", (s,), s, EITHER_PARTNER, description="Link the repair that follows it.")
        for s in COUNTED
    ),
    Move(
        "lapse",
        (_S.NOTICED,),
        _S.LAPSED,
        REPAIRKIT,
        description="Unanswered within its time: it lapses, counting nowhere.",
        event=CrossingLapsed,
    ),
    Move(
        "settle",
        (*COUNTED, _S.SEEN_DIFFERENTLY, _S.WITHDRAWN, _S.LAPSED),
        _S.SETTLED,
        REPAIRKIT,
        description="Older than the rolling window: it settles, seen only by the one it is about.",
        event=CrossingSettled,
    ),
)

CROSSING_TIMERS: tuple[Timer, ...] = (
    Timer("lapses", at="answer_by", fires="lapse"),
    Timer("settles", at="settles_at", fires="settle"),
)

CROSSING_WORKFLOW = Workflow(
    "crossing",
    CrossingState,
    _S.NOTICED,
    (
        *CROSSING_MOVES,
        closed_by_leaving(CROSSING_MOVES, _S.CLOSED_BY_LEAVING, CrossingClosedByLeaving),
    ),
    CROSSING_TIMERS,
)
"""The Crossing transition table and its one machine.

A crossing starts noticed (`CrossingCommands.notice`) or owned (`CrossingCommands.own`).
"""
