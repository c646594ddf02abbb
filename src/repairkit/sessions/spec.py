"""The check-in session's declaration: the one thing the registry imports."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from repairkit.core.events import DomainEvent
from repairkit.core.personal import PersonalData
from repairkit.core.progress import ProgressFigure, couple_events
from repairkit.core.spec import FacilitatorShare, WorkflowSpec
from repairkit.sessions.commands import CARRIED_KEY, SessionCommands
from repairkit.sessions.events import (
    SESSION_EVENTS,
    IssueClosed,
    SessionClosed,
    SessionEnded,
    SessionOpened,
)
from repairkit.sessions.model import CheckInSession
from repairkit.sessions.notices import SESSION_NOTICES, SessionNotice
from repairkit.sessions.rules import SessionRules
from repairkit.sessions.safety import SESSION_SAFETY
from repairkit.sessions.table import OPEN, SESSION_WORKFLOW

__all__ = ["SESSIONS", "SESSION_SHARE", "TAKEN_UP_BY"]


TAKEN_UP_BY = ("agreed", "third person")
"""The outcomes of an issue that take up the agenda item it names ("carried over" leaves
it waiting, counted toward the sign of a stalemate)."""


def _taken_up(session: Any, event: DomainEvent) -> uuid.UUID | None:  # noqa: ANN401
    """The agenda item an issue closed "agreed" or "third person" takes up, if it named one."""
    del session  # the event names the item: the session has moved past the issue
    if isinstance(event, IssueClosed) and event.outcome in TAKEN_UP_BY:
        return event.item_id
    return None


def _carried_over(session: Any, event: DomainEvent) -> tuple[str, str] | None:  # noqa: ANN401
    """An issue in one's own words, carried over or left open at the end: back on the agenda."""
    carried = (
        isinstance(event, IssueClosed) and event.outcome == "carried over" and not event.item_id
    )
    left_open = isinstance(event, SessionEnded | SessionClosed) and event.issue_open
    return session.last_issue() if carried or left_open else None


def _keys(session: Any) -> Iterable[tuple[str, str]]:  # noqa: ANN401 - a stored session
    """A session's index keys: each agenda item it carried over."""
    return [(CARRIED_KEY, str(item)) for item in session.carried]


def _shared(
    commands: SessionCommands, relationship_id: uuid.UUID, partners: tuple[str, str]
) -> list[Any]:
    """What a third person reads of sessions: what was said in the room of the open one."""
    return list(commands.said_to_both(relationship_id, partners=partners))


SESSION_SHARE = FacilitatorShare(
    category="sessions",
    description="What was said in the room of the open check-in session: each text's part"
    " and words, in order, never who said it.",
    read=_shared,
)
"""The open session, as a category a third person may read (`kit.facilitators.shared`)."""


SESSIONS = WorkflowSpec(
    name="session",
    personal=PersonalData(texts={"words": "author"}),
    entity=CheckInSession,
    workflow=SESSION_WORKFLOW,
    events=SESSION_EVENTS,
    notices=SESSION_NOTICES,
    notice_kinds=SessionNotice,
    summary=(
        "One check-in of the couple's agreed schedule (Gottman's \"State of the Union\","
        " about an hour), in parts, in order: appreciations (up to five each), what went"
        " right, one issue at a time in speaker and listener turns (the speaker has the"
        " floor and is told softly when its time is up; the listener summarises until the"
        " speaker feels understood, then the roles swap), and what each can do for the"
        " other in the coming week. Either partner alone takes a break, ends the session"
        " or asks for a third person; nothing is lost. Signs of a stalemate (rounds used"
        " up, breaks, an issue carried over session after session) tell both, in neutral"
        " words, that a counsellor or trusted mediator could help."
    ),
    rules=SessionRules,
    namespace="sessions",
    commands=SessionCommands,
    safety=SESSION_SAFETY,
    keys=_keys,
    shared_with_facilitator=SESSION_SHARE,
    takes_up=_taken_up,
    carries_over=_carried_over,
    one_at_a_time=lambda session: "open" if session.state in OPEN else None,
    progress=(
        ProgressFigure(
            name="check_ins",
            label="check-ins held",
            count=couple_events(SessionOpened.TAG),
        ),
    ),
)
"""The check-in session workflow, as the registry knows it."""
