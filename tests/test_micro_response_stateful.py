"""Stateful property tests: random micro-responses against a reference model.

The model is written from the practice (docs/practices.md, daily micro-responses) and
the safety rules (docs/safety.md), not from the library's table: a giver records their
own small acts, nobody records one for the other; each is theirs alone until they tell
it, and they take the telling back or delete it at any time; the receiver reads only
what was told, and may say once that they noticed it, which the giver hears; after that
the receiver's thanks stays theirs (the giver may delete, no longer untell). Counts are
each person's own; couple totals, sums of what was told, only while both agreed. An act
after midnight and before the morning is the night of the day before.
`moves()` is checked for both partners and an outsider after every step.
"""

from __future__ import annotations

import dataclasses
import uuid
from datetime import UTC, date, timedelta

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, initialize, invariant, multiple, rule

from conftest import invite_and_accept
from kit_machine import KitMachine
from repairkit import InvalidInput, NotAllowedNow, NotFound, NotPermitted, RelationshipSettings
from repairkit.microresponses import MicroResponseKind, MicroResponseNotice, MicroResponseRules

PARTNERS = ("ana", "ben")
MORNING = 5
"""The hour the morning begins (repairkit's default); the hours before are last night's."""
ACTOR = st.sampled_from((*PARTNERS, "eve"))
KIND = st.sampled_from([*(k.value for k in MicroResponseKind), "a favour"])
WORDS = st.sampled_from([None, "Asked how the interview went.", "   "])
GIVER_MOVES = {"tell", "untell", "delete"}
RECEIVER_MOVES = {"acknowledge"}
FROM = {"tell": {"kept"}, "untell": {"told"}, "delete": {"kept", "told"}, "acknowledge": {"told"}}


def _iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


@dataclasses.dataclass
class Act:
    """What one micro-response should look like, kept by the test alone."""

    giver: str
    receiver: str
    kind: str
    words: str | None
    day: date
    state: str = "kept"
    acknowledged: bool = False
    kept_for_appreciations: bool = False

    def sees(self, person: str) -> bool:
        return person == self.giver or (
            person == self.receiver and (self.state == "told" or self.acknowledged)
        )

    def moves_of(self, person: str) -> set[str]:
        if person == self.giver:
            return {
                m
                for m in GIVER_MOVES
                if self.state in FROM[m] and not (m == "untell" and self.acknowledged)
            }
        if person == self.receiver and self.state == "told" and not self.acknowledged:
            return {"acknowledge"}
        return set()

    def refusal(self, person: str, move: str) -> type[Exception] | None:
        if not self.sees(person):
            return NotFound
        if move in self.moves_of(person):
            return None
        if self.state not in FROM[move]:
            return NotAllowedNow
        own = GIVER_MOVES if person == self.giver else RECEIVER_MOVES
        return NotAllowedNow if move in own else NotPermitted


class MicroResponseMachine(KitMachine):
    """Ana and Ben (and Eve, an outsider) record, tell, keep and acknowledge small acts."""

    acts = Bundle("acts")

    def __init__(self) -> None:
        super().__init__()
        self.model: dict[uuid.UUID, Act] = {}
        self.thanked: dict[str, int] = dict.fromkeys(PARTNERS, 0)
        self.totals = False
        self.couple = uuid.uuid4()

    @initialize()
    def start(self) -> None:
        """A couple, in UTC."""
        self.couple = invite_and_accept(self.kit, PARTNERS, actor="ana").id

    @rule(target=acts, actor=ACTOR, kind=KIND, words=WORDS, tell=st.booleans())
    def record(self, actor: str, kind: str, words: str | None, tell: bool) -> object:
        """A partner records their own act; an outsider cannot; the kind is one of four."""
        commands = self.kit.micro_responses
        expected = (
            NotPermitted
            if actor not in PARTNERS
            else InvalidInput
            if kind not in {k.value for k in MicroResponseKind}
            else None
        )
        if expected is not None:
            with pytest.raises((expected, NotFound)):
                commands.record(self.couple, actor=actor, kind=kind, words=words, tell=tell)
            return multiple()
        made = commands.record(self.couple, actor=actor, kind=kind, words=words, tell=tell)
        other = "ben" if actor == "ana" else "ana"
        kept = None if words is None or not words.strip() else words.strip()
        now = self.clock.now().astimezone(UTC)  # the night belongs to the day it began on
        day = now.date() - timedelta(days=1) if now.hour < MORNING else now.date()
        self.model[made.id] = Act(actor, other, kind, kept, day, "told" if tell else "kept")
        return made.id

    @rule(mid=acts, actor=ACTOR, move=st.sampled_from(sorted(GIVER_MOVES)))
    def giver_move(self, mid: uuid.UUID, actor: str, move: str) -> None:
        """The giver tells, takes back or deletes; nobody else can."""
        act = self.model[mid]
        expected = act.refusal(actor, move)
        command = getattr(self.kit.micro_responses, move)
        if expected is not None:
            with pytest.raises(expected):
                command(mid, actor=actor)
            return
        command(mid, actor=actor)
        act.state = {"tell": "told", "untell": "kept", "delete": "deleted"}[move]
        if move == "delete":
            act.words, act.kept_for_appreciations = None, False

    @rule(mid=acts, actor=ACTOR, keep=st.booleans())
    def acknowledge(self, mid: uuid.UUID, actor: str, keep: bool) -> None:
        """The receiver says they noticed, once; the giver hears it."""
        act = self.model[mid]
        expected = act.refusal(actor, "acknowledge")
        commands = self.kit.micro_responses
        if expected is not None:
            with pytest.raises(expected):
                commands.acknowledge(mid, actor=actor, to_appreciations=keep)
            return
        commands.acknowledge(mid, actor=actor, to_appreciations=keep)
        act.acknowledged, act.kept_for_appreciations = True, keep
        self.thanked[act.giver] += 1

    @rule(by=st.sampled_from(PARTNERS), on=st.booleans())
    def couple_totals(self, by: str, on: bool) -> None:
        """Both agree to couple totals; either withdraws the agreement alone."""
        relationships = self.kit.relationships
        if on and not self.totals:
            agreed = RelationshipSettings(rules=[MicroResponseRules(couple_totals=True)])
            other = "ben" if by == "ana" else "ana"
            relationships.propose_settings(self.couple, actor=by, settings=agreed)
            relationships.agree_to_settings(self.couple, actor=other)
            self.totals = True
        elif not on and self.totals:
            relationships.withdraw_consent_to_settings(self.couple, actor=by)
            self.totals = False

    @rule(hours=st.sampled_from([3, 11, 30, 24 * 6]))
    def time_passes(self, hours: int) -> None:
        """Time passes: nothing is due, and nothing ages (no streak to break)."""
        self.clock.advance(timedelta(hours=hours))
        self.kit.timers.run_due(limit=1000)

    # -- what each reads ------------------------------------------------------------------

    @invariant()
    def the_moves_each_person_is_offered_match_the_model(self) -> None:
        """`moves()` lists what the practice allows; whoever may not see it gets NotFound."""
        for mid, act in self.model.items():
            for person in (*PARTNERS, "eve"):
                if not act.sees(person):
                    with pytest.raises(NotFound):
                        self.kit.micro_responses.moves(mid, actor=person)
                    continue
                assert set(self.kit.micro_responses.moves(mid, actor=person)) == act.moves_of(
                    person
                )

    @invariant()
    def each_reads_the_acts_as_the_model_says(self) -> None:
        """The giver reads their own; the receiver what was told, at version 1, no time."""
        commands = self.kit.micro_responses
        for mid, act in self.model.items():
            for person in PARTNERS:
                if not act.sees(person):
                    with pytest.raises(NotFound):
                        commands.get(mid, actor=person)
                    continue
                got = commands.get(mid, actor=person)
                assert (got.giver, got.kind.value, got.words, got.day, got.state.value) == (
                    act.giver,
                    act.kind,
                    act.words,
                    act.day,
                    {"kept": "kept to oneself"}.get(act.state, act.state),
                )
                assert got.acknowledged is act.acknowledged
                if person == act.receiver:
                    theirs = commands.events(mid, actor=person)
                    assert all(e.actor == person or e.TAG.endswith("deleted") for e in theirs)
                    assert got.version == 1 + len(theirs)
                    assert got.changed_at is None
                    assert got.for_appreciations is act.kept_for_appreciations
                else:
                    assert got.for_appreciations is False
        days = {a.day for a in self.model.values()}
        for person in PARTNERS:
            found = {m.id for m in commands.find(self.couple, actor=person)}
            assert found == {mid for mid, a in self.model.items() if a.giver == person}
            for day in days:  # what they received in a week, by moment, then id
                got = commands.received(self.couple, actor=person, week=day)
                assert {m.id for m in got} == {
                    mid
                    for mid, a in self.model.items()
                    if a.receiver == person
                    and a.sees(person)
                    and _iso_week(a.day) == _iso_week(day)
                }
                assert [(m.created_at, m.id.int) for m in got] == sorted(
                    (m.created_at, m.id.int) for m in got
                )
            kept = {m.id for m in commands.kept_for_appreciations(self.couple, actor=person)}
            assert kept == {
                mid
                for mid, a in self.model.items()
                if a.receiver == person and a.state == "told" and a.kept_for_appreciations
            }
            thanks = [
                n
                for n in self.notifier.for_person(person)
                if n.kind is MicroResponseNotice.ACKNOWLEDGED
            ]
            assert len(thanks) == self.thanked[person]
            assert all(
                a.words is None or a.words not in n.message
                for n in thanks
                for a in self.model.values()
            )

    @invariant()
    def counts_are_ones_own_and_totals_only_by_consent(self) -> None:
        """Each reads their own count per week; couple totals are sums of what was told."""
        commands = self.kit.micro_responses
        for person in PARTNERS:
            for week in commands.counts(self.couple, actor=person):
                mine = [
                    a
                    for a in self.model.values()
                    if a.giver == person
                    and a.state in ("kept", "told")
                    and _iso_week(a.day) == week.week
                ]
                assert week.total == len(mine) == sum(week.by_kind.values())
            if not self.totals:
                with pytest.raises(NotAllowedNow):
                    commands.couple_totals(self.couple, actor=person)
                continue
            for week in commands.couple_totals(self.couple, actor=person):
                told = [
                    a
                    for a in self.model.values()
                    if a.state == "told" and _iso_week(a.day) == week.week
                ]
                assert week.total == len(told)


class SQLiteMicroResponseMachine(MicroResponseMachine):
    """The same machine over SQLite."""

    storage_kind = "sqlite"


STEPS = settings(stateful_step_count=40, deadline=None)

TestMicroResponsesInMemory = MicroResponseMachine.TestCase
TestMicroResponsesInMemory.settings = STEPS
TestMicroResponsesInMemory.__doc__ = "Random moves keep in-memory micro-responses in line."

TestMicroResponsesInSQLite = SQLiteMicroResponseMachine.TestCase
TestMicroResponsesInSQLite.settings = STEPS
TestMicroResponsesInSQLite.__doc__ = "Random moves keep SQLite micro-responses in line."
