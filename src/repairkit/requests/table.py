"""The Request workflow's states, roles and transition table: data, and one machine."""

from __future__ import annotations

import enum
from collections.abc import Iterable

from repairkit.core.engine import CREATION, EITHER_PARTNER, REPAIRKIT, Move, Role, Workflow
from repairkit.core.leaving import closed_by_leaving
from repairkit.core.timers import Timer
from repairkit.requests.events import RequestClosedByLeaving

__all__ = [
    "ASKER",
    "AWAITED",
    "COMMITTED",
    "COUNTERPART",
    "OPEN",
    "RECIPIENT",
    "REOPEN_ASKED",
    "REQUEST_MOVES",
    "REQUEST_WORKFLOW",
    "RESUME_ASKED",
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
    """Set aside for the next check-in ("not now", or the rounds ran out); reopened by both."""
    AGREED = "agreed"
    """Both said yes; the partner who committed marks how it goes."""
    ENDING = "ending"
    """One partner suggested ending the agreed request; the other's answer is awaited."""
    ON_HOLD = "on hold"
    """A partner put the agreement on hold (illness, travel); both resume it."""
    DECLINED = "declined"
    """The recipient said no: a legitimate outcome."""
    WITHDRAWN = "withdrawn"
    """The asker withdrew it before agreement."""
    COMPLETED = "completed"
    """The agreement ran its course; each partner may say what worked."""
    STEPPED_BACK = "stepped back"
    """A partner stepped back from the agreement, alone; the topic goes to the next check-in."""
    CLOSED_BY_LEAVING = "closed by leaving"
    """A partner left the relationship: closed, neutrally, for both."""


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
COMMITTED = Role(
    "committed partner",
    "the partner who carries out the agreement",
    refusal="Only the partner who carries out an agreed {noun} marks its days and answers"
    " notes about them.",
)
"""The partner who carries out the agreed ask (recorded at acceptance)."""
COUNTERPART = Role(
    "other partner",
    "the partner the agreement was made with",
    refusal="Only the partner the agreement was made with notes a day of it, or takes a note back.",
)
"""The partner who does not carry out the agreed ask."""
REOPEN_ASKED = Role(
    "partner asked to reopen",
    "the partner asked to reopen it",
    refusal="Only the partner asked to reopen this {noun} answers that.",
)
"""The partner whose answer to reopening a set-aside request is awaited."""
RESUME_ASKED = Role(
    "partner asked to resume",
    "the partner asked to resume the agreement",
    refusal="Only the partner asked to resume this {noun} answers that.",
)
"""The partner whose answer to resuming an agreement on hold is awaited."""

_S = RequestState
OPEN = (_S.PROPOSED, _S.NEGOTIATING, _S.STALLED)
"""The states in which a request awaits an answer."""
_OPEN = OPEN
_RUNNING = (_S.AGREED, _S.ENDING)
"""The states in which an agreement runs and follow-through is marked."""


def _in_place(
    trigger: str,
    states: Iterable[RequestState],
    who: Role,
    description: str,
    answers: str | None = None,
    *,
    takes_back: tuple[str, ...] | None = None,
) -> tuple[Move, ...]:
    """Return one row per state for a move that leaves the state as it is."""
    return tuple(
        Move(trigger, (s,), s, who, description=description, answers=answers, takes_back=takes_back)
        for s in states
    )


REQUEST_MOVES: tuple[Move, ...] = (
    Move(
        "revise",
        (_S.DRAFTED,),
        _S.DRAFTED,
        ASKER,
        description="Change the draft.",
        takes_back=(CREATION,),
    ),
    Move("propose", (_S.DRAFTED,), _S.PROPOSED, ASKER, description="Send it."),
    Move(
        "accept",
        (_S.PROPOSED, _S.NEGOTIATING),
        _S.AGREED,
        AWAITED,
        description="Say yes to the latest offer (a set-aside one is reopened by both first).",
    ),
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
        "set_aside",
        (_S.PROPOSED, _S.NEGOTIATING),
        _S.STALLED,
        EITHER_PARTNER,
        description="Not now: keep the request for the next check-in.",
    ),
    *_in_place(
        "propose_reopening",
        (_S.STALLED,),
        EITHER_PARTNER,
        "Ask to reopen a set-aside request; the other answers (asking back agrees).",
    ),
    Move(
        "agree_to_reopen",
        (_S.STALLED,),
        _S.NEGOTIATING,
        REOPEN_ASKED,
        description="Agree to reopen it: the rounds start afresh.",
    ),
    *_in_place(
        "decline_reopening",
        (_S.STALLED,),
        REOPEN_ASKED,
        "Keep it set aside; a no is a fair answer.",
        answers="propose_reopening",
    ),
    Move(
        "withdraw",
        (_S.DRAFTED, *_OPEN),
        _S.WITHDRAWN,
        ASKER,
        description="Take the request back before agreement.",
        takes_back=(CREATION,),
    ),
    *_in_place(
        "record_follow_through", _RUNNING, COMMITTED, "Mark one's own occurrence kept or not."
    ),
    *_in_place(
        "correct_follow_through",
        _RUNNING,
        COMMITTED,
        "Correct one's own mark, within the window.",
        takes_back=("record_follow_through", "acknowledge_notice"),
    ),
    *_in_place(
        "notice_missed",
        _RUNNING,
        COUNTERPART,
        "Note that an occurrence seemed to go differently; it counts only if acknowledged.",
    ),
    *_in_place(
        "withdraw_notice",
        _RUNNING,
        COUNTERPART,
        "Take back one's own note of an occurrence.",
        takes_back=("notice_missed",),
    ),
    *_in_place(
        "acknowledge_notice", _RUNNING, COMMITTED, "Own a noted occurrence: it counts as missed."
    ),
    *_in_place(
        "see_differently",
        _RUNNING,
        COMMITTED,
        "See a noted occurrence differently: it never counts, and goes to the check-in.",
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
        answers="propose_ending",
    ),
    Move(
        "hold",
        _RUNNING,
        _S.ON_HOLD,
        EITHER_PARTNER,
        description="Pause the agreement alone (illness, travel); nothing is marked meanwhile.",
    ),
    *_in_place(
        "propose_resuming",
        (_S.ON_HOLD,),
        EITHER_PARTNER,
        "Ask to resume the agreement on hold; the other answers (asking back agrees).",
    ),
    Move(
        "agree_to_resume",
        (_S.ON_HOLD,),
        _S.AGREED,
        RESUME_ASKED,
        description="Agree to resume the agreement.",
    ),
    *_in_place(
        "decline_resuming",
        (_S.ON_HOLD,),
        RESUME_ASKED,
        "Keep it on hold; a no is a fair answer.",
        answers="propose_resuming",
    ),
    Move(
        "step_back",
        (*_RUNNING, _S.ON_HOLD),
        _S.STEPPED_BACK,
        EITHER_PARTNER,
        description="Step back from the agreement alone; the topic goes to the next check-in.",
    ),
    Move(
        "complete",
        (*_RUNNING, _S.ON_HOLD),
        _S.COMPLETED,
        REPAIRKIT,
        description="The time box ended.",
    ),
    *_in_place(
        "review",
        (_S.COMPLETED,),
        EITHER_PARTNER,
        "Say what worked, once each; nothing is scored.",
    ),
)

REQUEST_TIMERS: tuple[Timer, ...] = (Timer("completes", at="completes_at", fires="complete"),)

REQUEST_WORKFLOW = Workflow(
    "request",
    RequestState,
    _S.DRAFTED,
    (
        *REQUEST_MOVES,
        closed_by_leaving(REQUEST_MOVES, _S.CLOSED_BY_LEAVING, RequestClosedByLeaving),
    ),
    REQUEST_TIMERS,
)
"""The Request transition table and its one machine."""
