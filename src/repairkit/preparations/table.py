"""The check-in preparation's states, role, table and timer.

A preparation is written by its author alone, in private, for one check-in of an agreed
schedule. They add, rewrite and take out entries, mark each for sharing or keep it
private, and mark themselves ready (which sets the entries). When the check-in's time
comes, repairkit opens it. Whether the other partner reads it is decided when they read
(`PreparationCommands`): never the table's business, since it depends on the other
partner's preparation.
"""

from __future__ import annotations

import enum

from repairkit.core.engine import CREATION, REPAIRKIT, Move, Role, Workflow
from repairkit.core.leaving import closed_by_leaving
from repairkit.core.timers import Timer
from repairkit.preparations.events import (
    EntryAdded,
    EntryKeptPrivate,
    EntryMarkedShared,
    EntryRemoved,
    EntryRevised,
    PreparationClosedByLeaving,
    PreparationOpened,
    PreparationReady,
    PreparationWithdrawn,
)
from repairkit.preparations.notices import PRIVATE, READ_AT_CHECK_IN

__all__ = ["AUTHOR", "OPEN", "PREPARATION_WORKFLOW", "PreparationState"]


class PreparationState(enum.StrEnum):
    """Where a check-in preparation stands."""

    WRITING = "writing"
    """Its author writes it: theirs alone."""
    READY = "ready"
    """Its author marked themselves ready: the entries are set."""
    OPENED = "opened"
    """The check-in's time came: what was marked for sharing is revealed."""
    WITHDRAWN = "withdrawn"
    """Its author took it back, alone: it stays theirs."""
    CLOSED_BY_LEAVING = "closed by leaving"
    """A partner left the relationship: closed, and its author's alone."""


AUTHOR = Role(
    "author",
    "the partner who prepares",
    refusal="Only {description} can {trigger} this {noun}.",
)
"""The partner whose preparation it is: nobody else makes a move on it."""

_S = PreparationState
OPEN = (_S.WRITING, _S.READY)
"""The states in which a preparation waits for its check-in."""


def _entry_move(trigger: str, event: type, description: str, **more: object) -> Move:
    return Move(
        trigger,
        (_S.WRITING,),
        _S.WRITING,
        AUTHOR,
        guard="before_session",
        description=description,
        event=event,
        notice=PRIVATE,
        **more,  # type: ignore[arg-type]
    )


PREPARATION_MOVES: tuple[Move, ...] = (
    _entry_move(
        "add_entry", EntryAdded, "Add an entry: an appreciation, what went right, an issue."
    ),
    _entry_move(
        "revise_entry", EntryRevised, "Rewrite one of one's entries.", takes_back=(CREATION,)
    ),
    _entry_move(
        "remove_entry", EntryRemoved, "Take one of one's entries out.", takes_back=(CREATION,)
    ),
    _entry_move("mark_shared", EntryMarkedShared, "Mark an entry to be shared at the reveal."),
    _entry_move("keep_private", EntryKeptPrivate, "Keep an entry to oneself, for good."),
    Move(
        "ready",
        (_S.WRITING,),
        _S.READY,
        AUTHOR,
        guard="before_session",
        description="Mark oneself ready: the entries are set until the check-in.",
        event=PreparationReady,
        notice=PRIVATE,
    ),
    Move(
        "withdraw",
        OPEN,
        _S.WITHDRAWN,
        AUTHOR,
        guard="before_session",
        description="Take the whole preparation back, alone: it stays one's own.",
        event=PreparationWithdrawn,
        notice=PRIVATE,
        takes_back=(CREATION,),
    ),
    Move(
        "session_opens",
        OPEN,
        _S.OPENED,
        REPAIRKIT,
        description="The check-in's time came: what was marked for sharing is revealed.",
        event=PreparationOpened,
        notice=READ_AT_CHECK_IN,
    ),
)

PREPARATION_WORKFLOW = Workflow(
    "preparation",
    PreparationState,
    _S.WRITING,
    (
        *PREPARATION_MOVES,
        closed_by_leaving(PREPARATION_MOVES, _S.CLOSED_BY_LEAVING, PreparationClosedByLeaving),
    ),
    (Timer("check-in opens", at="opens_at", fires="session_opens"),),
)
"""The check-in preparation's transition table, timer and one machine."""
