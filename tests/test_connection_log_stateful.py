"""Stateful property tests: random log entries and joint reviews against a reference model.

The model is written from the practice (docs/practices.md, the private log; issue 20),
not from the library's table: each partner keeps their own entries, private until they
share one; only its author shares, unshares, edits or deletes it, and the partner reads
a shared one at its part of the day, at version 1, and can do nothing with it. Either
partner proposes a review; only the other answers it, the proposer alone takes it back;
once open, both write takeaways, each at most their share (3 of 5), each removes their
own (numbers never come back), and either closes it. Its patterns count the tags and
kinds of the entries shared now whose day is in its period, both partners' together.
A proposal reaches the partner, so it counts against the proposer's day; nothing else does.
One proposal of each partner waits at a time; unanswered for a week it lapses; after a
no its proposer waits a day before proposing again.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections import Counter
from datetime import UTC, date, datetime, time, timedelta

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

PARTNERS = ("ana", "ben")
ACTOR = st.sampled_from((*PARTNERS, "eve"))
WHAT = st.sampled_from(["We laughed over dinner.", "I felt alone after the call.", "  "])
TAGS = st.sampled_from([(), ("tiredness",), ("touch", "tiredness"), ("blame",)])
KIND = st.sampled_from(["connection", "neglect"])
DAYS_BACK = st.sampled_from([None, 2, 9, 20])
BUDGET = 3
PERIOD_DAYS = 13
MAX_TAKEAWAYS, EACH = 5, 3
LAPSE = timedelta(days=7)
REASK = timedelta(hours=24)
STARTS = ((5, "morning"), (12, "afternoon"), (17, "evening"), (22, "night"))


def _moment(now: datetime) -> tuple[date, str]:
    """The day and part of the day of *now* (UTC), as the practice places a moment."""
    if now.hour < 5:
        return now.date() - timedelta(days=1), "night"
    part = [name for hour, name in STARTS if hour <= now.hour][-1]
    return now.date(), part


def _start(day: date, part: str) -> datetime:
    hour = next(h for h, name in STARTS if name == part)
    return datetime.combine(day, time(hour), tzinfo=UTC)


@dataclasses.dataclass
class Entry:
    """What one log entry should look like, kept by the test alone."""

    author: str
    partner: str
    kind: str
    what: str
    tags: tuple[str, ...]
    day: date
    part: str
    state: str = "private"
    moves: int = 1

    def sees(self, person: str) -> bool:
        return person == self.author or (person == self.partner and self.state == "shared")

    def moves_of(self, person: str) -> set[str]:
        if person != self.author:
            return set()
        return {
            "private": {"edit", "share", "delete"},
            "shared": {"edit", "unshare", "delete"},
        }.get(self.state, set())


@dataclasses.dataclass
class Review:
    """What one joint review should look like."""

    proposer: str
    partner: str
    first: date
    last: date
    proposed_at: datetime
    state: str = "proposed"
    takeaways: list[tuple[int, str, str]] = dataclasses.field(default_factory=list)
    """(number, author, words), in the order written."""
    written: int = 0
    answered_at: datetime | None = None

    def own(self, person: str) -> list[int]:
        return [number for number, author, _ in self.takeaways if author == person]

    def moves_of(self, person: str) -> set[str]:
        if person not in (self.proposer, self.partner):
            return set()
        if self.state == "proposed":
            return {"withdraw"} if person == self.proposer else {"agree", "decline"}
        if self.state == "open":
            moves = {"close"}
            if len(self.takeaways) < MAX_TAKEAWAYS and len(self.own(person)) < EACH:
                moves.add("add_takeaway")
            if self.own(person):
                moves.add("remove_takeaway")
            return moves
        return set()


class LogMachine(KitMachine):
    """Ana and Ben (and Eve, an outsider) keep logs and review what they share."""

    entries = Bundle("entries")
    reviews = Bundle("reviews")

    def __init__(self) -> None:
        super().__init__()
        self.logged: dict[uuid.UUID, Entry] = {}
        self.reviewed: dict[uuid.UUID, Review] = {}
        self.proposals: dict[tuple[str, date], int] = {}
        self.couple = uuid.uuid4()

    @initialize()
    def start(self) -> None:
        """A couple with a small budget, agreed the day before."""
        agreed = RelationshipSettings(rules=[RelationshipRules(daily_items=BUDGET)])
        self.couple = invite_and_accept(self.kit, PARTNERS, actor="ana", settings=agreed).id
        self.clock.advance(timedelta(days=1))

    # -- the log ------------------------------------------------------------------------

    @rule(target=entries, actor=ACTOR, kind=KIND, what=WHAT, tags=TAGS, back=DAYS_BACK)
    def write(
        self, actor: str, kind: str, what: str, tags: tuple[str, ...], back: int | None
    ) -> object:
        """Write an entry (an outsider cannot; it takes words and tags off the list)."""
        now = self.clock.now()
        day, part = _moment(now) if back is None else (now.date() - timedelta(days=back), "evening")
        placed = {} if back is None else {"day": day, "part": part}
        expected: type[Exception] | None = None
        if actor not in PARTNERS:
            expected = NotFound
        elif not what.strip() or "blame" in tags:
            expected = InvalidInput
        if expected is not None:
            with pytest.raises(expected):
                self.kit.log.write(
                    self.couple, actor=actor, kind=kind, what=what, trigger_tags=tags, **placed
                )
            return multiple()
        made = self.kit.log.write(
            self.couple, actor=actor, kind=kind, what=what, trigger_tags=tags, **placed
        )
        other = "ben" if actor == "ana" else "ana"
        self.logged[made.id] = Entry(
            actor, other, kind, what.strip(), tuple(dict.fromkeys(tags)), day, part
        )
        return made.id

    def _refusal(self, entry: Entry, actor: str, move: str) -> type[Exception] | None:
        if not entry.sees(actor):
            return NotFound
        if move in entry.moves_of(actor):
            return None
        return (
            NotPermitted
            if actor != entry.author and move in entry.moves_of(entry.author)
            else NotAllowedNow
        )

    @rule(eid=entries, actor=ACTOR, move=st.sampled_from(["share", "unshare", "delete"]))
    def move_entry(self, eid: uuid.UUID, actor: str, move: str) -> None:
        """Its author shares, unshares or deletes it; nobody else can."""
        entry = self.logged[eid]
        expected = self._refusal(entry, actor, move)
        if expected is not None:
            with pytest.raises(expected):
                getattr(self.kit.log, move)(eid, actor=actor)
            return
        getattr(self.kit.log, move)(eid, actor=actor)
        entry.state = {"share": "shared", "unshare": "private", "delete": "deleted"}[move]
        entry.moves += 1
        if entry.state == "deleted":
            entry.what, entry.tags = "", ()

    @rule(eid=entries, actor=ACTOR, what=WHAT, tags=TAGS)
    def edit(self, eid: uuid.UUID, actor: str, what: str, tags: tuple[str, ...]) -> None:
        """Its author rewrites it, shared or not."""
        entry = self.logged[eid]
        expected = self._refusal(entry, actor, "edit")
        if expected is None and (not what.strip() or "blame" in tags):
            expected = InvalidInput
        if expected is not None:
            with pytest.raises(expected):
                self.kit.log.edit(eid, actor=actor, what=what, trigger_tags=tags)
            return
        self.kit.log.edit(eid, actor=actor, what=what, trigger_tags=tags)
        entry.what, entry.tags = what.strip(), tuple(dict.fromkeys(tags))
        entry.moves += 1

    # -- reviews ------------------------------------------------------------------------

    @rule(target=reviews, actor=ACTOR)
    def propose(self, actor: str) -> object:
        """Either partner proposes a review of the last two weeks: a new item of their day."""
        today = self.clock.now().date()
        first = today - timedelta(days=PERIOD_DAYS)
        expected: type[Exception] | None = None
        if actor not in PARTNERS:
            expected = NotFound
        elif self.proposals.get((actor, today), 0) >= BUDGET or self._waits(actor):
            expected = NotAllowedNow
        if expected is not None:
            with pytest.raises(expected):
                self.kit.log_reviews.propose(
                    self.couple, actor=actor, period_start=first, period_end=today
                )
            return multiple()
        made = self.kit.log_reviews.propose(
            self.couple, actor=actor, period_start=first, period_end=today
        )
        self.proposals[actor, today] = self.proposals.get((actor, today), 0) + 1
        other = "ben" if actor == "ana" else "ana"
        self.reviewed[made.id] = Review(actor, other, first, today, proposed_at=self.clock.now())
        return made.id

    def _waits(self, actor: str) -> bool:
        """Whether a proposal of *actor*'s waits, or a no to one came less than a day ago."""
        now = self.clock.now()
        for review in self.reviewed.values():
            if review.proposer != actor:
                continue
            if review.state == "proposed" and now < review.proposed_at + LAPSE:
                return True
            answered = review.answered_at
            if review.state == "declined" and answered is not None and now < answered + REASK:
                return True
        return False

    @rule(
        rid=reviews,
        actor=ACTOR,
        move=st.sampled_from(["agree", "decline", "withdraw", "close", "add_takeaway"]),
    )
    def move_review(self, rid: uuid.UUID, actor: str, move: str) -> None:
        """The partner asked answers; the proposer takes it back; either writes or closes."""
        review = self.reviewed[rid]
        extra = {"words": "A call helps when work runs late."} if move == "add_takeaway" else {}
        expected: type[Exception] | None = None
        if actor not in PARTNERS:
            expected = NotFound
        elif move not in review.moves_of(actor):
            expected = (NotAllowedNow, NotPermitted)  # type: ignore[assignment]
        if expected is not None:
            with pytest.raises(expected):
                getattr(self.kit.log_reviews, move)(rid, actor=actor, **extra)
            return
        getattr(self.kit.log_reviews, move)(rid, actor=actor, **extra)
        if move == "add_takeaway":
            review.written += 1
            review.takeaways.append((review.written, actor, extra["words"]))
        else:
            review.answered_at = self.clock.now()
            review.state = {
                "agree": "open",
                "decline": "declined",
                "withdraw": "withdrawn",
                "close": "closed",
            }[move]

    @rule(rid=reviews, actor=ACTOR, pick=st.integers(min_value=0, max_value=6))
    def remove_takeaway(self, rid: uuid.UUID, actor: str, pick: int) -> None:
        """A partner removes a takeaway: their own only, while the review is open."""
        review = self.reviewed[rid]
        numbers = [number for number, _, _ in review.takeaways] or [1]
        number = numbers[pick % len(numbers)]
        author = next((a for n, a, _ in review.takeaways if n == number), None)
        expected: type[Exception] | tuple[type[Exception], ...] | None = None
        if actor not in PARTNERS:
            expected = NotFound
        elif review.state != "open":
            expected = NotAllowedNow
        elif author is None:
            expected = (InvalidInput, NotPermitted)  # no such number; or none of one's own
        elif author != actor:
            expected = NotPermitted
        if expected is not None:
            with pytest.raises(expected):
                self.kit.log_reviews.remove_takeaway(rid, actor=actor, takeaway=number)
            return
        self.kit.log_reviews.remove_takeaway(rid, actor=actor, takeaway=number)
        review.takeaways = [t for t in review.takeaways if t[0] != number]

    @rule(hours=st.sampled_from([1, 7, 30, 24 * 6]))
    def time_passes(self, hours: int) -> None:
        """Time passes and the app runs what fell due: unanswered proposals lapse."""
        self.clock.advance(timedelta(hours=hours))
        self.kit.timers.run_due(limit=1000)
        now = self.clock.now()
        for review in self.reviewed.values():
            if review.state == "proposed" and now >= review.proposed_at + LAPSE:
                review.state, review.answered_at = "lapsed", review.proposed_at + LAPSE

    # -- what each reads ------------------------------------------------------------------

    @invariant()
    def the_moves_each_person_is_offered_match_the_model(self) -> None:
        """`moves()` lists what the practice allows, for both partners; unseen is NotFound."""
        for eid, entry in self.logged.items():
            for person in (*PARTNERS, "eve"):
                if not entry.sees(person):
                    with pytest.raises(NotFound):
                        self.kit.log.moves(eid, actor=person)
                    continue
                assert set(self.kit.log.moves(eid, actor=person)) == entry.moves_of(person)
        for rid, review in self.reviewed.items():
            for person in PARTNERS:
                assert set(self.kit.log_reviews.moves(rid, actor=person)) == review.moves_of(person)
            with pytest.raises(NotFound):
                self.kit.log_reviews.moves(rid, actor="eve")

    @invariant()
    def each_reads_the_entries_as_the_model_says(self) -> None:
        """The author reads every move; the partner a shared one at its part of the day."""
        for eid, entry in self.logged.items():
            for person in PARTNERS:
                if not entry.sees(person):
                    with pytest.raises(NotFound):
                        self.kit.log.get(eid, actor=person)
                    continue
                got = self.kit.log.get(eid, actor=person)
                assert (got.state.value, got.what, got.trigger_tags, got.kind.value) == (
                    entry.state,
                    entry.what,
                    entry.tags,
                    entry.kind,
                )
                assert (got.day, got.part.value) == (entry.day, entry.part)
                if person == entry.author:
                    assert got.version == entry.moves
                else:
                    start = _start(entry.day, entry.part)
                    assert (got.version, got.created_at, got.changed_at) == (1, start, start)
                    assert self.kit.log.events(eid, actor=person) == []
        days = {e.day for e in self.logged.values()}
        for person in PARTNERS:
            found = {e.id for e in self.kit.log.find(self.couple, actor=person)}
            assert found == {eid for eid, e in self.logged.items() if e.author == person}
            for day in days:  # both partners' shared entries of a week, by moment, then id
                shared = self.kit.log.shared(self.couple, actor=person, week=day)
                assert [e.id for e in shared] == sorted(
                    (
                        eid
                        for eid, e in self.logged.items()
                        if e.state == "shared" and e.day.isocalendar()[:2] == day.isocalendar()[:2]
                    ),
                    key=lambda eid: (_start(self.logged[eid].day, self.logged[eid].part), eid.int),
                )

    @invariant()
    def an_open_review_shows_the_models_patterns(self) -> None:
        """Over the entries shared now in its period, both partners' together, alike for both."""
        for rid, review in self.reviewed.items():
            if review.state != "open":
                for person in PARTNERS:
                    with pytest.raises(NotAllowedNow):
                        self.kit.log_reviews.patterns(rid, actor=person)
                continue
            inside = [
                e
                for e in self.logged.values()
                if e.state == "shared" and review.first <= e.day <= review.last
            ]
            tags = Counter(tag for e in inside for tag in e.tags)
            top = sorted(tags.items(), key=lambda item: (-item[1], item[0]))[:3]
            by_kind = Counter(e.kind for e in inside)
            for person in PARTNERS:
                patterns = self.kit.log_reviews.patterns(rid, actor=person)
                assert patterns.entries == len(inside)
                assert [(t.tag, t.count) for t in patterns.triggers] == top
                assert sum(w.connection for w in patterns.weeks) == by_kind["connection"]
                assert sum(w.neglect for w in patterns.weeks) == by_kind["neglect"]
                shown = self.kit.log_reviews.get(rid, actor=person)
                assert [(t.number, t.author, t.words) for t in shown.takeaways] == (
                    review.takeaways
                )


class SQLiteLogMachine(LogMachine):
    """The same machine over SQLite."""

    storage_kind = "sqlite"


STEPS = settings(stateful_step_count=40, deadline=None)

TestLogInMemory = LogMachine.TestCase
TestLogInMemory.settings = STEPS
TestLogInMemory.__doc__ = "Random moves keep in-memory log entries and reviews in line."

TestLogInSQLite = SQLiteLogMachine.TestCase
TestLogInSQLite.settings = STEPS
TestLogInSQLite.__doc__ = "Random moves keep SQLite log entries and reviews in line."
