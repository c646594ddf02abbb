"""Who hears about a therapy plan, in repairkit's own calm words.

No text quotes a partner or names who did what: the hopes and the schedule are read in
the app, by the two of them. Writing and setting one's hopes tell nobody (a notice would
tell the other that hopes exist, or when they were written); the reveal tells both. A
step back names no reason; a missed session names no one.
"""

from __future__ import annotations

import enum

from repairkit.core.events import DomainEvent
from repairkit.core.notices import NoticeRule, Quiet, tell_audience
from repairkit.therapy.events import (
    ChangeAgreed,
    ChangeProposed,
    HopesReady,
    HopesRevealed,
    HopesWritten,
    PlanFinished,
    PlanProposed,
    PlanResumed,
    ResumeProposed,
    SessionMissed,
)

__all__ = [
    "CHANGE_DECLINED",
    "CHANGE_WITHDRAWN",
    "PAUSED",
    "PLAN_AGREED",
    "PLAN_DECLINED",
    "PLAN_WITHDRAWN",
    "RESUME_DECLINED",
    "RESUME_WITHDRAWN",
    "STEPPED_BACK",
    "THERAPY_PLAN_NOTICES",
    "TherapyPlanNotice",
]


class TherapyPlanNotice(enum.StrEnum):
    """What a therapy plan's notifications are about."""

    PROPOSED = "therapy plan proposed"
    AGREED = "therapy plan agreed"
    DECLINED = "therapy plan not taken up"
    WITHDRAWN = "therapy plan taken back"
    HOPES_REVEALED = "therapy plan: hopes revealed"
    CHANGE_PROPOSED = "therapy plan: change proposed"
    CHANGE_AGREED = "therapy plan: change agreed"
    CHANGE_DECLINED = "therapy plan: left as it is"
    CHANGE_WITHDRAWN = "therapy plan: change taken back"
    FINISHED = "therapy plan finished"
    PAUSED = "therapy plan paused"
    RESUME_PROPOSED = "therapy plan: resuming proposed"
    RESUMED = "therapy plan resumed"
    RESUME_DECLINED = "therapy plan: stays paused"
    RESUME_WITHDRAWN = "therapy plan: resuming taken back"
    STEPPED_BACK = "therapy plan ended"


PRIVATE = Quiet(
    "Hopes are their writer's alone until both are revealed: a notice would tell the other"
    " partner that they exist, or when they were written."
)
"""The rule of writing and setting one's hopes before the reveal."""
PLAN_AGREED = tell_audience(
    TherapyPlanNotice.AGREED,
    "You both agreed to a therapy plan. Each of you can write what you hope for; both"
    " are revealed together.",
)
PLAN_DECLINED = tell_audience(
    TherapyPlanNotice.DECLINED,
    "A proposed therapy plan was not taken up. That is a fair answer.",
)
PLAN_WITHDRAWN = tell_audience(
    TherapyPlanNotice.WITHDRAWN,
    "A proposed therapy plan was taken back. Nothing is needed from you.",
)
CHANGE_DECLINED = tell_audience(
    TherapyPlanNotice.CHANGE_DECLINED,
    "A proposed change to your therapy plan was not taken up; the plan stays as it was.",
)
RESUME_DECLINED = tell_audience(
    TherapyPlanNotice.RESUME_DECLINED,
    "Resuming your therapy plan was not taken up for now; it stays paused.",
)
CHANGE_WITHDRAWN = tell_audience(
    TherapyPlanNotice.CHANGE_WITHDRAWN,
    "A proposed change to your therapy plan was taken back; the plan stays as it was."
    " Nothing is needed from you.",
)
RESUME_WITHDRAWN = tell_audience(
    TherapyPlanNotice.RESUME_WITHDRAWN,
    "A proposal to resume your therapy plan was taken back; it stays paused. Nothing is"
    " needed from you.",
)
PAUSED = tell_audience(
    TherapyPlanNotice.PAUSED,
    "The third person's part has ended, so your therapy plan is paused. You can resume it"
    " together with a third person you both invite.",
)
STEPPED_BACK = tell_audience(
    TherapyPlanNotice.STEPPED_BACK,
    "Your therapy plan has ended. Either of you can propose a new one whenever you both wish.",
)

THERAPY_PLAN_NOTICES: dict[type[DomainEvent], NoticeRule | Quiet] = {
    PlanProposed: tell_audience(
        TherapyPlanNotice.PROPOSED,
        "Your partner proposed a therapy plan with the third person you both invited. You"
        " can agree or say no; either is a fair answer.",
    ),
    HopesWritten: PRIVATE,
    HopesReady: PRIVATE,
    HopesRevealed: tell_audience(
        TherapyPlanNotice.HOPES_REVEALED,
        "What each of you hopes for is revealed to both of you now. You can read it in the app.",
    ),
    ChangeProposed: tell_audience(
        TherapyPlanNotice.CHANGE_PROPOSED,
        "A change to your therapy plan was proposed. Nothing changes unless you agree;"
        " leaving it as it is is a fair answer.",
    ),
    ChangeAgreed: tell_audience(
        TherapyPlanNotice.CHANGE_AGREED, "You both agreed to a change to your therapy plan."
    ),
    PlanFinished: tell_audience(
        TherapyPlanNotice.FINISHED, "You both agreed to finish your therapy plan."
    ),
    SessionMissed: Quiet("A missed session names no one; both see it in the plan."),
    ResumeProposed: tell_audience(
        TherapyPlanNotice.RESUME_PROPOSED,
        "Resuming your therapy plan was proposed. You can agree or leave it paused; either"
        " is a fair answer.",
    ),
    PlanResumed: tell_audience(
        TherapyPlanNotice.RESUMED, "You both agreed to resume your therapy plan."
    ),
}
"""The rules of the events no row names; each plain move's row names its own."""
