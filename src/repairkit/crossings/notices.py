"""Who hears about what in a crossing's life, in repairkit's own calm words.

No text names who crossed what, counts anything, or quotes a partner: the app shows
the record itself to the two of them.
"""

from __future__ import annotations

import enum

from repairkit.core.events import DomainEvent
from repairkit.core.notices import NoticeRule, Quiet, tell_audience, tell_everyone
from repairkit.crossings.events import (
    CrossingAcknowledged,
    CrossingLapsed,
    CrossingNoticed,
    CrossingOwned,
    CrossingSeenDifferently,
    CrossingSettled,
    CrossingWithdrawn,
    RepairLinked,
)

__all__ = ["CROSSING_NOTICES", "CrossingNotice"]


class CrossingNotice(enum.StrEnum):
    """What a crossing notification is about."""

    OWNED = "crossing owned"
    NOTED = "moment noted"
    ACKNOWLEDGED = "noted moment acknowledged"
    SEEN_DIFFERENTLY = "noted moment seen differently"
    TAKEN_BACK = "noted moment taken back"
    CLOSED = "noted moment closed"
    REPAIR_LINKED = "repair linked"


CROSSING_NOTICES: dict[type[DomainEvent], NoticeRule | Quiet] = {
    CrossingOwned: tell_audience(
        CrossingNotice.OWNED,
        "Your partner owned a moment that went past a boundary you share. Owning it is a"
        " step toward repair, when you are both ready.",
    ),
    CrossingNoticed: tell_audience(
        CrossingNotice.NOTED,
        "Your partner noted a moment that may have gone past a boundary you share. You can"
        " acknowledge it, or say you see it differently; only what you acknowledge counts.",
    ),
    CrossingAcknowledged: tell_audience(
        CrossingNotice.ACKNOWLEDGED,
        "A noted moment was acknowledged. A repair can follow when you are both ready.",
    ),
    CrossingSeenDifferently: tell_audience(
        CrossingNotice.SEEN_DIFFERENTLY,
        "A noted moment is seen differently. It counts nowhere, and it is on your next"
        " check-in's agenda.",
    ),
    CrossingWithdrawn: tell_audience(
        CrossingNotice.TAKEN_BACK, "A noted moment was taken back. Nothing is needed from you."
    ),
    CrossingLapsed: tell_everyone(
        CrossingNotice.CLOSED, "A noted moment has closed without counting anywhere."
    ),
    CrossingSettled: Quiet("Settling only narrows who may see an old record."),
    RepairLinked: tell_audience(
        CrossingNotice.REPAIR_LINKED, "A repair was linked to a moment you both know of."
    ),
}
"""A rule for every event of the Crossing workflow."""
