"""Who hears about what in a timed talk, in repairkit's own calm words (naming no one)."""

from __future__ import annotations

import enum
from collections.abc import Iterable

from repairkit.core.events import DomainEvent
from repairkit.core.notices import Notice, NoticeRule, Quiet, tell_everyone
from repairkit.core.values import SYSTEM, PersonId
from repairkit.talks.events import TalkStarted, _Closing

__all__ = ["CLOSED", "ENDED", "SET_ASIDE", "TALK_NOTICES", "TIME_OUT_MIGHT_HELP", "TalkNotice"]


class TalkNotice(enum.StrEnum):
    """What a timed-talk notification is about."""

    TALK_TIMED = "talk timed"
    TIME_OUT_MIGHT_HELP = "a time-out might help"
    TALK_ENDED = "talk ended"
    TALK_TOPIC_SET_ASIDE = "talk topic set aside"
    TALK_CLOSED = "talk closed"


def _started(event: DomainEvent, audience: tuple[PersonId, ...]) -> Iterable[Notice]:
    """The other hears the talk is timed, and when the timer will speak."""
    assert isinstance(event, TalkStarted)  # noqa: S101 - dispatched by type
    minutes = round((event.limit_at - event.at).total_seconds() / 60)
    text = (
        f"Your partner started a timer for this talk. After {minutes} minutes you will both"
        " hear that a time-out might help; it is advice only."
    )
    return [Notice(p, TalkNotice.TALK_TIMED, text) for p in audience]


def _rest(event: _Closing) -> str:
    if event.rests_until is None:
        return ""
    hours = round((event.rests_until - event.at).total_seconds() / 3600)
    return f" As you agreed, the topic rests for {hours} hours before a new talk on it."


def _closing(kind: TalkNotice, text: str, *, everyone: bool = False) -> NoticeRule:
    """Tell the audience (and the actor, if *everyone*) *text*, and how long the topic rests."""

    def rule(event: DomainEvent, audience: tuple[PersonId, ...]) -> Iterable[Notice]:
        assert isinstance(event, _Closing)  # noqa: S101 - dispatched by type
        people = dict.fromkeys(audience)
        if everyone and event.actor != SYSTEM:
            people[event.actor] = None
        return [Notice(p, kind, text + _rest(event)) for p in people]

    rule.__doc__ = f"{text} With a moratorium: for how many hours the topic rests."
    return rule


TIME_OUT_MIGHT_HELP: NoticeRule = tell_everyone(
    TalkNotice.TIME_OUT_MIGHT_HELP,
    "Your talk has reached the time you agreed. A time-out might help; whether to take one"
    " is up to you both.",
)
"""The rule of the ``suggest_time_out`` row."""
ENDED = _closing(TalkNotice.TALK_ENDED, "The timed talk is ended.")
"""The rule of the ``end`` row."""
SET_ASIDE = _closing(
    TalkNotice.TALK_TOPIC_SET_ASIDE, "The topic of the timed talk is kept for your next check-in."
)
"""The rule of the ``set_aside`` row."""
CLOSED = _closing(
    TalkNotice.TALK_CLOSED,
    "The timed talk reached its longest time, so it is closed; nothing is needed from you.",
    everyone=True,
)
"""The rule of the ``close`` row."""

TALK_NOTICES: dict[type[DomainEvent], NoticeRule | Quiet] = {TalkStarted: _started}
"""The rules of the Talk events no row names; each move's row names its own."""
