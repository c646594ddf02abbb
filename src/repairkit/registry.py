"""The one place workflows are registered: add a line here for a new workflow package."""

from __future__ import annotations

from typing import Final

from repairkit.boundaries.spec import BOUNDARIES
from repairkit.cooling.spec import COOLING_OFFS
from repairkit.core.spec import Registry
from repairkit.crossings.spec import CROSSINGS
from repairkit.requests.spec import REQUESTS
from repairkit.talks.spec import TALKS

__all__ = ["WORKFLOWS"]

WORKFLOWS: Final = Registry(
    REQUESTS,
    COOLING_OFFS,
    BOUNDARIES,
    CROSSINGS,
    TALKS,
)
"""Every workflow repairkit ships (the relationship is always included)."""
