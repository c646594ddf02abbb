"""Check-in sessions: parts in order, speaker and listener turns, breaks, a third person."""

from __future__ import annotations

from datetime import time, timedelta

import pytest

from conftest import invite_and_accept
from repairkit import (
    InvalidInput,
    NotAllowedNow,
    NotFound,
    NotPermitted,
    RelationshipSettings,
)
from repairkit.sessions import SessionNotice, SessionRules, SessionState
from repairkit.testing.safety import blaming_words

_S = SessionState
THANKS = "Thank you for cooking on Tuesday."


def _schedule(kit, couple, partners=("ana", "ben")):
    schedule = kit.checkins.propose(couple.id, actor=partners[0], weekday=6, start=time(19, 0))
    return kit.checkins.agree(schedule.id, actor=partners[1])


def _open(kit, couple, actor="ana"):
    return kit.sessions.open(couple.id, actor=actor, schedule_id=_schedule(kit, couple).id)


def _to_issue(kit, session):
    kit.sessions.next_part(session.id, actor="ana")
    return kit.sessions.next_part(session.id, actor="ben")


def _refused(kit, session_id, error, move, *, actor, reader="ana", **arguments):
    """Refuse *move* with *error*; the session and its history are exactly as before."""
    before = kit.sessions.get(session_id, actor=reader)
    history = kit.sessions.events(session_id, actor=reader)
    with pytest.raises(error):
        getattr(kit.sessions, move)(session_id, actor=actor, **arguments)
    after = kit.sessions.get(session_id, actor=reader)
    assert (after.state, after.version, after.entries, after.speaker) == (
        before.state,
        before.version,
        before.entries,
        before.speaker,
    )
    assert kit.sessions.events(session_id, actor=reader) == history


def _told(notifier, kind):
    return sorted(n.recipient for n in notifier.received if n.kind == kind)


# -- opening ------------------------------------------------------------------------------


def test_either_partner_opens_a_session_of_an_agreed_schedule(kit, couple, notifier):
    """Ben opens it; Ana hears calmly that it is open; it starts with appreciations."""
    session = _open(kit, couple, actor="ben")
    assert (session.state, session.opener, session.partner) == (_S.APPRECIATIONS, "ben", "ana")
    [told] = [n for n in notifier.received if n.kind == SessionNotice.OPENED]
    assert told.recipient == "ana"
    assert blaming_words(told.message) == []
    assert kit.sessions.open_session(couple.id, actor="ana").id == session.id


def test_a_second_open_session_and_an_unagreed_schedule_are_refused(kit, couple):
    """One open session per relationship; a proposed schedule opens none; Eve sees none."""
    session = _open(kit, couple)
    schedule_id = session.schedule_id
    with pytest.raises(NotAllowedNow, match="open already"):
        kit.sessions.open(couple.id, actor="ben", schedule_id=schedule_id)
    with pytest.raises(NotFound):
        kit.sessions.get(session.id, actor="eve")
    kit.sessions.end(session.id, actor="ana")
    proposed = kit.checkins.propose(couple.id, actor="ben", weekday=2, start=time(8, 0))
    with pytest.raises(NotAllowedNow, match="not agreed"):
        kit.sessions.open(couple.id, actor="ana", schedule_id=proposed.id)
    assert len(kit.sessions.find(couple.id, actor="ana")) == 1
    again = kit.sessions.open(couple.id, actor="ben", schedule_id=schedule_id)
    assert again.state == _S.APPRECIATIONS


# -- the parts --------------------------------------------------------------------------------


def test_the_parts_follow_in_order_and_keep_each_authors_words(kit, couple, notifier):
    """Appreciations, what went right, the issues, the week, done: texts kept, never told."""
    session = _open(kit, couple)
    sent = len(notifier.received)
    kit.sessions.appreciate(session.id, actor="ana", words=THANKS)
    kit.sessions.appreciate(session.id, actor="ben", words="Thank you for listening.")
    _refused(kit, session.id, NotAllowedNow, "went_right", actor="ana", words="We walked.")
    kit.sessions.next_part(session.id, actor="ben")
    kit.sessions.went_right(session.id, actor="ana", words="We walked on Sunday.")
    _refused(kit, session.id, NotAllowedNow, "appreciate", actor="ana", words=THANKS)
    kit.sessions.next_part(session.id, actor="ana")
    kit.sessions.next_part(session.id, actor="ana")
    week = kit.sessions.for_the_week(session.id, actor="ben", words="I can cook on Friday.")
    assert [(e.part, e.author) for e in week.entries] == [
        ("appreciation", "ana"),
        ("appreciation", "ben"),
        ("went right", "ana"),
        ("for the week", "ben"),
    ]
    assert week.entries[0].words == THANKS
    done = kit.sessions.next_part(session.id, actor="ben")
    assert done.state == _S.ENDED
    assert notifier.received[sent:] == []
    _refused(kit, session.id, NotAllowedNow, "take_break", actor="ana")


def test_appreciations_stop_at_the_rules_number_for_each_partner(kit, couple):
    """Ana's sixth appreciation is refused calmly, naming no number; Ben's first is not."""
    session = _open(kit, couple)
    for n in range(5):
        kit.sessions.appreciate(session.id, actor="ana", words=f"{THANKS} ({n})")
    assert "appreciate" not in kit.sessions.moves(session.id, actor="ana")
    assert "appreciate" in kit.sessions.moves(session.id, actor="ben")
    with pytest.raises(NotAllowedNow) as refused:
        kit.sessions.appreciate(session.id, actor="ana", words=THANKS)
    assert "5" not in str(refused.value)
    _refused(kit, session.id, NotAllowedNow, "appreciate", actor="ana", words=THANKS)
    kit.sessions.appreciate(session.id, actor="ben", words=THANKS)


def test_a_text_that_does_not_fit_is_refused_and_changes_nothing(kit, couple):
    """A blank text, a text too long, and an outsider's text are refused alike."""
    session = _open(kit, couple)
    _refused(kit, session.id, InvalidInput, "appreciate", actor="ana", words="   ")
    _refused(kit, session.id, InvalidInput, "appreciate", actor="ana", words="x" * 501)
    _refused(kit, session.id, NotFound, "appreciate", actor="eve", words=THANKS)


# -- an issue, in turns -------------------------------------------------------------------------


def test_an_issue_is_heard_in_turns_until_both_feel_understood(kit, couple):
    """Speaker and listener swap once the speaker is understood; then the issue is agreed."""
    session = _to_issue(kit, _open(kit, couple))
    raised = kit.sessions.raise_issue(session.id, actor="ben", words="The dishes pile up.")
    assert (raised.state, raised.speaker, raised.listener) == (_S.SPEAKING, "ben", "ana")
    assert kit.sessions.moves(session.id, actor="ana")[:1] == ("summarise",)
    _refused(kit, session.id, NotPermitted, "summarise", actor="ben", words="I hear you.")
    _refused(kit, session.id, NotAllowedNow, "understood", actor="ben")
    _refused(kit, session.id, InvalidInput, "close_issue", actor="ana", outcome="agreed")
    _refused(kit, session.id, InvalidInput, "close_issue", actor="ana", outcome="won")
    kit.sessions.summarise(session.id, actor="ana", words="They pile up and it tires you.")
    _refused(kit, session.id, NotPermitted, "understood", actor="ana")
    swapped = kit.sessions.understood(session.id, actor="ben")
    assert (swapped.state, swapped.speaker) == (_S.SPEAKING, "ana")
    kit.sessions.summarise(session.id, actor="ben", words="You are tired in the evenings.")
    both = kit.sessions.understood(session.id, actor="ana")
    assert (both.state, both.understood_by) == (_S.UNDERSTOOD, ("ben", "ana"))
    closed = kit.sessions.close_issue(session.id, actor="ben", outcome="agreed")
    assert (closed.state, closed.speaker, closed.understood_by) == (_S.ISSUE, None, ())
    assert [e.part for e in closed.entries] == ["issue", "summary", "summary"]


def test_there_is_more_uses_rounds_and_the_last_gives_both_the_sign(kit, couple, notifier):
    """Three rounds without being understood: both hear, once, that a third person could help."""
    session = _to_issue(kit, _open(kit, couple))
    kit.sessions.raise_issue(session.id, actor="ana", words="Money worries me.")
    for n in range(4):
        kit.sessions.summarise(session.id, actor="ben", words=f"You worry about money ({n}).")
        more = kit.sessions.there_is_more(session.id, actor="ana")
        assert (more.state, more.speaker) == (_S.SPEAKING, "ana")
        expected = ["ana", "ben"] if n >= 2 else []
        assert _told(notifier, SessionNotice.STALEMATE) == expected
    [sign, _] = [n for n in notifier.received if n.kind == SessionNotice.STALEMATE]
    assert "Money" not in sign.message
    assert "ana" not in sign.message
    assert blaming_words(sign.message) == []
    closed = kit.sessions.close_issue(session.id, actor="ben", outcome="carried over")
    assert closed.state == _S.ISSUE


def test_the_floor_timer_tells_the_speaker_softly_and_blocks_nothing(kit, couple, clock, notifier):
    """At the floor's minutes the speaker alone hears it; the session stays where it is."""
    settings = RelationshipSettings(rules=[SessionRules(floor_minutes=3)])
    kit.relationships.propose_settings(couple.id, actor="ana", settings=settings)
    kit.relationships.agree_to_settings(couple.id, actor="ben")
    session = _to_issue(kit, _open(kit, couple))
    kit.sessions.raise_issue(session.id, actor="ben", words="Weekends feel rushed.")
    clock.advance(timedelta(minutes=2))
    kit.timers.run_due()
    assert _told(notifier, SessionNotice.FLOOR_TIME_UP) == []
    clock.advance(timedelta(minutes=1))
    kit.timers.run_due()
    kit.timers.run_due()
    [soft] = [n for n in notifier.received if n.kind == SessionNotice.FLOOR_TIME_UP]
    assert soft.recipient == "ben"
    assert "Weekends" not in soft.message
    assert blaming_words(soft.message) == []
    still = kit.sessions.get(session.id, actor="ana")
    assert (still.state, still.speaker) == (_S.SPEAKING, "ben")
    assert "summarise" in kit.sessions.moves(session.id, actor="ana")


def test_an_agenda_item_carried_over_three_sessions_gives_both_the_sign(kit, couple, notifier):
    """The third session carrying the same agenda item over tells both, in neutral words."""
    item = kit.agenda.add_topic(couple.id, actor="ana", words="Holidays with family.")
    for n in range(3):
        if n == 0:
            session = _open(kit, couple)
        else:
            session = kit.sessions.open(couple.id, actor="ben", schedule_id=session.schedule_id)
        _to_issue(kit, session)
        kit.sessions.raise_issue(session.id, actor="ben", words="Holidays.", item_id=item.id)
        closed = kit.sessions.close_issue(session.id, actor="ana", outcome="carried over")
        assert closed.carried == (item.id,)
        expected = ["ana", "ben"] if n == 2 else []
        assert _told(notifier, SessionNotice.STALEMATE) == expected
        kit.sessions.end(session.id, actor="ana")


def test_an_item_not_on_the_agenda_is_refused(kit, couple):
    """An issue names only a waiting agenda item both partners may see."""
    session = _to_issue(kit, _open(kit, couple))
    _refused(
        kit, session.id, InvalidInput, "raise_issue", actor="ana", words="x", item_id=couple.id
    )


# -- breaks, a third person, ending, leaving --------------------------------------------


def test_a_break_comes_back_where_it_paused_and_two_breaks_give_the_sign(
    kit, couple, notifier, clock
):
    """Either takes a break alone; either comes back; the second break tells both the sign.

    Each break starts its taker's time-out: what would reach them waits until it ends.
    """
    session = _to_issue(kit, _open(kit, couple))
    kit.sessions.raise_issue(session.id, actor="ana", words="Bedtimes.")
    paused = kit.sessions.take_break(session.id, actor="ben")
    assert paused.state == _S.ON_BREAK
    assert kit.sessions.moves(session.id, actor="ana") == ("resume", "ask_for_third_person", "end")
    back = kit.sessions.resume(session.id, actor="ana")
    assert (back.state, back.speaker) == (_S.SPEAKING, "ana")
    assert _told(notifier, SessionNotice.STALEMATE) == []
    kit.sessions.take_break(session.id, actor="ana")
    assert _told(notifier, SessionNotice.STALEMATE) == []  # both are cooling off
    clock.advance(timedelta(minutes=20))
    kit.outbox.deliver_pending()
    assert _told(notifier, SessionNotice.STALEMATE) == ["ana", "ben"]
    told = [(n.recipient, n.event_id) for n in notifier.received]
    assert len(set(told)) == len(told), "one notice per person and event"
    assert kit.sessions.resume(session.id, actor="ana").state == _S.SPEAKING


def test_asking_for_a_third_person_is_never_refused_and_names_no_one(kit, couple, notifier):
    """From any open state, alone: both hear, once, naming neither."""
    session = _open(kit, couple)
    asked = kit.sessions.ask_for_third_person(session.id, actor="ben")
    assert asked.state == _S.APPRECIATIONS
    kit.sessions.take_break(session.id, actor="ana")
    kit.sessions.ask_for_third_person(session.id, actor="ana")
    told = [n for n in notifier.received if n.kind == SessionNotice.THIRD_PERSON]
    assert sorted(n.recipient for n in told) == ["ana", "ben"]
    for notice in told:
        assert "ana" not in notice.message
        assert "ben" not in notice.message
        assert blaming_words(notice.message) == []


def test_either_ends_the_session_alone_and_nothing_is_lost(kit, couple, notifier):
    """Ben ends it mid-issue; Ana hears calmly; the texts stay; nothing more is open."""
    session = _to_issue(kit, _open(kit, couple))
    kit.sessions.raise_issue(session.id, actor="ana", words="Chores.")
    ended = kit.sessions.end(session.id, actor="ben")
    assert (ended.state, len(ended.entries)) == (_S.ENDED, 1)
    assert _told(notifier, SessionNotice.ENDED) == ["ana"]
    assert kit.sessions.moves(session.id, actor="ana") == ()
    _refused(kit, session.id, NotAllowedNow, "ask_for_third_person", actor="ana")


def test_a_session_open_too_long_is_ended_by_repairkit(kit, couple, clock, notifier):
    """At max_minutes repairkit ends it, neutrally, telling both."""
    session = _open(kit, couple)
    kit.sessions.take_break(session.id, actor="ana")
    clock.advance(timedelta(minutes=120))
    kit.timers.run_due()
    assert kit.sessions.get(session.id, actor="ben").state == _S.ENDED
    assert _told(notifier, SessionNotice.ENDED) == ["ana", "ben"]


def test_leaving_closes_the_open_session(kit, couple):
    """A partner leaves: the session is closed by leaving, for both."""
    session = _open(kit, couple)
    kit.relationships.leave(couple.id, actor="ben")
    assert kit.sessions.get(session.id, actor="ana").state == _S.CLOSED_BY_LEAVING


def test_the_partners_sessions_stay_apart(kit, couple):
    """Another couple's schedule opens nothing here."""
    other = invite_and_accept(kit, ("cy", "dee"), actor="cy")
    schedule = _schedule(kit, other, ("cy", "dee"))
    with pytest.raises(NotFound):
        kit.sessions.open(couple.id, actor="ana", schedule_id=schedule.id)
