"""The events of a person's private space: their triggers, and the pauses they record.

Each has its stable tag ("trigger.shared", "pause.recorded"). A trigger's events are
private to its owner while it is theirs alone (`DomainEvent.private_to`); those it
made while shared leave the partner's sight again once it is unshared (``AGES_OUT``,
`Trigger.aged_out`). A pause's events are its person's alone, always. No notice
quotes what a person wrote.
"""

from __future__ import annotations

import enum
import uuid

import attrs

from repairkit.core.events import DomainEvent
from repairkit.core.leaving import ClosedByLeaving

__all__ = [
    "PAUSE_EVENTS",
    "TRIGGER_EVENTS",
    "PauseAgedOut",
    "PauseClosedByLeaving",
    "PauseRecorded",
    "PauseTakenBack",
    "ShareScope",
    "TriggerClosedByLeaving",
    "TriggerRemoved",
    "TriggerRevised",
    "TriggerShared",
    "TriggerUnshared",
    "TriggerWritten",
]


class ShareScope(enum.Enum):
    """With whom a trigger is shared (a plain enum: its value is no text a partner wrote).

    Only the partner for now. A check-in's facilitator, the third person, joins once
    the Check-in workflow exists: sharing and unsharing already name the scope, so
    that nothing an app writes today changes then.
    """

    PARTNER = "partner"
    """The other partner of the relationship."""


# -- triggers ------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class TriggerWritten(DomainEvent):
    """A person wrote down one of their triggers; it is theirs alone."""

    TAG = "trigger.written"

    what: str
    helps: str | None


@attrs.frozen(kw_only=True)
class TriggerRevised(DomainEvent):
    """Its owner changed the words of a trigger (what sets them off, what helps)."""

    TAG = "trigger.revised"
    AGES_OUT = True  # made while shared: leaves the partner's sight once unshared

    what: str
    helps: str | None


@attrs.frozen(kw_only=True)
class TriggerShared(DomainEvent):
    """Its owner shared a trigger (with the partner)."""

    TAG = "trigger.shared"
    AGES_OUT = True  # leaves the partner's sight once unshared
    TELLS_NEWS = True  # shared, unshared and shared again: each reaches the partner anew

    scope: ShareScope


@attrs.frozen(kw_only=True)
class TriggerUnshared(DomainEvent):
    """Its owner unshared a trigger: it is theirs alone again (private to them)."""

    TAG = "trigger.unshared"

    scope: ShareScope


@attrs.frozen(kw_only=True)
class TriggerRemoved(DomainEvent):
    """Its owner took a trigger off their list (private to them)."""

    TAG = "trigger.removed"


@attrs.frozen(kw_only=True)
class TriggerClosedByLeaving(ClosedByLeaving):
    """A partner left the relationship: the trigger was closed, and is its owner's alone."""

    TAG = "trigger.closed_by_leaving"


TRIGGER_EVENTS: tuple[type[DomainEvent], ...] = (TriggerWritten,)
"""The Trigger events no row of the table names (the rows add their own)."""


# -- pauses ------------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class PauseRecorded(DomainEvent):
    """A person recorded that they paused before reacting (for themselves only)."""

    TAG = "pause.recorded"

    trigger_id: uuid.UUID | None
    """One of their own triggers, if they named it."""


@attrs.frozen(kw_only=True)
class PauseTakenBack(DomainEvent):
    """A person took back a pause they recorded (one recorded by mistake)."""

    TAG = "pause.taken_back"


@attrs.frozen(kw_only=True)
class PauseAgedOut(DomainEvent):
    """A pause left the rolling window: it counts nowhere any more (its record stays)."""

    TAG = "pause.aged_out"


@attrs.frozen(kw_only=True)
class PauseClosedByLeaving(ClosedByLeaving):
    """A partner left the relationship: the pause was closed (it stays its person's)."""

    TAG = "pause.closed_by_leaving"


PAUSE_EVENTS: tuple[type[DomainEvent], ...] = (PauseRecorded,)
"""The Pause events no row of the table names (the rows add their own)."""
