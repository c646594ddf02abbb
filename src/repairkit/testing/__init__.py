"""Contract suites shipped for apps: run them against your storage or your own workflow.

- `StorageContract`: what every storage promises (atomic commits, version checks,
  events in order, due objects, the outbox), on a neutral workflow.
- `WorkflowContract`: what every registered workflow declares and keeps (guards,
  stable event tags, a notice rule or quiet for every event, notices that never
  quote a partner, a valid diagram, a codec round trip, a docs page).

Importing this package needs pytest and hypothesis: install ``repairkit[testing]``.
"""

from repairkit.testing.notes import NOTES, Note, NoteState
from repairkit.testing.safety import SafetyContract
from repairkit.testing.storage import CONTRACT_WORKFLOWS, StorageContract
from repairkit.testing.workflow import WorkflowContract

__all__ = [
    "CONTRACT_WORKFLOWS",
    "NOTES",
    "Note",
    "NoteState",
    "SafetyContract",
    "StorageContract",
    "WorkflowContract",
]
