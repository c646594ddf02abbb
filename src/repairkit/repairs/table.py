"""The RepairCommitment's states, roles and table: owned or invited, the aftermath, a practice.

A repair opens in the aftermath at once when the responsible partner owns a lapse, or
once they accept the other partner's invitation (declining and "not now" are neutral).
The aftermath follows Gottman's five steps in order, one state each; a step is done when
both shared their entry for it (realities also need each one's summary of the other's,
responsibility the receiver's answer to the apology). An optional practice period
follows the plan, then the joint review; without a practice, the review comes at once.
Either partner closes it, alone and at any time; leaving closes it for both.
"""

from __future__ import annotations

import enum
import itertools

from repairkit.core.engine import CREATION, EITHER_PARTNER, REPAIRKIT, Move, Role, Workflow
from repairkit.core.leaving import closed_by_leaving
from repairkit.core.timers import Timer
from repairkit.repairs.events import (
    ApologyAccepted,
    RepairAccepted,
    RepairClosed,
    RepairClosedByLeaving,
    RepairCompleted,
    RepairDeclined,
    RepairNotNow,
    RepairWithdrawn,
    ReviewWaiting,
)

__all__ = [
    "AFTERMATH",
    "INVITER",
    "OPEN",
    "RECEIVER",
    "REPAIR_WORKFLOW",
    "RESPONSIBLE",
    "REVIEWING",
    "AftermathStep",
    "RepairState",
]


class AftermathStep(enum.StrEnum):
    """The five steps of the aftermath, in order (Gottman, docs/practices.md)."""

    FEELINGS = "feelings"
    """How I felt, not why."""
    REALITIES = "realities"
    """Each describes theirs; the other summarises it and validates part of it."""
    TRIGGERS = "triggers"
    """What escalated it, and why."""
    RESPONSIBILITY = "responsibility"
    """What set me up, my part, what I apologise for; the receiver answers the apology."""
    PLAN = "plan"
    """One thing each can do next time."""


class RepairState(enum.StrEnum):
    """Where a repair stands."""

    INVITED = "invited"
    """The other partner invited the responsible partner; their answer is awaited."""
    NOT_NOW = "not now"
    """The invitation was answered "not now": neutral, and on the check-in agenda."""
    DECLINED = "declined"
    """The invitation was declined: neutral, counted nowhere."""
    WITHDRAWN = "withdrawn"
    """The inviter took the invitation back."""
    FEELINGS = AftermathStep.FEELINGS.value
    """Aftermath, step 1: each writes how they felt."""
    REALITIES = AftermathStep.REALITIES.value
    """Aftermath, step 2: each describes their reality, then summarises the other's."""
    TRIGGERS = AftermathStep.TRIGGERS.value
    """Aftermath, step 3: what escalated it."""
    RESPONSIBILITY = AftermathStep.RESPONSIBILITY.value
    """Aftermath, step 4: each one's part; the responsible partner's apology is answered."""
    PLAN = AftermathStep.PLAN.value
    """Aftermath, step 5: one thing each can do next time."""
    PRACTICE = "practice"
    """The responsible partner's practice period runs."""
    PAUSED = "paused"
    """The practice period is paused; its end moves by the days it stays paused."""
    REVIEW = "review"
    """The joint review: what worked and what did not, by each."""
    REVIEW_WAITING = "review waiting"
    """The review was not held within its time: it is on the check-in agenda."""
    COMPLETED = "completed"
    """Ended completed, after the review."""
    CLOSED = "closed"
    """A partner closed it, alone and neutrally."""
    CLOSED_BY_LEAVING = "closed by leaving"
    """A partner left the relationship: closed, neutrally, for both."""


RESPONSIBLE = Role(
    "responsible partner",
    "the partner who owns the lapse",
    refusal="Only {description} can {trigger} in this {noun}; their part stays theirs.",
)
"""The partner who owns the lapse: the apology, the practice and its marks are theirs."""
RECEIVER = Role(
    "receiver",
    "the partner the repair is offered to",
    refusal="Only {description} can {trigger} in this {noun}.",
)
"""The other partner: answers the apology, may say a day was not needed."""
INVITER = Role(
    "inviter",
    "the partner who invited the repair",
    refusal="Only {description} can {trigger} it.",
)
"""The partner who invited the responsible partner (none when it was owned)."""

_S = RepairState
AFTERMATH = (_S.FEELINGS, _S.REALITIES, _S.TRIGGERS, _S.RESPONSIBILITY, _S.PLAN)
"""The five steps' states, in order."""
REVIEWING = (_S.REVIEW, _S.REVIEW_WAITING)
"""The states in which the joint review is open."""
OPEN = (_S.INVITED, _S.NOT_NOW, *AFTERMATH, _S.PRACTICE, _S.PAUSED, *REVIEWING)
"""The states in which a repair is open (no second one for the same link)."""
_ANSWERING = (_S.INVITED, _S.NOT_NOW)
_NEXT = dict(itertools.pairwise(AFTERMATH))


def _step_rows(trigger: str, text: str) -> tuple[Move, ...]:
    """Return the rows of sharing one's entry (or nothing to add) in each step.

    When the other shared theirs already, sharing completes the step: feelings and
    triggers go on to the next step, the plan to the practice (if one was taken on) or
    the review. Realities go on once each reality described was summarised by the
    other (at once when both had nothing to add); responsibility once the apology is
    answered.
    """
    rows: list[Move] = []
    for state in AFTERMATH:
        if state is _S.PLAN:
            rows.append(
                Move(
                    trigger,
                    (state,),
                    _S.PRACTICE,
                    EITHER_PARTNER,
                    "completes_into_practice",
                    text,
                )
            )
            rows.append(Move(trigger, (state,), _S.REVIEW, EITHER_PARTNER, "completes_step", text))
        elif state in _NEXT and state not in (_S.REALITIES, _S.RESPONSIBILITY):
            rows.append(
                Move(trigger, (state,), _NEXT[state], EITHER_PARTNER, "completes_step", text)
            )
        elif state is _S.REALITIES and trigger == "pass_step":  # both passed: none to summarise
            rows.append(
                Move(trigger, (state,), _NEXT[state], EITHER_PARTNER, "nothing_to_summarise", text)
            )
        rows.append(Move(trigger, (state,), state, EITHER_PARTNER, description=text))
    return tuple(rows)


REPAIR_MOVES: tuple[Move, ...] = (
    Move(
        "accept",
        _ANSWERING,
        _S.FEELINGS,
        RESPONSIBLE,
        description="Accept the invitation, once both are calm: the aftermath opens.",
        event=RepairAccepted,
    ),
    Move(
        "not_now",
        (_S.INVITED,),
        _S.NOT_NOW,
        RESPONSIBLE,
        description="Answer not now: neutral; it goes on the check-in agenda.",
        event=RepairNotNow,
    ),
    Move(
        "decline",
        _ANSWERING,
        _S.DECLINED,
        RESPONSIBLE,
        description="Decline the invitation: neutral, counted nowhere.",
        event=RepairDeclined,
    ),
    Move(
        "withdraw",
        _ANSWERING,
        _S.WITHDRAWN,
        INVITER,
        description="Take the invitation back before it is accepted.",
        event=RepairWithdrawn,
        takes_back=(CREATION,),
    ),
    *(
        Move(
            "write",
            (state,),
            state,
            EITHER_PARTNER,
            description="Write one's own entry for this step (private until shared).",
        )
        for state in AFTERMATH
    ),
    *_step_rows("share", "Share one's entry for this step with the other partner."),
    *_step_rows("pass_step", 'Share "nothing to add" for this step (neutral).'),
    Move(
        "summarise",
        (_S.REALITIES,),
        _S.TRIGGERS,
        EITHER_PARTNER,
        "last_summary",
        "Summarise the other's reality and validate part of it, in one's own words.",
    ),
    Move(
        "summarise",
        (_S.REALITIES,),
        _S.REALITIES,
        EITHER_PARTNER,
        description="Summarise the other's reality and validate part of it, in one's own words.",
    ),
    Move(
        "accept_apology",
        (_S.RESPONSIBILITY,),
        _S.PLAN,
        RECEIVER,
        description="Accept the apology: the steps go on to the plan.",
        event=ApologyAccepted,
    ),
    Move(
        "still_need",
        (_S.RESPONSIBILITY,),
        _S.PLAN,
        RECEIVER,
        "last_round",
        "Say what one needs; after the last round it goes to the check-in as a topic.",
    ),
    Move(
        "still_need",
        (_S.RESPONSIBILITY,),
        _S.RESPONSIBILITY,
        RECEIVER,
        description="Say what one needs; the responsible partner can answer in a new round.",
    ),
    Move(
        "take_on_practice",
        (_S.PLAN,),
        _S.PLAN,
        RESPONSIBLE,
        description="Take on a practice of the closed set; it starts with the plan done.",
    ),
    Move("mark_day", (_S.PRACTICE,), _S.PRACTICE, RESPONSIBLE, description="Mark a day done."),
    Move(
        "not_needed_today",
        (_S.PRACTICE,),
        _S.PRACTICE,
        RECEIVER,
        description="Say a day was not needed: not a miss.",
    ),
    Move(
        "pause_practice",
        (_S.PRACTICE,),
        _S.PAUSED,
        EITHER_PARTNER,
        description="Pause the practice period.",
    ),
    Move(
        "resume_practice",
        (_S.PAUSED,),
        _S.PRACTICE,
        EITHER_PARTNER,
        description="Resume it; its end moves by the days it stayed paused.",
    ),
    Move(
        "end_practice",
        (_S.PRACTICE,),
        _S.REVIEW,
        REPAIRKIT,
        description="The period ended: the joint review opens.",
    ),
    *(
        Move(
            "review",
            (state,),
            state,
            EITHER_PARTNER,
            description="Write what worked and what did not.",
        )
        for state in REVIEWING
    ),
    Move(
        "review_waits",
        (_S.REVIEW,),
        _S.REVIEW_WAITING,
        REPAIRKIT,
        description="The review was not held within its time: it goes on the check-in agenda.",
        event=ReviewWaiting,
    ),
    Move(
        "complete",
        REVIEWING,
        _S.COMPLETED,
        EITHER_PARTNER,
        description="End it completed, once both wrote their review.",
        event=RepairCompleted,
    ),
    Move(
        "renew",
        REVIEWING,
        _S.PRACTICE,
        RESPONSIBLE,
        description="Renew it with a new practice, once both wrote their review.",
    ),
    Move(
        "close",
        (*AFTERMATH, _S.PRACTICE, _S.PAUSED, *REVIEWING),
        _S.CLOSED,
        EITHER_PARTNER,
        description="Close it, alone and at once: neutral, counted nowhere.",
        event=RepairClosed,
    ),
)

REPAIR_TIMERS: tuple[Timer, ...] = (
    Timer("practice ends", at="practice_ends_at", fires="end_practice"),
    Timer("review waits", at="review_waits_at", fires="review_waits"),
)

REPAIR_WORKFLOW = Workflow(
    "repair",
    RepairState,
    _S.INVITED,
    (
        *REPAIR_MOVES,
        closed_by_leaving(REPAIR_MOVES, _S.CLOSED_BY_LEAVING, RepairClosedByLeaving),
    ),
    REPAIR_TIMERS,
)
"""The RepairCommitment transition table and its one machine.

A repair starts invited (`RepairCommands.invite`) or in the aftermath (`RepairCommands.own`).
"""
