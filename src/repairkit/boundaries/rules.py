"""The Boundary rules: how many rounds of other words, how long a boundary's text may be."""

from __future__ import annotations

import attrs

from repairkit.core.settings import WorkflowRules, between, reask_wait_field

__all__ = ["BoundaryRules"]


@attrs.frozen(kw_only=True)
class BoundaryRules(WorkflowRules):
    """The rules of boundaries; set them with ``RelationshipSettings(rules=[BoundaryRules()])``.

    A boundary is in force only once both agreed to it (docs/practices.md, on agreed
    rules for communication); the numbers are repairkit's own defaults, chosen to match
    the Request workflow's.
    """

    max_rounds: int = attrs.field(default=3, validator=between(1, 20, "max_rounds"))
    """Other wordings suggested without agreement before the boundary is set aside for the
    next check-in (repairkit's default, as for requests)."""
    max_text_length: int = attrs.field(
        default=300, validator=between(20, 10_000, "max_text_length")
    )
    """The longest boundary or own action accepted, in characters (repairkit's default:
    a boundary is one short rule, such as "no sarcasm when we disagree")."""
    reask_wait_hours: int = reask_wait_field()
    """After a no to new words, how long before the partner who proposed them may propose
    new words for the same boundary (repairkit's default, 24; 0 turns the wait off)."""
