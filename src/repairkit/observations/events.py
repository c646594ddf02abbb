"""The Observation workflow's events, each with its stable tag ("observation.shared").

No event repeats what the other partner wrote in a notification: the texts live in
the events for the two partners' own reading, and notices never quote them.
"""

from __future__ import annotations

import attrs

from repairkit.core.events import DomainEvent
from repairkit.core.leaving import ClosedByLeaving

__all__ = [
    "OBSERVATION_EVENTS",
    "ExperienceAdded",
    "MirrorConfirmed",
    "MoreToSay",
    "ObservationClosedByLeaving",
    "ObservationDrafted",
    "ObservationNotNow",
    "ObservationRedrafted",
    "ObservationShared",
    "ObservationTabled",
    "ObservationWithdrawn",
    "Reflected",
]


@attrs.frozen(kw_only=True)
class ObservationDrafted(DomainEvent):
    """A partner wrote an observation down; it is theirs alone until they share it."""

    TAG = "observation.drafted"

    moment: str
    effect: str
    feeling: str


@attrs.frozen(kw_only=True)
class ObservationRedrafted(DomainEvent):
    """The author changed their draft (private to them)."""

    TAG = "observation.redrafted"

    moment: str
    effect: str
    feeling: str


@attrs.frozen(kw_only=True)
class ObservationShared(DomainEvent):
    """The author shared the observation with the other partner."""

    TAG = "observation.shared"


@attrs.frozen(kw_only=True)
class Reflected(DomainEvent):
    """The partner listening reflected it back in their own words: "did I get it?"."""

    TAG = "observation.reflected"

    words: str
    round: int
    """Which round of mirroring this is, from 1."""


@attrs.frozen(kw_only=True)
class MirrorConfirmed(DomainEvent):
    """The author said the reflection got it."""

    TAG = "observation.mirror_confirmed"


@attrs.frozen(kw_only=True)
class MoreToSay(DomainEvent):
    """The author said there is more, optionally in a few more words of their own."""

    TAG = "observation.more_to_say"

    words: str | None


@attrs.frozen(kw_only=True)
class ExperienceAdded(DomainEvent):
    """The partner listening added their own experience of the same moment."""

    TAG = "observation.experience_added"

    words: str


@attrs.frozen(kw_only=True)
class ObservationNotNow(DomainEvent):
    """The partner listening said "not now": neutral, and it goes to the check-in agenda."""

    TAG = "observation.not_now"


@attrs.frozen(kw_only=True)
class ObservationTabled(DomainEvent):
    """A partner kept the observation for the next check-in."""

    TAG = "observation.tabled"


@attrs.frozen(kw_only=True)
class ObservationWithdrawn(DomainEvent):
    """The author took the observation back."""

    TAG = "observation.withdrawn"


OBSERVATION_EVENTS: tuple[type[DomainEvent], ...] = (ObservationDrafted,)
"""The Observation events no row of the table names (the rows add their own)."""


@attrs.frozen(kw_only=True)
class ObservationClosedByLeaving(ClosedByLeaving):
    """A partner left the relationship: the observation was closed, neutrally, for both."""

    TAG = "observation.closed_by_leaving"
