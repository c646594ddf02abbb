"""The rules of a repair: how many rounds an apology takes, when a review waits, the practices."""

from __future__ import annotations

import attrs

from repairkit.core.restorative import check_restorative
from repairkit.core.settings import WorkflowRules, between
from repairkit.errors import InvalidInput

__all__ = ["SKILLS", "RepairRules"]

SKILLS: tuple[str, ...] = (
    "reflective listening",
    "soft start-up",
    "taking a time-out early",
    "expressing appreciation",
)
"""The named skills a practice may be about (repairkit's own list, after the practices in
docs/practices.md: listening back, a gentle start, a time-out before flooding, appreciations)."""


_SKILL_LENGTH = 80
"""The longest name of a skill, in characters (repairkit's own)."""


def _skills(_instance: object, _attribute: object, value: tuple[str, ...]) -> None:
    if (
        not isinstance(value, tuple)
        or not value
        or not all(isinstance(s, str) and s.strip() and len(s) <= _SKILL_LENGTH for s in value)
    ):
        raise InvalidInput("skills", "needs one or more names of skills, each a short text.")
    for skill in value:
        check_restorative(skill, "skills")  # a skill is practised on one's own time, no other


@attrs.frozen(kw_only=True)
class RepairRules(WorkflowRules):
    """The rules of a repair: ``RelationshipSettings(rules=[RepairRules()])``.

    Every default and bound here is repairkit's own, except those of focused attention,
    which come from the source text's example (docs/practices.md, Owning a lapse).
    """

    responsibility_rounds: int = attrs.field(
        default=2, validator=between(1, 5, "responsibility_rounds")
    )
    """How many times the receiver may say what they need before the apology goes to the
    check-in as a topic and the steps go on to the plan (repairkit's own default, 2)."""
    review_wait_days: int = attrs.field(default=7, validator=between(1, 60, "review_wait_days"))
    """How many days after it is due a review not held goes on the check-in agenda
    (repairkit's own default, 7: the week the issue names)."""
    focused_attention_minutes: int = attrs.field(
        default=20, validator=between(5, 240, "focused_attention_minutes")
    )
    """Minutes a day of focused attention when a practice names none (the source's
    example: 20 extra minutes of focused attention daily for a week)."""
    focused_attention_days: int = attrs.field(
        default=7, validator=between(1, 60, "focused_attention_days")
    )
    """Days of focused attention when a practice names none (the source's example: a week)."""
    max_practice_days: int = attrs.field(default=28, validator=between(1, 90, "max_practice_days"))
    """The longest practice period, in days (repairkit's own default, four weeks)."""
    max_minutes: int = attrs.field(default=120, validator=between(5, 480, "max_minutes"))
    """The most minutes a day a practice may ask (repairkit's own default, two hours)."""
    skills: tuple[str, ...] = attrs.field(default=SKILLS, validator=_skills)
    """The named skills a practice may be about (repairkit's own list, `SKILLS`)."""
    max_entry_length: int = attrs.field(
        default=2_000, validator=between(20, 10_000, "max_entry_length")
    )
    """The longest entry accepted, in characters (repairkit's own default: a few paragraphs)."""
