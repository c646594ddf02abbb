"""The Assignment workflow's states, roles, table and timer.

A practice starts only with the yes of the partner it is for; they end it alone at any
time; either partner (or the third person) closes it at the session's review; its time
box closes it otherwise; leaving closes it for both.
"""

from __future__ import annotations

import enum

from repairkit.assignments.events import (
    AssignmentClosedByLeaving,
    AssignmentDeclined,
    AssignmentEnded,
    AssignmentReviewed,
    AssignmentTimeUp,
    AssignmentWithdrawn,
)
from repairkit.assignments.notices import (
    DECLINED,
    ENDED,
    REVIEWED,
    TIME_UP,
    WITHDRAWN,
)
from repairkit.core.engine import CREATION, REPAIRKIT, Move, Role, Workflow
from repairkit.core.leaving import closed_by_leaving
from repairkit.core.timers import Timer

__all__ = [
    "ASSIGNEE",
    "ASSIGNMENT_WORKFLOW",
    "AUTHOR",
    "DEBRIEFER",
    "ENCOURAGER",
    "FINISHED",
    "PROPOSER",
    "REVIEWER",
    "AssignmentState",
]


class AssignmentState(enum.StrEnum):
    """Where a practice between sessions stands."""

    PROPOSED = "proposed"
    """Proposed for a partner: their answer is awaited; it says nothing about them yet."""
    ACTIVE = "active"
    """The partner it is for took it on: they practise, within its time box."""
    DECLINED = "declined"
    """The partner it is for said no: neutral, counted nowhere."""
    WITHDRAWN = "withdrawn"
    """Whoever proposed it took it back before an answer."""
    ENDED = "ended"
    """The partner practising ended it, alone."""
    REVIEWED = "reviewed"
    """It was looked back on at the session's review, and closed."""
    TIME_UP = "time up"
    """Its time box ended."""
    CLOSED_BY_LEAVING = "closed by leaving"
    """A partner left the relationship: closed, neutrally, for both."""


ASSIGNEE = Role(
    "assignee",
    "the partner the practice is for",
    refusal="Only {description} can {trigger} in this {noun}; their practice stays theirs.",
)
"""The partner the practice is for: they answer, practise, record attempts and end it."""
PROPOSER = Role("proposer", "whoever proposed the practice")
"""Whoever proposed it (a partner, or the third person): they may take it back."""
DEBRIEFER = Role(
    "debriefer",
    "a partner, or the third person while both partners share practice with them",
)
"""Who writes a debrief: either partner, and the third person within the partners' consent."""
AUTHOR = Role("author of a debrief", "the author of a debrief")
"""Whoever wrote a debrief here: only they take theirs out."""
ENCOURAGER = Role(
    "encourager", "the other partner, or the third person while both partners share practice"
)
"""Who celebrates a small step: anyone who may debrief, but the partner practising."""
REVIEWER = Role("reviewer", "a partner, or the third person taking part")
"""Who closes it at the session's review."""

_S = AssignmentState
FINISHED = (_S.ENDED, _S.REVIEWED, _S.TIME_UP)
"""The states a practice closes in (leaving aside): debriefs stay their authors' to take out."""

ASSIGNMENT_MOVES: tuple[Move, ...] = (
    Move("accept", (_S.PROPOSED,), _S.ACTIVE, ASSIGNEE, description="Take the practice on."),
    Move(
        "decline",
        (_S.PROPOSED,),
        _S.DECLINED,
        ASSIGNEE,
        description="Say no: neutral, counted nowhere.",
        event=AssignmentDeclined,
        notice=DECLINED,
    ),
    Move(
        "withdraw",
        (_S.PROPOSED,),
        _S.WITHDRAWN,
        PROPOSER,
        description="Take the proposal back before an answer.",
        event=AssignmentWithdrawn,
        notice=WITHDRAWN,
        takes_back=(CREATION,),
    ),
    Move(
        "attempt",
        (_S.ACTIVE,),
        _S.ACTIVE,
        ASSIGNEE,
        description="Record an attempt of one's own, with a short note if one likes.",
    ),
    Move(
        "debrief",
        (_S.ACTIVE,),
        _S.ACTIVE,
        DEBRIEFER,
        description="After an attempt, write what worked and what to adjust.",
    ),
    *(
        Move(
            "remove_debrief",
            (state,),
            state,
            AUTHOR,
            description="Take one of one's own debriefs out.",
            takes_back=("debrief",),
        )
        for state in (_S.ACTIVE, *FINISHED)
    ),
    Move(
        "celebrate",
        (_S.ACTIVE,),
        _S.ACTIVE,
        ENCOURAGER,
        description="Celebrate a small step: an appreciation reaches the partner practising.",
    ),
    Move(
        "end",
        (_S.ACTIVE,),
        _S.ENDED,
        ASSIGNEE,
        description="End one's practice, alone, at any time.",
        event=AssignmentEnded,
        notice=ENDED,
    ),
    Move(
        "review",
        (_S.ACTIVE,),
        _S.REVIEWED,
        REVIEWER,
        description="Close it at the session's review, as reviewed.",
        event=AssignmentReviewed,
        notice=REVIEWED,
    ),
    Move(
        "time_up",
        (_S.ACTIVE,),
        _S.TIME_UP,
        REPAIRKIT,
        description="Its time box ended: repairkit closes it, with no verdict.",
        event=AssignmentTimeUp,
        notice=TIME_UP,
    ),
)

ASSIGNMENT_WORKFLOW = Workflow(
    "assignment",
    AssignmentState,
    _S.PROPOSED,
    (
        *ASSIGNMENT_MOVES,
        closed_by_leaving(ASSIGNMENT_MOVES, _S.CLOSED_BY_LEAVING, AssignmentClosedByLeaving),
    ),
    (Timer("time box ends", at="ends_at", fires="time_up"),),
    noun="practice",
)
"""The Assignment transition table, its timer and its one machine."""
