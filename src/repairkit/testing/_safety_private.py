"""The safety suite's two-worlds rule: one partner's private entries leave no trace.

A mixin of `repairkit.testing.SafetyContract` (docs/safety.md, rule 4). Two histories
that differ only in one partner's private entries (a trigger kept to oneself, a pause
before reacting, a draft never sent) give the other partner, and an outsider, the same
bytes on every read path: objects, lists, events, versions, times, their order, the
notifications sent and waiting, the deadlines coming, and every answer to their own
commands. A workflow keeps private entries when its `SafetySpec` says how
(`SafetySpec.keeps_private`, or `SafetySpec.redraft` for drafts).
"""

from __future__ import annotations

import contextlib
import functools
import random
import re
import uuid
from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any
from unittest import mock

from hypothesis import given
from hypothesis import strategies as st

from repairkit.core.settings import RelationshipRules, RelationshipSettings
from repairkit.core.spec import WorkflowSpec
from repairkit.core.values import MAX_LIMIT
from repairkit.errors import RepairkitError
from repairkit.testing._histories import PEOPLE, SUITE, Histories, _World

__all__ = ["PrivateEntriesRule", "everything_read", "keeps_private", "private_moves"]

_BUDGET = 2
"""The couple's budget of new items a day: small, so that a private entry counted
anywhere would hold back what the partner then sends."""
_OWNER = PEOPLE[0]
"""Whose private entries make the second world: Ana's."""
_READERS = PEOPLE[1:]
"""Who must read the same in both worlds: Ben, and Eve (an outsider)."""
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")

Step = tuple[Any, ...]
"""One step of the second world's own: ``("make", kind, arguments)``, ``("move", entry,
trigger, arguments)`` (Ana's), ``("probe", entry)`` or ``("read",)`` (Ben's and Eve's)."""


def private_moves(spec: WorkflowSpec[Any]) -> frozenset[str] | None:
    """Return the moves that keep *spec*'s private entries private, or None if it keeps none."""
    safety = spec.safety
    if safety is None:
        return None
    if safety.keeps_private is not None:
        return safety.keeps_private
    return frozenset({safety.redraft}) if safety.redraft else None


def keeps_private(spec: WorkflowSpec[Any]) -> bool:
    """Return whether *spec* keeps private entries the two-worlds rule can make alone."""
    return private_moves(spec) is not None and spec.safety is not None


def everything_read(world: _World, person: str) -> list[Any]:
    """Return everything *person* reads in *world*, across every workflow and the kit.

    The relationship (``get``, ``events``, ``awaiting``, ``moves``), the deadlines they
    see coming (`_upcoming`), each workflow's ``find`` and ``awaiting``, each object of the history
    (``get``, ``events``, ``moves``), the notifications sent to them and those waiting.
    A refusal is read as its type and message.
    """
    kit, rid = world.kit, world.relationship

    def read(call: Callable[[], Any]) -> Any:  # noqa: ANN401 - any answer
        try:
            return call()
        except RepairkitError as error:
            return (type(error).__name__, str(error))

    seen: list[Any] = [
        read(lambda: kit.relationships.get(rid, actor=person)),
        read(lambda: kit.relationships.events(rid, actor=person)),
        read(lambda: kit.relationships.awaiting(rid, actor=person)),
        read(lambda: kit.relationships.moves(rid, actor=person)),
        read(lambda: _upcoming(world, person)),
        read(lambda: kit.export(person)),
        [n for n in world.notifier.received if n.recipient == person],
        [n for n in kit.outbox.waiting(limit=MAX_LIMIT) if n.recipient == person],
    ]
    for spec in kit.workflows:
        if spec.commands is not None:
            seen.extend(_workflow_read(world, kit.workflow(spec), person, read))
    return seen


def _upcoming(world: _World, person: str) -> list[Any]:
    """Return the deadlines *person* sees coming, those at one time in the history's order.

    The kit orders deadlines at the same time by their objects' ids, which are random: two
    worlds are compared by the order of the objects in the history instead.
    """
    place = {oid: index for index, oid in enumerate(world.objects)}
    found = world.kit.timers.upcoming(world.relationship, actor=person, limit=MAX_LIMIT)
    return sorted(found, key=lambda u: (u.at, u.deadline, place.get(u.id, -1)))


def _workflow_read(
    world: _World,
    commands: Any,  # noqa: ANN401 - any workflow's commands
    person: str,
    read: Callable[[Callable[[], Any]], Any],
) -> list[Any]:
    """Return what *person* reads through one workflow's queries."""
    rid = world.relationship
    seen = [
        read(lambda: commands.find(rid, actor=person, limit=MAX_LIMIT)),
        read(lambda: commands.awaiting(rid, actor=person)),
    ]
    queries: tuple[Callable[..., Any], ...] = (commands.get, commands.events, commands.moves)
    seen.extend(
        read(functools.partial(query, oid, actor=person))
        for oid in world.objects
        for query in queries
    )
    return seen


def _numbered(value: object) -> str:
    """Return the repr of *value*, each id replaced by the order in which it is first seen."""
    numbers: dict[str, str] = {}
    return _UUID.sub(lambda m: numbers.setdefault(m.group(0), f"#{len(numbers)}"), repr(value))


def _first_difference(plain: str, kept: str) -> str:
    """Return where two readings part: a little of each from the first character that differs."""
    at = next((i for i, (a, b) in enumerate(zip(plain, kept, strict=False)) if a != b), None)
    at = min(len(plain), len(kept)) if at is None else at
    start = max(0, at - 200)
    return f"without them ...{plain[start : at + 200]}... with them ...{kept[start : at + 200]}..."


class _Ids:
    """Ids for the two worlds: the same script makes the same ids in both.

    While a world plays its script, new ids come from a seeded stream, restarted for
    each world; Ana's private entries (and the ids the first world probes in their
    place) come from a stream apart, so the shared history's ids match, and so does
    any order whose ties break by id. Anything else (a storage's file or schema name)
    gets a random id as ever.
    """

    def __init__(self, random_id: Callable[[], uuid.UUID]) -> None:
        self._random_id = random_id
        self._script = random.Random()  # noqa: S311 - test ids, repeatable on purpose
        self._apart = random.Random()  # noqa: S311 - test ids, repeatable on purpose
        self._now: random.Random | None = None
        self._world = 0

    def restart(self) -> None:
        """Start a world: the script's stream from its start, the one apart elsewhere."""
        self._script.seed(0)
        self._world += 1
        self._apart.seed(self._world)

    @contextlib.contextmanager
    def script(self) -> Iterator[None]:
        """Draw from the script's stream while inside."""
        with self._drawing(self._script):
            yield

    @contextlib.contextmanager
    def apart(self) -> Iterator[None]:
        """Draw from the stream apart while inside."""
        with self._drawing(self._apart):
            yield

    @contextlib.contextmanager
    def _drawing(self, stream: random.Random) -> Iterator[None]:
        before, self._now = self._now, stream
        try:
            yield
        finally:
            self._now = before

    def __call__(self) -> uuid.UUID:
        if self._now is None:
            return self._random_id()
        return uuid.UUID(int=self._now.getrandbits(128), version=4)


class PrivateEntriesRule(Histories):
    """4. Two worlds: a partner's private entries leave no trace in what the other reads."""

    @SUITE
    @given(data=st.data())
    def test_private_entries_leave_no_trace(
        self, private_spec: WorkflowSpec[Any], data: st.DataObject
    ) -> None:
        """4. Two worlds that differ only in Ana's private entries read the same to Ben and Eve.

        A random history of the workflow is played twice, by a couple whose budget is
        two new items a day. In the second world Ana also keeps private entries among
        its steps, of every workflow that keeps any (`SafetySpec.keeps_private`, or
        drafts never sent): each made private, moved only by the moves that keep it so
        (and checked to stay private), never shared. Meanwhile Ben and Eve read now and
        then, and ask for Ana's private entries (in the first world, for ids nobody
        made). Ben and Eve read the same bytes in both worlds, ids numbered by first
        sight: everything they read (`everything_read`: every workflow's lists, objects,
        events and moves, the relationship, the deadlines coming, the notifications sent
        and waiting) and every answer to their own commands, at every read and at the
        end. Nothing they read counts, dates, numbers or orders Ana's private entries.
        """
        ids = _Ids(uuid.uuid4)
        with mock.patch("uuid.uuid4", ids):
            self._two_worlds(private_spec, data, ids)

    def _two_worlds(self, spec: WorkflowSpec[Any], data: st.DataObject, ids: _Ids) -> None:
        sources = [s for s in self.workflows if keeps_private(s) and s.safety.prepare is None]  # type: ignore[union-attr]
        script: list[Step] = []
        extra: dict[int, list[Step]] = {}
        ids.restart()
        second = self._couple(spec)
        entries: list[tuple[WorkflowSpec[Any], uuid.UUID]] = []
        second_reads: list[Any] = []
        with second.kit, ids.script():
            for index, _ in enumerate(
                self._play(spec, script, data=data, world=second, close=False)
            ):
                extra[index] = []
                for _ in range(data.draw(st.integers(0, 3))):
                    step = self._draw_step(data, sources, entries, second)
                    extra[index].append(step)
                    with ids.apart():
                        self._private_step(second, step, entries, second_reads)
            second_reads.append([everything_read(second, p) for p in _READERS])
            second_seen = self._outcomes(second)
        ids.restart()
        first = self._couple(spec)
        first_reads: list[Any] = []
        unknown: dict[int, uuid.UUID] = {}
        with first.kit, ids.script():
            for index, _ in enumerate(self._play(spec, script, world=first, close=False)):
                for step in extra[index]:
                    with ids.apart():
                        self._shared_step(first, step, unknown, first_reads)
            first_reads.append([everything_read(first, p) for p in _READERS])
            first_seen = self._outcomes(first)
        plain = _numbered((first_seen, first_reads))
        kept = _numbered((second_seen, second_reads))
        assert plain == kept, (
            f"Ana's private entries ({', '.join(s.name for s in sources)}) changed what Ben or"
            f" Eve read along a {spec.name} history: {_first_difference(plain, kept)}"
        )

    def _couple(self, spec: WorkflowSpec[Any]) -> _World:
        """Return a new world whose couple agreed a budget of `_BUDGET` items a day, a day ago."""
        world = self._world(spec, swap=False)
        agreed = RelationshipSettings(rules=[RelationshipRules(daily_items=_BUDGET)])
        world.kit.relationships.propose_settings(world.relationship, actor="ana", settings=agreed)
        world.kit.relationships.agree_to_settings(world.relationship, actor="ben")
        world.clock.advance(timedelta(days=1))
        return world

    @staticmethod
    def _outcomes(world: _World) -> list[Any]:
        """The answers to the readers' own commands along the history."""
        return [o for o, by in zip(world.outcomes, world.actors, strict=True) if by in _READERS]

    @staticmethod
    def _draw_step(
        data: st.DataObject,
        sources: list[WorkflowSpec[Any]],
        entries: list[tuple[WorkflowSpec[Any], uuid.UUID]],
        world: _World,
    ) -> Step:
        """Draw one step of the second world's own: Ana's entry or move, or a reader's look."""

        def choose(options: Any) -> Any:  # noqa: ANN401 - any option
            return data.draw(st.sampled_from(list(options)))

        kind = choose(["make", "make", "move", "move", "probe", "read"])
        if kind in ("move", "probe") and entries:
            index = data.draw(st.integers(0, len(entries) - 1))
            if kind == "probe":
                return ("probe", index, choose(_READERS))
            source = entries[index][0]
            trigger = choose(sorted(private_moves(source) or ()))
            assert source.safety is not None
            return ("move", index, trigger, source.safety.move_arguments(trigger, choose))
        if kind == "read":
            return ("read",)
        source = choose(sources)
        assert source.safety is not None
        return ("make", source.name, source.safety.create_arguments(choose, world.clock.now()))

    @staticmethod
    def _private_step(
        world: _World,
        step: Step,
        entries: list[tuple[WorkflowSpec[Any], uuid.UUID]],
        reads: list[Any],
    ) -> None:
        """Make a step of the second world: Ana's private entries, or a reader's look."""
        kit = world.kit
        if step[0] == "make":
            source = kit.workflows.by_name[step[1]]
            assert source.safety is not None
            try:
                made = getattr(kit.workflow(source), source.safety.create)(
                    world.relationship, actor=_OWNER, **step[2]
                )
            except RepairkitError:
                return
            entries.append((source, made.id))
            stored = world.stored.load(source.entity, made.id)
            assert stored.private_to == _OWNER, f"a new {source.name} is not private to its maker"
        elif step[0] == "move":
            source, oid = entries[step[1]]
            try:
                getattr(kit.workflow(source), step[2])(oid, actor=_OWNER, **step[3])
            except RepairkitError:
                return
            stored = world.stored.load(source.entity, oid)
            assert stored.private_to == _OWNER, (
                f"{step[2]} (SafetySpec.keeps_private) shared a {source.name}"
            )
        elif step[0] == "probe":
            oid = entries[step[1]][1]
            reads.append(_probe(world, oid, step[2]))
        else:
            reads.append([everything_read(world, p) for p in _READERS])

    @staticmethod
    def _shared_step(
        world: _World, step: Step, unknown: dict[int, uuid.UUID], reads: list[Any]
    ) -> None:
        """Make the first world's part of a step: a reader's look (Ana's entries are not made).

        A probe asks for an id nobody made, the same one each time for the same entry.
        """
        if step[0] == "probe":
            reads.append(_probe(world, unknown.setdefault(step[1], uuid.uuid4()), step[2]))
        elif step[0] == "read":
            reads.append([everything_read(world, p) for p in _READERS])


def _probe(world: _World, oid: uuid.UUID, person: str) -> list[Any]:
    """Return what *person* reads asking for *oid* through every workflow's get, moves, events.

    Every workflow is asked, not only the one the id was made in (if it was).
    """
    found: list[Any] = []
    for spec in world.kit.workflows:
        if spec.commands is None:
            continue
        commands = world.kit.workflow(spec)
        for query in (commands.get, commands.moves, commands.events):
            try:
                found.append(query(oid, actor=person))
            except RepairkitError as error:
                found.append((type(error).__name__, str(error)))
    return found
