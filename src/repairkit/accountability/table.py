"""The AccountabilityAgreement's states, roles and table: a list held by both.

A list is proposed by one partner and holds once the other agrees. While it holds,
changes need both (one proposes, the other agrees or keeps the list as it is; the one
who proposed may take it back), and withdrawing consent from an item is one partner's
own act, at once. When an item's threshold is met, its consequence is offered to the
responsible partner only, who takes it on, answers "not now" (it waits for the
check-in: the agreement is then `AgreementState.FOR_CHECK_IN`, an agenda state), or
lets it lapse.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Final

from repairkit.accountability.events import AgreementClosedByLeaving
from repairkit.core.engine import CREATION, EITHER_PARTNER, REPAIRKIT, Move, Role, Workflow
from repairkit.core.leaving import closed_by_leaving
from repairkit.core.timers import Timer

__all__ = [
    "AGREEMENT_WORKFLOW",
    "AWAITED",
    "CHANGE_PROPOSER",
    "HOLDING",
    "NOT_OPEN_NOW",
    "PROPOSER",
    "RESPONSIBLE",
    "AgreementState",
]


class AgreementState(enum.StrEnum):
    """Where an accountability agreement stands."""

    PROPOSED = "proposed"
    """Proposed by one partner: the other's answer is awaited."""
    IN_FORCE = "in force"
    """Both agreed: the items that nobody withdrew consent from hold."""
    FOR_CHECK_IN = "in force, an offer for the check-in"
    """In force, and an offered consequence answered "not now" waits for the check-in."""
    DECLINED = "declined"
    """The partner asked said no: neutral, counted nowhere."""
    WITHDRAWN = "withdrawn"
    """The proposer took it back before agreement."""
    ENDED = "ended"
    """A partner withdrew consent from the whole list: it no longer holds."""
    CLOSED_BY_LEAVING = "closed by leaving"
    """A partner left the relationship: closed, neutrally, for both."""


PROPOSER = Role("proposer", "the partner who proposed the list")
"""The partner who proposed the list."""
AWAITED = Role(
    "awaited partner",
    "the partner whose answer is awaited",
    refusal="This {noun} is waiting for the other partner's answer, so {trigger} is theirs now.",
)
"""The partner asked to answer the list or a change of it."""
CHANGE_PROPOSER = Role(
    "change proposer",
    "the partner who proposed the change",
    refusal="Only {description} can {trigger} this {noun}.",
)
"""The partner who proposed the change of the list awaiting the other's answer."""
RESPONSIBLE = Role(
    "responsible partner",
    "the partner a consequence is offered to",
    refusal="Only the partner a consequence is offered to can {trigger} it; nobody else"
    " takes it on for them.",
)
"""The partner an item's consequence is offered to: only they answer it."""

NOT_OPEN_NOW: Final[Mapping[str, str]] = {
    "propose_change": "A change of the list awaits an answer already; one at a time.",
    "agree_change": "No change of the list awaits your answer now.",
    "keep_current": "No change of the list awaits your answer now.",
    "withdraw_change": "No change of the list you proposed awaits an answer now.",
    "withdraw_consent": "No item of the list holds now.",
    "review_held": "No item's review can be noted now: none holds free of a repair taken"
    " on, or each was reviewed today already.",
    "accept_offer": "No consequence is offered to you now.",
    "not_now": "No consequence offered to you awaits an answer now.",
}
"""Why an item move is not open now, in calm words naming no one."""

_S = AgreementState
HOLDING = (_S.IN_FORCE, _S.FOR_CHECK_IN)
"""The states in which the list holds."""


def _settling(trigger: str, who: Role, description: str, **extra: object) -> tuple[Move, ...]:
    """Rows of a move that may settle the offer waiting for the check-in.

    From `FOR_CHECK_IN` it stays there while another offer waits (guard ``offer_waits``),
    else the list is simply in force again (the agenda item moves on).
    """
    return (
        Move(trigger, (_S.IN_FORCE,), _S.IN_FORCE, who, description=description, **extra),  # type: ignore[arg-type]
        Move(
            trigger,
            (_S.FOR_CHECK_IN,),
            _S.FOR_CHECK_IN,
            who,
            guard="offer_waits",
            description=description,
            **extra,  # type: ignore[arg-type]
        ),
        Move(trigger, (_S.FOR_CHECK_IN,), _S.IN_FORCE, who, description=description, **extra),  # type: ignore[arg-type]
    )


AGREEMENT_MOVES: tuple[Move, ...] = (
    Move("agree", (_S.PROPOSED,), _S.IN_FORCE, AWAITED, description="Agree: the list holds."),
    Move(
        "decline",
        (_S.PROPOSED,),
        _S.DECLINED,
        AWAITED,
        description="Say no: neutral, counted nowhere.",
    ),
    Move(
        "withdraw",
        (_S.PROPOSED,),
        _S.WITHDRAWN,
        PROPOSER,
        description="Take the list back before agreement.",
        takes_back=(CREATION,),
    ),
    *(
        Move(
            "propose_change",
            (state,),
            state,
            EITHER_PARTNER,
            description="Propose adding, revising or removing an item; it needs the other's yes.",
        )
        for state in HOLDING
    ),
    *_settling("agree_change", AWAITED, "Agree to the proposed change: it holds now."),
    *(
        Move(
            "keep_current",
            (state,),
            state,
            AWAITED,
            answers="propose_change",
            description="Say no to the change: neutral; the list stays as it is.",
        )
        for state in HOLDING
    ),
    *(
        Move(
            "withdraw_change",
            (state,),
            state,
            CHANGE_PROPOSER,
            description="Take one's proposed change back before an answer.",
            takes_back=("propose_change",),
        )
        for state in HOLDING
    ),
    *_settling(
        "withdraw_consent",
        EITHER_PARTNER,
        "Withdraw one's consent from an item, alone and at once: it no longer holds.",
        takes_back=(),
    ),
    Move(
        "end",
        HOLDING,
        _S.ENDED,
        EITHER_PARTNER,
        description="Withdraw one's consent from the whole list, alone and at once.",
    ),
    *_settling(
        "accept_offer",
        RESPONSIBLE,
        "Take on the offered consequence (only the partner it is offered to).",
    ),
    Move(
        "not_now",
        HOLDING,
        _S.FOR_CHECK_IN,
        RESPONSIBLE,
        description='Answer an offered consequence "not now": neutral; it goes to the check-in.',
    ),
    *(
        Move(
            "review_held",
            (state,),
            state,
            EITHER_PARTNER,
            description="Say an item's review was held: its count starts afresh.",
        )
        for state in HOLDING
    ),
    *(
        Move(
            "offer",
            (state,),
            state,
            REPAIRKIT,
            description="An item's threshold was met: its consequence is offered to the"
            " responsible partner alone.",
        )
        for state in HOLDING
    ),
    *(
        Move(
            "repair_ended",
            (state,),
            state,
            REPAIRKIT,
            description="The repair an item's consequence became ended: completed after its"
            " review, the item's count starts afresh; closed, the item may offer again.",
        )
        for state in HOLDING
    ),
    *_settling("lapse_offer", REPAIRKIT, "An offered consequence not taken on lapses, neutrally."),
)

AGREEMENT_TIMERS: tuple[Timer, ...] = (
    Timer("offer lapses", at="offer_lapses_at", fires="lapse_offer"),
)

AGREEMENT_WORKFLOW = Workflow(
    "accountability",
    AgreementState,
    _S.PROPOSED,
    (
        *AGREEMENT_MOVES,
        closed_by_leaving(AGREEMENT_MOVES, _S.CLOSED_BY_LEAVING, AgreementClosedByLeaving),
    ),
    AGREEMENT_TIMERS,
)
"""The AccountabilityAgreement transition table and its one machine."""
