"""A couple's therapy plan with the third person both invited (`kit.therapy_plans`)."""

from repairkit.therapy.commands import SharedPlan, TherapyPlanCommands
from repairkit.therapy.events import (
    ChangeAgreed,
    ChangeDeclined,
    ChangeProposed,
    ChangeWithdrawn,
    HopesReady,
    HopesRevealed,
    HopesWritten,
    PlanAgreed,
    PlanClosedByLeaving,
    PlanDeclined,
    PlanFinished,
    PlanPaused,
    PlanProposed,
    PlanResumed,
    PlanSteppedBack,
    PlanWithdrawn,
    ResumeDeclined,
    ResumeProposed,
    ResumeWithdrawn,
    SessionMissed,
)
from repairkit.therapy.model import TherapyPlan
from repairkit.therapy.notices import TherapyPlanNotice
from repairkit.therapy.parts import Change, Hope, PlanSchedule
from repairkit.therapy.rules import TherapyPlanRules
from repairkit.therapy.spec import THERAPY_PLANS
from repairkit.therapy.table import THERAPY_PLAN_WORKFLOW, TherapyPlanState

__all__ = [
    "THERAPY_PLANS",
    "THERAPY_PLAN_WORKFLOW",
    "Change",
    "ChangeAgreed",
    "ChangeDeclined",
    "ChangeProposed",
    "ChangeWithdrawn",
    "Hope",
    "HopesReady",
    "HopesRevealed",
    "HopesWritten",
    "PlanAgreed",
    "PlanClosedByLeaving",
    "PlanDeclined",
    "PlanFinished",
    "PlanPaused",
    "PlanProposed",
    "PlanResumed",
    "PlanSchedule",
    "PlanSteppedBack",
    "PlanWithdrawn",
    "ResumeDeclined",
    "ResumeProposed",
    "ResumeWithdrawn",
    "SessionMissed",
    "SharedPlan",
    "TherapyPlan",
    "TherapyPlanCommands",
    "TherapyPlanNotice",
    "TherapyPlanRules",
    "TherapyPlanState",
]
