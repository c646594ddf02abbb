"""The TimeOut workflow's events, each with its stable tag ("timeout.called")."""

from __future__ import annotations

from datetime import datetime

import attrs

from repairkit.core.events import DomainEvent
from repairkit.core.leaving import ClosedByLeaving

__all__ = [
    "TIMEOUT_EVENTS",
    "CheckBackDue",
    "DroppingDeclined",
    "DroppingProposed",
    "TalkResumed",
    "TimeOutCalled",
    "TimeOutClosedByLeaving",
    "TimeOutExtended",
    "TimeOutLapsed",
    "TopicDropped",
    "TopicSetAside",
]


@attrs.frozen(kw_only=True)
class TimeOutCalled(DomainEvent):
    """A partner called a time-out for themselves, with a return time."""

    TAG = "timeout.called"
    SAFETY_HOOK = True

    return_at: datetime
    in_talk: int
    """1 for the first time-out in this talk, 2 for the second, and so on."""
    third_party_suggested: bool

    def limits_notice(self) -> bool:
        """A time-out's news, a third person suggested included, reaches the other once a day.

        Once the third person is suggested at every call (from the third time-out in a
        window), telling the other each time would be a channel without a limit; the
        caller still hears it each time.
        """
        return True


@attrs.frozen(kw_only=True)
class CheckBackDue(DomainEvent):
    """The return time came: both are told it is time to come back."""

    TAG = "timeout.check_back"
    FOLLOWS_HOOK = True


@attrs.frozen(kw_only=True)
class TimeOutExtended(DomainEvent):
    """The caller asked for one more step of the ladder."""

    TAG = "timeout.extended"
    FOLLOWS_HOOK = True

    return_at: datetime
    third_party_suggested: bool = False
    """The weekly ceiling is near: both are told a third person could help."""


@attrs.frozen(kw_only=True)
class TalkResumed(DomainEvent):
    """The talk goes on."""

    TAG = "timeout.resumed"
    SAFETY_HOOK = True


@attrs.frozen(kw_only=True)
class TopicSetAside(DomainEvent):
    """The topic is kept for the next check-in."""

    TAG = "timeout.set_aside"


@attrs.frozen(kw_only=True)
class DroppingProposed(DomainEvent):
    """A partner suggested letting the topic go."""

    TAG = "timeout.dropping_proposed"


@attrs.frozen(kw_only=True)
class DroppingDeclined(DomainEvent):
    """The partner asked preferred to keep the topic."""

    TAG = "timeout.dropping_declined"


@attrs.frozen(kw_only=True)
class TopicDropped(DomainEvent):
    """Both let the topic go."""

    TAG = "timeout.dropped"


@attrs.frozen(kw_only=True)
class TimeOutLapsed(DomainEvent):
    """The ceiling passed with no return; the topic goes to the next check-in."""

    TAG = "timeout.lapsed"
    FOLLOWS_HOOK = True


TIMEOUT_EVENTS: tuple[type[DomainEvent], ...] = (
    TimeOutCalled,
    CheckBackDue,
    TimeOutExtended,
    TalkResumed,
    TopicSetAside,
    DroppingProposed,
    DroppingDeclined,
    TopicDropped,
    TimeOutLapsed,
)
"""Every event type the TimeOut workflow records."""


@attrs.frozen(kw_only=True)
class TimeOutClosedByLeaving(ClosedByLeaving):
    """A partner left the relationship: the timeout was closed, neutrally, for both."""

    TAG = "timeout.closed_by_leaving"
