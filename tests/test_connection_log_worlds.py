"""Two worlds: Ana's private and deleted log entries leave no trace in what Ben reads.

A random history of both partners' logs and joint reviews is played twice. In the
second world Ana also keeps entries of her own among its steps: some never shared, some
rewritten, some deleted, some shared and deleted before Ben reads again. Ben's reads
(his lists, each object, its events and moves, the review's patterns, the figures week
by week, the relationship's events, what awaits him, the notifications he got) and the
answers to his own commands must be the same bytes in both worlds: ids, versions,
times, counts and order included. Ids are drawn from a seeded stream for the shared
history and another for Ana's own steps, so the two worlds' shared objects carry the
same ids, and an order by id is compared too.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import START, ids, invite_and_accept
from repairkit import ManualClock, MemoryNotifier, RepairKit
from repairkit.adapters import MemoryStorage, SQLiteStorage
from repairkit.errors import RepairkitError

TAGS = st.sampled_from([(), ("tiredness",), ("touch", "tiredness"), ("screens",)])
KIND = st.sampled_from(["connection", "neglect"])
WHO = st.sampled_from(["ana", "ben"])
BACK = st.sampled_from([None, 1, 6, 12])

PUBLIC = st.one_of(
    st.tuples(st.just("write"), WHO, KIND, TAGS, BACK),
    st.tuples(
        st.sampled_from(["share", "share", "unshare", "delete", "edit"]),
        WHO,
        st.integers(0, 9),
        TAGS,
    ),
    st.tuples(st.just("propose"), WHO, st.sampled_from([3, 10])),
    st.tuples(
        st.just("review"),
        WHO,
        st.sampled_from(["agree", "decline", "withdraw", "close", "add_takeaway"]),
        st.integers(0, 3),
    ),
    st.tuples(st.just("wait"), st.sampled_from([2, 9, 30, 24 * 5])),
    st.tuples(st.just("read")),
)
"""One step of the shared history, made in both worlds."""

PRIVATE = st.tuples(
    st.sampled_from(["kept", "rewritten", "deleted", "shared then deleted"]), KIND, TAGS, BACK
)
"""One of Ana's own entries, in the second world only."""


class World:
    """One kit and the shared history played in it, with what Ben read."""

    def __init__(self, storage: Any) -> None:
        self.shared_ids = random.Random(1)  # noqa: S311 - ids for a test, not secrets
        self.own_ids = random.Random(2)  # noqa: S311
        self.clock = ManualClock(START)
        self.notifier = MemoryNotifier()
        with ids(self.shared_ids):
            self.kit = RepairKit(storage=storage, clock=self.clock, notifier=self.notifier)
            self.couple = invite_and_accept(self.kit, ("ana", "ben"), actor="ana").id
        self.clock.advance(timedelta(days=20))
        self.entries: list[uuid.UUID] = []
        self.reviews: list[uuid.UUID] = []
        self.read: list[Any] = []

    def attempt(self, who: str, call: Callable[[], Any]) -> Any:
        try:
            result = call()
        except RepairkitError as error:
            result = (type(error).__name__, str(error))
        if who == "ben":
            self.read.append(result)
        return result

    def _day(self, back: int | None) -> dict[str, Any]:
        if back is None:
            return {}
        return {"day": self.clock.now().date() - timedelta(days=back), "part": "morning"}

    def public(self, step: tuple[Any, ...]) -> None:
        """Make one step of the shared history."""
        kit = self.kit
        with ids(self.shared_ids):
            if step[0] == "write":
                _, who, kind, tags, back = step
                made = self.attempt(
                    who,
                    lambda: kit.log.write(
                        self.couple,
                        actor=who,
                        kind=kind,
                        what=f"A {kind} moment.",
                        trigger_tags=tags,
                        helped_tags=("a walk",),
                        **self._day(back),
                    ),
                )
                if not isinstance(made, tuple):
                    self.entries.append(made.id)
            elif step[0] in ("share", "unshare", "delete", "edit") and self.entries:
                move, who, index, tags = step
                eid = self.entries[index % len(self.entries)]
                extra = {"trigger_tags": tags} if move == "edit" else {}
                self.attempt(who, lambda: getattr(kit.log, move)(eid, actor=who, **extra))
            elif step[0] == "propose":
                _, who, days = step
                today = self.clock.now().date()
                made = self.attempt(
                    who,
                    lambda: kit.log_reviews.propose(
                        self.couple,
                        actor=who,
                        period_start=today - timedelta(days=days),
                        period_end=today,
                    ),
                )
                if not isinstance(made, tuple):
                    self.reviews.append(made.id)
            elif step[0] == "review" and self.reviews:
                _, who, move, index = step
                rid = self.reviews[index % len(self.reviews)]
                extra = {"words": "Walks help us."} if move == "add_takeaway" else {}
                self.attempt(who, lambda: getattr(kit.log_reviews, move)(rid, actor=who, **extra))
            elif step[0] == "wait":
                self.clock.advance(timedelta(hours=step[1]))
                kit.timers.run_due(limit=1000)
            elif step[0] == "read":
                self.read.append(self.ben_reads())

    def own(self, step: tuple[Any, ...]) -> None:
        """Make one of Ana's own entries (the second world only): Ben never reads it."""
        what, kind, tags, back = step
        log = self.kit.log
        with ids(self.own_ids):
            try:
                made = log.write(
                    self.couple,
                    actor="ana",
                    kind=kind,
                    what="Mine alone.",
                    trigger_tags=tags,
                    **self._day(back),
                )
            except RepairkitError:
                return
            if what == "rewritten":
                log.edit(made.id, actor="ana", what="Still mine alone.", helped_tags=["a pause"])
            elif what == "deleted":
                log.delete(made.id, actor="ana")
            elif what == "shared then deleted":
                log.share(made.id, actor="ana")
                log.edit(made.id, actor="ana", trigger_tags=["touch"])
                log.delete(made.id, actor="ana")

    def ben_reads(self) -> list[Any]:
        """Everything Ben reads of logs and reviews, and of the relationship."""
        kit, couple = self.kit, self.couple
        seen: list[Any] = []
        for commands, known in ((kit.log, self.entries), (kit.log_reviews, self.reviews)):
            seen.append(self._safe(lambda c=commands: c.find(couple, actor="ben", limit=500)))
            seen.append(self._safe(lambda c=commands: c.awaiting(couple, actor="ben")))
            seen.extend(
                self._safe(lambda q=query, o=oid: q(o, actor="ben"))
                for oid in known
                for query in (commands.get, commands.events, commands.moves)
            )
        seen.extend(
            self._safe(lambda r=rid: kit.log_reviews.patterns(r, actor="ben"))
            for rid in self.reviews
        )
        seen.append(self._safe(lambda: kit.log.by_week(couple, actor="ben", weeks=6)))
        today = self.clock.now().date()
        seen.extend(  # the entries both shared, week by week, in the order Ben reads them
            self._safe(
                lambda d=today - timedelta(weeks=back): kit.log.shared(couple, actor="ben", week=d)
            )
            for back in range(4)
        )
        seen.append(self._safe(lambda: kit.relationships.events(couple, actor="ben")))
        seen.append(self._safe(lambda: kit.relationships.awaiting(couple, actor="ben")))
        seen.append(self._safe(lambda: kit.relationships.get(couple, actor="ben")))
        seen.append([n for n in self.notifier.received if n.recipient == "ben"])
        return seen

    @staticmethod
    def _safe(call: Callable[[], Any]) -> Any:
        try:
            return call()
        except RepairkitError as error:
            return (type(error).__name__, str(error))


def _play(storage: Any, script: list[tuple[Any, ...]], own: dict[int, list[Any]]) -> str:
    world = World(storage)
    try:
        for index, step in enumerate(script):
            for mine in own.get(index, []):
                world.own(mine)
            world.public(step)
        world.read.append(world.ben_reads())
        return repr(world.read)
    finally:
        world.kit.close()


SCRIPTS = st.lists(PUBLIC, min_size=1, max_size=25)


@settings(max_examples=60, deadline=None)
@given(script=SCRIPTS, data=st.data())
def test_anas_own_entries_leave_no_trace_in_what_ben_reads(script, data):
    """In memory: Ben reads the same bytes with or without Ana's own entries."""
    own = {i: data.draw(st.lists(PRIVATE, max_size=3)) for i in range(len(script))}
    plain = _play(MemoryStorage(), script, {})
    kept = _play(MemoryStorage(), script, own)
    assert plain == kept


@settings(max_examples=15, deadline=None)
@given(script=SCRIPTS, data=st.data())
def test_anas_own_entries_leave_no_trace_on_sqlite(tmp_path_factory, script, data):
    """On SQLite: the same."""
    own = {i: data.draw(st.lists(PRIVATE, max_size=3)) for i in range(len(script))}
    folder = tmp_path_factory.mktemp("worlds")
    plain = _play(SQLiteStorage(folder / "plain.db"), script, {})
    kept = _play(SQLiteStorage(folder / "kept.db"), script, own)
    assert plain == kept


def test_the_worlds_tell_apart_what_ben_may_read():
    """The comparison sees a difference when one of Ana's entries is shared and stays so."""
    script: list[tuple[Any, ...]] = [("write", "ben", "neglect", ("touch",), None), ("read",)]
    plain = _play(MemoryStorage(), script, {})
    world = World(MemoryStorage())
    try:
        with ids(world.own_ids):
            made = world.kit.log.write(world.couple, actor="ana", kind="connection", what="Ours.")
            world.kit.log.share(made.id, actor="ana")
        for step in script:
            world.public(step)
        world.read.append(world.ben_reads())
        assert repr(world.read) != plain
    finally:
        world.kit.close()
