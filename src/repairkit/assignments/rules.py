"""The rules of practice between sessions: how long, how many, how often."""

from __future__ import annotations

import attrs

from repairkit.core.settings import WorkflowRules, between, reask_wait_field

__all__ = ["AssignmentRules"]


@attrs.frozen(kw_only=True)
class AssignmentRules(WorkflowRules):
    """The rules of assignments: ``RelationshipSettings(rules=[AssignmentRules()])``.

    No source gives numbers for practice between sessions, so every default and bound
    here is repairkit's own.
    """

    default_days: int = attrs.field(default=7, validator=between(1, 60, "default_days"))
    """How many days a practice's time box runs once accepted, when the proposal names
    none (repairkit's own default, 7: the usual time between two sessions)."""
    max_days: int = attrs.field(default=28, validator=between(1, 90, "max_days"))
    """The longest time box a proposal may name, in days (repairkit's own default, 28)."""
    max_open: int = attrs.field(default=2, validator=between(1, 10, "max_open"))
    """How many practices one person has under way at once (repairkit's own default, 2):
    practice stays light, never a pile of tasks."""
    daily_proposals: int = attrs.field(default=2, validator=between(1, 10, "daily_proposals"))
    """How many practices one person proposes in one of the couple's calendar days
    (repairkit's own default, 2): pressure has limits."""
    max_words_length: int = attrs.field(
        default=300, validator=between(20, 2_000, "max_words_length")
    )
    """The longest description of what to practise, in characters (repairkit's own
    default: a sentence or two, such as "practise reflective listening once a day")."""
    max_note_length: int = attrs.field(default=280, validator=between(20, 2_000, "max_note_length"))
    """The longest note on an attempt, in characters (repairkit's own default: a line)."""
    max_debrief_length: int = attrs.field(
        default=1_000, validator=between(20, 5_000, "max_debrief_length")
    )
    """The longest debrief (what worked, what to adjust), each part, in characters
    (repairkit's own default: a paragraph)."""
    max_attempts: int = attrs.field(default=60, validator=between(1, 500, "max_attempts"))
    """How many attempts one practice keeps (repairkit's own default, 60)."""
    max_debriefs: int = attrs.field(default=20, validator=between(1, 100, "max_debriefs"))
    """How many debriefs one practice keeps at once (repairkit's own default, 20); taking
    one of one's own out makes room."""
    reask_wait_hours: int = reask_wait_field()
    """After a no, how long before the same person may propose the same practice (the
    same words) for the same partner again (repairkit's own default, 24, as for
    boundaries; 0 turns the wait off)."""
