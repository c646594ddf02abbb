"""Objects as a partner may read them: the other's moves they were not told of, to the day.

The read paths' side of no activity signals (docs/safety.md, rule 4; the rule itself is
`repairkit.core.untold`). Each object shown costs one indexed read, both ends of its
events (`Storage.edge_events`: its first and its `RECENT_MOVES` last), never its whole
history: every instant set by a move of the other partner's that the reader was not
told of (`Runner.told`) shows its day only, on the object (`as_told`) and in the
deadlines `kit.timers.upcoming` lists (`upcoming_as_told`).
"""

from __future__ import annotations

import contextlib
import uuid
from datetime import UTC, datetime, tzinfo
from typing import TYPE_CHECKING, Any, Final, TypeVar

from repairkit.core.events import DomainEvent
from repairkit.core.relationship import Relationship
from repairkit.core.settings import zone
from repairkit.core.timers import Upcoming
from repairkit.core.untold import deadlines_to_the_day, instants_to_the_day, recorded_instants
from repairkit.core.values import SYSTEM, PersonId
from repairkit.errors import CorruptData

if TYPE_CHECKING:
    from repairkit._pipeline import Runner
    from repairkit.ports import Storage

__all__ = ["EDGES_KEPT", "RECENT_MOVES", "Edges", "as_told", "untold_instants", "upcoming_as_told"]

RECENT_MOVES: Final = 4
"""How many of an object's last moves a read path reads, with its first (repairkit's own).

Moves private to someone are not among them (`Storage.edge_events` passes them over),
so no run of a partner's own private moves (coming back from a pause, setting quiet
hours again and again) reaches past their untold move. An untold move followed by this
many shared moves, and not the first, keeps the instants it set if a field still holds
them. Each more is one more row decoded per object shown (measured on SQLite: about 8
microseconds), so it stays small."""

EDGES_KEPT: Final = 4096
"""How many objects' edge events a kit keeps between reads (repairkit's own)."""

W = TypeVar("W")


class Edges:
    """The edge events of the objects a kit read or moved last, each kept with its version.

    What `Storage.edge_events` answers for an object (its first event and its
    `RECENT_MOVES` last, private ones passed over) changes only when a move adds an
    event private to nobody. Each event records the version its move gave the object,
    so the answer is kept as (version, events): a command that moves the object
    brings what was kept up to its version (`moved`: its event is added, or, private
    to someone, only counted) instead of reading again, and an object moved elsewhere
    since (another kit, another server) is read again. The last event kept is not the
    object's version: private moves may follow it. At most `EDGES_KEPT` objects are
    kept, the oldest dropped first.
    """

    def __init__(self) -> None:
        self._kept: dict[uuid.UUID, tuple[int, tuple[DomainEvent, ...]]] = {}

    def of(self, storage: Storage, id: uuid.UUID, version: int | None) -> tuple[DomainEvent, ...]:
        """Return the edge events of object *id* as *storage* holds them at its *version*.

        *version* is the object's version as stored; None (not known) reads *storage*.
        A read is kept for *version* when no event it gives is newer: then no move since
        added an event private to nobody, and the answer is the one at *version*.
        """
        kept = self._kept.get(id)
        if version is not None and kept is not None and kept[0] == version:
            return kept[1]
        ends = tuple(storage.edge_events(id, last=RECENT_MOVES))
        if version is not None and (not ends or ends[-1].version <= version):
            self._keep(id, version, ends)
        return ends

    def moved(self, event: DomainEvent) -> None:
        """Bring what is kept of *event*'s object up to it, if kept at the version before.

        An event private to someone only brings the version: `Storage.edge_events`
        passes it over.
        """
        kept = self._kept.get(event.subject_id)
        if event.version == 1:  # a new object: its first event
            self._keep(event.subject_id, 1, () if event.private_to is not None else (event,))
        elif kept is not None and kept[0] == event.version - 1:
            ends = kept[1]
            if event.private_to is None:
                ends = (*ends, event)
                if len(ends) > RECENT_MOVES + 1:
                    ends = (ends[0], *ends[-RECENT_MOVES:])
            self._keep(event.subject_id, event.version, ends)

    def _keep(self, id: uuid.UUID, version: int, ends: tuple[DomainEvent, ...]) -> None:
        self._kept.pop(id, None)
        self._kept[id] = (version, ends)
        if len(self._kept) > EDGES_KEPT:
            with contextlib.suppress(KeyError, RuntimeError, StopIteration):  # another thread
                del self._kept[next(iter(self._kept))]


def untold_instants(
    runner: Runner,
    obj: Any,  # noqa: ANN401 - any stored object
    person: PersonId,
    version: int | None = None,
) -> frozenset[datetime]:
    """Return the instants on *obj* set by moves of the other partner *person* was not told of.

    Read from both ends of the object's events in one indexed read
    (`Storage.edge_events`): its first move (a time-out called past its daily notice
    keeps showing its day after the check-back) and its `RECENT_MOVES` last ones, moves
    private to someone passed over. Each such move's instants (every one its event
    records) count, less those a move *person* knows of records too (a check-back at
    the return time tells it). Moves private to the other leave nothing in *person*'s
    copy; *person*'s own private moves are not read either, which can only show more
    instants to the day, never fewer (an event a storage gives anyway is passed over
    alike). Empty
    when *obj* was never moved. *version* is *obj*'s version as stored, when known (a
    copy seen by *person* may count fewer): then the read is kept for it (`Edges`).
    Events that cannot be read give ``changed_at``: who
    was told of them is unknown, so it shows its day only, to be safe.
    """
    if obj.changed_at is None:
        return frozenset()
    try:
        ends = runner.edges.of(runner.storage, obj.id, version)
    except CorruptData:
        return frozenset({obj.changed_at})
    told = runner.told(person)
    known: set[datetime] = set()
    untold: set[datetime] = set()
    for event in ends:
        if event.private_to is not None:
            continue  # someone's own: not among what `Storage.edge_events` gives
        known_to_them = event.actor == person or told(event)
        known_to_them |= event.actor == SYSTEM and not event.untold  # a timer's own time
        (known if known_to_them else untold).update(recorded_instants(event))
    return frozenset(untold - known)


def zone_of(runner: Runner, obj: Any) -> tzinfo:  # noqa: ANN401 - any stored object
    """Return the couple's time zone for *obj* (read from its relationship if it has none)."""
    if isinstance(obj, Relationship):
        return zone(obj.settings.time_zone)
    time_zone = getattr(obj, "time_zone", None)
    return runner.zone_of(obj.relationship_id) if time_zone is None else zone(time_zone)


def as_told(runner: Runner, obj: W, person: PersonId, version: int | None = None) -> W:
    """Return *obj* as *person* may see it: what the other's untold moves set, to the day.

    A copy when something changed (*obj* is left as it is): every field holding an
    instant `untold_instants` gives shows the start of its calendar day in the couple's
    time zone (`repairkit.core.untold.instants_to_the_day`).
    """
    instants = untold_instants(runner, obj, person, version)
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

    The deadlines are those of *obj* as *person* sees it (`seen_by`): one that follows
    from what only the other partner sees (a consequence offered to them) is left out. A
    deadline that follows from the other's untold moves (`untold_instants`) shows its day
    only (`Upcoming.day_only`, `repairkit.core.untold.deadlines_to_the_day`).
    """
    instants = untold_instants(runner, obj, person, obj.version)
    seen = obj.seen_by(person)
    where = zone_of(runner, obj) if instants else UTC
    return [
        Upcoming(
            workflow=workflow,
            id=obj.id,
            deadline=deadline.name,
            at=deadline.at if day is None else day,
            day_only=day is not None,
        )
        for deadline, day in deadlines_to_the_day(seen, instants, where)
    ]
