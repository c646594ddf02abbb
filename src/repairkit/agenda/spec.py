"""The check-in agenda's declaration: the one thing the registry imports."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from repairkit.agenda.commands import AgendaCommands
from repairkit.agenda.events import AGENDA_EVENTS
from repairkit.agenda.keeper import KEEPER
from repairkit.agenda.model import AUTHOR_KEY, SOURCE_KEY, AgendaItem
from repairkit.agenda.notices import AGENDA_NOTICES, AgendaNotice
from repairkit.agenda.rules import AgendaRules
from repairkit.agenda.safety import AGENDA_SAFETY
from repairkit.agenda.table import AGENDA_WORKFLOW
from repairkit.core import FacilitatorShare, PersonalData, WorkflowSpec

__all__ = ["AGENDA", "AGENDA_SHARE"]


def _agenda_keys(item: AgendaItem) -> Iterable[tuple[str, str]]:
    """An agenda item's index keys: its source object, and a topic's author."""
    if item.source is not None:
        yield (SOURCE_KEY, str(item.source))
    if item.author is not None:
        yield (AUTHOR_KEY, str(item.author))


def _shared(
    commands: AgendaCommands, relationship_id: uuid.UUID, partners: tuple[str, str]
) -> list[Any]:
    """What a third person reads of the agenda: the waiting items both partners may see."""
    return list(commands.seen_by_both(relationship_id, partners=partners))


AGENDA_SHARE = FacilitatorShare(
    category="agenda",
    description="What waits for the next check-in that both partners may see: each item's"
    " workflow, what it shows and its day, never who added it.",
    read=_shared,
)
"""The agenda, as a category a third person may read (`kit.facilitators.shared`)."""


AGENDA = WorkflowSpec(
    name="agenda",
    personal=PersonalData(texts={"about": "author", "suggestion": "by"}),
    entity=AgendaItem,
    workflow=AGENDA_WORKFLOW,
    events=AGENDA_EVENTS,
    notices=AGENDA_NOTICES,
    notice_kinds=AgendaNotice,
    summary=(
        "What waits for the couple's next check-in. repairkit puts an object of any"
        " workflow on the agenda when it enters a state its workflow declares (a request"
        " set aside, a boundary suspended, a moment seen differently, ...) and takes it"
        " off when the object moves on; each partner can add a few topics of their own."
        " An item shows its workflow, its state and its day, and leaves the agenda after"
        " four weeks unless taken up. Nobody is told of the agenda: both read it when they"
        " prepare a check-in."
    ),
    rules=AgendaRules,
    namespace="agenda",
    commands=AgendaCommands,
    safety=AGENDA_SAFETY,
    keys=_agenda_keys,
    keeps_agenda=KEEPER,
    shared_with_facilitator=AGENDA_SHARE,
)
"""The check-in agenda, as the registry knows it (a registry without it keeps no agenda)."""
