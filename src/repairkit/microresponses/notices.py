"""Who hears about micro-responses: the giver, when the receiver says they noticed. Nobody else.

Recording, telling, taking back and deleting tell nobody: a notice would give the
receiver an exact time for a small act, turn attention into a stream of pings, and put
the receiver under the expectation of an answer. The receiver reads what was told when
they look (``kit.micro_responses.find``). Their "I noticed, thank you" reaches the
giver in one calm sentence that quotes nothing.
"""

from __future__ import annotations

import enum
from typing import Final

from repairkit.core.events import DomainEvent
from repairkit.core.notices import NoticeRule, Quiet, tell_audience
from repairkit.microresponses.events import MicroResponseRecorded

__all__ = [
    "ACKNOWLEDGED",
    "GIVERS_OWN",
    "MICRO_RESPONSE_NOTICES",
    "MicroResponseNotice",
]


class MicroResponseNotice(enum.StrEnum):
    """The kinds of notification micro-responses send."""

    ACKNOWLEDGED = "micro response acknowledged"
    """The receiver noticed a small act the giver shared, and said thank you."""


GIVERS_OWN: Final = Quiet(
    "A micro-response is its giver's own record: telling nobody keeps exact times and"
    " counts out of the receiver's sight, and asks nothing of them."
)
"""The rule of every move the giver makes."""

ACKNOWLEDGED: Final = tell_audience(
    MicroResponseNotice.ACKNOWLEDGED,
    "Your partner noticed a small moment of attention you shared, and says thank you.",
)
"""The rule of the receiver's acknowledgement: the giver hears it."""

MICRO_RESPONSE_NOTICES: dict[type[DomainEvent], NoticeRule | Quiet] = {
    MicroResponseRecorded: GIVERS_OWN
}
"""The rules of the events no row names; each move's row names its own."""
