"""How the safety suite drives check-in preparations through random histories."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime, time
from typing import TYPE_CHECKING, Any

from repairkit.core.leaving import CLOSE_BY_LEAVING
from repairkit.core.spec import Choose, SafetySpec

if TYPE_CHECKING:
    from repairkit.kit import RepairKit

__all__ = ["PREPARATION_SAFETY"]

_KINDS = ("appreciation", "went right", "issue", "complaint")
"""The three kinds, then one no preparation has (refused)."""
_WORDS = ("You made dinner when I was tired.", "We talked calmly on Sunday.", "", "x" * 600)
"""Two entries, then two the rules refuse (empty, too long)."""
_ENTRIES = (1, 2, 9, "1")
"""Entry numbers: two that may exist, one that does not, and text (refused)."""


def _schedule_agreed(
    kit: RepairKit, relationship_id: uuid.UUID, name: Callable[[str], str]
) -> dict[str, Any]:
    """Agree a weekly check-in, Ana proposing and Ben agreeing, for preparations to name."""
    schedule = kit.checkins.propose(
        relationship_id, actor=name("ana"), weekday=2, start=time(19, 0)
    )
    kit.checkins.agree(schedule.id, actor=name("ben"))
    return {"schedule_id": schedule.id}


def _entry(choose: Choose) -> dict[str, Any]:
    return {"kind": choose(_KINDS), "words": choose(_WORDS), "share": choose((True, False))}


def _write(choose: Choose, _now: datetime) -> dict[str, Any]:
    return _entry(choose)


def _move(trigger: str, choose: Choose) -> dict[str, Any]:
    if trigger == "add_entry":
        return _entry(choose)
    if trigger == "revise_entry":
        return {"entry": choose(_ENTRIES), "words": choose(_WORDS)}
    if trigger in ("remove_entry", "mark_shared", "keep_private"):
        return {"entry": choose(_ENTRIES)}
    return {}


PREPARATION_SAFETY = SafetySpec(
    on_leaving=CLOSE_BY_LEAVING,
    exits=frozenset({"withdraw"}),
    declines=frozenset(),
    create="write",
    create_arguments=_write,
    move_arguments=_move,
    keeps_private=frozenset({"revise_entry", "remove_entry", "keep_private"}),
    prepare=_schedule_agreed,
)
"""Its author takes it back alone, or the check-in's time sets it; nobody is asked anything."""
