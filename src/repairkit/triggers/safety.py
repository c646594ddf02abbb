"""How the safety suite drives triggers and pauses through random histories."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from repairkit.core.leaving import CLOSE_BY_LEAVING
from repairkit.core.spec import Choose, SafetySpec
from repairkit.triggers.events import ShareScope

__all__ = ["PAUSE_SAFETY", "TRIGGER_SAFETY"]

_UNKNOWN_TRIGGER = uuid.UUID("00000000-0000-4000-8000-00000000ace5")
"""A trigger nobody wrote: naming it is refused (`NotFound`)."""


def _words(choose: Choose) -> dict[str, Any]:
    return {
        "what": choose(("When plans change at the last minute.", "Raised voices.", "")),
        "helps": choose((None, "A few minutes alone, then a walk.")),
    }


def _write(choose: Choose, _now: datetime) -> dict[str, Any]:
    return _words(choose)


def _trigger_move(trigger: str, choose: Choose) -> dict[str, Any]:
    if trigger == "revise":
        return _words(choose)
    if trigger in ("share", "unshare"):
        return {"scope": choose((ShareScope.PARTNER, "partner", "facilitator"))}
    return {}


TRIGGER_SAFETY = SafetySpec(
    on_leaving=CLOSE_BY_LEAVING,
    exits=frozenset({"remove", "unshare"}),
    declines=frozenset(),
    create="write",
    create_arguments=_write,
    move_arguments=_trigger_move,
    redraft="revise",
    keeps_private=frozenset({"revise", "remove"}),
)
"""Its owner unshares it or takes it off their list, alone; nobody is ever asked anything."""


def _record(choose: Choose, _now: datetime) -> dict[str, Any]:
    return {"trigger_id": choose((None, None, _UNKNOWN_TRIGGER))}


PAUSE_SAFETY = SafetySpec(
    on_leaving=CLOSE_BY_LEAVING,
    exits=frozenset({"take_back"}),
    declines=frozenset(),
    create="record",
    create_arguments=_record,
    keeps_private=frozenset({"take_back"}),
)
"""Its person takes it back alone, or it ages out; nobody else ever reads it."""
