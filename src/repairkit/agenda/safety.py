"""How the safety suite drives the agenda's own topics through random histories."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from repairkit.core.leaving import CLOSE_BY_LEAVING
from repairkit.core.spec import Choose, SafetySpec

__all__ = ["AGENDA_SAFETY"]

_WORDS = (
    "How we plan the weekends.",
    "Evenings with our phones away.",
    "",
    "x" * 300,
)
"""Two topics, then two the rules refuse (empty, too long)."""


def _topic(choose: Choose, _now: datetime) -> dict[str, Any]:
    return {"words": choose(_WORDS)}


AGENDA_SAFETY = SafetySpec(
    on_leaving=CLOSE_BY_LEAVING,
    exits=frozenset({"withdraw"}),
    declines=frozenset(),
    create="add_topic",
    create_arguments=_topic,
)
"""A topic's author takes it off alone; nobody is asked anything."""
