"""The facilitator's declaration: the one thing the registry imports."""

from __future__ import annotations

from repairkit.core.personal import PersonalData
from repairkit.core.spec import WorkflowSpec
from repairkit.facilitators.commands import FacilitatorCommands
from repairkit.facilitators.events import FACILITATOR_EVENTS
from repairkit.facilitators.model import Facilitator
from repairkit.facilitators.notices import FACILITATOR_NOTICES, FacilitatorNotice
from repairkit.facilitators.rules import FacilitatorRules
from repairkit.facilitators.safety import FACILITATOR_SAFETY
from repairkit.facilitators.table import FACILITATOR_WORKFLOW, OPEN

__all__ = ["FACILITATORS"]

FACILITATORS = WorkflowSpec(
    name="facilitator",
    # An entry's words are the third person's (named on the facilitator: `person`).
    personal=PersonalData(texts={"words": "person", "approach": "proposer", "suggestion": "by"}),
    entity=Facilitator,
    workflow=FACILITATOR_WORKFLOW,
    events=FACILITATOR_EVENTS,
    notices=FACILITATOR_NOTICES,
    notice_kinds=FacilitatorNotice,
    summary=(
        "A third person in the couple's check-ins: a therapist or a trusted mediator."
        " Either partner proposes inviting them, saying who they are; they take part only"
        " once the other partner agrees (a no is neutral and never counted). Each partner"
        " consents to share some categories (the agenda, the revealed preparation entries,"
        " ...); the third person reads a category only while both consent to it, checked"
        " at each read, so either partner alone narrows what they see, at once. They"
        " reflect back what they heard and offer suggestions as entries of their own (a"
        " few a day, a bounded number kept), read by both partners, and make no partner's"
        " move. They never see a private entry, who proposed them, or which partner"
        " consents to what. Either partner ends their part alone and at once, and they may"
        " step down; leaving closes it for everyone."
    ),
    rules=FacilitatorRules,
    namespace="facilitators",
    commands=FacilitatorCommands,
    safety=FACILITATOR_SAFETY,
    one_at_a_time=lambda facilitator: "open" if facilitator.state in OPEN else None,
)
"""The facilitator workflow, as the registry knows it."""
