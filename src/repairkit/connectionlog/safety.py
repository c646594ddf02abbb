"""How the safety suite drives the private log and joint reviews through random histories."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from repairkit.core.leaving import CLOSE_BY_LEAVING
from repairkit.core.spec import Choose, SafetySpec

__all__ = ["ENTRY_SAFETY", "REVIEW_SAFETY"]

_WHAT = ("We laughed over dinner.", "I felt alone after the call.", "", "x" * 600)
"""Two entries, then two the rules refuse (empty, too long)."""


def _fields(choose: Choose, now: datetime) -> dict[str, Any]:
    return {
        "kind": choose(("connection", "neglect", "contempt")),
        "what": choose(_WHAT),
        "trigger": choose((None, "Work ran late again.")),
        "trigger_tags": choose(((), ("tiredness",), ("time together", "touch"), ("blame",))),
        "helped": choose((None, "A short walk.")),
        "helped_tags": choose(((), ("a walk",), ("silence",))),
        "day": choose((None, now.date() - timedelta(days=3), now.date() + timedelta(days=2))),
    }


def _write(choose: Choose, now: datetime) -> dict[str, Any]:
    return _fields(choose, now)


def _entry_move(trigger: str, choose: Choose) -> dict[str, Any]:
    if trigger == "edit":
        return {
            "what": choose(_WHAT[:3]),
            "trigger_tags": choose(((), ("criticism",), ("nope",))),
        }
    return {}


ENTRY_SAFETY = SafetySpec(
    on_leaving=CLOSE_BY_LEAVING,
    exits=frozenset({"delete", "unshare"}),
    declines=frozenset(),
    create="write",
    create_arguments=_write,
    move_arguments=_entry_move,
    keeps_private=frozenset({"edit", "delete"}),
)
"""Its author unshares or deletes it, alone; nobody is ever asked anything."""


def _propose(choose: Choose, now: datetime) -> dict[str, Any]:
    today = now.date()
    return {
        "period_start": choose((today - timedelta(days=20), today, date(2020, 1, 1))),
        "period_end": choose((today, today + timedelta(days=3))),
    }


def _review_move(trigger: str, choose: Choose) -> dict[str, Any]:
    if trigger == "add_takeaway":
        return {"words": choose(("Short calls help on late days.", "", "x" * 400))}
    if trigger == "remove_takeaway":
        return {"takeaway": choose((1, 2, 9))}
    return {}


REVIEW_SAFETY = SafetySpec(
    on_leaving=CLOSE_BY_LEAVING,
    exits=frozenset({"withdraw", "decline", "close"}),
    declines=frozenset({"decline"}),
    create="propose",
    create_arguments=_propose,
    move_arguments=_review_move,
)
"""Either partner ends their part alone; the partner asked can say no."""
