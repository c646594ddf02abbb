"""How the safety suite drives time-outs through random histories."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from repairkit.core.leaving import CLOSE_BY_LEAVING
from repairkit.core.spec import Choose, SafetySpec

__all__ = ["TIMEOUT_SAFETY"]


def _call(choose: Choose, _now: datetime) -> dict[str, Any]:
    return {"minutes": choose((20, 60, 120, 5))}  # 5 is refused: shorter than the rules allow


TIMEOUT_SAFETY = SafetySpec(
    on_leaving=CLOSE_BY_LEAVING,
    exits=frozenset({"come_back", "set_aside"}),
    declines=frozenset({"keep_topic"}),
    create="call",
    create_arguments=_call,
)
"""Either comes back or sets the topic aside alone; whoever is asked to let it go can keep it."""
