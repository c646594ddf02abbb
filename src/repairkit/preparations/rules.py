"""The rules of check-in preparations: how many entries of each kind, and how long."""

from __future__ import annotations

import attrs

from repairkit.core.settings import WorkflowRules, between

__all__ = ["PreparationRules"]


@attrs.frozen(kw_only=True)
class PreparationRules(WorkflowRules):
    """The rules of preparing a check-in: ``RelationshipSettings(rules=[PreparationRules()])``.

    The number of appreciations follows Gottman's State of the Union meeting, which opens
    with about five appreciations; one issue at a time is the practice's own ("one issue
    they want to raise"). The other bounds and the length of an entry are repairkit's own.
    """

    max_appreciations: int = attrs.field(default=5, validator=between(1, 20, "max_appreciations"))
    """How many appreciations one preparation holds (about five, after Gottman's State of
    the Union)."""
    max_went_right: int = attrs.field(default=5, validator=between(1, 20, "max_went_right"))
    """How many things that went right one preparation holds (repairkit's own default)."""
    max_issues: int = attrs.field(default=1, validator=between(1, 5, "max_issues"))
    """How many issues one preparation raises (one, as the practice has it: a check-in takes
    up one issue at a time)."""
    max_entry_length: int = attrs.field(
        default=500, validator=between(20, 5_000, "max_entry_length")
    )
    """The longest entry accepted, in characters (repairkit's own default: a few sentences)."""
