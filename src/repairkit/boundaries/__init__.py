"""The Boundary workflow: agreed rules of how two partners treat each other."""

from repairkit.boundaries.commands import BoundaryCommands
from repairkit.boundaries.events import (
    BoundaryAgreed,
    BoundaryCountered,
    BoundaryDeclined,
    BoundaryDrafted,
    BoundaryProposed,
    BoundaryRedrafted,
    BoundaryRetired,
    BoundarySetAside,
    BoundaryWithdrawn,
    ConsentWithdrawn,
    CurrentWordsKept,
    RevisionAgreed,
    RevisionProposed,
    RevisionWithdrawn,
)
from repairkit.boundaries.model import Boundary
from repairkit.boundaries.notices import BoundaryNotice
from repairkit.boundaries.rules import BoundaryRules
from repairkit.boundaries.spec import BOUNDARIES
from repairkit.boundaries.table import BOUNDARY_WORKFLOW, BoundaryState
from repairkit.boundaries.terms import OwnAction, Terms
from repairkit.boundaries.wording import OWN_ACTION_WORDING, OwnActionCheck, OwnActionWording

__all__ = [
    "BOUNDARIES",
    "BOUNDARY_WORKFLOW",
    "OWN_ACTION_WORDING",
    "Boundary",
    "BoundaryAgreed",
    "BoundaryCommands",
    "BoundaryCountered",
    "BoundaryDeclined",
    "BoundaryDrafted",
    "BoundaryNotice",
    "BoundaryProposed",
    "BoundaryRedrafted",
    "BoundaryRetired",
    "BoundaryRules",
    "BoundarySetAside",
    "BoundaryState",
    "BoundaryWithdrawn",
    "ConsentWithdrawn",
    "CurrentWordsKept",
    "OwnAction",
    "OwnActionCheck",
    "OwnActionWording",
    "RevisionAgreed",
    "RevisionProposed",
    "RevisionWithdrawn",
    "Terms",
]
