"""One version of the ask on the table: the original or an alternative."""

from __future__ import annotations

from datetime import datetime

import attrs

from repairkit.core.timebox import TimeBox
from repairkit.core.values import PersonId

__all__ = ["Offer"]


@attrs.frozen(kw_only=True)
class Offer:
    """One version of the ask on the table: the original (round 0) or an alternative."""

    author: PersonId
    ask: str
    round: int
    at: datetime
    time_box: TimeBox | None = None
    """When the offer would apply (an alternative may propose other dates)."""
    other_asks: tuple[str, ...] = ()
    """Further asks the partner may pick from instead of `ask` (the original only)."""
    carried_out_by: PersonId | None = None
    """Who would carry it out (None: the partner the request is addressed to)."""

    @property
    def options(self) -> tuple[str, ...]:
        """Every ask on offer: `ask` first, then `other_asks`."""
        return (self.ask, *self.other_asks)
