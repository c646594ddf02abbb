"""The events of check-in preparations, each with its stable tag ("preparation.ready").

Every event is private to the preparation's author (`DomainEvent.private_to`): the other
partner never reads one, not even once entries are revealed to them, so nothing tells
them when or how often the author wrote. Events name an entry by its number and kind
only; the words live on the preparation.
"""

from __future__ import annotations

import attrs

from repairkit.core.events import DomainEvent
from repairkit.core.leaving import ClosedByLeaving

__all__ = [
    "PREPARATION_EVENTS",
    "EntryAdded",
    "EntryKeptPrivate",
    "EntryMarkedShared",
    "EntryRemoved",
    "EntryRevised",
    "PreparationClosedByLeaving",
    "PreparationOpened",
    "PreparationReady",
    "PreparationStarted",
    "PreparationWithdrawn",
]


@attrs.frozen(kw_only=True)
class PreparationStarted(DomainEvent):
    """A partner began preparing a check-in, with a first entry (private to them)."""

    TAG = "preparation.started"

    entry: int


@attrs.frozen(kw_only=True)
class EntryAdded(DomainEvent):
    """The author added an entry to their preparation."""

    TAG = "preparation.entry_added"

    entry: int


@attrs.frozen(kw_only=True)
class EntryRevised(DomainEvent):
    """The author rewrote one of their entries."""

    TAG = "preparation.entry_revised"

    entry: int


@attrs.frozen(kw_only=True)
class EntryRemoved(DomainEvent):
    """The author took one of their entries out."""

    TAG = "preparation.entry_removed"

    entry: int


@attrs.frozen(kw_only=True)
class EntryMarkedShared(DomainEvent):
    """The author marked an entry to be shared at the reveal."""

    TAG = "preparation.entry_marked_shared"

    entry: int


@attrs.frozen(kw_only=True)
class EntryKeptPrivate(DomainEvent):
    """The author marked an entry to stay theirs alone."""

    TAG = "preparation.entry_kept_private"

    entry: int


@attrs.frozen(kw_only=True)
class PreparationReady(DomainEvent):
    """The author marked themselves ready: their entries are set."""

    TAG = "preparation.ready"


@attrs.frozen(kw_only=True)
class PreparationWithdrawn(DomainEvent):
    """The author took their whole preparation back, alone."""

    TAG = "preparation.withdrawn"


@attrs.frozen(kw_only=True)
class PreparationOpened(DomainEvent):
    """The check-in's time came: what was marked for sharing is revealed (repairkit's move)."""

    TAG = "preparation.opened"


@attrs.frozen(kw_only=True)
class PreparationClosedByLeaving(ClosedByLeaving):
    """A partner left the relationship: the preparation was closed, its author's alone."""

    TAG = "preparation.closed_by_leaving"


PREPARATION_EVENTS: tuple[type[DomainEvent], ...] = (PreparationStarted,)
"""The events no row of the table names (the rows add their own)."""
