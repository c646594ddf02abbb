"""Check-in schedules: proposed by one, agreed by both, changed by consent, stopped by either."""

from __future__ import annotations

import itertools
import sys
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import attrs
import pytest
from icalendar import Calendar

from conftest import invite_and_accept
from repairkit import (
    InvalidInput,
    NotAllowedNow,
    NotFound,
    NotPermitted,
    RelationshipSettings,
)
from repairkit.checkins import (
    CalendarUnavailable,
    CheckInRules,
    CheckInTimePassed,
    ScheduleNotice,
    ScheduleState,
    SessionSkipped,
)
from repairkit.core.values import SYSTEM
from repairkit.testing.safety import blaming_words

_S = ScheduleState
BERLIN = ZoneInfo("Europe/Berlin")
SUNDAY, WEDNESDAY = 6, 2
SEVEN = time(19, 0)


@pytest.fixture
def berlin(kit):
    """Ana and Ben, who live in Berlin (summer time starts on 29 March 2026)."""
    settings = RelationshipSettings(time_zone="Europe/Berlin")
    return invite_and_accept(kit, ("ana", "ben"), actor="ana", settings=settings)


def _agreed(kit, couple, *, proposer="ana", partner="ben", **rhythm):
    schedule = kit.checkins.propose(
        couple.id, actor=proposer, weekday=rhythm.pop("weekday", SUNDAY), start=SEVEN, **rhythm
    )
    return kit.checkins.agree(schedule.id, actor=partner)


def _local(*args: int) -> datetime:
    return datetime(*args, tzinfo=BERLIN)


def _refused(kit, schedule_id, error, move, *, actor, reader="ana", **arguments):
    """Refuse *move* with *error*; the schedule, its history and the outbox are as before."""
    before = kit.checkins.get(schedule_id, actor=reader)
    history = kit.checkins.events(schedule_id, actor=reader)
    with pytest.raises(error) as refused:
        getattr(kit.checkins, move)(schedule_id, actor=actor, **arguments)
    after = kit.checkins.get(schedule_id, actor=reader)
    assert attrs.asdict(after) == attrs.asdict(before)
    assert kit.checkins.events(schedule_id, actor=reader) == history
    return refused.value


# -- proposing and answering -------------------------------------------------------------


def test_a_proposal_asks_the_partner_calmly_and_holds_nothing_yet(kit, berlin, notifier):
    """Ana proposes Sundays at 19:00; Ben is asked, in one calm sentence naming no one."""
    schedule = kit.checkins.propose(berlin.id, actor="ana", weekday=SUNDAY, start=SEVEN)
    assert (schedule.state, schedule.proposer, schedule.partner) == (_S.PROPOSED, "ana", "ben")
    assert (schedule.rhythm.minutes, schedule.rhythm.every_weeks) == (60, 1)  # Gottman's
    assert schedule.asked() == ("ben",)
    assert kit.checkins.moves(schedule.id, actor="ben") == ("agree", "decline")
    assert kit.checkins.moves(schedule.id, actor="ana") == ("withdraw",)
    assert kit.checkins.upcoming(schedule.id, actor="ana") == []
    [told] = notifier.received
    assert (told.recipient, told.kind) == ("ben", ScheduleNotice.PROPOSED)
    assert "ana" not in told.message
    assert blaming_words(told.message) == []


def test_agreed_sessions_keep_their_local_time_across_summer_time(kit, berlin):
    """Sundays at 19:00 in Berlin stay at 19:00 when the clocks go forward on 29 March."""
    schedule = _agreed(kit, berlin)
    assert schedule.holds
    upcoming = kit.checkins.upcoming(schedule.id, actor="ben", count=5)
    assert upcoming == [_local(2026, 3, day, 19) for day in (8, 15, 22, 29)] + [
        _local(2026, 4, 5, 19)
    ]
    assert all(start.tzinfo == BERLIN for start in upcoming)
    assert [start.astimezone(UTC).hour for start in upcoming] == [18, 18, 18, 17, 17]


def test_a_no_is_neutral_and_counted_nowhere(kit, couple, notifier):
    """Ben declines: the schedule ends for both, calmly; nobody is counted anything."""
    schedule = kit.checkins.propose(couple.id, actor="ana", weekday=SUNDAY, start=SEVEN)
    declined = kit.checkins.decline(schedule.id, actor="ben")
    assert declined.state is _S.DECLINED
    assert declined.is_finished
    told = notifier.for_person("ana")[-1]
    assert told.kind is ScheduleNotice.DECLINED
    assert blaming_words(told.message) == []
    assert kit.crossings.find(couple.id, actor="ana") == []


def test_only_the_proposer_takes_a_proposal_back_and_only_the_partner_answers(kit, couple):
    schedule = kit.checkins.propose(couple.id, actor="ana", weekday=SUNDAY, start=SEVEN)
    _refused(kit, schedule.id, NotPermitted, "withdraw", actor="ben")
    _refused(kit, schedule.id, NotPermitted, "agree", actor="ana")
    _refused(kit, schedule.id, NotAllowedNow, "skip", actor="ben")
    _refused(kit, schedule.id, NotFound, "agree", actor="eve")
    assert kit.checkins.withdraw(schedule.id, actor="ana").state is _S.WITHDRAWN


@pytest.mark.parametrize(
    ("field", "arguments"),
    [
        ("weekday", {"weekday": 7}),
        ("weekday", {"weekday": -1}),
        ("weekday", {"weekday": True}),
        ("weekday", {"weekday": "6"}),
        ("start", {"start": time(19, 0, tzinfo=UTC)}),
        ("start", {"start": datetime(2026, 3, 8, 19, 0, tzinfo=UTC)}),
        ("start", {"start": time(19, 0, 30)}),
        ("start", {"start": "19:00"}),
        ("minutes", {"minutes": 5}),
        ("minutes", {"minutes": 600}),
        ("every_weeks", {"every_weeks": 0}),
        ("every_weeks", {"every_weeks": 5}),
    ],
)
def test_a_rhythm_that_does_not_fit_is_refused_and_nothing_is_stored(
    kit, couple, notifier, field, arguments
):
    values = {"weekday": SUNDAY, "start": SEVEN, **arguments}
    with pytest.raises(InvalidInput) as refused:
        kit.checkins.propose(couple.id, actor="ana", **values)
    assert refused.value.field == field
    assert kit.checkins.find(couple.id, actor="ana") == []
    assert notifier.for_person("ben") == []


def test_the_rules_give_the_defaults_and_refuse_what_does_not_fit(kit):
    """A couple who agreed on 45 minutes every other week get that when a proposal is silent."""
    rules = CheckInRules(minutes=45, every_weeks=2)
    couple = invite_and_accept(
        kit, ("ana", "ben"), actor="ana", settings=RelationshipSettings(rules=[rules])
    )
    schedule = _agreed(kit, couple)
    assert (schedule.rhythm.minutes, schedule.rhythm.every_weeks) == (45, 2)
    upcoming = kit.checkins.upcoming(schedule.id, actor="ana", count=3)
    assert [b - a for a, b in itertools.pairwise(upcoming)] == [timedelta(14)] * 2
    with pytest.raises(InvalidInput):
        CheckInRules(minutes=5)
    with pytest.raises(InvalidInput):
        CheckInRules(every_weeks=9)


def test_an_outsider_learns_nothing(kit, couple):
    schedule = _agreed(kit, couple)
    for read in (
        kit.checkins.get,
        kit.checkins.moves,
        kit.checkins.upcoming,
        kit.checkins.calendar,
    ):
        with pytest.raises(NotFound):
            read(schedule.id, actor="eve")


# -- changing the rhythm -----------------------------------------------------------------


def test_a_new_rhythm_holds_only_once_the_other_agrees(kit, berlin, notifier):
    schedule = _agreed(kit, berlin)
    before = kit.checkins.upcoming(schedule.id, actor="ana")
    asked = kit.checkins.propose_change(schedule.id, actor="ben", weekday=WEDNESDAY)
    assert asked.state is _S.CHANGE_PROPOSED
    assert asked.proposed_rhythm is not None
    assert (asked.proposed_rhythm.weekday, asked.proposed_rhythm.start) == (WEDNESDAY, SEVEN)
    assert asked.asked() == ("ana",)
    assert kit.checkins.upcoming(schedule.id, actor="ana") == before  # the agreed one holds
    assert "agree_to_change" not in kit.checkins.moves(schedule.id, actor="ben")
    changed = kit.checkins.agree_to_change(schedule.id, actor="ana")
    assert (changed.state, changed.rhythm.weekday, changed.proposed_rhythm) == (
        _S.AGREED,
        WEDNESDAY,
        None,
    )
    assert kit.checkins.upcoming(schedule.id, actor="ben", count=2) == [
        _local(2026, 3, 4, 19),
        _local(2026, 3, 11, 19),
    ]
    assert notifier.for_person("ben")[-1].kind is ScheduleNotice.CHANGE_AGREED


def test_the_same_rhythm_is_no_change(kit, couple):
    schedule = _agreed(kit, couple)
    _refused(kit, schedule.id, InvalidInput, "propose_change", actor="ben", weekday=SUNDAY)


def test_after_a_no_to_a_time_the_one_who_suggested_it_waits(kit, couple, clock):
    """Ana keeps the agreed rhythm: Ben waits a day to suggest another time, Ana need not."""
    schedule = _agreed(kit, couple)
    kit.checkins.propose_change(schedule.id, actor="ben", weekday=WEDNESDAY)
    kept = kit.checkins.keep_current(schedule.id, actor="ana")
    assert (kept.state, kept.rhythm.weekday, kept.proposed_rhythm) == (_S.AGREED, SUNDAY, None)
    for move, arguments in (
        ("propose_change", {"weekday": WEDNESDAY}),
        ("move_one", {"to": clock.now() + timedelta(days=1)}),
    ):
        refused = _refused(kit, schedule.id, NotAllowedNow, move, actor="ben", **arguments)
        assert refused.possible_from == clock.now() + timedelta(hours=24)
        assert move not in kit.checkins.moves(schedule.id, actor="ben")
    assert "propose_change" in kit.checkins.moves(schedule.id, actor="ana")
    clock.advance(timedelta(hours=24))
    assert "propose_change" in kit.checkins.moves(schedule.id, actor="ben")


def test_the_one_who_suggested_a_time_can_take_it_back_without_waiting(kit, couple, notifier):
    """Taking one's own new rhythm back is not a no: the other hears it was taken back."""
    schedule = _agreed(kit, couple)
    kit.checkins.propose_change(schedule.id, actor="ben", weekday=WEDNESDAY)
    assert "withdraw_change" in kit.checkins.moves(schedule.id, actor="ben")
    assert "keep_current" not in kit.checkins.moves(schedule.id, actor="ben")
    assert "withdraw_change" not in kit.checkins.moves(schedule.id, actor="ana")
    # only the one who suggested it takes it back; one does not say no to one's own
    _refused(kit, schedule.id, NotPermitted, "withdraw_change", actor="ana")
    _refused(kit, schedule.id, NotPermitted, "keep_current", actor="ben")
    heard = len(notifier.for_person("ana"))
    back = kit.checkins.withdraw_change(schedule.id, actor="ben")
    assert (back.state, back.rhythm.weekday, back.proposed_rhythm, back.asked()) == (
        _S.AGREED,
        SUNDAY,
        None,
        (),
    )
    assert kit.checkins.events(schedule.id, actor="ana")[-1].TAG == "schedule.change_withdrawn"
    [told] = notifier.for_person("ana")[heard:]
    assert told.kind is ScheduleNotice.CHANGE_WITHDRAWN
    assert "ben" not in told.message
    assert blaming_words(told.message) == []
    # not a no: no wait before suggesting a time once more
    assert "propose_change" in kit.checkins.moves(schedule.id, actor="ben")
    kit.checkins.propose_change(schedule.id, actor="ben", weekday=WEDNESDAY)


# -- one session moved or set aside ------------------------------------------------------


def test_moving_one_session_needs_both_and_shows_in_upcoming(kit, berlin):
    schedule = _agreed(kit, berlin)
    saturday = _local(2026, 3, 7, 18)
    asked = kit.checkins.move_one(schedule.id, actor="ben", to=saturday)
    assert (asked.state, asked.proposed_move, asked.asked()) == (
        _S.MOVE_PROPOSED,
        saturday.astimezone(UTC),
        ("ana",),
    )
    assert kit.checkins.upcoming(schedule.id, actor="ana", count=1) == [_local(2026, 3, 8, 19)]
    kit.checkins.agree_to_move(schedule.id, actor="ana")
    assert kit.checkins.upcoming(schedule.id, actor="ana", count=3) == [
        saturday,
        _local(2026, 3, 15, 19),
        _local(2026, 3, 22, 19),
    ]


@pytest.mark.parametrize(
    "to",
    [
        datetime(2026, 3, 7, 18, 0),  # noqa: DTZ001 - a naive time is what is refused
        datetime(2026, 3, 1, 18, 0, tzinfo=BERLIN),  # past
        datetime(2026, 3, 15, 18, 30, tzinfo=BERLIN),  # runs into the session after it
        datetime(2026, 3, 8, 19, 0, tzinfo=BERLIN),  # its own time
        "2026-03-07T18:00",
    ],
)
def test_a_move_that_does_not_fit_is_refused(kit, berlin, to):
    schedule = _agreed(kit, berlin)
    _refused(kit, schedule.id, InvalidInput, "move_one", actor="ben", to=to)


def test_a_no_to_a_move_keeps_the_usual_time(kit, berlin):
    schedule = _agreed(kit, berlin)
    kit.checkins.move_one(schedule.id, actor="ana", to=_local(2026, 3, 7, 18))
    kept = kit.checkins.keep_current(schedule.id, actor="ben")
    assert (kept.state, kept.proposed_move, kept.moved_to) == (_S.AGREED, None, None)
    assert kit.checkins.upcoming(schedule.id, actor="ana", count=1) == [_local(2026, 3, 8, 19)]
    assert "move_one" not in kit.checkins.moves(schedule.id, actor="ana")


def test_the_one_who_suggested_a_move_takes_it_back(kit, berlin, notifier):
    """Ana takes her other time back: the usual time holds, Ben is told, nobody waits."""
    schedule = _agreed(kit, berlin)
    kit.checkins.move_one(schedule.id, actor="ana", to=_local(2026, 3, 7, 18))
    _refused(kit, schedule.id, NotPermitted, "withdraw_move", actor="ben")
    _refused(kit, schedule.id, NotPermitted, "keep_current", actor="ana")
    back = kit.checkins.withdraw_move(schedule.id, actor="ana")
    assert (back.state, back.proposed_move, back.moved_to, back.asked()) == (
        _S.AGREED,
        None,
        None,
        (),
    )
    assert kit.checkins.upcoming(schedule.id, actor="ben", count=1) == [_local(2026, 3, 8, 19)]
    assert notifier.for_person("ben")[-1].kind is ScheduleNotice.MOVE_WITHDRAWN
    assert "move_one" in kit.checkins.moves(schedule.id, actor="ana")


def test_either_partner_sets_the_next_session_aside_alone(kit, berlin, notifier):
    """Ben skips: no answer needed, one calm sentence to Ana, the next session drops out."""
    schedule = _agreed(kit, berlin)
    skipped = kit.checkins.skip(schedule.id, actor="ben")
    assert (skipped.state, skipped.skipped, skipped.asked()) == (_S.AGREED, True, ())
    assert kit.checkins.upcoming(schedule.id, actor="ana", count=2) == [
        _local(2026, 3, 15, 19),
        _local(2026, 3, 22, 19),
    ]
    [told] = [n for n in notifier.for_person("ana") if n.kind is ScheduleNotice.SKIPPED]
    assert "ben" not in told.message
    assert blaming_words(told.message) == []
    assert [type(e) for e in kit.checkins.events(schedule.id, actor="ana")][-1] is SessionSkipped
    # the same session cannot be set aside twice, nor moved; the schedule asks nothing
    for move, arguments in (("skip", {}), ("move_one", {"to": _local(2026, 3, 7, 18)})):
        for person in ("ana", "ben"):
            _refused(kit, schedule.id, NotAllowedNow, move, actor=person, **arguments)
            assert move not in kit.checkins.moves(schedule.id, actor=person)
    assert kit.crossings.find(berlin.id, actor="ana") == []


def test_skipping_a_session_whose_move_awaits_an_answer_settles_the_move(kit, berlin):
    schedule = _agreed(kit, berlin)
    kit.checkins.move_one(schedule.id, actor="ana", to=_local(2026, 3, 7, 18))
    skipped = kit.checkins.skip(schedule.id, actor="ben")
    assert (skipped.state, skipped.proposed_move, skipped.awaiting, skipped.skipped) == (
        _S.AGREED,
        None,
        None,
        True,
    )


def test_either_partner_stops_the_schedule_alone_at_once(kit, couple, notifier):
    schedule = _agreed(kit, couple)
    kit.checkins.propose_change(schedule.id, actor="ana", weekday=WEDNESDAY)
    ended = kit.checkins.end(schedule.id, actor="ana")  # even with her own suggestion open
    assert (ended.state, ended.proposed_rhythm, ended.asked()) == (_S.ENDED, None, ())
    assert ended.is_finished
    assert kit.checkins.upcoming(schedule.id, actor="ben") == []
    assert kit.checkins.moves(schedule.id, actor="ben") == ()
    assert notifier.for_person("ben")[-1].kind is ScheduleNotice.ENDED
    assert kit.timers.next_due() is None


def test_leaving_closes_the_schedule_neutrally(kit, couple):
    schedule = _agreed(kit, couple)
    kit.relationships.leave(couple.id, actor="ben")
    closed = kit.checkins.get(schedule.id, actor="ana")
    assert closed.state is _S.CLOSED_BY_LEAVING
    assert kit.checkins.upcoming(schedule.id, actor="ana") == []


# -- time passing ------------------------------------------------------------------------


def test_a_passed_session_moves_the_schedule_on_and_names_no_one(kit, berlin, clock, notifier):
    """After the session's hour, repairkit records that a check-in time passed: nothing more."""
    schedule = _agreed(kit, berlin)
    kit.checkins.skip(schedule.id, actor="ana")
    heard = len(notifier.received)
    assert kit.timers.next_due() == _local(2026, 3, 8, 20)
    clock.advance(timedelta(days=6, hours=11))  # Sunday 8 March, 20:00 in Berlin
    [passed] = kit.timers.run_due()
    assert isinstance(passed, CheckInTimePassed)
    assert (passed.actor, passed.from_state, passed.to_state) == (SYSTEM, "agreed", "agreed")
    assert passed.at == _local(2026, 3, 8, 20)
    assert not {"ana", "ben"} & {str(v) for v in attrs.asdict(passed).values()}
    assert len(notifier.received) == heard  # nobody is told
    moved_on = kit.checkins.get(schedule.id, actor="ben")
    assert (moved_on.skipped, moved_on.next_at) == (False, _local(2026, 3, 15, 19))
    assert "skip" in kit.checkins.moves(schedule.id, actor="ana")  # the next one can be


def test_sessions_missed_by_the_timer_pass_each_at_its_own_time(kit, berlin, clock):
    """The app was down for three weeks: each session passes at its own hour, in turn."""
    schedule = _agreed(kit, berlin)
    clock.advance(timedelta(weeks=3))
    passed = kit.timers.run_due()
    assert [e.at for e in passed] == [_local(2026, 3, day, 20) for day in (8, 15, 22)]
    assert kit.checkins.upcoming(schedule.id, actor="ana", count=1) == [_local(2026, 3, 29, 19)]


def test_a_pending_move_lapses_when_its_session_has_passed(kit, berlin, clock):
    schedule = _agreed(kit, berlin)
    kit.checkins.move_one(schedule.id, actor="ana", to=_local(2026, 3, 9, 18))
    clock.advance(timedelta(days=7))
    kit.timers.run_due()
    lapsed = kit.checkins.get(schedule.id, actor="ana")
    assert (lapsed.state, lapsed.proposed_move, lapsed.asked()) == (_S.AGREED, None, ())


def test_a_moved_session_passes_at_its_new_time(kit, berlin, clock):
    schedule = _agreed(kit, berlin)
    kit.checkins.move_one(schedule.id, actor="ana", to=_local(2026, 3, 10, 18))
    kit.checkins.agree_to_move(schedule.id, actor="ben")
    assert kit.timers.next_due() == _local(2026, 3, 10, 19)


# -- the calendar ------------------------------------------------------------------------


def _vevents(data: bytes):
    calendar = Calendar.from_ical(data)
    return calendar, list(calendar.walk("VEVENT"))


def test_the_calendar_is_a_weekly_event_in_the_couples_time_zone(kit, berlin):
    schedule = _agreed(kit, berlin)
    data = kit.checkins.calendar(schedule.id, actor="ben")
    calendar, [event] = _vevents(data)
    assert str(calendar["PRODID"]) == "-//repairkit//check-in schedule//EN"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert event["DTSTART"].dt == _local(2026, 3, 8, 19)
    assert event["DTEND"].dt == _local(2026, 3, 8, 20)
    assert dict(event["RRULE"]) == {"FREQ": ["WEEKLY"], "INTERVAL": [1], "BYDAY": ["SU"]}
    assert str(event["SUMMARY"]) == "Check-in"
    assert "EXDATE" not in event
    for person in (b"ana", b"ben"):
        assert person not in data
    assert data == kit.checkins.calendar(schedule.id, actor="ana")  # the same for both
    other = _agreed(kit, berlin)
    _, [elsewhere] = _vevents(kit.checkins.calendar(other.id, actor="ana"))
    assert str(elsewhere["UID"]) != str(event["UID"])


def test_the_calendar_shows_a_skipped_and_a_moved_session(kit, berlin, clock):
    schedule = _agreed(kit, berlin, every_weeks=2)
    kit.checkins.skip(schedule.id, actor="ana")
    _, [event] = _vevents(kit.checkins.calendar(schedule.id, actor="ana"))
    assert event["RRULE"]["INTERVAL"] == [2]
    assert [d.dt for d in event["EXDATE"].dts] == [_local(2026, 3, 8, 19)]
    clock.advance(timedelta(days=7))
    kit.timers.run_due()  # the skipped one passed; the next is on 22 March
    kit.checkins.move_one(schedule.id, actor="ben", to=_local(2026, 3, 21, 10))
    kit.checkins.agree_to_move(schedule.id, actor="ana")
    _, [series, moved] = _vevents(kit.checkins.calendar(schedule.id, actor="ana"))
    assert "EXDATE" not in series
    assert series["DTSTART"].dt == _local(2026, 3, 22, 19)
    assert str(moved["UID"]) == str(series["UID"])
    assert moved["RECURRENCE-ID"].dt == _local(2026, 3, 22, 19)
    assert (moved["DTSTART"].dt, moved["DTEND"].dt) == (
        _local(2026, 3, 21, 10),
        _local(2026, 3, 21, 11),
    )
    assert moved["DTSTART"].params["TZID"] == "Europe/Berlin"


def test_the_calendar_can_hold_the_other_deadlines_each_partner_may_see(kit, couple, clock):
    """With ``upcoming``: one event per deadline the reader may see, in repairkit's words.

    Ana's second time-out of the day reached Ben untold: his calendar holds its
    deadlines as all-day events (the day, never the time); Ana's holds their times.
    Ben's private draft is in nobody's calendar but his.
    """
    schedule = _agreed(kit, couple)
    first = kit.timeouts.call(couple.id, actor="ana", minutes=20)
    kit.timeouts.set_aside(first.id, actor="ana")
    clock.advance(timedelta(hours=2, minutes=17))
    called = kit.timeouts.call(couple.id, actor="ana", minutes=45)  # Ben is not told again
    assert kit.checkins.calendar(schedule.id, actor="ana").count(b"BEGIN:VEVENT") == 1
    events = {}
    for person in ("ana", "ben"):
        data = kit.checkins.calendar(schedule.id, actor=person, upcoming=True)
        _, found = _vevents(data)
        assert [str(e["SUMMARY"]) for e in found].count("Check-in") == 1
        events[person] = {str(e["SUMMARY"]): e for e in found if str(e["SUMMARY"]) != "Check-in"}
        for word in (b"ana", b"ben", b"In my own words"):
            assert word not in data
    day = called.started_at.date()
    ana, ben = events["ana"], events["ben"]
    assert {"Timeout: check back", "Timeout: lapses"} <= set(ana) & set(ben)
    assert ana["Timeout: check back"]["DTSTART"].dt == called.return_at
    assert ben["Timeout: check back"]["DTSTART"].dt == day  # a date: all day
    assert ben["Timeout: check back"]["DTEND"].dt == day + timedelta(days=1)
    assert ana["Timeout: check back"]["UID"] == ben["Timeout: check back"]["UID"]
    assert all(str(e["UID"]).endswith("@repairkit") for e in (*ana.values(), *ben.values()))


def test_only_an_agreed_schedule_has_a_calendar(kit, couple):
    schedule = kit.checkins.propose(couple.id, actor="ana", weekday=SUNDAY, start=SEVEN)
    with pytest.raises(NotAllowedNow) as refused:
        kit.checkins.calendar(schedule.id, actor="ana")
    assert refused.value.allowed == ("withdraw",)


def test_without_icalendar_the_export_says_how_to_install_it(kit, couple, monkeypatch):
    schedule = _agreed(kit, couple)
    monkeypatch.setitem(sys.modules, "icalendar", None)  # as if it were not installed
    with pytest.raises(CalendarUnavailable, match=r"pip install repairkit\[calendar\]"):
        kit.checkins.calendar(schedule.id, actor="ana")


def test_upcoming_counts_what_it_is_asked(kit, couple):
    schedule = _agreed(kit, couple)
    assert kit.checkins.upcoming(schedule.id, actor="ana", count=0) == []
    assert len(kit.checkins.upcoming(schedule.id, actor="ana", count=104)) == 104
    for count in (-1, 105, True, "4"):
        with pytest.raises(InvalidInput):
            kit.checkins.upcoming(schedule.id, actor="ana", count=count)
