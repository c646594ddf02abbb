"""Quiet hours are one person's own: set alone, seen by nobody else, and they hold deliveries."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import BOX, invite_and_accept
from repairkit import (
    DeliveryPolicy,
    InvalidInput,
    NotAllowedNow,
    NotFound,
    QuietHours,
    Relationship,
    RepairKit,
)
from repairkit.core.relationship_events import QuietHoursSet

NEED = "to feel we are a team at home"
ASK = "plan the week's meals together on Sunday evenings"
NIGHT = QuietHours(starts=time(22, 0), ends=time(7, 0))
"""22:00 to 07:00 UTC: the test clock starts at 09:00 UTC, outside them."""


def _at(hour: int, minute: int = 0, day: int = 2) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=UTC)


# -- the value -------------------------------------------------------------------------


def test_quiet_hours_may_wrap_midnight():
    """22:00 to 07:00 covers the late evening and the early morning, not the day."""
    assert NIGHT.wraps_midnight
    assert NIGHT.contains(_at(22))
    assert NIGHT.contains(_at(3, day=3))
    assert not NIGHT.contains(_at(7, day=3))  # the end is not inside
    assert not NIGHT.contains(_at(12))
    assert NIGHT.ends_after(_at(23)) == _at(7, day=3)
    assert NIGHT.ends_after(_at(3, day=3)) == _at(7, day=3)
    assert NIGHT.ends_after(_at(12)) == _at(12)  # not inside: nothing to wait for


def test_quiet_hours_within_one_day():
    """13:00 to 14:30 covers the early afternoon only."""
    nap = QuietHours(starts=time(13, 0), ends=time(14, 30))
    assert not nap.wraps_midnight
    assert nap.contains(_at(13))
    assert not nap.contains(_at(14, 30))
    assert not nap.contains(_at(12, 59))
    assert nap.ends_after(_at(13, 10)) == _at(14, 30)


def test_quiet_hours_follow_the_persons_own_time_zone():
    """22:00 to 07:00 in New York is 03:00 to 12:00 UTC in winter."""
    hours = QuietHours(starts=time(22, 0), ends=time(7, 0), time_zone="America/New_York")
    assert hours.contains(_at(3))
    assert not hours.contains(_at(22))
    assert hours.ends_after(_at(4)) == _at(12)
    berlin = _at(5).astimezone(timezone(timedelta(hours=1)))
    assert hours.ends_after(berlin) == _at(12)  # any aware instant is accepted


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"starts": time(22, 0), "ends": time(22, 0)}, "quiet_hours.ends"),
        ({"starts": time(22, 0, tzinfo=UTC), "ends": time(7, 0)}, "quiet_hours.starts"),
        ({"starts": time(22, 0), "ends": "07:00"}, "quiet_hours.ends"),
        ({"starts": _at(22), "ends": time(7, 0)}, "quiet_hours.starts"),
        ({"starts": time(22, 0), "ends": time(7, 0), "time_zone": "Mars/Olympus"}, "time_zone"),
        ({"starts": time(22, 0), "ends": time(7, 0), "time_zone": 1}, "time_zone"),
    ],
)
def test_invalid_quiet_hours_are_refused_with_the_field_named(kwargs, field):
    """Equal times, a time with a zone, a non-time or an unknown zone: InvalidInput."""
    with pytest.raises(InvalidInput) as refused:
        QuietHours(**kwargs)
    assert refused.value.field.endswith(field)


def test_a_naive_instant_is_refused():
    """Asking about a naive datetime is refused: it could mean any time zone."""
    with pytest.raises(InvalidInput):
        NIGHT.contains(datetime(2026, 3, 2, 23))  # noqa: DTZ001 - the point of the test
    with pytest.raises(InvalidInput):
        NIGHT.ends_after(datetime(2026, 3, 2, 23))  # noqa: DTZ001


MINUTES = st.integers(min_value=0, max_value=24 * 60 - 1)
OFFSETS = {"UTC": 0, "Etc/GMT-5": 5 * 60, "Etc/GMT+9": -9 * 60, "Asia/Kathmandu": 5 * 60 + 45}
"""Zones without daylight saving time, and their offset from UTC in minutes."""


def _inside(minute: int, starts: int, ends: int) -> bool:
    """The reference: a minute of the day is inside when it is less far past starts than ends."""
    return (minute - starts) % 1440 < (ends - starts) % 1440


@given(
    starts=MINUTES,
    ends=MINUTES,
    zone=st.sampled_from(sorted(OFFSETS)),
    instant=st.datetimes(
        min_value=datetime(2000, 1, 1),  # noqa: DTZ001 - hypothesis takes naive bounds
        max_value=datetime(2100, 1, 1),  # noqa: DTZ001
        timezones=st.just(UTC),
    ).map(lambda d: d.replace(second=0, microsecond=0)),
)
def test_contains_and_ends_after_agree_with_a_simple_reference(starts, ends, zone, instant):
    """Whole minutes: `contains` is modular arithmetic, and `ends_after` the first minute out."""
    if starts == ends:
        return
    hours = QuietHours(
        starts=time(*divmod(starts, 60)), ends=time(*divmod(ends, 60)), time_zone=zone
    )
    local = (instant.hour * 60 + instant.minute + OFFSETS[zone]) % 1440
    assert hours.contains(instant) == _inside(local, starts, ends)
    wait = next(k for k in range(1441) if not _inside((local + k) % 1440, starts, ends))
    assert hours.ends_after(instant) == instant + timedelta(minutes=wait)


@st.composite
def _quiet_hours_with_dst(draw: st.DrawFn) -> QuietHours:
    starts = draw(st.times())
    ends = draw(st.times().filter(lambda t: t != starts))
    zone = draw(st.sampled_from(["Europe/Berlin", "America/New_York", "Australia/Lord_Howe"]))
    return QuietHours(starts=starts, ends=ends, time_zone=zone)


@given(
    hours=_quiet_hours_with_dst(),
    instant=st.datetimes(
        min_value=datetime(2000, 1, 1),  # noqa: DTZ001 - hypothesis takes naive bounds
        max_value=datetime(2100, 1, 1),  # noqa: DTZ001
        timezones=st.just(UTC),
    ),
)
def test_the_end_of_quiet_hours_is_never_before_the_instant(hours, instant):
    """Across daylight-saving changes too, the end comes at or after the instant, within a day."""
    end = hours.ends_after(instant)
    assert end.tzinfo is UTC
    assert instant <= end <= instant + timedelta(days=1, hours=1)
    assert (end == instant) == (not hours.contains(instant))


# -- setting them ------------------------------------------------------------------------


@pytest.mark.parametrize(("owner", "other"), [("ana", "ben"), ("ben", "ana")])
def test_each_partner_sets_only_their_own_and_the_other_never_sees_them(
    kit, couple, notifier, owner, other
):
    """The owner sees their hours; the other sees none, hears nothing, and sees no event."""
    told = len(notifier.received)
    mine = kit.relationships.set_quiet_hours(couple.id, actor=owner, quiet_hours=NIGHT)
    assert mine.quiet_hours == ((owner, NIGHT),)
    assert mine.quiet_hours_of(owner) == NIGHT
    assert kit.relationships.get(couple.id, actor=other).quiet_hours == ()
    assert kit.relationships.get(couple.id, actor=other).quiet_hours_of(owner) is None
    assert kit.relationships.get(couple.id, actor=owner).quiet_hours == ((owner, NIGHT),)
    assert len(notifier.received) == told  # nobody is told, not even the owner
    assert not any(
        isinstance(e, QuietHoursSet) for e in kit.relationships.events(couple.id, actor=other)
    )
    (event,) = [
        e for e in kit.relationships.events(couple.id, actor=owner) if isinstance(e, QuietHoursSet)
    ]
    assert (event.actor, event.private_to, event.quiet_hours) == (owner, owner, NIGHT)
    assert (
        kit.relationships.pause(couple.id, actor=other).quiet_hours == ()
    )  # every command's copy alike
    assert kit._storage.load(Relationship, couple.id).quiet_hours == ((owner, NIGHT),)


def test_each_partners_hours_are_kept_apart_and_cleared_with_none(kit, couple):
    """Setting or clearing one's own hours leaves the other's as they are."""
    nap = QuietHours(starts=time(13, 0), ends=time(14, 0), time_zone="Europe/Berlin")
    kit.relationships.set_quiet_hours(couple.id, actor="ana", quiet_hours=NIGHT)
    kit.relationships.set_quiet_hours(couple.id, actor="ben", quiet_hours=nap)
    kit.relationships.set_quiet_hours(couple.id, actor="ana", quiet_hours=nap)  # replaces ana's own
    assert kit.relationships.get(couple.id, actor="ana").quiet_hours == (("ana", nap),)
    assert kit.relationships.get(couple.id, actor="ben").quiet_hours == (("ben", nap),)
    assert (
        kit.relationships.set_quiet_hours(couple.id, actor="ana", quiet_hours=None).quiet_hours
        == ()
    )
    stored = kit._storage.load(Relationship, couple.id)
    assert stored.quiet_hours == (("ben", nap),)


def test_only_a_partner_sets_quiet_hours_and_only_while_active(kit, couple):
    """An outsider learns nothing; a value that is not QuietHours is refused; leaving ends it."""
    with pytest.raises(NotFound):
        kit.relationships.set_quiet_hours(couple.id, actor="eve", quiet_hours=NIGHT)
    with pytest.raises(InvalidInput):
        kit.relationships.set_quiet_hours(couple.id, actor="ana", quiet_hours="22:00-07:00")  # type: ignore[arg-type]
    kit.relationships.leave(couple.id, actor="ben")
    with pytest.raises(NotAllowedNow):
        kit.relationships.set_quiet_hours(couple.id, actor="ana", quiet_hours=NIGHT)


# -- delivery ----------------------------------------------------------------------------


@pytest.fixture
def strict_kit(storage_factory, clock, notifier):
    """A kit that parks a notification after ONE failed attempt: any attempt counted shows."""
    policy = DeliveryPolicy(max_attempts=1)
    with RepairKit(storage=storage_factory(), clock=clock, notifier=notifier, delivery=policy) as k:
        yield k


@pytest.mark.parametrize(("quiet", "other"), [("ana", "ben"), ("ben", "ana")])
def test_a_notification_waits_untried_until_the_recipients_quiet_hours_end(
    strict_kit, clock, notifier, quiet, other
):
    """Inside the hours nothing reaches them and no attempt counts; after, it goes out."""
    kit = strict_kit
    couple = invite_and_accept(kit, ("ana", "ben"), actor="ana")
    kit.relationships.set_quiet_hours(couple.id, actor=quiet, quiet_hours=NIGHT)
    clock.set(_at(23))
    request = kit.requests.draft(couple.id, actor=other, need=NEED, ask=ASK, time_box=BOX)
    kit.requests.propose(request.id, actor=other)
    assert [n.recipient for n in notifier.received] == []
    for _ in range(3):
        clock.advance(timedelta(hours=2))  # 01:00, 03:00, 05:00: still quiet
        assert kit.outbox.deliver_pending() == 0
    assert kit.outbox.parked() == []  # no failed attempt was counted
    assert kit.outbox.pending() == []  # nothing to hand out while she is quiet
    (waiting,) = kit.outbox.waiting()
    assert waiting.recipient == quiet
    clock.set(_at(7, day=3))
    assert kit.outbox.deliver_pending() == 1
    assert [n.recipient for n in notifier.received] == [quiet]
    assert kit.outbox.pending() == []


@pytest.mark.parametrize(("quiet", "other"), [("ana", "ben"), ("ben", "ana")])
def test_ones_own_quiet_hours_hold_nothing_meant_for_the_other(kit, clock, notifier, quiet, other):
    """A partner inside their quiet hours still reaches the other at once."""
    couple = invite_and_accept(kit, ("ana", "ben"), actor="ana")
    kit.relationships.set_quiet_hours(couple.id, actor=quiet, quiet_hours=NIGHT)
    clock.set(_at(23))
    request = kit.requests.draft(couple.id, actor=quiet, need=NEED, ask=ASK, time_box=BOX)
    kit.requests.propose(request.id, actor=quiet)
    assert [n.recipient for n in notifier.received] == [other]
    assert kit.outbox.pending() == []


def test_cleared_quiet_hours_hold_nothing_more(kit, couple, clock, notifier):
    """Once the owner clears them, what waited goes out on the next delivery."""
    kit.relationships.set_quiet_hours(couple.id, actor="ben", quiet_hours=NIGHT)
    clock.set(_at(23))
    kit.requests.propose(
        kit.requests.draft(couple.id, actor="ana", need=NEED, ask=ASK, time_box=BOX).id, actor="ana"
    )
    assert kit.outbox.deliver_pending() == 0
    kit.relationships.set_quiet_hours(couple.id, actor="ben", quiet_hours=None)
    assert kit.outbox.deliver_pending() == 1
    assert notifier.received[-1].recipient == "ben"
