"""How the safety suite drives a third person's part through random histories.

The suite's outsider, Eve, is the third person most histories propose: once both partners
agree she takes part, so her own moves (entries, stepping down) are drawn too, while the
partners' moves stay theirs alone.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from repairkit.core.leaving import CLOSE_BY_LEAVING
from repairkit.core.spec import Choose, SafetySpec

__all__ = ["FACILITATOR_SAFETY"]

_PEOPLE = ("eve", "eve", "eve", "dan", "ana", "")
"""Eve (who acts in the histories), Dan (who never does), then a partner and no one (refused)."""
_APPROACHES = ("couples therapist, Gottman method", "a trusted friend who mediates", "", "x" * 300)
"""Two descriptions, then two the rules refuse (empty, too long)."""
_CATEGORIES: tuple[Any, ...] = (
    (),
    ("agenda",),
    ("agenda", "revealed entries"),
    ("revealed entries", "sessions"),
    ("unknown",),
    "agenda",
)
"""What a partner consents to share: nothing, one, two, then an unknown one and plain text."""
_WORDS = (
    "What I heard is that both of you want more time together.",
    "A short walk before talking might help.",
    "A few minutes each, uninterrupted, could help.",
    "",
    "x" * 1_200,
)
"""Three entries, then two the rules refuse (empty, too long)."""


def _propose(choose: Choose, _now: datetime) -> dict[str, Any]:
    return {
        "person": choose(_PEOPLE),
        "approach": choose(_APPROACHES),
        "categories": choose(_CATEGORIES),
    }


def _move(trigger: str, choose: Choose) -> dict[str, Any]:
    if trigger in ("agree", "consent"):
        return {"categories": choose(_CATEGORIES)}
    if trigger in ("reflect", "suggest"):
        return {"words": choose(_WORDS)}
    if trigger == "remove_entry":
        return {"entry": choose((1, 2, 9, "1"))}
    return {}


FACILITATOR_SAFETY = SafetySpec(
    on_leaving=CLOSE_BY_LEAVING,
    exits=frozenset({"withdraw", "decline", "remove", "step_down"}),
    declines=frozenset({"decline"}),
    create="propose",
    create_arguments=_propose,
    move_arguments=_move,
)
"""Either partner ends the third person's part alone; they step down alone; a no is neutral."""
