"""The SharedGoal workflow's states, roles and table: holds by both, withdrawn by either."""

from __future__ import annotations

import enum

from repairkit.core.engine import CREATION, EITHER_PARTNER, Move, Role, Workflow
from repairkit.core.leaving import closed_by_leaving
from repairkit.goals.events import GoalClosedByLeaving, GoalRevisionWithdrawn
from repairkit.goals.notices import REVISION_WITHDRAWN

__all__ = [
    "AWAITED",
    "GOAL_WORKFLOW",
    "HOLDING",
    "PROPOSER",
    "REVISION_PROPOSER",
    "GoalState",
]


class GoalState(enum.StrEnum):
    """Where a shared goal stands."""

    DRAFTED = "drafted"
    """Written by the proposer; only the proposer can see it."""
    PROPOSED = "proposed"
    """Sent: the other partner's answer is awaited."""
    HOLDS = "holds"
    """Both agreed to it."""
    REVISION_PROPOSED = "revision proposed"
    """Holds in the agreed words, while new words one partner proposed await the other."""
    DECLINED = "declined"
    """The partner asked said no: neutral, counted nowhere."""
    WITHDRAWN = "withdrawn"
    """The proposer took it back before agreement."""
    CONSENT_WITHDRAWN = "consent withdrawn"
    """A partner withdrew consent, alone and at once: the goal no longer holds."""
    CLOSED_BY_LEAVING = "closed by leaving"
    """A partner left the relationship: closed, neutrally, for both."""


PROPOSER = Role("proposer", "the partner who proposed the shared goal")
"""The partner who drafted and proposed the goal."""
AWAITED = Role(
    "awaited partner",
    "the partner whose answer is awaited",
    refusal="This {noun} is waiting for the other partner's answer, so {trigger} is theirs now.",
)
"""The partner asked to answer the goal or new words for it."""
REVISION_PROPOSER = Role("revision proposer", "the partner who proposed the new words")
"""The partner who proposed the new words awaiting the other's answer."""

_S = GoalState
HOLDING = (_S.HOLDS, _S.REVISION_PROPOSED)
"""The states in which the goal holds (in its agreed words)."""

GOAL_MOVES: tuple[Move, ...] = (
    Move(
        "revise",
        (_S.DRAFTED,),
        _S.DRAFTED,
        PROPOSER,
        description="Change the draft.",
        takes_back=(CREATION,),
    ),
    Move("propose", (_S.DRAFTED,), _S.PROPOSED, PROPOSER, description="Send it to the partner."),
    Move("agree", (_S.PROPOSED,), _S.HOLDS, AWAITED, description="Agree to it: the goal holds."),
    Move(
        "decline",
        (_S.PROPOSED,),
        _S.DECLINED,
        AWAITED,
        description="Say no: neutral, counted nowhere.",
    ),
    Move(
        "withdraw",
        (_S.DRAFTED, _S.PROPOSED),
        _S.WITHDRAWN,
        PROPOSER,
        description="Take the goal back before agreement.",
        takes_back=(CREATION,),
    ),
    Move(
        "propose_revision",
        (_S.HOLDS,),
        _S.REVISION_PROPOSED,
        EITHER_PARTNER,
        description="Propose new words; the agreed ones hold until the other agrees.",
    ),
    Move(
        "agree_to_revision",
        (_S.REVISION_PROPOSED,),
        _S.HOLDS,
        AWAITED,
        description="Agree to the new words: they hold now.",
    ),
    Move(
        "keep_current",
        (_S.REVISION_PROPOSED,),
        _S.HOLDS,
        AWAITED,
        answers="propose_revision",
        description="Say no to the new words: neutral; the agreed words hold as they were.",
    ),
    Move(
        "withdraw_revision",
        (_S.REVISION_PROPOSED,),
        _S.HOLDS,
        REVISION_PROPOSER,
        description="Take one's proposed new words back before an answer.",
        event=GoalRevisionWithdrawn,
        notice=REVISION_WITHDRAWN,
        takes_back=("propose_revision",),
    ),
    *(
        Move(
            trigger,
            (state,),
            state,
            EITHER_PARTNER,
            description=description,
        )
        for trigger, description in (
            ("link", "Link a request, boundary or check-in item that serves the goal."),
            ("unlink", "Take a link off the goal."),
        )
        for state in HOLDING
    ),
    Move(
        "withdraw_consent",
        HOLDING,
        _S.CONSENT_WITHDRAWN,
        EITHER_PARTNER,
        description="Withdraw one's consent, alone and at once: the goal no longer holds.",
        takes_back=(),  # one's own consent, no one's record
    ),
)

GOAL_WORKFLOW = Workflow(
    "goal",
    GoalState,
    _S.DRAFTED,
    (*GOAL_MOVES, closed_by_leaving(GOAL_MOVES, _S.CLOSED_BY_LEAVING, GoalClosedByLeaving)),
)
"""The SharedGoal transition table and its one machine."""
