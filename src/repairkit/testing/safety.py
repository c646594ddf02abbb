"""The safety suite: rules that keep a repair tool from becoming a tool of control.

Subclass `SafetyContract` (set ``workflows`` and ``kit_type`` for your own workflows)
and pytest checks every registered workflow that declares a `SafetySpec`, over random
histories driven through the kit: random people (both partners and an outsider) making
random moves, time passing, ``run_due``. Each rule is one test whose docstring states it:

1. No lock-in: whoever has a part to play can end or suspend it alone, or a timer will.
2. A "no" is always possible: whoever is asked has a move that says no, and saying no
   changes no count.
4. Private stays private: what a draft went through (when it was written, how often
   it was redrafted) leaves no trace in what the other partner or an outsider reads.
6. Pressure has limits: nothing reaches a person in their quiet hours; it waits.
7. Either partner can pause, or leave, alone: a pause holds what would reach them
   until they come back; leaving ends their part of everything open.
8. Texts are calm: no notification or error uses absolutes, "again", "still",
   "overdue", "failed" or a faux feeling, and none names a person.
9. Symmetry: swapping the two partners swaps every output; whoever started the
   relationship has no extra power.

The other rules of docs/safety.md are kept by the workflows' own tests until this
suite can state them for every workflow (see that page).
"""

from __future__ import annotations

import contextlib
import re
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, time, timedelta
from typing import Any, ClassVar

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from repairkit.adapters.memory import MemoryStorage
from repairkit.clock import ManualClock
from repairkit.core.quiet import QuietHours
from repairkit.core.spec import Registry, WorkflowSpec
from repairkit.errors import RepairkitError
from repairkit.kit import RepairKit
from repairkit.notifiers import MemoryNotifier
from repairkit.ports import Storage
from repairkit.registry import WORKFLOWS

__all__ = ["BLAMING", "SafetyContract", "blaming_words"]

FAUX_FEELINGS = (
    "abandoned", "attacked", "betrayed", "belittled", "cheated", "dismissed", "ignored",
    "interrupted", "let down", "manipulated", "misunderstood", "neglected", "patronized",
    "put down", "rejected", "taken for granted", "unappreciated", "unheard", "unseen",
    "unsupported", "unwanted", "used",
)  # fmt: skip
"""Words that describe what others supposedly do to us (Nonviolent Communication)."""

BLAMING = re.compile(
    r"\b(always|never|every time|from now on|again|still|overdue|fail(?:ed|s|ure)?|"
    + "|".join(re.escape(word) for word in FAUX_FEELINGS)
    + r")\b",
    re.IGNORECASE,
)
"""What no text of repairkit's may say to a person."""

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
PEOPLE = ("ana", "ben", "eve")  # eve is an outsider
SWAP = {"ana": "ben", "ben": "ana"}
_SUITE = settings(
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.differing_executors,
    ]
)


_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def blaming_words(text: str) -> list[str]:
    """Return the words of *text* that no message of repairkit's may use."""
    return [m.group(0) for m in BLAMING.finditer(text)]


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


class SafetyContract:
    """The safety rules, over random histories of every workflow that declares its safety."""

    workflows: ClassVar[Registry] = WORKFLOWS
    """The registry whose workflows are checked."""
    kit_type: ClassVar[type[RepairKit]] = RepairKit
    """The kit class that declares each workflow's namespace."""

    def make_storage(self, workflows: Registry) -> Storage:
        """Return a new, empty storage of *workflows* (memory unless overridden)."""
        return MemoryStorage(workflows=workflows)

    def pytest_generate_tests(self, metafunc: pytest.Metafunc) -> None:
        """Run each rule once per workflow that declares a SafetySpec (and drafts, for rule 4)."""
        if "spec" in metafunc.fixturenames:
            specs = [s for s in self.workflows if s.safety is not None]
            metafunc.parametrize("spec", specs, ids=lambda s: s.name)
        if "drafting_spec" in metafunc.fixturenames:
            specs = [s for s in self.workflows if s.safety is not None and s.safety.redraft]
            metafunc.parametrize("drafting_spec", specs, ids=lambda s: s.name)

    # -- playing a script --------------------------------------------------------------

    def _next_step(self, spec: WorkflowSpec, data: st.DataObject, world: _World) -> tuple[Any, ...]:
        """Draw one step from where *world* stands, mostly a move someone could make now."""
        assert spec.safety is not None

        def choose(options: Any) -> Any:  # noqa: ANN401 - any option
            return data.draw(st.sampled_from(list(options)))

        people_moves = sorted(
            {m.trigger for m in spec.workflow.moves if hasattr(spec.commands, m.trigger)}
        )
        kind = choose(["create", "move", "move", "move", "move", "time"])
        if kind == "create" or not world.objects:
            actor = choose(PEOPLE[:2])
            return ("create", actor, spec.safety.create_arguments(choose, world.clock.now()))
        if kind == "time":
            return ("time", choose([1, 6, 30, 24 * 7]))
        index = data.draw(st.integers(0, len(world.objects) - 1))
        state = world.kit.storage.load(spec.entity, world.objects[index]).state
        likely = [t for t in spec.workflow.open_to_people(state) if t in people_moves]
        trigger = choose(likely if likely and choose([True, True, True, False]) else people_moves)
        actor = choose(PEOPLE)
        return ("move", index, trigger, actor, spec.safety.move_arguments(trigger, choose))

    def _world(self, spec: WorkflowSpec, swap: bool) -> _World:
        def name(person: str) -> str:
            return SWAP.get(person, person) if swap else person

        clock = ManualClock(START)
        shifted = _ShiftedClock(clock)
        notifier = MemoryNotifier()
        kit = self.kit_type(
            storage=self.make_storage(self.workflows),
            clock=shifted,
            notifier=notifier,
            workflows=self.workflows,
        )
        relationship = kit.start_relationship((name("ana"), name("ben")), actor=name("ana"))
        del spec
        return _World(
            kit=kit, clock=clock, shifted=shifted, notifier=notifier, relationship=relationship.id
        )

    def _play(
        self,
        spec: WorkflowSpec,
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
        commands = getattr(world.kit, spec.namespace)

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
                        target = world.kit.storage.load(spec.entity, world.objects[index])
                        moved = getattr(commands, trigger)(
                            world.objects[index], actor=name(actor), **arguments
                        )
                        world.outcomes.append(("ok", trigger, moved.state.value, moved.version))
                    else:
                        world.clock.advance(timedelta(hours=step[1]))
                        done = world.kit.run_due()
                        world.outcomes.append(("due", [e.to_state for e in done]))
                except RepairkitError as error:
                    message = _swap(str(error)) if swap else str(error)
                    world.outcomes.append(("refused", type(error).__name__, message))
                yield world, target

    @staticmethod
    def _create(
        spec: WorkflowSpec,
        world: _World,
        actor: str,
        arguments: dict[str, Any],
        redraft: str | None,
    ) -> Any:  # noqa: ANN401 - any workflow's object
        """Make an object; with *redraft*, a day earlier and redrafted three times alike."""
        assert spec.safety is not None
        commands = getattr(world.kit, str(spec.namespace))
        world.shifted.offset = -timedelta(days=1) if redraft else timedelta(0)
        try:
            made = getattr(commands, spec.safety.create)(
                world.relationship, actor=actor, **arguments
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

    def _objects(self, spec: WorkflowSpec, world: _World) -> list[Any]:
        return [world.kit.storage.load(spec.entity, i) for i in world.objects]

    # -- the rules ---------------------------------------------------------------------

    @_SUITE
    @given(data=st.data())
    def test_no_lock_in(self, spec: WorkflowSpec, data: st.DataObject) -> None:
        """1. Whoever has a part to play can end or suspend it alone, or a timer will end it."""
        assert spec.safety is not None
        for world, _ in self._play(spec, [], data=data):
            for obj in self._objects(spec, world):
                if obj.is_finished or obj.due_at is not None:
                    continue
                for person in obj.participants:
                    moves = spec.workflow.moves_for(obj.state, obj.roles_of(person))
                    if moves:
                        assert set(moves) & spec.safety.exits, (
                            f"{person} is locked in a {spec.name} that is {obj.state.value!r}:"
                            f" their moves {moves} end nothing"
                        )

    @_SUITE
    @given(data=st.data())
    def test_no_is_always_possible_and_counted_nowhere(
        self, spec: WorkflowSpec, data: st.DataObject
    ) -> None:
        """2. Whoever is asked can say no in every state; saying no changes no count."""
        assert spec.safety is not None
        for world, before in self._play(spec, [], data=data):
            for obj in self._objects(spec, world):
                for person in obj.asked():
                    moves = spec.workflow.moves_for(obj.state, obj.roles_of(person))
                    assert set(moves) & spec.safety.declines, (
                        f"{person} is asked in a {spec.name} that is {obj.state.value!r}"
                        f" and cannot say no (moves: {moves})"
                    )
            last = world.outcomes[-1]
            if before is not None and last[0] == "ok" and last[1] in spec.safety.declines:
                after = world.kit.storage.load(spec.entity, before.id)
                for field in attrs.fields(type(after)):  # type: ignore[arg-type]
                    value = getattr(after, field.name)
                    counts = isinstance(value, int) and not isinstance(value, bool)
                    if counts and field.name != "version":
                        assert value == getattr(before, field.name), (
                            f"saying no changed the count {field.name}"
                        )

    @_SUITE
    @given(data=st.data())
    def test_private_stays_private(self, drafting_spec: WorkflowSpec, data: st.DataObject) -> None:
        """4. A draft's private history leaves no trace in what the other or an outsider sees.

        The same history is played twice, the second time with every object Ana makes
        written a day earlier and redrafted three times: Ben and Eve read the same bytes
        (ids aside) from every read path, notification and refusal.
        """
        spec = drafting_spec
        script: list[tuple[Any, ...]] = []
        plain = self._last(self._play(spec, script, data=data))
        drafted = self._last(self._play(spec, script, drafting=True))
        for person in PEOPLE[1:]:
            assert self._view(spec, drafted, person) == self._view(spec, plain, person), person

    def _view(self, spec: WorkflowSpec, world: _World, person: str) -> str:
        """Return everything *person* can read in *world*, ids numbered by first sight."""
        assert spec.namespace is not None
        commands = getattr(world.kit, spec.namespace)

        def read(call: Any) -> Any:  # noqa: ANN401 - any answer
            try:
                return call()
            except RepairkitError as error:
                return (type(error).__name__, str(error))

        rid = world.relationship
        seen: list[Any] = [
            read(lambda: world.kit.relationship(rid, actor=person)),
            read(lambda: world.kit.relationship_events(rid, actor=person)),
            read(lambda: commands.find(rid, actor=person)),
            [n for n in world.notifier.received if n.recipient == person],
            [o for o, by in zip(world.outcomes, world.actors, strict=True) if by == person],
        ]
        for oid in world.objects:
            seen.append(read(lambda oid=oid: commands.get(oid, actor=person)))
            seen.append(read(lambda oid=oid: commands.events(oid, actor=person)))
        numbers: dict[str, str] = {}
        return _UUID.sub(lambda m: numbers.setdefault(m.group(0), f"#{len(numbers)}"), repr(seen))

    @_SUITE
    @given(data=st.data(), hold=st.sampled_from(["pause", "quiet hours"]))
    def test_a_pause_or_quiet_hours_hold_what_would_reach_a_partner(
        self, spec: WorkflowSpec, data: st.DataObject, hold: str
    ) -> None:
        """6, 7. Nothing reaches a partner who paused or is in quiet hours; it waits, whole.

        Ben pauses (or sets quiet hours over the whole day) before the history; he hears
        nothing during it, and once he comes back (or clears them) he hears exactly what
        he would have heard, in order.
        """
        script: list[tuple[Any, ...]] = []
        plain = self._last(self._play(spec, script, data=data))
        held = self._world(spec, swap=False)
        rid = held.relationship
        if hold == "pause":
            held.kit.pause(rid, actor="ben")
        else:
            day = QuietHours(
                starts=time(0, 0), ends=time(23, 59)
            )  # the script's times are whole hours
            held.kit.set_quiet_hours(rid, actor="ben", quiet_hours=day)
        with held.kit:
            self._last(self._play(spec, script, world=held, close=False))
            assert held.notifier.for_person("ben") == []
            if hold == "pause":
                held.kit.come_back(rid, actor="ben")
            else:
                held.kit.set_quiet_hours(rid, actor="ben", quiet_hours=None)
            held.kit.deliver_pending(limit=10_000)
        heard = [(n.kind, n.message) for n in held.notifier.for_person("ben")]
        assert heard == [(n.kind, n.message) for n in plain.notifier.for_person("ben")]

    @_SUITE
    @given(data=st.data(), leaver=st.sampled_from(PEOPLE[:2]))
    def test_either_partner_can_leave_alone(
        self, spec: WorkflowSpec, data: st.DataObject, leaver: str
    ) -> None:
        """7. Leaving, alone, ends the leaver's part of everything open, then the relationship."""
        world = self._last(self._play(spec, [], data=data, close=False))
        with world.kit:
            left = world.kit.leave(world.relationship, actor=leaver)
            objects = self._objects(spec, world)
        assert left.state.value == "ended"
        for obj in objects:
            if obj.visible_to(leaver):
                assert obj.is_finished or not spec.workflow.moves_for(
                    obj.state, obj.roles_of(leaver)
                ), f"{leaver} left, yet a {spec.name} that is {obj.state.value!r} holds them"
                assert leaver not in obj.asked()

    @_SUITE
    @given(data=st.data())
    def test_texts_are_calm_and_name_nobody(self, spec: WorkflowSpec, data: st.DataObject) -> None:
        """8. No notification or refusal uses blaming words, or names a person."""
        world = self._last(self._play(spec, [], data=data))
        texts = [n.message for n in world.notifier.received]
        texts += [o[2] for o in world.outcomes if o[0] == "refused"]
        for text in texts:
            assert not blaming_words(text), f"{text!r} says {blaming_words(text)}"
            for person in PEOPLE:
                assert not re.search(rf"\b{person}\b", text), f"{text!r} names {person}"

    @_SUITE
    @given(data=st.data())
    def test_the_partners_are_symmetric(self, spec: WorkflowSpec, data: st.DataObject) -> None:
        """9. Swapping the partners swaps every output: no one has more power than the other."""
        script: list[tuple[Any, ...]] = []
        plain = self._last(self._play(spec, script, data=data))
        swapped = self._last(self._play(spec, script, swap=True))
        assert plain.outcomes == swapped.outcomes
        heard = [(n.recipient, n.kind, n.message) for n in plain.notifier.received]
        mirrored = [
            (SWAP.get(n.recipient, n.recipient), n.kind, n.message)
            for n in swapped.notifier.received
        ]
        assert heard == mirrored
