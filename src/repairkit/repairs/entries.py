"""What the partners write in a repair: entries of the aftermath's steps, and reviews."""

from __future__ import annotations

import enum

import attrs

from repairkit.core.values import PersonId
from repairkit.repairs.table import AftermathStep

__all__ = ["Entry", "EntryKind", "Review"]


class EntryKind(enum.StrEnum):
    """What an entry of the aftermath is."""

    ENTRY = "entry"
    """One's own entry for a step, in one's own words."""
    NOTHING_TO_ADD = "nothing to add"
    """Shared for a step instead of an entry: neutral."""
    SUMMARY = "summary"
    """One's summary of the other's reality, validating part of it (shared at once)."""
    NEED = "need"
    """What the receiver needs before accepting the apology (shared at once)."""


@attrs.frozen(kw_only=True)
class Entry:
    """One entry, private to its author until ``shared``."""

    author: PersonId
    step: AftermathStep
    kind: EntryKind
    round: int
    """The responsibility round it belongs to (1 for every other step)."""
    words: str | None
    """None for "nothing to add"."""
    shared: bool


@attrs.frozen(kw_only=True)
class Review:
    """One partner's part of the joint review: what worked and what did not."""

    author: PersonId
    period: int
    """The review it belongs to (1, then one more after each renewal)."""
    worked: str
    did_not: str
