"""Stateful property test: weeks of a couple's check-ins, across all of its parts.

Each part has a stateful test of its own (the schedule, the preparation, the session's
parts and turns). This one follows a couple week after week through all of them at
once, against a reference model written from the practice:

- before each weekly check-in, each partner writes a few entries in private, each for
  sharing or kept private, and may mark themselves ready; nothing of it shows to the
  other until both are ready, the check-in's time comes or a session opens on its day,
  and then only what was marked for sharing shows, to both alike;
- either partner adds topics of their own to the agenda (a few each), and an issue of
  the session may name one: carried over, it waits for the next check-in; agreed or
  handed to a third person, it is taken up and leaves the agenda; an issue raised in
  one's own words, carried over or still heard when the session ends, goes on the
  agenda as its raiser's topic;
- in the session, parts and turns go as the practice says (`moves()` is checked for
  both partners after every step), either partner takes a break or ends it alone;
- signs of a stalemate (the rounds of one turn used up, two breaks in a session, an
  agenda item carried over three sessions) tell both partners, once a session, that
  a third person could help;
- a third person takes part only once both partners agree, either partner ends their
  part alone and at once, and they read a category only while both partners consent
  to it now: what they read is what both partners see, never more.
"""

from __future__ import annotations

import dataclasses
import uuid
from datetime import UTC, datetime, time, timedelta

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import initialize, invariant, precondition, rule

from conftest import invite_and_accept
from kit_machine import KitMachine
from repairkit import InvalidInput, NotAllowedNow, NotFound, NotPermitted, RelationshipSettings
from repairkit.facilitators import FacilitatorRules
from repairkit.preparations import PreparationRules
from repairkit.sessions import SessionRules
from test_session_stateful import Session

PARTNERS = ("ana", "ben")
PERSON = st.sampled_from(PARTNERS)
TESS = "tess"
"""The third person the partners may invite (a couples therapist)."""
CATEGORIES = ("agenda", "revealed entries", "sessions")
CHOSEN = st.sets(st.sampled_from(CATEGORIES)).map(sorted)
FACILITATOR_LIMITS = FacilitatorRules()
LIMITS = {"appreciation": 2, "went right": 1, "issue": 1}
FIRST = datetime(2026, 3, 4, 19, 0, tzinfo=UTC)
"""The first check-in of the schedule agreed on Monday 2 March: Wednesday at 19:00."""
LENGTH = timedelta(hours=1)
"""How long a check-in lasts in the schedule (its default)."""
RULES = SessionRules(rounds=2, carried_over_sessions=2, breaks=2)
"""Small limits, so that random weeks reach each sign of a stalemate."""
TOPIC_WINDOW = timedelta(days=28)
PARTS = ("appreciations", "went right", "issue", "for the week", "ended")
SAYING = {
    "appreciations": "appreciate",
    "went right": "went_right",
    "speaking": "summarise",
    "for the week": "for_the_week",
}
"""The parts that ask for words, and the move that says them."""


def _other(person: str) -> str:
    return PARTNERS[1] if person == PARTNERS[0] else PARTNERS[0]


@dataclasses.dataclass
class Week:
    """One week's check-in, as the model keeps it."""

    at: datetime
    entries: dict[str, list[tuple[str, str, bool]]] = dataclasses.field(
        default_factory=lambda: {p: [] for p in PARTNERS}
    )
    """Each partner's entries, in order: (kind, words, marked for sharing)."""
    preparations: dict[str, uuid.UUID] = dataclasses.field(default_factory=dict)
    ready: set[str] = dataclasses.field(default_factory=set)
    opened: bool = False
    """A session was opened on the check-in's day, before its time: it is revealed."""

    def shared(self, person: str) -> set[tuple[str, str, str]]:
        return {(person, kind, words) for kind, words, share in self.entries[person] if share}


@dataclasses.dataclass
class ThirdPerson:
    """A third person, as the model keeps them: who proposed, who consents to what."""

    proposer: str
    consents: dict[str, frozenset[str]]
    state: str = "proposed"
    entries: list[int] = dataclasses.field(default_factory=list)
    """The numbers of their entries kept, in order."""
    written: list[datetime] = dataclasses.field(default_factory=list)
    """When they wrote each entry, kept or taken out since."""

    @property
    def open(self) -> bool:
        return self.state in ("proposed", "invited")

    @property
    def scope(self) -> frozenset[str]:
        """What they may read now: what both partners consent to, once invited."""
        if self.state != "invited":
            return frozenset()
        return self.consents[PARTNERS[0]] & self.consents[PARTNERS[1]]

    def may_write(self, now: datetime) -> bool:
        today = [at for at in self.written if at.date() == now.date()]
        return (
            len(self.entries) < FACILITATOR_LIMITS.max_entries
            and len(today) < FACILITATOR_LIMITS.daily_entries
        )

    def moves_of(self, person: str, now: datetime) -> set[str]:
        """What the practice lets *person* do now."""
        if self.state == "proposed" and person in PARTNERS:
            return {"withdraw"} if person == self.proposer else {"agree", "decline"}
        if self.state != "invited":
            return set()
        if person in PARTNERS:
            return {"consent", "remove"}
        moves = {"step_down"} | ({"reflect", "suggest"} if self.may_write(now) else set())
        return moves | ({"remove_entry"} if self.entries else set())


@dataclasses.dataclass
class Stalemate:
    """What the model keeps of one session besides its parts: the signs of a stalemate."""

    breaks: int = 0
    rounds: int = 0
    item: uuid.UUID | None = None
    raiser: str | None = None
    told: bool = False
    carried: set[uuid.UUID] = dataclasses.field(default_factory=set)


class CheckInMachine(KitMachine):
    """Ana and Ben hold their weekly check-in, week after week."""

    def __init__(self) -> None:
        super().__init__()
        self.couple = uuid.uuid4()
        self.schedule = uuid.uuid4()
        self.week = Week(FIRST)
        self.sessions: dict[uuid.UUID, Session] = {}
        self.signs: dict[uuid.UUID, Stalemate] = {}
        self.current: uuid.UUID | None = None
        self.topics: dict[uuid.UUID, tuple[str, datetime]] = {}
        """Each waiting topic: its author and when it ages out."""
        self.written = 0
        self.third: dict[uuid.UUID, ThirdPerson] = {}

    # -- the model's reading ---------------------------------------------------------------

    @property
    def session(self) -> Session | None:
        return None if self.current is None else self.sessions[self.current]

    def _in_session(self) -> bool:
        return self.session is not None and self.session.open

    def _before(self) -> bool:
        return self.clock.now() < self.week.at

    def _revealed_to(self, person: str) -> set[tuple[str, str, str]]:
        """What `revealed` shows *person*: both partners' shared entries, once revealed."""
        now, week, other = self.clock.now(), self.week, _other(person)
        if now >= week.at + LENGTH:
            return set()  # the next check-in's, and nobody prepared it yet
        if now >= week.at or week.opened:
            return week.shared(person) | week.shared(other)
        if week.ready == set(PARTNERS) and week.shared(other):
            return week.shared(person) | week.shared(other)
        return set()

    def _in(self, *states: str) -> bool:
        """Whether the session is open in one of *states*.

        The rules of this test act where the part allows something (the session's own
        stateful test checks the refusals).
        """
        return self.session is not None and self.session.state in states

    def _carried_before(self, item: uuid.UUID) -> int:
        return sum(1 for sid, s in self.signs.items() if sid != self.current and item in s.carried)

    def _sign(self, signs: Stalemate, shows: bool) -> None:
        if shows:
            signs.told = True

    # -- setting up ------------------------------------------------------------------------

    @initialize()
    def start(self) -> None:
        """A couple with small limits agree a check-in on Wednesdays at 19:00."""
        agreed = RelationshipSettings(
            rules=[PreparationRules(max_appreciations=2, max_went_right=1, max_issues=1), RULES]
        )
        self.couple = invite_and_accept(self.kit, PARTNERS, actor="ana", settings=agreed).id
        proposed = self.kit.checkins.propose(self.couple, actor="ben", weekday=2, start=time(19))
        self.schedule = self.kit.checkins.agree(proposed.id, actor="ana").id

    # -- preparing -------------------------------------------------------------------------

    @precondition(lambda self: self._before())
    @rule(actor=PERSON, kind=st.sampled_from(sorted(LIMITS)), share=st.booleans())
    def prepare(self, actor: str, kind: str, share: bool) -> None:
        """Write an entry in private, for sharing or not: refused once ready or the kind is full."""
        week = self.week
        self.written += 1
        words = f"{kind} number {self.written}"
        write = self.kit.preparations.write
        arguments = {"schedule_id": self.schedule, "kind": kind, "words": words, "share": share}
        if actor in week.ready:
            with pytest.raises(NotAllowedNow):
                write(self.couple, actor=actor, **arguments)
            return
        count = {k: sum(1 for e in week.entries[actor] if e[0] == k) for k in LIMITS}
        if count[kind] >= LIMITS[kind]:
            full = all(count[k] >= LIMITS[k] for k in LIMITS)
            with pytest.raises(NotAllowedNow if full else InvalidInput):
                write(self.couple, actor=actor, **arguments)
            return
        made = write(self.couple, actor=actor, **arguments)
        week.preparations[actor] = made.id
        week.entries[actor].append((kind, words, share))

    @precondition(lambda self: self._before())
    @rule(actor=PERSON)
    def ready(self, actor: str) -> None:
        """Mark oneself ready (once one has written something): the entries are set."""
        week = self.week
        if actor not in week.preparations or actor in week.ready:
            return
        self.kit.preparations.ready(week.preparations[actor], actor=actor)
        week.ready.add(actor)

    @precondition(lambda self: not self._in_session())
    @rule(actor=PERSON)
    def add_topic(self, actor: str) -> None:
        """Add a topic of one's own to the agenda (a few each), between sessions."""
        now = self.clock.now()
        own = [t for t, (author, _) in self.topics.items() if author == actor]
        if len(own) >= 3:
            with pytest.raises(NotAllowedNow):
                self.kit.agenda.add_topic(self.couple, actor=actor, words="Our Sundays.")
            return
        item = self.kit.agenda.add_topic(self.couple, actor=actor, words="Our Sundays.")
        ages_out = datetime.combine(now.date() + TOPIC_WINDOW, time(0), tzinfo=UTC)
        self.topics[item.id] = (actor, ages_out)

    # -- the check-in ----------------------------------------------------------------------

    @precondition(lambda self: self._before())
    @rule()
    def the_time_comes(self) -> None:
        """The check-in's time comes: what was marked for sharing shows to both."""
        self.clock.set(self.week.at)
        self._run_due()

    @precondition(lambda self: self._before() and not self._in_session())
    @rule(actor=PERSON)
    def open_on_the_day(self, actor: str) -> None:
        """Either partner opens the session on its day, a few hours early: it is revealed."""
        self.clock.set(max(self.clock.now(), self.week.at - timedelta(hours=3)))
        self._run_due()
        self._open(actor)
        self.week.opened = True

    @precondition(lambda self: not self._before() and not self._in_session())
    @rule(actor=PERSON)
    def open(self, actor: str) -> None:
        """Either partner opens the session, at or after its time."""
        self._open(actor)

    def _open(self, actor: str) -> None:
        made = self.kit.sessions.open(self.couple, actor=actor, schedule_id=self.schedule)
        self.current = made.id
        self.sessions[made.id] = Session(opened_at=self.clock.now())
        self.signs[made.id] = Stalemate()

    @precondition(lambda self: not self._before() and not self._in_session())
    @rule()
    def next_week(self) -> None:
        """The week goes on, to two days before the next check-in."""
        self.week = Week(self.week.at + timedelta(weeks=1))
        self.clock.set(self.week.at - timedelta(days=2))
        self._run_due()

    @rule(minutes=st.sampled_from([1, 6, 30]))
    def time_passes(self, minutes: int) -> None:
        """Time passes (within the week): a session left open past its ceiling ends."""
        if self.clock.now() + timedelta(minutes=minutes) >= self.week.at and self._before():
            return  # the check-in's time comes by `the_time_comes` only
        self.clock.advance(timedelta(minutes=minutes))
        self._run_due()

    def _run_due(self) -> None:
        self.kit.timers.run_due()
        now = self.clock.now()
        m = self.session
        self.topics = {t: v for t, v in self.topics.items() if now < v[1]}
        if m is not None and m.open and now >= m.opened_at + timedelta(minutes=RULES.max_minutes):
            self._ended(m)

    def _ended(self, m: Session) -> None:
        """The session ended: an issue of one's own words still heard goes on the agenda."""
        assert self.current is not None
        signs = self.signs[self.current]
        heard = ("speaking", "summarised", "understood")
        if signs.item is None and (m.state in heard or m.paused_in in heard):
            assert signs.raiser is not None
            self._carried_topic(signs.raiser)
        m.state, m.speaker, m.paused_in = "ended", None, None

    def _carried_topic(self, raiser: str) -> None:
        """An issue raised in *raiser*'s own words was put back on the agenda, as theirs."""
        now = self.clock.now()
        waiting = self.kit.checkins.agenda(self.couple, actor=_other(raiser))
        [new] = [i for i in waiting if i.workflow == "topic" and i.id not in self.topics]
        assert (new.author, new.about) == (raiser, "Our Sundays.")
        ages_out = datetime.combine(now.date() + TOPIC_WINDOW, time(0), tzinfo=UTC)
        self.topics[new.id] = (raiser, ages_out)

    # -- in the session --------------------------------------------------------------------

    def _try(self, actor: str, move: str, **arguments: object) -> Session | None:
        m = self.session
        if m is None or self.current is None:
            return None
        expected = m.refusal(actor, move)
        if expected is not None:
            with pytest.raises(expected):
                getattr(self.kit.sessions, move)(self.current, actor=actor, **arguments)
            return None
        getattr(self.kit.sessions, move)(self.current, actor=actor, **arguments)
        return m

    @precondition(lambda self: self._in(*SAYING))
    @rule(actor=PERSON)
    def say(self, actor: str) -> None:
        """Say what the part asks for: an appreciation, what went right, a summary, ..."""
        m = self.session
        assert m is not None
        move = SAYING[m.state]
        if self._try(actor, move, words="In my own words.") is None:
            return
        m.texts += 1
        if move == "appreciate":
            m.appreciations[actor] = m.appreciations.get(actor, 0) + 1
        if move == "summarise":
            m.state = "summarised"

    @precondition(lambda self: self._in("issue"))
    @rule(actor=PERSON, data=st.data())
    def raise_issue(self, actor: str, data: st.DataObject) -> None:
        """Raise an issue, in one's own words or taking up a topic waiting on the agenda."""
        m = self.session
        assert m is not None
        assert self.current is not None
        item = data.draw(st.sampled_from([*sorted(self.topics), None]))
        if self._try(actor, "raise_issue", words="Our Sundays.", item_id=item) is None:
            return
        m.texts += 1
        m.state, m.speaker, m.understood = "speaking", actor, []
        signs = self.signs[self.current]
        signs.rounds, signs.item, signs.raiser = 0, item, actor

    @precondition(lambda self: self._in("summarised"))
    @rule(actor=PERSON, more=st.booleans())
    def answer(self, actor: str, more: bool) -> None:
        """The speaker answers the summary: understood, or there is more."""
        self._move(actor, "there_is_more" if more else "understood")

    @precondition(lambda self: self._in_session())
    @rule(actor=PERSON, now=st.integers(0, 2))
    def take_break_or_come_back(self, actor: str, now: int) -> None:
        """Come back from a break, or take one alone (now and then, so sessions go on)."""
        assert self.session is not None
        if self.session.state == "on break":
            self._move(actor, "resume")
        elif now == 1:
            self._move(actor, "take_break")

    def _move(self, actor: str, move: str) -> None:
        assert self.current is not None
        signs = self.signs[self.current]
        m = self._try(actor, move)
        if m is None:
            return
        if move == "understood":
            assert m.speaker is not None
            m.understood.append(m.speaker)
            if _other(m.speaker) in m.understood:
                m.state = "understood"
            else:
                m.state, m.speaker = "speaking", _other(m.speaker)
                signs.rounds = 0
        elif move == "there_is_more":
            m.state = "speaking"
            signs.rounds += 1
            self._sign(signs, signs.rounds >= RULES.rounds)
        elif move == "take_break":
            m.paused_in, m.state = m.state, "on break"
            signs.breaks += 1
            self._sign(signs, signs.breaks >= RULES.breaks)
        elif move == "resume":
            assert m.paused_in is not None
            m.state, m.paused_in = m.paused_in, None

    @precondition(lambda self: self._in(*PARTS[:-1]))
    @rule(actor=PERSON)
    def next_part(self, actor: str) -> None:
        """Move on to the next part (after the last one, the session is done)."""
        m = self._try(actor, "next_part")
        if m is not None:
            m.state = PARTS[PARTS.index(m.state) + 1]

    @precondition(lambda self: self._in_session())
    @rule(actor=PERSON, now=st.integers(0, 5))
    def end(self, actor: str, now: int) -> None:
        """End the session alone (drawn less often than the other moves, so sessions last)."""
        if now == 3 and self._try(actor, "end") is not None:
            assert self.session is not None
            self._ended(self.session)

    @precondition(lambda self: self._in("speaking", "summarised", "understood"))
    @rule(actor=PERSON, outcome=st.sampled_from(["carried over", "agreed", "third person"]))
    def close_issue(self, actor: str, outcome: str) -> None:
        """Close the issue: agreed once both were understood, carried over, or a third person."""
        m = self.session
        assert m is not None
        assert self.current is not None
        agreed_early = outcome == "agreed" and m.state != "understood"
        if m.refusal(actor, "close_issue") is None and agreed_early:
            with pytest.raises(InvalidInput):
                self.kit.sessions.close_issue(self.current, actor=actor, outcome=outcome)
            return
        if self._try(actor, "close_issue", outcome=outcome) is None:
            return
        m.state, m.speaker, m.understood = "issue", None, []
        signs = self.signs[self.current]
        item, signs.item, signs.rounds = signs.item, None, 0
        if outcome == "carried over" and item is None:
            assert signs.raiser is not None
            self._carried_topic(signs.raiser)
        if outcome != "carried over" and item is not None:
            self.topics.pop(item, None)  # taken up: it leaves the agenda
        if outcome == "carried over" and item is not None:
            signs.carried.add(item)
            self._sign(signs, 1 + self._carried_before(item) >= RULES.carried_over_sessions)

    # -- a third person --------------------------------------------------------------------

    def _open_third(self) -> uuid.UUID | None:
        return next((i for i, t in self.third.items() if t.open), None)

    @rule(actor=PERSON, categories=CHOSEN)
    def propose_a_third_person(self, actor: str, categories: list[str]) -> None:
        """Propose inviting Tess, consenting to some categories: one at a time."""
        propose = self.kit.facilitators.propose
        arguments = {"person": TESS, "approach": "couples therapist", "categories": categories}
        if self._open_third() is not None:
            with pytest.raises(NotAllowedNow):
                propose(self.couple, actor=actor, **arguments)
            return
        made = propose(self.couple, actor=actor, **arguments)
        nothing: frozenset[str] = frozenset()
        consents = {p: frozenset(categories) if p == actor else nothing for p in PARTNERS}
        self.third[made.id] = ThirdPerson(proposer=actor, consents=consents)

    def _third_move(self, actor: str, move: str, **arguments: object) -> ThirdPerson | None:
        """Make *move* on the open third person if the model allows it, else expect a refusal."""
        found = self._open_third()
        if found is None:
            return None
        third, now = self.third[found], self.clock.now()
        call = getattr(self.kit.facilitators, move)
        if move in third.moves_of(actor, now):
            call(found, actor=actor, **arguments)
            return third
        if actor not in PARTNERS and third.state != "invited":
            expected: type[Exception] = NotFound  # not theirs to see, as for a stranger
        elif any(move in third.moves_of(p, now) for p in (*PARTNERS, TESS)):
            expected = NotPermitted
        else:
            expected = NotAllowedNow
        with pytest.raises(expected):
            call(found, actor=actor, **arguments)
        return None

    @rule(actor=PERSON, agree=st.booleans(), categories=CHOSEN)
    def answer_the_proposal(self, actor: str, agree: bool, categories: list[str]) -> None:
        """The partner asked agrees (consenting to some categories) or says no."""
        if agree:
            third = self._third_move(actor, "agree", categories=categories)
            if third is not None:
                third.state = "invited"
                third.consents[actor] = frozenset(categories)
        elif (third := self._third_move(actor, "decline")) is not None:
            third.state = "declined"

    @rule(actor=PERSON, categories=CHOSEN)
    def change_consent(self, actor: str, categories: list[str]) -> None:
        """A partner sets what they consent to share: narrowing applies at once."""
        found = self._open_third()
        third = None if found is None else self.third[found]
        same = third is not None and third.consents[actor] == frozenset(categories)
        if same and third is not None and "consent" in third.moves_of(actor, self.clock.now()):
            with pytest.raises(InvalidInput):  # what they consent to already
                self.kit.facilitators.consent(found, actor=actor, categories=categories)
            return
        third = self._third_move(actor, "consent", categories=categories)
        if third is not None:
            third.consents[actor] = frozenset(categories)

    @rule(actor=PERSON, end=st.sampled_from(["remove", "withdraw"]))
    def end_their_part(self, actor: str, end: str) -> None:
        """A partner alone removes the third person, or the proposer withdraws the proposal."""
        third = self._third_move(actor, end)
        if third is not None:
            third.state = "removed" if end == "remove" else "withdrawn"

    @rule(move=st.sampled_from(["reflect", "suggest", "remove_entry", "step_down"]))
    def the_third_person_acts(self, move: str) -> None:
        """Tess reflects back, suggests, takes an entry out, or steps down."""
        arguments: dict[str, object] = {}
        if move in ("reflect", "suggest"):
            arguments["words"] = "What I heard is that Sundays matter to you both."
        found = self._open_third()
        if move == "remove_entry":
            kept = [] if found is None else self.third[found].entries
            arguments["entry"] = kept[0] if kept else 1
        third = self._third_move(TESS, move, **arguments)
        if third is None:
            return
        if move == "step_down":
            third.state = "ended"
        elif move == "remove_entry":
            third.entries.pop(0)
        else:
            third.entries.append(len(third.written) + 1)
            third.written.append(self.clock.now())

    @rule(category=st.sampled_from(CATEGORIES))
    def the_third_person_reads(self, category: str) -> None:
        """Tess reads a category: only while invited and both partners consent to it now."""
        if not self.third:
            return
        latest = list(self.third)[-1]
        third, shared = self.third[latest], self.kit.facilitators.shared
        if third.state != "invited":
            with pytest.raises(NotFound):
                shared(latest, actor=TESS, category=category)
            return
        if category not in third.scope:
            with pytest.raises(NotAllowedNow):
                shared(latest, actor=TESS, category=category)
            return
        read = shared(latest, actor=TESS, category=category)
        assert read == shared(latest, actor="ana", category=category)  # what they see, alike
        if category == "agenda":
            both = [self.kit.checkins.agenda(self.couple, actor=p) for p in PARTNERS]
            seen_by_ben = {i.id for i in both[1]}
            assert [i.about for i in read] == [i.about for i in both[0] if i.id in seen_by_ben]
        elif category == "revealed entries":
            both = [self._revealed_to(p) for p in PARTNERS]
            expected = sorted((kind, words) for _, kind, words in both[0] & both[1])
            assert sorted((e.kind.value, e.words) for e in read) == expected
        else:
            m = self.session
            assert len(read) == (m.texts if m is not None and m.open else 0)
        for entry in read:  # never who wrote what
            assert "ana" not in repr(entry)
            assert "ben" not in repr(entry)

    # -- what must hold after every step ---------------------------------------------------

    @invariant()
    def entries_show_to_both_at_once_and_only_the_shared_ones(self) -> None:
        """Nothing of the other's preparation shows before the reveal; then the same to both."""
        for person in PARTNERS:
            shown = self.kit.preparations.revealed(self.schedule, actor=person)
            got = {(e.author, e.kind.value, e.words) for e in shown}
            assert got == self._revealed_to(person), (person, self.clock.now())

    @invariant()
    def each_partner_is_offered_the_moves_of_the_practice(self) -> None:
        """`moves()` lists, for both partners, what the practice allows now."""
        for sid, m in self.sessions.items():
            for person in PARTNERS:
                assert set(self.kit.sessions.moves(sid, actor=person)) == m.moves_of(person)

    @invariant()
    def a_third_persons_moves_are_the_practices(self) -> None:
        """`moves()` for both partners and for Tess; once out, she is as a stranger."""
        now = self.clock.now()
        for fid, third in self.third.items():
            for person in PARTNERS:
                assert set(self.kit.facilitators.moves(fid, actor=person)) == third.moves_of(
                    person, now
                )
            if third.state == "invited":
                assert set(self.kit.facilitators.moves(fid, actor=TESS)) == third.moves_of(
                    TESS, now
                )
            else:
                with pytest.raises(NotFound):
                    self.kit.facilitators.moves(fid, actor=TESS)

    @invariant()
    def a_stalemate_is_told_once_a_session_when_a_sign_shows(self) -> None:
        """Both hear of a stalemate once a session, exactly when one of its signs showed."""
        for sid, signs in self.signs.items():
            for person in PARTNERS:
                told = [
                    e
                    for e in self.kit.sessions.events(sid, actor=person)
                    if getattr(e, "stalemate", False)
                ]
                assert len(told) == int(signs.told), (sid, person)

    @invariant()
    def the_agenda_keeps_the_topics_waiting(self) -> None:
        """Topics wait until taken up or aged out; a carried-over one still waits."""
        for person in PARTNERS:
            waiting = self.kit.checkins.agenda(self.couple, actor=person)
            assert {i.id for i in waiting if i.workflow == "topic"} == set(self.topics)


class SQLiteCheckInMachine(CheckInMachine):
    """The same machine over SQLite."""

    storage_kind = "sqlite"


STEPS = settings(stateful_step_count=80, deadline=None)

TestCheckInWeeksInMemory = CheckInMachine.TestCase
TestCheckInWeeksInMemory.settings = STEPS
TestCheckInWeeksInMemory.__doc__ = "Weeks of check-ins keep to the practice, in memory."

TestCheckInWeeksInSQLite = SQLiteCheckInMachine.TestCase
TestCheckInWeeksInSQLite.settings = STEPS
TestCheckInWeeksInSQLite.__doc__ = "Weeks of check-ins keep to the practice, on SQLite."
