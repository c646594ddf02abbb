"""The private log and joint reviews (issue 20): on memory, SQLite and PostgreSQL.

An entry is its author's alone until shared, one by one; the partner reads a shared one
with its day and part of the day only; deleting leaves nothing in what they read. A
review shows patterns over shared entries of its period, never split by person, read
week by week from an index; takeaways are the partners' words and can seed drafts.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

import pytest

from conftest import START, invite_and_accept
from repairkit import ManualClock, MemoryNotifier, RelationshipSettings, RepairKit
from repairkit.adapters import MemoryStorage
from repairkit.boundaries import Boundary
from repairkit.connectionlog import (
    LogEntryState,
    LogRules,
    PartOfDay,
    ReviewRules,
    ReviewState,
    TagCount,
    WeekFigures,
)
from repairkit.errors import InvalidInput, NotAllowedNow, NotFound, NotPermitted
from repairkit.ports import E
from repairkit.requests import Request
from test_flat_lists import ReadWatch

MONDAY = START.date()
"""2026-03-02, in ISO week 2026-W10."""


def _write(kit: RepairKit, couple: uuid.UUID, actor: str = "ana", **more: object):
    fields: dict[str, object] = {"kind": "neglect", "what": "We ate apart again."}
    fields.update(more)
    return kit.log.write(couple, actor=actor, **fields)  # type: ignore[arg-type]


# -- the log ----------------------------------------------------------------------------


def test_an_entry_is_its_authors_alone_until_shared(kit, couple):
    """Unshared, the partner reads nothing of it: not in find, not by id, no events."""
    entry = _write(kit, couple.id)
    assert entry.state is LogEntryState.PRIVATE
    assert kit.log.shared(couple.id, actor="ben", week=MONDAY) == []
    with pytest.raises(NotFound):
        kit.log.get(entry.id, actor="ben")
    with pytest.raises(NotFound):
        kit.log.events(entry.id, actor="ben")
    assert kit.log.moves(entry.id, actor="ana") == ("edit", "share", "delete")


def test_a_shared_entry_shows_its_part_of_the_day_only(kit, couple, clock):
    """Shared and rewritten later, the partner reads it at version 1, at its part of the day."""
    clock.advance(timedelta(hours=5, minutes=17))  # 14:17, an afternoon
    entry = _write(kit, couple.id, trigger_tags=["tiredness"])
    clock.advance(timedelta(hours=3))
    kit.log.share(entry.id, actor="ana")
    clock.advance(timedelta(hours=2))
    kit.log.edit(entry.id, actor="ana", what="We ate apart, and I missed you.")
    seen = kit.log.get(entry.id, actor="ben")
    afternoon = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
    assert (seen.day, seen.part) == (MONDAY, PartOfDay.AFTERNOON)
    assert (seen.created_at, seen.changed_at, seen.version) == (afternoon, afternoon, 1)
    assert seen.what == "We ate apart, and I missed you."
    assert kit.log.events(entry.id, actor="ben") == []
    assert kit.log.moves(entry.id, actor="ben") == ()
    assert kit.log.get(entry.id, actor="ana").version == 3


def test_pages_list_ones_own_and_shared_entries_read_by_week(kit, couple, clock):
    """`find` pages over one's own entries only; what both shared reads by week, by moment.

    Pages follow the order entries were stored and shared in: around Ben's own entries,
    a page would tell him when Ana wrote or shared hers. So they are not in his pages,
    nor usable as his cursor; `shared` gives them in the order of their day and part of
    the day, then id, whenever she wrote or shared them.
    """
    clock.advance(timedelta(hours=12))  # 21:00, an evening
    evening = _write(kit, couple.id, kind="connection", what="A slow dinner.")
    mine = [_write(kit, couple.id, actor="ben", what=f"Mine {n}.") for n in range(3)]
    morning = _write(kit, couple.id, kind="connection", what="Coffee together.", part="morning")
    kit.log.share(morning.id, actor="ana")
    kit.log.share(evening.id, actor="ana")
    kit.log.share(mine[1].id, actor="ben")
    pages, after = [], None
    while True:
        page = kit.log.find(couple.id, actor="ben", limit=1, after=after)
        pages.extend(e.id for e in page)
        if page.cursor is None:
            break
        after = page.cursor
    assert sorted(pages) == sorted(e.id for e in mine)  # his own, a page at a time
    assert pages == [e.id for e in kit.log.find(couple.id, actor="ben")]
    with pytest.raises(InvalidInput) as refused:
        kit.log.find(couple.id, actor="ben", after=morning.id)
    assert refused.value.field == "after"
    both = [morning.id, *sorted((mine[1].id, evening.id), key=lambda i: i.int)]  # two evenings
    for reader in ("ana", "ben"):
        assert [e.id for e in kit.log.shared(couple.id, actor=reader, week=MONDAY)] == both
    sunday = MONDAY + timedelta(days=6)
    assert [e.id for e in kit.log.shared(couple.id, actor="ben")] == both  # this week
    assert [e.id for e in kit.log.shared(couple.id, actor="ben", week=sunday)] == both
    assert kit.log.shared(couple.id, actor="ben", week=MONDAY + timedelta(days=7)) == []
    for bad in ("2026-W10", START):
        with pytest.raises(InvalidInput):
            kit.log.shared(couple.id, actor="ben", week=bad)  # type: ignore[arg-type]


def test_unsharing_and_deleting_take_it_out_of_the_partners_view(kit, couple):
    """Unshared, it leaves the partner's view; deleted, nothing of its words is kept."""
    entry = _write(kit, couple.id, trigger="Work ran late.", helped="A walk.")
    kit.log.share(entry.id, actor="ana")
    kit.log.unshare(entry.id, actor="ana")
    assert kit.log.shared(couple.id, actor="ben", week=MONDAY) == []
    kit.log.share(entry.id, actor="ana")
    deleted = kit.log.delete(entry.id, actor="ana")
    assert deleted.state is LogEntryState.DELETED
    assert (deleted.what, deleted.trigger, deleted.helped, deleted.trigger_tags) == (
        "",
        None,
        None,
        (),
    )
    assert kit.log.shared(couple.id, actor="ben", week=MONDAY) == []
    with pytest.raises(NotFound):
        kit.log.get(entry.id, actor="ben")
    with pytest.raises(NotAllowedNow):
        kit.log.share(entry.id, actor="ana")


def test_only_the_author_moves_an_entry(kit, couple):
    """The partner reading a shared entry can neither edit, unshare nor delete it."""
    entry = _write(kit, couple.id)
    kit.log.share(entry.id, actor="ana")
    for move in ("unshare", "delete"):
        with pytest.raises(NotPermitted, match="Only the partner who wrote"):
            getattr(kit.log, move)(entry.id, actor="ben")
    with pytest.raises(NotPermitted):
        kit.log.edit(entry.id, actor="ben", what="Not mine to write.")
    assert kit.log.get(entry.id, actor="ben").what == "We ate apart again."


def test_a_moment_is_placed_by_day_and_part_never_ahead(kit, couple, clock):
    """A past day and part are taken; a day, or a part of today, still to come is refused."""
    earlier = _write(kit, couple.id, day=MONDAY - timedelta(days=3), part="evening")
    assert (earlier.day, earlier.part) == (MONDAY - timedelta(days=3), PartOfDay.EVENING)
    with pytest.raises(InvalidInput, match="day"):
        _write(kit, couple.id, day=MONDAY + timedelta(days=1), part="morning")
    with pytest.raises(InvalidInput, match="day"):
        _write(kit, couple.id, day=MONDAY, part="night")  # 09:00: tonight is still to come
    clock.advance(timedelta(hours=18))  # Tuesday 03:00: still Monday's night
    late = _write(kit, couple.id)
    assert (late.day, late.part) == (MONDAY, PartOfDay.NIGHT)


def test_tags_come_from_the_rules_lists_which_the_couple_can_change(kit):
    """A tag off the list is refused; a couple's own list, agreed in settings, is taken."""
    own = LogRules(trigger_tags=("the commute", "tiredness"))
    couple = invite_and_accept(
        kit, ("cai", "dee"), actor="cai", settings=RelationshipSettings(rules=[own])
    )
    with pytest.raises(InvalidInput, match="trigger_tags"):
        _write(kit, couple.id, actor="cai", trigger_tags=["screens"])
    entry = _write(kit, couple.id, actor="cai", trigger_tags=["the commute"])
    assert entry.trigger_tags == ("the commute",)
    with pytest.raises(InvalidInput, match="helped_tags"):
        _write(
            kit, couple.id, actor="cai", helped_tags=["a walk", "touch", "a pause", "time alone"]
        )


def test_the_parts_of_the_day_begin_at_the_couples_hours(kit, clock):
    """With the evening from 19:00, 18:30 is still the afternoon; out of order is refused."""
    own = LogRules(evening_from=19, night_from=23)
    couple = invite_and_accept(
        kit, ("cai", "dee"), actor="cai", settings=RelationshipSettings(rules=[own])
    )
    clock.advance(timedelta(hours=9, minutes=30))  # 18:30
    entry = _write(kit, couple.id, actor="cai")
    assert entry.part is PartOfDay.AFTERNOON
    kit.log.share(entry.id, actor="cai")
    assert kit.log.get(entry.id, actor="dee").created_at == datetime(2026, 3, 2, 12, tzinfo=UTC)
    with pytest.raises(InvalidInput, match="morning_from"):
        LogRules(morning_from=13)


def test_nobody_is_told_of_anything_done_in_a_log(kit, couple, notifier):
    """Writing, sharing, rewriting, unsharing and deleting send no notification."""
    entry = _write(kit, couple.id)
    kit.log.share(entry.id, actor="ana")
    kit.log.edit(entry.id, actor="ana", what="Other words.")
    kit.log.unshare(entry.id, actor="ana")
    kit.log.delete(entry.id, actor="ana")
    assert notifier.received == []


# -- joint reviews ----------------------------------------------------------------------


def _shared(kit: RepairKit, couple: uuid.UUID, actor: str, **more: object) -> uuid.UUID:
    entry = _write(kit, couple, actor, **more)
    kit.log.share(entry.id, actor=actor)
    return entry.id


def _open_review(kit: RepairKit, couple: uuid.UUID, start: date, end: date) -> uuid.UUID:
    review = kit.log_reviews.propose(couple, actor="ben", period_start=start, period_end=end)
    kit.log_reviews.agree(review.id, actor="ana")
    return review.id


def test_a_review_shows_patterns_over_shared_entries_of_its_period_only(kit, couple, clock):
    """Across both partners, never split by person; private, deleted and outside left out."""
    clock.advance(timedelta(days=9))  # Wednesday of ISO week 2026-W11
    last_week = MONDAY + timedelta(days=1)
    _shared(kit, couple.id, "ana", day=last_week, part="evening", trigger_tags=["tiredness"])
    _shared(
        kit,
        couple.id,
        "ben",
        kind="connection",
        day=last_week,
        part="morning",
        trigger_tags=["tiredness", "touch"],
        helped_tags=["a walk"],
    )
    _shared(kit, couple.id, "ben", kind="connection", trigger_tags=["touch"])
    _write(kit, couple.id, "ana", trigger_tags=["screens"])  # private
    gone = _shared(kit, couple.id, "ana", trigger_tags=["screens"])
    kit.log.delete(gone, actor="ana")
    _shared(kit, couple.id, "ana", day=MONDAY - timedelta(days=10), trigger_tags=["screens"])
    review = _open_review(kit, couple.id, MONDAY, clock.now().date())
    patterns = kit.log_reviews.patterns(review, actor="ana")
    assert patterns == kit.log_reviews.patterns(review, actor="ben")
    assert patterns.entries == 3
    assert patterns.triggers == (TagCount(tag="tiredness", count=2), TagCount(tag="touch", count=2))
    assert patterns.helped == (TagCount(tag="a walk", count=1),)
    assert patterns.weeks == (
        WeekFigures(week="2026-W10", connection=1, neglect=1),
        WeekFigures(week="2026-W11", connection=1, neglect=0),
    )


def test_a_review_opens_once_the_other_agrees_and_a_no_is_neutral(kit, couple, notifier):
    """Proposed, nothing shows; declined, it stays closed and the proposer is told calmly."""
    review = kit.log_reviews.propose(
        couple.id, actor="ana", period_start=MONDAY - timedelta(days=6), period_end=MONDAY
    )
    assert kit.relationships.awaiting(couple.id, actor="ben")
    with pytest.raises(NotAllowedNow):
        kit.log_reviews.patterns(review.id, actor="ana")
    assert kit.log_reviews.moves(review.id, actor="ben") == ("agree", "decline")
    assert kit.log_reviews.moves(review.id, actor="ana") == ("withdraw",)
    declined = kit.log_reviews.decline(review.id, actor="ben")
    assert declined.state is ReviewState.DECLINED
    texts = [n.message for n in notifier.received]
    assert any("fair answer" in text for text in texts)


def test_a_period_looks_back_and_spans_the_rules_weeks_at_most(kit, couple):
    """A period ending ahead, ending before it starts, or too long is refused."""
    with pytest.raises(InvalidInput, match="period_end"):
        kit.log_reviews.propose(
            couple.id, actor="ana", period_start=MONDAY, period_end=MONDAY + timedelta(days=1)
        )
    with pytest.raises(InvalidInput, match="period_end"):
        kit.log_reviews.propose(
            couple.id, actor="ana", period_start=MONDAY, period_end=MONDAY - timedelta(days=1)
        )
    with pytest.raises(InvalidInput, match="period_start"):
        kit.log_reviews.propose(
            couple.id, actor="ana", period_start=MONDAY - timedelta(weeks=12), period_end=MONDAY
        )


def test_takeaways_are_the_partners_words_and_never_reach_a_notice(kit, couple, notifier):
    """Both write takeaways; no notification quotes one, nor an entry."""
    _shared(kit, couple.id, "ana", what="Dinner alone on Friday.")
    review = _open_review(kit, couple.id, MONDAY, MONDAY)
    kit.log_reviews.add_takeaway(review, actor="ana", words="A call helps when work runs late.")
    shown = kit.log_reviews.add_takeaway(review, actor="ben", words="Walks after dinner.")
    assert [t.words for t in shown.takeaways] == [
        "A call helps when work runs late.",
        "Walks after dinner.",
    ]
    closed = kit.log_reviews.close(review, actor="ben")
    assert closed.state is ReviewState.CLOSED
    for sent in notifier.received:
        for words in ("Dinner alone", "A call helps", "Walks after"):
            assert words not in sent.message


def test_a_takeaway_seeds_a_request_or_a_boundary_draft_of_ones_own(kit, couple):
    """The draft is made by its workflow's commands, and is its writer's alone."""
    review = _open_review(kit, couple.id, MONDAY, MONDAY)
    kit.log_reviews.add_takeaway(review, actor="ana", words="A call when work runs late")
    request = kit.log_reviews.seed(review, actor="ben", takeaway=1, as_="request")
    boundary = kit.log_reviews.seed(review, actor="ana", takeaway=1, as_="boundary")
    assert isinstance(request, Request)
    assert isinstance(boundary, Boundary)
    assert request.need == "A call when work runs late"
    assert boundary.terms.rule == "A call when work runs late"
    assert request.state.value == boundary.state.value == "drafted"
    with pytest.raises(NotFound):
        kit.requests.get(request.id, actor="ana")
    with pytest.raises(NotFound):
        kit.boundaries.get(boundary.id, actor="ben")
    with pytest.raises(InvalidInput, match="takeaway"):
        kit.log_reviews.seed(review, actor="ana", takeaway=2, as_="request")


def test_by_week_gives_both_partners_the_same_figures(kit, couple, clock):
    """Connection and neglect over shared entries, week by week, the same for both."""
    _shared(kit, couple.id, "ana")
    _shared(kit, couple.id, "ben", kind="connection")
    _write(kit, couple.id, "ben", kind="connection")  # private: counted nowhere
    clock.advance(timedelta(weeks=1))
    figures = kit.log.by_week(couple.id, actor="ana", weeks=2)
    assert figures == kit.log.by_week(couple.id, actor="ben", weeks=2)
    assert figures == [
        WeekFigures(week="2026-W10", connection=1, neglect=1),
        WeekFigures(week="2026-W11", connection=0, neglect=0),
    ]
    with pytest.raises(InvalidInput, match="weeks"):
        kit.log.by_week(couple.id, actor="ana", weeks=0)


class KeyWatch(MemoryStorage):
    """A memory storage that records every `load_all` and every keyed query it is asked."""

    def __init__(self) -> None:
        super().__init__()
        self.scans: list[str] = []
        self.keyed: list[tuple[str, str]] = []

    def load_all(
        self, kind: type[E], relationship_id: uuid.UUID, *, states: Sequence[str] | None = None
    ) -> list[E]:
        self.scans.append(kind.__name__)
        return super().load_all(kind, relationship_id, states=states)

    def load_keyed(
        self,
        kind: type[E],
        relationship_id: uuid.UUID,
        key: str,
        value: str,
        *,
        states: Sequence[str] | None = None,
    ) -> list[E]:
        self.keyed.append((key, value))
        return super().load_keyed(kind, relationship_id, key, value, states=states)


def test_patterns_and_weeks_are_windowed_indexed_queries():
    """A review and by_week read one keyed query per week of their window, never load_all."""
    storage = KeyWatch()
    clock = ManualClock(START)
    kit = RepairKit(storage=storage, clock=clock, notifier=MemoryNotifier())
    couple = invite_and_accept(kit, ("ana", "ben"), actor="ana").id
    for week in range(30):  # a long history before the window
        day = MONDAY - timedelta(weeks=week, days=1)
        _shared(kit, couple, "ana", day=day, part="morning")
    review = _open_review(kit, couple, MONDAY - timedelta(days=7), MONDAY)
    storage.scans.clear()
    storage.keyed.clear()
    kit.log_reviews.patterns(review, actor="ana")
    kit.log.by_week(couple, actor="ben", weeks=3)
    assert storage.scans == []
    assert [k for k in storage.keyed if k[0] == "shared week"] == [
        ("shared week", "2026-W09"),
        ("shared week", "2026-W10"),
        ("shared week", "2026-W08"),
        ("shared week", "2026-W09"),
        ("shared week", "2026-W10"),
    ]


@pytest.mark.parametrize("tags", [[["x"]], [{"a": 1}], [None], [1], "a tag"])
def test_odd_tags_are_refused_with_a_typed_error(kit, couple, tags):
    """Anything but a list of tags from the rules is `InvalidInput`, nothing stored."""
    for field in ("trigger_tags", "helped_tags"):
        with pytest.raises(InvalidInput, match=field):
            _write(kit, couple.id, **{field: tags})
    assert kit.log.find(couple.id, actor="ana") == []


# -- the review's fairness, its lapse, and older entries under newer rules ----------------


def test_each_partner_writes_at_most_their_share_of_takeaways(kit, couple):
    """Five a review, three each by default: one partner cannot fill the review alone."""
    _shared(kit, couple.id, "ana")
    review = _open_review(kit, couple.id, MONDAY, MONDAY)
    for n in range(3):
        kit.log_reviews.add_takeaway(review, actor="ana", words=f"Takeaway {n + 1} of mine.")
    assert kit.log_reviews.moves(review, actor="ana") == ("remove_takeaway", "close")
    with pytest.raises(NotAllowedNow, match="your share"):
        kit.log_reviews.add_takeaway(review, actor="ana", words="One more of mine.")
    assert kit.log_reviews.moves(review, actor="ben") == ("add_takeaway", "close")
    kit.log_reviews.add_takeaway(review, actor="ben", words="Walks after dinner.")
    shown = kit.log_reviews.add_takeaway(review, actor="ben", words="Calls on late days.")
    assert [(t.number, t.author) for t in shown.takeaways] == [
        (1, "ana"),
        (2, "ana"),
        (3, "ana"),
        (4, "ben"),
        (5, "ben"),
    ]
    with pytest.raises(NotAllowedNow, match="as many takeaways as it can"):
        kit.log_reviews.add_takeaway(review, actor="ben", words="A sixth.")


def test_a_partner_removes_their_own_takeaway_and_numbers_are_not_reused(kit, couple, notifier):
    """Only its writer removes a takeaway; its number never comes back; nobody is told."""
    _shared(kit, couple.id, "ana")
    review = _open_review(kit, couple.id, MONDAY, MONDAY)
    kit.log_reviews.add_takeaway(review, actor="ana", words="A call helps.")
    kit.log_reviews.add_takeaway(review, actor="ana", words="Dinner together.")
    told = len(notifier.received)
    with pytest.raises(NotPermitted, match="partner who wrote it"):
        kit.log_reviews.remove_takeaway(review, actor="ben", takeaway=2)
    kit.log_reviews.add_takeaway(review, actor="ben", words="Walks after dinner.")
    with pytest.raises(NotPermitted, match="partner who wrote it"):
        kit.log_reviews.remove_takeaway(review, actor="ben", takeaway=2)
    with pytest.raises(InvalidInput, match="takeaway"):
        kit.log_reviews.remove_takeaway(review, actor="ana", takeaway=9)
    after = kit.log_reviews.remove_takeaway(review, actor="ana", takeaway=3 - 1)
    assert [t.number for t in after.takeaways] == [1, 3]
    again = kit.log_reviews.add_takeaway(review, actor="ana", words="Dinner, with phones away.")
    assert [t.number for t in again.takeaways] == [1, 3, 4]
    assert len(notifier.received) == told
    kit.log_reviews.close(review, actor="ana")
    with pytest.raises(NotAllowedNow):
        kit.log_reviews.remove_takeaway(review, actor="ana", takeaway=1)


def test_the_share_of_takeaways_is_a_rule_the_couple_can_set(kit):
    """`max_takeaways_each` defaults to half of `max_takeaways`, rounded up; never more."""
    assert ReviewRules().max_takeaways_each == 3
    assert ReviewRules(max_takeaways=8).max_takeaways_each == 4
    with pytest.raises(InvalidInput, match="max_takeaways_each"):
        ReviewRules(max_takeaways=4, max_takeaways_each=5)
    own = ReviewRules(max_takeaways=4, max_takeaways_each=1)
    couple = invite_and_accept(
        kit, ("cai", "dee"), actor="cai", settings=RelationshipSettings(rules=[own])
    )
    review = kit.log_reviews.propose(couple.id, actor="cai", period_start=MONDAY, period_end=MONDAY)
    kit.log_reviews.agree(review.id, actor="dee")
    kit.log_reviews.add_takeaway(review.id, actor="dee", words="One is enough.")
    with pytest.raises(NotAllowedNow, match="your share"):
        kit.log_reviews.add_takeaway(review.id, actor="dee", words="Two is too many.")


def test_one_proposal_waits_at_a_time_and_an_unanswered_one_lapses(kit, couple, clock, notifier):
    """A second proposal waits for the first; a week unanswered, it lapses, neutrally."""
    first = kit.log_reviews.propose(couple.id, actor="ana", period_start=MONDAY, period_end=MONDAY)
    with pytest.raises(NotAllowedNow, match="one waits at a time"):
        kit.log_reviews.propose(couple.id, actor="ana", period_start=MONDAY, period_end=MONDAY)
    other = kit.log_reviews.propose(couple.id, actor="ben", period_start=MONDAY, period_end=MONDAY)
    assert "lapses" in [d.deadline for d in kit.timers.upcoming(couple.id, actor="ana")]
    clock.advance(timedelta(days=7))
    kit.timers.run_due()
    for review in (first, other):
        lapsed = kit.log_reviews.get(review.id, actor="ana")
        assert lapsed.state is ReviewState.LAPSED
        assert kit.log_reviews.moves(review.id, actor="ben") == ()
    assert any("ended without an answer" in n.message for n in notifier.received)
    again = kit.log_reviews.propose(couple.id, actor="ana", period_start=MONDAY, period_end=MONDAY)
    assert again.state is ReviewState.PROPOSED


def test_after_a_no_the_proposer_waits_before_proposing_again(kit, couple, clock):
    """The re-ask wait of core (24 hours by default) holds the next proposal back."""
    review = kit.log_reviews.propose(couple.id, actor="ana", period_start=MONDAY, period_end=MONDAY)
    kit.log_reviews.decline(review.id, actor="ben")
    with pytest.raises(NotAllowedNow, match="a short while ago") as refused:
        kit.log_reviews.propose(couple.id, actor="ana", period_start=MONDAY, period_end=MONDAY)
    assert refused.value.possible_from == START + timedelta(hours=24)
    kit.log_reviews.propose(couple.id, actor="ben", period_start=MONDAY, period_end=MONDAY)
    clock.advance(timedelta(hours=24))
    kit.log_reviews.propose(couple.id, actor="ana", period_start=MONDAY, period_end=MONDAY)


def test_the_wait_after_a_no_reads_the_days_of_the_wait_only():
    """Proposing reads no whole kind: the noes come from the index of the wait's days."""
    storage, clock = ReadWatch(), ManualClock(START)
    kit = RepairKit(storage=storage, clock=clock)
    couple = invite_and_accept(kit, ("ana", "ben"), actor="ana").id
    for _ in range(3):
        review = kit.log_reviews.propose(
            couple, actor="ana", period_start=MONDAY, period_end=MONDAY
        )
        kit.log_reviews.decline(review.id, actor="ben")
        clock.advance(timedelta(days=2))
    review = kit.log_reviews.propose(couple, actor="ana", period_start=MONDAY, period_end=MONDAY)
    clock.set(clock.now().replace(hour=23, minute=30))
    kit.log_reviews.decline(review.id, actor="ben")
    clock.advance(timedelta(hours=2))  # past midnight: yesterday's no still holds
    storage.watching = True
    with pytest.raises(NotAllowedNow, match="a short while ago"):
        kit.log_reviews.propose(couple, actor="ana", period_start=MONDAY, period_end=MONDAY)
    assert storage.scans == []


def test_a_shorter_text_rule_agreed_later_blocks_only_new_words(kit, couple, clock):
    """An older, longer entry keeps its words; its tags change; new words fit the rules."""
    long_what = "We ate apart again, " * 10  # 200 characters
    entry = _write(kit, couple.id, what=long_what, trigger=long_what)
    shorter = RelationshipSettings(rules=[LogRules(max_text_length=40)])
    kit.relationships.propose_settings(couple.id, actor="ana", settings=shorter)
    kit.relationships.agree_to_settings(couple.id, actor="ben")
    clock.advance(timedelta(hours=1))
    edited = kit.log.edit(entry.id, actor="ana", trigger_tags=["tiredness"], kind="connection")
    assert (edited.what, edited.trigger) == (long_what.strip(), long_what.strip())
    assert edited.trigger_tags == ("tiredness",)
    with pytest.raises(InvalidInput, match="what"):
        kit.log.edit(entry.id, actor="ana", what=long_what)
    rewritten = kit.log.edit(entry.id, actor="ana", what="We ate apart.")
    assert (rewritten.what, rewritten.trigger) == ("We ate apart.", long_what.strip())


def test_a_missing_log_entry_is_named_as_one(kit, couple):
    """NotFound says "log entry"; the stored kind stays "log"."""
    with pytest.raises(NotFound, match="No log entry with that id") as missing:
        kit.log.get(uuid.uuid4(), actor="ana")
    assert missing.value.kind == "log"
    entry = _write(kit, couple.id)
    with pytest.raises(NotFound, match="No log entry with that id"):
        kit.log.share(entry.id, actor="ben")
