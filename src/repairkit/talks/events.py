"""The Talk workflow's events, each with its stable tag ("talk.started")."""

from __future__ import annotations

import uuid
from datetime import datetime

import attrs

from repairkit.core.events import DomainEvent
from repairkit.core.leaving import ClosedByLeaving

__all__ = [
    "TALK_EVENTS",
    "TalkClosed",
    "TalkClosedByLeaving",
    "TalkEnded",
    "TalkSetAside",
    "TalkStarted",
    "TimeOutSuggested",
]


@attrs.frozen(kw_only=True)
class TalkStarted(DomainEvent):
    """A partner started timing a heated talk."""

    TAG = "talk.started"

    limit_at: datetime
    """When both will hear that a time-out might help."""
    topic: uuid.UUID
    """The first talk on this topic (the talk itself when its topic is new)."""


@attrs.frozen(kw_only=True)
class TimeOutSuggested(DomainEvent):
    """The agreed limit came: both are told a time-out might help; nothing is enforced."""

    TAG = "talk.time_out_suggested"


@attrs.frozen(kw_only=True)
class _Closing(DomainEvent):
    """A talk came to an end; the topic may rest for a while (the moratorium)."""

    rests_until: datetime | None = None
    """Until when no new talk on the topic can start, if the couple agreed a moratorium."""


@attrs.frozen(kw_only=True)
class TalkEnded(_Closing):
    """A partner ended the talk."""

    TAG = "talk.ended"


@attrs.frozen(kw_only=True)
class TalkSetAside(_Closing):
    """A partner kept the topic for the next check-in."""

    TAG = "talk.set_aside"


@attrs.frozen(kw_only=True)
class TalkClosed(_Closing):
    """Nobody closed the talk by its longest time, so repairkit did."""

    TAG = "talk.closed"


TALK_EVENTS: tuple[type[DomainEvent], ...] = (
    TalkStarted,
    TimeOutSuggested,
    TalkEnded,
    TalkSetAside,
    TalkClosed,
)
"""Every event type the Talk workflow records."""


@attrs.frozen(kw_only=True)
class TalkClosedByLeaving(ClosedByLeaving):
    """A partner left the relationship: the talk was closed, neutrally, for both."""

    TAG = "talk.closed_by_leaving"
