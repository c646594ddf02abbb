"""The Crossing workflow: a boundary crossed, owned or noted, counted only once owned."""

from repairkit.crossings.commands import CrossingCommands, CrossingCount
from repairkit.crossings.events import (
    CrossingAcknowledged,
    CrossingLapsed,
    CrossingNoticed,
    CrossingOwned,
    CrossingSeenDifferently,
    CrossingSettled,
    CrossingWithdrawn,
    RepairLinked,
)
from repairkit.crossings.model import Crossed, Crossing, RepairLink
from repairkit.crossings.notices import CrossingNotice
from repairkit.crossings.rules import CrossingRules
from repairkit.crossings.spec import CROSSINGS
from repairkit.crossings.table import CROSSING_WORKFLOW, CrossingState

__all__ = [
    "CROSSINGS",
    "CROSSING_WORKFLOW",
    "Crossed",
    "Crossing",
    "CrossingAcknowledged",
    "CrossingCommands",
    "CrossingCount",
    "CrossingLapsed",
    "CrossingNotice",
    "CrossingNoticed",
    "CrossingOwned",
    "CrossingRules",
    "CrossingSeenDifferently",
    "CrossingSettled",
    "CrossingState",
    "CrossingWithdrawn",
    "RepairLink",
    "RepairLinked",
]
