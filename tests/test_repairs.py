"""Repairs: owned or invited once both are calm, five steps in order, a practice, a review."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import invite_and_accept
from repairkit import InvalidInput, NotAllowedNow, NotFound, NotPermitted
from repairkit.repairs import (
    AftermathStep,
    DayStatus,
    Practice,
    PracticeKind,
    RepairLink,
    RepairLinkKind,
    RepairRules,
    RepairState,
)
from repairkit.repairs.practice import check_practice
from repairkit.testing.safety import blaming_words

_S = RepairState
_A = AftermathStep


def _refused(kit, repair_id, error, move, *, actor, reader="ana", **arguments):
    """Refuse *move* with *error*; the repair and its history are exactly as *reader* saw."""
    before = kit.repairs.get(repair_id, actor=reader)
    history = kit.repairs.events(repair_id, actor=reader)
    with pytest.raises(error) as refusal:
        getattr(kit.repairs, move)(repair_id, actor=actor, **arguments)
    after = kit.repairs.get(repair_id, actor=reader)
    assert (after.state, after.version, after.entries, after.marked, after.practice) == (
        before.state,
        before.version,
        before.entries,
        before.marked,
        before.practice,
    )
    assert kit.repairs.events(repair_id, actor=reader) == history
    return refusal.value


def _both_share(kit, repair_id, step, *, first="ana", second="ben"):
    for person in (first, second):
        kit.repairs.write(repair_id, actor=person, step=step, words=f"{person} on {step}")
        kit.repairs.share(repair_id, actor=person)


def _to_plan(kit, repair_id, responsible="ana", receiver="ben"):
    """Go through feelings, realities, triggers and responsibility: the plan step is open."""
    _both_share(kit, repair_id, _A.FEELINGS)
    _both_share(kit, repair_id, _A.REALITIES)
    kit.repairs.summarise(repair_id, actor="ana", words="I hear it felt long to you.")
    kit.repairs.summarise(repair_id, actor="ben", words="I hear you felt rushed.")
    _both_share(kit, repair_id, _A.TRIGGERS)
    _both_share(kit, repair_id, _A.RESPONSIBILITY, first=responsible, second=receiver)
    return kit.repairs.accept_apology(repair_id, actor=receiver)


def _practising(kit, couple, practice=None):
    repair = kit.repairs.own(
        couple.id, actor="ana", practice=practice or Practice.focused_attention()
    )
    _to_plan(kit, repair.id)
    _both_share(kit, repair.id, _A.PLAN)
    return kit.repairs.get(repair.id, actor="ana")


# -- how it starts ---------------------------------------------------------------------


def test_owning_a_lapse_opens_the_aftermath_and_tells_the_other_calmly(kit, couple, notifier):
    """Ana owns it: it opens in the feelings step; Ben is told without blame or names."""
    repair = kit.repairs.own(couple.id, actor="ana")
    assert (repair.state, repair.responsible, repair.receiver, repair.inviter) == (
        _S.FEELINGS,
        "ana",
        "ben",
        None,
    )
    (told,) = notifier.for_person("ben")
    assert not blaming_words(told.message)
    assert "ana" not in told.message


def test_an_invitation_is_answered_by_the_responsible_partner_alone(kit, couple):
    """Ben invites Ana; only Ana accepts, answers not now or declines; Ben may withdraw."""
    repair = kit.repairs.invite(couple.id, actor="ben")
    assert repair.responsible == "ana"
    assert kit.repairs.moves(repair.id, actor="ana") == ("accept", "not_now", "decline")
    assert kit.repairs.moves(repair.id, actor="ben") == ("withdraw",)
    _refused(kit, repair.id, NotPermitted, "accept", actor="ben")
    assert kit.repairs.awaiting(couple.id, actor="ana")[0].id == repair.id
    assert kit.repairs.accept(repair.id, actor="ana").state is _S.FEELINGS


def test_not_now_puts_it_on_the_check_in_agenda_and_accepting_later_moves_it_on(kit, couple):
    """A "not now" is neutral and waits on the agenda; accepting later takes it off."""
    repair = kit.repairs.invite(couple.id, actor="ben")
    kit.repairs.not_now(repair.id, actor="ana")
    (item,) = kit.agenda.waiting(couple.id, actor="ben")
    assert (item.source, item.about) == (repair.id, "A repair answered not now")
    assert kit.repairs.accept(repair.id, actor="ana").state is _S.FEELINGS
    assert kit.agenda.waiting(couple.id, actor="ben") == []


def test_a_declined_or_withdrawn_invitation_ends_neutrally(kit, couple):
    """Declining and withdrawing end it; nothing is counted."""
    declined = kit.repairs.decline(kit.repairs.invite(couple.id, actor="ben").id, actor="ana")
    withdrawn = kit.repairs.withdraw(kit.repairs.invite(couple.id, actor="ana").id, actor="ana")
    assert (declined.state, withdrawn.state) == (_S.DECLINED, _S.WITHDRAWN)
    assert declined.round == 1


def test_it_opens_only_while_neither_partner_has_a_time_out_running(kit, couple, clock):
    """Owning and accepting are refused during a time-out; the refusal says from when."""
    invited = kit.repairs.invite(couple.id, actor="ben")
    timeout = kit.timeouts.call(couple.id, actor="ben", minutes=30)
    with pytest.raises(NotAllowedNow) as refused:
        kit.repairs.own(couple.id, actor="ben")
    assert refused.value.possible_from == timeout.return_at
    assert timeout.return_at.strftime("%H:%M") in str(refused.value)
    assert "accept" not in kit.repairs.moves(invited.id, actor="ana")
    error = _refused(kit, invited.id, NotAllowedNow, "accept", actor="ana")
    assert error.possible_from == timeout.return_at
    clock.advance(timedelta(minutes=31))
    assert kit.repairs.accept(invited.id, actor="ana").state is _S.FEELINGS


def test_the_others_untold_time_out_does_not_show_through_a_refusal(kit, couple, clock, notifier):
    """Ben's second time-out of the day was not told to Ana: nothing she tries tells it.

    A refusal would say it runs, and polling would find when it ends, to the minute: so
    it does not hold her back. What her repair sends Ben waits while he rests.
    """
    first = kit.timeouts.call(couple.id, actor="ben", minutes=20)
    kit.timeouts.come_back(first.id, actor="ben")
    clock.advance(timedelta(hours=1))
    untold = kit.timeouts.call(couple.id, actor="ben", minutes=30)
    with pytest.raises(NotAllowedNow) as own:  # his own: he knows it runs
        kit.repairs.own(couple.id, actor="ben")
    assert own.value.possible_from == untold.return_at
    heard = len(notifier.for_person("ben"))
    assert kit.repairs.own(couple.id, actor="ana").state is _S.FEELINGS
    assert len(notifier.for_person("ben")) == heard  # held while he rests
    assert [n.recipient for n in kit.outbox.waiting()] == ["ben"]  # kept, not lost
    clock.advance(timedelta(minutes=31))
    kit.timeouts.come_back(untold.id, actor="ben")
    kit.outbox.deliver_pending()
    assert len(notifier.for_person("ben")) == heard + 1  # it reaches him once he is back


# -- links -----------------------------------------------------------------------------


@pytest.fixture
def crossing(kit, couple):
    """A boundary in force, and a crossing of it Ana owned (it counts)."""
    boundary = kit.boundaries.draft(couple.id, actor="ben", rule="No interrupting.")
    kit.boundaries.propose(boundary.id, actor="ben")
    kit.boundaries.agree(boundary.id, actor="ana")
    return kit.crossings.own(couple.id, actor="ana", boundary_id=boundary.id)


def test_a_repair_follows_a_counted_crossing_by_its_partner_once_at_a_time(kit, couple, crossing):
    """Only the partner the crossing is about owns its repair; one is open at a time."""
    link = RepairLink(kind=RepairLinkKind.CROSSING, id=crossing.id)
    with pytest.raises(InvalidInput, match="link"):
        kit.repairs.own(couple.id, actor="ben", link=link)
    repair = kit.repairs.own(couple.id, actor="ana", link=link)
    assert repair.link == link
    with pytest.raises(NotAllowedNow):
        kit.repairs.invite(couple.id, actor="ben", link=link)
    assert [r.id for r in kit.repairs.open_for(couple.id, actor="ben", link=link)] == [repair.id]
    kit.repairs.close(repair.id, actor="ben")
    assert kit.repairs.open_for(couple.id, actor="ben", link=link) == []
    assert kit.repairs.invite(couple.id, actor="ben", link=link).responsible == "ana"


def test_a_link_to_nothing_of_this_couple_stores_nothing(kit, couple, crossing):
    """An unknown id, another couple's crossing, or an item no kit keeps: InvalidInput."""
    for link in (
        RepairLink(kind=RepairLinkKind.CROSSING, id=uuid.uuid4()),
        RepairLink(kind=RepairLinkKind.REQUEST, id=crossing.id),
        RepairLink(kind=RepairLinkKind.ACCOUNTABILITY_ITEM, id=uuid.uuid4(), item=uuid.uuid4()),
        RepairLink(kind=RepairLinkKind.CROSSING, id=crossing.id, item=uuid.uuid4()),
        "a crossing",
    ):
        with pytest.raises(InvalidInput, match="link"):
            kit.repairs.own(couple.id, actor="ana", link=link)
    others = invite_and_accept(kit, ("ana", "cleo"), actor="ana")
    with pytest.raises(InvalidInput):
        kit.repairs.own(others.id, actor="ana", link=RepairLink(kind="crossing", id=crossing.id))
    assert list(kit.repairs.find(couple.id, actor="ana")) == []


# -- the aftermath ---------------------------------------------------------------------


def test_an_entry_is_private_until_shared_and_leaves_no_trace(kit, couple, notifier):
    """Ben reads nothing of Ana's unshared entry: not its words, version, time or event."""
    repair = kit.repairs.own(couple.id, actor="ana")
    clock_before = kit.repairs.get(repair.id, actor="ben")
    events_before = kit.repairs.events(repair.id, actor="ben")
    heard = len(notifier.for_person("ben"))
    mine = kit.repairs.write(repair.id, actor="ana", step=_A.FEELINGS, words="I felt alone.")
    kit.repairs.write(repair.id, actor="ana", step="feelings", words="I felt alone and small.")
    assert [e.words for e in mine.entries] == ["I felt alone."]
    seen = kit.repairs.get(repair.id, actor="ben")
    assert (seen.entries, seen.version, seen.changed_at) == (
        (),
        clock_before.version,
        clock_before.changed_at,
    )
    assert kit.repairs.events(repair.id, actor="ben") == events_before
    assert len(notifier.for_person("ben")) == heard
    shared = kit.repairs.share(repair.id, actor="ana")
    assert [e.words for e in kit.repairs.get(repair.id, actor="ben").entries] == [
        "I felt alone and small."
    ]
    assert shared.state is _S.FEELINGS
    assert "alone" not in notifier.for_person("ben")[-1].message


def test_the_steps_come_in_order_and_each_needs_both(kit, couple):
    """An entry for another step is refused; a step goes on once both shared their part."""
    repair = kit.repairs.own(couple.id, actor="ana")
    _refused(kit, repair.id, InvalidInput, "write", actor="ana", step="plan", words="Later.")
    _refused(kit, repair.id, NotAllowedNow, "share", actor="ana")  # nothing written
    kit.repairs.write(repair.id, actor="ana", step="feelings", words="Tense.")
    assert kit.repairs.share(repair.id, actor="ana").state is _S.FEELINGS
    _refused(kit, repair.id, NotAllowedNow, "pass_step", actor="ana")
    assert kit.repairs.pass_step(repair.id, actor="ben").state is _S.REALITIES
    _both_share(kit, repair.id, _A.REALITIES)
    assert kit.repairs.moves(repair.id, actor="ana") == ("summarise", "close")
    kit.repairs.summarise(repair.id, actor="ben", words="I hear the day was long.")
    assert kit.repairs.summarise(repair.id, actor="ana", words="I hear.").state is _S.TRIGGERS


def test_only_a_reality_described_is_summarised(kit, couple):
    """A partner who had nothing to add asks for no summary: both passing goes straight on."""
    repair = kit.repairs.own(couple.id, actor="ana")
    for person in ("ana", "ben"):
        kit.repairs.pass_step(repair.id, actor=person)  # feelings
    kit.repairs.pass_step(repair.id, actor="ana")
    assert kit.repairs.pass_step(repair.id, actor="ben").state is _S.TRIGGERS
    other = kit.repairs.own(couple.id, actor="ben")
    for person in ("ana", "ben"):
        kit.repairs.pass_step(other.id, actor=person)
    kit.repairs.write(other.id, actor="ben", step="realities", words="A long day at work.")
    kit.repairs.share(other.id, actor="ben")
    assert kit.repairs.pass_step(other.id, actor="ana").state is _S.REALITIES
    assert "summarise" not in kit.repairs.moves(other.id, actor="ben")  # ana described none
    _refused(kit, other.id, NotAllowedNow, "summarise", actor="ben", words="I hear.")
    done = kit.repairs.summarise(other.id, actor="ana", words="I hear the day was long.")
    assert done.state is _S.TRIGGERS


def test_the_apology_is_answered_for_limited_rounds_then_goes_to_the_check_in(kit, couple):
    """Ben says what he needs; Ana answers; after the last round it is Ben's topic."""
    repair = kit.repairs.own(couple.id, actor="ana")
    _both_share(kit, repair.id, _A.FEELINGS)
    _both_share(kit, repair.id, _A.REALITIES)
    kit.repairs.summarise(repair.id, actor="ana", words="I hear you.")
    kit.repairs.summarise(repair.id, actor="ben", words="I hear you too.")
    _both_share(kit, repair.id, _A.TRIGGERS)
    _both_share(kit, repair.id, _A.RESPONSIBILITY)
    _refused(kit, repair.id, NotPermitted, "accept_apology", actor="ana")
    assert RepairRules().responsibility_rounds == 2
    after = kit.repairs.still_need(repair.id, actor="ben", words="To hear about the evening.")
    assert (after.state, after.round) == (_S.RESPONSIBILITY, 2)
    assert kit.repairs.moves(repair.id, actor="ben") == ("close",)
    kit.repairs.write(repair.id, actor="ana", step="responsibility", words="I am sorry for it.")
    kit.repairs.share(repair.id, actor="ana")
    last = kit.repairs.still_need(repair.id, actor="ben", words="A walk to talk it over.")
    assert last.state is _S.PLAN
    (topic,) = kit.agenda.waiting(couple.id, actor="ana")
    assert (topic.author, topic.about) == ("ben", "A walk to talk it over.")


# -- the practice ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "practice",
    [
        Practice(kind="withhold money", days=7),
        Practice(kind=PracticeKind.FOCUSED_ATTENTION, days=7),  # no minutes
        Practice(kind=PracticeKind.FOCUSED_ATTENTION, days=90, minutes=20),
        Practice(kind=PracticeKind.NAMED_SKILL, days=3, skill="checking the phone"),
        Practice(kind=PracticeKind.EXTRA_CHECK_IN, days=3, minutes=20),
        "20 minutes a day",
    ],
)
def test_a_practice_outside_the_closed_set_is_refused(kit, couple, practice):
    """Anything but a practice of the closed set, in bounds, is InvalidInput: nothing stored."""
    with pytest.raises(InvalidInput, match="practice"):
        kit.repairs.own(couple.id, actor="ana", practice=practice)
    repair = kit.repairs.own(couple.id, actor="ana")
    _to_plan(kit, repair.id)
    _refused(kit, repair.id, InvalidInput, "take_on_practice", actor="ana", practice=practice)


def test_only_the_responsible_partner_takes_on_and_marks_the_practice(kit, couple):
    """Ben can neither take on Ana's practice nor mark her days."""
    repair = kit.repairs.own(couple.id, actor="ana")
    _to_plan(kit, repair.id)
    focus = Practice.focused_attention()
    _refused(kit, repair.id, NotPermitted, "take_on_practice", actor="ben", practice=focus)
    kit.repairs.take_on_practice(repair.id, actor="ana", practice=focus)
    _both_share(kit, repair.id, _A.PLAN)
    assert kit.repairs.get(repair.id, actor="ana").state is _S.PRACTICE
    _refused(kit, repair.id, NotPermitted, "mark_day", actor="ben")
    _refused(kit, repair.id, NotPermitted, "not_needed_today", actor="ana")


def test_a_week_reads_marked_not_needed_and_not_marked_and_counts_nothing(
    kit, couple, clock, notifier
):
    """An unmarked day reads "not marked": no notification, no crossing, no count."""
    repair = _practising(kit, couple)
    heard = len(notifier.received)
    kit.repairs.mark_day(repair.id, actor="ana")
    clock.advance(timedelta(days=1))
    kit.repairs.not_needed_today(repair.id, actor="ben")
    clock.advance(timedelta(days=2))
    days = kit.repairs.days(repair.id, actor="ben")
    assert [d.status for d in days] == [
        DayStatus.MARKED,
        DayStatus.NOT_NEEDED,
        DayStatus.NOT_MARKED,
        DayStatus.NOT_MARKED,
        *[DayStatus.TO_COME] * 3,
    ]
    _refused(kit, repair.id, InvalidInput, "mark_day", actor="ana", day=days[0].day)
    _refused(kit, repair.id, InvalidInput, "mark_day", actor="ana", day=days[5].day)
    assert len(notifier.received) == heard
    assert kit.crossings.counted(couple.id, actor="ben").counted == 0
    assert list(kit.crossings.find(couple.id, actor="ben")) == []


def test_a_pause_moves_the_end_by_the_whole_days_paused(kit, couple, clock):
    """Paused over two whole days, the period ends two days later; either resumes it."""
    repair = _practising(kit, couple)
    end = repair.practice_ends_at
    kit.repairs.pause_practice(repair.id, actor="ben")
    clock.advance(timedelta(days=3))
    assert kit.timers.run_due() == []
    resumed = kit.repairs.resume_practice(repair.id, actor="ana")
    assert resumed.practice_ends_at == end + timedelta(days=2)


def test_the_review_opens_at_the_end_and_waits_on_the_agenda_a_week_later(kit, couple, clock):
    """The period's end opens the review; a week unheld, it goes on the agenda."""
    repair = _practising(kit, couple)
    clock.advance(timedelta(days=7))
    kit.timers.run_due()
    opened = kit.repairs.get(repair.id, actor="ben")
    assert opened.state is _S.REVIEW
    assert opened.review_due_at == repair.practice_ends_at
    _refused(kit, repair.id, NotAllowedNow, "complete", actor="ben")
    clock.advance(timedelta(days=7))
    kit.timers.run_due()
    assert kit.repairs.get(repair.id, actor="ben").state is _S.REVIEW_WAITING
    assert [i.about for i in kit.agenda.waiting(couple.id, actor="ana")] == [
        "A repair's review waiting"
    ]
    kit.repairs.review(repair.id, actor="ana", worked="Walks.", did_not="Late nights.")
    kit.repairs.review(repair.id, actor="ben", worked="Walks.", did_not="Phones.")
    renewed = kit.repairs.renew(
        repair.id, actor="ana", practice=Practice(kind=PracticeKind.EXTRA_CHECK_IN, days=7)
    )
    assert (renewed.state, renewed.period, renewed.marked) == (_S.PRACTICE, 2, ())
    assert kit.agenda.waiting(couple.id, actor="ana") == []


def test_without_a_practice_the_review_comes_at_once(kit, couple):
    """A plan done with no practice opens the review at once; either completes it."""
    repair = kit.repairs.own(couple.id, actor="ana")
    _to_plan(kit, repair.id)
    _both_share(kit, repair.id, _A.PLAN)
    assert kit.repairs.get(repair.id, actor="ana").state is _S.REVIEW
    kit.repairs.review(repair.id, actor="ana", worked="Talking.", did_not="Timing.")
    kit.repairs.review(repair.id, actor="ben", worked="Talking.", did_not="Timing.")
    assert kit.repairs.complete(repair.id, actor="ben").state is _S.COMPLETED


def test_either_closes_it_alone_and_leaving_closes_it_for_both(kit, couple):
    """Closing is neutral and one partner's; leaving closes every open repair."""
    closed = kit.repairs.close(kit.repairs.own(couple.id, actor="ana").id, actor="ben")
    assert closed.state is _S.CLOSED
    repair = kit.repairs.own(couple.id, actor="ben")
    kit.relationships.leave(couple.id, actor="ana")
    assert kit.repairs.get(repair.id, actor="ben").state is _S.CLOSED_BY_LEAVING


def test_an_outsider_cannot_tell_a_repair_exists(kit, couple):
    """Eve gets the same NotFound as for an id never used."""
    repair = kit.repairs.own(couple.id, actor="ana")
    with pytest.raises(NotFound) as real:
        kit.repairs.moves(repair.id, actor="eve")
    with pytest.raises(NotFound) as missing:
        kit.repairs.moves(uuid.uuid4(), actor="eve")
    assert str(real.value) == str(missing.value)


@given(
    kind=st.text(max_size=30).filter(lambda k: k not in {p.value for p in PracticeKind}),
    days=st.integers(-5, 120),
)
def test_the_practice_set_is_closed(kind, days):
    """A kind outside the closed set is refused with a typed error, whatever its days."""
    with pytest.raises(InvalidInput, match="practice"):
        check_practice(Practice(kind=kind, days=days, minutes=20), RepairRules())


def test_an_invitation_waits_after_a_no_and_one_waits_at_a_time(kit, couple, clock, notifier):
    """Rule 6: after Ben's no, Ana's next invitation waits the re-ask pause; none stack."""
    first = kit.repairs.invite(couple.id, actor="ana")
    with pytest.raises(NotAllowedNow):  # one of hers waits already
        kit.repairs.invite(couple.id, actor="ana")
    kit.repairs.decline(first.id, actor="ben")
    heard = len(notifier.for_person("ben"))
    clock.advance(timedelta(hours=23))
    with pytest.raises(NotAllowedNow) as refused:
        kit.repairs.invite(couple.id, actor="ana")
    assert refused.value.possible_from == clock.now() + timedelta(hours=1)
    assert len(notifier.for_person("ben")) == heard  # the refusal told nobody
    assert [r.id for r in kit.repairs.find(couple.id, actor="ben")] == [first.id]
    assert kit.repairs.invite(couple.id, actor="ben").state is _S.INVITED  # his own: free
    clock.advance(timedelta(hours=1))
    assert kit.repairs.invite(couple.id, actor="ana").state is _S.INVITED


def test_a_day_said_not_needed_can_still_be_marked_by_its_owner(kit, couple, clock):
    """The receiver's "not needed today" is a kindness: it never takes a day from Ana."""
    repair = kit.repairs.own(couple.id, actor="ana", practice=Practice.focused_attention())
    for _ in range(20):  # the five steps, each partner passing, listening, accepting
        if kit.repairs.get(repair.id, actor="ana").state is _S.PRACTICE:
            break
        for person in ("ana", "ben"):
            moves = kit.repairs.moves(repair.id, actor=person)
            if "pass_step" in moves:
                kit.repairs.pass_step(repair.id, actor=person)
            elif "summarise" in moves:
                kit.repairs.summarise(repair.id, actor=person, words="I hear you.")
            elif "accept_apology" in moves:
                kit.repairs.accept_apology(repair.id, actor=person)
    assert kit.repairs.get(repair.id, actor="ana").state is _S.PRACTICE
    kit.repairs.not_needed_today(repair.id, actor="ben")
    assert "mark_day" in kit.repairs.moves(repair.id, actor="ana")
    kit.repairs.mark_day(repair.id, actor="ana")
    [today] = [d for d in kit.repairs.days(repair.id, actor="ben") if d.day == clock.now().date()]
    assert today.status.value == "marked"
