"""Consent applies at the moment of reading (issue 16, case 4; safety rule 5).

A draft, a talk or any object reads the relationship's rules in force now, never a
copy from when it was made: withdrawing consent applies to everything at once.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from conftest import BOX, invite_and_accept
from repairkit import NotAllowedNow, RelationshipSettings
from repairkit.core.settings import zone
from repairkit.requests import RequestRules, RequestState
from repairkit.talks import TalkRules
from repairkit.talks.table import OPEN

NEED = "to feel we are a team at home"
NO_PAUSE = RelationshipSettings(rules=[RequestRules(reask_wait_hours=0)])
RESTING = RelationshipSettings(rules=[TalkRules(moratorium_hours=48)])


def _agreed(kit, couple, settings):
    kit.relationships.propose_settings(couple.id, actor="ana", settings=settings)
    kit.relationships.agree_to_settings(couple.id, actor="ben")


def test_drafts_made_before_a_withdrawal_wait_after_a_no_like_any_other(kit, couple, clock):
    """Issue 16, 4.1: earlier drafts do not keep a re-ask pause of 0 once consent is withdrawn."""
    _agreed(kit, couple, NO_PAUSE)
    drafts = [
        kit.requests.draft(couple.id, actor="ana", need=NEED, ask=f"ask {n}", time_box=BOX)
        for n in range(5)
    ]
    kit.relationships.withdraw_consent_to_settings(couple.id, actor="ben")
    for draft in drafts[:2]:  # the first, then one new request after the no
        clock.advance(timedelta(minutes=1))
        kit.requests.propose(draft.id, actor="ana")
        kit.requests.decline(draft.id, actor="ben")
    for draft in drafts[2:]:  # then the default pause holds, for drafts made before too
        clock.advance(timedelta(minutes=1))
        with pytest.raises(NotAllowedNow, match="can be sent from"):
            kit.requests.propose(draft.id, actor="ana")
    assert kit.requests.get(drafts[0].id, actor="ana").rules == RequestRules()


def test_withdrawing_consent_ends_a_moratorium_at_once(kit, couple, clock):
    """Issue 16, 4.2: the tabled topic no longer rests once either partner withdraws consent."""
    _agreed(kit, couple, RESTING)
    talk = kit.talks.start(couple.id, actor="ana")
    kit.talks.set_aside(talk.id, actor="ana")
    clock.advance(timedelta(minutes=5))
    with pytest.raises(NotAllowedNow, match="rests"):
        kit.talks.start(couple.id, actor="ben", about=talk.id)
    kit.relationships.withdraw_consent_to_settings(couple.id, actor="ben")
    assert kit.talks.rests_until(talk.id, actor="ben") is None
    assert kit.talks.get(talk.id, actor="ana").rests_until is None
    again = kit.talks.start(couple.id, actor="ben", about=talk.id)
    assert again.topic == talk.id


def test_new_settings_both_agree_to_apply_to_what_was_made_before(kit, couple):
    """Settings agreed later reach earlier objects too: nothing keeps the rules it was made with."""
    talk = kit.talks.start(couple.id, actor="ana")
    kit.talks.end(talk.id, actor="ana")
    _agreed(kit, couple, RESTING)
    assert kit.talks.get(talk.id, actor="ben").rules == TalkRules(moratorium_hours=48)


def test_a_proposal_shows_no_rules_from_before_a_settings_change(kit, couple, clock):
    """Issue 16, 5.4: the recipient cannot tell from a request's rules that it predates a change."""
    draft = kit.requests.draft(couple.id, actor="ana", need=NEED, ask="Sundays", time_box=BOX)
    _agreed(kit, couple, RelationshipSettings(rules=[RequestRules(max_rounds=2)]))
    fresh = kit.requests.draft(couple.id, actor="ana", need="rest", ask="Mondays", time_box=BOX)
    for request in (draft, fresh):
        assert kit.requests.propose(request.id, actor="ana").state is RequestState.PROPOSED
        clock.advance(timedelta(minutes=1))  # one instant each: ties come by their random id
    old, new = (kit.requests.get(r.id, actor="ben") for r in (draft, fresh))
    assert old.rules == new.rules == RequestRules(max_rounds=2)
    assert [r.id for r in kit.requests.find(couple.id, actor="ben")] == [draft.id, fresh.id]


def test_coming_back_tells_the_other_nothing(kit, couple, notifier, clock):
    """Issue 16, 5.2: come_back is silent: no notice, no event, no time, no version for ana."""
    kit.relationships.pause(couple.id, actor="ben")
    before = kit.relationships.get(couple.id, actor="ana")
    heard = len(notifier.for_person("ana"))
    seen_events = kit.relationships.events(couple.id, actor="ana")
    clock.advance(timedelta(hours=3, minutes=7))
    back = kit.relationships.come_back(couple.id, actor="ben")
    assert back.paused == ()
    assert len(notifier.for_person("ana")) == heard
    assert kit.relationships.events(couple.id, actor="ana") == seen_events
    after = kit.relationships.get(couple.id, actor="ana")
    assert (after.version, after.changed_at, after.paused) == (
        before.version,
        before.changed_at,
        before.paused,
    )
    assert after.paused == ()  # a pause is heard of once, as "paused"; its end is ben's own


def _agreement(kit, couple):
    request = kit.requests.draft(couple.id, actor="ana", need=NEED, ask="Sundays", time_box=BOX)
    kit.requests.propose(request.id, actor="ana")
    kit.requests.accept(request.id, actor="ben")
    return request


def _is_a_day(at):
    return (at.hour, at.minute, at.second, at.microsecond) == (0, 0, 0, 0)


def test_a_move_nobody_was_told_of_shows_its_day_only(kit, couple, clock):
    """Issue 16, 5.1: ben's silent mark shows ana its day only, on every read path of events."""
    request = _agreement(kit, couple)
    clock.advance(timedelta(hours=5, minutes=17, seconds=3))
    kit.requests.record_follow_through(request.id, actor="ben", kept=True)
    for events in (
        kit.requests.events(request.id, actor="ana"),
        kit.relationships.events(couple.id, actor="ana"),
    ):
        [mark] = [e for e in events if e.TAG == "request.follow_through_recorded"]
        assert mark.at == clock.now().replace(hour=0, minute=0, second=0)
        accepted = next(e for e in events if e.TAG == "request.accepted")
        assert not _is_a_day(accepted.at)  # a move ana was told of keeps its time
    seen = kit.requests.get(request.id, actor="ana")  # the object: its mark and last change
    assert [_is_a_day(m.at) for m in seen.marks] == [True]
    assert _is_a_day(seen.changed_at)
    assert kit.requests.get(request.id, actor="ben").marks[0].at == clock.now()
    history = kit.requests.history(request.id, actor="ana")  # folded from the same events
    assert [o.on for o in history.occurrences] == [clock.now().date()]
    [own] = [
        e
        for e in kit.requests.events(request.id, actor="ben")
        if e.TAG == "request.follow_through_recorded"
    ]
    assert own.at == clock.now()  # one's own moves keep their time


def test_the_day_is_the_couples_day_in_their_time_zone(kit, clock):
    """The day is counted in the couple's time zone (a relationship setting, UTC by default)."""
    couple = invite_and_accept(
        kit,
        ("ana", "ben"),
        actor="ana",
        settings=RelationshipSettings(time_zone="Pacific/Auckland"),
    )
    request = _agreement(kit, couple)
    clock.advance(timedelta(hours=13))  # 22:00 UTC, 11:00 the next day in Auckland
    kit.requests.record_follow_through(request.id, actor="ben", kept=True)
    [mark] = [
        e
        for e in kit.relationships.events(couple.id, actor="ana")
        if e.TAG == "request.follow_through_recorded"
    ]
    local = mark.at.astimezone(zone("Pacific/Auckland"))
    assert (local.date(), _is_a_day(local)) == (date(2026, 3, 3), True)


def test_what_awaits_a_person_is_ordered_by_when_it_reached_them(kit, couple, clock):
    """Issue 16, 5.3: a draft proposed later is listed later, however early it was drafted."""
    early = kit.requests.draft(couple.id, actor="ana", need=NEED, ask="Sundays", time_box=BOX)
    clock.advance(timedelta(hours=1))
    late = kit.requests.draft(couple.id, actor="ana", need="rest", ask="Mondays", time_box=BOX)
    clock.advance(timedelta(hours=1))
    kit.requests.propose(late.id, actor="ana")
    clock.advance(timedelta(hours=1))
    kit.requests.propose(early.id, actor="ana")
    listed = [a.item.id for a in kit.relationships.awaiting(couple.id, actor="ben")]
    assert listed == [late.id, early.id]
    assert [r.id for r in kit.requests.awaiting(couple.id, actor="ben")] == listed
    assert [r.id for r in kit.requests.find(couple.id, actor="ben")] == listed


@pytest.mark.parametrize(("before", "after"), [(2, None), (None, 2)])
def test_deadlines_that_follow_the_rules_fall_due_as_the_rules_now_say(
    kit, couple, clock, before, after
):
    """A talk closes at the closing time of the rules in force, agreed or withdrawn since."""
    short = RelationshipSettings(rules=[TalkRules(close_after_hours=2)])
    if before:
        _agreed(kit, couple, short)
    talk = kit.talks.start(couple.id, actor="ana")
    if after:
        _agreed(kit, couple, short)
    else:
        kit.relationships.withdraw_consent_to_settings(couple.id, actor="ben")
    clock.advance(timedelta(hours=3))
    kit.timers.run_due()
    closed = kit.talks.get(talk.id, actor="ben").state not in OPEN
    assert closed is bool(after)
    clock.advance(timedelta(hours=21))
    kit.timers.run_due()
    assert kit.talks.get(talk.id, actor="ben").state not in OPEN


def test_pages_of_find_follow_when_each_item_reached_the_reader(kit, couple, clock):
    """Issue 16, 5.3: across pages too, a draft proposed later comes later, for both partners."""
    early = kit.requests.draft(couple.id, actor="ana", need=NEED, ask="Sundays", time_box=BOX)
    clock.advance(timedelta(hours=1))
    late = kit.requests.draft(couple.id, actor="ana", need="rest", ask="Mondays", time_box=BOX)
    kit.requests.propose(late.id, actor="ana")
    clock.advance(timedelta(hours=1))
    kit.requests.propose(early.id, actor="ana")
    for person in ("ben", "ana"):
        first = kit.requests.find(couple.id, actor=person, limit=1)
        second = kit.requests.find(couple.id, actor=person, limit=1, after=first.cursor)
        assert [r.id for r in (*first, *second)] == [late.id, early.id], person
        by_state = kit.requests.find(couple.id, actor=person, states=["proposed"], limit=1)
        assert [r.id for r in by_state] == [late.id], person


def test_a_change_of_rules_reaches_every_deadline_page_by_page(kit, couple, clock, monkeypatch):
    """Every scheduled object gets the new rules' deadline, past one page of the index.

    Issue 16: new rules were applied to the first `MAX_LIMIT` scheduled objects only.
    With pages of 2, seven talks (and the objects between) are all reached.
    """
    monkeypatch.setattr("repairkit._pipeline.REFRESH_PAGE", 2)
    talks = []
    for number in range(7):
        clock.advance(timedelta(minutes=1))
        talks.append(kit.talks.start(couple.id, actor="ana" if number % 2 else "ben"))
    clock.advance(timedelta(minutes=30))
    kit.timers.run_due()  # past each talk's time limit: what is due next is its closing
    _agreed(kit, couple, RelationshipSettings(rules=[TalkRules(close_after_hours=2)]))
    clock.advance(timedelta(hours=3))
    kit.timers.run_due()
    assert [kit.talks.get(t.id, actor="ben").state in OPEN for t in talks] == [False] * 7
