"""The Boundary workflow's states, roles and table: agreed by both, suspended by either."""

from __future__ import annotations

import enum

from repairkit.boundaries.events import BoundaryClosedByLeaving
from repairkit.core.engine import CREATION, EITHER_PARTNER, Move, Role, Workflow
from repairkit.core.leaving import closed_by_leaving

__all__ = [
    "AWAITED",
    "BOUNDARY_WORKFLOW",
    "IN_FORCE",
    "PROPOSER",
    "REVISION_PROPOSER",
    "BoundaryState",
]


class BoundaryState(enum.StrEnum):
    """Where a boundary stands."""

    DRAFTED = "drafted"
    """Written by the proposer; only the proposer can see it."""
    PROPOSED = "proposed"
    """Sent: the other partner's answer to the latest wording is awaited."""
    IN_FORCE = "in force"
    """Both agreed to it."""
    REVISION_PROPOSED = "revision proposed"
    """In force as it stands, while new words one partner proposed await the other's answer."""
    SUSPENDED = "suspended"
    """A partner withdrew consent: not in force, and on the next check-in's agenda."""
    RENEWAL_PROPOSED = "renewal proposed"
    """Suspended, while new words one partner proposed await the other's answer."""
    DECLINED = "declined"
    """The partner asked said no: a fair answer."""
    WITHDRAWN = "withdrawn"
    """The proposer took it back before agreement."""
    SET_ASIDE = "set aside"
    """Kept for the next check-in: "not now", or the rounds ran out."""
    RETIRED = "retired"
    """A suspended boundary was let go."""
    CLOSED_BY_LEAVING = "closed by leaving"
    """A partner left the relationship: closed, neutrally, for both."""


PROPOSER = Role("proposer", "the partner who proposed the boundary")
"""The partner who drafted and proposed the boundary."""
AWAITED = Role(
    "awaited partner",
    "the partner whose answer is awaited",
    refusal="This {noun} is waiting for the other partner's answer, so {trigger} is theirs now.",
)
"""The partner asked to answer the latest wording (a proposal, other words, a revision)."""
REVISION_PROPOSER = Role(
    "revision proposer",
    "the partner who proposed the new words",
    refusal="Only {description} can {trigger} this {noun}.",
)
"""The partner who proposed the new words (a revision, or renewing) awaiting the other's answer."""

_S = BoundaryState
IN_FORCE = (_S.IN_FORCE, _S.REVISION_PROPOSED)
"""The states in which the boundary is in force."""

BOUNDARY_MOVES: tuple[Move, ...] = (
    Move(
        "revise",
        (_S.DRAFTED,),
        _S.DRAFTED,
        PROPOSER,
        description="Change the draft.",
        takes_back=(CREATION,),
    ),
    Move("propose", (_S.DRAFTED,), _S.PROPOSED, PROPOSER, description="Send it to the partner."),
    Move(
        "agree",
        (_S.PROPOSED,),
        _S.IN_FORCE,
        AWAITED,
        description="Agree to the latest wording: the boundary is in force.",
    ),
    Move(
        "counter",
        (_S.PROPOSED,),
        _S.SET_ASIDE,
        AWAITED,
        guard="reaches_round_limit",
        description="Suggest other words; this uses the last round, so it is set aside.",
    ),
    Move(
        "counter",
        (_S.PROPOSED,),
        _S.PROPOSED,
        AWAITED,
        description="Suggest other words; the other partner answers them.",
    ),
    Move("decline", (_S.PROPOSED,), _S.DECLINED, AWAITED, description="Say no: a fair answer."),
    Move(
        "withdraw",
        (_S.DRAFTED, _S.PROPOSED),
        _S.WITHDRAWN,
        PROPOSER,
        description="Take the boundary back before agreement.",
        takes_back=(CREATION,),
    ),
    Move(
        "set_aside",
        (_S.PROPOSED,),
        _S.SET_ASIDE,
        EITHER_PARTNER,
        description="Not now: keep it for the next check-in.",
    ),
    Move(
        "propose_revision",
        (_S.IN_FORCE,),
        _S.REVISION_PROPOSED,
        EITHER_PARTNER,
        description="Propose new words; the current ones stay in force until the other agrees.",
    ),
    Move(
        "propose_revision",
        (_S.SUSPENDED,),
        _S.RENEWAL_PROPOSED,
        EITHER_PARTNER,
        description="Propose new words for a suspended boundary; both agree to renew it.",
    ),
    Move(
        "agree_to_revision",
        (_S.REVISION_PROPOSED, _S.RENEWAL_PROPOSED),
        _S.IN_FORCE,
        AWAITED,
        description="Agree to the new words: they are in force.",
    ),
    Move(
        "keep_current",
        (_S.REVISION_PROPOSED,),
        _S.IN_FORCE,
        AWAITED,
        answers="propose_revision",
        description="Say no to the new words: neutral; the current ones stay in force.",
    ),
    Move(
        "keep_current",
        (_S.RENEWAL_PROPOSED,),
        _S.SUSPENDED,
        AWAITED,
        answers="propose_revision",
        description="Say no to renewing it: neutral; it stays suspended as it is.",
    ),
    Move(
        "withdraw_revision",
        (_S.REVISION_PROPOSED,),
        _S.IN_FORCE,
        REVISION_PROPOSER,
        description="Take one's proposed new words back before an answer.",
        takes_back=("propose_revision",),
    ),
    Move(
        "withdraw_revision",
        (_S.RENEWAL_PROPOSED,),
        _S.SUSPENDED,
        REVISION_PROPOSER,
        description="Take one's proposal to renew it back before an answer: it stays suspended.",
        takes_back=("propose_revision",),
    ),
    Move(
        "withdraw_consent",
        IN_FORCE,
        _S.SUSPENDED,
        EITHER_PARTNER,
        description="Withdraw one's consent, alone and at once: it goes to the next check-in.",
        takes_back=(),  # one's own consent, no one's record
    ),
    Move(
        "retire",
        (_S.SUSPENDED, _S.RENEWAL_PROPOSED),
        _S.RETIRED,
        EITHER_PARTNER,
        description="Let a suspended boundary go.",
    ),
)

BOUNDARY_WORKFLOW = Workflow(
    "boundary",
    BoundaryState,
    _S.DRAFTED,
    (
        *BOUNDARY_MOVES,
        closed_by_leaving(BOUNDARY_MOVES, _S.CLOSED_BY_LEAVING, BoundaryClosedByLeaving),
    ),
)
"""The Boundary transition table and its one machine."""
