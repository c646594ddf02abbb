"""The therapy plan's states, roles and table: goes ahead by both, ends by either.

A partner proposes a plan with the third person both invited (``kit.facilitators``); it
goes ahead once the other agrees. While it holds, each writes what they hope for in
private, revealed to both together; a schedule, moving one session and finishing each
need both (one proposes, the other agrees; a no is neutral and waits before asking
again; the one who proposed may take it back before an answer). When the third
person's part ends, repairkit pauses the plan in the same commit; resuming needs both.
Either partner steps back alone, at any time: it ends for both.
"""

from __future__ import annotations

import enum

from repairkit.core.engine import CREATION, EITHER_PARTNER, REPAIRKIT, Move, Role, Workflow
from repairkit.core.leaving import closed_by_leaving
from repairkit.therapy.events import (
    ChangeDeclined,
    ChangeWithdrawn,
    PlanAgreed,
    PlanClosedByLeaving,
    PlanDeclined,
    PlanPaused,
    PlanSteppedBack,
    PlanWithdrawn,
    ResumeDeclined,
    ResumeWithdrawn,
)
from repairkit.therapy.notices import (
    CHANGE_DECLINED,
    CHANGE_WITHDRAWN,
    PAUSED,
    PLAN_AGREED,
    PLAN_DECLINED,
    PLAN_WITHDRAWN,
    RESUME_DECLINED,
    RESUME_WITHDRAWN,
    STEPPED_BACK,
)

__all__ = [
    "AWAITED",
    "CHANGE_PROPOSER",
    "HOPES_OPEN",
    "OPEN",
    "PROPOSER",
    "THERAPY_PLAN_WORKFLOW",
    "TherapyPlanState",
]


class TherapyPlanState(enum.StrEnum):
    """Where a therapy plan stands."""

    PROPOSED = "proposed"
    """A partner proposed it: the other partner's answer is awaited."""
    ACTIVE = "active"
    """Both agreed: the plan goes ahead with the third person."""
    CHANGE_PROPOSED = "change proposed"
    """Goes ahead, while a change one partner proposed awaits the other."""
    PAUSED = "paused"
    """The third person's part ended: the plan waits until both resume it."""
    RESUME_PROPOSED = "resume proposed"
    """Paused, while resuming, proposed by one partner, awaits the other."""
    DECLINED = "declined"
    """The partner asked said no: neutral, counted nowhere."""
    WITHDRAWN = "withdrawn"
    """The proposer took it back before an answer."""
    STEPPED_BACK = "stepped back"
    """A partner stepped back, alone: the plan ended for both."""
    FINISHED = "finished"
    """Both agreed to finish it."""
    CLOSED_BY_LEAVING = "closed by leaving"
    """A partner left the relationship: closed, neutrally, for both."""


PROPOSER = Role("proposer", "the partner who proposed the therapy plan")
"""The partner who proposed the plan."""
AWAITED = Role(
    "awaited partner",
    "the partner whose answer is awaited",
    refusal="This {noun} is waiting for the other partner's answer, so {trigger} is theirs now.",
)
"""The partner asked: to agree to the plan, to a change, or to resuming."""
CHANGE_PROPOSER = Role(
    "change proposer",
    "the partner who proposed what awaits an answer",
    refusal="Only {description} can {trigger} this {noun}.",  # translated, as the default is not
)
"""The partner who proposed the change (or resuming) awaiting the other's answer."""

_S = TherapyPlanState
OPEN = (_S.PROPOSED, _S.ACTIVE, _S.CHANGE_PROPOSED, _S.PAUSED, _S.RESUME_PROPOSED)
"""The states in which a plan is proposed or holds (one at a time)."""
GOING = (_S.ACTIVE, _S.CHANGE_PROPOSED)
"""The states in which the plan goes ahead."""
HOPES_OPEN = (*GOING, _S.PAUSED, _S.RESUME_PROPOSED)
"""The states in which hopes are written, until both are revealed."""
_CHANGES = {
    "schedule": "Propose a schedule of sessions; it holds once the other agrees.",
    "reschedule": "Propose moving one session; it moves once the other agrees.",
    "finish": "Propose finishing the plan; it finishes once the other agrees.",
}

THERAPY_PLAN_MOVES: tuple[Move, ...] = (
    Move(
        "agree",
        (_S.PROPOSED,),
        _S.ACTIVE,
        AWAITED,
        description="Agree to the plan: it goes ahead.",
        event=PlanAgreed,
        notice=PLAN_AGREED,
    ),
    Move(
        "decline",
        (_S.PROPOSED,),
        _S.DECLINED,
        AWAITED,
        description="Say no: neutral, counted nowhere.",
        event=PlanDeclined,
        notice=PLAN_DECLINED,
    ),
    Move(
        "withdraw",
        (_S.PROPOSED,),
        _S.WITHDRAWN,
        PROPOSER,
        description="Take the proposal back before an answer.",
        event=PlanWithdrawn,
        notice=PLAN_WITHDRAWN,
        takes_back=(CREATION,),
    ),
    *(
        Move(
            trigger,
            (state,),
            state,
            EITHER_PARTNER,
            guard="hopes_open",
            description=description,
        )
        for trigger, description in (
            ("write_hopes", "Write what one hopes for, in private, until both are revealed."),
            ("set_hopes", "Set one's hopes: both are revealed once both are set."),
        )
        for state in HOPES_OPEN
    ),
    *(
        Move(f"propose_{kind}", (_S.ACTIVE,), _S.CHANGE_PROPOSED, EITHER_PARTNER, description=text)
        for kind, text in _CHANGES.items()
    ),
    Move(
        "agree_change",
        (_S.CHANGE_PROPOSED,),
        _S.FINISHED,
        AWAITED,
        guard="finish_pending",
        description="Agree to finish: the plan is finished, for both.",
    ),
    Move(
        "agree_change",
        (_S.CHANGE_PROPOSED,),
        _S.ACTIVE,
        AWAITED,
        description="Agree to the change: it holds now.",
    ),
    *(
        Move(
            f"decline_{kind}",
            (_S.CHANGE_PROPOSED,),
            _S.ACTIVE,
            AWAITED,
            guard=f"{kind}_pending",
            answers=f"propose_{kind}",
            description="Say no to the change: neutral; things stay as they are.",
            event=ChangeDeclined,
            notice=CHANGE_DECLINED,
        )
        for kind in _CHANGES
    ),
    *(
        Move(
            f"withdraw_{kind}",
            (_S.CHANGE_PROPOSED,),
            _S.ACTIVE,
            CHANGE_PROPOSER,
            guard=f"{kind}_pending",
            description="Take one's proposed change back before an answer.",
            event=ChangeWithdrawn,
            notice=CHANGE_WITHDRAWN,
            takes_back=(f"propose_{kind}",),
        )
        for kind in _CHANGES
    ),
    *(
        Move(
            "note_missed",
            (state,),
            state,
            EITHER_PARTNER,
            description="Note a past session as missed: it names no one.",
        )
        for state in GOING
    ),
    Move(
        "propose_resume",
        (_S.PAUSED,),
        _S.RESUME_PROPOSED,
        EITHER_PARTNER,
        description="Propose resuming with a third person both invited.",
    ),
    Move(
        "agree_resume",
        (_S.RESUME_PROPOSED,),
        _S.ACTIVE,
        AWAITED,
        description="Agree to resume: the plan goes ahead again.",
    ),
    Move(
        "decline_resume",
        (_S.RESUME_PROPOSED,),
        _S.PAUSED,
        AWAITED,
        answers="propose_resume",
        description="Say no to resuming: neutral; the plan stays paused.",
        event=ResumeDeclined,
        notice=RESUME_DECLINED,
    ),
    Move(
        "withdraw_resume",
        (_S.RESUME_PROPOSED,),
        _S.PAUSED,
        CHANGE_PROPOSER,
        description="Take one's proposal to resume back before an answer.",
        event=ResumeWithdrawn,
        notice=RESUME_WITHDRAWN,
        takes_back=("propose_resume",),
    ),
    Move(
        "pause",
        (_S.PROPOSED, *GOING, _S.RESUME_PROPOSED),
        _S.PAUSED,
        REPAIRKIT,
        description="The third person's part ended: the plan pauses, in the same commit.",
        event=PlanPaused,
        notice=PAUSED,
    ),
    Move(
        "step_back",
        (*GOING, _S.PAUSED, _S.RESUME_PROPOSED),
        _S.STEPPED_BACK,
        EITHER_PARTNER,
        description="Step back from the plan, alone and at once: it ends for both.",
        event=PlanSteppedBack,
        notice=STEPPED_BACK,
        takes_back=(),  # one's own part, no one's record
    ),
)

THERAPY_PLAN_WORKFLOW = Workflow(
    "therapy_plan",
    TherapyPlanState,
    _S.PROPOSED,
    (
        *THERAPY_PLAN_MOVES,
        closed_by_leaving(THERAPY_PLAN_MOVES, _S.CLOSED_BY_LEAVING, PlanClosedByLeaving),
    ),
    noun="therapy plan",
)
"""The therapy plan's transition table and its one machine."""
