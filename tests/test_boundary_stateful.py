"""Stateful property tests: random boundaries, crossings and time against a reference model.

The model is written from the practice (docs/boundaries.md), not from the library's
tables: a boundary is in force only once both agreed, new words take effect only by
both (the other may say no, the one who proposed them may take them back), either
partner withdraws consent alone; a crossing counts only once the partner it is about
owned or acknowledged it, a note lapses unanswered after a week, and past the four-week
window a crossing counts nowhere and only the partner it is about sees it.
"""

from __future__ import annotations

import dataclasses
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import event, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    initialize,
    invariant,
    multiple,
    rule,
)

from conftest import invite_and_accept
from kit_machine import KitMachine
from repairkit import (
    InvalidInput,
    NotAllowedNow,
    NotFound,
    NotPermitted,
)

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
PARTNERS = ("ana", "ben")
ACTOR = st.sampled_from((*PARTNERS, "eve"))
RULES = st.sampled_from(["No sarcasm.", "No interrupting.", "Speak one at a time.", ""])
MAX_ROUNDS = 3
ANSWER, WINDOW = timedelta(days=7), timedelta(days=28)
REASK = timedelta(hours=24)

_WHO = {  # move: (states it is open in, who may make it)
    "revise": ({"drafted"}, "proposer"),
    "propose": ({"drafted"}, "proposer"),
    "agree": ({"proposed"}, "awaited"),
    "counter": ({"proposed"}, "awaited"),
    "decline": ({"proposed"}, "awaited"),
    "withdraw": ({"drafted", "proposed"}, "proposer"),
    "set_aside": ({"proposed"}, "either"),
    "propose_revision": ({"in force", "suspended"}, "either"),
    "agree_to_revision": ({"revision proposed", "renewal proposed"}, "awaited"),
    "keep_current": ({"revision proposed", "renewal proposed"}, "awaited"),
    "withdraw_revision": ({"revision proposed", "renewal proposed"}, "suggester"),
    "withdraw_consent": ({"in force", "revision proposed"}, "either"),
    "retire": ({"suspended", "renewal proposed"}, "either"),
}
_WITH_RULE = {"revise", "counter", "propose_revision"}
CROSSING_MOVES = ("acknowledge", "see_differently", "withdraw", "link_repair")
FRESH = "Words nobody has used yet."
"""Input that fits every move taking words: `moves` lists a move when some input fits."""


def _other(person: str) -> str:
    return "ben" if person == "ana" else "ana"


@dataclasses.dataclass
class Bound:
    """What one boundary should look like, kept by the test alone."""

    proposer: str
    rule: str
    state: str = "drafted"
    awaiting: str | None = None
    pending: str | None = None
    rounds: int = 0
    sent: bool = False
    """Whether it was ever proposed: a draft withdrawn unsent stays the proposer's alone."""
    agreed_at: datetime | None = None
    """When the words in force were agreed: a crossing is of a moment since then."""
    declined_at: datetime | None = None
    heard_no: dict[str, datetime] = dataclasses.field(default_factory=dict)
    """When each partner last heard a no to new words they proposed (they wait a day)."""

    def refusal(  # noqa: PLR0911 - one return per reason
        self, move: str, actor: str, rule: str, now: datetime
    ) -> type[Exception] | None:
        """Return the error *move* by *actor* must raise, or None when it is legal."""
        if actor != self.proposer and (actor not in PARTNERS or not self.sent):
            return NotFound
        states, who = _WHO[move]
        if self.state not in states:
            return NotAllowedNow
        if (
            (who == "proposer" and actor != self.proposer)
            or (who == "awaited" and actor != self.awaiting)
            or (who == "suggester" and (self.awaiting is None or actor != _other(self.awaiting)))
        ):
            return NotPermitted
        no = self.heard_no.get(actor)
        if move == "propose_revision" and no is not None and now < no + REASK:
            return NotAllowedNow  # after a no to one's new words, a day's pause
        if move in _WITH_RULE and not rule:
            return InvalidInput
        if move == "propose_revision" and self.state == "in force" and rule == self.rule:
            return InvalidInput
        return None

    def apply(self, move: str, actor: str, rule: str, now: datetime) -> None:
        """Make the move in the model."""
        if move == "revise":
            self.rule = rule
        elif move == "propose":
            self.state, self.awaiting, self.sent = "proposed", _other(self.proposer), True
        elif move == "counter":
            self.rounds += 1
            self.pending = rule
            done = self.rounds >= MAX_ROUNDS
            self.state = "set aside" if done else "proposed"
            self.awaiting = None if done else _other(actor)
        elif move in {"agree", "agree_to_revision"}:
            self.rule = self.pending or self.rule
            self.agreed_at = now
            self.state, self.awaiting, self.pending = "in force", None, None
        elif move == "propose_revision":
            self.pending, self.awaiting = rule, _other(actor)
            self.state = "revision proposed" if self.state == "in force" else "renewal proposed"
        elif move in {"keep_current", "withdraw_revision"}:
            if move == "keep_current":  # a no: whoever proposed the new words waits
                self.heard_no[_other(actor)] = now
            self.pending, self.awaiting = None, None
            self.state = "in force" if self.state == "revision proposed" else "suspended"
        else:
            if move == "decline":
                self.declined_at = now
            ends = {
                "decline": "declined",
                "withdraw": "withdrawn",
                "set_aside": "set aside",
                "withdraw_consent": "suspended",
                "retire": "retired",
            }
            self.state, self.awaiting, self.pending = ends[move], None, None

    @property
    def in_force(self) -> bool:
        return self.state in {"in force", "revision proposed"}


@dataclasses.dataclass
class Cross:
    """What one crossing should look like."""

    about: str
    recorder: str
    happened: datetime
    created: datetime
    state: str
    changed: datetime
    boundary: uuid.UUID

    def due(self) -> tuple[datetime, str] | None:
        if self.state == "noticed":
            return self.created + ANSWER, "lapsed"
        if self.state in {"owned", "acknowledged", "seen differently", "withdrawn", "lapsed"}:
            return max(self.happened + WINDOW, self.created + ANSWER), "settled"
        return None

    def sees(self, person: str, now: datetime) -> bool:
        """Both partners, until its window passes; then only the partner it is about."""
        if person == self.about:
            return True
        settles = max(self.happened + WINDOW, self.created + ANSWER)
        return person in PARTNERS and (self.state == "noticed" or now < settles)


class BoundaryMachine(KitMachine):
    """Ana and Ben (and Eve, an outsider) shape boundaries, cross them, and let time pass."""

    boundaries = Bundle("boundaries")
    crossings = Bundle("crossings")

    def __init__(self) -> None:
        super().__init__()
        self.couple = invite_and_accept(self.kit, PARTNERS, actor="ana").id
        self.bounds: dict[uuid.UUID, Bound] = {}
        self.crosses: dict[uuid.UUID, Cross] = {}

    @initialize(target=boundaries)
    def a_boundary_in_force(self) -> uuid.UUID:
        """Start with one boundary both agreed to, so that crossings come early."""
        made = self.kit.boundaries.draft(self.couple, actor="ana", rule="No sarcasm.")
        self.kit.boundaries.propose(made.id, actor="ana")
        self.kit.boundaries.agree(made.id, actor="ben")
        self.bounds[made.id] = Bound(
            "ana", "No sarcasm.", state="in force", sent=True, agreed_at=self.clock.now()
        )
        return made.id

    @rule(target=boundaries, actor=ACTOR, text=RULES)
    def draft(self, actor: str, text: str) -> object:
        """Draft a boundary (an outsider or an empty rule changes nothing)."""
        expected = NotFound if actor not in PARTNERS else (InvalidInput if not text else None)
        if expected is not None:
            with pytest.raises(expected):
                self.kit.boundaries.draft(self.couple, actor=actor, rule=text)
            return multiple()
        made = self.kit.boundaries.draft(self.couple, actor=actor, rule=text)
        self.bounds[made.id] = Bound(actor, text)
        return made.id

    def _boundary_refusal(
        self, bid: uuid.UUID, move: str, actor: str, text: str, now: datetime
    ) -> type[Exception] | None:
        """Return the error *move* on the boundary must raise, or None when it is legal."""
        model = self.bounds[bid]
        expected = model.refusal(move, actor, text, now)
        if (
            expected is None
            and move == "propose"
            and any(
                other.proposer == actor
                and other.state == "declined"
                and other.rule == model.rule
                and other.declined_at is not None
                and now < other.declined_at + REASK
                for other in self.bounds.values()
            )
        ):
            expected = NotAllowedNow  # the same words, declined a short while ago
        return expected

    @rule(bid=boundaries, actor=ACTOR, move=st.sampled_from(sorted(_WHO)), text=RULES)
    def shape(self, bid: uuid.UUID, actor: str, move: str, text: str) -> None:
        """Make a move on a boundary as a random actor."""
        model = self.bounds[bid]
        words = {"rule": text} if move in _WITH_RULE else {}
        now = self.clock.now()
        expected = self._boundary_refusal(bid, move, actor, text, now)
        if expected is not None:
            with pytest.raises(expected):
                getattr(self.kit.boundaries, move)(bid, actor=actor, **words)
            return
        getattr(self.kit.boundaries, move)(bid, actor=actor, **words)
        model.apply(move, actor, text, now)
        event(f"boundary {move}")

    @rule(bid=boundaries)
    def the_awaited_partner_agrees(self, bid: uuid.UUID) -> None:
        """Whoever is awaited says yes (so that runs reach boundaries in force)."""
        model = self.bounds[bid]
        if model.state == "drafted":
            self.shape(bid, model.proposer, "propose", model.rule)
        elif model.awaiting is not None:
            move = "agree" if model.state == "proposed" else "agree_to_revision"
            self.shape(bid, model.awaiting, move, model.rule)

    @rule(bid=boundaries)
    def the_awaited_partner_declines(self, bid: uuid.UUID) -> None:
        """Whoever is awaited on a proposal says no (so that runs reach the pause after it)."""
        model = self.bounds[bid]
        if model.state == "proposed" and model.awaiting is not None:
            self.shape(bid, model.awaiting, "decline", model.rule)

    @rule(target=boundaries, bid=boundaries)
    def draft_declined_words_once_more(self, bid: uuid.UUID) -> object:
        """The proposer of a declined boundary drafts the same words anew."""
        model = self.bounds[bid]
        if model.state != "declined":
            return multiple()
        return self.draft(model.proposer, model.rule)

    @rule(
        target=crossings,
        bid=boundaries,
        actor=ACTOR,
        owned=st.booleans(),
        ago=st.sampled_from([0, 1, 20 * 24, 29 * 24, -1]),
    )
    def record(self, bid: uuid.UUID, actor: str, owned: bool, ago: int) -> object:
        """Own a crossing, or note the other's (outsiders, boundaries not in force, refused)."""
        model, now = self.bounds[bid], self.clock.now()
        happened = now - timedelta(hours=ago)
        command = self.kit.crossings.own if owned else self.kit.crossings.notice
        expected = None
        if actor not in PARTNERS:
            expected = NotFound
        elif not model.in_force or not 0 <= ago <= 28 * 24:
            expected = InvalidInput
        elif model.agreed_at is not None and happened < model.agreed_at:
            expected = InvalidInput  # before the words in force were agreed
        elif not owned and any(
            c.recorder == actor
            and c.boundary == bid
            and (
                c.state == "noticed" or (c.state == "seen differently" and now < c.changed + REASK)
            )
            for c in self.crosses.values()
        ):
            expected = NotAllowedNow  # one open note per boundary; a day's wait after a no
        elif any(
            c.about == (actor if owned else _other(actor))
            and c.boundary == bid
            and c.state in {"noticed", "owned", "acknowledged"}
            and c.happened.date() == happened.date()  # the couple's time zone is UTC here
            for c in self.crosses.values()
        ):
            expected = NotAllowedNow  # one moment is recorded once
        if expected is not None:
            with pytest.raises(expected):
                command(self.couple, actor=actor, boundary_id=bid, happened_at=happened)
            return multiple()
        made = command(self.couple, actor=actor, boundary_id=bid, happened_at=happened)
        about = actor if owned else _other(actor)
        state = "owned" if owned else "noticed"
        self.crosses[made.id] = Cross(about, actor, happened, now, state, now, bid)
        event(f"crossing {state}")
        return made.id

    def _crossing_refusal(
        self, cid: uuid.UUID, move: str, actor: str, now: datetime
    ) -> type[Exception] | None:
        """Return the error *move* on the crossing must raise, or None when it is legal."""
        model = self.crosses[cid]
        states, who = {
            "acknowledge": ({"noticed"}, model.about),
            "see_differently": ({"noticed", "acknowledged"}, model.about),
            "withdraw": ({"noticed", "owned", "acknowledged"}, model.recorder),
            "link_repair": ({"owned", "acknowledged"}, None),
        }[move]
        if not model.sees(actor, now):
            return NotFound
        if model.state not in states:
            return NotAllowedNow
        if who is not None and actor != who:
            return NotPermitted
        return None

    @rule(
        cid=crossings,
        actor=ACTOR,
        move=st.sampled_from(CROSSING_MOVES),
    )
    def answer(self, cid: uuid.UUID, actor: str, move: str) -> None:
        """Answer, take back or link a repair to a crossing, as a random actor."""
        model = self.crosses[cid]
        extra = {"repair_id": uuid.uuid4()} if move == "link_repair" else {}
        expected = self._crossing_refusal(cid, move, actor, self.clock.now())
        if expected is None and move == "link_repair":
            expected = InvalidInput  # a link names a real repair: this id names nothing
        if expected is not None:
            with pytest.raises(expected):
                getattr(self.kit.crossings, move)(cid, actor=actor, **extra)
            return
        getattr(self.kit.crossings, move)(cid, actor=actor, **extra)
        ends = {"acknowledge": "acknowledged", "see_differently": "seen differently"}
        model.state = ends.get(move, "withdrawn" if move == "withdraw" else model.state)
        model.changed = self.clock.now()
        event(f"crossing {move}")

    @rule(cid=crossings, acknowledge=st.booleans())
    def the_partner_it_is_about_answers(self, cid: uuid.UUID, acknowledge: bool) -> None:
        """The partner a crossing is about answers a note (if it is still open)."""
        move = "acknowledge" if acknowledge else "see_differently"
        self.answer(cid, self.crosses[cid].about, move)

    @rule(hours=st.sampled_from([1, 24, 24 * 6, 24 * 8, 24 * 30]))
    def advance_clock(self, hours: int) -> None:
        """Let time pass (sometimes past every deadline: the app was down)."""
        self.clock.advance(timedelta(hours=hours))

    @rule()
    def run_due(self) -> None:
        """Each passed deadline fires once, at its own time: notes lapse, crossings settle."""
        now = self.clock.now()
        expected = []
        for cid, m in self.crosses.items():
            while (due := m.due()) is not None and due[0] <= now:
                at = max(due[0], m.changed)
                m.state, m.changed = due[1], at
                expected.append((cid, m.state, at))
                event(f"crossing {m.state}")
        fired = [
            (e.subject_id, e.to_state, e.at)
            for e in self.kit.timers.run_due(limit=1000)
            if e.subject_id in self.crosses  # an agenda item ages out by the agenda's own rule
        ]
        assert sorted(fired, key=str) == sorted(expected, key=str)

    @invariant()
    def the_moves_each_person_is_offered_match_the_model(self) -> None:
        """`moves()` lists exactly the moves the model accepts from that person now."""
        now = self.clock.now()
        for bid in self.bounds:
            for person in PARTNERS:
                if self._boundary_refusal(bid, "propose", person, FRESH, now) is NotFound:
                    continue
                expected = {
                    m for m in _WHO if self._boundary_refusal(bid, m, person, FRESH, now) is None
                }
                assert set(self.kit.boundaries.moves(bid, actor=person)) == expected
        for cid, c in self.crosses.items():
            for person in PARTNERS:
                if not c.sees(person, now):
                    continue
                expected = {
                    m for m in CROSSING_MOVES if self._crossing_refusal(cid, m, person, now) is None
                }
                assert set(self.kit.crossings.moves(cid, actor=person)) == expected

    @invariant()
    def what_each_person_reads_matches_the_model(self) -> None:
        """Each partner reads the model's boundaries and crossings, and counts only the window."""
        for bid, b in self.bounds.items():
            for person in PARTNERS:
                if person != b.proposer and not b.sent:
                    continue
                stored = self.kit.boundaries.get(bid, actor=person)
                assert (stored.state.value, stored.awaiting) == (b.state, b.awaiting)
                assert stored.terms.rule == b.rule
                assert stored.in_force == b.in_force
        since = self.clock.now() - WINDOW
        for person in PARTNERS:
            seen = {c.id: c.state.value for c in self.kit.crossings.find(self.couple, actor=person)}
            assert seen == {
                i: c.state for i, c in self.crosses.items() if c.sees(person, self.clock.now())
            }
            counted = [
                c
                for c in self.crosses.values()
                if c.state in {"owned", "acknowledged"} and c.happened > since
            ]
            count = self.kit.crossings.counted(self.couple, actor=person)
            assert (count.counted, count.yours) == (
                len(counted),
                sum(1 for c in counted if c.about == person),
            )
        dues = [d[0] for c in self.crosses.values() if (d := c.due()) is not None]
        # A suspended boundary waits on the check-in agenda, which ages out in its time.
        dues += [i.due_at for i in self.kit.agenda.waiting(self.couple, actor="ana") if i.due_at]
        assert self.kit.timers.next_due() == min(dues, default=None)


class SQLiteBoundaryMachine(BoundaryMachine):
    """The same machine over SQLite."""

    storage_kind = "sqlite"


STEPS = settings(stateful_step_count=40, deadline=None)

TestBoundariesInMemory = BoundaryMachine.TestCase
TestBoundariesInMemory.settings = STEPS
TestBoundariesInMemory.__doc__ = "Random moves and time keep in-memory boundaries in line."

TestBoundariesInSQLite = SQLiteBoundaryMachine.TestCase
TestBoundariesInSQLite.settings = STEPS
TestBoundariesInSQLite.__doc__ = "Random moves and time keep SQLite boundaries in line."
