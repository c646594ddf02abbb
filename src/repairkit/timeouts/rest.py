"""The rest time-outs are for: one open per caller, a weekly ceiling, and who rests now.

Every rule here reads through indexed storage queries, never a scan of the history
(docs/storage-queries.md):

- a person's open time-out: ``load_keyed(TimeOut, ..., OPEN_CALLER, person, states=open)``;
- the time-outs they called in the days a rolling week can reach: the key
  ``("called_in_week", "<week>:<person>")``, one query per calendar week (at most three);
- how many time-outs both called in a rolling window: `Storage.count_events` of
  ``timeout.called``, once per partner.

A time-out *holds* from its call to its agreed return time (the latest, after
extensions), or to when it ended if that came first. The hours one person holds in
the 7 days up to the end of a new time-out (or of an extension) may not pass
`TimeOutRules.weekly_ceiling_hours`.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any, Final, Protocol

from repairkit.core.values import PersonId
from repairkit.timeouts.model import TimeOut
from repairkit.timeouts.notices import HELD_BACK_NOT
from repairkit.timeouts.rules import CEILING_HOURS, TimeOutRules
from repairkit.timeouts.table import TimeOutState

__all__ = [
    "OPEN_CALLER",
    "OPEN_STATES",
    "WEEK",
    "Reader",
    "calls_in_window",
    "fits",
    "held",
    "latest_end",
    "open_time_out",
    "recent_time_outs",
    "resting",
    "week_key",
    "when_it_fits",
]

WEEK: Final = timedelta(days=7)
"""The rolling window of the weekly ceiling."""
OPEN_STATES: Final = (TimeOutState.COOLING_OFF.value, TimeOutState.CHECK_BACK.value)
OPEN_CALLER: Final = "open_caller"
"""The index key of a time-out while it is open (`OPEN_STATES`): its caller."""
_EPOCH: Final = datetime(1970, 1, 5, tzinfo=UTC)  # a Monday: weeks of the key start there
_TICK: Final = timedelta(microseconds=1)


class Reader(Protocol):
    """The storage queries these rules read (a `Repository` or a `Storage`)."""

    def load_keyed(
        self,
        kind: type[Any],
        relationship_id: uuid.UUID,
        key: str,
        value: str,
        *,
        states: Sequence[str] | None = None,
    ) -> list[Any]:
        """Return the objects of *kind* under (*key*, *value*)."""
        ...


def week_key(caller: PersonId, at: datetime) -> str:
    """Return the value of the ``called_in_week`` key of a time-out *caller* called at *at*."""
    return f"{(at - _EPOCH) // WEEK}:{caller}"


def _held_end(timeout: TimeOut) -> datetime:
    """When *timeout* stops holding: its return time, or when it ended if that came first."""
    if timeout.state.value in OPEN_STATES or timeout.changed_at is None:
        return timeout.return_at
    return min(timeout.return_at, timeout.changed_at)


def _overlap(
    start: datetime, end: datetime, window_start: datetime, window_end: datetime
) -> timedelta:
    return max(timedelta(0), min(end, window_end) - max(start, window_start))


def held(timeouts: Iterable[TimeOut], window_end: datetime) -> timedelta:
    """Return how long *timeouts* hold in the 7 days up to *window_end*."""
    start = window_end - WEEK
    return sum(
        (_overlap(t.started_at, _held_end(t), start, window_end) for t in timeouts),
        timedelta(0),
    )


def recent_time_outs(
    reader: Reader, relationship_id: uuid.UUID, caller: PersonId, until: datetime
) -> list[TimeOut]:
    """Return the time-outs *caller* called that may hold in the 7 days up to *until*.

    Read from the ``called_in_week`` key of each calendar week they may have started
    in (a time-out holds at most `CEILING_HOURS` past its call): at most three queries.
    """
    first = until - WEEK - timedelta(hours=CEILING_HOURS)
    weeks = range((first - _EPOCH) // WEEK, (until - _EPOCH) // WEEK + 1)
    found: dict[uuid.UUID, TimeOut] = {}
    for week in weeks:
        for timeout in reader.load_keyed(
            TimeOut, relationship_id, "called_in_week", f"{week}:{caller}"
        ):
            found[timeout.id] = timeout
    return list(found.values())


def open_time_out(
    reader: Reader, relationship_id: uuid.UUID, caller: PersonId, now: datetime
) -> TimeOut | None:
    """Return *caller*'s open time-out at *now* (its ceiling not passed yet), if any."""
    for timeout in reader.load_keyed(
        TimeOut, relationship_id, OPEN_CALLER, caller, states=OPEN_STATES
    ):
        if now < timeout.ceiling_at:
            assert isinstance(timeout, TimeOut)  # noqa: S101 - read by its kind
            return timeout
    return None


def fits(others: Sequence[TimeOut], start: datetime, end: datetime, rules: TimeOutRules) -> bool:
    """Return whether a time-out held from *start* to *end* fits the weekly ceiling."""
    return held(others, end) + (end - start) <= timedelta(hours=rules.weekly_ceiling_hours)


def when_it_fits(
    others: Sequence[TimeOut], now: datetime, minutes: int, rules: TimeOutRules
) -> datetime:
    """Return when a time-out of *minutes* called then would fit the weekly ceiling.

    *now* itself when it fits now. What others hold in the week up to its end only
    shrinks as that week moves on, so the answer is found by halving,
    then given as the next whole minute (it fits at any later time too).
    """
    length = timedelta(minutes=minutes)
    if fits(others, now, now + length, rules):
        return now
    low, high = now, max((_held_end(t) for t in others), default=now) + WEEK
    while high - low > _TICK:  # low does not fit, high does
        middle = low + (high - low) / 2
        if fits(others, middle, middle + length, rules):
            high = middle
        else:
            low = middle
    whole = high.replace(second=0, microsecond=0)  # as people read it: to the minute
    return whole if fits(others, whole, whole + length, rules) else whole + timedelta(minutes=1)


def latest_end(
    others: Sequence[TimeOut], start: datetime, now: datetime, wanted: datetime, rules: TimeOutRules
) -> datetime:
    """Return the latest end, from *now* up to *wanted*, that a time-out held since *start* fits.

    What the time-out holds grows with its end as fast as what the others hold may
    shrink, so the ends that fit run from *now* up to one point, found by halving.
    *now* when none does.
    """
    if fits(others, start, wanted, rules):
        return wanted
    low, high = now, wanted  # low fits (or is now), high does not
    while high - low > _TICK:
        middle = low + (high - low) / 2
        if fits(others, start, middle, rules):
            low = middle
        else:
            high = middle
    return low


def calls_in_window(
    count: Callable[[PersonId, datetime], int],
    partners: Iterable[PersonId],
    now: datetime,
    rules: TimeOutRules,
) -> int:
    """Return how many time-outs both partners called in the rolling window up to *now*.

    *count* is ``count_events`` of ``timeout.called`` for one person since a moment.
    """
    since = now - timedelta(days=rules.third_party_window_days)
    return sum(count(person, since) for person in partners)


def resting(
    reader: Reader, relationship_id: uuid.UUID, person: PersonId, now: datetime
) -> frozenset[str] | None:
    """While *person* is inside their own time-out (cooling off), what still reaches them.

    The `HoldRule` of time-outs: a check-back, and the other's own time-out
    (`HELD_BACK_NOT`); None when they are not inside one. Read from the caller index,
    open time-outs only.
    """
    for timeout in reader.load_keyed(
        TimeOut, relationship_id, OPEN_CALLER, person, states=(TimeOutState.COOLING_OFF.value,)
    ):
        if now < timeout.return_at and now < timeout.ceiling_at:
            return HELD_BACK_NOT
    return None
