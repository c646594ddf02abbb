"""The facilitator's states, roles and table: invited by both, removed by either.

A third person (a therapist, a trusted mediator) takes part only once both partners
agree to invite them; either partner ends their part alone and at once, and they may
step down themselves. While invited, they write entries of their own (reflecting back
what they heard, offering suggestions) and take them out; they make no partner's move.
"""

from __future__ import annotations

import enum

from repairkit.core.engine import CREATION, EITHER_PARTNER, REPAIRKIT, Move, Role, Workflow
from repairkit.facilitators.events import (
    FacilitatorClosedByLeaving,
    FacilitatorDeclined,
    FacilitatorRemoved,
    FacilitatorSteppedDown,
    FacilitatorWithdrawn,
)
from repairkit.facilitators.notices import PART_ENDED_BY_LEAVING

__all__ = [
    "AWAITED",
    "FACILITATOR",
    "FACILITATOR_WORKFLOW",
    "OPEN",
    "PROPOSER",
    "FacilitatorState",
]


class FacilitatorState(enum.StrEnum):
    """Where a third person's part stands."""

    PROPOSED = "proposed"
    """A partner proposed inviting them: the other partner's answer is awaited."""
    INVITED = "invited"
    """Both agreed: the third person takes part, within what both consent to share."""
    DECLINED = "declined"
    """The partner asked said no: neutral, counted nowhere."""
    WITHDRAWN = "withdrawn"
    """The proposer took the proposal back before an answer."""
    REMOVED = "removed"
    """A partner ended the third person's part, alone and at once."""
    ENDED = "ended"
    """The third person stepped down."""
    CLOSED_BY_LEAVING = "closed by leaving"
    """A partner left the relationship: closed, neutrally, for everyone."""


PROPOSER = Role("proposer", "the partner who proposed inviting the third person")
"""The partner who proposed the third person."""
AWAITED = Role(
    "awaited partner",
    "the partner whose answer is awaited",
    refusal="This {noun} is waiting for the other partner's answer, so {trigger} is theirs now.",
)
"""The partner asked whether to invite the third person."""
FACILITATOR = Role(
    "facilitator",
    "the third person",
    refusal="Only {description} can {trigger} in this {noun}; a partner's part stays theirs.",
)
"""The third person, while invited: their own entries and stepping down, nothing else."""

_S = FacilitatorState
OPEN = (_S.PROPOSED, _S.INVITED)
"""The states in which a third person is proposed or takes part (one at a time)."""


def _own_entry(trigger: str, description: str, **more: object) -> Move:
    return Move(
        trigger,
        (_S.INVITED,),
        _S.INVITED,
        FACILITATOR,
        description=description,
        **more,  # type: ignore[arg-type]
    )


FACILITATOR_MOVES: tuple[Move, ...] = (
    Move(
        "agree",
        (_S.PROPOSED,),
        _S.INVITED,
        AWAITED,
        description="Agree to invite the third person, with what one consents to share.",
    ),
    Move(
        "decline",
        (_S.PROPOSED,),
        _S.DECLINED,
        AWAITED,
        description="Say no: neutral, counted nowhere.",
        event=FacilitatorDeclined,
    ),
    Move(
        "withdraw",
        (_S.PROPOSED,),
        _S.WITHDRAWN,
        PROPOSER,
        description="Take the proposal back before an answer.",
        event=FacilitatorWithdrawn,
        takes_back=(CREATION,),
    ),
    Move(
        "consent",
        (_S.INVITED,),
        _S.INVITED,
        EITHER_PARTNER,
        description="Set what one consents to share; narrowing applies at once.",
    ),
    Move(
        "remove",
        (_S.INVITED,),
        _S.REMOVED,
        EITHER_PARTNER,
        description="End the third person's part, alone and at once.",
        event=FacilitatorRemoved,
        takes_back=(),  # one's own consent to their part, no one's record
    ),
    _own_entry("reflect", "Reflect back what one heard, as an entry of one's own."),
    _own_entry("suggest", "Offer a suggestion, as an entry of one's own."),
    _own_entry(
        "remove_entry", "Take one of one's own entries out.", takes_back=("reflect", "suggest")
    ),
    Move(
        "step_down",
        (_S.INVITED,),
        _S.ENDED,
        FACILITATOR,
        description="End one's own part as the third person.",
        event=FacilitatorSteppedDown,
    ),
)

_SOURCES = tuple(dict.fromkeys(s for m in FACILITATOR_MOVES for s in m.sources if m.dest != s))

FACILITATOR_WORKFLOW = Workflow(
    "facilitator",
    FacilitatorState,
    _S.PROPOSED,
    (
        *FACILITATOR_MOVES,
        # `repairkit.core.closed_by_leaving`'s row, telling the third person their part ended.
        Move(
            "close_by_leaving",
            _SOURCES,
            _S.CLOSED_BY_LEAVING,
            REPAIRKIT,
            description="A partner left: it is closed, neutrally, for everyone; only the"
            " third person is told that their part ended.",
            event=FacilitatorClosedByLeaving,
            notice=PART_ENDED_BY_LEAVING,
        ),
    ),
)
"""The facilitator's transition table and one machine."""
