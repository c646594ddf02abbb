"""The Crossing rules: how long a note waits for an answer, how far back counts reach."""

from __future__ import annotations

import attrs

from repairkit.core.settings import WorkflowRules, between, reask_wait_field
from repairkit.errors import InvalidInput

__all__ = ["CrossingRules"]


@attrs.frozen(kw_only=True)
class CrossingRules(WorkflowRules):
    """The rules of crossings; set them with ``RelationshipSettings(rules=[CrossingRules()])``.

    A crossing is recorded without shaming and leads to repair (docs/practices.md, on
    boundaries); the numbers are repairkit's own defaults, from its safety rules: a note
    does not hang over anyone for long, and setbacks age out.
    """

    answer_days: int = attrs.field(default=7, validator=between(1, 60, "answer_days"))
    """How long a noticed crossing waits for the partner it is about to answer before it
    lapses, counting nowhere (repairkit's default)."""
    window_days: int = attrs.field(default=28, validator=between(1, 366, "window_days"))
    """The rolling window: how far back counts reach, and when a crossing settles, visible
    from then on only to the partner it is about (repairkit's default: four weeks)."""

    max_text_length: int = attrs.field(
        default=500, validator=between(20, 10_000, "max_text_length")
    )
    """The longest view accepted when seeing a moment differently, in characters (repairkit's)."""

    reask_wait_hours: int = reask_wait_field()
    """After the partner a note was about saw it differently, how long before the noter may
    note a moment of the same boundary (repairkit's default, 24; 0 turns the wait off).
    One note per boundary awaits an answer at a time, whatever this says."""

    def __attrs_post_init__(self) -> None:
        if self.answer_days > self.window_days:
            raise InvalidInput(
                "answer_days", "is longer than the window (window_days); a time within it fits."
            )
