"""Who hears about a person's triggers and pauses, in repairkit's own calm words.

Almost nobody: a trigger is its owner's, and a pause its person's. The one notice is
the partner's, when a trigger is shared with them; it quotes nothing and names nobody.
Unsharing, removing, revising and every pause tell nobody anything (the partner simply
no longer sees an unshared trigger).
"""

from __future__ import annotations

import enum

from repairkit.core.events import DomainEvent
from repairkit.core.notices import QUIET, NoticeRule, Quiet, tell_audience
from repairkit.triggers.events import PauseRecorded, TriggerWritten

__all__ = [
    "PAUSE_NOTICES",
    "SHARED",
    "TRIGGER_NOTICES",
    "UNTOLD",
    "YOURS_ALONE",
    "PauseNotice",
    "TriggerNotice",
]


class TriggerNotice(enum.StrEnum):
    """What a trigger notification is about."""

    SHARED = "trigger shared"


class PauseNotice(enum.StrEnum):
    """What a pause notification is about: nothing, for a pause tells nobody."""


SHARED = tell_audience(
    TriggerNotice.SHARED,
    "Your partner shared something with you about what can set them off, and what helps"
    " them then. It is there to read when you like; nothing is asked of you.",
)
"""The rule of the ``share`` row."""

UNTOLD = Quiet(
    "Its owner's own move: nobody is told (an unshared trigger just leaves the partner's view)."
)
"""The rule of the trigger rows but ``share``: nobody is told."""
YOURS_ALONE = Quiet("A pause is its person's alone: nobody is told, ever.")
"""The rule of every pause event."""

TRIGGER_NOTICES: dict[type[DomainEvent], NoticeRule | Quiet] = {TriggerWritten: QUIET}
"""The rules of the Trigger events no row names; each move's row names its own."""
PAUSE_NOTICES: dict[type[DomainEvent], NoticeRule | Quiet] = {PauseRecorded: YOURS_ALONE}
"""The rules of the Pause events no row names; each move's row names its own."""
