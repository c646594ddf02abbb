"""Timed talks: a discussion timer that only advises a time-out, and an optional moratorium."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from conftest import START, invite_and_accept
from repairkit import InvalidInput, NotAllowedNow, NotFound, RelationshipSettings
from repairkit.talks import TalkNotice, TalkRules, TalkState
from repairkit.testing.safety import blaming_words

_S = TalkState
RESTING = RelationshipSettings(rules=[TalkRules(moratorium_hours=24)])


@pytest.fixture
def resting_couple(kit):
    """A couple who agreed the practice's 24-hour moratorium."""
    return invite_and_accept(kit, ("ana", "ben"), actor="ana", settings=RESTING)


def test_either_partner_starts_a_timed_talk_with_the_agreed_limit(kit, couple, notifier):
    """Ben starts it; the limit is 20 minutes by default; Ana hears calmly; Eve sees nothing."""
    talk = kit.talks.start(couple.id, actor="ben")
    assert (talk.started_by, talk.other, talk.state) == ("ben", "ana", _S.TALKING)
    assert talk.limit_at == START + timedelta(minutes=20)
    [heard] = notifier.received
    assert (heard.recipient, heard.kind) == ("ana", TalkNotice.TALK_TIMED)
    assert "20 minutes" in heard.message
    with pytest.raises(NotFound):
        kit.talks.get(talk.id, actor="eve")
    with pytest.raises(NotFound):
        kit.talks.start(couple.id, actor="eve")


@pytest.mark.parametrize("minutes", [4, 121, 0, "20", True, 20.5])
def test_the_limit_is_bounded_and_refused_input_stores_nothing(kit, couple, minutes):
    """A limit outside 5 to 120 whole minutes is refused, and no talk is stored."""
    with pytest.raises(InvalidInput, match="limit_minutes"):
        kit.talks.start(couple.id, actor="ana", limit_minutes=minutes)
    assert kit.talks.find(couple.id, actor="ana") == []


def test_at_the_limit_both_hear_a_pause_might_help_and_nothing_is_blocked(
    kit, couple, clock, notifier
):
    """The timer fires at the limit, tells both, and the talk stays open for either to close."""
    talk = kit.talks.start(couple.id, actor="ana", limit_minutes=30)
    clock.advance(timedelta(minutes=29))
    assert kit.timers.run_due() == []
    clock.advance(timedelta(minutes=1))
    [event] = kit.timers.run_due()
    assert (event.to_state, event.at) == ("time-out suggested", START + timedelta(minutes=30))
    told = sorted(
        n.recipient for n in notifier.received if n.kind is TalkNotice.TIME_OUT_MIGHT_HELP
    )
    assert told == ["ana", "ben"]
    assert kit.talks.get(talk.id, actor="ben").state is _S.TIME_OUT_SUGGESTED
    assert kit.timeouts.call(couple.id, actor="ben").state == "cooling off"  # still possible
    assert kit.talks.end(talk.id, actor="ben").state is _S.ENDED
    assert kit.timers.next_due() == START + timedelta(minutes=50)  # only the time-out's return


def test_a_limit_missed_while_the_app_was_down_fires_at_its_own_time(kit, couple, clock):
    """Down for two days: the limit fires at its own time, then the talk closes at a day."""
    talk = kit.talks.start(couple.id, actor="ana")
    clock.set(START + timedelta(days=2))
    fired = kit.timers.run_due()
    assert [(e.to_state, e.at) for e in fired] == [
        ("time-out suggested", talk.limit_at),
        ("closed", START + timedelta(hours=24)),
    ]
    assert kit.timers.run_due() == []  # each timer fires once


def test_a_talk_nobody_closes_is_closed_and_the_text_names_no_one(kit, couple, clock, notifier):
    """No lock-in: at its longest time repairkit closes it and tells both, blaming no one."""
    talk = kit.talks.start(couple.id, actor="ana")
    clock.set(talk.closes_at)
    kit.timers.run_due()
    assert kit.talks.get(talk.id, actor="ana").state is _S.CLOSED
    closed = [n for n in notifier.received if n.kind is TalkNotice.TALK_CLOSED]
    assert sorted(n.recipient for n in closed) == ["ana", "ben"]
    for note in closed:
        assert "partner" not in note.message.lower()
        assert not blaming_words(note.message)


def test_either_partner_alone_ends_or_tables_and_its_timers_go(kit, couple):
    """Ending or setting aside needs no one's agreement, and cancels the talk's timers.

    What is left is the set-aside topic's wait on the check-in agenda, which ages out.
    """
    for actor, move, state in (("ana", "end", _S.ENDED), ("ben", "set_aside", _S.SET_ASIDE)):
        talk = kit.talks.start(couple.id, actor="ana")
        assert getattr(kit.talks, move)(talk.id, actor=actor).state is state
        with pytest.raises(NotAllowedNow):
            kit.talks.end(talk.id, actor="ben")
    (left,) = kit.timers.upcoming(couple.id, actor="ana")
    (item,) = kit.agenda.waiting(couple.id, actor="ana")
    assert (left.id, left.deadline, item.source) == (item.id, "ages out", talk.id)


def test_without_a_moratorium_a_topic_can_be_raised_at_once(kit, couple):
    """The moratorium is off by default: a new talk about a set-aside one starts right away."""
    first = kit.talks.start(couple.id, actor="ana")
    kit.talks.set_aside(first.id, actor="ana")
    second = kit.talks.start(couple.id, actor="ana", about=first.id)
    assert (second.about, second.topic) == (first.id, first.id)


def test_a_topic_with_an_open_talk_is_not_raised_twice(kit, couple):
    """While a talk on a topic is open, a new talk about it is refused: it can go on there."""
    first = kit.talks.start(couple.id, actor="ana")
    with pytest.raises(NotAllowedNow, match="open; it can go on there"):
        kit.talks.start(couple.id, actor="ben", about=first.id)
    assert len(kit.talks.find(couple.id, actor="ben")) == 1


@pytest.mark.parametrize("closer", ["ana", "ben"])
@pytest.mark.parametrize("move", ["end", "set_aside"])
def test_the_moratorium_holds_for_both_whoever_closed_and_then_lifts(
    kit, resting_couple, clock, closer, move
):
    """With 24 hours agreed, neither partner can raise the topic until the rest passes."""
    couple = resting_couple
    first = kit.talks.start(couple.id, actor="ana")
    clock.advance(timedelta(minutes=10))
    closed = getattr(kit.talks, move)(first.id, actor=closer)
    assert closed.rests_until == START + timedelta(hours=24, minutes=10)
    clock.advance(timedelta(hours=23, minutes=59))
    for person in ("ana", "ben"):
        assert kit.talks.rests_until(first.id, actor=person) == closed.rests_until
        with pytest.raises(NotAllowedNow, match="2026-03-03 09:10 UTC") as refused:
            kit.talks.start(couple.id, actor=person, about=first.id)
        assert not blaming_words(str(refused.value))
        assert "ana" not in str(refused.value)
        assert refused.value.possible_from == datetime(2026, 3, 3, 9, 10, tzinfo=UTC)
        assert "ben" not in str(refused.value)
    assert kit.talks.start(couple.id, actor="ben").about is None  # other topics are free
    clock.advance(timedelta(minutes=1))
    assert kit.talks.rests_until(first.id, actor="ana") is None
    second = kit.talks.start(couple.id, actor="ben", about=first.id)
    assert second.topic == first.id


def test_the_rest_follows_the_latest_talk_on_the_topic(kit, resting_couple, clock):
    """A topic raised after a rest rests afresh after its new talk, whichever talk is named."""
    couple = resting_couple
    first = kit.talks.start(couple.id, actor="ana")
    kit.talks.end(first.id, actor="ana")
    clock.advance(timedelta(hours=24))
    second = kit.talks.start(couple.id, actor="ben", about=first.id)
    kit.talks.set_aside(second.id, actor="ben")
    clock.advance(timedelta(hours=1))
    with pytest.raises(NotAllowedNow, match="rests"):
        kit.talks.start(couple.id, actor="ana", about=first.id)  # the first talk names it
    assert kit.talks.rests_until(first.id, actor="ana") == START + timedelta(hours=48)
    with pytest.raises(NotFound):
        kit.talks.rests_until(first.id, actor="eve")


def test_a_closed_talk_rests_as_well_and_the_notice_says_how_long(
    kit, resting_couple, clock, notifier
):
    """A talk repairkit closed rests its topic too; both hear for how long, in hours."""
    couple = resting_couple
    talk = kit.talks.start(couple.id, actor="ana")
    clock.set(talk.closes_at)
    kit.timers.run_due()
    [note, *_] = [n for n in notifier.received if n.kind is TalkNotice.TALK_CLOSED]
    assert "rests for 24 hours" in note.message
    with pytest.raises(NotAllowedNow, match="rests"):
        kit.talks.start(couple.id, actor="ben", about=talk.id)


def test_moratorium_rules_are_bounded_and_off_by_default():
    """Off (None) by default; 1 to 48 hours when on; the limit fits within a talk's time."""
    assert TalkRules().moratorium_hours is None
    assert (TalkRules().limit_minutes, TalkRules().close_after_hours) == (20, 24)
    for bad in (0, 49, True, "24", 1.5):
        with pytest.raises(InvalidInput, match="moratorium_hours"):
            TalkRules(moratorium_hours=bad)
    with pytest.raises(InvalidInput, match="limit_minutes"):
        TalkRules(limit_minutes=60, close_after_hours=1)


def test_about_must_name_a_talk_of_the_same_relationship(kit, couple):
    """A talk of another couple reads as missing; a malformed id is bad input."""
    other = invite_and_accept(kit, ("cleo", "dan"), actor="cleo")
    theirs = kit.talks.start(other.id, actor="cleo")
    with pytest.raises(NotFound):
        kit.talks.start(couple.id, actor="ana", about=theirs.id)
    with pytest.raises(InvalidInput, match="about"):
        kit.talks.start(couple.id, actor="ana", about="not an id")
    assert kit.talks.find(couple.id, actor="ana") == []


def test_the_rules_snapshot_governs_a_talk(kit, clock):
    """A couple's own limit and closing time apply to the talks they start."""
    settings = RelationshipSettings(rules=[TalkRules(limit_minutes=30, close_after_hours=2)])
    couple = invite_and_accept(kit, ("ana", "ben"), actor="ana", settings=settings)
    talk = kit.talks.start(couple.id, actor="ben")
    assert (talk.limit_at, talk.closes_at) == (
        START + timedelta(minutes=30),
        START + timedelta(hours=2),
    )
    with pytest.raises(InvalidInput, match="5 to 119"):
        kit.talks.start(couple.id, actor="ben", limit_minutes=120)
    clock.set(talk.closes_at)
    assert [e.to_state for e in kit.timers.run_due()] == ["time-out suggested", "closed"]
