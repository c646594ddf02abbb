"""The check-in session's states, roles, table and timers: parts in order, turns in an issue.

The parts follow one another by ``next_part``: appreciations, what went right, the
issues, what each can do for the other in the coming week. In the issues, one issue at
a time is heard in speaker and listener turns. Either partner alone takes a break, ends
the session, or asks for a third person, from every open state; none of it is refused.
"""

from __future__ import annotations

import enum

from repairkit.core.engine import EITHER_PARTNER, REPAIRKIT, Move, Role, Workflow
from repairkit.core.leaving import closed_by_leaving
from repairkit.core.timers import Timer
from repairkit.sessions.events import (
    PartMovedOn,
    SessionClosed,
    SessionClosedByLeaving,
    SessionEnded,
)
from repairkit.sessions.notices import CLOSED, IN_THE_ROOM

__all__ = [
    "IN_ISSUE",
    "LISTENER",
    "OPEN",
    "SESSION_WORKFLOW",
    "SPEAKER",
    "TALKING",
    "SessionState",
    "paused_in_guard",
]


class SessionState(enum.StrEnum):
    """Where a check-in session stands."""

    APPRECIATIONS = "appreciations"
    """Each partner shares appreciations of the other (up to the rules' number)."""
    WENT_RIGHT = "went right"
    """Each partner shares what went right since the last check-in."""
    ISSUE = "issue"
    """Ready for an issue, one at a time (or for the next part)."""
    SPEAKING = "speaking"
    """The speaker has the floor; the listener listens."""
    SUMMARISED = "summarised"
    """The listener summarised; the speaker says whether they feel understood."""
    UNDERSTOOD = "understood"
    """Both partners felt understood on the issue: now they may look for what to do."""
    FOR_THE_WEEK = "for the week"
    """Each asks: what can I do for you this coming week?"""
    ON_BREAK = "on break"
    """A partner took a break; the session waits, nothing is lost."""
    ENDED = "ended"
    """The session is over (done together, ended by a partner alone, or by repairkit)."""
    CLOSED_BY_LEAVING = "closed by leaving"
    """A partner left the relationship: closed, neutrally, for both."""


_S = SessionState
IN_ISSUE = (_S.SPEAKING, _S.SUMMARISED, _S.UNDERSTOOD)
"""The states in which an issue is being heard."""
TALKING = (_S.APPRECIATIONS, _S.WENT_RIGHT, _S.ISSUE, *IN_ISSUE, _S.FOR_THE_WEEK)
"""The states in which the session goes on (not on a break)."""
OPEN = (*TALKING, _S.ON_BREAK)
"""Every state of an open session."""

SPEAKER = Role(
    "speaker",
    "the partner who has the floor",
    refusal="The floor is the other partner's now, so {trigger} is theirs; listening is yours.",
)
"""The partner who has the floor in an issue's turn."""
LISTENER = Role(
    "listener",
    "the partner listening",
    refusal="The listener summarises; you have the floor now, so there is no rush.",
)
"""The partner listening in an issue's turn."""

_NEXT = {
    _S.APPRECIATIONS: _S.WENT_RIGHT,
    _S.WENT_RIGHT: _S.ISSUE,
    _S.ISSUE: _S.FOR_THE_WEEK,
    _S.FOR_THE_WEEK: _S.ENDED,
}


def paused_in_guard(state: SessionState) -> str:
    """Return the name of the guard "the break was taken in *state*" (``paused_in_issue``)."""
    return f"paused_in_{state.name.lower()}"


def _stays(
    trigger: str, states: tuple[SessionState, ...], who: Role, description: str
) -> list[Move]:
    """Return one row per state of *states* that stays there."""
    return [Move(trigger, (s,), s, who, description=description) for s in states]


SESSION_MOVES: tuple[Move, ...] = (
    *(
        Move(
            "next_part",
            (source,),
            dest,
            EITHER_PARTNER,
            description="Move on to the next part (after the last, the session is done).",
            event=PartMovedOn,
            notice=IN_THE_ROOM,
        )
        for source, dest in _NEXT.items()
    ),
    *_stays("appreciate", (_S.APPRECIATIONS,), EITHER_PARTNER, "Share an appreciation."),
    *_stays("went_right", (_S.WENT_RIGHT,), EITHER_PARTNER, "Share something that went right."),
    Move(
        "raise_issue",
        (_S.ISSUE,),
        _S.SPEAKING,
        EITHER_PARTNER,
        description="Raise an issue, in one's own words, and take the floor first.",
    ),
    Move(
        "summarise",
        (_S.SPEAKING,),
        _S.SUMMARISED,
        LISTENER,
        description="Say back, in one's own words, what the speaker said.",
    ),
    Move(
        "understood",
        (_S.SUMMARISED,),
        _S.UNDERSTOOD,
        SPEAKER,
        guard="other_understood",
        description="Feel understood: the other was already, so both are now.",
    ),
    Move(
        "understood",
        (_S.SUMMARISED,),
        _S.SPEAKING,
        SPEAKER,
        description="Feel understood: the roles swap, the other has the floor.",
    ),
    Move(
        "there_is_more",
        (_S.SUMMARISED,),
        _S.SPEAKING,
        SPEAKER,
        description="Say there is more: the floor is the speaker's again, for one more round.",
    ),
    Move(
        "close_issue",
        IN_ISSUE,
        _S.ISSUE,
        EITHER_PARTNER,
        description="Close the issue: agreed (once both were understood), carried over,"
        " or for a third person.",
    ),
    *_stays(
        "for_the_week",
        (_S.FOR_THE_WEEK,),
        EITHER_PARTNER,
        "Answer: what can I do for you this coming week?",
    ),
    Move(
        "take_break",
        TALKING,
        _S.ON_BREAK,
        EITHER_PARTNER,
        description="Take a break, alone: the session waits, nothing is lost.",
    ),
    *(
        Move(
            "resume",
            (_S.ON_BREAK,),
            state,
            EITHER_PARTNER,
            guard=paused_in_guard(state),
            description="Come back from the break: the session goes on where it paused.",
        )
        for state in TALKING
    ),
    *_stays(
        "ask_for_third_person",
        OPEN,
        EITHER_PARTNER,
        "Ask for a third person (a counsellor, a trusted mediator), alone; never refused.",
    ),
    Move(
        "end",
        OPEN,
        _S.ENDED,
        EITHER_PARTNER,
        description="End the session, alone and at once; nothing said is lost.",
        event=SessionEnded,
        takes_back=(),  # one's own part, no one's record
    ),
    *_stays(
        "floor_time_up",
        (_S.SPEAKING,),
        REPAIRKIT,
        "The floor's time is up: the speaker is told softly, never cut off.",
    ),
    Move(
        "close",
        OPEN,
        _S.ENDED,
        REPAIRKIT,
        description="The session stayed open past its longest time: repairkit ends it.",
        event=SessionClosed,
        notice=CLOSED,
    ),
)

SESSION_TIMERS: tuple[Timer, ...] = (
    Timer("session closes", at="closes_at", fires="close"),
    Timer("floor time up", at="floor_ends_at", fires="floor_time_up"),
)
"""Closing comes first: a session left open past both ends, rather than speak softly."""

SESSION_WORKFLOW = Workflow(
    "session",
    SessionState,
    _S.APPRECIATIONS,
    (
        *SESSION_MOVES,
        closed_by_leaving(SESSION_MOVES, _S.CLOSED_BY_LEAVING, SessionClosedByLeaving),
    ),
    SESSION_TIMERS,
)
"""The check-in session's transition table, timers and one machine."""
