"""How the outbox retries a notification that could not be delivered, and when it parks it.

A failed delivery is tried again after a wait that doubles with each attempt, up to a
longest wait, so one person's dead channel never holds back anyone else's
notifications. After `DeliveryPolicy.max_attempts` it is parked: kept, listed by
``kit.outbox.parked()``, and queued again by ``kit.outbox.retry_parked(...)``. The
numbers are repairkit's own defaults.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Final

import attrs

from repairkit.errors import InvalidInput

__all__ = ["DEFAULT_DELIVERY", "DeliveryPolicy"]


def _positive(_instance: object, attribute: attrs.Attribute[timedelta], value: timedelta) -> None:
    if not isinstance(value, timedelta) or value <= timedelta(0) or value > timedelta(days=7):
        raise InvalidInput(attribute.name, "needs a timedelta longer than 0 and at most 7 days.")


def _attempts(_instance: object, _attribute: object, value: int) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 100:  # noqa: PLR2004
        raise InvalidInput("max_attempts", "needs a whole number from 1 to 100.")


@attrs.frozen(kw_only=True)
class DeliveryPolicy:
    """Retries with exponential backoff, then parking. Every default is repairkit's own."""

    max_attempts: int = attrs.field(default=8, validator=_attempts)
    """Failed attempts after which a notification is parked."""
    first_wait: timedelta = attrs.field(default=timedelta(minutes=1), validator=_positive)
    """The wait after the first failure; it doubles after each further one."""
    longest_wait: timedelta = attrs.field(default=timedelta(hours=6), validator=_positive)
    """The wait never grows past this."""

    def next_attempt(self, attempts: int, at: datetime) -> datetime | None:
        """Return when to try again after *attempts* failures (the last at *at*); None: park it."""
        if attempts >= self.max_attempts:
            return None
        wait = min(self.first_wait * (1 << min(attempts - 1, 30)), self.longest_wait)
        return at + wait


DEFAULT_DELIVERY: Final = DeliveryPolicy()
"""Eight attempts, waiting 1, 2, 4, ... minutes, at most 6 hours, between them."""
