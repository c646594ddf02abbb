"""The TimeOut rules: the shortest pause, the ceiling, the extension ladder."""

from __future__ import annotations

from typing import Final

import attrs

from repairkit.core.settings import WorkflowRules, between, reask_wait_field
from repairkit.errors import InvalidInput

__all__ = ["CEILING_HOURS", "TimeOutRules"]

CEILING_HOURS: Final = 24
"""Gottman: a self-soothing break lasts no more than 24 hours (longer reads as ignoring)."""


def _ladder(value: object) -> tuple[int, ...]:
    if isinstance(value, str) or not isinstance(value, tuple | list):
        raise InvalidInput("ladder_minutes", "needs a list of minutes, shortest first.")
    if not value or not all(isinstance(v, int) and not isinstance(v, bool) for v in value):
        raise InvalidInput("ladder_minutes", "needs whole numbers of minutes.")
    rungs = tuple(value)
    if list(rungs) != sorted(set(rungs)) or rungs[0] < 1:
        raise InvalidInput("ladder_minutes", "needs rising numbers of minutes, each at least 1.")
    return rungs


@attrs.frozen(kw_only=True)
class TimeOutRules(WorkflowRules):
    """The rules of time-outs; set them with ``RelationshipSettings(rules=[TimeOutRules()])``.

    The numbers follow the practice (docs/practices.md): Gottman's break of at least 20
    minutes and at most 24 hours, and Terry Real's ladder of extensions (20 minutes, one
    to two hours, half a day, a day). The 24 hours are a safety ceiling: they can be
    lowered, never raised.
    """

    min_minutes: int = attrs.field(default=20, validator=between(1, 120, "min_minutes"))
    """The shortest pause, in minutes (Gottman: at least 20)."""
    ceiling_hours: int = attrs.field(
        default=CEILING_HOURS, validator=between(1, CEILING_HOURS, "ceiling_hours")
    )
    """The longest a time-out may last from its first call, extensions included (Gottman:
    at most 24 hours; a ceiling that can be lowered, never raised)."""
    ladder_minutes: tuple[int, ...] = attrs.field(default=(20, 120, 720, 1440), converter=_ladder)
    """The extension ladder: each extension is the next rung (Terry Real: 20 minutes,
    1-2 hours, half a day, a day)."""
    third_party_after: int = attrs.field(default=2, validator=between(2, 10, "third_party_after"))
    """Time-outs in one talk after which a third person is suggested for the check-in
    (repairkit's own reading of "two time-outs in one talk are a sign")."""
    reask_wait_hours: int = reask_wait_field()
    """After a no to letting the topic go, how long the partner who suggested it waits
    before suggesting it on that time-out once more (repairkit's own default, 24 hours,
    from the safety rules on pressure; 0 turns the wait off)."""

    def __attrs_post_init__(self) -> None:
        if self.min_minutes > self.ceiling_hours * 60:
            raise InvalidInput("min_minutes", "is past the ceiling; a time within it fits.")
