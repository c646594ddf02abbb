"""The SharedGoal rules: how long a goal's words may be, how long before asking again."""

from __future__ import annotations

import attrs

from repairkit.core.settings import WorkflowRules, between, reask_wait_field

__all__ = ["GoalRules"]


@attrs.frozen(kw_only=True)
class GoalRules(WorkflowRules):
    """The rules of shared goals; set them with ``RelationshipSettings(rules=[GoalRules()])``.

    A shared goal holds only once both agreed to it (issue 19, on the couple's shared
    goal; docs/practices.md): no source gives numbers for it, so they are repairkit's own.
    """

    max_text_length: int = attrs.field(
        default=300, validator=between(20, 10_000, "max_text_length")
    )
    """The longest goal accepted, in characters (repairkit's own default: a goal is one
    sentence, such as "to recognise each other's emotional world and respond with steady
    support", as for a boundary's rule)."""
    reask_wait_hours: int = reask_wait_field()
    """After a no to new words, how long before the partner who proposed them may propose
    new words for the same goal (repairkit's own default, 24, as for boundaries; 0 turns
    the wait off)."""
