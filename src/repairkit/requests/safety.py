"""How the safety suite drives the Request workflow through random histories."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from repairkit.core.spec import Choose, SafetySpec
from repairkit.core.values import TimeBox

__all__ = ["REQUEST_SAFETY"]

_NEEDS = ("to feel we are a team at home", "rest on Sundays", "time together")
_ASKS = ("plan the meals together on Sundays", "a walk after dinner", "phones away at dinner")


def _create(choose: Choose, now: datetime) -> dict[str, Any]:
    days = choose((None, 1, 3, 10, 30))
    box = None if days is None else TimeBox(starts_at=now, ends_at=now + timedelta(days=days))
    return {"need": choose(_NEEDS), "ask": choose(_ASKS), "time_box": box}


def _move(trigger: str, choose: Choose) -> dict[str, Any]:
    if trigger == "propose_alternative":
        return {"ask": choose(_ASKS)}
    if trigger == "revise":
        return {"need": choose(_NEEDS), "ask": choose(_ASKS)}
    if trigger == "decline":
        return {"reason": choose((None, "not this week"))}
    if trigger == "record_follow_through":
        return {"kept": choose((True, False))}
    return {}


REQUEST_SAFETY = SafetySpec(
    exits=frozenset({"withdraw", "decline", "step_back"}),
    declines=frozenset({"decline", "keep_going"}),
    create="draft",
    create_arguments=_create,
    move_arguments=_move,
)
