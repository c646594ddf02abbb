"""How the safety suite drives check-in sessions through random histories."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime, time
from typing import TYPE_CHECKING, Any

from repairkit.core.leaving import CLOSE_BY_LEAVING
from repairkit.core.spec import Choose, SafetySpec

if TYPE_CHECKING:
    from repairkit.kit import RepairKit

__all__ = ["SESSION_SAFETY"]

_WORDS = ("Thank you for making dinner.", "  ", "x" * 600)
"""A fit text, then a blank one and one too long (both refused)."""


def _schedule_agreed(
    kit: RepairKit, relationship_id: uuid.UUID, name: Callable[[str], str]
) -> dict[str, Any]:
    """Agree one check-in schedule, Ana proposing and Ben agreeing, for sessions to open."""
    schedule = kit.checkins.propose(
        relationship_id, actor=name("ana"), weekday=6, start=time(19, 0)
    )
    kit.checkins.agree(schedule.id, actor=name("ben"))
    return {"schedule_id": schedule.id}


def _open(_choose: Choose, _now: datetime) -> dict[str, Any]:
    return {}


def _move(trigger: str, choose: Choose) -> dict[str, Any]:
    if trigger in ("appreciate", "went_right", "summarise", "for_the_week", "raise_issue"):
        return {"words": choose(_WORDS)}
    if trigger == "close_issue":
        return {"outcome": choose(("agreed", "carried over", "third person", "won"))}
    return {}


SESSION_SAFETY = SafetySpec(
    on_leaving=CLOSE_BY_LEAVING,
    exits=frozenset({"end"}),
    declines=frozenset(),  # a session asks nothing of anyone
    create="open",
    create_arguments=_open,
    move_arguments=_move,
    prepare=_schedule_agreed,
)
"""Either partner ends the session alone; nobody is asked anything, so nobody says no."""
