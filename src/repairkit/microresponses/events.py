"""The events of micro-responses, each with its stable tag ("micro_response.told").

Every move its giver makes is private to them (`DomainEvent.private_to`), told or not:
the receiver never reads when, or how often, the giver recorded, told, took back or
deleted anything, and a deleted micro-response leaves nothing in their history. The one
event the receiver may read is their own acknowledgement. Events name no words: the
words live on the micro-response.
"""

from __future__ import annotations

import attrs

from repairkit.core.events import DomainEvent
from repairkit.core.leaving import ClosedByLeaving

__all__ = [
    "MICRO_RESPONSE_EVENTS",
    "MicroResponseAcknowledged",
    "MicroResponseClosedByLeaving",
    "MicroResponseDeleted",
    "MicroResponseRecorded",
    "MicroResponseTold",
    "MicroResponseUntold",
]


@attrs.frozen(kw_only=True)
class MicroResponseRecorded(DomainEvent):
    """The giver recorded one of their own small acts (private to them)."""

    TAG = "micro_response.recorded"


@attrs.frozen(kw_only=True)
class MicroResponseTold(DomainEvent):
    """The giver let the receiver see it (private to the giver: the receiver reads no time)."""

    TAG = "micro_response.told"


@attrs.frozen(kw_only=True)
class MicroResponseUntold(DomainEvent):
    """The giver kept it to themselves again."""

    TAG = "micro_response.untold"


@attrs.frozen(kw_only=True)
class MicroResponseDeleted(DomainEvent):
    """The giver deleted it: its words are gone, and the receiver reads nothing of it."""

    TAG = "micro_response.deleted"


@attrs.frozen(kw_only=True)
class MicroResponseAcknowledged(DomainEvent):
    """The receiver said "I noticed, thank you" (the giver hears it, calmly)."""

    TAG = "micro_response.acknowledged"
    TELLS_NEWS = True
    """It reaches the giver, so it counts on the receiver's pressure budget as a new item
    (a thank-you is kind, and still a message: every channel has a limit)."""


@attrs.frozen(kw_only=True)
class MicroResponseClosedByLeaving(ClosedByLeaving):
    """A partner left the relationship: the micro-response is its giver's alone."""

    TAG = "micro_response.closed_by_leaving"


MICRO_RESPONSE_EVENTS: tuple[type[DomainEvent], ...] = (MicroResponseRecorded,)
"""The events no row of the table names (the rows add their own)."""
