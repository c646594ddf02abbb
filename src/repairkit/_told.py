"""Objects as a partner may read them: the other's moves they were not told of, to the day.

The read paths' side of no activity signals (docs/safety.md, rule 4; the rule itself is
`repairkit.core.untold`). Each object shown costs one indexed read, its last event
(`Storage.last_event`), never its history: when that move is the other partner's and
the reader was not told of it (`Runner.told`), every instant it set shows its day only,
on the object (`as_told`) and in the deadlines `kit.timers.upcoming` lists
(`upcoming_as_told`).
"""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo
from typing import TYPE_CHECKING, Any, TypeVar

from repairkit.core.relationship import Relationship
from repairkit.core.settings import zone
from repairkit.core.timers import Upcoming
from repairkit.core.untold import deadlines_to_the_day, instants_to_the_day, recorded_instants
from repairkit.core.values import SYSTEM, PersonId
from repairkit.errors import CorruptData

if TYPE_CHECKING:
    from repairkit._pipeline import Runner

__all__ = ["as_told", "untold_instants", "upcoming_as_told"]

W = TypeVar("W")


def untold_instants(runner: Runner, obj: Any, person: PersonId) -> frozenset[datetime]:  # noqa: ANN401
    """Return the instants the other partner's last move on *obj* set, if *person* was not told.

    Empty when the last move is *person*'s own, repairkit's, or one they were told of
    (or *obj* was never moved). A last event that cannot be read gives ``changed_at``:
    who was told of it is unknown, so it shows its day only, to be safe.
    """
    if obj.changed_at is None:
        return frozenset()
    try:
        last = runner.storage.last_event(obj.id)  # one row of the subject index
    except CorruptData:
        return frozenset({obj.changed_at})
    if last is None or last.actor in (person, SYSTEM) or runner.told(person)(last):
        return frozenset()
    return recorded_instants(last)


def zone_of(runner: Runner, obj: Any) -> tzinfo:  # noqa: ANN401 - any stored object
    """Return the couple's time zone for *obj* (read from its relationship if it has none)."""
    if isinstance(obj, Relationship):
        return zone(obj.settings.time_zone)
    time_zone = getattr(obj, "time_zone", None)
    return runner.zone_of(obj.relationship_id) if time_zone is None else zone(time_zone)


def as_told(runner: Runner, obj: W, person: PersonId) -> W:
    """Return *obj* as *person* may see it: what the other's untold last move set, to the day.

    A copy when something changed (*obj* is left as it is): every field holding an
    instant that move recorded shows the start of its calendar day in the couple's time
    zone (`repairkit.core.untold.instants_to_the_day`).
    """
    instants = untold_instants(runner, obj, person)
    if not instants:
        return obj
    return instants_to_the_day(obj, instants, zone_of(runner, obj))


def upcoming_as_told(
    runner: Runner,
    workflow: str,
    obj: Any,  # noqa: ANN401 - any stored object
    person: PersonId,
) -> list[Upcoming]:
    """Return *obj*'s deadlines as `Upcoming` entries, as *person* may see them.

    A deadline that follows from the other's untold last move shows its day only
    (`Upcoming.day_only`, `repairkit.core.untold.deadlines_to_the_day`).
    """
    instants = untold_instants(runner, obj, person)
    where = zone_of(runner, obj) if instants else UTC
    return [
        Upcoming(
            workflow=workflow,
            id=obj.id,
            deadline=deadline.name,
            at=deadline.at if day is None else day,
            day_only=day is not None,
        )
        for deadline, day in deadlines_to_the_day(obj, instants, where)
    ]
