"""The RepairCommitment workflow's declaration: the one thing the registry imports."""

from __future__ import annotations

from repairkit.core.events import DomainEvent
from repairkit.core.personal import PersonalData
from repairkit.core.progress import ProgressFigure, couple_events
from repairkit.core.spec import WorkflowSpec
from repairkit.repairs.commands import RepairCommands, invitation_key
from repairkit.repairs.events import REPAIR_EVENTS, NeedSaid, RepairCompleted
from repairkit.repairs.links import LINK_KEY, link_key
from repairkit.repairs.model import RepairCommitment
from repairkit.repairs.notices import REPAIR_NOTICES, RepairNotice
from repairkit.repairs.rules import RepairRules
from repairkit.repairs.safety import REPAIR_SAFETY
from repairkit.repairs.table import REPAIR_WORKFLOW, RepairState

__all__ = ["REPAIRS"]


def _keys(repair: RepairCommitment) -> tuple[tuple[str, str], ...]:
    """A repair is found by what it follows (``("link", ...)``), an invitation by its inviter."""
    keys = [] if repair.link is None else [(LINK_KEY, link_key(repair.link))]
    invitation = invitation_key(repair)
    return (*keys, invitation) if invitation is not None else tuple(keys)


def _carried_over(repair: RepairCommitment, event: DomainEvent) -> tuple[str, str] | None:
    """After the last round, what the receiver needs goes to the check-in as their topic."""
    if not isinstance(event, NeedSaid) or event.to_state != RepairState.PLAN.value:
        return None
    words = repair.carried_need()
    return None if words is None else (repair.receiver, words)


REPAIRS = WorkflowSpec(
    name="repair",
    personal=PersonalData(
        texts={"words": "author", "worked": "author", "did_not": "author", "skill": None}
    ),
    entity=RepairCommitment,
    workflow=REPAIR_WORKFLOW,
    events=REPAIR_EVENTS,
    notices=REPAIR_NOTICES,
    notice_kinds=RepairNotice,
    summary=(
        "The aftermath of a lapse or a regrettable incident, and what follows it. The"
        " responsible partner owns the lapse, or the other invites them (declining and"
        ' "not now" are neutral; "not now" goes on the check-in agenda). It opens only'
        " while neither partner has a time-out running. The aftermath follows Gottman's"
        " five steps in order (feelings, realities, triggers, responsibility, a plan):"
        " each writes their own entry, private until shared; the receiver accepts the"
        " apology or says what they need, for a few rounds, after which it goes to the"
        " check-in. The responsible partner may take on a practice of a closed set (20"
        " minutes of focused attention a day for 7 days, say): they mark their own days,"
        ' the receiver may say "not needed today", a day left unmarked reads "not'
        ' marked" and counts nowhere, and either can pause it. A joint review follows;'
        " one not held within a week goes on the check-in agenda. Either partner closes"
        " it alone, at any time; leaving closes it for both."
    ),
    rules=RepairRules,
    namespace="repairs",
    commands=RepairCommands,
    safety=REPAIR_SAFETY,
    agenda={
        RepairState.NOT_NOW: "A repair answered not now",
        RepairState.REVIEW_WAITING: "A repair's review waiting",
    },
    keys=_keys,
    carries_over=_carried_over,
    progress=(
        ProgressFigure(
            name="repairs_completed",
            label="repairs completed",
            count=couple_events(RepairCompleted.TAG),
        ),
    ),
)
"""The RepairCommitment workflow, as the registry knows it."""
