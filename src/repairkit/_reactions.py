"""Reactions, kept by the pipeline: one workflow follows another's moves in the same commit.

Every move of every workflow is committed by `Runner._commit`, which asks
`reaction_changes` what the move does to the workflows that follow its kind
(`WorkflowSpec.reacts_to`: an accountability item follows crossings, to offer its
consequence when a crossing becomes counted and the threshold is met). What a
reaction returns (repairkit's own moves on its objects) is committed in the same
transaction as the move, with its notifications: the two never disagree, whatever
fails. A reaction reads by id or index only, and its own moves start no reaction.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from repairkit.core.events import DomainEvent
from repairkit.core.notices import Notification, notifications_for
from repairkit.core.relationship import Relationship
from repairkit.ports import Saved, StoredObject

if TYPE_CHECKING:
    from repairkit._pipeline import Runner

__all__ = ["reaction_changes"]


class _Reads:
    """What a reaction reads: by id or index, each object with its rules in force now."""

    def __init__(
        self, runner: Runner, relationship_id: uuid.UUID, couple: Relationship | None
    ) -> None:
        self._runner = runner
        self._rid = relationship_id
        self._couple = couple

    def relationship(self) -> Relationship:
        if self._couple is None:
            self._couple = self._runner.storage.load(Relationship, self._rid)
        return self._couple

    def _in_force(self, obj: Any) -> Any:  # noqa: ANN401 - any workflow's object
        from repairkit._pipeline import in_force  # noqa: PLC0415 - the pipeline imports this

        in_force(obj, self.relationship().settings, self._runner.workflows.spec_of(type(obj)).rules)
        return obj

    def load(self, kind: type[Any], id: uuid.UUID) -> Any:  # noqa: ANN401 - any workflow's object
        return self._in_force(self._runner.storage.load(kind, id))

    def load_keyed(
        self, kind: type[Any], key: str, value: str, states: Sequence[str] | None = None
    ) -> list[Any]:
        found = self._runner.storage.load_keyed(kind, self._rid, key, value, states=states)
        return [self._in_force(obj) for obj in found]


def reaction_changes(
    runner: Runner,
    entity: StoredObject,
    event: DomainEvent,
    relationship: Relationship | None,
) -> tuple[tuple[Saved, ...], tuple[DomainEvent, ...], tuple[Notification, ...]]:
    """Return the saves, events and notifications the reactions to *event* commit with it."""
    workflows = runner.workflows
    if not workflows.reactions or isinstance(entity, Relationship):
        return (), (), ()
    reactions = workflows.reactions.get(workflows.spec_of(type(entity)).name)
    if not reactions:
        return (), (), ()
    reads = _Reads(runner, event.relationship_id, relationship)
    saves: list[Saved] = []
    events: list[DomainEvent] = []
    notes: list[Notification] = []
    for reaction in reactions:
        for obj, version, moved in reaction(entity, event, reads):
            saves.append(Saved(obj, version))
            events.append(moved)
            rule, name = workflows.rule_for(moved), workflows.spec_of(type(obj)).name
            notes.extend(notifications_for(moved, obj.audience(moved), rule, workflow=name))
    return tuple(saves), tuple(events), tuple(notes)
