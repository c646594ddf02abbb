"""The Talk rules: the discussion timer's limit, the longest a talk stays open, the moratorium."""

from __future__ import annotations

from typing import Final

import attrs

from repairkit.core.settings import WorkflowRules, between
from repairkit.errors import InvalidInput

__all__ = ["LIMIT_MINUTES", "MAX_MORATORIUM_HOURS", "TalkRules"]

LIMIT_MINUTES: Final = (5, 120)
"""The bounds of a discussion limit, in minutes (repairkit's own)."""
MAX_MORATORIUM_HOURS: Final = 48
"""The longest a topic may rest (repairkit's own: a topic is never shut out for long)."""


def _moratorium(_instance: object, _attribute: object, value: int | None) -> None:
    if value is None:
        return
    if (
        not isinstance(value, int)
        or isinstance(value, bool)
        or not 1 <= value <= MAX_MORATORIUM_HOURS
    ):
        raise InvalidInput(
            "moratorium_hours",
            "needs None (off) or a whole number from 1 to {high}.",
            high=MAX_MORATORIUM_HOURS,
        )


@attrs.frozen(kw_only=True)
class TalkRules(WorkflowRules):
    """The rules of timed talks; set them with ``RelationshipSettings(rules=[TalkRules()])``.

    The practice (docs/practices.md) agrees a time limit for a heated discussion, for
    example 20-30 minutes, after which a time-out is suggested, and offers an optional
    24-hour moratorium on the topic afterwards (Terry Real). Turn the moratorium on,
    by consent like every shared setting, with ``TalkRules(moratorium_hours=24)``.
    """

    limit_minutes: int = attrs.field(default=20, validator=between(*LIMIT_MINUTES, "limit_minutes"))
    """The agreed limit of a talk, in minutes, after which both hear that a time-out might
    help (the practice: 20-30 minutes is usual; advice only, nothing is enforced)."""
    close_after_hours: int = attrs.field(default=24, validator=between(1, 24, "close_after_hours"))
    """How long a talk nobody ends stays open before repairkit closes it, from its start
    (repairkit's own default: a day, the longest a talk may stay open)."""
    moratorium_hours: int | None = attrs.field(default=None, validator=_moratorium)
    """How long a topic rests after its talk ends, is set aside or closes: no new talk on it
    can start meanwhile, for either partner. Off (None) by default; 24 is the practice's
    number (Terry Real), at most 48 (repairkit's own ceiling)."""

    def __attrs_post_init__(self) -> None:
        if self.limit_minutes >= self.close_after_hours * 60:
            raise InvalidInput(
                "limit_minutes", "is not shorter than close_after_hours; a limit below it fits."
            )
