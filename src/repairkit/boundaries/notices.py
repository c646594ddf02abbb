"""Who hears about what in a boundary's life, in repairkit's own calm words.

No text quotes a partner: the boundary's words are read in the app, by the two of them.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

from repairkit.boundaries.events import (
    BoundaryAgreed,
    BoundaryCountered,
    BoundaryDeclined,
    BoundaryDrafted,
    BoundaryProposed,
    BoundaryRedrafted,
    BoundaryRetired,
    BoundarySetAside,
    BoundaryWithdrawn,
    ConsentWithdrawn,
    CurrentWordsKept,
    RevisionAgreed,
    RevisionProposed,
    RevisionWithdrawn,
)
from repairkit.boundaries.table import BoundaryState
from repairkit.core.events import DomainEvent
from repairkit.core.notices import Notice, NoticeRule, Quiet, tell_audience
from repairkit.core.values import PersonId

__all__ = ["BOUNDARY_NOTICES", "BoundaryNotice"]


class BoundaryNotice(enum.StrEnum):
    """What a boundary notification is about."""

    PROPOSED = "boundary proposed"
    OTHER_WORDS = "boundary: other words suggested"
    AGREED = "boundary agreed"
    DECLINED = "boundary declined"
    WITHDRAWN = "boundary taken back"
    SET_ASIDE = "boundary set aside for check-in"
    REVISION_PROPOSED = "boundary: new words proposed"
    REVISION_AGREED = "boundary: new words agreed"
    CURRENT_KEPT = "boundary: current words kept"
    REVISION_WITHDRAWN = "boundary: new words taken back"
    SUSPENDED = "boundary suspended"
    RETIRED = "boundary retired"


_SET_ASIDE = "A proposed boundary is kept for your next check-in."


def _countered(event: DomainEvent, audience: tuple[PersonId, ...]) -> Iterable[Notice]:
    """Other words await an answer; at the round limit both hear it is kept for the check-in."""
    if event.to_state == BoundaryState.SET_ASIDE:
        return [Notice(p, BoundaryNotice.SET_ASIDE, _SET_ASIDE) for p in (*audience, event.actor)]
    return [
        Notice(
            p,
            BoundaryNotice.OTHER_WORDS,
            "Other words were suggested for a boundary you are shaping together. Your answer"
            " is welcome whenever you are ready.",
        )
        for p in audience
    ]


BOUNDARY_NOTICES: dict[type[DomainEvent], NoticeRule | Quiet] = {
    BoundaryDrafted: Quiet("A draft is its writer's alone until it is proposed."),
    BoundaryRedrafted: Quiet("A draft is its writer's alone until it is proposed."),
    BoundaryProposed: tell_audience(
        BoundaryNotice.PROPOSED,
        "Your partner proposed a boundary for the two of you. You can agree, suggest other"
        " words, or say no; a no is a fair answer.",
    ),
    BoundaryCountered: _countered,
    BoundaryAgreed: tell_audience(
        BoundaryNotice.AGREED, "You both agreed to a boundary. It is in force now."
    ),
    BoundaryDeclined: tell_audience(
        BoundaryNotice.DECLINED,
        "A proposed boundary was declined. A no is a fair answer; the topic can come up at"
        " your next check-in if you both wish.",
    ),
    BoundaryWithdrawn: tell_audience(
        BoundaryNotice.WITHDRAWN, "A proposed boundary was taken back. Nothing is needed from you."
    ),
    BoundarySetAside: tell_audience(BoundaryNotice.SET_ASIDE, _SET_ASIDE),
    RevisionProposed: tell_audience(
        BoundaryNotice.REVISION_PROPOSED,
        "New words were proposed for a boundary you share. Nothing changes unless you agree;"
        " keeping the current words is a fair answer.",
    ),
    RevisionAgreed: tell_audience(
        BoundaryNotice.REVISION_AGREED, "You both agreed to new words for a boundary."
    ),
    CurrentWordsKept: tell_audience(
        BoundaryNotice.CURRENT_KEPT, "A boundary you share stays as it was."
    ),
    RevisionWithdrawn: tell_audience(
        BoundaryNotice.REVISION_WITHDRAWN,
        "New words proposed for a boundary you share were taken back; it stays as it was."
        " Nothing is needed from you.",
    ),
    ConsentWithdrawn: tell_audience(
        BoundaryNotice.SUSPENDED,
        "A boundary you share is suspended for now. It is on your next check-in's agenda.",
    ),
    BoundaryRetired: tell_audience(
        BoundaryNotice.RETIRED, "A suspended boundary was let go. Nothing is needed from you."
    ),
}
"""A rule for every event of the Boundary workflow."""
