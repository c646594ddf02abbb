"""How the safety suite drives check-in schedules through random histories."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import Any

from repairkit.core.leaving import CLOSE_BY_LEAVING
from repairkit.core.spec import Choose, SafetySpec

__all__ = ["SCHEDULE_SAFETY"]

_WEEKDAYS = (6, 2, 7, -1)
"""Sunday and Wednesday, then two days no week has."""
_STARTS: tuple[Any, ...] = (time(19, 0), time(8, 30), time(19, 0, tzinfo=UTC), "19:00")
"""Two local times, then a time with a zone of its own and text (both refused)."""
_MINUTES = (None, 45, 5, 600)
"""The rules' default, a fit length, then too short and too long."""

_NEW_WEEKDAYS = (0, 3, 4)
"""Days no proposal has: a new rhythm on one differs from the one first agreed. The
arguments depend on the choices drawn alone, so that a history plays the same twice."""


def _propose(choose: Choose, _now: datetime) -> dict[str, Any]:
    return {
        "weekday": choose(_WEEKDAYS),
        "start": choose(_STARTS),
        "minutes": choose(_MINUTES),
    }


def _move(trigger: str, choose: Choose) -> dict[str, Any]:
    if trigger == "propose_change":
        return {"weekday": choose(_NEW_WEEKDAYS), "start": choose((time(18, 0), None))}
    if trigger == "move_one":
        # An instant of its own: now plus a few hours (fits before the session after
        # it), a naive time, or far ahead (both refused).
        hours = choose((2, 26, 50, 24 * 30))
        to = datetime(2026, 3, 2, 9, 0, tzinfo=UTC) + timedelta(hours=hours)
        return {"to": choose((to, to.replace(tzinfo=None)))}
    return {}


SCHEDULE_SAFETY = SafetySpec(
    on_leaving=CLOSE_BY_LEAVING,
    exits=frozenset({"withdraw", "decline", "end"}),
    declines=frozenset({"decline", "keep_current"}),
    create="propose",
    create_arguments=_propose,
    move_arguments=_move,
)
"""Either partner stops the schedule alone; whoever is asked can say no."""
