"""Stateful property tests: random accountability lists, crossings and offers against a model.

The model is written from the practice (PROTOCOLS sections 5, 6 and 12; issue 18), not from
the library's table: one partner proposes a short list, which holds once the other agrees
(a no is neutral). While it holds, a change needs both (one proposes, the other agrees
or keeps the list as it is; the one who proposed it may take it back); either withdraws
consent from an item, or the whole list, alone and at once. Only owned or acknowledged
crossings of an item's boundary, about a partner it binds, inside its window and since
it held (or was reviewed), count; at the threshold the consequence is offered to that
partner alone, who takes it on, answers "not now" (it waits for the check-in) or lets it
lapse. No stacking; the other partner can never take it on for them. After every step,
`moves()` of both partners is what the model says.
"""

from __future__ import annotations

import dataclasses
import uuid
from datetime import datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.stateful import initialize, invariant, precondition, rule

from conftest import invite_and_accept
from kit_machine import KitMachine
from repairkit import InvalidInput, NotAllowedNow, NotPermitted, RelationshipSettings
from repairkit.accountability import (
    AccountabilityRules,
    Consequence,
    ConsequenceKind,
    ItemTerms,
)

PARTNERS = ("ana", "ben")
OTHER = {"ana": "ben", "ben": "ana"}
PERSON = st.sampled_from(PARTNERS)
BINDS = st.sampled_from([None, "ana", "ben"])
THRESHOLD, WINDOW, OFFER_DAYS = 2, timedelta(days=14), timedelta(days=7)
ORDER = (
    "agree",
    "decline",
    "withdraw",
    "propose_change",
    "agree_change",
    "keep_current",
    "withdraw_change",
    "withdraw_consent",
    "end",
    "accept_offer",
    "not_now",
    "review_held",
)
ATTENTION = Consequence(kind=ConsequenceKind.FOCUSED_ATTENTION, minutes=20, days=7)


@dataclasses.dataclass
class Item:
    """One item as the practice says it stands."""

    binds: tuple[str, ...]
    counts_from: datetime
    holds: bool = True
    offers: dict[str, tuple[str, datetime]] = dataclasses.field(default_factory=dict)
    """Each partner's offer: ("open" or "check-in", lapses at); at most one each."""
    """(to, "open" or "check-in", lapses at)."""
    taken: bool = False
    """Taken on: its repair's own review frees it (no repairs move in these histories)."""

    def reviewable(self, now: datetime) -> bool:
        """A review may be noted: it holds, nothing taken on, none today yet.

        An offer open to one partner holds nothing back: the other would tell by it.
        """
        return self.holds and not self.taken and self.counts_from.date() != now.date()


@dataclasses.dataclass
class Model:
    """The one list proposed or in force, as the practice says it stands."""

    proposer: str
    state: str = "proposed"
    change_by: str | None = None
    change_kind: str | None = None
    change_binds: str | None = None
    change_index: int | None = None
    items: list[Item] = dataclasses.field(default_factory=list)

    @property
    def live(self) -> bool:
        return self.state in ("in force", "check-in")

    def moves(self, person: str, now: datetime) -> tuple[str, ...]:
        open_: set[str] = set()
        if self.state == "proposed":
            open_ |= {"agree", "decline"} if person != self.proposer else {"withdraw"}
        elif self.live:
            open_.add("end")
            if self.change_by is None:
                open_.add("propose_change")
            elif self.change_by == person:  # the one who proposed it takes it back
                open_.add("withdraw_change")
            else:  # the other answers
                open_ |= {"agree_change", "keep_current"}
            if any(i.holds for i in self.items):
                open_.add("withdraw_consent")
            if any(i.reviewable(now) for i in self.items):
                open_.add("review_held")
            mine = [i.offers[person] for i in self.items if person in i.offers]
            if mine:
                open_.add("accept_offer")
            if any(state == "open" for state, _ in mine):
                open_.add("not_now")
        return tuple(m for m in ORDER if m in open_)

    def settle(self, now: datetime) -> None:
        """The list's state once its offers are as they are: waiting for the check-in or not."""
        if self.live:
            waits = any(
                state == "check-in" and lapses > now
                for i in self.items
                for state, lapses in i.offers.values()
            )
            self.state = "check-in" if waits else "in force"


def _overlap(bound: list[tuple[str, ...]]) -> bool:
    """Whether two items (one behaviour, one boundary, here) bind one partner: refused."""
    return any(set(a) & set(b) for n, a in enumerate(bound) for b in bound[n + 1 :])


class AccountabilityMachine(KitMachine):
    """Ana and Ben propose, answer and change a list, cross its boundary, and answer offers."""

    def __init__(self) -> None:
        super().__init__()
        self.couple = uuid.uuid4()
        self.boundary = uuid.uuid4()
        self.agreement: uuid.UUID | None = None
        self.model: Model | None = None
        self.crossings: list[tuple[str, datetime]] = []

    @initialize()
    def start(self) -> None:
        """A couple with no wait after a no (time is tested elsewhere) and one boundary."""
        rules = AccountabilityRules(reask_wait_hours=0)
        settings_ = RelationshipSettings(rules=[rules])
        self.couple = invite_and_accept(self.kit, PARTNERS, actor="ana", settings=settings_).id
        boundary = self.kit.boundaries.draft(self.couple, actor="ana", rule="No interrupting.")
        self.kit.boundaries.propose(boundary.id, actor="ana")
        self.boundary = self.kit.boundaries.agree(boundary.id, actor="ben").id

    def _terms(self, binds: str | None) -> ItemTerms:
        return ItemTerms(
            behaviour="Let each other finish.",
            binds=binds,
            boundary_id=self.boundary,
            consequence=ATTENTION,
        )

    def _ids(self) -> list[uuid.UUID]:
        assert self.agreement is not None
        return [i.id for i in self.kit.accountability.get(self.agreement, actor="ana").items]

    def _binds(self, binds: str | None) -> tuple[str, ...]:
        return PARTNERS if binds is None else (binds,)

    # -- the list ---------------------------------------------------------------------

    @precondition(
        lambda self: self.model is None or not self.model.state.startswith(("p", "i", "c"))
    )
    @rule(actor=PERSON, binds=st.lists(BINDS, min_size=1, max_size=3))
    def propose(self, actor: str, binds: list[str | None]) -> None:
        bound = [self._binds(b) for b in binds]
        if _overlap(bound):  # one behaviour and boundary twice for a partner: stacking
            with pytest.raises(InvalidInput):
                self.kit.accountability.propose(
                    self.couple, actor=actor, items=[self._terms(b) for b in binds]
                )
            return
        made = self.kit.accountability.propose(
            self.couple, actor=actor, items=[self._terms(b) for b in binds]
        )
        now = self.clock.now()
        self.agreement = made.id
        self.model = Model(proposer=actor, items=[Item(self._binds(b), now) for b in binds])

    def _move(self, actor: str, move: str, **arguments: object) -> bool:
        """Make *move*; check it was accepted exactly when the model lists it."""
        assert self.model is not None
        assert self.agreement is not None
        listed = move in self.model.moves(actor, self.clock.now())
        try:
            getattr(self.kit.accountability, move)(self.agreement, actor=actor, **arguments)
        except InvalidInput:
            return False
        except (NotAllowedNow, NotPermitted):
            refused = True
        else:
            refused = False
        assert listed != refused, (move, actor, listed)
        return not refused

    @precondition(lambda self: self.model is not None)
    @rule(actor=PERSON, move=st.sampled_from(["agree", "decline", "withdraw", "end"]))
    def answer_or_end(self, actor: str, move: str) -> None:
        assert self.model is not None
        if self._move(actor, move):
            now = self.clock.now()
            self.model.state = {
                "agree": "in force",
                "decline": "declined",
                "withdraw": "withdrawn",
                "end": "ended",
            }[move]
            if move == "agree":
                for item in self.model.items:
                    item.counts_from = now
            self.model.change_by = None
            for item in self.model.items:
                if move == "end":
                    item.offers.clear()

    @precondition(lambda self: self.model is not None and self.model.live)
    @rule(
        actor=PERSON, kind=st.sampled_from(["add", "remove"]), binds=BINDS, index=st.integers(0, 5)
    )
    def propose_change(self, actor: str, kind: str, binds: str | None, index: int) -> None:
        assert self.model is not None
        ids = self._ids()
        if kind == "remove" and index >= len(ids):
            return
        holding = [i.binds for i in self.model.items if i.holds]
        fits = kind == "remove" or (
            len(holding) < 5 and not _overlap([*holding, self._binds(binds)])
        )
        item_id = ids[index] if kind == "remove" else None
        accepted = self._move(
            actor, "propose_change", kind=kind, item_id=item_id, terms=self._terms(binds)
        )
        assert accepted == (fits and "propose_change" in self.model.moves(actor, self.clock.now()))
        if accepted:
            self.model.change_by, self.model.change_kind = actor, kind
            self.model.change_binds, self.model.change_index = binds, index

    @precondition(lambda self: self.model is not None and self.model.live)
    @rule(actor=PERSON, move=st.sampled_from(["agree_change", "keep_current", "withdraw_change"]))
    def answer_change(self, actor: str, move: str) -> None:
        model = self.model
        assert model is not None
        full = model.change_kind == "add" and sum(1 for i in model.items if i.holds) >= 5
        if not self._move(actor, move):
            assert full or move not in model.moves(actor, self.clock.now())
            return
        now = self.clock.now()
        if move == "agree_change":
            if model.change_kind == "add":
                model.items.append(Item(self._binds(model.change_binds), now))
            else:
                assert model.change_index is not None
                del model.items[model.change_index]
        model.change_by = None
        model.settle(now)

    @precondition(lambda self: self.model is not None and self.model.live)
    @rule(actor=PERSON, index=st.integers(0, 5))
    def withdraw_consent(self, actor: str, index: int) -> None:
        model = self.model
        assert model is not None
        ids = self._ids()
        if index >= len(ids):
            return
        accepted = self._move(actor, "withdraw_consent", item_id=ids[index])
        assert accepted == model.items[index].holds
        if accepted:
            model.items[index].holds = False
            model.items[index].offers.clear()
            model.settle(self.clock.now())

    @precondition(lambda self: self.model is not None and self.model.live)
    @rule(actor=PERSON, index=st.integers(0, 5))
    def review_held(self, actor: str, index: int) -> None:
        model = self.model
        assert model is not None
        ids = self._ids()
        if index < len(ids) and self._move(actor, "review_held", item_id=ids[index]):
            assert model.items[index].reviewable(self.clock.now())
            model.items[index].counts_from = self.clock.now()

    # -- crossings and offers ---------------------------------------------------------------

    def _counted(self, person: str, now: datetime) -> None:
        """A crossing about *person* just counted: the model's offer, if the threshold is met."""
        self.crossings.append((person, now))
        model = self.model
        if model is None or not model.live:
            return
        for item in model.items:
            if not item.holds or person not in item.binds or person in item.offers or item.taken:
                continue
            count = sum(
                1
                for who, at in self.crossings
                if who == person and at >= now - WINDOW and at > item.counts_from
            )
            if count >= THRESHOLD:
                item.offers[person] = ("open", now + OFFER_DAYS)
                return

    @rule(person=PERSON, how=st.sampled_from(["own", "acknowledged", "seen differently"]))
    def cross(self, person: str, how: str) -> None:
        """A day later, a crossing about *person*: owned, or noted and then answered."""
        self.clock.advance(timedelta(hours=25))
        self._lapse()
        if how == "own":
            self.kit.crossings.own(self.couple, actor=person, boundary_id=self.boundary)
        else:
            noted = self.kit.crossings.notice(
                self.couple, actor=OTHER[person], boundary_id=self.boundary
            )
            if how == "seen differently":
                self.kit.crossings.see_differently(noted.id, actor=person)
                return
            self.kit.crossings.acknowledge(noted.id, actor=person)
        self._counted(person, self.clock.now())

    @precondition(lambda self: self.model is not None and self.model.live)
    @rule(actor=PERSON, move=st.sampled_from(["accept_offer", "not_now"]), index=st.integers(0, 5))
    def answer_offer(self, actor: str, move: str, index: int) -> None:
        model = self.model
        assert model is not None
        ids = self._ids()
        if index >= len(ids):
            return
        item = model.items[index]
        before = self.kit.accountability.get(self.agreement, actor=actor).version
        accepted = self._move(actor, move, item_id=ids[index])
        offer = item.offers.get(actor)
        fits = offer is not None
        if move == "not_now":
            fits = offer is not None and offer[0] == "open"
        assert accepted == fits, (move, actor, item)
        if not accepted:  # the other partner can never take it on, nor answer it, for them
            after = self.kit.accountability.get(self.agreement, actor=actor).version
            assert after == before
            return
        assert offer is not None
        if move == "accept_offer":  # one open repair an item: the other's offer of it ends
            item.offers.clear()
            item.taken = True
        else:
            item.offers[actor] = ("check-in", offer[1])
            model.state = "check-in"
        model.settle(self.clock.now())

    def _lapse(self) -> None:
        self.kit.timers.run_due()
        model = self.model
        if model is None or not model.live:
            return
        now = self.clock.now()
        for item in model.items:
            for person, (_, lapses) in list(item.offers.items()):
                if lapses <= now:
                    del item.offers[person]
        model.settle(now)

    @rule(hours=st.sampled_from([1, 24, 24 * 4, 24 * 8]))
    def time_passes(self, hours: int) -> None:
        self.clock.advance(timedelta(hours=hours))
        self._lapse()

    # -- what both read -------------------------------------------------------------------

    @invariant()
    def moves_are_the_practices(self) -> None:
        if self.agreement is None or self.model is None:
            return
        for person in PARTNERS:
            assert self.kit.accountability.moves(self.agreement, actor=person) == (
                self.model.moves(person, self.clock.now())
            ), (person, self.model)

    @invariant()
    def an_offer_is_read_by_its_partner_alone(self) -> None:
        if self.agreement is None or self.model is None:
            return
        for person in PARTNERS:
            seen = self.kit.accountability.get(self.agreement, actor=person)
            expected = [person if person in i.offers else None for i in self.model.items]
            assert [None if i.offer is None else i.offer.to for i in seen.items] == expected


class SQLiteAccountabilityMachine(AccountabilityMachine):
    """The same machine over SQLite."""

    storage_kind = "sqlite"


STEPS = settings(stateful_step_count=40, deadline=None)

TestAccountabilityInMemory = AccountabilityMachine.TestCase
TestAccountabilityInMemory.settings = STEPS
TestAccountabilityInMemory.__doc__ = "Random moves keep in-memory accountability lists in line."

TestAccountabilityInSQLite = SQLiteAccountabilityMachine.TestCase
TestAccountabilityInSQLite.settings = STEPS
TestAccountabilityInSQLite.__doc__ = "Random moves keep SQLite accountability lists in line."


@settings(deadline=None, max_examples=60)
@given(kind=st.text(min_size=1, max_size=30))
def test_a_kind_outside_the_closed_set_is_refused_with_a_typed_error(kind: str) -> None:
    """The set is closed: any other kind is `InvalidInput`, and nothing is stored."""
    from repairkit import RepairKit  # noqa: PLC0415 - one kit per example

    if kind in {k.value for k in ConsequenceKind}:
        return
    with RepairKit() as kit:
        couple = invite_and_accept(kit, PARTNERS, actor="ana").id
        boundary = kit.boundaries.draft(couple, actor="ana", rule="No interrupting.")
        kit.boundaries.propose(boundary.id, actor="ana")
        kit.boundaries.agree(boundary.id, actor="ben")
        item = ItemTerms(
            behaviour="Be kind.", boundary_id=boundary.id, consequence=Consequence(kind=kind)
        )
        with pytest.raises(InvalidInput) as refusal:
            kit.accountability.propose(couple, actor="ana", items=[item])
        assert refusal.value.field == "consequence"
        assert kit.accountability.current(couple, actor="ana") is None
