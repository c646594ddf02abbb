"""How the safety suite drives micro-responses through random histories."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from repairkit.core.leaving import CLOSE_BY_LEAVING
from repairkit.core.spec import Choose, SafetySpec

__all__ = ["MICRO_RESPONSE_SAFETY", "REMINDER_SAFETY"]

_KINDS = ("expressed gratitude", "reflected back", "turned toward a bid", "a favour")
"""Three of the four acts, then one that is none of them (refused)."""
_WORDS = (None, "Thanked you for the tea this morning.", "", "x" * 400)
"""No words, a few, then two the rules refuse (empty, too long)."""


def _record(choose: Choose, _now: datetime) -> dict[str, Any]:
    """A new micro-response, kept to its giver (the histories tell it by the move)."""
    return {"kind": choose(_KINDS), "words": choose(_WORDS)}


def _move(trigger: str, choose: Choose) -> dict[str, Any]:
    if trigger == "acknowledge":
        return {"to_appreciations": choose((False, True))}
    return {}


MICRO_RESPONSE_SAFETY = SafetySpec(
    on_leaving=CLOSE_BY_LEAVING,
    # The receiver has no part to play but their one, optional acknowledgement: saying
    # it ends their part (no move of theirs is left), and not saying it is no state.
    exits=frozenset({"delete", "acknowledge"}),
    declines=frozenset(),
    create="record",
    create_arguments=_record,
    move_arguments=_move,
    keeps_private=frozenset({"untell", "delete"}),
)
"""Its giver tells it, takes it back or deletes it alone; the receiver is asked nothing."""


def _remind_me(choose: Choose, _now: datetime) -> dict[str, Any]:
    """A time of day, or one the command refuses (a text, a time with a zone)."""
    return {"at_local_time": choose((time(8, 0), time(19, 30), "19:30"))}


REMINDER_SAFETY = SafetySpec(
    on_leaving=CLOSE_BY_LEAVING,
    exits=frozenset({"stop"}),
    declines=frozenset(),
    create="remind_me",
    create_arguments=_remind_me,
    # A reminder is private to its person, but one at a time: one made among the suite's
    # private entries would refuse its person's next `remind_me` in the history itself.
    # tests/test_micro_response_two_worlds.py plays the partner's reminders instead.
)
"""A reminder is its person's alone: they stop it when they like; nobody is asked anything."""
