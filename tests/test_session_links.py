"""The check-in's links: drafts from a session, agenda items taken up, breaks, missed times."""

from __future__ import annotations

import json
from datetime import time, timedelta

import pytest

from repairkit import InvalidInput, NotAllowedNow, NotFound, NotPermitted, TimeBox
from repairkit.adapters.codec import default_codec
from repairkit.agenda import AgendaState
from repairkit.boundaries import Boundary, BoundaryState
from repairkit.core import SYSTEM
from repairkit.requests import Request, RequestState
from repairkit.sessions import SessionState

_S = SessionState
_CODEC = default_codec()


def _schedule(kit, couple):
    schedule = kit.checkins.propose(couple.id, actor="ana", weekday=6, start=time(19, 0))
    return kit.checkins.agree(schedule.id, actor="ben")


def _open(kit, couple, actor="ana"):
    return kit.sessions.open(couple.id, actor=actor, schedule_id=_schedule(kit, couple).id)


def _to_issue(kit, session):
    kit.sessions.next_part(session.id, actor="ana")
    return kit.sessions.next_part(session.id, actor="ben")


def _understood(kit, session, *, item_id=None):
    """Ben raises an issue; both feel understood in turn."""
    kit.sessions.raise_issue(
        session.id, actor="ben", words="Mornings feel rushed.", item_id=item_id
    )
    kit.sessions.summarise(session.id, actor="ana", words="Mornings stress you.")
    kit.sessions.understood(session.id, actor="ben")
    kit.sessions.summarise(session.id, actor="ben", words="You want more time too.")
    return kit.sessions.understood(session.id, actor="ana")


def _agreed(kit, couple, *, item_id=None):
    session = _to_issue(kit, _open(kit, couple))
    _understood(kit, session, item_id=item_id)
    return kit.sessions.close_issue(session.id, actor="ben", outcome="agreed")


def _stored(kit, kind, couple):
    """Every object of *kind* stored for the couple, whoever may see it (the store's own view)."""
    return kit._runner.repository.load_page(kind, couple.id, states=None, after=None, limit=100)


# -- 1. an agreed issue starts a draft; "for the week" seeds a private request --------------


def test_an_agreed_issue_starts_a_private_request_draft_linked_to_the_session(kit, couple):
    """Ben drafts a request from the agreed issue: his alone, naming the session, unseen by Ana."""
    session = _agreed(kit, couple)
    before = kit.sessions.get(session.id, actor="ana")
    heard = kit.sessions.events(session.id, actor="ana")
    request = kit.sessions.draft_request(
        session.id, actor="ben", need="calm mornings", ask="Could you make the coffee on Fridays?"
    )
    assert (request.state, request.asker, request.from_check_in) == (
        RequestState.DRAFTED,
        "ben",
        session.id,
    )
    assert kit.requests.get(request.id, actor="ben").from_check_in == session.id
    with pytest.raises(NotFound):  # private to its writer, like any draft
        kit.requests.get(request.id, actor="ana")
    assert kit.requests.find(couple.id, actor="ana") == []
    after = kit.sessions.get(session.id, actor="ana")  # the session records nothing of it
    assert (after.version, after.entries) == (before.version, before.entries)
    assert kit.sessions.events(session.id, actor="ana") == heard
    proposed = kit.requests.propose(  # once proposed, Ana reads the link too
        kit.requests.revise(
            request.id,
            actor="ben",
            time_box=_week(kit),
        ).id,
        actor="ben",
    )
    assert kit.requests.get(proposed.id, actor="ana").from_check_in == session.id


def _week(kit):
    now = kit._runner.now()
    return TimeBox(starts_at=now, ends_at=now + timedelta(days=7))


def test_an_agreed_issue_starts_a_private_boundary_draft_linked_to_the_session(kit, couple):
    """Ana drafts a boundary from the agreed issue: hers alone, naming the session."""
    session = _agreed(kit, couple)
    boundary = kit.sessions.draft_boundary(
        session.id, actor="ana", rule="No phones at breakfast.", own_action="I will step out."
    )
    assert (boundary.state, boundary.proposer, boundary.from_check_in) == (
        BoundaryState.DRAFTED,
        "ana",
        session.id,
    )
    with pytest.raises(NotFound):
        kit.boundaries.get(boundary.id, actor="ben")
    assert kit.boundaries.get(boundary.id, actor="ana").from_check_in == session.id


def test_a_week_answer_seeds_a_private_request_but_not_a_boundary(kit, couple):
    """In "for the week" a request may start; a boundary starts only from an agreed issue."""
    session = _to_issue(kit, _open(kit, couple))
    session = kit.sessions.next_part(session.id, actor="ana")
    assert session.state is _S.FOR_THE_WEEK
    kit.sessions.for_the_week(session.id, actor="ana", words="I can cook on Friday.")
    request = kit.sessions.draft_request(
        session.id, actor="ana", need="rest", ask="Could you take the kids on Saturday morning?"
    )
    assert request.from_check_in == session.id
    with pytest.raises(NotAllowedNow, match="agreed"):
        kit.sessions.draft_boundary(session.id, actor="ana", rule="No phones at breakfast.")


def test_drafting_is_refused_outside_its_moments_and_stores_nothing(kit, couple):
    """Before any issue, after one carried over, or a new issue raised: refused, nothing stored."""
    session = _to_issue(kit, _open(kit, couple))
    with pytest.raises(NotAllowedNow, match="agreed"):
        kit.sessions.draft_request(session.id, actor="ana", need="rest", ask="a walk")
    _understood(kit, session)
    kit.sessions.close_issue(session.id, actor="ana", outcome="carried over")
    with pytest.raises(NotAllowedNow):
        kit.sessions.draft_boundary(session.id, actor="ana", rule="No phones at breakfast.")
    _understood(kit, session)
    kit.sessions.close_issue(session.id, actor="ana", outcome="agreed")
    kit.sessions.raise_issue(session.id, actor="ana", words="Weekends.")
    kit.sessions.close_issue(session.id, actor="ana", outcome="carried over")
    with pytest.raises(NotAllowedNow):  # the agreed issue is no longer the last one
        kit.sessions.draft_request(session.id, actor="ana", need="rest", ask="a walk")
    with pytest.raises(NotFound):  # an outsider hears what a missing id would say
        kit.sessions.draft_request(session.id, actor="eve", need="rest", ask="a walk")
    assert _stored(kit, Request, couple) == []
    assert _stored(kit, Boundary, couple) == []


def test_bad_input_to_a_draft_is_refused_and_stores_nothing(kit, couple):
    """The requests' and boundaries' own rules hold: a typed error, nothing stored."""
    session = _agreed(kit, couple)
    version = kit.sessions.get(session.id, actor="ana").version
    with pytest.raises(InvalidInput):
        kit.sessions.draft_request(session.id, actor="ana", need="", ask="a walk")
    with pytest.raises(InvalidInput):
        kit.sessions.draft_request(session.id, actor="ana", need="rest", ask="x" * 10_001)
    with pytest.raises(InvalidInput):
        kit.sessions.draft_request(
            session.id, actor="ana", need="rest", ask="a walk", other_asks="a nap"
        )
    with pytest.raises(InvalidInput):
        kit.sessions.draft_boundary(session.id, actor="ana", rule="   ")
    assert _stored(kit, Request, couple) == []
    assert _stored(kit, Boundary, couple) == []
    assert kit.sessions.get(session.id, actor="ana").version == version


def test_rows_written_before_check_in_links_read_as_from_no_session(kit, couple):
    """A stored request or boundary without the field (an earlier version's) loads with None."""
    request = kit.requests.draft(couple.id, actor="ana", need="rest", ask="a walk")
    boundary = kit.boundaries.draft(couple.id, actor="ana", rule="No phones at breakfast.")
    for kind, obj in ((Request, request), (Boundary, boundary)):
        body = json.loads(_CODEC.dump_entity(obj))
        assert body.pop("from_check_in") is None
        assert _CODEC.load_entity(kind, json.dumps(body)).from_check_in is None


# -- 2. an agenda item "taken up" -------------------------------------------------------------


def test_an_agreed_issue_takes_its_agenda_item_up_in_the_same_commit(kit, couple):
    """Ana's topic, named by an issue agreed on, leaves the agenda as "taken up"."""
    topic = kit.agenda.add_topic(couple.id, actor="ana", words="Mornings.")
    session = _agreed(kit, couple, item_id=topic.id)
    item = kit.agenda.get(topic.id, actor="ben")
    assert item.state is AgendaState.TAKEN_UP
    assert [e.TAG for e in kit.agenda.events(topic.id, actor="ana")][-1] == "agenda.taken_up"
    assert kit.agenda.waiting(couple.id, actor="ana") == []
    assert kit.sessions.get(session.id, actor="ana").state is _S.ISSUE


def test_a_third_person_takes_an_item_up_and_carrying_over_leaves_it_waiting(kit, couple):
    """A third person takes a set-aside request's item up; carrying over leaves it waiting."""
    request = kit.requests.draft(couple.id, actor="ana", need="rest", ask="a walk")
    request = kit.requests.revise(request.id, actor="ana", time_box=_week(kit))
    kit.requests.propose(request.id, actor="ana")
    kit.requests.set_aside(request.id, actor="ben")
    [item] = kit.agenda.waiting(couple.id, actor="ana")
    topic = kit.agenda.add_topic(couple.id, actor="ben", words="Weekends.")
    session = _to_issue(kit, _open(kit, couple))
    kit.sessions.raise_issue(session.id, actor="ben", words="Weekends.", item_id=topic.id)
    kit.sessions.close_issue(session.id, actor="ana", outcome="carried over")
    assert kit.agenda.get(topic.id, actor="ana").state is AgendaState.WAITING
    kit.sessions.raise_issue(session.id, actor="ana", words="My walk.", item_id=item.id)
    kit.sessions.close_issue(session.id, actor="ben", outcome="third person")
    assert kit.agenda.get(item.id, actor="ana").state is AgendaState.TAKEN_UP
    assert [i.id for i in kit.agenda.waiting(couple.id, actor="ben")] == [topic.id]
    kit.requests.propose_reopening(request.id, actor="ana")  # its source moving on later
    kit.requests.agree_to_reopen(request.id, actor="ben")  # leaves it taken up
    assert kit.agenda.get(item.id, actor="ana").state is AgendaState.TAKEN_UP


# -- 3. a break starts a time-out ------------------------------------------------------------


def test_a_break_starts_a_time_out_for_its_taker_and_either_resumes(kit, couple, clock):
    """Ana's break starts her time-out (the rules' shortest pause); Ben may resume."""
    session = _to_issue(kit, _open(kit, couple))
    session = kit.sessions.take_break(session.id, actor="ana")
    [timeout] = kit.timeouts.find(couple.id, actor="ben")
    assert (timeout.caller, timeout.return_at - timeout.started_at) == (
        "ana",
        timedelta(minutes=20),
    )
    assert kit.sessions.get(session.id, actor="ben").timeout_id == timeout.id
    clock.advance(timedelta(minutes=20))
    kit.timers.run_due()
    assert kit.sessions.resume(session.id, actor="ben").state is _S.ISSUE


def test_a_break_stands_when_the_time_out_is_refused(kit, couple):
    """Ana has a time-out open already: the break still stands, unrefused, naming none."""
    kit.timeouts.call(couple.id, actor="ana", minutes=30)
    session = _to_issue(kit, _open(kit, couple))
    session = kit.sessions.take_break(session.id, actor="ana", minutes=45)
    assert (session.state, session.timeout_id) == (_S.ON_BREAK, None)
    assert len(kit.timeouts.find(couple.id, actor="ana")) == 1


def test_a_break_of_a_length_no_time_out_may_have_is_refused_and_stores_nothing(kit, couple):
    """Bad minutes are bad input: a typed error, no break, no time-out."""
    session = _to_issue(kit, _open(kit, couple))
    with pytest.raises(InvalidInput):
        kit.sessions.take_break(session.id, actor="ana", minutes=5)
    assert kit.sessions.get(session.id, actor="ana").state is _S.ISSUE
    assert kit.timeouts.find(couple.id, actor="ana") == []


# -- 4. a check-in no session held is missed, only then -------------------------------------


def _passed(kit, schedule_id):
    return [
        e for e in kit.checkins.events(schedule_id, actor="ana") if e.TAG == "schedule.time_passed"
    ]


def test_a_check_in_with_a_session_is_held_and_one_without_is_missed(kit, couple, clock):
    """This Sunday's session was opened: held. Next Sunday none was: missed, naming no one."""
    schedule = _schedule(kit, couple)
    clock.advance(timedelta(days=6, hours=10))  # Sunday 19:00
    session = kit.sessions.open(couple.id, actor="ben", schedule_id=schedule.id)
    assert kit.checkins.get(schedule.id, actor="ana").held
    kit.sessions.end(session.id, actor="ana")
    clock.advance(timedelta(hours=2))
    kit.timers.run_due()
    [held] = _passed(kit, schedule.id)
    assert (held.missed, held.actor) == (False, SYSTEM)
    assert not kit.checkins.get(schedule.id, actor="ana").held  # the next one starts afresh
    clock.advance(timedelta(days=7))
    kit.timers.run_due()
    [_, missed] = _passed(kit, schedule.id)
    assert (missed.missed, missed.actor) == (True, SYSTEM)


def test_a_check_in_set_aside_is_not_missed(kit, couple, clock):
    """Set aside by one partner: its time passes, and nothing reads as missed."""
    schedule = _schedule(kit, couple)
    kit.checkins.skip(schedule.id, actor="ana")
    clock.advance(timedelta(days=7))
    kit.timers.run_due()
    [passed] = _passed(kit, schedule.id)
    assert passed.missed is False


def test_a_session_opened_days_before_holds_no_check_in(kit, couple, clock):
    """Opened on Monday, a session is one of its own: Sunday's check-in still reads as missed."""
    schedule = _schedule(kit, couple)
    session = kit.sessions.open(couple.id, actor="ana", schedule_id=schedule.id)
    assert not kit.checkins.get(schedule.id, actor="ben").held
    kit.sessions.end(session.id, actor="ben")
    clock.advance(timedelta(days=7))
    kit.timers.run_due()
    [passed] = _passed(kit, schedule.id)
    assert passed.missed is True


def test_a_session_opened_on_the_day_reveals_the_preparations_at_once(kit, couple, clock):
    """Neither is ready, and the hour has not come: opening the session reveals both at once.

    What is kept private stays so; a session opened on an earlier day reveals nothing.
    """
    schedule = _schedule(kit, couple)
    write = kit.preparations.write
    write(couple.id, actor="ana", schedule_id=schedule.id, kind="appreciation", words="Tea.")
    write(couple.id, actor="ana", schedule_id=schedule.id, kind="issue", words="X.", share=False)
    write(couple.id, actor="ben", schedule_id=schedule.id, kind="went right", words="Our walk.")
    early = kit.sessions.open(couple.id, actor="ben", schedule_id=schedule.id)  # on Monday
    assert kit.preparations.revealed(schedule.id, actor="ben") == []
    kit.sessions.end(early.id, actor="ana")
    clock.advance(timedelta(days=6, hours=1))  # Sunday 10:00, nine hours before its time
    assert kit.preparations.revealed(schedule.id, actor="ana") == []
    kit.sessions.open(couple.id, actor="ben", schedule_id=schedule.id)
    for person in ("ana", "ben"):
        shown = kit.preparations.revealed(schedule.id, actor=person)
        assert [(e.author, e.words) for e in shown] == [("ana", "Tea."), ("ben", "Our walk.")]


# -- nothing raised is lost -----------------------------------------------------------------


def _topics(kit, couple):
    return [(i.author, i.about) for i in kit.checkins.agenda(couple.id, actor="ana") if i.author]


def test_an_issue_of_ones_own_words_carried_over_waits_as_its_raisers_topic(kit, couple):
    """Carried over, Ben's issue goes on the agenda in his words; one naming an item does not."""
    session = _to_issue(kit, _open(kit, couple))
    kit.sessions.raise_issue(session.id, actor="ben", words="Mornings feel rushed.")
    kit.sessions.close_issue(session.id, actor="ana", outcome="carried over")
    assert _topics(kit, couple) == [("ben", "Mornings feel rushed.")]
    [item] = kit.checkins.agenda(couple.id, actor="ben")
    kit.sessions.raise_issue(session.id, actor="ben", words="Again.", item_id=item.id)
    kit.sessions.close_issue(session.id, actor="ben", outcome="carried over")
    assert _topics(kit, couple) == [("ben", "Mornings feel rushed.")]  # it waits, once
    with pytest.raises(NotPermitted):  # a topic is taken off by its author only
        kit.agenda.withdraw(item.id, actor="ana")


def test_a_session_ended_while_an_issue_is_heard_puts_it_back_on_the_agenda(kit, couple, clock):
    """Ended by a partner, or closed by repairkit at its longest time: the issue waits."""
    session = _to_issue(kit, _open(kit, couple))
    kit.sessions.raise_issue(session.id, actor="ana", words="x" * 300)
    kit.sessions.take_break(session.id, actor="ben")
    kit.sessions.end(session.id, actor="ben")
    [(author, about)] = _topics(kit, couple)
    assert author == "ana"
    assert about == "x" * 199 + "\u2026"  # shortened to a topic's length, marked so
    second = _to_issue(
        kit, kit.sessions.open(couple.id, actor="ben", schedule_id=session.schedule_id)
    )
    kit.sessions.raise_issue(second.id, actor="ben", words="Visits.")
    clock.advance(timedelta(hours=3))
    kit.timers.run_due()
    assert kit.sessions.get(second.id, actor="ana").state is _S.ENDED
    # both known to the day only: listed by their random ids, not as they were made
    assert {t[1] for t in _topics(kit, couple)} == {about, "Visits."}
    third = _to_issue(
        kit, kit.sessions.open(couple.id, actor="ben", schedule_id=session.schedule_id)
    )
    kit.sessions.end(third.id, actor="ana")  # between issues: nothing to carry
    assert len(_topics(kit, couple)) == 2
