"""How the safety suite drives the Request workflow through random histories."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from repairkit.core.leaving import CLOSE_BY_LEAVING
from repairkit.core.spec import Choose, SafetySpec
from repairkit.core.timebox import TimeBox

__all__ = ["REQUEST_SAFETY"]

_NEEDS = ("to feel we are a team at home", "rest on Sundays", "time together")
_ASKS = ("plan the meals together on Sundays", "a walk after dinner", "phones away at dinner")


def _create(choose: Choose, now: datetime) -> dict[str, Any]:
    days = choose((None, 1, 3, 10, 30))
    box = None if days is None else TimeBox(starts_at=now, ends_at=now + timedelta(days=days))
    other_asks = choose(((), (_ASKS[2],)))
    ask = choose(_ASKS[:2])
    return {"need": choose(_NEEDS), "ask": ask, "time_box": box, "other_asks": other_asks}


def _move(trigger: str, choose: Choose) -> dict[str, Any]:  # noqa: PLR0911 - a case per move
    if trigger == "propose_alternative":
        return {"ask": choose(_ASKS)}
    if trigger == "revise":
        return {"need": choose(_NEEDS), "ask": choose(_ASKS)}
    if trigger == "decline":
        return {"reason": choose((None, "not this week"))}
    if trigger in ("record_follow_through", "correct_follow_through"):
        return {"kept": choose((True, False))}  # today, in the couple's time zone
    if trigger == "accept":
        return {"pick": choose((None, 0, 1))}
    if trigger == "review":
        return {"what_worked": "the walks"}
    return {}


REQUEST_SAFETY = SafetySpec(
    on_leaving=CLOSE_BY_LEAVING,
    exits=frozenset({"withdraw", "decline", "step_back"}),
    declines=frozenset(
        {"decline", "keep_going", "decline_reopening", "decline_resuming", "see_differently"}
    ),
    create="draft",
    redraft="revise",
    create_arguments=_create,
    move_arguments=_move,
)
