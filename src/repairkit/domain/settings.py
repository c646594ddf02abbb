"""Per-relationship settings: every workflow default lives here and can be changed."""

from __future__ import annotations

import functools
import zoneinfo
from datetime import UTC, tzinfo
from typing import Final

import attrs

from repairkit.errors import InvalidInput

__all__ = ["RelationshipSettings", "RequestRules", "zone"]

MAX_ROUNDS_LIMIT: Final = 20
MAX_TEXT_LIMIT: Final = 10_000


@functools.lru_cache(maxsize=64)
def zone(name: str) -> tzinfo:
    """Return the time zone called *name*, or raise `InvalidInput`.

    "UTC" needs no time-zone database; other names use the system's, or the
    ``tzdata`` package where the system has none (Windows, some containers).
    """
    if name == "UTC":
        return UTC
    try:
        return zoneinfo.ZoneInfo(name)
    except zoneinfo.ZoneInfoNotFoundError as error:
        raise InvalidInput(
            "time_zone",
            f"{name!r} is not a time zone known on this system. Use an IANA name such as"
            " 'Europe/Berlin'; where the system has no time-zone data, installing the"
            " tzdata package provides it.",
        ) from error
    except (ValueError, TypeError) as error:
        raise InvalidInput(
            "time_zone", "needs an IANA time zone name, such as 'Europe/Berlin' or 'UTC'."
        ) from error


def _between(low: int, high: int, field: str) -> attrs.validators._ValidatorType[int]:  # type: ignore[name-defined]
    def check(_instance: object, _attribute: object, value: int) -> None:
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise InvalidInput(field, f"needs a whole number from {low} to {high}.")

    return check


@attrs.frozen(kw_only=True)
class RequestRules:
    """The rules of the Request workflow; every default can be changed per relationship.

    Defaults follow PROTOCOLS.md section 2 (Requests, not demands): a few
    rounds of alternatives, then the topic goes to the next check-in or to a
    facilitator.
    """

    max_rounds: int = attrs.field(default=3, validator=_between(1, MAX_ROUNDS_LIMIT, "max_rounds"))
    """Alternatives without agreement before the request is marked stalled."""
    max_text_length: int = attrs.field(
        default=500, validator=_between(20, MAX_TEXT_LIMIT, "max_text_length")
    )
    """The longest need, ask, observation or reason accepted, in characters."""
    follow_through_window_days: int = attrs.field(
        default=14, validator=_between(1, 366, "follow_through_window_days")
    )
    """How many days back an occurrence may still be marked kept or missed."""
    follow_through_grace_hours: int = attrs.field(
        default=24, validator=_between(0, 14 * 24, "follow_through_grace_hours")
    )
    """How long after the time box ends its last days may still be marked, before it completes.

    At most the follow-through window, so that the last day is still inside it.
    """

    def __attrs_post_init__(self) -> None:
        if self.follow_through_grace_hours > self.follow_through_window_days * 24:
            raise InvalidInput(
                "follow_through_grace_hours",
                "can be at most the follow-through window"
                f" ({self.follow_through_window_days * 24} hours), so that the time box's"
                " last day can still be marked during the grace period.",
            )


@attrs.frozen(kw_only=True)
class RelationshipSettings:
    """Per-relationship settings for every workflow."""

    requests: RequestRules = attrs.field(factory=RequestRules)
    time_zone: str = attrs.field(default="UTC", validator=lambda _i, _a, v: zone(v) and None)
    """The couple's IANA time zone (e.g. "Europe/Berlin"): the calendar days count in it."""
