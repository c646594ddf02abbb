"""Follow-through is owned: marks, corrections, notes and answers, schedules, rolling counts."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from conftest import BOX, START
from repairkit import InvalidInput, NotPermitted, Schedule, TimeBox
from repairkit.requests import NoticeStatus, RequestNotice

NEED = "to feel we are a team at home"
ASK = "wash the dinner dishes by 10 pm"
MONDAY = START.date()


def agreed(kit, couple, *, time_box=BOX, **fields):
    """A request from Ana that Ben accepted: Ben carries it out."""
    request = kit.requests.draft(
        couple.id, actor="ana", need=NEED, ask=ASK, time_box=time_box, **fields
    )
    kit.requests.propose(request.id, actor="ana")
    return kit.requests.accept(request.id, actor="ben")


def test_only_the_committed_partner_marks_and_the_other_only_notes(kit, couple):
    """Ben marks his own days; Ana cannot mark them, and Ben cannot note his own."""
    request = agreed(kit, couple)
    assert request.carried_out_by == "ben"
    with pytest.raises(NotPermitted, match="carries out"):
        kit.requests.record_follow_through(request.id, actor="ana", kept=False)
    with pytest.raises(NotPermitted, match="the agreement was made with"):
        kit.requests.notice_missed(request.id, actor="ben")
    marked = kit.requests.record_follow_through(request.id, actor="ben", kept=True)
    assert [(m.occurrence, m.kept) for m in marked.marks] == [(MONDAY, True)]


def test_a_note_counts_nowhere_until_it_is_acknowledged(kit, couple, notifier):
    """Ana's note tells Ben calmly and counts only once Ben owns it."""
    request = agreed(kit, couple)
    noted = kit.requests.notice_missed(request.id, actor="ana")
    heard = notifier.for_person("ben")[-1]
    assert heard.kind is RequestNotice.OCCURRENCE_NOTED
    assert "counts only if you acknowledge it" in heard.message
    counts = noted.follow_through(START)
    assert (counts.kept, counts.not_kept, counts.awaiting_answer) == (0, 0, 1)
    owned = kit.requests.acknowledge_notice(request.id, actor="ben")
    assert owned.notices[0].status is NoticeStatus.ACKNOWLEDGED
    counts = kit.requests.follow_through(request.id, actor="ana")
    assert (counts.kept, counts.not_kept, counts.awaiting_answer) == (0, 1, 0)
    assert notifier.for_person("ana")[-1].kind is RequestNotice.NOTE_ANSWERED


def test_a_note_seen_differently_never_counts_and_keeps_the_view(kit, couple, notifier):
    """Ben's view is recorded, the note never counts, and Ana is not told his words."""
    request = agreed(kit, couple)
    kit.requests.notice_missed(request.id, actor="ana")
    seen = kit.requests.see_differently(
        request.id, actor="ben", view="I washed up after the late call."
    )
    assert (seen.notices[0].status, seen.notices[0].view) == (
        NoticeStatus.SEEN_DIFFERENTLY,
        "I washed up after the late call.",
    )
    assert seen.follow_through(START).not_kept == 0
    message = notifier.for_person("ana")[-1].message
    assert "check-in" in message
    assert "late call" not in message
    with pytest.raises(InvalidInput, match="no note awaiting an answer"):
        kit.requests.acknowledge_notice(request.id, actor="ben")


def test_the_noter_can_take_a_note_back_while_it_awaits_an_answer(kit, couple):
    """A withdrawn note leaves nothing behind; a note can only be taken back while pending."""
    request = agreed(kit, couple)
    kit.requests.notice_missed(request.id, actor="ana")
    back = kit.requests.withdraw_notice(request.id, actor="ana")
    assert [n.status for n in back.notices] == [NoticeStatus.WITHDRAWN]
    assert back.follow_through(START).awaiting_answer == 0
    with pytest.raises(InvalidInput, match="no note awaiting"):
        kit.requests.withdraw_notice(request.id, actor="ana")
    with pytest.raises(InvalidInput, match="once per day"):  # no note-and-retract loops
        kit.requests.notice_missed(request.id, actor="ana")


def test_an_unanswered_note_lapses_with_the_window(kit, couple, clock):
    """A note nobody answered never counts, and after the window it cannot be owned."""
    request = agreed(kit, couple)
    kit.requests.notice_missed(request.id, actor="ana")
    clock.advance(timedelta(days=15))
    with pytest.raises(InvalidInput, match="lapsed"):
        kit.requests.acknowledge_notice(request.id, actor="ben", occurrence=MONDAY)
    counts = kit.requests.follow_through(request.id, actor="ana")
    assert (counts.not_kept, counts.awaiting_answer) == (0, 0)


def test_marking_a_noted_day_answers_the_note(kit, couple):
    """Ben marking a noted day himself answers the note: kept sees it differently."""
    request = agreed(kit, couple)
    kit.requests.notice_missed(request.id, actor="ana")
    marked = kit.requests.record_follow_through(request.id, actor="ben", kept=True)
    assert marked.notices[0].status is NoticeStatus.SEEN_DIFFERENTLY
    assert marked.follow_through(START).kept == 1


def test_a_mark_can_be_corrected_inside_the_window_only(kit, couple, clock):
    """A mark can be turned around while its day is inside the window, then it is settled."""
    request = agreed(kit, couple)
    kit.requests.record_follow_through(request.id, actor="ben", kept=False)
    with pytest.raises(InvalidInput, match="marked that way already"):
        kit.requests.correct_follow_through(request.id, actor="ben", kept=False)
    fixed = kit.requests.correct_follow_through(request.id, actor="ben", kept=True)
    assert fixed.follow_through(START).kept == 1
    clock.advance(timedelta(days=15))
    with pytest.raises(InvalidInput, match="settled"):
        kit.requests.correct_follow_through(request.id, actor="ben", kept=False, occurrence=MONDAY)
    with pytest.raises(InvalidInput, match="not marked yet"):
        kit.requests.correct_follow_through(request.id, actor="ben", kept=False)


def test_counts_cover_only_the_rolling_window(kit, couple, clock):
    """Older marks age out of every count and of the history: no lifetime tally."""
    request = agreed(kit, couple)
    kit.requests.record_follow_through(request.id, actor="ben", kept=False)
    clock.advance(timedelta(days=2))
    kit.requests.record_follow_through(request.id, actor="ben", kept=True)
    assert kit.requests.history(request.id, actor="ana").not_kept == 1
    clock.advance(timedelta(days=13))
    counts = kit.requests.follow_through(request.id, actor="ana")
    assert (counts.kept, counts.not_kept) == (1, 0)
    history = kit.requests.history(request.id, actor="ana")
    assert [o.on for o in history.occurrences] == [MONDAY + timedelta(days=2)]


@pytest.mark.parametrize(
    "case",
    [
        (Schedule.weekdays(), date(2026, 3, 6), date(2026, 3, 7)),  # Fri yes, Sat no
        (Schedule.on("tue", "thu"), date(2026, 3, 5), date(2026, 3, 4)),  # Thu yes, Wed no
        ("weekends", date(2026, 3, 8), date(2026, 3, 6)),  # Sun yes, Fri no
    ],
)
def test_only_the_days_of_the_schedule_can_be_marked(kit, couple, clock, case):
    """A day the schedule does not include is refused, for marks and notes alike."""
    schedule, allowed, refused = case
    box = TimeBox(starts_at=START, ends_at=START + timedelta(days=14), how_often=schedule)
    request = agreed(kit, couple, time_box=box)
    clock.advance(timedelta(days=7))
    with pytest.raises(InvalidInput, match="not one of the agreed days"):
        kit.requests.record_follow_through(request.id, actor="ben", kept=True, occurrence=refused)
    with pytest.raises(InvalidInput, match="not one of the agreed days"):
        kit.requests.notice_missed(request.id, actor="ana", occurrence=refused)
    kit.requests.record_follow_through(request.id, actor="ben", kept=True, occurrence=allowed)


def test_n_times_a_week_refuses_more_marks_in_one_week(kit, couple, clock):
    """Twice a week means at most two marks in one Monday-to-Sunday week."""
    box = TimeBox(
        starts_at=START, ends_at=START + timedelta(days=14), how_often=Schedule.times_a_week(2)
    )
    request = agreed(kit, couple, time_box=box)
    clock.advance(timedelta(days=8))  # the next Tuesday
    for day in (2, 4):
        kit.requests.record_follow_through(
            request.id, actor="ben", kept=True, occurrence=MONDAY + timedelta(days=day)
        )
    with pytest.raises(InvalidInput, match="2 agreed occurrences are marked already"):
        kit.requests.record_follow_through(
            request.id, actor="ben", kept=True, occurrence=MONDAY + timedelta(days=5)
        )
    kit.requests.record_follow_through(
        request.id, actor="ben", kept=True, occurrence=MONDAY + timedelta(days=7)
    )


def test_an_alternative_can_name_who_carries_it_out(kit, couple):
    """Who carries the agreed ask out is recorded at acceptance, from the accepted offer."""
    request = kit.requests.draft(couple.id, actor="ana", need=NEED, ask=ASK, time_box=BOX)
    kit.requests.propose(request.id, actor="ana")
    kit.requests.propose_alternative(
        request.id, actor="ben", ask="I cook, you wash up", carried_out_by="ana"
    )
    with pytest.raises(InvalidInput, match="one of the two partners"):
        kit.requests.propose_alternative(request.id, actor="ana", ask="x", carried_out_by="eve")
    done = kit.requests.accept(request.id, actor="ana")
    assert done.carried_out_by == "ana"
    assert kit.requests.history(request.id, actor="ben").agreement.carried_out_by == "ana"
    kit.requests.record_follow_through(request.id, actor="ana", kept=True)
    with pytest.raises(NotPermitted):
        kit.requests.record_follow_through(request.id, actor="ben", kept=True)
