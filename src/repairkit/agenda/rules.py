"""The rules of the check-in agenda: how long an item waits, how many topics each partner has."""

from __future__ import annotations

import attrs

from repairkit.core import WorkflowRules, between

__all__ = ["AgendaRules"]


@attrs.frozen(kw_only=True)
class AgendaRules(WorkflowRules):
    """The rules of the check-in agenda: ``RelationshipSettings(rules=[AgendaRules()])``.

    No source gives numbers for an agenda; these are repairkit's own.
    """

    window_days: int = attrs.field(default=28, validator=between(1, 366, "window_days"))
    """How long an item waits for a check-in before it leaves the agenda (repairkit's own
    default: four weekly check-ins; setbacks age out, and an old topic can be added
    again by either partner)."""
    max_topics: int = attrs.field(default=3, validator=between(1, 20, "max_topics"))
    """How many topics of their own each partner may have waiting at once (repairkit's
    own default: a check-in takes up one issue at a time, and the agenda is no channel
    to flood the other with)."""
    max_topic_length: int = attrs.field(
        default=200, validator=between(20, 2_000, "max_topic_length")
    )
    """The longest topic accepted, in characters (repairkit's own default: a topic names
    what to talk about; the talk itself happens at the check-in)."""
