"""The check-in agenda's states, table, events and notices.

An agenda item waits for the couple's next check-in. repairkit adds one, in the same
commit, when an object of any workflow enters a state its spec declares for the
check-in (`WorkflowSpec.agenda`: a set-aside request, a suspended boundary, ...), and
moves it on when the object leaves that state. A partner may also add a topic of
their own, and take it off again. An item nobody took up leaves the agenda after a
window (`AgendaRules.window_days`): setbacks age out.

Nothing here tells anyone: the move that put an object in such a state told whom it
had to, and both partners read the agenda when they prepare a check-in.
"""

from __future__ import annotations

import enum

import attrs

from repairkit.core.engine import CREATION, REPAIRKIT, Move, Role, Workflow
from repairkit.core.events import DomainEvent
from repairkit.core.leaving import ClosedByLeaving, closed_by_leaving
from repairkit.core.notices import NoticeRule, Quiet
from repairkit.core.timers import Timer

__all__ = [
    "AGENDA_EVENTS",
    "AGENDA_NOTICES",
    "AGENDA_WORKFLOW",
    "AUTHOR",
    "AgendaItemAdded",
    "AgendaItemAgedOut",
    "AgendaItemClosedByLeaving",
    "AgendaItemMovedOn",
    "AgendaNotice",
    "AgendaState",
    "AgendaTopicAdded",
    "AgendaTopicWithdrawn",
]


class AgendaState(enum.StrEnum):
    """Where an agenda item stands."""

    WAITING = "waiting"
    """On the agenda of the next check-in."""
    MOVED_ON = "moved on"
    """The object behind it left the state that put it on the agenda (reopened, renewed,
    answered): nothing is left to bring to the check-in."""
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


@attrs.frozen(kw_only=True)
class AgendaItemAdded(DomainEvent):
    """repairkit put an object on the agenda: it entered a state its workflow declares."""

    TAG = "agenda.added"


@attrs.frozen(kw_only=True)
class AgendaTopicAdded(DomainEvent):
    """A partner added a topic of their own to the agenda."""

    TAG = "agenda.topic_added"


@attrs.frozen(kw_only=True)
class AgendaItemMovedOn(DomainEvent):
    """The object behind the item left the state that put it on the agenda."""

    TAG = "agenda.moved_on"


@attrs.frozen(kw_only=True)
class AgendaTopicWithdrawn(DomainEvent):
    """The author took their own topic off the agenda."""

    TAG = "agenda.topic_withdrawn"


@attrs.frozen(kw_only=True)
class AgendaItemAgedOut(DomainEvent):
    """The item waited out the agenda's window."""

    TAG = "agenda.aged_out"


@attrs.frozen(kw_only=True)
class AgendaItemClosedByLeaving(ClosedByLeaving):
    """A partner left the relationship: the item was closed, neutrally, for both."""

    TAG = "agenda.closed_by_leaving"


class AgendaNotice(enum.StrEnum):
    """The agenda sends no notification: both read it when they prepare a check-in."""


_READ = Quiet(
    "The agenda is read, never sent: the move that put something on it told whom it had"
    " to, and a topic waits for the check-in, where both see it."
)

_S = AgendaState
AGENDA_MOVES: tuple[Move, ...] = (
    Move(
        "move_on",
        (_S.WAITING,),
        _S.MOVED_ON,
        REPAIRKIT,
        description="Its object left the state that put it on the agenda.",
        event=AgendaItemMovedOn,
        notice=_READ,
    ),
    Move(
        "withdraw",
        (_S.WAITING,),
        _S.WITHDRAWN,
        AUTHOR,
        description="Take one's own topic off the agenda.",
        event=AgendaTopicWithdrawn,
        notice=_READ,
        takes_back=(CREATION,),
    ),
    Move(
        "age_out",
        (_S.WAITING,),
        _S.AGED_OUT,
        REPAIRKIT,
        description="It waited out the agenda's window without being taken up.",
        event=AgendaItemAgedOut,
        notice=_READ,
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

AGENDA_EVENTS: tuple[type[DomainEvent], ...] = (AgendaItemAdded, AgendaTopicAdded)
"""The events no row names (the table's rows add the rest)."""

AGENDA_NOTICES: dict[type[DomainEvent], NoticeRule | Quiet] = {
    AgendaItemAdded: _READ,
    AgendaTopicAdded: _READ,
}
"""The rules of the events no row names: nobody is told."""
