"""Stateful property tests: random triggers and pauses against a reference model.

The model is written from the practice (docs/practices.md, the shared goal: "acknowledging
personal triggers and learning to pause before reacting"; docs/safety.md), not from the
library's table: each person keeps their own triggers, private to them; they share one
with the partner, who can then read it and do nothing else with it, and unshare it, after
which the partner reads nothing of it at all; only its owner rewrites it or takes it off
their list. A share reaches the partner, so it counts against the day's budget. A pause
before reacting is its person's alone; it may name one of their own triggers on their
list; their counts cover the rolling window, and a pause past it ages out.
"""

from __future__ import annotations

import dataclasses
import uuid
from datetime import datetime, timedelta

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, initialize, invariant, multiple, rule

from conftest import invite_and_accept
from kit_machine import KitMachine
from repairkit import (
    InvalidInput,
    NotAllowedNow,
    NotFound,
    NotPermitted,
    RelationshipRules,
    RelationshipSettings,
)
from repairkit.triggers import PauseRules, TriggerNotice

PARTNERS = ("ana", "ben")
ACTOR = st.sampled_from((*PARTNERS, "eve"))
WHAT = st.sampled_from(["Raised voices.", "When plans change at the last minute.", "  "])
HELPS = st.sampled_from([None, "A walk.", "   "])
SCOPE = st.sampled_from(["partner", "facilitator"])
BUDGET = 3
WINDOW = 10


@dataclasses.dataclass
class Entry:
    """What one trigger should look like, kept by the test alone."""

    owner: str
    partner: str
    what: str
    helps: str | None
    state: str = "private"
    moves: int = 1
    """Every move made on it (its owner's numbering)."""
    seen_moves: int = 0
    """The moves the partner could see: those made while it was shared with them."""
    first_shared_at: datetime | None = None

    def sees(self, person: str) -> bool:
        return person == self.owner or (person == self.partner and self.state == "shared")

    def moves_of(self, person: str) -> set[str]:
        if person != self.owner:
            return set()
        return {
            "private": {"revise", "share", "remove"},
            "shared": {"revise", "unshare", "remove"},
        }.get(self.state, set())


@dataclasses.dataclass
class Paused:
    """What one pause should look like."""

    person: str
    trigger_id: uuid.UUID | None
    at: datetime
    state: str = "recorded"


class TriggerMachine(KitMachine):
    """Ana and Ben (and Eve, an outsider) keep triggers and record pauses."""

    triggers = Bundle("triggers")
    pauses = Bundle("pauses")

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[uuid.UUID, Entry] = {}
        self.paused: dict[uuid.UUID, Paused] = {}
        self.shares: dict[tuple[str, object], int] = {}
        self.told = 0
        self.couple = uuid.uuid4()

    @initialize()
    def start(self) -> None:
        """A couple with a small budget and a short window, agreed the day before."""
        agreed = RelationshipSettings(
            rules=[RelationshipRules(daily_items=BUDGET), PauseRules(window_days=WINDOW)]
        )
        self.couple = invite_and_accept(self.kit, PARTNERS, actor="ana", settings=agreed).id
        self.clock.advance(timedelta(days=1))

    # -- triggers ---------------------------------------------------------------------------

    @rule(target=triggers, actor=ACTOR, what=WHAT, helps=HELPS)
    def write(self, actor: str, what: str, helps: str | None) -> object:
        """Write a trigger down (an outsider cannot; it takes a few words)."""
        expected = NotFound if actor not in PARTNERS else InvalidInput if not what.strip() else None
        if expected is not None:
            with pytest.raises(expected):
                self.kit.triggers.write(self.couple, actor=actor, what=what, helps=helps)
            return multiple()
        made = self.kit.triggers.write(self.couple, actor=actor, what=what, helps=helps)
        other = "ben" if actor == "ana" else "ana"
        helping = None if helps is None or not helps.strip() else helps
        self.entries[made.id] = Entry(actor, other, what, helping)
        return made.id

    def _refusal(self, entry: Entry, actor: str, move: str) -> type[Exception] | None:
        if not entry.sees(actor):
            return NotFound
        if move in entry.moves_of(actor):
            return None
        anyone = entry.moves_of(entry.owner)
        return NotPermitted if actor != entry.owner and move in anyone else NotAllowedNow

    def _moved(self, entry: Entry) -> None:
        entry.moves += 1
        if entry.state == "shared":
            entry.seen_moves += 1

    @rule(tid=triggers, actor=ACTOR, what=WHAT, helps=HELPS)
    def revise(self, tid: uuid.UUID, actor: str, what: str, helps: str | None) -> None:
        """Its owner rewrites it, private or shared; blank words are refused."""
        entry = self.entries[tid]
        expected = self._refusal(entry, actor, "revise") or (
            InvalidInput if not what.strip() else None
        )
        if expected is not None:
            with pytest.raises(expected):
                self.kit.triggers.revise(tid, actor=actor, what=what, helps=helps)
            return
        self.kit.triggers.revise(tid, actor=actor, what=what, helps=helps)
        entry.what = what
        entry.helps = None if helps is None or not helps.strip() else helps
        self._moved(entry)

    @rule(tid=triggers, actor=ACTOR, scope=SCOPE)
    def share(self, tid: uuid.UUID, actor: str, scope: str) -> None:
        """Its owner shares it with the partner: a new item of their day."""
        entry = self.entries[tid]
        day = (actor, self.clock.now().date())
        expected = self._refusal(entry, actor, "share")
        if expected is None and scope != "partner":
            expected = InvalidInput
        if expected is None and self.shares.get(day, 0) >= BUDGET:
            expected = NotAllowedNow
        if expected is not None:
            with pytest.raises(expected):
                self.kit.triggers.share(tid, actor=actor, scope=scope)
            return
        self.kit.triggers.share(tid, actor=actor, scope=scope)
        self.shares[day] = self.shares.get(day, 0) + 1
        entry.state = "shared"
        entry.first_shared_at = entry.first_shared_at or self.clock.now()
        self._moved(entry)
        self.told += entry.partner == "ben"

    @rule(tid=triggers, actor=ACTOR, move=st.sampled_from(["unshare", "remove"]))
    def set_apart(self, tid: uuid.UUID, actor: str, move: str) -> None:
        """Its owner unshares it or takes it off their list: it leaves the partner's view."""
        entry = self.entries[tid]
        expected = self._refusal(entry, actor, move)
        if expected is not None:
            with pytest.raises(expected):
                getattr(self.kit.triggers, move)(tid, actor=actor)
            return
        getattr(self.kit.triggers, move)(tid, actor=actor)
        entry.state = {"unshare": "private", "remove": "removed"}[move]
        self._moved(entry)

    # -- pauses ------------------------------------------------------------------------

    @rule(target=pauses, actor=ACTOR, tid=st.none() | triggers)
    def record(self, actor: str, tid: uuid.UUID | None) -> object:
        """A person records a pause, naming one of their own listed triggers, or none."""
        entry = None if tid is None else self.entries[tid]
        expected: type[Exception] | None = None
        if actor not in PARTNERS or (entry is not None and not entry.sees(actor)):
            expected = NotFound
        elif entry is not None and (entry.owner != actor or entry.state == "removed"):
            expected = InvalidInput
        if expected is not None:
            with pytest.raises(expected):
                self.kit.pauses.record(self.couple, actor=actor, trigger_id=tid)
            return multiple()
        made = self.kit.pauses.record(self.couple, actor=actor, trigger_id=tid)
        self.paused[made.id] = Paused(actor, tid, self.clock.now())
        return made.id

    @rule(pid=pauses, actor=ACTOR)
    def take_back(self, pid: uuid.UUID, actor: str) -> None:
        """Its person takes a pause back while it counts; nobody else can."""
        pause = self.paused[pid]
        if actor != pause.person:
            with pytest.raises(NotFound):
                self.kit.pauses.take_back(pid, actor=actor)
            return
        if pause.state != "recorded" or self._aged(pause):
            with pytest.raises(NotAllowedNow):
                self.kit.pauses.take_back(pid, actor=actor)
            return
        self.kit.pauses.take_back(pid, actor=actor)
        pause.state = "taken back"

    def _aged(self, pause: Paused) -> bool:
        return self.clock.now() >= pause.at + timedelta(days=WINDOW)

    @rule(hours=st.sampled_from([1, 7, 30, 24 * 6]))
    def time_passes(self, hours: int) -> None:
        """Time passes and the app runs what fell due: pauses past the window age out."""
        self.clock.advance(timedelta(hours=hours))
        self.kit.timers.run_due(limit=1000)
        for pause in self.paused.values():
            if pause.state == "recorded" and self._aged(pause):
                pause.state = "aged out"

    # -- what each reads ------------------------------------------------------------------

    @invariant()
    def the_moves_each_person_is_offered_match_the_model(self) -> None:
        """`moves()` lists what the practice allows; whoever may not see it gets NotFound."""
        for tid, entry in self.entries.items():
            for person in (*PARTNERS, "eve"):
                if not entry.sees(person):
                    with pytest.raises(NotFound):
                        self.kit.triggers.moves(tid, actor=person)
                    continue
                assert set(self.kit.triggers.moves(tid, actor=person)) == entry.moves_of(person)
        for pid, pause in self.paused.items():
            open_now = pause.state == "recorded" and not self._aged(pause)
            assert self.kit.pauses.moves(pid, actor=pause.person) == (
                ("take_back",) if open_now else ()
            )
            for person in (*PARTNERS, "eve"):
                if person != pause.person:
                    with pytest.raises(NotFound):
                        self.kit.pauses.moves(pid, actor=person)

    @invariant()
    def each_reads_the_triggers_as_the_model_says(self) -> None:
        """Its owner reads every move; the partner only what was shared, numbered so."""
        for tid, entry in self.entries.items():
            for person in PARTNERS:
                if not entry.sees(person):
                    with pytest.raises(NotFound):
                        self.kit.triggers.get(tid, actor=person)
                    continue
                got = self.kit.triggers.get(tid, actor=person)
                assert (got.owner, got.state.value, got.what, got.helps) == (
                    entry.owner,
                    entry.state,
                    entry.what.strip(),
                    entry.helps if entry.helps is None else entry.helps.strip(),
                )
                events = self.kit.triggers.events(tid, actor=person)
                if person == entry.owner:
                    assert got.version == entry.moves == len(events)
                else:
                    assert got.version == entry.seen_moves == len(events)
                    assert got.created_at == entry.first_shared_at
                    assert [e.version for e in events] == list(range(1, entry.seen_moves + 1))
        for person in PARTNERS:
            found = {t.id for t in self.kit.triggers.find(self.couple, actor=person)}
            assert found == {tid for tid, e in self.entries.items() if e.sees(person)}
            told = [
                e.subject_id
                for e in self.kit.relationships.events(self.couple, actor=person)
                if e.TAG.startswith("trigger.")
            ]
            assert set(told) == {tid for tid, e in self.entries.items() if e.sees(person)}
        shared_notes = [
            n for n in self.notifier.for_person("ben") if n.kind is TriggerNotice.SHARED
        ]
        assert len(shared_notes) == self.told

    @invariant()
    def pauses_are_their_persons_and_counted_over_the_window(self) -> None:
        """A pause reads only to its person; their counts are the model's, nobody else's."""
        now = self.clock.now()
        for person in PARTNERS:
            mine = {pid for pid, p in self.paused.items() if p.person == person}
            assert {p.id for p in self.kit.pauses.find(self.couple, actor=person)} == mine
            counting = [
                p
                for p in self.paused.values()
                if p.person == person and p.state == "recorded" and now < p.at + timedelta(WINDOW)
            ]
            counts = self.kit.pauses.counts(self.couple, actor=person)
            assert counts.paused == len(counting)
            named: dict[uuid.UUID, int] = {}
            for p in counting:
                if p.trigger_id is not None:
                    named[p.trigger_id] = named.get(p.trigger_id, 0) + 1
            assert {c.trigger_id: c.paused for c in counts.by_trigger} == named
        for pid, pause in self.paused.items():
            assert self.kit.pauses.get(pid, actor=pause.person).state.value == pause.state
        for event in self.kit.relationships.events(self.couple, actor="ben"):
            if event.TAG.startswith("pause."):
                assert self.paused[event.subject_id].person == "ben"


class SQLiteTriggerMachine(TriggerMachine):
    """The same machine over SQLite."""

    storage_kind = "sqlite"


STEPS = settings(stateful_step_count=40, deadline=None)

TestTriggersInMemory = TriggerMachine.TestCase
TestTriggersInMemory.settings = STEPS
TestTriggersInMemory.__doc__ = "Random moves keep in-memory triggers and pauses in line."

TestTriggersInSQLite = SQLiteTriggerMachine.TestCase
TestTriggersInSQLite.settings = STEPS
TestTriggersInSQLite.__doc__ = "Random moves keep SQLite triggers and pauses in line."
