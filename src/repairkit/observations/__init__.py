"""The Observation workflow: one moment, named without blame, shared, mirrored, answered."""

from repairkit.observations.commands import ObservationCommands
from repairkit.observations.events import (
    ExperienceAdded,
    MirrorConfirmed,
    MoreToSay,
    ObservationClosedByLeaving,
    ObservationDrafted,
    ObservationNotNow,
    ObservationRedrafted,
    ObservationShared,
    ObservationTabled,
    ObservationWithdrawn,
    Reflected,
)
from repairkit.observations.model import Observation
from repairkit.observations.notices import ObservationNotice
from repairkit.observations.rules import ObservationRules
from repairkit.observations.spec import OBSERVATIONS
from repairkit.observations.table import FOR_CHECK_IN, OBSERVATION_WORKFLOW, ObservationState

__all__ = [
    "FOR_CHECK_IN",
    "OBSERVATIONS",
    "OBSERVATION_WORKFLOW",
    "ExperienceAdded",
    "MirrorConfirmed",
    "MoreToSay",
    "Observation",
    "ObservationClosedByLeaving",
    "ObservationCommands",
    "ObservationDrafted",
    "ObservationNotNow",
    "ObservationNotice",
    "ObservationRedrafted",
    "ObservationRules",
    "ObservationShared",
    "ObservationState",
    "ObservationTabled",
    "ObservationWithdrawn",
    "Reflected",
]
