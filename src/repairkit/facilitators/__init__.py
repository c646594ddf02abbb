"""A third person in the check-ins: invited by both, removed by either (`kit.facilitators`)."""

from repairkit.facilitators.commands import FacilitatorCommands
from repairkit.facilitators.events import (
    ConsentSet,
    FacilitatorClosedByLeaving,
    FacilitatorDeclined,
    FacilitatorEntryRemoved,
    FacilitatorInvited,
    FacilitatorProposed,
    FacilitatorRemoved,
    FacilitatorSteppedDown,
    FacilitatorWithdrawn,
    ReflectionShared,
    SuggestionShared,
)
from repairkit.facilitators.model import Facilitator, FacilitatorEntry
from repairkit.facilitators.notices import FacilitatorNotice
from repairkit.facilitators.rules import FacilitatorRules
from repairkit.facilitators.spec import FACILITATORS
from repairkit.facilitators.table import FACILITATOR, FACILITATOR_WORKFLOW, FacilitatorState

__all__ = [
    "FACILITATOR",
    "FACILITATORS",
    "FACILITATOR_WORKFLOW",
    "ConsentSet",
    "Facilitator",
    "FacilitatorClosedByLeaving",
    "FacilitatorCommands",
    "FacilitatorDeclined",
    "FacilitatorEntry",
    "FacilitatorEntryRemoved",
    "FacilitatorInvited",
    "FacilitatorNotice",
    "FacilitatorProposed",
    "FacilitatorRemoved",
    "FacilitatorRules",
    "FacilitatorState",
    "FacilitatorSteppedDown",
    "FacilitatorWithdrawn",
    "ReflectionShared",
    "SuggestionShared",
]
