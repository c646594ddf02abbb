"""How the safety suite drives observations through random histories."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from repairkit.core.leaving import CLOSE_BY_LEAVING
from repairkit.core.spec import Choose, SafetySpec

__all__ = ["OBSERVATION_SAFETY"]

_MOMENTS = (
    "On Tuesday evening, when I told you about my day, I saw you look at your phone.",
    "At dinner yesterday we did not talk about the move.",
    "",  # refused: a moment takes a few words
)


def _draft(choose: Choose, _now: datetime) -> dict[str, Any]:
    return {
        "moment": choose(_MOMENTS),
        "effect": choose(("I went to bed early and slept badly.", "I kept to myself all day.")),
        "feeling": choose(("sad", "lonely and tired")),
    }


def _move(trigger: str, choose: Choose) -> dict[str, Any]:
    if trigger in ("mirror", "add_experience"):
        return {"words": choose(("You felt alone when I looked at my phone.", "   "))}
    if trigger == "more":
        return {"words": choose((None, "It was also the third evening that week."))}
    return {}


OBSERVATION_SAFETY = SafetySpec(
    on_leaving=CLOSE_BY_LEAVING,
    exits=frozenset({"withdraw", "table", "not_now"}),
    declines=frozenset({"not_now", "table"}),
    create="draft",
    create_arguments=_draft,
    move_arguments=_move,
    redraft="revise",
)
"""The writer withdraws, either partner tables it, the listener says "not now", alone."""
