"""Leaving: how an open object of any workflow ends when a partner leaves the relationship.

When a partner leaves, every open object of every workflow ends, for both partners,
through one declared neutral exit: a move repairkit itself makes (`REPAIRKIT`) from
every state some move leaves to a state of the workflow's own that says only that it
was closed by leaving (``"closed by leaving"``). It tells nobody (the remaining partner
hears one sentence about the leaving itself), it keeps a draft private to its author,
and, being a state no move leaves, it ends every timer of the object.

A workflow declares it with one row, ``closed_by_leaving(MOVES, State.CLOSED_BY_LEAVING,
ItsClosedByLeaving)``, and names the move in its `SafetySpec` (``on_leaving=CLOSE_BY_LEAVING``);
`SafetyContract` checks that leaving leaves nothing open.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from typing import Final

import attrs

from repairkit.core.engine import REPAIRKIT, Move
from repairkit.core.events import DomainEvent
from repairkit.core.notices import Quiet

__all__ = ["CLOSE_BY_LEAVING", "ClosedByLeaving", "closed_by_leaving"]

CLOSE_BY_LEAVING: Final = "close_by_leaving"
"""The trigger of the move that closes an open object when a partner leaves."""


@attrs.frozen(kw_only=True)
class ClosedByLeaving(DomainEvent):
    """A partner left the relationship, so this object was closed, neutrally, for both.

    Each workflow subclasses it with a ``TAG`` of its own ("request.closed_by_leaving").
    """


_QUIET_CLOSE = Quiet("The remaining partner hears one sentence about the leaving itself.")


def closed_by_leaving(
    moves: Sequence[Move], closed: enum.StrEnum, event: type[ClosedByLeaving]
) -> Move:
    """Return the row that closes an object when a partner leaves: from every open state.

    The open states are those some row of *moves* leaves (a state only a review stays in
    is finished already); *closed* is the workflow's own state for it, which no move leaves.
    """
    sources = tuple(
        dict.fromkeys(source for move in moves for source in move.sources if move.dest != source)
    )
    return Move(
        CLOSE_BY_LEAVING,
        sources,
        closed,
        REPAIRKIT,
        description="A partner left: it is closed, neutrally, for both; nobody is told.",
        event=event,
        notice=_QUIET_CLOSE,
    )
