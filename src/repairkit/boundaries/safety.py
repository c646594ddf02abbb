"""How the safety suite drives boundaries through random histories."""

from __future__ import annotations

import itertools
from datetime import datetime
from typing import Any

from repairkit.core.leaving import CLOSE_BY_LEAVING
from repairkit.core.spec import Choose, SafetySpec

__all__ = ["BOUNDARY_SAFETY"]

_RULES = ("No sarcasm when we disagree.", "No interrupting.", "", "x" * 400)
"""Two rules, then two the rules refuse (empty, too long)."""


def _draft(choose: Choose, _now: datetime) -> dict[str, Any]:
    return {
        "rule": choose(_RULES),
        "own_action": choose((None, "I will take a break and come back in an hour.")),
    }


_FRESH = itertools.count(1)
"""Numbers new words, so that proposed new words never repeat the words in force."""


def _move(trigger: str, choose: Choose) -> dict[str, Any]:
    if trigger == "propose_revision":
        return {"rule": f"Let us speak one at a time ({next(_FRESH)})."}
    if trigger in {"counter", "revise"}:
        return {"rule": choose((*_RULES[:2], "Let us speak one at a time."))}
    return {}


BOUNDARY_SAFETY = SafetySpec(
    on_leaving=CLOSE_BY_LEAVING,
    exits=frozenset({"withdraw", "decline", "set_aside", "withdraw_consent", "retire"}),
    declines=frozenset({"decline", "keep_current"}),
    create="draft",
    create_arguments=_draft,
    move_arguments=_move,
    redraft="revise",
)
"""Either partner ends or suspends their part alone; whoever is asked can say no."""
