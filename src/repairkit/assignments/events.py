"""The Assignment workflow's events, each with its stable tag ("assignment.accepted").

Events carry no words: what is practised, the notes and the debriefs live on the
`Assignment`, which only those who may see it read.
"""

from __future__ import annotations

import attrs

from repairkit.core.events import DomainEvent
from repairkit.core.leaving import ClosedByLeaving
from repairkit.core.values import PersonId

__all__ = [
    "ASSIGNMENT_EVENTS",
    "AssignmentAccepted",
    "AssignmentCelebrated",
    "AssignmentClosedByLeaving",
    "AssignmentDebriefed",
    "AssignmentDeclined",
    "AssignmentEnded",
    "AssignmentProposed",
    "AssignmentReviewed",
    "AssignmentTakenOn",
    "AssignmentTimeUp",
    "AssignmentWithdrawn",
    "AttemptRecorded",
    "DebriefRemoved",
]


@attrs.frozen(kw_only=True)
class AssignmentProposed(DomainEvent):
    """A practice was proposed for a partner; it starts only once they accept it."""

    TAG = "assignment.proposed"


@attrs.frozen(kw_only=True)
class AssignmentTakenOn(DomainEvent):
    """A partner proposed a practice for themself: their own yes, so it starts at once."""

    TAG = "assignment.taken_on"


@attrs.frozen(kw_only=True)
class AssignmentAccepted(DomainEvent):
    """The partner it is for said yes: the practice starts, its time box with it."""

    TAG = "assignment.accepted"


@attrs.frozen(kw_only=True)
class AssignmentDeclined(DomainEvent):
    """The partner it is for said no: neutral, counted nowhere, shown to nobody else."""

    TAG = "assignment.declined"


@attrs.frozen(kw_only=True)
class AssignmentWithdrawn(DomainEvent):
    """Whoever proposed it took it back before an answer."""

    TAG = "assignment.withdrawn"


@attrs.frozen(kw_only=True)
class AttemptRecorded(DomainEvent):
    """The partner practising recorded an attempt of their own (a day, an optional note)."""

    TAG = "assignment.attempt_recorded"


@attrs.frozen(kw_only=True)
class AssignmentDebriefed(DomainEvent):
    """Someone wrote what worked and what to adjust, as a debrief of their own."""

    TAG = "assignment.debriefed"
    TELLS_NEWS = True  # one may write again and again: every debrief is counted


@attrs.frozen(kw_only=True)
class DebriefRemoved(DomainEvent):
    """The author of a debrief took it out."""

    TAG = "assignment.debrief_removed"


@attrs.frozen(kw_only=True)
class AssignmentCelebrated(DomainEvent):
    """A small step was celebrated: an appreciation reaches the partner practising."""

    TAG = "assignment.celebrated"
    assignee: PersonId | None = None
    """The partner practising: the only one the appreciation reaches."""


@attrs.frozen(kw_only=True)
class AssignmentEnded(DomainEvent):
    """The partner practising ended it, alone, at a time of their choosing."""

    TAG = "assignment.ended"


@attrs.frozen(kw_only=True)
class AssignmentReviewed(DomainEvent):
    """It was looked back on at the session's review, and closed as reviewed."""

    TAG = "assignment.reviewed"


@attrs.frozen(kw_only=True)
class AssignmentTimeUp(DomainEvent):
    """Its time box ended: repairkit closed it, with no verdict."""

    TAG = "assignment.time_up"


@attrs.frozen(kw_only=True)
class AssignmentClosedByLeaving(ClosedByLeaving):
    """A partner left the relationship: closed, neutrally, for both."""

    TAG = "assignment.closed_by_leaving"


ASSIGNMENT_EVENTS: tuple[type[DomainEvent], ...] = (
    AssignmentProposed,
    AssignmentTakenOn,
    AssignmentAccepted,
    AttemptRecorded,
    AssignmentDebriefed,
    AssignmentCelebrated,
    DebriefRemoved,
)
"""The events no plain row names (the table's rows add the rest)."""
