"""The safety suite's rule on activity signals (issue 16): no "last seen" on any read path.

A mixin of `repairkit.testing.SafetyContract`; its tests run over every workflow that
declares a `SafetySpec`, over the same random histories as the other rules: the events
one reads (`test_no_activity_signals`) and the objects one reads through ``get``,
``find``, ``awaiting`` and ``kit.relationships.awaiting`` (`test_no_last_seen_on_objects`).
"""

from __future__ import annotations

import contextlib
from datetime import datetime, time, timedelta
from typing import Any

import attrs
from hypothesis import given
from hypothesis import strategies as st

from repairkit._told import RECENT_MOVES
from repairkit.core.events import DomainEvent
from repairkit.core.quiet import QuietHours
from repairkit.core.relationship import Relationship
from repairkit.core.settings import RelationshipSettings, zone
from repairkit.core.spec import WorkflowSpec
from repairkit.core.values import SYSTEM
from repairkit.errors import RepairkitError
from repairkit.testing._histories import PEOPLE, SUITE, Histories, _World

__all__ = ["NoActivitySignals"]


class NoActivitySignals(Histories):
    """Rule 4, metadata: the other partner's untold moves show their day only."""

    @SUITE
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

    @SUITE
    @given(data=st.data())
    def test_no_last_seen_on_objects(self, spec: WorkflowSpec[Any], data: st.DataObject) -> None:
        """4. An object shows what the other partner's untold moves set to the day only.

        After every step of a random history, each partner reads every object of the
        workflow through ``get``, every page of ``find``, the workflow's ``awaiting`` and
        ``kit.relationships.awaiting``, the relationship through ``kit.relationships.get``
        and ``for_person``, and the deadlines of ``kit.timers.upcoming``. Every instant
        set by a move of the other partner's that reached the reader as no notification
        (each field holding an instant its event records: ``changed_at``, a start, a
        time-out's ``return_at``), unless a later move the reader knows of recorded it
        again, holds no time finer than its calendar day in the couple's time zone, and
        so does every deadline that follows from them (it moves when they move), marked
        ``day_only``: no "last seen". When the reader was told of the last move,
        ``changed_at`` keeps its exact time, and so do the other deadlines.
        """
        script: list[tuple[Any, ...]] = []
        for world, _ in self._play(spec, script, data=data):
            for person in PEOPLE[:2]:
                told = _told(world, person)
                read = [*_objects_read(spec, world, person), *_relationship_read(world, person)]
                for how, obj in read:
                    _check_object(world, person, told, how, obj)
                _check_upcoming(world, person, told)

    @SUITE
    @given(data=st.data())
    def test_no_last_seen_on_the_relationship(self, data: st.DataObject) -> None:
        """4. The relationship shows the other partner's untold moves to the day only.

        Random moves on the relationship itself (pausing, coming back, suggesting,
        answering and withdrawing settings, quiet hours) by either partner, with time
        passing: after each, both read it through ``kit.relationships.get``,
        ``for_person`` and ``awaiting``. The other partner's last move one was not told
        of (a second pause in a day) shows its instants to the day only; a move one was
        told of keeps its time.
        """
        spec = next(s for s in self.workflows if s.safety is not None)
        world = self._world(spec, swap=False)
        with world.kit:
            for _ in range(data.draw(st.integers(3, 25))):
                _relationship_step(world, data)
                for person in PEOPLE[:2]:
                    told = _told(world, person)
                    for how, obj in _relationship_read(world, person):
                        _check_object(world, person, told, how, obj)


def _relationship_step(world: _World, data: st.DataObject) -> None:
    """Make one random move on the relationship (or let time pass); a refusal is a step too."""
    relationships = world.kit.relationships
    rid = world.relationship
    actor = data.draw(st.sampled_from(PEOPLE[:2]))
    move = data.draw(
        st.sampled_from(
            ["pause", "pause", "come_back", "propose", "agree", "decline", "withdraw", "quiet"]
            + ["time"] * 2
        )
    )
    seconds = data.draw(st.integers(1, 6 * 3600))
    try:
        if move == "time":
            world.clock.advance(timedelta(seconds=seconds))
        elif move == "propose":
            zone_name = data.draw(st.sampled_from(["UTC", "Europe/Berlin", "America/New_York"]))
            relationships.propose_settings(
                rid, actor=actor, settings=RelationshipSettings(time_zone=zone_name)
            )
        elif move == "quiet":
            hours = QuietHours(starts=time(22, 0), ends=time(7, 0))
            relationships.set_quiet_hours(rid, actor=actor, quiet_hours=hours)
        else:
            name = {
                "agree": "agree_to_settings",
                "decline": "decline_settings",
                "withdraw": "withdraw_settings",
            }.get(move, move)
            getattr(relationships, name)(rid, actor=actor)
    except RepairkitError:
        pass


def _relationship_read(world: _World, person: str) -> list[tuple[str, Any]]:
    """The relationship as *person* reads it: ``get``, ``for_person`` and ``awaiting``."""
    relationships = world.kit.relationships
    rid = world.relationship
    read: list[tuple[str, Any]] = [("kit.relationships.get", relationships.get(rid, actor=person))]
    read.extend(
        ("kit.relationships.for_person", r) for r in relationships.for_person(person) if r.id == rid
    )
    read.extend(
        ("kit.relationships.awaiting", w.item)
        for w in relationships.awaiting(rid, actor=person)
        if isinstance(w.item, Relationship)
    )
    return read


def _untold_instants(world: _World, person: str, told: set[Any], oid: Any) -> set[datetime]:  # noqa: ANN401
    """The instants set by the other's moves *person* was not told of, that they know not.

    Every instant the event of such a move records (the object's first move, or one of
    its `RECENT_MOVES` last, moves private to someone not counted: what a read path
    reads of it), less every instant a move *person* knows of records (their own,
    repairkit's, one they were told of), read here from the whole history. The other's
    private moves are passed over: nothing of them is in *person*'s copy, and however
    many there are, they never push an untold move out of what is read.
    """
    history = [e for e in world.stored.events(oid) if e.private_to in (None, person)]
    shared = [e.id for e in history if e.private_to is None]
    read = {*shared[:1], *shared[-RECENT_MOVES:]}
    known: set[datetime] = set()
    untold: set[datetime] = set()
    for event in history:
        recorded = {value for _, value in _instants(event)}
        if event.actor in (person, SYSTEM) or event.id in told:
            known |= recorded
        elif event.id in read:
            untold |= recorded
    return untold - known


def _check_object(world: _World, person: str, told: set[Any], how: str, obj: Any) -> None:  # noqa: ANN401
    """What the other's untold moves set shows its day only; a told last move keeps its time."""
    stored = world.stored.load(type(obj), obj.id)
    history = world.stored.events(obj.id)
    if not history or history[-1].version != stored.version:
        return
    last, kind = history[-1], type(obj).__name__
    if last.actor not in (person, SYSTEM) and last.id in told:
        assert obj.changed_at == stored.changed_at, (
            f"{how} shows {person} a {kind} whose last move ({last.TAG}) they were told of"
            " without its time"
        )
    untold = _untold_instants(world, person, told, obj.id)
    for name, value in _instants(obj):
        if getattr(stored, name) in untold:
            assert _a_day(world, value), (
                f"{how} shows {person} the {name} of a {kind} to the second ({value}):"
                " a move of the other's set it, and they were not told about it"
            )


def _check_upcoming(world: _World, person: str, told: set[Any]) -> None:
    """A deadline that follows from the other's untold moves shows its day, marked so."""
    for upcoming in world.kit.timers.upcoming(world.relationship, actor=person):
        kind = world.kit.workflows.by_name[upcoming.workflow].entity
        stored = world.stored.load(kind, upcoming.id)
        exact: dict[str, Any] = {d.name: d.at for d in stored.deadlines} or {"due": stored.due_at}
        moved = _deadlines_moved(stored, _untold_instants(world, person, told, stored.id))
        if moved.get(upcoming.deadline) != exact[upcoming.deadline]:
            assert upcoming.day_only, (
                f"kit.timers.upcoming shows {person} the {upcoming.deadline} of a"
                f" {upcoming.workflow} to the second: it follows from a move of the other's"
                " they were not told about"
            )
        if upcoming.day_only:
            assert _a_day(world, upcoming.at)
            assert (
                upcoming.at <= exact[upcoming.deadline] < upcoming.at + timedelta(days=1, hours=1)
            )
        else:
            assert upcoming.at == exact[upcoming.deadline]


def _deadlines_moved(stored: Any, untold: set[datetime]) -> dict[str, datetime]:  # noqa: ANN401
    """The deadlines of *stored* were every instant in *untold* an hour later."""
    later = attrs.evolve(
        stored,
        **{
            name: value + timedelta(hours=1) for name, value in _instants(stored) if value in untold
        },
    )
    return {d.name: d.at for d in later.deadlines} or {"due": later.due_at}


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
