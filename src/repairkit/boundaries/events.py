"""The Boundary workflow's events, each with its stable tag ("boundary.agreed").

Events carry no wording: the boundary's text lives on the object, which only its two
partners may read.
"""

from __future__ import annotations

import attrs

from repairkit.core.events import DomainEvent
from repairkit.core.leaving import ClosedByLeaving

__all__ = [
    "BOUNDARY_EVENTS",
    "BoundaryAgreed",
    "BoundaryClosedByLeaving",
    "BoundaryCountered",
    "BoundaryDeclined",
    "BoundaryDrafted",
    "BoundaryProposed",
    "BoundaryRedrafted",
    "BoundaryRetired",
    "BoundarySetAside",
    "BoundaryWithdrawn",
    "ConsentWithdrawn",
    "CurrentWordsKept",
    "RevisionAgreed",
    "RevisionProposed",
    "RevisionWithdrawn",
]


@attrs.frozen(kw_only=True)
class BoundaryDrafted(DomainEvent):
    """A partner wrote a boundary down (private to them until proposed)."""

    TAG = "boundary.drafted"


@attrs.frozen(kw_only=True)
class BoundaryRedrafted(DomainEvent):
    """The proposer changed the draft (private to them)."""

    TAG = "boundary.redrafted"


@attrs.frozen(kw_only=True)
class BoundaryProposed(DomainEvent):
    """The proposer sent the boundary to the other partner."""

    TAG = "boundary.proposed"


@attrs.frozen(kw_only=True)
class BoundaryCountered(DomainEvent):
    """The partner asked suggested other words."""

    TAG = "boundary.countered"

    round: int
    """Which round of other words this is (1 for the first)."""


@attrs.frozen(kw_only=True)
class BoundaryAgreed(DomainEvent):
    """Both agreed: the boundary is in force."""

    TAG = "boundary.agreed"


@attrs.frozen(kw_only=True)
class BoundaryDeclined(DomainEvent):
    """The partner asked said no."""

    TAG = "boundary.declined"


@attrs.frozen(kw_only=True)
class BoundaryWithdrawn(DomainEvent):
    """The proposer took the boundary back before agreement."""

    TAG = "boundary.withdrawn"


@attrs.frozen(kw_only=True)
class BoundarySetAside(DomainEvent):
    """The boundary is kept for the next check-in."""

    TAG = "boundary.set_aside"


@attrs.frozen(kw_only=True)
class RevisionProposed(DomainEvent):
    """A partner proposed new words for the boundary."""

    TAG = "boundary.revision_proposed"


@attrs.frozen(kw_only=True)
class RevisionAgreed(DomainEvent):
    """Both agreed to the new words: they are in force."""

    TAG = "boundary.revision_agreed"


@attrs.frozen(kw_only=True)
class CurrentWordsKept(DomainEvent):
    """The partner asked said no to the new words: neutral; the boundary stays as it was."""

    TAG = "boundary.current_kept"


@attrs.frozen(kw_only=True)
class RevisionWithdrawn(DomainEvent):
    """The partner who proposed new words took them back before an answer: nothing changed."""

    TAG = "boundary.revision_withdrawn"


@attrs.frozen(kw_only=True)
class ConsentWithdrawn(DomainEvent):
    """A partner withdrew consent: the boundary is suspended, for the next check-in."""

    TAG = "boundary.consent_withdrawn"


@attrs.frozen(kw_only=True)
class BoundaryRetired(DomainEvent):
    """A suspended boundary was let go."""

    TAG = "boundary.retired"


BOUNDARY_EVENTS: tuple[type[DomainEvent], ...] = (
    BoundaryDrafted,
    BoundaryRedrafted,
    BoundaryProposed,
    BoundaryCountered,
    BoundaryAgreed,
    BoundaryDeclined,
    BoundaryWithdrawn,
    BoundarySetAside,
    RevisionProposed,
    RevisionAgreed,
    CurrentWordsKept,
    RevisionWithdrawn,
    ConsentWithdrawn,
    BoundaryRetired,
)
"""Every event type the Boundary workflow records."""


@attrs.frozen(kw_only=True)
class BoundaryClosedByLeaving(ClosedByLeaving):
    """A partner left the relationship: the boundary was closed, neutrally, for both."""

    TAG = "boundary.closed_by_leaving"
