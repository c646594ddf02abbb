"""The rules of a person's private space: how long a trigger's words, how far back pauses count."""

from __future__ import annotations

import attrs

from repairkit.core.settings import WorkflowRules, between

__all__ = ["PauseRules", "TriggerRules"]


@attrs.frozen(kw_only=True)
class TriggerRules(WorkflowRules):
    """The rules of triggers; set them with ``RelationshipSettings(rules=[TriggerRules()])``.

    The practice (docs/practices.md, the shared goal: "acknowledging personal triggers
    and learning to pause before reacting"; the private log's "what triggered a
    withdrawal and what reduced the harm") gives no numbers: the default is repairkit's own.
    """

    max_text_length: int = attrs.field(
        default=500, validator=between(20, 10_000, "max_text_length")
    )
    """The longest "what sets me off" or "what helps" accepted, in characters (repairkit's
    own default: a few sentences, in one's own words)."""


@attrs.frozen(kw_only=True)
class PauseRules(WorkflowRules):
    """The rules of the pause before reacting; set them like every workflow's rules.

    Progress is shown as trends over rolling windows, never as a single score or a
    lifetime tally (docs/practices.md, progress; docs/safety.md, rule 10: setbacks age
    out), and there are no streaks (docs/practices.md, safety principles). The window's
    length is repairkit's own default.
    """

    window_days: int = attrs.field(default=28, validator=between(1, 366, "window_days"))
    """The rolling window a person's own counts cover (`PauseCommands.counts`): a pause
    older than this counts nowhere, and ages out (repairkit's own default: four weeks,
    as a crossing's window, `CrossingRules.window_days`). Its record stays its person's."""
