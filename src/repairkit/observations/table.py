"""The Observation workflow's states, roles and table: one moment, named without blame.

The agenda: ``not now`` and ``table`` lead to `FOR_CHECK_IN`, the states a check-in
picks up (as a set-aside request, a tabled talk topic or a suspended boundary).
"""

from __future__ import annotations

import enum

from repairkit.core.engine import CREATION, EITHER_PARTNER, Move, Role, Workflow
from repairkit.core.leaving import closed_by_leaving
from repairkit.core.notices import QUIET
from repairkit.observations.events import (
    ExperienceAdded,
    MirrorConfirmed,
    MoreToSay,
    ObservationClosedByLeaving,
    ObservationNotNow,
    ObservationRedrafted,
    ObservationShared,
    ObservationTabled,
    ObservationWithdrawn,
    Reflected,
)
from repairkit.observations.notices import (
    CONFIRMED,
    EXPERIENCE_ADDED,
    MORE_TO_SAY,
    NOT_NOW,
    REFLECTED,
    SHARED,
    TABLED,
    WITHDRAWN,
)

__all__ = [
    "AUTHOR",
    "FOR_CHECK_IN",
    "LISTENER",
    "OBSERVATION_WORKFLOW",
    "OPEN",
    "ObservationState",
]


class ObservationState(enum.StrEnum):
    """Where an observation stands."""

    DRAFTED = "drafted"
    """Written by its author; only the author can see it."""
    SHARED = "shared"
    """Shared with the other partner, who can reflect it back, add their own experience
    of the moment, or say "not now"."""
    MIRRORED = "mirrored"
    """The other partner reflected it back; the author's answer ("you got it", or "there
    is more") is awaited."""
    HEARD = "heard"
    """The author said the reflection got it."""
    NOT_NOW = "not now"
    """The other partner said "not now": neutral, and on the next check-in's agenda."""
    TABLED = "tabled"
    """Kept for the next check-in: by either partner, or when the rounds of mirroring ran out."""
    WITHDRAWN = "withdrawn"
    """The author took it back."""
    CLOSED_BY_LEAVING = "closed by leaving"
    """A partner left the relationship: closed, neutrally, for both."""


AUTHOR = Role("author", "the partner who wrote the observation")
"""The partner who wrote the observation: it is theirs."""
LISTENER = Role("listener", "the partner the observation was shared with")
"""The other partner: their reflection and their experience are theirs."""

_S = ObservationState
OPEN = (_S.SHARED, _S.MIRRORED, _S.HEARD)
"""The states in which the two partners can still take the observation further."""
FOR_CHECK_IN = (_S.NOT_NOW, _S.TABLED)
"""The states that put an observation on the next check-in's agenda (what a check-in
workflow picks up): "not now", or tabled."""

OBSERVATION_MOVES: tuple[Move, ...] = (
    Move(
        "revise",
        (_S.DRAFTED,),
        _S.DRAFTED,
        AUTHOR,
        description="Change the draft (private to its author).",
        event=ObservationRedrafted,
        notice=QUIET,
        takes_back=(CREATION,),
    ),
    Move(
        "share",
        (_S.DRAFTED,),
        _S.SHARED,
        AUTHOR,
        description="Share it with the other partner, when ready.",
        event=ObservationShared,
        notice=SHARED,
    ),
    Move(
        "mirror",
        (_S.SHARED,),
        _S.MIRRORED,
        LISTENER,
        description='Reflect it back in one\'s own words: "did I get it?".',
        event=Reflected,
        notice=REFLECTED,
    ),
    Move(
        "confirm",
        (_S.MIRRORED,),
        _S.HEARD,
        AUTHOR,
        description="Say the reflection got it.",
        event=MirrorConfirmed,
        notice=CONFIRMED,
    ),
    Move(
        "more",
        (_S.MIRRORED,),
        _S.TABLED,
        AUTHOR,
        guard="rounds_used_up",
        description="Say there is more; the rounds of mirroring are used up, so it is kept"
        " for the next check-in.",
        event=MoreToSay,
        notice=MORE_TO_SAY,
    ),
    Move(
        "more",
        (_S.MIRRORED,),
        _S.SHARED,
        AUTHOR,
        description="Say there is more (in a few more words, if one likes); the other can"
        " reflect it once more.",
        event=MoreToSay,
        notice=MORE_TO_SAY,
    ),
    *(
        Move(
            "add_experience",
            (state,),
            state,
            LISTENER,
            guard="has_no_experience",
            description="Add one's own experience of the same moment, next to the author's.",
            event=ExperienceAdded,
            notice=EXPERIENCE_ADDED,
        )
        for state in OPEN
    ),
    Move(
        "not_now",
        (_S.SHARED,),
        _S.NOT_NOW,
        LISTENER,
        description='Say "not now": neutral, and it goes to the next check-in.',
        event=ObservationNotNow,
        notice=NOT_NOW,
    ),
    Move(
        "table",
        OPEN,
        _S.TABLED,
        EITHER_PARTNER,
        description="Keep it for the next check-in, alone.",
        event=ObservationTabled,
        notice=TABLED,
    ),
    Move(
        "withdraw",
        (_S.DRAFTED, *OPEN, *FOR_CHECK_IN),
        _S.WITHDRAWN,
        AUTHOR,
        description="Take it back (its author); what the other wrote stays theirs to read.",
        event=ObservationWithdrawn,
        notice=WITHDRAWN,
        takes_back=(CREATION,),
    ),
)

OBSERVATION_WORKFLOW = Workflow(
    "observation",
    ObservationState,
    _S.DRAFTED,
    (
        *OBSERVATION_MOVES,
        closed_by_leaving(OBSERVATION_MOVES, _S.CLOSED_BY_LEAVING, ObservationClosedByLeaving),
    ),
)
"""The Observation transition table and its one machine."""
