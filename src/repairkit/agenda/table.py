"""The check-in agenda's states, roles and table.

An agenda item waits for the couple's next check-in. repairkit adds one, in the same
commit, when an object of any workflow enters a state its spec declares for the
check-in (`WorkflowSpec.agenda`: a set-aside request, a suspended boundary, ...), and
moves it on when the object leaves that state; a check-in takes it up when an issue
naming it is agreed or kept for a third person. A partner may also add a topic of
their own, and take it off again. An item nobody took up leaves the agenda after a
window (`AgendaRules.window_days`): setbacks age out.

Nothing here tells anyone: the move that put an object in such a state told whom it
had to, and both partners read the agenda when they prepare a check-in.
"""

from __future__ import annotations

import enum

from repairkit.agenda.events import (
    AgendaItemAgedOut,
    AgendaItemClosedByLeaving,
    AgendaItemMovedOn,
    AgendaItemTakenUp,
    AgendaTopicWithdrawn,
)
from repairkit.agenda.notices import READ
from repairkit.core import CREATION, REPAIRKIT, Move, Role, Timer, Workflow, closed_by_leaving

__all__ = ["AGENDA_WORKFLOW", "AUTHOR", "AgendaState"]


class AgendaState(enum.StrEnum):
    """Where an agenda item stands."""

    WAITING = "waiting"
    """On the agenda of the next check-in."""
    MOVED_ON = "moved on"
    """The object behind it left the state that put it on the agenda (reopened, renewed,
    answered): nothing is left to bring to the check-in."""
    TAKEN_UP = "taken up"
    """A check-in took it up: the issue that named it was agreed, or kept for a third
    person (an issue carried over leaves it waiting)."""
    WITHDRAWN = "withdrawn"
    """Its author took their own topic off the agenda."""
    AGED_OUT = "aged out"
    """It waited out the agenda's window without being taken up (setbacks age out)."""
    CLOSED_BY_LEAVING = "closed by leaving"
    """A partner left the relationship: closed, neutrally, for both."""


AUTHOR = Role(
    "author",
    "the partner who added the topic",
    refusal="Only {description} can {trigger} it.",
)
"""The partner who added a topic of their own (items repairkit added have no author)."""


_S = AgendaState
AGENDA_MOVES: tuple[Move, ...] = (
    Move(
        "move_on",
        (_S.WAITING,),
        _S.MOVED_ON,
        REPAIRKIT,
        description="Its object left the state that put it on the agenda.",
        event=AgendaItemMovedOn,
        notice=READ,
    ),
    Move(
        "take_up",
        (_S.WAITING,),
        _S.TAKEN_UP,
        REPAIRKIT,
        description="A check-in took it up: the issue naming it was agreed, or kept for"
        " a third person.",
        event=AgendaItemTakenUp,
        notice=READ,
    ),
    Move(
        "withdraw",
        (_S.WAITING,),
        _S.WITHDRAWN,
        AUTHOR,
        description="Take one's own topic off the agenda.",
        event=AgendaTopicWithdrawn,
        notice=READ,
        takes_back=(CREATION,),
    ),
    Move(
        "age_out",
        (_S.WAITING,),
        _S.AGED_OUT,
        REPAIRKIT,
        description="It waited out the agenda's window without being taken up.",
        event=AgendaItemAgedOut,
        notice=READ,
    ),
)

AGENDA_WORKFLOW = Workflow(
    "agenda",
    AgendaState,
    _S.WAITING,
    (
        *AGENDA_MOVES,
        closed_by_leaving(AGENDA_MOVES, _S.CLOSED_BY_LEAVING, AgendaItemClosedByLeaving),
    ),
    timers=(Timer("ages out", at="expires_at", fires="age_out"),),
)
"""The agenda item's transition table and its one machine."""
