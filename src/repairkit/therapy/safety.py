"""How the safety suite drives therapy plans through random histories.

Each history begins with a third person both partners invited (Dan, who never acts), so
that a plan can name them; the suite's outsider, Eve, is never that third person.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from repairkit.core.leaving import CLOSE_BY_LEAVING
from repairkit.core.spec import Choose, SafetySpec

if TYPE_CHECKING:
    from repairkit.kit import RepairKit

__all__ = ["THERAPY_PLAN_SAFETY"]

_WORDS = ("Better listening.", "Managing anger and hurt, together.", "", "x" * 1_200)
"""Two hopes, then two the rules refuse (empty, too long)."""
_STARTS = (
    datetime(2030, 1, 7, 18, 0, tzinfo=UTC),
    datetime(2030, 2, 4, 18, 30, tzinfo=UTC),
    datetime(2001, 1, 1, 18, 0, tzinfo=UTC),
    "next Monday",
)
"""Two starts to come, one past and one that is no instant (refused)."""
_NOBODY = uuid.UUID("00000000-0000-4000-8000-00000000700a")
"""A third person no one stored: refused alike for every reader."""


def _facilitator_invited(
    kit: RepairKit, relationship_id: uuid.UUID, name: Callable[[str], str]
) -> dict[str, Any]:
    """Invite Dan as the third person, Ana proposing and Ben agreeing."""
    facilitator = kit.facilitators.propose(
        relationship_id, actor=name("ana"), person="dan", approach="couples therapist"
    )
    kit.facilitators.agree(facilitator.id, actor=name("ben"))
    return {"facilitator_id": facilitator.id}


def _propose(_choose: Choose, _now: datetime) -> dict[str, Any]:
    return {}


def _move(trigger: str, choose: Choose) -> dict[str, Any]:
    if trigger == "write_hopes":
        return {"words": choose(_WORDS)}
    if trigger == "propose_schedule":
        return {
            "start": choose(_STARTS),
            "every_weeks": choose((1, 2, 0, 99)),
            "count": choose((4, 10, 0)),
        }
    if trigger == "propose_reschedule":
        return {"session": choose((1, 2, 99, "1")), "start": choose(_STARTS)}
    if trigger == "note_missed":
        return {"session": choose((1, 2, 99))}
    if trigger == "propose_resume":
        return {"facilitator_id": _NOBODY}
    return {}


THERAPY_PLAN_SAFETY = SafetySpec(
    on_leaving=CLOSE_BY_LEAVING,
    exits=frozenset({"withdraw", "decline", "step_back"}),
    declines=frozenset(
        {"decline", "decline_schedule", "decline_reschedule", "decline_finish", "decline_resume"}
    ),
    create="propose",
    create_arguments=_propose,
    move_arguments=_move,
    prepare=_facilitator_invited,
)
"""Either partner steps back alone; whoever is asked can say no, and a no waits."""
