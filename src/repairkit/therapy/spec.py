"""The therapy plan's declaration: the one thing the registry imports."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from repairkit.core.events import DomainEvent
from repairkit.core.personal import PersonalData
from repairkit.core.spec import ONE_AT_A_TIME, FacilitatorShare, ReactionReads, WorkflowSpec
from repairkit.therapy.commands import TherapyPlanCommands, declined_keys
from repairkit.therapy.events import THERAPY_PLAN_EVENTS
from repairkit.therapy.model import TherapyPlan
from repairkit.therapy.notices import THERAPY_PLAN_NOTICES, TherapyPlanNotice
from repairkit.therapy.rules import TherapyPlanRules
from repairkit.therapy.safety import THERAPY_PLAN_SAFETY
from repairkit.therapy.table import OPEN, THERAPY_PLAN_WORKFLOW, TherapyPlanState

__all__ = ["PROGRESS_SHARE", "THERAPY_PLANS", "THERAPY_PLAN_SHARE", "pause_when_part_ends"]

_OPEN_PLACE = "open"
"""The place an open plan holds: one at a time per relationship."""
_TAKING_PART = "invited"
"""The facilitator's state while they take part (`repairkit.facilitators`)."""
_LEFT = "closed by leaving"
"""The end leaving gives every object: the plan is closed by leaving too, not paused."""
_S = TherapyPlanState


def pause_when_part_ends(
    facilitator: Any,  # noqa: ANN401 - a Facilitator, as the pipeline hands it over
    event: DomainEvent,
    reads: ReactionReads,
) -> Sequence[tuple[Any, int, DomainEvent]]:
    """Pause the open plan, in the same commit, when its third person's part ends.

    A removal by either partner, the third person stepping down: the plan pauses. A
    partner leaving closes the plan itself (`close_by_leaving`), so leaving pauses nothing.
    """
    if event.from_state != _TAKING_PART or event.to_state in (_TAKING_PART, _LEFT):
        return ()
    states = [state.value for state in (_S.PROPOSED, _S.ACTIVE, _S.CHANGE_PROPOSED)]
    states.append(_S.RESUME_PROPOSED.value)
    for plan in reads.load_keyed(TherapyPlan, ONE_AT_A_TIME, _OPEN_PLACE, states):
        change = plan.change
        resuming = plan.state is _S.RESUME_PROPOSED and change is not None
        named = change.facilitator_id if resuming else plan.facilitator_id
        if named != facilitator.id:
            continue
        version = plan.version
        return ((plan, version, plan.pause(at=event.at)),)
    return ()


def _shared(
    commands: TherapyPlanCommands, relationship_id: uuid.UUID, partners: tuple[str, str]
) -> list[Any]:
    """What a third person reads of therapy plans: hopes revealed to both, and the schedule."""
    return list(commands.shared_plan(relationship_id, partners=partners))


THERAPY_PLAN_SHARE = FacilitatorShare(
    category="therapy plan",
    description="The therapy plan's goals (both partners' hopes, once revealed to both,"
    " never who wrote which) and its agreed sessions; nothing written before the reveal.",
    read=_shared,
)
"""The therapy plan, as a category a third person may read."""


def _progress(
    commands: TherapyPlanCommands, relationship_id: uuid.UUID, partners: tuple[str, str]
) -> list[Any]:
    """What a third person reads of the couple's progress: its couple lines only."""
    return list(commands.couple_progress(relationship_id, partners=partners))


PROGRESS_SHARE = FacilitatorShare(
    category="progress",
    description="The couple's lines of the progress view, week by week (the same to both"
    " partners); never a partner's own lines, nor anything counted for one of them apart.",
    read=_progress,
)
"""The couple's progress lines, as a category a third person may read."""


THERAPY_PLANS = WorkflowSpec(
    name="therapy_plan",
    personal=PersonalData(texts={"words": "author"}),
    entity=TherapyPlan,
    workflow=THERAPY_PLAN_WORKFLOW,
    events=THERAPY_PLAN_EVENTS,
    notices=THERAPY_PLAN_NOTICES,
    notice_kinds=TherapyPlanNotice,
    summary=(
        "A couple's plan with the third person they both invited (kit.facilitators)."
        " One partner proposes it; it goes ahead once the other agrees (a no is neutral and"
        " never counted). Each writes what they hope for (better listening, more balanced"
        " intimacy, managing anger and hurt) in private: nothing of it, not even that it was"
        " written, reaches the other until both set theirs, and both are revealed together."
        " A schedule of sessions, moving one session and finishing each need both; after a"
        " no, the same proposal waits. A missed session names no one. When the third"
        " person's part ends, the plan pauses in the same commit, and resuming needs both."
        " Either partner steps back alone, at once, and it ends for both; leaving closes it."
    ),
    rules=TherapyPlanRules,
    namespace="therapy_plans",
    commands=TherapyPlanCommands,
    safety=THERAPY_PLAN_SAFETY,
    keys=declined_keys,
    one_at_a_time=lambda plan: _OPEN_PLACE if plan.state in OPEN else None,
    shared_with_facilitator=THERAPY_PLAN_SHARE,
    more_shared_with_facilitator=(PROGRESS_SHARE,),
    reacts_to={"facilitator": pause_when_part_ends},
)
"""The therapy plan workflow, as the registry knows it."""
