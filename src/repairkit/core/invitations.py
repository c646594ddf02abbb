"""How many invitations one person may send: a limit on the channel that reaches strangers.

An invitation reaches a person before any relationship, settings or pressure budget
exists between the two (`kit.relationships.invitations` lists it for them), so the
relationship's budget cannot bound it. This limit does, per sender, across everyone
they invite: inviting, taking the invitation back and inviting again spends two. The
app sets it for its kit (``RepairKit(invitations_per_day=...)``), never a couple:
there is no couple yet to agree.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Final

from repairkit.errors import InvalidInput

__all__ = [
    "INVITATIONS_PER_DAY",
    "INVITATION_WINDOW",
    "MOST_INVITATIONS_PER_DAY",
    "check_invitations_per_day",
]

INVITATIONS_PER_DAY: Final = 5
"""Invitations one person may send in any 24 hours, to anyone, those taken back or
declined included: 5, repairkit's own (room for a mistyped address and a second try;
too few to flood anyone)."""

MOST_INVITATIONS_PER_DAY: Final = 20
"""The ceiling an app can raise the limit to (repairkit's own): past it, invitations
stop being a way to reach someone and become a way to flood people."""

INVITATION_WINDOW: Final = timedelta(hours=24)
"""The rolling window invitations are counted over. Rolling, not a calendar day: before a
relationship exists there is no couple's time zone to say where a day starts, and a
rolling window has no midnight around which to spend the limit twice."""


def check_invitations_per_day(value: int) -> int:
    """Return *value*, or raise `InvalidInput` unless it is a whole number from 1 to 20."""
    if (
        not isinstance(value, int)
        or isinstance(value, bool)
        or not 1 <= value <= MOST_INVITATIONS_PER_DAY
    ):
        raise InvalidInput(
            "invitations_per_day",
            "needs a whole number from 1 to {high}.",
            high=MOST_INVITATIONS_PER_DAY,
        )
    return value
