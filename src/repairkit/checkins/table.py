"""The check-in schedule's states, roles, table and timer: agreed by both, stopped by either."""

from __future__ import annotations

import enum

from repairkit.checkins.events import (
    ScheduleChangeWithdrawn,
    ScheduleClosedByLeaving,
    ScheduleMoveWithdrawn,
)
from repairkit.checkins.notices import CHANGE_WITHDRAWN, MOVE_WITHDRAWN
from repairkit.core.engine import CREATION, EITHER_PARTNER, REPAIRKIT, Move, Role, Workflow
from repairkit.core.leaving import closed_by_leaving
from repairkit.core.timers import Timer

__all__ = [
    "AWAITED",
    "HOLDING",
    "PROPOSER",
    "SCHEDULE_WORKFLOW",
    "SUGGESTER",
    "ScheduleState",
]


class ScheduleState(enum.StrEnum):
    """Where a check-in schedule stands."""

    PROPOSED = "proposed"
    """A partner proposed a recurring time: the other partner's answer is awaited."""
    AGREED = "agreed"
    """Both agreed: check-ins fall at the agreed rhythm."""
    CHANGE_PROPOSED = "change proposed"
    """Agreed, while a new rhythm one partner proposed awaits the other's answer."""
    MOVE_PROPOSED = "move proposed"
    """Agreed, while moving the next session, as one partner proposed, awaits the other."""
    DECLINED = "declined"
    """The partner asked said no: neutral, counted nowhere."""
    WITHDRAWN = "withdrawn"
    """The proposer took it back before an answer."""
    ENDED = "ended"
    """A partner stopped the schedule, alone and at once."""
    CLOSED_BY_LEAVING = "closed by leaving"
    """A partner left the relationship: closed, neutrally, for both."""


PROPOSER = Role("proposer", "the partner who proposed the check-in time")
"""The partner who proposed the schedule."""
AWAITED = Role(
    "awaited partner",
    "the partner whose answer is awaited",
    refusal="This {noun} is waiting for the other partner's answer, so {trigger} is theirs now.",
)
"""The partner asked to answer a proposed time, rhythm or move."""
SUGGESTER = Role("suggester", "the partner who suggested the time awaiting an answer")
"""The partner who proposed the new rhythm, or the move, awaiting the other's answer."""

_S = ScheduleState
HOLDING = (_S.AGREED, _S.CHANGE_PROPOSED, _S.MOVE_PROPOSED)
"""The states in which the agreed schedule holds (in its agreed rhythm)."""

SCHEDULE_MOVES: tuple[Move, ...] = (
    Move("agree", (_S.PROPOSED,), _S.AGREED, AWAITED, description="Agree: the check-ins hold."),
    Move(
        "decline",
        (_S.PROPOSED,),
        _S.DECLINED,
        AWAITED,
        description="Say no: neutral, counted nowhere.",
    ),
    Move(
        "withdraw",
        (_S.PROPOSED,),
        _S.WITHDRAWN,
        PROPOSER,
        description="Take the proposal back before an answer.",
        takes_back=(CREATION,),
    ),
    Move(
        "propose_change",
        (_S.AGREED,),
        _S.CHANGE_PROPOSED,
        EITHER_PARTNER,
        description="Propose a new rhythm; the agreed one holds until the other agrees.",
    ),
    Move(
        "agree_to_change",
        (_S.CHANGE_PROPOSED,),
        _S.AGREED,
        AWAITED,
        description="Agree to the new rhythm: it holds now, from its first session to come.",
    ),
    Move(
        "move_one",
        (_S.AGREED,),
        _S.MOVE_PROPOSED,
        EITHER_PARTNER,
        guard="next_session_open",
        description="Propose another time for the next session only.",
    ),
    Move(
        "agree_to_move",
        (_S.MOVE_PROPOSED,),
        _S.AGREED,
        AWAITED,
        description="Agree: the next session takes place at the new time.",
    ),
    Move(
        "keep_current",
        (_S.CHANGE_PROPOSED, _S.MOVE_PROPOSED),
        _S.AGREED,
        AWAITED,
        answers="propose_change",
        description="Say no to the suggested time: neutral; the agreed times hold.",
    ),
    Move(
        "withdraw_change",
        (_S.CHANGE_PROPOSED,),
        _S.AGREED,
        SUGGESTER,
        description="Take one's proposed new rhythm back before an answer.",
        event=ScheduleChangeWithdrawn,
        notice=CHANGE_WITHDRAWN,
        takes_back=("propose_change",),
    ),
    Move(
        "withdraw_move",
        (_S.MOVE_PROPOSED,),
        _S.AGREED,
        SUGGESTER,
        description="Take one's proposed time for the next session back before an answer.",
        event=ScheduleMoveWithdrawn,
        notice=MOVE_WITHDRAWN,
        takes_back=("move_one",),
    ),
    *(
        Move(
            "skip",
            (state,),
            _S.AGREED if state is _S.MOVE_PROPOSED else state,
            EITHER_PARTNER,
            guard="next_session_open",
            description="Set the next session aside, alone: neutral, counted nowhere.",
        )
        for state in HOLDING
    ),
    Move(
        "end",
        HOLDING,
        _S.ENDED,
        EITHER_PARTNER,
        description="Stop the schedule, alone and at once.",
        takes_back=(),  # one's own consent, no one's record
    ),
    *(
        Move(
            "hold",
            (state,),
            state,
            REPAIRKIT,
            guard="can_hold",
            description="A session was opened for the next check-in: it is held.",
        )
        for state in HOLDING
    ),
    *(
        Move(
            "time_passed",
            (state,),
            _S.AGREED if state is _S.MOVE_PROPOSED else state,
            REPAIRKIT,
            description="The next session's time passed: the schedule moves on, naming no one.",
        )
        for state in HOLDING
    ),
)

SCHEDULE_TIMERS: tuple[Timer, ...] = (
    Timer("session time passes", at="passes_at", fires="time_passed"),
)
"""When the next session's time has passed, repairkit moves the schedule on to the one after."""

SCHEDULE_WORKFLOW = Workflow(
    "schedule",
    ScheduleState,
    _S.PROPOSED,
    (
        *SCHEDULE_MOVES,
        closed_by_leaving(SCHEDULE_MOVES, _S.CLOSED_BY_LEAVING, ScheduleClosedByLeaving),
    ),
    SCHEDULE_TIMERS,
)
"""The check-in schedule's transition table, timer and one machine."""
