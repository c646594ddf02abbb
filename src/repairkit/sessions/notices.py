"""Who hears about what in a check-in session, in repairkit's own calm words.

Both partners sit together in a session, so most of its moves tell nobody: the app
shows the part they are in. What is told never names a partner and never quotes one:
the soft word to the speaker that the floor's time is up, a break, the sign that a
third person could help (told to both, in the same words), and the session's end.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

from repairkit.core.events import DomainEvent
from repairkit.core.notices import Notice, NoticeRule, Quiet, tell_audience
from repairkit.core.values import SYSTEM, PersonId
from repairkit.sessions.events import (
    AppreciationShared,
    BreakTaken,
    FloorTimeUp,
    IssueClosed,
    IssueRaised,
    IssueSummarised,
    SessionEnded,
    SessionOpened,
    SessionResumed,
    SpeakerUnderstood,
    ThereIsMore,
    ThirdPersonAsked,
    WeekAnswerShared,
    WentRightShared,
)

__all__ = ["IN_THE_ROOM", "SESSION_NOTICES", "SessionNotice"]


class SessionNotice(enum.StrEnum):
    """What a check-in session notification is about."""

    OPENED = "check-in session opened"
    FLOOR_TIME_UP = "check-in: the floor's time is up"
    BREAK = "check-in: a break"
    RESUMED = "check-in: going on"
    STALEMATE = "check-in: a third person could help"
    THIRD_PERSON = "check-in: a third person asked for"
    ENDED = "check-in session ended"


IN_THE_ROOM = Quiet(
    "Both partners are at the session together and the app shows where it stands;"
    " telling them would only repeat it."
)
"""The rule of the moves made together in the session (a part, a text, a turn)."""

STALEMATE_TEXT = (
    "This may be more than a check-in can hold right now, and that is common. A third"
    " person, such as a counsellor or a trusted mediator, could help; whether to ask one"
    " is up to you both."
)
THIRD_PERSON_TEXT = (
    "A third person, such as a counsellor or a trusted mediator, was asked for in your"
    " check-in. Nothing else changes, and nothing said is lost."
)


def _both(event: DomainEvent, audience: tuple[PersonId, ...]) -> list[PersonId]:
    people = dict.fromkeys(audience)
    if event.actor != SYSTEM:
        people[event.actor] = None
    return list(people)


def _stalemate(event: DomainEvent, audience: tuple[PersonId, ...]) -> list[Notice]:
    return [Notice(p, SessionNotice.STALEMATE, STALEMATE_TEXT) for p in _both(event, audience)]


def _sign(event: DomainEvent, audience: tuple[PersonId, ...]) -> Iterable[Notice]:
    """Both hear, in the same words, that a third person could help, once a session."""
    assert isinstance(event, ThereIsMore)  # noqa: S101 - dispatched by type
    return _stalemate(event, audience) if event.stalemate else []


def _issue_closed(event: DomainEvent, audience: tuple[PersonId, ...]) -> Iterable[Notice]:
    """Closing an issue tells both only of a third person or a stalemate (once a session).

    The two never come together: a stalemate shows when an issue is carried over.
    """
    assert isinstance(event, IssueClosed)  # noqa: S101 - dispatched by type
    notices: list[Notice] = []
    if event.third_person:
        notices += [
            Notice(p, SessionNotice.THIRD_PERSON, THIRD_PERSON_TEXT) for p in _both(event, audience)
        ]
    if event.stalemate:
        notices += _stalemate(event, audience)
    return notices


def _floor(event: DomainEvent, _audience: tuple[PersonId, ...]) -> Iterable[Notice]:
    """Only the speaker hears, softly, that the floor's time is up; nothing stops."""
    assert isinstance(event, FloorTimeUp)  # noqa: S101 - dispatched by type
    text = "The time you set for the floor is up. Finish your thought when you are ready."
    return [Notice(event.speaker, SessionNotice.FLOOR_TIME_UP, text)]


def _break(event: DomainEvent, audience: tuple[PersonId, ...]) -> Iterable[Notice]:
    """The other hears of the break; at the sign of a stalemate, both hear that too.

    One notice per person and event: the other's tells of the break and of the sign.
    """
    assert isinstance(event, BreakTaken)  # noqa: S101 - dispatched by type
    text = "Your check-in is on a break. Nothing is lost; it goes on when you are both ready."
    if not event.stalemate:
        return [Notice(p, SessionNotice.BREAK, text) for p in audience]
    return [
        Notice(
            p,
            SessionNotice.STALEMATE,
            f"{text} {STALEMATE_TEXT}" if p != event.actor else STALEMATE_TEXT,
        )
        for p in _both(event, audience)
    ]


def _third_person(event: DomainEvent, audience: tuple[PersonId, ...]) -> Iterable[Notice]:
    """Both hear, naming no one, that a third person was asked for (once a session)."""
    assert isinstance(event, ThirdPersonAsked)  # noqa: S101 - dispatched by type
    if not event.tells:
        return []
    return [
        Notice(p, SessionNotice.THIRD_PERSON, THIRD_PERSON_TEXT) for p in _both(event, audience)
    ]


def _closed(event: DomainEvent, audience: tuple[PersonId, ...]) -> Iterable[Notice]:
    text = (
        "Your check-in stayed open past its longest time, so it is ended; nothing said in"
        " it is lost."
    )
    return [Notice(p, SessionNotice.ENDED, text) for p in _both(event, audience)]


SIGN: NoticeRule = _sign
"""The rule of the ``there_is_more`` rows."""
FLOOR: NoticeRule = _floor
"""The rule of the ``floor_time_up`` row."""
CLOSED: NoticeRule = _closed
"""The rule of the ``close`` rows (repairkit's)."""

SESSION_NOTICES: dict[type[DomainEvent], NoticeRule | Quiet] = {
    SessionOpened: tell_audience(
        SessionNotice.OPENED,
        "A check-in session is open. It starts with appreciations, whenever you are ready.",
    ),
    IssueClosed: _issue_closed,
    BreakTaken: _break,
    SessionResumed: tell_audience(SessionNotice.RESUMED, "Your check-in goes on where it paused."),
    ThirdPersonAsked: _third_person,
    AppreciationShared: IN_THE_ROOM,
    WentRightShared: IN_THE_ROOM,
    IssueRaised: IN_THE_ROOM,
    IssueSummarised: IN_THE_ROOM,
    SpeakerUnderstood: IN_THE_ROOM,
    ThereIsMore: SIGN,
    FloorTimeUp: FLOOR,
    WeekAnswerShared: IN_THE_ROOM,
    SessionEnded: tell_audience(
        SessionNotice.ENDED, "Your check-in is ended. Nothing said in it is lost."
    ),
}
"""The rules of the session's events no row names; each plain row names its own."""
