"""The AccountabilityAgreement workflow's declaration: the one thing the registry imports."""

from __future__ import annotations

from repairkit.accountability.commands import OPEN, AccountabilityCommands, open_taken_on
from repairkit.accountability.events import AGREEMENT_EVENTS
from repairkit.accountability.model import AccountabilityAgreement
from repairkit.accountability.notices import AGREEMENT_NOTICES, AgreementNotice
from repairkit.accountability.queries import OPEN_PLACE, free_on_repair_end, offer_on_counted
from repairkit.accountability.rules import AccountabilityRules
from repairkit.accountability.safety import AGREEMENT_SAFETY
from repairkit.accountability.table import AGREEMENT_WORKFLOW, AgreementState
from repairkit.core.personal import PersonalData
from repairkit.core.spec import WorkflowSpec

__all__ = ["ACCOUNTABILITY"]

ACCOUNTABILITY = WorkflowSpec(
    name="accountability",
    personal=PersonalData(
        texts={"behaviour": None, "description": None, "skill": None, "suggestion": "by"}
    ),
    entity=AccountabilityAgreement,
    workflow=AGREEMENT_WORKFLOW,
    events=AGREEMENT_EVENTS,
    notices=AGREEMENT_NOTICES,
    notice_kinds=AgreementNotice,
    summary=(
        "A short list of behaviours both partners agree to hold themselves to (at most five"
        " by default). One partner proposes it; it holds once the other agrees (a no is"
        " neutral and never counted). An item binds both, or one partner, whose yes it then"
        " needs. Changes need both; withdrawing one's consent from an item, or from the whole"
        " list, is one's own act, at once. An item may name a restorative consequence from a"
        " closed set, each acting on the responsible partner's own time and attention, for"
        " repeated crossings of its boundary (two counted within 14 days by default): only"
        " owned or acknowledged crossings count. When the threshold is met, the consequence"
        " is offered to that partner alone, who takes it on, answers not now (it goes to"
        " the check-in) or lets it lapse; nothing is imposed, and the other partner can"
        " neither take it on for them nor read a count."
    ),
    rules=AccountabilityRules,
    namespace="accountability",
    commands=AccountabilityCommands,
    safety=AGREEMENT_SAFETY,
    one_at_a_time=lambda agreement: OPEN_PLACE if agreement.state in OPEN else None,
    agenda={AgreementState.FOR_CHECK_IN: "Something from the accountability list"},
    reacts_to={
        "crossing": offer_on_counted,
        "repair": free_on_repair_end,
        "accountability": open_taken_on,
    },
)
"""The AccountabilityAgreement workflow, as the registry knows it."""
