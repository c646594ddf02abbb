"""How the safety suite drives shared goals through random histories."""

from __future__ import annotations

import itertools
import uuid
from datetime import datetime
from typing import Any

from repairkit.core.leaving import CLOSE_BY_LEAVING
from repairkit.core.spec import Choose, SafetySpec

__all__ = ["GOAL_SAFETY"]

_WORDS = (
    "To recognise each other's emotional world and respond with steady support.",
    "To listen before we answer.",
    "",
    "x" * 400,
)
"""Two goals, then two the rules refuse (empty, too long)."""

_FRESH = itertools.count(1)
"""Numbers new words, so that proposed new words never repeat the agreed words."""


_ELSEWHERE = uuid.UUID("00000000-0000-4000-8000-00000000900a")
"""A link's target no one stored: the suite sees links refused alike for every reader."""


def _draft(choose: Choose, _now: datetime) -> dict[str, Any]:
    return {"words": choose(_WORDS)}


def _move(trigger: str, choose: Choose) -> dict[str, Any]:
    if trigger == "propose_revision":
        return {"words": f"To be kind to each other on hard days ({next(_FRESH)})."}
    if trigger in {"link", "unlink"}:
        return {"kind": choose(("request", "boundary", "check-in item")), "target_id": _ELSEWHERE}
    if trigger == "revise":
        return {"words": choose(_WORDS[:2])}
    return {}


GOAL_SAFETY = SafetySpec(
    on_leaving=CLOSE_BY_LEAVING,
    exits=frozenset({"withdraw", "decline", "withdraw_consent"}),
    declines=frozenset({"decline", "keep_current"}),
    create="draft",
    create_arguments=_draft,
    move_arguments=_move,
    redraft="revise",
)
"""Either partner ends their part alone; whoever is asked can say no."""
