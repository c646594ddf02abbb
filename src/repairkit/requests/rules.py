"""The Request workflow's rules: every default can be changed per relationship."""

from __future__ import annotations

from typing import Final

import attrs

from repairkit.core.settings import WorkflowRules, between, reask_wait_field
from repairkit.errors import InvalidInput

__all__ = ["RequestRules"]

MAX_ROUNDS_LIMIT: Final = 20
MAX_TEXT_LIMIT: Final = 10_000


@attrs.frozen(kw_only=True)
class RequestRules(WorkflowRules):
    """The rules of the Request workflow; every default can be changed per relationship.

    Set them with ``RelationshipSettings(rules=[RequestRules(max_rounds=2)])``. The
    practice (a few rounds of alternatives, then the topic goes to the next check-in or
    to a facilitator) follows Nonviolent Communication and Imago's Behaviour Change
    Request (docs/practices.md); the numbers themselves are repairkit's own defaults.
    """

    max_rounds: int = attrs.field(default=3, validator=between(1, MAX_ROUNDS_LIMIT, "max_rounds"))
    """Alternatives without agreement before the request is set aside (repairkit's default)."""
    max_text_length: int = attrs.field(
        default=500, validator=between(20, MAX_TEXT_LIMIT, "max_text_length")
    )
    """The longest need, ask, observation or reason accepted, in characters (repairkit's)."""
    follow_through_window_days: int = attrs.field(
        default=14, validator=between(1, 366, "follow_through_window_days")
    )
    """How many days back an occurrence may be marked or corrected, and how far back counts
    reach: the rolling window (repairkit's default)."""
    follow_through_grace_hours: int = attrs.field(
        default=24, validator=between(0, 14 * 24, "follow_through_grace_hours")
    )
    """How long after the time box ends its last days may still be marked (repairkit's).

    At most the follow-through window, so that the last day is still inside it.
    """

    max_time_box_days: int = attrs.field(default=31, validator=between(1, 366, "max_time_box_days"))
    """The longest time box an agreement may run for, in days (repairkit's default: short,
    bounded agreements are reviewed and agreed again rather than left to run)."""

    reask_wait_hours: int = reask_wait_field()
    """After a no, how long at most one new request on the same need may be sent, and how
    long the partner whose suggestion to reopen, resume or end heard a no waits before
    making it on that request once more (repairkit's default, 24 hours, from the safety
    rules on pressure; 0 turns the wait off)."""

    def __attrs_post_init__(self) -> None:
        if self.follow_through_grace_hours > self.follow_through_window_days * 24:
            raise InvalidInput(
                "follow_through_grace_hours",
                "can be at most the follow-through window"
                " ({hours} hours), so that the time box's"
                " last day can be marked during the grace period.",
                hours=self.follow_through_window_days * 24,
            )
