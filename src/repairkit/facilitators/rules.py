"""The rules of a third person's part: how much they write, and how often it reaches the couple."""

from __future__ import annotations

import attrs

from repairkit.core.settings import WorkflowRules, between

__all__ = ["FacilitatorRules"]


@attrs.frozen(kw_only=True)
class FacilitatorRules(WorkflowRules):
    """The rules of a third person's part: ``RelationshipSettings(rules=[FacilitatorRules()])``.

    Every default and bound here is repairkit's own.
    """

    max_entries: int = attrs.field(default=20, validator=between(1, 100, "max_entries"))
    """How many entries (reflections and suggestions) the third person keeps at once
    (repairkit's own default, 20; from 1 to 100). Past it, one is taken out first."""
    daily_entries: int = attrs.field(default=5, validator=between(1, 20, "daily_entries"))
    """How many entries the third person writes in one of the couple's calendar days, each
    reaching both partners (repairkit's own default, 5; from 1 to 20): pressure has limits
    on this channel too. The couple's daily budget of new items applies to them as well."""
    max_entry_length: int = attrs.field(
        default=1_000, validator=between(20, 5_000, "max_entry_length")
    )
    """The longest entry accepted, in characters (repairkit's own default: a paragraph)."""
    max_approach_length: int = attrs.field(
        default=200, validator=between(20, 1_000, "max_approach_length")
    )
    """The longest description of the third person's approach, in characters (repairkit's
    own default: a line, such as "couples therapist, Gottman method")."""
