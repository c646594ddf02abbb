"""The CoolingOff workflow: a time-out one partner calls for themselves in a heated talk."""

from repairkit.cooling.commands import CoolingOffCommands
from repairkit.cooling.events import (
    CheckBackDue,
    CoolingOffCalled,
    CoolingOffExtended,
    CoolingOffLapsed,
    DroppingDeclined,
    DroppingProposed,
    TalkResumed,
    TopicDropped,
    TopicTabled,
)
from repairkit.cooling.model import CoolingOff
from repairkit.cooling.notices import CoolingOffNotice
from repairkit.cooling.rules import CoolingOffRules
from repairkit.cooling.spec import COOLING_OFFS
from repairkit.cooling.table import COOLING_OFF_WORKFLOW, CoolingOffState

__all__ = [
    "COOLING_OFFS",
    "COOLING_OFF_WORKFLOW",
    "CheckBackDue",
    "CoolingOff",
    "CoolingOffCalled",
    "CoolingOffCommands",
    "CoolingOffExtended",
    "CoolingOffLapsed",
    "CoolingOffNotice",
    "CoolingOffRules",
    "CoolingOffState",
    "DroppingDeclined",
    "DroppingProposed",
    "TalkResumed",
    "TopicDropped",
    "TopicTabled",
]
