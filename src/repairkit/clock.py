"""Clocks: the system clock, and a manual one for tests and simulations."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from repairkit.core.values import check_instant
from repairkit.errors import InvalidInput

__all__ = ["ManualClock", "SystemClock"]


class SystemClock:
    """The real time, in UTC."""

    def now(self) -> datetime:
        """Return the current time in UTC."""
        return datetime.now(UTC)


class ManualClock:
    """A clock that moves only when told to."""

    def __init__(self, start: datetime | None = None) -> None:
        self._now = check_instant(start, "start") if start is not None else datetime.now(UTC)

    def now(self) -> datetime:
        """Return the clock's current time."""
        return self._now

    def advance(self, delta: timedelta) -> datetime:
        """Move the clock forward by *delta* and return the new time."""
        if not isinstance(delta, timedelta):
            raise InvalidInput("delta", "needs a datetime.timedelta, such as timedelta(hours=1).")
        if delta < timedelta(0):
            raise InvalidInput("delta", "a clock only moves forward.")
        try:
            later = self._now + delta
        except OverflowError as error:
            raise InvalidInput(
                "delta", "moves the clock past the years repairkit knows."
            ) from error
        self._now = check_instant(later, "delta")
        return self._now

    def set(self, when: datetime) -> None:
        """Move the clock forward to *when* (timezone-aware)."""
        when = check_instant(when, "when")
        if when < self._now:
            raise InvalidInput("when", "a clock only moves forward.")
        self._now = when
