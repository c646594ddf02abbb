"""The check-in schedule's rules: how long a check-in lasts and how often, by default."""

from __future__ import annotations

from typing import Final

import attrs

from repairkit.core.settings import WorkflowRules, between, reask_wait_field

__all__ = ["MAX_EVERY_WEEKS", "MAX_MINUTES", "MIN_MINUTES", "CheckInRules"]

MIN_MINUTES: Final = 15
"""The shortest check-in a schedule accepts, in minutes (repairkit's own bound)."""
MAX_MINUTES: Final = 180
"""The longest check-in a schedule accepts, in minutes (repairkit's own bound)."""
MAX_EVERY_WEEKS: Final = 4
"""The widest rhythm a schedule accepts: once every four weeks (repairkit's own bound)."""


@attrs.frozen(kw_only=True)
class CheckInRules(WorkflowRules):
    """The rules of check-in schedules; set them with ``RelationshipSettings(rules=[...])``.

    A weekly check-in of about an hour is Gottman's "State of the Union" meeting: the
    couple sits down once a week, for about an hour, to talk about how the relationship
    is doing. The bounds and the wait after a no are repairkit's own.
    """

    minutes: int = attrs.field(default=60, validator=between(MIN_MINUTES, MAX_MINUTES, "minutes"))
    """How long a check-in lasts when a proposal does not say (about an hour, from
    Gottman's State of the Union; from `MIN_MINUTES` to `MAX_MINUTES`, repairkit's own)."""
    every_weeks: int = attrs.field(default=1, validator=between(1, MAX_EVERY_WEEKS, "every_weeks"))
    """How many weeks apart check-ins fall when a proposal does not say (weekly, from
    Gottman's State of the Union; up to `MAX_EVERY_WEEKS`, repairkit's own)."""
    reask_wait_hours: int = reask_wait_field()
    """After a no to a suggested time (a new rhythm, or one session moved), how long the
    partner who suggested it waits before suggesting another time on the same schedule
    (repairkit's own default, 24, as for shared goals; 0 turns the wait off)."""
