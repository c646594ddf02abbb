"""How the safety suite drives practice between sessions through random histories.

The partners propose practices for each other (or, with no assignee named, for the other
partner) and for themselves; the suite's outsider is refused as an assignee.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from repairkit.core.leaving import CLOSE_BY_LEAVING
from repairkit.core.spec import Choose, SafetySpec

__all__ = ["ASSIGNMENT_SAFETY"]

_WORDS = (
    "Practise reflective listening once a day.",
    "Share one small worry each evening.",
    "",
    "x" * 400,
)
"""Two practices, then two the rules refuse (empty, too long)."""
_DAYS = (None, None, 3, 0, "7")
"""The default time box, three days, then two refused (none, text)."""


def _propose(choose: Choose, _now: datetime) -> dict[str, Any]:
    return {"words": choose(_WORDS), "assignee": choose((None, None, "eve")), "days": choose(_DAYS)}


def _move(trigger: str, choose: Choose) -> dict[str, Any]:
    if trigger == "attempt":
        return {"note": choose((None, "Listened before answering.", "x" * 400))}
    if trigger == "debrief":
        return {
            "worked": choose(("Slowing down helped.", None, "")),
            "adjust": choose((None, "Try it earlier in the day.")),
        }
    if trigger == "remove_debrief":
        return {"debrief": choose((1, 2, 9, "1"))}
    return {}


ASSIGNMENT_SAFETY = SafetySpec(
    on_leaving=CLOSE_BY_LEAVING,
    exits=frozenset({"withdraw", "decline", "end", "review"}),
    declines=frozenset({"decline"}),
    create="propose",
    create_arguments=_propose,
    move_arguments=_move,
)
"""The partner it is for ends it alone; a no is neutral; the proposer takes it back alone."""
