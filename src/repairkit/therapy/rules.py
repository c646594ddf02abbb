"""The rules of a therapy plan: how long the hopes, how many sessions, how long after a no."""

from __future__ import annotations

import attrs

from repairkit.core.settings import WorkflowRules, between, reask_wait_field

__all__ = ["TherapyPlanRules"]


@attrs.frozen(kw_only=True)
class TherapyPlanRules(WorkflowRules):
    """The rules of therapy plans: ``RelationshipSettings(rules=[TherapyPlanRules()])``.

    No source gives numbers for a plan made with a third person, so every default and
    bound here is repairkit's own.
    """

    max_hopes_length: int = attrs.field(
        default=1_000, validator=between(20, 5_000, "max_hopes_length")
    )
    """The longest hopes accepted, in characters (repairkit's own default: a paragraph, such
    as "better listening, and managing anger and hurt")."""
    max_sessions: int = attrs.field(default=52, validator=between(1, 520, "max_sessions"))
    """How many sessions one schedule holds at most (repairkit's own default, 52: a year of
    weekly sessions)."""
    max_every_weeks: int = attrs.field(default=8, validator=between(1, 52, "max_every_weeks"))
    """The longest gap between two sessions of a schedule, in weeks (repairkit's own
    default, 8)."""
    reask_wait_hours: int = reask_wait_field()
    """After a no to a change (a schedule, moving a session, finishing) or to resuming, how
    long before the partner who proposed it may propose it again (repairkit's own default,
    24 hours; 0 turns the wait off). The partner who said no may propose at any time."""
