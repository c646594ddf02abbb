"""How the safety suite drives repairs through random histories."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from repairkit.core.leaving import CLOSE_BY_LEAVING
from repairkit.core.spec import Choose, SafetySpec
from repairkit.repairs.practice import Practice, PracticeKind
from repairkit.repairs.table import AftermathStep

__all__ = ["REPAIR_SAFETY"]

_PRACTICES = (
    Practice.focused_attention(),
    Practice(kind=PracticeKind.NAMED_SKILL, days=3, skill="soft start-up"),
    Practice(kind=PracticeKind.EXTRA_CHECK_IN, days=2),
    Practice(kind="withhold money", days=2),  # type: ignore[arg-type] # outside the set: refused
)
"""Three practices of the closed set, and one outside it (refused)."""


def _invite(_choose: Choose, _now: datetime) -> dict[str, Any]:
    return {}


def _move(trigger: str, choose: Choose) -> dict[str, Any]:
    if trigger == "write":
        return {"step": choose(tuple(AftermathStep)), "words": "I felt alone that evening."}
    if trigger in ("summarise", "still_need"):
        return {"words": choose(("I hear that the evening felt long.", ""))}
    if trigger in ("take_on_practice", "renew"):
        return {"practice": choose(_PRACTICES)}
    if trigger in ("mark_day", "not_needed_today"):
        return {"day": choose((None, date(2000, 1, 1)))}
    if trigger == "review":
        return {"worked": "The quiet walks.", "did_not": "The late evenings."}
    return {}


REPAIR_SAFETY = SafetySpec(
    on_leaving=CLOSE_BY_LEAVING,
    exits=frozenset({"decline", "withdraw", "close"}),
    declines=frozenset({"decline", "not_now"}),
    create="invite",
    create_arguments=_invite,
    move_arguments=_move,
)
"""Whoever is invited can decline or answer not now; the inviter can take it back; either
partner closes an open repair alone."""
