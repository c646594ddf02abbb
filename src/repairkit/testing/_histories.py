"""Random histories for the contract suites: a kit, a script of moves, and what it said.

`Histories` plays a script (drawn by hypothesis as it unfolds) through a kit: both
partners and an outsider making moves, time passing, ``run_due``. The safety suite
builds its rules on it; a script can be played again with the partners swapped, with
a partner's drafts written earlier, or on a world prepared beforehand.
"""

from __future__ import annotations

import contextlib
import re
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar

import attrs
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from repairkit.adapters.memory import MemoryStorage
from repairkit.clock import ManualClock
from repairkit.core.spec import Registry, WorkflowSpec
from repairkit.errors import RepairkitError
from repairkit.kit import RepairKit
from repairkit.notifiers import MemoryNotifier
from repairkit.ports import Storage
from repairkit.registry import WORKFLOWS

__all__ = ["PEOPLE", "SUITE", "SWAP", "Histories"]

SUITE = settings(
    deadline=None,  # histories touch real storage: their speed is the machine's, not a rule's
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.differing_executors,
    ],
)
"""The hypothesis settings of every rule played over random histories (the profile's
``max_examples`` and the rest apply)."""

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
PEOPLE = ("ana", "ben", "eve")  # eve is an outsider
SWAP = {"ana": "ben", "ben": "ana"}
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _swap(text: str) -> str:
    return re.sub(r"\b(ana|ben)\b", lambda m: SWAP[m.group(0)], text)


@attrs.define
class _ShiftedClock:
    """The world's clock, which can be read earlier for a moment (a draft written before)."""

    clock: ManualClock
    offset: timedelta = timedelta(0)

    def now(self) -> datetime:
        return self.clock.now() + self.offset


@attrs.define
class _World:
    """One kit playing one script, and what it said along the way."""

    kit: RepairKit
    clock: ManualClock
    shifted: _ShiftedClock
    notifier: MemoryNotifier
    relationship: uuid.UUID
    objects: list[uuid.UUID] = attrs.Factory(list)
    outcomes: list[tuple[Any, ...]] = attrs.Factory(list)
    actors: list[str | None] = attrs.Factory(list)
    """Who made each step whose outcome is recorded (None: time passing)."""
    errors: list[RepairkitError] = attrs.Factory(list)
    """Each refusal met along the way, as raised (its message is in `outcomes`)."""
    prepared: dict[str, Any] = attrs.Factory(dict)
    """More arguments for the creating command, from the workflow's `SafetySpec.prepare`."""

    @property
    def stored(self) -> Storage:
        """The kit's storage, read past every check: what is really kept, for assertions."""
        return self.kit._storage  # noqa: SLF001 - the suites check what commands hide


class Histories:
    """Plays random histories of a workflow through a kit (the base of the contract suites)."""

    workflows: ClassVar[Registry] = WORKFLOWS
    """The registry whose workflows are played."""

    def make_storage(self, workflows: Registry) -> Storage:
        """Return a new, empty storage of *workflows* (memory unless overridden)."""
        return MemoryStorage(workflows=workflows)

    # -- playing a script --------------------------------------------------------------

    def _next_step(
        self, spec: WorkflowSpec[Any], data: st.DataObject, world: _World
    ) -> tuple[Any, ...]:
        """Draw one step from where *world* stands, mostly a move someone could make now."""
        assert spec.safety is not None

        def choose(options: Any) -> Any:  # noqa: ANN401 - any option
            return data.draw(st.sampled_from(list(options)))

        people_moves = sorted(spec.commands.move_commands() if spec.commands else ())
        kind = choose(["create", "move", "move", "move", "move", "time"])
        if kind == "create" or not world.objects:
            actor = choose(PEOPLE[:2])
            return ("create", actor, spec.safety.create_arguments(choose, world.clock.now()))
        if kind == "time":
            return ("time", choose([1, 6, 30, 24 * 7]))
        index = data.draw(st.integers(0, len(world.objects) - 1))
        state = world.stored.load(spec.entity, world.objects[index]).state
        likely = [t for t in spec.workflow.open_to_people(state) if t in people_moves]
        trigger = choose(likely if likely and choose([True, True, True, False]) else people_moves)
        actor = choose(PEOPLE)
        return ("move", index, trigger, actor, spec.safety.move_arguments(trigger, choose))

    def _world(self, spec: WorkflowSpec[Any], swap: bool) -> _World:
        def name(person: str) -> str:
            return SWAP.get(person, person) if swap else person

        clock = ManualClock(START)
        shifted = _ShiftedClock(clock)
        notifier = MemoryNotifier()
        kit = RepairKit(
            storage=self.make_storage(self.workflows),
            clock=shifted,
            notifier=notifier,
            workflows=self.workflows,
        )
        invited = kit.relationships.invite(name("ben"), actor=name("ana"))
        relationship = kit.relationships.accept_invitation(invited.id, actor=name("ben"))
        prepare = None if spec.safety is None else spec.safety.prepare
        return _World(
            kit=kit,
            clock=clock,
            shifted=shifted,
            notifier=notifier,
            relationship=relationship.id,
            prepared={} if prepare is None else prepare(kit, relationship.id, name),
        )

    def _play(
        self,
        spec: WorkflowSpec[Any],
        script: list[tuple[Any, ...]],
        *,
        swap: bool = False,
        data: st.DataObject | None = None,
        drafting: bool = False,
        world: _World | None = None,
        close: bool = True,
    ) -> Iterator[tuple[_World, Any]]:
        """Play *script* step by step; yield the world and the step's object (or None).

        With *data*, the steps are drawn as the history unfolds and appended to *script*,
        so that it can be played again (with the partners swapped). With *drafting*,
        each object Ana makes is written a day earlier and redrafted three times to
        the same content before the script goes on: the private history it leaves.
        """
        assert spec.safety is not None
        assert spec.namespace is not None
        world = world or self._world(spec, swap)
        commands = world.kit.workflow(spec)

        def name(person: str) -> str:
            return SWAP.get(person, person) if swap else person

        def drawn(count: int) -> Iterator[tuple[Any, ...]]:
            assert data is not None
            for _ in range(count):
                script.append(self._next_step(spec, data, world))
                yield script[-1]

        steps = iter(script) if data is None else drawn(data.draw(st.integers(3, 30)))
        with world.kit if close else contextlib.nullcontext():
            for step in steps:
                target = None
                by = None if step[0] == "time" else step[1 if step[0] == "create" else 3]
                world.actors.append(None if by is None else name(by))
                try:
                    if step[0] == "create":
                        redraft = spec.safety.redraft if drafting and step[1] == "ana" else None
                        made = self._create(spec, world, name(step[1]), step[2], redraft)
                        world.objects.append(made.id)
                        target = made
                        world.outcomes.append(("ok", made.state.value, made.version))
                    elif step[0] == "move" and step[1] >= len(world.objects):
                        world.outcomes.append(("nothing to move",))  # its creation was refused
                    elif step[0] == "move":
                        _, index, trigger, actor, arguments = step
                        target = world.stored.load(spec.entity, world.objects[index])
                        moved = getattr(commands, trigger)(
                            world.objects[index], actor=name(actor), **arguments
                        )
                        world.outcomes.append(("ok", trigger, moved.state.value, moved.version))
                    else:
                        world.clock.advance(timedelta(hours=step[1]))
                        done = world.kit.timers.run_due()
                        world.outcomes.append(("due", [e.to_state for e in done]))
                except RepairkitError as error:
                    world.errors.append(error)
                    message = _swap(str(error)) if swap else str(error)
                    world.outcomes.append(("refused", type(error).__name__, message))
                yield world, target

    @staticmethod
    def _create(
        spec: WorkflowSpec[Any],
        world: _World,
        actor: str,
        arguments: dict[str, Any],
        redraft: str | None,
    ) -> Any:  # noqa: ANN401 - any workflow's object
        """Make an object; with *redraft*, a day earlier and redrafted three times alike."""
        assert spec.safety is not None
        commands = world.kit.workflow(spec)
        world.shifted.offset = -timedelta(days=1) if redraft else timedelta(0)
        try:
            made = getattr(commands, spec.safety.create)(
                world.relationship, actor=actor, **arguments, **world.prepared
            )
        finally:
            world.shifted.offset = timedelta(0)
        for _ in range(3 if redraft else 0):
            getattr(commands, str(redraft))(made.id, actor=actor, **arguments)
        return made

    @staticmethod
    def _last(steps: Iterator[tuple[_World, Any]]) -> _World:
        """Play every step; return the world as it ends."""
        world = None
        for world, _ in steps:  # noqa: B007 - only the last one is kept
            pass
        assert world is not None
        return world

    def _objects(self, spec: WorkflowSpec[Any], world: _World) -> list[Any]:
        return [world.stored.load(spec.entity, i) for i in world.objects]

    def _view(self, spec: WorkflowSpec[Any], world: _World, person: str) -> str:
        """Return everything *person* can read in *world*, ids numbered by first sight."""
        assert spec.namespace is not None
        commands = world.kit.workflow(spec)

        def read(call: Any) -> Any:  # noqa: ANN401 - any answer
            try:
                return call()
            except RepairkitError as error:
                return (type(error).__name__, str(error))

        rid = world.relationship
        seen: list[Any] = [
            read(lambda: world.kit.relationships.get(rid, actor=person)),
            read(lambda: world.kit.relationships.events(rid, actor=person)),
            read(lambda: commands.find(rid, actor=person)),
            [n for n in world.notifier.received if n.recipient == person],
            [o for o, by in zip(world.outcomes, world.actors, strict=True) if by == person],
        ]
        for oid in world.objects:
            seen.append(read(lambda oid=oid: commands.get(oid, actor=person)))
            seen.append(read(lambda oid=oid: commands.events(oid, actor=person)))
        numbers: dict[str, str] = {}
        return _UUID.sub(lambda m: numbers.setdefault(m.group(0), f"#{len(numbers)}"), repr(seen))
