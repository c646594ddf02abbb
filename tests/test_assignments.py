"""Practice between sessions: started by its assignee's yes, ended by them alone."""

from __future__ import annotations

from datetime import timedelta

import pytest

from conftest import invite_and_accept
from repairkit import (
    InvalidInput,
    NotAllowedNow,
    NotFound,
    NotPermitted,
    RelationshipSettings,
)
from repairkit.assignments import AssignmentNotice, AssignmentRules, AssignmentState
from repairkit.testing.safety import blaming_words

_S = AssignmentState
LISTEN = "Practise reflective listening once a day."
SHARE = "Share one small worry each evening."


def _active(kit, couple, proposer="ana", assignee="ben"):
    made = kit.assignments.propose(couple.id, actor=proposer, assignee=assignee, words=LISTEN)
    if made.state is _S.PROPOSED:
        return kit.assignments.accept(made.id, actor=assignee)
    return made


def _with_third_person(kit, couple, categories=("assignments",)):
    third = kit.facilitators.propose(
        couple.id, actor="ana", person="tess", approach="couples therapist", categories=categories
    )
    return kit.facilitators.agree(third.id, actor="ben", categories=categories)


def _refused(kit, assignment_id, error, move, *, actor, reader="ben", **arguments):
    """Refuse *move* with *error*; the practice and its history are exactly as before."""
    before = kit.assignments.get(assignment_id, actor=reader)
    history = kit.assignments.events(assignment_id, actor=reader)
    with pytest.raises(error):
        getattr(kit.assignments, move)(assignment_id, actor=actor, **arguments)
    after = kit.assignments.get(assignment_id, actor=reader)
    assert (after.state, after.version, after.attempts, after.debriefs) == (
        before.state,
        before.version,
        before.attempts,
        before.debriefs,
    )
    assert kit.assignments.events(assignment_id, actor=reader) == history


# -- proposing and answering ----------------------------------------------------------------


def test_it_starts_only_with_the_assignees_yes(kit, couple, notifier):
    """Ana proposes a practice for Ben: nothing starts until he accepts; he is told calmly."""
    made = kit.assignments.propose(couple.id, actor="ana", words=f"  {LISTEN}  ")
    assert (made.assignee, made.proposer, made.state, made.words) == (
        "ben",
        "ana",
        _S.PROPOSED,
        LISTEN,
    )
    assert (made.started_at, made.ends_at, made.due_at) == (None, None, None)
    assert kit.assignments.moves(made.id, actor="ben") == ("accept", "decline")
    assert kit.assignments.moves(made.id, actor="ana") == ("withdraw",)
    [told] = notifier.received
    assert (told.recipient, told.kind) == ("ben", AssignmentNotice.PROPOSED)
    assert LISTEN not in told.message
    assert "ana" not in told.message
    assert not blaming_words(told.message)
    for move in ("attempt", "end", "review"):
        _refused(kit, made.id, NotAllowedNow, move, actor="ben")
    _refused(kit, made.id, NotPermitted, "accept", actor="ana")
    accepted = kit.assignments.accept(made.id, actor="ben")
    assert accepted.state is _S.ACTIVE
    assert accepted.ends_at == accepted.started_at + timedelta(days=7)
    assert accepted.due_at == accepted.ends_at


def test_a_no_is_neutral_never_counted_and_shown_to_nobody_else(kit, couple, notifier):
    """Ben says no: Ana hears it calmly, the state says declined, and nothing counts it."""
    made = kit.assignments.propose(couple.id, actor="ana", words=LISTEN)
    declined = kit.assignments.decline(made.id, actor="ben")
    assert declined.state is _S.DECLINED
    assert (declined.attempts, declined.debriefs, declined.next_debrief) == ((), (), 1)
    told = notifier.for_person("ana")[-1]
    assert told.kind == AssignmentNotice.DECLINED
    assert "fair answer" in told.message
    assert not blaming_words(told.message)
    assert kit.assignments.moves(made.id, actor="ben") == ()


def test_asking_the_same_again_after_a_no_waits(kit, couple, clock):
    """The same words for the same partner wait out the rules' pause after a no; others do not."""
    made = kit.assignments.propose(couple.id, actor="ana", words=LISTEN)
    kit.assignments.decline(made.id, actor="ben")
    clock.advance(timedelta(hours=1))
    with pytest.raises(NotAllowedNow) as refused:
        kit.assignments.propose(
            couple.id, actor="ana", words="practise  reflective listening, once a day"
        )
    assert refused.value.possible_from == clock.now() + timedelta(hours=23)
    assert not blaming_words(str(refused.value))
    kit.assignments.propose(couple.id, actor="ana", words=SHARE)  # other words: fine
    kit.assignments.propose(couple.id, actor="ben", assignee="ben", words=LISTEN)  # his own
    clock.advance(timedelta(days=1))
    assert kit.assignments.propose(couple.id, actor="ana", words=LISTEN).state is _S.PROPOSED


def test_a_partner_may_take_one_on_for_themself(kit, couple, notifier):
    """Proposing for oneself is one's own yes: it starts at once, and the other is told."""
    own = kit.assignments.propose(couple.id, actor="ben", assignee="ben", words=SHARE)
    assert (own.state, own.started_at) == (_S.ACTIVE, own.created_at)
    assert kit.assignments.moves(own.id, actor="ben") == ("attempt", "end", "review")
    [told] = notifier.received
    assert (told.recipient, told.kind) == ("ana", AssignmentNotice.STARTED)


@pytest.mark.parametrize("words", ["", "   ", None, 3, "x" * 301])
def test_words_are_checked_and_refused_input_stores_nothing(kit, couple, words):
    """Empty, missing, non-text or overlong words are refused; nothing is stored."""
    with pytest.raises(InvalidInput, match="words"):
        kit.assignments.propose(couple.id, actor="ana", words=words)
    assert kit.assignments.find(couple.id, actor="ana") == []


@pytest.mark.parametrize(
    ("field", "arguments"),
    [
        ("assignee", {"assignee": "eve"}),
        ("days", {"days": 0}),
        ("days", {"days": 29}),
        ("days", {"days": "7"}),
    ],
)
def test_the_assignee_and_time_box_are_checked(kit, couple, field, arguments):
    """Only a partner is an assignee; the time box is whole days within the rules."""
    with pytest.raises(InvalidInput, match=field):
        kit.assignments.propose(couple.id, actor="ana", words=LISTEN, **arguments)


def test_outsiders_are_told_nothing(kit, couple):
    """Eve cannot propose, read or move anything."""
    with pytest.raises(NotFound):
        kit.assignments.propose(couple.id, actor="eve", assignee="ben", words=LISTEN)
    made = _active(kit, couple)
    for move in ("get", "moves", "events"):
        with pytest.raises(NotFound):
            getattr(kit.assignments, move)(made.id, actor="eve")
    _refused(kit, made.id, NotFound, "review", actor="eve")


# -- pressure limits -------------------------------------------------------------------------


def test_practices_under_way_and_proposals_a_day_are_bounded(kit, clock):
    """Past the open bound, a proposal and an acceptance are refused; past the day's, tomorrow."""
    rules = AssignmentRules(max_open=1, daily_proposals=2)
    couple = invite_and_accept(
        kit, ("ana", "ben"), actor="ana", settings=RelationshipSettings(rules=[rules])
    )
    first = kit.assignments.propose(couple.id, actor="ana", words=LISTEN)
    second = kit.assignments.propose(couple.id, actor="ana", words=SHARE)
    with pytest.raises(NotAllowedNow, match="2 practices can be proposed in a day") as daily:
        kit.assignments.propose(couple.id, actor="ana", words="Take a walk together.")
    assert daily.value.possible_from is not None
    kit.assignments.accept(first.id, actor="ben")
    _refused(kit, second.id, NotAllowedNow, "accept", actor="ben")
    assert kit.assignments.moves(second.id, actor="ben") == ("decline",)
    clock.advance(timedelta(days=1))
    with pytest.raises(NotAllowedNow, match="under way"):
        kit.assignments.propose(couple.id, actor="ana", words="Take a walk together.")
    kit.assignments.end(first.id, actor="ben")
    assert kit.assignments.accept(second.id, actor="ben").state is _S.ACTIVE


def test_the_rules_are_the_couples_and_bounded():
    """Out-of-range rules are refused, naming the rule."""
    for name in ("default_days", "max_days", "max_open", "daily_proposals", "reask_wait_hours"):
        with pytest.raises(InvalidInput, match=name):
            AssignmentRules(**{name: -1})


# -- attempts, debriefs, celebrations -----------------------------------------------------------


def test_only_the_assignee_records_attempts_and_none_is_nothing(kit, couple, clock, notifier):
    """Ben records his own attempts (a day, a note); nobody else can; no day is ever 'missed'."""
    made = _active(kit, couple)
    heard = len(notifier.received)
    _refused(kit, made.id, NotPermitted, "attempt", actor="ana")
    clock.advance(timedelta(days=3))
    tried = kit.assignments.attempt(made.id, actor="ben", note=" Listened first. ")
    [attempt] = tried.attempts
    assert (attempt.day, attempt.note, attempt.celebrated) == (
        clock.now().date(),
        "Listened first.",
        False,
    )
    assert len(notifier.received) == heard  # an attempt presses on nobody
    with pytest.raises(InvalidInput, match="note"):
        kit.assignments.attempt(made.id, actor="ben", note="x" * 281)
    assert not any(hasattr(tried, name) for name in ("missed", "streak", "score"))


def test_debriefs_follow_an_attempt_and_belong_to_their_authors(kit, couple, notifier):
    """Either partner debriefs after an attempt; only the author takes theirs out, even later."""
    made = _active(kit, couple)
    _refused(kit, made.id, NotAllowedNow, "debrief", actor="ana", worked="Good.")
    kit.assignments.attempt(made.id, actor="ben")
    with pytest.raises(InvalidInput, match="worked"):
        kit.assignments.debrief(made.id, actor="ana")
    kit.assignments.debrief(made.id, actor="ana", worked="Slowing down helped.")
    told = notifier.for_person("ben")[-1]
    assert told.kind == AssignmentNotice.DEBRIEF
    assert "Slowing" not in told.message
    both = kit.assignments.debrief(made.id, actor="ben", adjust="Try it earlier in the day.")
    assert [(d.number, d.author) for d in both.debriefs] == [(1, "ana"), (2, "ben")]
    _refused(kit, made.id, InvalidInput, "remove_debrief", actor="ben", debrief=1)
    kit.assignments.end(made.id, actor="ben")
    kept = kit.assignments.remove_debrief(made.id, actor="ana", debrief=1)
    assert [d.author for d in kept.debriefs] == ["ben"]
    assert kit.assignments.moves(made.id, actor="ana") == ()


def test_a_small_step_is_celebrated_with_an_appreciation_and_no_score(kit, couple, notifier):
    """Ana celebrates Ben's attempt: he alone hears an appreciation; again only after a new one."""
    made = _active(kit, couple)
    kit.assignments.attempt(made.id, actor="ben")
    _refused(kit, made.id, NotPermitted, "celebrate", actor="ben")
    celebrated = kit.assignments.celebrate(made.id, actor="ana")
    told = notifier.received[-1]
    assert (told.recipient, told.kind) == ("ben", AssignmentNotice.APPRECIATED)
    assert "appreciated" in told.message
    assert not blaming_words(told.message)
    assert all(a.celebrated for a in celebrated.attempts)
    _refused(kit, made.id, NotAllowedNow, "celebrate", actor="ana")
    kit.assignments.attempt(made.id, actor="ben")
    assert "celebrate" in kit.assignments.moves(made.id, actor="ana")


# -- ending ----------------------------------------------------------------------------------


def test_the_assignee_ends_it_alone_at_any_time(kit, couple, notifier):
    """No lock-in: Ben ends his practice at once; Ana is told calmly; Ana cannot end it."""
    made = _active(kit, couple)
    _refused(kit, made.id, NotPermitted, "end", actor="ana")
    ended = kit.assignments.end(made.id, actor="ben")
    assert (ended.state, ended.due_at) == (_S.ENDED, None)
    assert notifier.received[-1].kind == AssignmentNotice.ENDED


def test_either_partner_closes_it_at_review(kit, couple):
    """At the session's review, either partner closes it as reviewed."""
    for reviewer in ("ana", "ben"):
        made = _active(kit, couple)
        assert kit.assignments.review(made.id, actor=reviewer).state is _S.REVIEWED


def test_its_time_box_ends_it(kit, couple, clock, notifier):
    """The durable timer closes it after the rules' days, telling both partners calmly."""
    rules = AssignmentRules(default_days=3)
    short = invite_and_accept(
        kit, ("cat", "dan"), actor="cat", settings=RelationshipSettings(rules=[rules])
    )
    made = kit.assignments.propose(short.id, actor="cat", words=LISTEN)
    kit.assignments.accept(made.id, actor="dan")
    clock.advance(timedelta(days=3) - timedelta(minutes=1))
    assert kit.timers.run_due() == []
    clock.advance(timedelta(minutes=1))
    [event] = kit.timers.run_due()
    assert event.to_state == _S.TIME_UP.value
    assert {n.recipient for n in notifier.received if n.kind == AssignmentNotice.TIME_UP} == {
        "cat",
        "dan",
    }
    assert kit.assignments.propose(couple.id, actor="ana", words=LISTEN, days=14).days == 14


def test_leaving_closes_it_for_both(kit, couple):
    """A partner leaving closes proposals and practices under way, neutrally."""
    proposed = kit.assignments.propose(couple.id, actor="ana", words=LISTEN)
    active = _active(kit, couple, proposer="ben", assignee="ben")
    kit.relationships.leave(couple.id, actor="ana")
    for made in (proposed, active):
        assert kit.assignments.get(made.id, actor="ben").state is _S.CLOSED_BY_LEAVING


# -- the third person --------------------------------------------------------------------------


def test_the_third_person_proposes_and_the_other_partner_learns_nothing_before_a_yes(
    kit, couple, notifier
):
    """Tess proposes for Ben: Ana sees nothing of it, nor of a no; a yes shows it to her."""
    _with_third_person(kit, couple)
    with pytest.raises(InvalidInput, match="assignee"):
        kit.assignments.propose(couple.id, actor="tess", words=LISTEN)
    declined = kit.assignments.propose(couple.id, actor="tess", assignee="ben", words=SHARE)
    kit.assignments.decline(declined.id, actor="ben")
    made = kit.assignments.propose(couple.id, actor="tess", assignee="ben", words=LISTEN)
    for gone in (declined, made):
        with pytest.raises(NotFound):
            kit.assignments.get(gone.id, actor="ana")
    assert kit.assignments.find(couple.id, actor="ana") == []
    shown = [e.subject_id for e in kit.relationships.events(couple.id, actor="ana")]
    assert declined.id not in shown
    assert made.id not in shown
    assert not [n for n in notifier.for_person("ana") if n.kind.startswith("practice")]
    kit.assignments.accept(made.id, actor="ben")
    assert kit.assignments.get(made.id, actor="ana").state is _S.ACTIVE
    assert [n.kind for n in notifier.for_person("tess")][-1] == AssignmentNotice.STARTED


def test_the_third_person_acts_only_while_both_partners_share_assignments(kit, couple):
    """Tess debriefs and reads only while both consent to 'assignments'; authors stay hidden."""
    third = _with_third_person(kit, couple)
    made = kit.assignments.propose(couple.id, actor="tess", assignee="ben", words=LISTEN)
    kit.assignments.accept(made.id, actor="ben")
    kit.assignments.attempt(made.id, actor="ben", note="Listened first.")
    kit.assignments.debrief(made.id, actor="ana", worked="It felt calmer.")
    seen = kit.assignments.debrief(made.id, actor="tess", adjust="Try it earlier.")
    assert [d.author for d in seen.debriefs] == [None, "tess"]
    [shared] = kit.facilitators.shared(third.id, actor="tess", category="assignments")
    assert (shared.assignee, shared.words) == ("ben", LISTEN)
    assert shared.debriefs == (("It felt calmer.", None), (None, "Try it earlier."))
    assert not hasattr(shared, "attempts")
    kit.facilitators.consent(third.id, actor="ana", categories=[])
    for move, arguments in (("debrief", {"worked": "Good."}), ("review", {})):
        _refused(kit, made.id, NotFound, move, actor="tess", **arguments)
    with pytest.raises(NotFound):
        kit.assignments.get(made.id, actor="tess")
    kit.facilitators.consent(third.id, actor="ana", categories=["assignments"])
    assert kit.assignments.review(made.id, actor="tess").state is _S.REVIEWED
    kit.facilitators.remove(third.id, actor="ben")
    with pytest.raises(NotFound):
        kit.assignments.get(made.id, actor="tess")
    with pytest.raises(NotFound):
        kit.assignments.propose(couple.id, actor="tess", assignee="ben", words=SHARE)


def test_the_other_partner_reads_a_third_persons_proposal_from_the_yes_on(kit, couple, clock):
    """Ana never learns how long Ben took to answer Tess; Tess reads only her own moves."""
    _with_third_person(kit, couple)
    made = kit.assignments.propose(couple.id, actor="tess", assignee="ben", words=LISTEN)
    clock.advance(timedelta(days=2))
    kit.assignments.accept(made.id, actor="ben")
    kit.assignments.attempt(made.id, actor="ben")
    seen = kit.assignments.get(made.id, actor="ana")
    assert seen.created_at == seen.started_at == clock.now()
    assert kit.assignments.get(made.id, actor="ben").created_at == clock.now() - timedelta(days=2)
    kit.assignments.debrief(made.id, actor="tess", adjust="Try it earlier.")
    [own] = kit.assignments.events(made.id, actor="tess")  # her proposal is Ben's to see
    assert (own.actor, own.to_state) == ("tess", "active")
