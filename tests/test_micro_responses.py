"""Micro-responses, case by case: reminders, couple totals, coarse time, the budget.

The random histories are in tests/test_micro_response_stateful.py and
tests/test_micro_response_two_worlds.py; these pin single behaviours the practice and
the safety rules ask for (docs/micro_responses.md).
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest

from conftest import invite_and_accept
from repairkit import (
    InvalidInput,
    ManualClock,
    MemoryNotifier,
    NotAllowedNow,
    NotFound,
    RelationshipRules,
    RelationshipSettings,
    RepairKit,
    connectionlog,
    core,
)
from repairkit.core import QuietHours
from repairkit.microresponses import (
    MicroResponseRules,
    PartOfDay,
    ReminderNotice,
)

MONDAY = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _couple(
    settings: RelationshipSettings | None = None,
) -> tuple[RepairKit, ManualClock, MemoryNotifier, object]:
    clock, notifier = ManualClock(MONDAY), MemoryNotifier()
    kit = RepairKit(clock=clock, notifier=notifier)
    couple = invite_and_accept(kit, ("ana", "ben"), actor="ana", settings=settings)
    return kit, clock, notifier, couple.id


def _reminders(notifier: MemoryNotifier, person: str) -> list[object]:
    return [n for n in notifier.for_person(person) if n.kind is ReminderNotice.REMINDER]


def test_a_reminder_comes_daily_to_its_person_alone_until_stopped():
    """The chosen time comes each day, to the person who asked; nobody else hears or reads it."""
    kit, clock, notifier, couple = _couple()
    reminder = kit.micro_responses.remind_me(couple, actor="ana", at_local_time=time(19, 30))
    for _ in range(3):
        clock.advance(timedelta(days=1))
        kit.timers.run_due()
    assert len(_reminders(notifier, "ana")) == 3
    assert _reminders(notifier, "ben") == []
    with pytest.raises(NotFound):
        kit.micro_response_reminders.get(reminder.id, actor="ben")
    assert kit.micro_response_reminders.find(couple, actor="ben") == []
    assert kit.timers.upcoming(couple, actor="ben") == []
    kit.micro_responses.stop_reminders(couple, actor="ana")
    clock.advance(timedelta(days=2))
    kit.timers.run_due()
    assert len(_reminders(notifier, "ana")) == 3


def test_quiet_hours_and_a_pause_hold_a_reminder():
    """A reminder inside one's quiet hours, or while one paused, waits in the outbox."""
    kit, clock, notifier, couple = _couple()
    kit.relationships.set_quiet_hours(
        couple, actor="ana", quiet_hours=QuietHours(starts=time(19, 0), ends=time(21, 0))
    )
    kit.micro_responses.remind_me(couple, actor="ana", at_local_time=time(19, 30))
    clock.advance(timedelta(hours=11))  # 20:00, inside the quiet hours
    kit.timers.run_due()
    assert _reminders(notifier, "ana") == []
    clock.advance(timedelta(hours=2))  # 22:00: the quiet hours ended
    kit.outbox.deliver_pending()
    assert len(_reminders(notifier, "ana")) == 1
    kit.relationships.pause(couple, actor="ana")
    clock.advance(timedelta(days=1))
    kit.timers.run_due()
    kit.outbox.deliver_pending()
    assert len(_reminders(notifier, "ana")) == 1
    kit.relationships.come_back(couple, actor="ana")
    kit.outbox.deliver_pending()
    assert len(_reminders(notifier, "ana")) == 2


def test_one_reminder_at_a_time_and_only_a_time_of_day():
    """A second reminder is refused until the first is stopped; a time with a zone is refused."""
    kit, _, _, couple = _couple()
    with pytest.raises(InvalidInput):
        kit.micro_responses.remind_me(couple, actor="ana", at_local_time=time(8, tzinfo=UTC))
    with pytest.raises(NotFound):
        kit.micro_responses.stop_reminders(couple, actor="ana")
    kit.micro_responses.remind_me(couple, actor="ana", at_local_time=time(8, 0))
    with pytest.raises(NotAllowedNow):
        kit.micro_responses.remind_me(couple, actor="ana", at_local_time=time(9, 0))
    kit.micro_responses.remind_me(couple, actor="ben", at_local_time=time(8, 0))
    kit.micro_responses.stop_reminders(couple, actor="ana")
    kit.micro_responses.remind_me(couple, actor="ana", at_local_time=time(9, 0))


def test_the_part_of_the_day_is_read_in_the_couples_time_zone():
    """09:00 UTC is the morning in Berlin, and the evening in Tokyo; no finer time is kept."""
    for zone, part in (("Europe/Berlin", PartOfDay.MORNING), ("Asia/Tokyo", PartOfDay.EVENING)):
        kit, _, _, couple = _couple(RelationshipSettings(time_zone=zone))
        made = kit.micro_responses.record(couple, actor="ana", kind="reflected back", tell=True)
        assert made.part_of_day is part
        seen = kit.micro_responses.get(made.id, actor="ben")
        assert (seen.part_of_day, seen.changed_at, seen.version) == (part, None, 1)
        assert kit.micro_responses.events(made.id, actor="ben") == []


def test_couple_totals_stop_at_once_when_either_withdraws():
    """Totals, sums of what was told, show only while both agree; either stops them alone."""
    kit, _, _, couple = _couple()
    kit.micro_responses.record(couple, actor="ana", kind="expressed gratitude", tell=True)
    kit.micro_responses.record(couple, actor="ben", kind="turned toward a bid", tell=True)
    kit.micro_responses.record(couple, actor="ben", kind="reflected back")  # kept to himself
    agreed = RelationshipSettings(rules=[MicroResponseRules(couple_totals=True)])
    kit.relationships.propose_settings(couple, actor="ana", settings=agreed)
    kit.relationships.agree_to_settings(couple, actor="ben")
    week = kit.micro_responses.couple_totals(couple, actor="ana")[-1]
    assert week.total == 2
    assert not hasattr(week, "by_person")
    kit.relationships.withdraw_consent_to_settings(couple, actor="ana")
    for person in ("ana", "ben"):
        with pytest.raises(NotAllowedNow):
            kit.micro_responses.couple_totals(couple, actor=person)


def test_an_acknowledgement_counts_on_the_receivers_budget():
    """A thank-you reaches the giver: it is a new item of the receiver's day, like any message."""
    kit, _, notifier, couple = _couple()
    budget = RelationshipSettings(rules=[RelationshipRules(daily_items=1)])
    kit.relationships.propose_settings(couple, actor="ana", settings=budget)
    kit.relationships.agree_to_settings(couple, actor="ben")
    first, second = (
        kit.micro_responses.record(couple, actor="ana", kind="expressed gratitude", tell=True)
        for _ in range(2)
    )
    kit.micro_responses.acknowledge(first.id, actor="ben")
    with pytest.raises(NotAllowedNow):
        kit.micro_responses.acknowledge(second.id, actor="ben")
    thanks = [n for n in notifier.for_person("ana") if n.subject_id in (first.id, second.id)]
    assert [n.subject_id for n in thanks] == [first.id]


def test_what_one_received_reads_by_week_never_in_pages_around_ones_own():
    """`find` pages over what one gave; what one received reads by week, by moment then id.

    Told later, or told, taken back and told again, a micro-response keeps its place in
    the receiver's week: the order tells nothing of when the giver recorded or told it.
    """
    kit, clock, _, couple = _couple()
    given = kit.micro_responses.record(couple, actor="ben", kind="reflected back")
    first = kit.micro_responses.record(couple, actor="ana", kind="expressed gratitude")
    clock.advance(timedelta(hours=8))  # 17:00, the evening
    later = kit.micro_responses.record(couple, actor="ana", kind="turned toward a bid", tell=True)
    kit.micro_responses.tell(first.id, actor="ana")
    kit.micro_responses.untell(first.id, actor="ana")
    kit.micro_responses.tell(first.id, actor="ana")
    assert [m.id for m in kit.micro_responses.find(couple, actor="ben")] == [given.id]
    with pytest.raises(InvalidInput):
        kit.micro_responses.find(couple, actor="ben", after=first.id)
    received = kit.micro_responses.received(couple, actor="ben")
    assert [m.id for m in received] == [first.id, later.id]  # the morning's, then the evening's
    assert kit.micro_responses.received(couple, actor="ana") == []
    kit.micro_responses.acknowledge(first.id, actor="ben")
    kit.micro_responses.delete(first.id, actor="ana")  # acknowledged: still his to read
    assert [m.id for m in kit.micro_responses.received(couple, actor="ben")] == [first.id, later.id]
    next_week = MONDAY.date() + timedelta(days=7)
    assert kit.micro_responses.received(couple, actor="ben", week=next_week) == []
    with pytest.raises(InvalidInput):
        kit.micro_responses.received(couple, actor="ben", week=MONDAY)  # type: ignore[arg-type]


def test_the_night_belongs_to_the_day_it_began_on_as_in_the_log():
    """01:00 on the next Monday is Sunday's night: its day, its week, its 22:00 start."""
    assert PartOfDay is core.PartOfDay is connectionlog.PartOfDay
    assert [p.value for p in PartOfDay] == ["morning", "afternoon", "evening", "night"]
    kit, clock, _, couple = _couple()
    clock.advance(timedelta(days=6, hours=16))  # Monday 2026-03-09, 01:00 UTC
    made = kit.micro_responses.record(couple, actor="ana", kind="reflected back", tell=True)
    sunday = MONDAY.date() + timedelta(days=6)
    assert (made.day, made.part_of_day, made.week) == (sunday, PartOfDay.NIGHT, "2026-W10")
    assert made.created_at == datetime(2026, 3, 8, 22, tzinfo=UTC)
    clock.advance(timedelta(hours=4))  # 05:00: the morning of the new day
    later = kit.micro_responses.record(couple, actor="ana", kind="reflected back")
    assert (later.day, later.part_of_day, later.week) == (
        sunday + timedelta(days=1),
        PartOfDay.MORNING,
        "2026-W11",
    )
