"""The tables of a person's private space: a trigger, and a pause before reacting.

A trigger is written privately by its owner, who may share it with the partner and
unshare it again (it then leaves the partner's view at once), rewrite it or take it
off their list. A pause is recorded by its person for themselves only; they may take
it back, and it ages out of their counts after the rolling window.
"""

from __future__ import annotations

import enum

from repairkit.core.engine import CREATION, REPAIRKIT, Move, Role, Workflow
from repairkit.core.leaving import closed_by_leaving
from repairkit.core.timers import Timer
from repairkit.triggers.events import (
    PauseAgedOut,
    PauseClosedByLeaving,
    PauseTakenBack,
    TriggerClosedByLeaving,
    TriggerRemoved,
    TriggerRevised,
    TriggerShared,
    TriggerUnshared,
)
from repairkit.triggers.notices import SHARED, UNTOLD, YOURS_ALONE

__all__ = [
    "LISTED",
    "OWNER",
    "PAUSE_WORKFLOW",
    "TRIGGER_WORKFLOW",
    "PauseState",
    "TriggerState",
]


class TriggerState(enum.StrEnum):
    """Where a trigger stands."""

    PRIVATE = "private"
    """Its owner's alone: nobody else sees it, nor that it exists."""
    SHARED = "shared"
    """Shared with the partner (`Trigger.shared_with`), who can read it."""
    REMOVED = "removed"
    """Its owner took it off their list; it is theirs alone again."""
    CLOSED_BY_LEAVING = "closed by leaving"
    """A partner left the relationship: closed, and its owner's alone."""


class PauseState(enum.StrEnum):
    """Where a recorded pause stands."""

    RECORDED = "recorded"
    """Recorded, inside the rolling window: it counts in its person's own counts."""
    TAKEN_BACK = "taken back"
    """Its person took it back: it counts nowhere."""
    AGED_OUT = "aged out"
    """Older than the rolling window: it counts nowhere; the record stays its person's."""
    CLOSED_BY_LEAVING = "closed by leaving"
    """A partner left the relationship: closed; the record stays its person's."""


OWNER = Role(
    "owner",
    "the person whose own it is",
    refusal="Only the person whose own it is can {trigger} this {noun}.",
)
"""The person a trigger or a pause belongs to: nobody else makes a move on it."""

_T = TriggerState
LISTED = (_T.PRIVATE, _T.SHARED)
"""The states in which a trigger is on its owner's list (a pause may name it)."""

TRIGGER_MOVES: tuple[Move, ...] = (
    *(
        Move(
            "revise",
            (state,),
            state,
            OWNER,
            description="Change its words: what sets one off, what helps (its owner).",
            event=TriggerRevised,
            notice=UNTOLD,
            takes_back=(CREATION,),
        )
        for state in LISTED
    ),
    Move(
        "share",
        (_T.PRIVATE,),
        _T.SHARED,
        OWNER,
        description="Share it with the partner, who can then read it.",
        event=TriggerShared,
        notice=SHARED,
    ),
    Move(
        "unshare",
        (_T.SHARED,),
        _T.PRIVATE,
        OWNER,
        description="Unshare it: it leaves the partner's view at once, and nobody is told.",
        event=TriggerUnshared,
        notice=UNTOLD,
        takes_back=("share",),
    ),
    Move(
        "remove",
        LISTED,
        _T.REMOVED,
        OWNER,
        description="Take it off one's list (shared, it leaves the partner's view too).",
        event=TriggerRemoved,
        notice=UNTOLD,
        takes_back=(CREATION,),
    ),
)

TRIGGER_WORKFLOW = Workflow(
    "trigger",
    TriggerState,
    _T.PRIVATE,
    (
        *TRIGGER_MOVES,
        closed_by_leaving(TRIGGER_MOVES, _T.CLOSED_BY_LEAVING, TriggerClosedByLeaving),
    ),
)
"""The Trigger transition table and its one machine."""

_P = PauseState
PAUSE_MOVES: tuple[Move, ...] = (
    Move(
        "take_back",
        (_P.RECORDED,),
        _P.TAKEN_BACK,
        OWNER,
        description="Take it back (one recorded by mistake): it counts nowhere.",
        event=PauseTakenBack,
        notice=YOURS_ALONE,
        takes_back=(CREATION,),
    ),
    Move(
        "age_out",
        (_P.RECORDED,),
        _P.AGED_OUT,
        REPAIRKIT,
        description="Older than the rolling window: it counts nowhere; the record stays.",
        event=PauseAgedOut,
        notice=YOURS_ALONE,
    ),
)

PAUSE_WORKFLOW = Workflow(
    "pause",
    PauseState,
    _P.RECORDED,
    (*PAUSE_MOVES, closed_by_leaving(PAUSE_MOVES, _P.CLOSED_BY_LEAVING, PauseClosedByLeaving)),
    (Timer("ages out", at="ages_out_at", fires="age_out"),),
)
"""The Pause transition table and its one machine."""
