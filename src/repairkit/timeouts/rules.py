"""The TimeOut rules: the shortest pause, the ceiling, the extension ladder."""

from __future__ import annotations

from typing import Final

import attrs

from repairkit.core.settings import WorkflowRules, between, reask_wait_field
from repairkit.errors import InvalidInput

__all__ = ["CEILING_HOURS", "MIN_MINUTES", "WEEKLY_CEILING_HOURS", "TimeOutRules"]

CEILING_HOURS: Final = 24
"""Gottman: a self-soothing break lasts no more than 24 hours (longer reads as ignoring)."""
MIN_MINUTES: Final = 20
"""Gottman: a self-soothing break lasts at least 20 minutes; a floor, never lowered."""
WEEKLY_CEILING_HOURS: Final = 48
"""The most hours of time-out one person holds in any 7 days (repairkit's own ceiling,
so that time-outs give rest and cannot become a way of stonewalling); lowered, never raised."""


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

    min_minutes: int = attrs.field(
        default=MIN_MINUTES, validator=between(MIN_MINUTES, 120, "min_minutes")
    )
    """The shortest pause, in minutes (Gottman: at least 20; a floor: it can be raised up
    to 120, never lowered below 20)."""
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
    third_party_in_window: int = attrs.field(
        default=3, validator=between(2, 20, "third_party_in_window")
    )
    """Time-outs, by either partner, within `third_party_window_days` from which a third
    person is suggested, whatever talk they were in (repairkit's own: three in a week;
    "repeated pauses" are a sign for a third party, docs/practices.md)."""
    third_party_window_days: int = attrs.field(
        default=7, validator=between(1, 28, "third_party_window_days")
    )
    """The rolling window, in days, in which time-outs are counted for that suggestion
    (repairkit's own: a week, the rhythm of the weekly check-in)."""
    weekly_ceiling_hours: int = attrs.field(
        default=WEEKLY_CEILING_HOURS,
        validator=between(1, WEEKLY_CEILING_HOURS, "weekly_ceiling_hours"),
    )
    """The most hours of time-out one person holds in any 7 days (repairkit's own: 48; a
    safety ceiling that can be lowered, never raised). A time-out holds from its call to
    its agreed return time, or to when it ended if that came first."""
    near_ceiling_percent: int = attrs.field(
        default=75, validator=between(50, 100, "near_ceiling_percent")
    )
    """How much of `weekly_ceiling_hours`, in percent, counts as near it: a time-out or an
    extension that reaches it tells both that a third person could help (repairkit's own:
    three quarters, 36 of 48 hours)."""
    reask_wait_hours: int = reask_wait_field()
    """After a no to letting the topic go, how long the partner who suggested it waits
    before suggesting it on that time-out once more (repairkit's own default, 24 hours,
    from the safety rules on pressure; 0 turns the wait off)."""

    def __attrs_post_init__(self) -> None:
        if self.min_minutes > min(self.ceiling_hours, self.weekly_ceiling_hours) * 60:
            raise InvalidInput("min_minutes", "is past a ceiling; a time within both fits.")

    @property
    def longest_minutes(self) -> int:
        """The longest single time-out, in minutes: within both ceilings."""
        return min(self.ceiling_hours, self.weekly_ceiling_hours) * 60
