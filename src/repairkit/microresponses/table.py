"""The micro-response's states, roles and table.

A micro-response is its giver's record of one of their own small acts. It is kept to
themselves until they tell it; they take the telling back, or delete it, at any time,
alone. The receiver may say they noticed it, once; nothing else is asked of them, and
no state says that they have not.
"""

from __future__ import annotations

import enum

from repairkit.core.engine import CREATION, Move, Role, Workflow
from repairkit.core.leaving import closed_by_leaving
from repairkit.microresponses.events import (
    MicroResponseAcknowledged,
    MicroResponseClosedByLeaving,
    MicroResponseDeleted,
    MicroResponseTold,
    MicroResponseUntold,
)
from repairkit.microresponses.notices import ACKNOWLEDGED, GIVERS_OWN

__all__ = ["COUNTED", "GIVER", "MICRO_RESPONSE_WORKFLOW", "RECEIVER", "MicroResponseState"]


class MicroResponseState(enum.StrEnum):
    """Where a micro-response stands."""

    KEPT = "kept to oneself"
    """Its giver's alone: nobody else reads it, nor that it exists."""
    TOLD = "told"
    """Its giver told it: the receiver reads it, with its day and part of the day."""
    DELETED = "deleted"
    """Its giver deleted it: its words are gone, and it counts nowhere."""
    CLOSED_BY_LEAVING = "closed by leaving"
    """A partner left the relationship: it is its giver's alone."""


GIVER = Role(
    "giver",
    "the partner who recorded it",
    refusal="Only {description} can {trigger} this micro-response.",
)
"""The partner whose small act it records: only they record, tell, take back or delete it."""
RECEIVER = Role(
    "receiver",
    "the partner it was told to",
    refusal="Only {description} can {trigger} this micro-response.",
)
"""The other partner, once told: they may say they noticed it, and nothing is asked of them."""

_S = MicroResponseState
COUNTED = (_S.KEPT, _S.TOLD)
"""The states in which a micro-response counts in its giver's own counts."""

MICRO_RESPONSE_MOVES: tuple[Move, ...] = (
    Move(
        "tell",
        (_S.KEPT,),
        _S.TOLD,
        GIVER,
        description="Let the receiver see it: its kind, its words, its day and part of the day.",
        event=MicroResponseTold,
        notice=GIVERS_OWN,
    ),
    Move(
        "untell",
        (_S.TOLD,),
        _S.KEPT,
        GIVER,
        description="Keep it to oneself again: the receiver reads nothing of it any more.",
        event=MicroResponseUntold,
        notice=GIVERS_OWN,
        takes_back=("tell",),
    ),
    Move(
        "delete",
        COUNTED,
        _S.DELETED,
        GIVER,
        description="Delete it, alone: its words are gone, and it leaves no trace for the"
        " receiver.",
        event=MicroResponseDeleted,
        notice=GIVERS_OWN,
        takes_back=(CREATION,),
    ),
    Move(
        "acknowledge",
        (_S.TOLD,),
        _S.TOLD,
        RECEIVER,
        description='Say "I noticed, thank you", once: the giver hears it calmly.',
        event=MicroResponseAcknowledged,
        notice=ACKNOWLEDGED,
    ),
)

MICRO_RESPONSE_WORKFLOW = Workflow(
    "micro_response",
    MicroResponseState,
    _S.KEPT,
    (
        *MICRO_RESPONSE_MOVES,
        closed_by_leaving(MICRO_RESPONSE_MOVES, _S.CLOSED_BY_LEAVING, MicroResponseClosedByLeaving),
    ),
)
"""The micro-response's transition table."""
