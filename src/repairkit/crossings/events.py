"""The Crossing workflow's events, each with its stable tag ("crossing.acknowledged").

Events carry no words of anyone's: a view given when seeing a moment differently lives
on the object, which only the two partners may read.
"""

from __future__ import annotations

import uuid

import attrs

from repairkit.core.events import DomainEvent
from repairkit.core.leaving import ClosedByLeaving
from repairkit.core.values import PersonId

__all__ = [
    "CROSSING_EVENTS",
    "CrossingAcknowledged",
    "CrossingClosedByLeaving",
    "CrossingLapsed",
    "CrossingNoticed",
    "CrossingOwned",
    "CrossingSeenDifferently",
    "CrossingSettled",
    "CrossingWithdrawn",
    "RepairLinked",
]


@attrs.frozen(kw_only=True)
class CrossingOwned(DomainEvent):
    """The partner who crossed a boundary recorded it themselves."""

    TAG = "crossing.owned"
    AGES_OUT = True  # the crossing's story: past its window, seen by its partner alone

    boundary_id: uuid.UUID


@attrs.frozen(kw_only=True)
class CrossingNoticed(DomainEvent):
    """A partner noted that a boundary may have been crossed by the other."""

    TAG = "crossing.noticed"
    AGES_OUT = True  # the crossing's story: past its window, seen by its partner alone

    boundary_id: uuid.UUID
    about: PersonId


@attrs.frozen(kw_only=True)
class CrossingAcknowledged(DomainEvent):
    """The partner it is about acknowledged the noted moment."""

    TAG = "crossing.acknowledged"
    AGES_OUT = True  # the crossing's story: past its window, seen by its partner alone


@attrs.frozen(kw_only=True)
class CrossingSeenDifferently(DomainEvent):
    """The partner it is about sees the noted moment differently."""

    TAG = "crossing.seen_differently"
    AGES_OUT = True  # the crossing's story: past its window, seen by its partner alone


@attrs.frozen(kw_only=True)
class CrossingWithdrawn(DomainEvent):
    """Whoever recorded it took it back."""

    TAG = "crossing.withdrawn"
    AGES_OUT = True  # the crossing's story: past its window, seen by its partner alone


@attrs.frozen(kw_only=True)
class CrossingLapsed(DomainEvent):
    """A noted moment went unanswered within its time: it counts nowhere."""

    TAG = "crossing.lapsed"
    AGES_OUT = True  # the crossing's story: past its window, seen by its partner alone


@attrs.frozen(kw_only=True)
class CrossingSettled(DomainEvent):
    """Older than the rolling window: it counts nowhere, seen only by the one it is about."""

    TAG = "crossing.settled"
    AGES_OUT = True  # the crossing's story: past its window, seen by its partner alone


@attrs.frozen(kw_only=True)
class RepairLinked(DomainEvent):
    """The repair that follows the crossing was linked to it."""

    TAG = "crossing.repair_linked"
    AGES_OUT = True  # the crossing's story: past its window, seen by its partner alone
    TELLS_NEWS = True  # a later link replaces it: each one that reaches the other counts

    repair_id: uuid.UUID


CROSSING_EVENTS: tuple[type[DomainEvent], ...] = (
    CrossingOwned,
    CrossingNoticed,
    CrossingAcknowledged,
    CrossingSeenDifferently,
    CrossingWithdrawn,
    CrossingLapsed,
    CrossingSettled,
    RepairLinked,
)
"""Every event type the Crossing workflow records."""


@attrs.frozen(kw_only=True)
class CrossingClosedByLeaving(ClosedByLeaving):
    """A partner left the relationship: the crossing was closed, neutrally, for both."""

    TAG = "crossing.closed_by_leaving"
