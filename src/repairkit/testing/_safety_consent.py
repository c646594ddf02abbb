"""The safety suite's rule on activity signals (issue 16): no "last seen" on any read path.

A mixin of `repairkit.testing.SafetyContract`; its tests run over every workflow that
declares a `SafetySpec`, over the same random histories as the other rules: the events
one reads (`test_no_activity_signals`) and the objects one reads through ``get``,
``find``, ``awaiting`` and ``kit.relationships.awaiting`` (`test_no_last_seen_on_objects`).
"""

from __future__ import annotations

import contextlib
from datetime import datetime
from typing import Any

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from repairkit.core.events import DomainEvent
from repairkit.core.settings import zone
from repairkit.core.spec import WorkflowSpec
from repairkit.core.values import SYSTEM
from repairkit.errors import RepairkitError
from repairkit.testing._histories import PEOPLE, Histories, _World

__all__ = ["NoActivitySignals"]

_SUITE = settings(
    deadline=None,  # histories touch real storage: their speed is the machine's
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.differing_executors,
    ],
)


class NoActivitySignals(Histories):
    """Rule 4, metadata: the other partner's untold moves show their day only."""

    @_SUITE
    @given(data=st.data())
    def test_no_activity_signals(self, spec: WorkflowSpec[Any], data: st.DataObject) -> None:
        """4. A move of the other partner one was not told about shows its day only.

        After every step of a random history, each partner reads the relationship's
        events and each object's events: an event of the other partner's that reached
        them as no notification (delivered or waiting in the outbox) holds no instant
        finer than its calendar day in the couple's time zone (no "last seen", no
        response times); an event they were told of keeps its exact time.
        """
        script: list[tuple[Any, ...]] = []
        for world, _ in self._play(spec, script, data=data):
            for person in PEOPLE[:2]:
                told = _told(world, person)
                for event in _read(spec, world, person):
                    if event.actor in (person, SYSTEM):
                        continue
                    stored = _stored(world, event)
                    if event.id in told:
                        assert event.at == stored.at, f"{event.TAG} told to {person} lost its time"
                    else:
                        for name, value in _instants(event):
                            assert _a_day(world, value), (
                                f"{person} reads the {name} of {event.TAG}, a move they were"
                                f" not told about, to the second: {value}"
                            )

    @_SUITE
    @given(data=st.data())
    def test_no_last_seen_on_objects(self, spec: WorkflowSpec[Any], data: st.DataObject) -> None:
        """4. An object shows the time of the other partner's untold last move to the day only.

        After every step of a random history, each partner reads every object of the
        workflow through ``get``, every page of ``find``, the workflow's ``awaiting`` and
        ``kit.relationships.awaiting``. When the object's last move was the other
        partner's and reached the reader as no notification, its ``changed_at`` (and
        every instant the move set, one equal to it) holds no time finer than its
        calendar day in the couple's time zone: no "last seen". When the reader was told
        of that move, ``changed_at`` keeps its exact time.
        """
        script: list[tuple[Any, ...]] = []
        for world, _ in self._play(spec, script, data=data):
            for person in PEOPLE[:2]:
                told = _told(world, person)
                for how, obj in _objects_read(spec, world, person):
                    stored = world.stored.load(spec.entity, obj.id)
                    last = world.stored.events(obj.id)[-1]
                    if last.actor in (person, SYSTEM) or last.version != stored.version:
                        continue
                    if last.id in told:
                        assert obj.changed_at == stored.changed_at, (
                            f"{how} shows {person} a {spec.name} whose last move ({last.TAG})"
                            f" they were told of without its time"
                        )
                        continue
                    for name, value in _instants(obj):
                        if getattr(stored, name) == last.at:
                            assert _a_day(world, value), (
                                f"{how} shows {person} the {name} of a {spec.name} to the"
                                f" second ({value}): the other's last move ({last.TAG})"
                                " that they were not told about"
                            )


def _objects_read(spec: WorkflowSpec[Any], world: _World, person: str) -> list[tuple[str, Any]]:
    """Every workflow object *person* reads, with the read path that showed it."""
    commands = world.kit.workflow(spec)
    read: list[tuple[str, Any]] = []
    for oid in world.objects:
        with contextlib.suppress(RepairkitError):
            read.append(("get", commands.get(oid, actor=person)))
    after = None
    while True:
        page = commands.find(world.relationship, actor=person, after=after, limit=7)
        read.extend(("find", obj) for obj in page)
        if page.cursor is None:
            break
        after = page.cursor
    read.extend(("awaiting", obj) for obj in commands.awaiting(world.relationship, actor=person))
    everything = world.kit.relationships.awaiting(world.relationship, actor=person)
    read.extend(
        ("kit.relationships.awaiting", waiting.item)
        for waiting in everything
        if isinstance(waiting.item, spec.entity)
    )
    return read


def _told(world: _World, person: str) -> set[Any]:
    """The ids of the events *person* was sent (or will be sent) a notification about."""
    pending = world.stored.pending_notifications(limit=1000)
    return {n.event_id for n in (*world.notifier.received, *pending) if n.recipient == person}


def _read(spec: WorkflowSpec[Any], world: _World, person: str) -> list[DomainEvent]:
    """Every event *person* reads: the relationship's, and each object's of *spec*."""
    commands = world.kit.workflow(spec)
    read = list(world.kit.relationships.events(world.relationship, actor=person))
    for oid in world.objects:
        try:
            read.extend(commands.events(oid, actor=person))
        except RepairkitError:
            continue
    return read


def _stored(world: _World, event: DomainEvent) -> DomainEvent:
    """The event as stored, before any read path showed it."""
    return next(e for e in world.stored.events(event.subject_id) if e.id == event.id)


def _instants(value: Any) -> list[tuple[str, datetime]]:  # noqa: ANN401 - an event or object
    """The instants an event or an object holds in its own fields."""
    return [
        (field.name, instant)
        for field in attrs.fields(type(value))
        if isinstance(instant := getattr(value, field.name), datetime)
    ]


def _a_day(world: _World, at: datetime) -> bool:
    """Whether *at* is the start of a calendar day in the couple's time zone."""
    time_zone = world.kit.relationships.get(world.relationship, actor=PEOPLE[0]).settings.time_zone
    local = at.astimezone(zone(time_zone))
    return (local.hour, local.minute, local.second, local.microsecond) == (0, 0, 0, 0)
