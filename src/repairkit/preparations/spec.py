"""The check-in preparation's declaration: the one thing the registry imports."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from repairkit.core.personal import PersonalData
from repairkit.core.spec import FacilitatorShare, WorkflowSpec
from repairkit.preparations.commands import PreparationCommands
from repairkit.preparations.events import PREPARATION_EVENTS
from repairkit.preparations.model import OCCURRENCE, Preparation
from repairkit.preparations.notices import PREPARATION_NOTICES, PreparationNotice
from repairkit.preparations.rules import PreparationRules
from repairkit.preparations.safety import PREPARATION_SAFETY
from repairkit.preparations.table import OPEN, PREPARATION_WORKFLOW

__all__ = ["PREPARATIONS", "PREPARATION_SHARE"]


def _preparation_keys(preparation: Preparation) -> Iterable[tuple[str, str]]:
    """A preparation's index key: the check-in it prepares for."""
    return ((OCCURRENCE, preparation.occurrence),)


def _shared(
    commands: PreparationCommands, relationship_id: uuid.UUID, partners: tuple[str, str]
) -> list[Any]:
    """What a third person reads of preparations: entries revealed to both partners."""
    return list(commands.revealed_to_both(relationship_id, partners=partners))


PREPARATION_SHARE = FacilitatorShare(
    category="revealed entries",
    description="The preparation entries revealed to both partners for the current or next"
    " check-in, by kind, never who wrote which; nothing kept private, nothing before the"
    " reveal.",
    read=_shared,
)
"""Revealed preparation entries, as a category a third person may read."""


PREPARATIONS = WorkflowSpec(
    name="preparation",
    personal=PersonalData(texts={"words": "author"}),
    entity=Preparation,
    workflow=PREPARATION_WORKFLOW,
    events=PREPARATION_EVENTS,
    notices=PREPARATION_NOTICES,
    notice_kinds=PreparationNotice,
    summary=(
        "Before a check-in of an agreed schedule, each partner may prepare in private:"
        " appreciations (about five, after Gottman's State of the Union), what went right,"
        " and one issue to raise. Nobody but its author sees a preparation, nor that it"
        " exists, until it is revealed: when both partners are ready, or when the"
        " check-in's time comes. Then the entries each marked for sharing are revealed to"
        " both at the same moment; those kept private stay their author's alone, and a"
        " preparation with nothing to share reveals nothing. Its author writes, rewrites"
        " and takes it back alone. Nobody is told anything: both read it at the check-in."
    ),
    rules=PreparationRules,
    namespace="preparations",
    commands=PreparationCommands,
    safety=PREPARATION_SAFETY,
    keys=_preparation_keys,
    shared_with_facilitator=PREPARATION_SHARE,
    one_at_a_time=lambda prep: f"{prep.occurrence} {prep.author}" if prep.state in OPEN else None,
)
"""Check-in preparations, as the registry knows them."""
