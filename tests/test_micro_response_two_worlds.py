"""Two worlds: whatever Ana keeps to herself, Ben reads the same bytes.

A random history of micro-responses (both partners recording, telling, taking back,
deleting and acknowledging, couple totals agreed and withdrawn, time passing) is played
twice. In the second world Ana also records micro-responses she never tells, among its
steps, deletes some of them, and asks for her daily reminder or stops it. Everything
Ben (and Eve, an outsider) reads is the same in both worlds, ids numbered by first
sight: the relationship, its events and what awaits them, every list, object, event and
move of micro-responses, the reminders and deadlines they see, the notifications, their
own counts per week, couple totals, the progress weeks and what they kept for their
appreciations.
"""

from __future__ import annotations

import random
import re
import tempfile
import uuid
from collections.abc import Callable
from datetime import time, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import START, ids, invite_and_accept
from repairkit import ManualClock, MemoryNotifier, RelationshipSettings, RepairKit
from repairkit.adapters import MemoryStorage, SQLiteStorage
from repairkit.errors import RepairkitError
from repairkit.microresponses import MicroResponseKind, MicroResponseRules

READERS = ("ben", "eve")
KINDS = [k.value for k in MicroResponseKind]
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")

STEP = st.one_of(
    st.tuples(
        st.just("record"),
        st.sampled_from(("ana", "ben")),
        st.sampled_from(KINDS),
        st.sampled_from((None, "Listened after the long call.")),
        st.booleans(),
    ),
    st.tuples(st.sampled_from(("tell", "untell", "delete")), st.integers(0, 20)),
    st.tuples(st.just("acknowledge"), st.integers(0, 20), st.booleans()),
    st.tuples(st.just("time"), st.sampled_from((2, 9, 26, 24 * 5))),
    st.tuples(st.just("totals"), st.sampled_from(("ana", "ben")), st.booleans()),
    st.tuples(st.just("read")),
)
UNTOLD = st.lists(
    st.tuples(
        st.sampled_from([*KINDS, "reminder"]),
        st.sampled_from((None, "Noticed Ben was tired.")),
        st.booleans(),
    ),
    max_size=3,
)
"""Ana's own steps after one step of the history: an untold micro-response (a kind, words,
and whether she deletes it), or her reminder asked for or stopped ("reminder")."""


class World:
    """A kit, a couple, and what was made in it, in order."""

    def __init__(self, storage_kind: str, folder: Path) -> None:
        storage = (
            MemoryStorage()
            if storage_kind == "memory"
            else SQLiteStorage(folder / f"{uuid.uuid4().hex}.db")
        )
        self.clock = ManualClock(START)
        self.notifier = MemoryNotifier()
        self.kit = RepairKit(storage=storage, clock=self.clock, notifier=self.notifier)
        self.shared_ids = random.Random(0)  # noqa: S311 - the same ids in both worlds
        self.own_ids = random.Random(1)  # noqa: S311 - Ana's untold ones: a stream apart
        with ids(self.shared_ids):
            self.couple = invite_and_accept(self.kit, ("ana", "ben"), actor="ana").id
        self.made: list[uuid.UUID] = []
        self.givers: list[str] = []
        self.reads: list[Any] = []

    def play(self, step: tuple[Any, ...]) -> Any:
        """Make one step of the shared history; return its answer as Ben or Eve may read it."""
        with ids(self.shared_ids):
            return self._play(step)

    def _play(self, step: tuple[Any, ...]) -> Any:
        commands = self.kit.micro_responses
        try:
            if step[0] == "record":
                _, giver, kind, words, tell = step
                made = commands.record(self.couple, actor=giver, kind=kind, words=words, tell=tell)
                self.made.append(made.id)
                self.givers.append(giver)
                return made if giver in READERS else None
            if step[0] in ("tell", "untell", "delete") and self.made:
                index = step[1] % len(self.made)
                moved = getattr(commands, step[0])(self.made[index], actor=self.givers[index])
                return moved if self.givers[index] in READERS else None
            if step[0] == "acknowledge" and self.made:
                target = self.made[step[1] % len(self.made)]
                return commands.acknowledge(target, actor="ben", to_appreciations=step[2])
            if step[0] == "time":
                self.clock.advance(timedelta(hours=step[1]))
                self.kit.timers.run_due(limit=1000)
            if step[0] == "totals":
                self._totals(step[1], on=step[2])
            if step[0] == "read":
                self.reads.append(everything(self))
        except RepairkitError as refusal:
            return (type(refusal).__name__, str(refusal))
        return None

    def _totals(self, by: str, *, on: bool) -> None:
        relationships = self.kit.relationships
        other = "ben" if by == "ana" else "ana"
        if on:
            agreed = RelationshipSettings(rules=[MicroResponseRules(couple_totals=True)])
            relationships.propose_settings(self.couple, actor=by, settings=agreed)
            relationships.agree_to_settings(self.couple, actor=other)
        else:
            relationships.withdraw_consent_to_settings(self.couple, actor=by)

    def keep_untold(self, kind: str, words: str | None, *, delete: bool) -> None:
        """Ana records a micro-response she never tells, and perhaps deletes it.

        Or ("reminder") she asks for her daily reminder, or stops the one she has.
        """
        with ids(self.own_ids):
            self._keep_untold(kind, words, delete=delete)

    def _keep_untold(self, kind: str, words: str | None, *, delete: bool) -> None:
        if kind == "reminder":
            try:
                self.kit.micro_responses.stop_reminders(self.couple, actor="ana")
            except RepairkitError:
                self.kit.micro_responses.remind_me(
                    self.couple, actor="ana", at_local_time=time(7 if delete else 21, 0)
                )
            return
        made = self.kit.micro_responses.record(self.couple, actor="ana", kind=kind, words=words)
        if delete:
            self.kit.micro_responses.delete(made.id, actor="ana")


def everything(world: World) -> list[Any]:
    """Everything Ben and Eve read now, through the relationship and micro-responses."""
    kit, rid = world.kit, world.couple
    seen: list[Any] = []

    def read(call: Callable[[], Any]) -> None:
        try:
            seen.append(call())
        except RepairkitError as error:
            seen.append((type(error).__name__, str(error)))

    commands = kit.micro_responses
    for person in READERS:
        read(lambda: kit.relationships.get(rid, actor=person))  # noqa: B023 - read at once
        read(lambda: kit.relationships.events(rid, actor=person))  # noqa: B023
        read(lambda: kit.relationships.awaiting(rid, actor=person))  # noqa: B023
        read(lambda: commands.find(rid, actor=person))  # noqa: B023
        for back in range(3):  # what they received, week by week, in the order they read it
            day = world.clock.now().date() - timedelta(weeks=back)
            read(lambda d=day: commands.received(rid, actor=person, week=d))  # noqa: B023
        read(lambda: commands.awaiting(rid, actor=person))  # noqa: B023
        read(lambda: commands.counts(rid, actor=person))  # noqa: B023
        read(lambda: commands.couple_totals(rid, actor=person))  # noqa: B023
        read(lambda: commands.progress(rid, actor=person, weeks=3))  # noqa: B023
        read(lambda: commands.kept_for_appreciations(rid, actor=person))  # noqa: B023
        read(lambda: kit.micro_response_reminders.find(rid, actor=person))  # noqa: B023
        read(lambda: kit.timers.upcoming(rid, actor=person))  # noqa: B023
        for oid in world.made:
            for query in (commands.get, commands.events, commands.moves):
                read(lambda q=query, o=oid: q(o, actor=person))  # noqa: B023
        seen.append([n for n in world.notifier.received if n.recipient == person])
    return seen


def _numbered(value: object) -> str:
    numbers: dict[str, str] = {}
    return _UUID.sub(lambda m: numbers.setdefault(m.group(0), f"#{len(numbers)}"), repr(value))


@pytest.mark.parametrize("storage_kind", ["memory", "sqlite"])
@settings(max_examples=40, deadline=None)
@given(steps=st.lists(st.tuples(STEP, UNTOLD), min_size=1, max_size=14))
def test_untold_micro_responses_leave_no_trace(
    storage_kind: str, steps: list[tuple[tuple[Any, ...], list[tuple[str, str | None, bool]]]]
) -> None:
    """Ben and Eve read the same bytes whatever untold micro-responses Ana keeps."""
    with tempfile.TemporaryDirectory() as folder:
        plain, kept = World(storage_kind, Path(folder)), World(storage_kind, Path(folder))
        answers: tuple[list[Any], list[Any]] = ([], [])
        for step, untold in steps:
            answers[0].append(plain.play(step))
            answers[1].append(kept.play(step))
            for kind, words, delete in untold:
                kept.keep_untold(kind, words, delete=delete)
        first = _numbered((answers[0], plain.reads, everything(plain)))
        second = _numbered((answers[1], kept.reads, everything(kept)))
        plain.kit.close()
        kept.kit.close()
    assert first == second
