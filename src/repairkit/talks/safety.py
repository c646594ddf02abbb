"""How the safety suite drives timed talks through random histories."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from repairkit.core.leaving import CLOSE_BY_LEAVING
from repairkit.core.spec import Choose, SafetySpec

__all__ = ["TALK_SAFETY"]


def _start(choose: Choose, _now: datetime) -> dict[str, Any]:
    return {"limit_minutes": choose((None, 20, 30, 4))}  # 4 is refused: shorter than allowed


TALK_SAFETY = SafetySpec(
    on_leaving=CLOSE_BY_LEAVING,
    exits=frozenset({"end", "set_aside"}),
    declines=frozenset(),
    create="start",
    create_arguments=_start,
)
"""Either partner ends the talk or sets its topic aside, alone; nobody is ever asked anything."""
