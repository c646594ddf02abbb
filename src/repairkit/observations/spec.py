"""The Observation workflow's declaration: the one thing the registry imports."""

from __future__ import annotations

from repairkit.core.personal import PersonalData
from repairkit.core.spec import WorkflowSpec
from repairkit.observations.commands import ObservationCommands
from repairkit.observations.events import OBSERVATION_EVENTS
from repairkit.observations.model import Observation
from repairkit.observations.notices import OBSERVATION_NOTICES, ObservationNotice
from repairkit.observations.rules import ObservationRules
from repairkit.observations.safety import OBSERVATION_SAFETY
from repairkit.observations.table import OBSERVATION_WORKFLOW, ObservationState

__all__ = ["OBSERVATIONS"]

OBSERVATIONS = WorkflowSpec(
    name="observation",
    personal=PersonalData(
        texts={
            "moment": "writer",
            "effect": "writer",
            "feeling": "writer",
            "reflection": "listener",
            "additions": None,
            "experience": "listener",
            "words": None,
        }
    ),
    entity=Observation,
    workflow=OBSERVATION_WORKFLOW,
    events=OBSERVATION_EVENTS,
    notices=OBSERVATION_NOTICES,
    notice_kinds=ObservationNotice,
    summary=(
        "One partner names one concrete moment without blame: when it was, what was seen"
        " or heard, what it did to daily life and well-being, and their own feeling. It"
        " is private until they share it. The other can reflect it back in their own"
        ' words ("did I get it?"), for a few rounds; add their own experience of the same'
        ' moment, so both stand side by side; or say "not now", which is neutral and puts'
        " it on the next check-in's agenda. Either partner can table it for the check-in"
        " or turn it into a request of their own; its writer can withdraw it. Nothing is"
        " counted."
    ),
    rules=ObservationRules,
    namespace="observations",
    commands=ObservationCommands,
    safety=OBSERVATION_SAFETY,
    agenda={
        ObservationState.NOT_NOW: "An observation kept for later",
        ObservationState.TABLED: "An observation kept for the check-in",
    },
)
"""The Observation workflow, as the registry knows it."""
