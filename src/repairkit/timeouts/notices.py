"""Who hears about what in a time-out, in repairkit's own calm words (naming no one)."""

from __future__ import annotations

import enum
from collections.abc import Iterable

from repairkit.core.events import DomainEvent
from repairkit.core.notices import Notice, NoticeRule, Quiet, tell_audience, tell_everyone
from repairkit.core.values import PersonId
from repairkit.timeouts.events import (
    CheckBackDue,
    DroppingDeclined,
    DroppingProposed,
    TalkResumed,
    TimeOutCalled,
    TimeOutExtended,
    TimeOutLapsed,
    TopicDropped,
    TopicSetAside,
)

__all__ = ["HELD_BACK_NOT", "TIMEOUT_NOTICES", "TimeOutNotice"]


class TimeOutNotice(enum.StrEnum):
    """What a time-out notification is about."""

    TIME_OUT_CALLED = "time-out called"
    THIRD_PARTY_SUGGESTED = "third person suggested"
    TIME_TO_CHECK_BACK = "time to check back"
    TIME_OUT_EXTENDED = "time-out extended"
    TALK_RESUMED = "talk resumed"
    TOPIC_SET_ASIDE = "topic set aside"
    LETTING_GO_SUGGESTED = "letting go suggested"
    TOPIC_KEPT = "topic kept"
    TOPIC_LET_GO = "topic let go"


_PAUSE = (
    "Your partner is taking a time-out to calm down and will check back at the agreed time."
    " Nothing is needed from you meanwhile."
)
_MORE_TIME = "Your partner asked for a little more time before checking back."
_THIRD = (
    "Time-outs close together, or many hours of them in a week, can be a sign that a"
    " third person, such as a counsellor, could help. You can talk about it at your next"
    " check-in if you both wish."
)


def _with_third(
    event: DomainEvent, audience: tuple[PersonId, ...], kind: TimeOutNotice, text: str
) -> Iterable[Notice]:
    """Tell the audience *text*; when a third person may help, both hear that too."""
    if not getattr(event, "third_party_suggested", False):
        return [Notice(p, kind, text) for p in audience]
    third = TimeOutNotice.THIRD_PARTY_SUGGESTED
    return [
        *(Notice(p, third, f"{text} {_THIRD}") for p in audience),
        Notice(event.actor, third, _THIRD),
    ]


def _called(event: DomainEvent, audience: tuple[PersonId, ...]) -> Iterable[Notice]:
    """The other hears of the time-out; when a third person may help, both hear that too."""
    return _with_third(event, audience, TimeOutNotice.TIME_OUT_CALLED, _PAUSE)


def _extended(event: DomainEvent, audience: tuple[PersonId, ...]) -> Iterable[Notice]:
    """The other hears of more time; near the weekly ceiling, both hear a third person may help."""
    return _with_third(event, audience, TimeOutNotice.TIME_OUT_EXTENDED, _MORE_TIME)


HELD_BACK_NOT: frozenset[str] = frozenset(
    {
        TimeOutNotice.TIME_TO_CHECK_BACK.value,
        TimeOutNotice.TIME_OUT_CALLED.value,
        TimeOutNotice.TIME_OUT_EXTENDED.value,
        TimeOutNotice.THIRD_PARTY_SUGGESTED.value,
    }
)
"""What still reaches a person inside their own time-out: a check-back, and the other's
own time-out (called or extended, with a third person suggested)."""


TIMEOUT_NOTICES: dict[type[DomainEvent], NoticeRule | Quiet] = {
    TimeOutCalled: _called,
    CheckBackDue: tell_everyone(
        TimeOutNotice.TIME_TO_CHECK_BACK,
        "It is time to check back in with each other about the talk you stepped out of.",
    ),
    TimeOutExtended: _extended,
    TalkResumed: tell_audience(TimeOutNotice.TALK_RESUMED, "The talk can go on."),
    TopicSetAside: tell_audience(
        TimeOutNotice.TOPIC_SET_ASIDE, "The topic is kept for your next check-in."
    ),
    DroppingProposed: tell_audience(
        TimeOutNotice.LETTING_GO_SUGGESTED,
        "Your partner suggested letting the topic go. Your answer is welcome;"
        " keeping it is a fair answer too.",
    ),
    DroppingDeclined: tell_audience(
        TimeOutNotice.TOPIC_KEPT,
        "The topic is kept. It stays open between you, for when you are both ready.",
    ),
    TopicDropped: tell_audience(TimeOutNotice.TOPIC_LET_GO, "You both let the topic go."),
    TimeOutLapsed: tell_everyone(
        TimeOutNotice.TOPIC_SET_ASIDE,
        "The time-out reached its longest time, so the topic is kept for your next check-in.",
    ),
}
"""A rule for every event of the TimeOut workflow."""
