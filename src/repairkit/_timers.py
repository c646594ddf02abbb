"""Time on the kit (`kit.timers`): firing what fell due, and what to schedule around it.

Every workflow's deadlines are durable: they live in the stored objects (their
earliest as ``due_at``), so nothing is lost when the app stops. `run_due` fires them
with the object's version check, so however many workers call it, each timer fires
once; `next_due` says when it next has work; `upcoming` lists what a person may see
coming (for an app's own reminders).
"""

from __future__ import annotations

import logging
import uuid
from datetime import datetime
from typing import TYPE_CHECKING, Final

from repairkit._leaving import close_by_leaving
from repairkit._told import upcoming_as_told
from repairkit.core.events import DomainEvent, day_of
from repairkit.core.relationship import Relationship
from repairkit.core.settings import zone
from repairkit.core.timers import Upcoming
from repairkit.core.values import MAX_LIMIT, PersonId, check_limit
from repairkit.errors import ConcurrencyConflict
from repairkit.ports import StoredObject

if TYPE_CHECKING:
    from repairkit._pipeline import Runner

__all__ = ["UPCOMING_LIMIT", "Timers", "fire_due"]

log = logging.getLogger("repairkit")

UPCOMING_LIMIT: Final = 100
"""How many deadlines `Timers.upcoming` returns at most when no ``limit`` is given.

repairkit's default, the port's page size (`Storage.load_scheduled`); pass ``limit``
(up to `MAX_LIMIT`) for another.
"""


def fire_due(runner: Runner, entity: StoredObject, now: datetime) -> list[DomainEvent]:
    """Fire each of *entity*'s deadlines passed by *now*, in turn, each at its own time.

    What `Timers.run_due` does for each due object; a command may do it for one object
    it finds overdue (a time-out past its ceiling that no worker lapsed yet gives its
    caller's place to the next call). An object changed meanwhile is left as it is.
    """
    recorded: list[DomainEvent] = []
    # Each deadline that passed fires in turn, at its own time (a time-out missed
    # for a day checks back at its return time, then lapses at its ceiling; a
    # note lapses, and the state it lapsed to has a deadline of its own). Every
    # deadline moves on (to another state or a later deadline), so there are at
    # most as many in one run as the workflow has states.
    for _ in type(entity.state):
        due = entity.due_at
        if due is None or due > now:
            break
        event = entity.on_due(due)
        if event is None:
            break
        try:
            event = runner.record(entity, event)
        except ConcurrencyConflict:
            log.info("%s changed meanwhile; it is left for the next run", entity.id)
            break
        recorded.append(event)
        if entity.due_at == due:  # a deadline never fires twice, whatever on_due did
            break
    return recorded


class Timers:
    """Durable timers, seen from the app: reached as ``kit.timers``."""

    def __init__(self, runner: Runner) -> None:
        self._runner = runner

    def run_due(self, *, limit: int = 100) -> list[DomainEvent]:
        """Move on whatever time has made due (a time box that ended); call it periodically.

        Returns the events it recorded. An object changed by someone else at the
        same moment is left for the next call. A timer missed while the app was down
        is recorded at its own due time, not when this call noticed it.
        """
        limit = check_limit(limit)
        runner = self._runner
        now = runner.now()
        recorded: list[DomainEvent] = []
        active: dict[uuid.UUID, bool] = {}
        for entity in runner.in_force(runner.storage.claim_due(now, limit=limit)):
            rid = entity.relationship_id
            if rid not in active:
                active[rid] = runner.storage.load(Relationship, rid).is_active
            if not active[rid]:
                recorded.extend(self._closed_instead(entity, now))
                continue
            recorded.extend(fire_due(runner, entity, now))
        return recorded

    def _closed_instead(self, entity: StoredObject, now: datetime) -> list[DomainEvent]:
        """Close *entity*, whose relationship is not active, instead of firing its timer.

        No timer fires once a partner left: an object still open then (in a relationship
        that ended before repairkit closed everything on leaving) closes by leaving.
        """
        spec = self._runner.workflows.spec_of(type(entity))
        try:
            event = close_by_leaving(self._runner, spec, entity, now)
        except ConcurrencyConflict:
            log.info("%s changed meanwhile; it is left for the next run", entity.id)
            return []
        return [] if event is None else [event]

    def next_due(self) -> datetime | None:
        """Return when `run_due` next has work (the earliest deadline stored), or None.

        A worker can sleep until then (or until a command it runs itself changes
        things); a deadline already passed is returned as it is.
        """
        return self._runner.storage.next_due()

    def upcoming(
        self, relationship_id: uuid.UUID, *, actor: PersonId, limit: int = UPCOMING_LIMIT
    ) -> list[Upcoming]:
        """Return the deadlines of the relationship that *actor* may see, soonest first.

        For an app's own reminders (repairkit reminds nobody by itself): what will
        complete or fall due, and when. Objects *actor* may not see are left out. At
        most *limit* deadlines (`UPCOMING_LIMIT` unless given; from 0 to `MAX_LIMIT`),
        the soonest: they are read from the relationship's due-time index
        (`Storage.load_scheduled`), earliest first, only as far as they are needed.
        A deadline that follows from a move of the other partner's that *actor* was not
        told of shows its day only (`Upcoming.day_only`; no activity signals).

        Raises:
            InvalidInput: *limit* is no whole number from 0 to `MAX_LIMIT`.
        """
        runner = self._runner
        relationship = runner.relationship(relationship_id, actor=actor)
        limit = check_limit(limit)
        now = runner.now()
        read = limit
        while read:
            scheduled = runner.repository.load_scheduled(relationship.id, limit=read)
            found = sorted(
                (
                    entry
                    for obj in scheduled
                    if obj.visible_at(actor, now)
                    for entry in upcoming_as_told(
                        runner, runner.workflows.spec_of(type(obj)).name, obj, actor
                    )
                ),
                key=lambda u: (u.at, str(u.id), u.deadline),
            )
            if len(scheduled) < read or read >= MAX_LIMIT:
                return found[:limit]
            # Objects not read yet fall due at or after the last one read, and show no
            # earlier than that day's start: what shows before it is known in full, in order.
            last = scheduled[-1].due_at
            if last is not None:
                last = day_of(last, zone(relationship.settings.time_zone))
            known = [u for u in found if last is not None and u.at < last]
            if len(known) >= limit:
                return known[:limit]
            read = min(MAX_LIMIT, read * 2)
        return []
