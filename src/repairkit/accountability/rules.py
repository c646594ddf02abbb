"""The AccountabilityAgreement rules: how long the list is, when a consequence is offered."""

from __future__ import annotations

import attrs

from repairkit.accountability.terms import ExtraKind
from repairkit.core.restorative import folded
from repairkit.core.settings import WorkflowRules, between, reask_wait_field
from repairkit.core.suggestions import words
from repairkit.errors import InvalidInput

__all__ = ["AccountabilityRules"]


def _extra(_instance: object, _attribute: object, value: tuple[ExtraKind, ...]) -> None:
    if not isinstance(value, tuple) or not all(isinstance(kind, ExtraKind) for kind in value):
        raise InvalidInput("extra_kinds", "needs a tuple of ExtraKind (the reviewed extension).")
    names = [words(folded(kind.name)) for kind in value]
    if len(set(names)) != len(names):
        raise InvalidInput("extra_kinds", "names one kind twice; each kind once.")


@attrs.frozen(kw_only=True)
class AccountabilityRules(WorkflowRules):
    """The rules of accountability agreements; set them with ``RelationshipSettings``.

    A short list of behaviours both hold themselves to, each with a restorative
    consequence for *repeated* violations, "N times within M days" (PROTOCOLS
    section 6; docs/practices.md). The source gives no numbers: every default here is
    repairkit's own.
    """

    max_items: int = attrs.field(default=5, validator=between(1, 20, "max_items"))
    """The most items that hold on one list (repairkit's own: a short list)."""
    threshold: int = attrs.field(default=2, validator=between(2, 20, "threshold"))
    """Counted crossings within the window that meet an item's threshold, unless the item
    names its own (repairkit's own: "repeated" means at least twice)."""
    window_days: int = attrs.field(default=14, validator=between(1, 90, "window_days"))
    """The rolling window of an item's count, in days, unless the item names its own
    (repairkit's own; a crossing settles after `CrossingRules.window_days`, 28 by default,
    so a longer window counts only what has not settled)."""
    offer_days: int = attrs.field(default=7, validator=between(1, 60, "offer_days"))
    """How long an offered consequence stays open before it lapses, neutrally
    (repairkit's own: a week)."""
    max_days: int = attrs.field(default=28, validator=between(1, 90, "max_days"))
    """The longest a consequence may run, in days (repairkit's own; the source's example
    runs for a week)."""
    max_text_length: int = attrs.field(
        default=300, validator=between(20, 10_000, "max_text_length")
    )
    """The longest behaviour accepted, in characters (repairkit's own, as for a goal)."""
    reask_wait_hours: int = reask_wait_field()
    """After a no to a proposed change, how long before its proposer may propose another
    (repairkit's own, 24, as for goals; 0 turns the wait off)."""
    extra_kinds: tuple[ExtraKind, ...] = attrs.field(default=(), validator=_extra)
    """Kinds an app adds to the closed set of consequences: the reviewed extension point.
    Each states that it acts on the responsible partner's own time and attention and
    passes the wording check (`ExtraKind`); none by default (repairkit's own)."""
