"""Therapy plans: hopes revealed together, a schedule by both, paused when the third person goes."""

from __future__ import annotations

import contextlib
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import repairkit
from repairkit import InvalidInput, NotAllowedNow, NotFound, NotPermitted
from repairkit.clock import ManualClock
from repairkit.notifiers import MemoryNotifier
from repairkit.testing.safety import blaming_words
from repairkit.therapy import TherapyPlanNotice, TherapyPlanState

_S = TherapyPlanState
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
FIRST = datetime(2026, 3, 9, 17, 0, tzinfo=UTC)


def _kit():
    clock, notifier = ManualClock(START), MemoryNotifier()
    kit = repairkit.open(clock=clock, notifier=notifier)
    invitation = kit.relationships.invite("ben", actor="ana")
    couple = kit.relationships.accept_invitation(invitation.id, actor="ben")
    return kit, couple, clock, notifier


def _third(kit, couple, categories=("therapy plan",), person="tess"):
    found = kit.facilitators.propose(
        couple.id, actor="ana", person=person, approach="couples therapist", categories=categories
    )
    return kit.facilitators.agree(found.id, actor="ben", categories=categories)


def _going(kit, couple, facilitator):
    plan = kit.therapy_plans.propose(couple.id, actor="ana", facilitator_id=facilitator.id)
    return kit.therapy_plans.agree(plan.id, actor="ben")


@pytest.fixture
def world():
    kit, couple, clock, notifier = _kit()
    facilitator = _third(kit, couple)
    return kit, couple, clock, notifier, facilitator


def test_it_goes_ahead_only_once_the_other_agrees(world):
    kit, couple, _, notifier, facilitator = world
    plan = kit.therapy_plans.propose(couple.id, actor="ana", facilitator_id=facilitator.id)
    assert plan.state is _S.PROPOSED
    assert kit.therapy_plans.moves(plan.id, actor="ana") == ("withdraw",)
    assert kit.therapy_plans.moves(plan.id, actor="ben") == ("agree", "decline")
    assert kit.therapy_plans.agree(plan.id, actor="ben").state is _S.ACTIVE
    assert all(not blaming_words(n.message) for n in notifier.received)


def test_a_no_is_neutral_and_the_proposer_can_take_it_back(world):
    kit, couple, _, _, facilitator = world
    plan = kit.therapy_plans.propose(couple.id, actor="ana", facilitator_id=facilitator.id)
    assert kit.therapy_plans.decline(plan.id, actor="ben").state is _S.DECLINED
    again = kit.therapy_plans.propose(couple.id, actor="ben", facilitator_id=facilitator.id)
    assert kit.therapy_plans.withdraw(again.id, actor="ben").state is _S.WITHDRAWN


def test_after_a_no_the_same_partner_proposes_again_only_after_the_wait(world):
    """A declined plan is not proposed again at once: the wait is read from an index."""
    kit, couple, clock, notifier, facilitator = world
    plan = kit.therapy_plans.propose(couple.id, actor="ana", facilitator_id=facilitator.id)
    kit.therapy_plans.decline(plan.id, actor="ben")
    told = len(notifier.for_person("ben"))
    with pytest.raises(NotAllowedNow) as refused:
        kit.therapy_plans.propose(couple.id, actor="ana", facilitator_id=facilitator.id)
    assert refused.value.possible_from == clock.now() + timedelta(hours=24)
    assert len(notifier.for_person("ben")) == told  # nothing reached him
    kit.therapy_plans.withdraw(  # the other partner is not held by Ana's wait
        kit.therapy_plans.propose(couple.id, actor="ben", facilitator_id=facilitator.id).id,
        actor="ben",
    )
    clock.advance(timedelta(hours=24))
    again = kit.therapy_plans.propose(couple.id, actor="ana", facilitator_id=facilitator.id)
    assert again.state is _S.PROPOSED


def test_a_third_person_not_taking_part_is_refused_alike():
    kit, couple, _, _ = _kit()
    proposed = kit.facilitators.propose(
        couple.id, actor="ana", person="tess", approach="a therapist"
    )
    others = kit.relationships.accept_invitation(
        kit.relationships.invite("dan", actor="cy").id, actor="dan"
    )
    other = kit.facilitators.propose(others.id, actor="cy", person="tess", approach="x y z")
    kit.facilitators.agree(other.id, actor="dan")
    messages = set()
    for named in (proposed.id, other.id, uuid.uuid4()):
        with pytest.raises(InvalidInput) as refused:
            kit.therapy_plans.propose(couple.id, actor="ana", facilitator_id=named)
        assert refused.value.field == "facilitator_id"
        messages.add(str(refused.value))
    assert len(messages) == 1
    assert kit.therapy_plans.find(couple.id, actor="ana") == []


def test_one_plan_at_a_time(world):
    kit, couple, _, _, facilitator = world
    _going(kit, couple, facilitator)
    with pytest.raises(NotAllowedNow):
        kit.therapy_plans.propose(couple.id, actor="ben", facilitator_id=facilitator.id)


def test_hopes_leave_no_trace_until_both_are_revealed(world):
    kit, couple, clock, notifier, facilitator = world
    plan = _going(kit, couple, facilitator)
    seen = kit.therapy_plans.get(plan.id, actor="ben")
    heard = len(notifier.received)
    before = [e.TAG for e in kit.therapy_plans.events(plan.id, actor="ben")]
    clock.advance(timedelta(hours=3))
    kit.therapy_plans.write_hopes(plan.id, actor="ana", words="Better listening.")
    kit.therapy_plans.write_hopes(plan.id, actor="ana", words="Better listening, and calm.")
    own = kit.therapy_plans.set_hopes(plan.id, actor="ana")
    assert [h.words for h in own.hopes] == ["Better listening, and calm."]
    other = kit.therapy_plans.get(plan.id, actor="ben")
    assert (other.hopes, other.version, other.changed_at) == ((), seen.version, seen.changed_at)
    assert [e.TAG for e in kit.therapy_plans.events(plan.id, actor="ben")] == before
    assert len(notifier.received) == heard
    assert kit.therapy_plans.moves(plan.id, actor="ben") == (
        "write_hopes",
        "propose_schedule",
        "propose_finish",
        "step_back",
    )
    kit.therapy_plans.write_hopes(plan.id, actor="ben", words="Managing anger and hurt.")
    both = kit.therapy_plans.set_hopes(plan.id, actor="ben")
    assert both.revealed
    assert {h.words for h in kit.therapy_plans.get(plan.id, actor="ana").hopes} == {
        "Better listening, and calm.",
        "Managing anger and hurt.",
    }
    assert "write_hopes" not in kit.therapy_plans.moves(plan.id, actor="ana")


def test_setting_hopes_needs_them_written(world):
    kit, couple, _, _, facilitator = world
    plan = _going(kit, couple, facilitator)
    assert "set_hopes" not in kit.therapy_plans.moves(plan.id, actor="ana")
    with pytest.raises(InvalidInput):
        kit.therapy_plans.write_hopes(plan.id, actor="ana", words="")


def test_a_schedule_and_a_moved_session_need_both(world):
    kit, couple, clock, _, facilitator = world
    plan = _going(kit, couple, facilitator)
    kit.therapy_plans.propose_schedule(plan.id, actor="ana", start=FIRST, every_weeks=2, count=3)
    assert kit.therapy_plans.get(plan.id, actor="ana").schedule is None
    agreed = kit.therapy_plans.agree_change(plan.id, actor="ben")
    assert agreed.sessions() == (FIRST, FIRST + timedelta(weeks=2), FIRST + timedelta(weeks=4))
    later = FIRST + timedelta(weeks=2, days=1)
    kit.therapy_plans.propose_reschedule(plan.id, actor="ben", session=2, start=later)
    asked = kit.therapy_plans.moves(plan.id, actor="ana")
    assert {"agree_change", "decline_reschedule"} <= set(asked)
    kit.therapy_plans.decline_reschedule(plan.id, actor="ana")
    with pytest.raises(NotAllowedNow):  # a no waits before the same proposal
        kit.therapy_plans.propose_reschedule(plan.id, actor="ben", session=2, start=later)
    clock.advance(timedelta(hours=24))
    kit.therapy_plans.propose_reschedule(plan.id, actor="ben", session=2, start=later)
    moved = kit.therapy_plans.agree_change(plan.id, actor="ana")
    assert moved.sessions()[1] == later


def test_the_proposer_takes_a_change_back_and_the_other_is_told_so(world):
    """Taking one's own proposal back is not a no: the other hears it was taken back."""
    kit, couple, _, notifier, facilitator = world
    plan = _going(kit, couple, facilitator)
    kit.therapy_plans.propose_schedule(plan.id, actor="ana", start=FIRST, every_weeks=2, count=3)
    assert "withdraw_schedule" in kit.therapy_plans.moves(plan.id, actor="ana")
    assert "decline_schedule" not in kit.therapy_plans.moves(plan.id, actor="ana")
    assert "withdraw_schedule" not in kit.therapy_plans.moves(plan.id, actor="ben")
    with pytest.raises(NotPermitted):  # only the one who proposed it takes it back
        kit.therapy_plans.withdraw_schedule(plan.id, actor="ben")
    with pytest.raises(NotPermitted):  # one does not say no to one's own proposal
        kit.therapy_plans.decline_schedule(plan.id, actor="ana")
    heard = len(notifier.for_person("ben"))
    back = kit.therapy_plans.withdraw_schedule(plan.id, actor="ana")
    assert (back.state, back.change, back.schedule) == (_S.ACTIVE, None, None)
    event = kit.therapy_plans.events(plan.id, actor="ben")[-1]
    assert (event.TAG, event.change) == ("therapy_plan.change_withdrawn", "schedule")
    told = notifier.for_person("ben")[heard:]
    assert [n.kind for n in told] == [TherapyPlanNotice.CHANGE_WITHDRAWN]
    assert not blaming_words(told[0].message)
    assert "ana" not in told[0].message
    # not a no: the same proposal may come again at once
    kit.therapy_plans.propose_schedule(plan.id, actor="ana", start=FIRST, every_weeks=2, count=3)
    declined = kit.therapy_plans.decline_schedule(plan.id, actor="ben")
    assert declined.state is _S.ACTIVE
    assert notifier.for_person("ana")[-1].kind == TherapyPlanNotice.CHANGE_DECLINED


def test_the_proposer_takes_resuming_back(world):
    kit, couple, _, notifier, facilitator = world
    plan = _going(kit, couple, facilitator)
    kit.facilitators.remove(facilitator.id, actor="ben")
    newer = _third(kit, couple, person="uma")
    kit.therapy_plans.propose_resume(plan.id, actor="ben", facilitator_id=newer.id)
    with pytest.raises(NotPermitted):
        kit.therapy_plans.withdraw_resume(plan.id, actor="ana")
    with pytest.raises(NotPermitted):
        kit.therapy_plans.decline_resume(plan.id, actor="ben")
    back = kit.therapy_plans.withdraw_resume(plan.id, actor="ben")
    assert (back.state, back.change, back.facilitator_id) == (_S.PAUSED, None, facilitator.id)
    assert notifier.for_person("ana")[-1].kind == TherapyPlanNotice.RESUME_WITHDRAWN


def test_refused_schedules_store_nothing(world):
    kit, couple, _, _, facilitator = world
    plan = _going(kit, couple, facilitator)
    for start, weeks, count in ((START - timedelta(days=1), 1, 3), (FIRST, 0, 3), (FIRST, 1, 0)):
        with pytest.raises(InvalidInput):
            kit.therapy_plans.propose_schedule(
                plan.id, actor="ana", start=start, every_weeks=weeks, count=count
            )
    assert kit.therapy_plans.get(plan.id, actor="ana").state is _S.ACTIVE


def test_a_missed_session_names_no_one(world):
    kit, couple, clock, notifier, facilitator = world
    plan = _going(kit, couple, facilitator)
    kit.therapy_plans.propose_schedule(plan.id, actor="ana", start=FIRST, every_weeks=1, count=2)
    kit.therapy_plans.agree_change(plan.id, actor="ben")
    assert "note_missed" not in kit.therapy_plans.moves(plan.id, actor="ana")
    clock.set(FIRST + timedelta(hours=2))
    heard = len(notifier.received)
    noted = kit.therapy_plans.note_missed(plan.id, actor="ben", session=1)
    assert noted.schedule.missed == (1,)
    event = kit.therapy_plans.events(plan.id, actor="ana")[-1]
    assert event.session == 1
    assert not hasattr(event, "missed_by")
    assert len(notifier.received) == heard


def test_finishing_needs_both_and_stepping_back_needs_one(world):
    kit, couple, _, notifier, facilitator = world
    plan = _going(kit, couple, facilitator)
    kit.therapy_plans.propose_finish(plan.id, actor="ana")
    assert kit.therapy_plans.agree_change(plan.id, actor="ben").state is _S.FINISHED
    again = _going(kit, couple, facilitator)
    ended = kit.therapy_plans.step_back(again.id, actor="ben")
    assert ended.state is _S.STEPPED_BACK
    last = notifier.received[-1]
    assert last.recipient == "ana"
    assert "ben" not in last.message


@pytest.mark.parametrize("ending", ["remove", "step_down"])
def test_the_plan_pauses_when_the_third_persons_part_ends(world, ending):
    kit, couple, _, _, facilitator = world
    plan = _going(kit, couple, facilitator)
    kit.therapy_plans.propose_finish(plan.id, actor="ana")
    if ending == "remove":
        kit.facilitators.remove(facilitator.id, actor="ben")
    else:
        kit.facilitators.step_down(facilitator.id, actor="tess")
    paused = kit.therapy_plans.get(plan.id, actor="ana")
    assert (paused.state, paused.change) == (_S.PAUSED, None)
    with pytest.raises(NotFound):
        kit.facilitators.shared(facilitator.id, actor="tess", category="therapy plan")
    with pytest.raises(InvalidInput):  # the one whose part ended cannot resume it
        kit.therapy_plans.propose_resume(plan.id, actor="ana", facilitator_id=facilitator.id)
    newer = _third(kit, couple, person="uma")
    kit.therapy_plans.propose_resume(plan.id, actor="ana", facilitator_id=newer.id)
    resumed = kit.therapy_plans.agree_resume(plan.id, actor="ben")
    assert (resumed.state, resumed.facilitator_id) == (_S.ACTIVE, newer.id)


def test_leaving_closes_it_and_pauses_nothing(world):
    kit, couple, _, _, facilitator = world
    plan = _going(kit, couple, facilitator)
    kit.relationships.leave(couple.id, actor="ben")
    assert kit.therapy_plans.get(plan.id, actor="ana").state is _S.CLOSED_BY_LEAVING


def test_the_third_person_reads_the_plan_without_authors(world):
    kit, couple, _, _, facilitator = world
    plan = _going(kit, couple, facilitator)
    kit.therapy_plans.write_hopes(plan.id, actor="ana", words="Better listening.")
    kit.therapy_plans.set_hopes(plan.id, actor="ana")
    (before,) = kit.facilitators.shared(facilitator.id, actor="tess", category="therapy plan")
    assert before.hopes == ()
    kit.therapy_plans.write_hopes(plan.id, actor="ben", words="A calmer way with anger.")
    kit.therapy_plans.set_hopes(plan.id, actor="ben")
    (after,) = kit.facilitators.shared(facilitator.id, actor="tess", category="therapy plan")
    assert after.hopes == ("A calmer way with anger.", "Better listening.")
    assert "ana" not in repr(after)
    assert "ben" not in repr(after)


_CATEGORIES = st.lists(st.sampled_from(["agenda", "therapy plan", "revealed entries"]), unique=True)


@settings(max_examples=25, deadline=None)
@given(steps=st.lists(st.tuples(st.sampled_from(["ana", "ben"]), _CATEGORIES), max_size=6))
def test_the_third_person_never_reads_beyond_both_consents(steps):
    kit, couple, _, _ = _kit()
    facilitator = _third(kit, couple, categories=())
    _going(kit, couple, facilitator)
    consent = {"ana": set(), "ben": set()}
    for partner, chosen in steps:
        with contextlib.suppress(InvalidInput):  # the same consent as before: no change
            kit.facilitators.consent(facilitator.id, actor=partner, categories=chosen)
        consent[partner] = set(chosen)
        for category in kit.facilitators.categories():
            allowed = category in consent["ana"] & consent["ben"]
            try:
                kit.facilitators.shared(facilitator.id, actor="tess", category=category)
            except NotAllowedNow:
                assert not allowed, category
            else:
                assert allowed, category


def test_the_third_person_reads_the_couples_progress_lines_only():
    kit, couple, _, _ = _kit()
    facilitator = _third(kit, couple, categories=("progress",))
    lines = kit.facilitators.shared(facilitator.id, actor="tess", category="progress")
    mine = kit.progress(couple.id, actor="ana")
    assert [line.figure for line in lines] == [line.figure for line in mine.lines]
    assert not {line.figure for line in lines} & {line.figure for line in mine.own}


def test_the_third_person_reads_shared_log_entries_without_their_author():
    kit, couple, _, _ = _kit()
    facilitator = _third(kit, couple, categories=("shared log entries",))
    shared = kit.log.write(couple.id, actor="ana", kind="connection", what="A long walk.")
    kit.log.share(shared.id, actor="ana")
    kit.log.write(couple.id, actor="ben", kind="neglect", what="Kept to myself.")
    (moment,) = kit.facilitators.shared(facilitator.id, actor="tess", category="shared log entries")
    assert moment.what == "A long walk."
    assert not hasattr(moment, "author")


def test_the_sessions_go_to_a_calendar_through_the_check_in_writer(world):
    kit, couple, clock, _, facilitator = world
    plan = _going(kit, couple, facilitator)
    with pytest.raises(NotAllowedNow):
        kit.therapy_plans.calendar(plan.id, actor="ana")
    kit.therapy_plans.propose_schedule(plan.id, actor="ana", start=FIRST, every_weeks=2, count=3)
    kit.therapy_plans.agree_change(plan.id, actor="ben")
    text = kit.therapy_plans.calendar(plan.id, actor="ben").decode()
    assert text.count("BEGIN:VEVENT") == 3
    assert "Therapy plan: session 2" in text
    assert "ana" not in text
    assert "ben" not in text
    uid = next(line for line in text.splitlines() if line.startswith("UID:"))
    clock.advance(timedelta(hours=1))
    kit.therapy_plans.propose_reschedule(
        plan.id, actor="ana", session=1, start=FIRST + timedelta(days=1)
    )
    kit.therapy_plans.agree_change(plan.id, actor="ben")
    again = kit.therapy_plans.calendar(plan.id, actor="ana").decode()
    assert uid in again
