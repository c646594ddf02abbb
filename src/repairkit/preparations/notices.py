"""Who hears about check-in preparations: nobody, ever.

Preparing is private: a notice would tell the other partner that a preparation exists,
or when it was written. The reveal tells nobody either: it happens at the same moment
for both, and both read it at the check-in they meet for (``kit.preparations.revealed``).
A notice then would only say that the other was ready first, or at all.
"""

from __future__ import annotations

import enum

from repairkit.core.events import DomainEvent
from repairkit.core.notices import NoticeRule, Quiet
from repairkit.preparations.events import PreparationStarted

__all__ = ["PREPARATION_NOTICES", "PRIVATE", "READ_AT_CHECK_IN", "PreparationNotice"]


class PreparationNotice(enum.StrEnum):
    """A preparation sends no notification: both read what was shared at the check-in."""


PRIVATE = Quiet(
    "Preparing is its author's alone: a notice would tell the other partner that it exists."
)
"""The rule of every move made while preparing."""
READ_AT_CHECK_IN = Quiet(
    "The reveal reaches both at the same moment and is read at the check-in itself; a"
    " notice would tell who was ready, and when."
)
"""The rule of the move the check-in's time makes."""

PREPARATION_NOTICES: dict[type[DomainEvent], NoticeRule | Quiet] = {PreparationStarted: PRIVATE}
"""The rules of the events no row names; each move's row names its own."""
