"""Quiet hours: the daily hours in which nothing is delivered to one person (safety rule 6).

A notification for a person inside their quiet hours is held: it stays in the
outbox, is not tried and counts no attempt, and goes out once they end.

A workflow may hold notifications the same way while a person rests in it (a
time-out for oneself): its spec names a `HoldRule` (`WorkflowSpec.holds`), and
what it holds goes out on the first delivery after the rest ends.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta
from typing import Any

import attrs

from repairkit.core.settings import zone
from repairkit.core.values import check_instant
from repairkit.errors import InvalidInput

__all__ = ["HoldRule", "QuietHours"]

HoldRule = Callable[[Any, uuid.UUID, str, datetime], frozenset[str] | None]
"""``rule(reader, relationship_id, person, now)``: while *person* rests at *now*, the
notice kinds (their values) that still reach them; everything else waits in the outbox.
None when they do not rest. *reader* answers `Storage.load_keyed` (and nothing else is
asked of it)."""


def _wall_time(_instance: object, attribute: attrs.Attribute[time], value: time) -> None:
    field = f"quiet_hours.{attribute.name}"
    if not isinstance(value, time):
        raise InvalidInput(field, "needs a datetime.time, such as time(22, 0).")
    if value.tzinfo is not None:
        raise InvalidInput(
            field, "needs a time without a time zone; name the zone in quiet_hours.time_zone."
        )


def _time_zone(_instance: object, _attribute: object, value: str) -> None:
    if not isinstance(value, str):
        raise InvalidInput(
            "quiet_hours.time_zone", "needs an IANA time zone name, such as 'Europe/Berlin'."
        )
    try:
        zone(value)
    except InvalidInput as error:
        raise InvalidInput(
            "quiet_hours.time_zone", error.reason_template, **error.values
        ) from error


@attrs.frozen(kw_only=True)
class QuietHours:
    """The daily hours, on one person's own clock, in which nothing is delivered to them.

    Example: ``QuietHours(starts=time(22, 0), ends=time(7, 0), time_zone="Europe/Berlin")``:
    from 22:00 to 07:00 the next morning, Berlin time. The hours may wrap midnight; they
    run from `starts` up to (not including) `ends`, every day. There is no default
    (repairkit's own choice): quiet hours are off until the person sets them. They belong
    to that person alone: only they set or clear them, and only they can see them.
    """

    starts: time = attrs.field(validator=_wall_time)
    """When the quiet hours begin each day, on the person's wall clock (no tzinfo)."""
    ends: time = attrs.field(validator=_wall_time)
    """When they end; earlier than `starts` when they wrap midnight (22:00 to 07:00)."""
    time_zone: str = attrs.field(default="UTC", validator=_time_zone)
    """The IANA time zone of the person's wall clock (e.g. "Europe/Berlin")."""

    def __attrs_post_init__(self) -> None:
        if self.starts == self.ends:
            raise InvalidInput(
                "quiet_hours.ends",
                "is the same as quiet_hours.starts (equal times would mean no quiet"
                " hours, or all day); to turn them off, set None instead.",
            )
        # Normalise in place (frozen): `fold` means nothing for a daily time.
        object.__setattr__(self, "starts", self.starts.replace(fold=0))
        object.__setattr__(self, "ends", self.ends.replace(fold=0))

    @property
    def wraps_midnight(self) -> bool:
        """Return whether the quiet hours run past midnight into the next day."""
        return self.ends < self.starts

    def _covers(self, wall: time) -> bool:
        if self.wraps_midnight:
            return wall >= self.starts or wall < self.ends
        return self.starts <= wall < self.ends

    def contains(self, instant: datetime) -> bool:
        """Return whether *instant* (timezone-aware) falls inside the quiet hours."""
        instant = check_instant(instant, "instant")
        return self._covers(instant.astimezone(zone(self.time_zone)).time())

    def ends_after(self, instant: datetime) -> datetime:
        """Return, in UTC, when the quiet period around *instant* ends.

        That is the first instant at or after *instant* outside the quiet hours:
        *instant* itself (in UTC) when it is not inside them.
        """
        instant = check_instant(instant, "instant")
        tz = zone(self.time_zone)
        local = instant.astimezone(tz)
        if not self._covers(local.time()):
            return instant
        day = local.date()
        if self.wraps_midnight and local.time() >= self.starts:
            day += timedelta(days=1)
        # A wall time repeated when clocks go back: the first of the two still to come.
        # A wall time skipped when clocks go forward reads as the instant just after.
        for fold in (0, 1):
            end = datetime.combine(day, self.ends, tzinfo=tz).replace(fold=fold).astimezone(UTC)
            if end > instant:
                return end
        return end  # pragma: no cover - the later of the two is always after instant
