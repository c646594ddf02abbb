"""How the safety suite drives crossings through random histories."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from repairkit.core.leaving import CLOSE_BY_LEAVING
from repairkit.core.spec import Choose, SafetySpec

if TYPE_CHECKING:
    from repairkit.kit import RepairKit

__all__ = ["CROSSING_SAFETY"]

_REPAIR = uuid.UUID("00000000-0000-4000-8000-00000000feed")


def _boundary_in_force(
    kit: RepairKit, relationship_id: uuid.UUID, name: Callable[[str], str]
) -> dict[str, Any]:
    """Agree one boundary, Ana proposing and Ben agreeing, for crossings to name."""
    boundary = kit.boundaries.draft(relationship_id, actor=name("ana"), rule="No interrupting.")
    kit.boundaries.propose(boundary.id, actor=name("ana"))
    kit.boundaries.agree(boundary.id, actor=name("ben"))
    return {"boundary_id": boundary.id}


def _notice(choose: Choose, now: datetime) -> dict[str, Any]:
    # a moment ahead and one outside the window are refused
    ago = choose((None, timedelta(hours=2), timedelta(days=-1), timedelta(days=90)))
    return {"happened_at": None if ago is None else now - ago}


def _move(trigger: str, choose: Choose) -> dict[str, Any]:
    if trigger == "see_differently":
        return {"view": choose((None, "I remember it as a lively talk."))}
    if trigger == "link_repair":
        return {"repair_id": _REPAIR}
    return {}


CROSSING_SAFETY = SafetySpec(
    on_leaving=CLOSE_BY_LEAVING,
    exits=frozenset({"withdraw", "see_differently"}),
    declines=frozenset({"see_differently"}),
    create="notice",
    create_arguments=_notice,
    move_arguments=_move,
    prepare=_boundary_in_force,
)
"""The partner a note is about can see it differently; whoever recorded it can take it back;
the rest ends by time."""
