"""The Request workflow's states, roles and transition table: data, and one machine."""

from __future__ import annotations

import enum

from repairkit.core.engine import EITHER_PARTNER, REPAIRKIT, Move, Role, Workflow

__all__ = [
    "ASKER",
    "AWAITED",
    "OPEN",
    "RECIPIENT",
    "REQUEST_MOVES",
    "REQUEST_WORKFLOW",
    "RequestState",
]


class RequestState(enum.StrEnum):
    """Where a request stands."""

    DRAFTED = "drafted"
    """Written by the asker; only the asker can see it."""
    PROPOSED = "proposed"
    """Sent; the recipient's answer is awaited."""
    NEGOTIATING = "negotiating"
    """An alternative is on the table; the other partner's answer is awaited."""
    STALLED = "stalled"
    """Too many rounds without agreement: flagged for the next check-in or a facilitator."""
    AGREED = "agreed"
    """Both said yes; follow-through is tracked."""
    ENDING = "ending"
    """One partner suggested ending the agreed request; the other's answer is awaited."""
    DECLINED = "declined"
    """The recipient said no: a legitimate outcome."""
    WITHDRAWN = "withdrawn"
    """The asker withdrew it before agreement."""
    COMPLETED = "completed"
    """The agreement ran its course."""
    STEPPED_BACK = "stepped back"
    """A partner stepped back from the agreement, alone; the topic goes to the next check-in."""


ASKER = Role("asker", "the partner who made the request")
"""The partner who made the request."""
RECIPIENT = Role(
    "recipient",
    "the partner the request is addressed to",
    refusal="Only the partner a {noun} is addressed to can {trigger} it.",
)
"""The partner the request is addressed to."""
AWAITED = Role(
    "awaited partner",
    "the partner whose answer is awaited",
    refusal="This {noun} is waiting for the other partner's answer, so {trigger} is theirs now.",
)
"""The partner who did not make the latest proposal (an offer, or ending)."""
_S = RequestState
OPEN = (_S.PROPOSED, _S.NEGOTIATING, _S.STALLED)
"""The states in which a request awaits an answer."""
_OPEN = OPEN

REQUEST_MOVES: tuple[Move, ...] = (
    Move("revise", (_S.DRAFTED,), _S.DRAFTED, ASKER, description="Change the draft."),
    Move("propose", (_S.DRAFTED,), _S.PROPOSED, ASKER, description="Send it."),
    Move("accept", _OPEN, _S.AGREED, AWAITED, description="Say yes to the latest offer."),
    Move(
        "propose_alternative",
        (_S.PROPOSED, _S.NEGOTIATING),
        _S.STALLED,
        AWAITED,
        guard="reaches_round_limit",
        description="Offer another way; this one uses the last round, so the topic is set aside.",
    ),
    Move(
        "propose_alternative",
        (_S.PROPOSED, _S.NEGOTIATING),
        _S.NEGOTIATING,
        AWAITED,
        description="Offer another way to meet the need.",
    ),
    Move(
        "decline",
        _OPEN,
        _S.DECLINED,
        RECIPIENT,
        description="Say no, whoever's turn it is: a no is always possible.",
    ),
    Move(
        "resume",
        (_S.STALLED,),
        _S.NEGOTIATING,
        EITHER_PARTNER,
        description="Reopen a stalled negotiation with fresh rounds.",
    ),
    Move(
        "withdraw",
        (_S.DRAFTED, *_OPEN),
        _S.WITHDRAWN,
        ASKER,
        description="Take the request back before agreement.",
    ),
    Move(
        "record_follow_through",
        (_S.AGREED,),
        _S.AGREED,
        EITHER_PARTNER,
        description="Mark one occurrence kept or missed.",
    ),
    Move(
        "record_follow_through",
        (_S.ENDING,),
        _S.ENDING,
        EITHER_PARTNER,
        description="Mark one occurrence kept or missed.",
    ),
    Move(
        "propose_ending",
        (_S.AGREED,),
        _S.ENDING,
        EITHER_PARTNER,
        description="Suggest the agreement has done its work.",
    ),
    Move(
        "confirm_ending",
        (_S.ENDING,),
        _S.COMPLETED,
        AWAITED,
        description="Agree to end it.",
    ),
    Move(
        "keep_going",
        (_S.ENDING,),
        _S.AGREED,
        EITHER_PARTNER,
        description="Keep the agreement going after all.",
    ),
    Move(
        "step_back",
        (_S.AGREED, _S.ENDING),
        _S.STEPPED_BACK,
        EITHER_PARTNER,
        description="Step back from the agreement alone; the topic goes to the next check-in.",
    ),
    Move(
        "complete",
        (_S.AGREED, _S.ENDING),
        _S.COMPLETED,
        REPAIRKIT,
        guard="follow_through_closed",
        description="The time box ended.",
    ),
)

REQUEST_WORKFLOW = Workflow("request", RequestState, _S.DRAFTED, REQUEST_MOVES)
"""The Request transition table and its one machine."""
