"""A trigger: what tends to set one person off, and what helps them, in their own words.

The practice (docs/practices.md, the shared goal: "acknowledging personal triggers and
learning to pause before reacting"; the private log's "what triggered a withdrawal,
and what reduced the harm"): each person may keep their own list. It is private to
them: nobody else sees an entry, nor that it exists. They may share an entry with the
partner (`ShareScope.PARTNER`; a check-in's facilitator joins as a scope once that
workflow exists), unshare it again, rewrite it or take it off their list.

Unsharing applies at once: from that moment the partner reads nothing of the entry on
any read path (`get`, `find`, `events`, `kit.relationships.events`: the events made
while it was shared leave their sight, `aged_out`), and nothing tells them beyond its
leaving their view. What the owner did while it was private leaves no trace in what
the partner reads when it is shared (again): to them it was written when it first
reached them (`created_at`), and its versions count only the moves they could see.
"""

from __future__ import annotations

import enum
import uuid
from datetime import datetime
from typing import Any, ClassVar, Self, TypeVar

import attrs

from repairkit.core.drafts import KEEP, Keep, kept
from repairkit.core.engine import EITHER_PARTNER, REPAIRKIT, Role, Workflow
from repairkit.core.entity import WorkflowObject
from repairkit.core.events import DomainEvent
from repairkit.core.settings import SETTING_IN_FORCE
from repairkit.core.values import (
    SYSTEM,
    PersonId,
    check_instant,
    check_person_id,
    check_text,
    new_id,
)
from repairkit.errors import InvalidInput
from repairkit.triggers.events import (
    ShareScope,
    TriggerRevised,
    TriggerShared,
    TriggerUnshared,
    TriggerWritten,
)
from repairkit.triggers.rules import TriggerRules
from repairkit.triggers.table import OWNER, TRIGGER_WORKFLOW, TriggerState

__all__ = ["Trigger", "share_scope"]

Ev = TypeVar("Ev", bound=DomainEvent)
_T = TriggerState


def share_scope(value: object) -> ShareScope:
    """Return *value* as a `ShareScope` (its member or its value), or raise `InvalidInput`."""
    if isinstance(value, ShareScope):
        return value
    if isinstance(value, str) and value in ShareScope._value2member_map_:
        return ShareScope(value)
    scopes = ", ".join(f"ShareScope.{s.name}" for s in ShareScope)
    raise InvalidInput(
        "scope", "needs one of {scopes}; a check-in's facilitator comes later.", scopes=scopes
    )


@attrs.define(eq=False, kw_only=True)
class Trigger(WorkflowObject):
    """One entry of a person's own list of triggers (its ``owner``)."""

    WORKFLOW: ClassVar[Workflow] = TRIGGER_WORKFLOW

    id: uuid.UUID
    relationship_id: uuid.UUID
    owner: PersonId
    """The person it is about, who wrote it: it is theirs, and only they move it."""
    partner: PersonId
    """The other partner, who reads it while it is shared with them."""
    rules: TriggerRules = attrs.field(factory=TriggerRules, metadata=SETTING_IN_FORCE)
    """The relationship's rules in force, given whenever it is read (never stored)."""
    created_at: datetime
    what: str
    """What tends to set its owner off, in their own words."""
    helps: str | None = None
    """What helps them then, in their own words, if they wrote it."""
    state: TriggerState = TriggerState.PRIVATE
    version: int = 0
    shared_with: tuple[ShareScope, ...] = ()
    """With whom it is shared now (empty while private)."""
    shared_at: datetime | None = None
    """When it was shared, while it is; None while private."""
    first_shared_at: datetime | None = None
    """When it first reached the partner: to them, it was written then."""
    private_moves: int = 0
    """How many moves were made while it was its owner's alone (its writing among them):
    nobody's count; the partner's numbers leave them out (`seen_by`)."""
    changed_at: datetime | None = None

    # -- who is who ---------------------------------------------------------------

    @property
    def participants(self) -> tuple[PersonId, PersonId]:
        """Its owner and the partner."""
        return (self.owner, self.partner)

    @property
    def shared_with_partner(self) -> bool:
        """Return whether the partner may read it now."""
        return ShareScope.PARTNER in self.shared_with

    @property
    def private_to(self) -> PersonId | None:
        """Its owner, unless it is shared with the partner now."""
        return None if self.shared_with_partner else self.owner

    def visible_to(self, person: PersonId) -> bool:
        """Return whether *person* may read it: its owner; the partner while it is shared."""
        return person == self.owner or (person == self.partner and self.shared_with_partner)

    def aged_out(self, event: DomainEvent, person: PersonId, now: datetime) -> bool:
        """Return whether *event* (made while it was shared) is out of *person*'s sight.

        Once it is unshared or taken off the list, its whole story leaves the partner's
        ``events`` and ``kit.relationships.events``; shared again, it is back.
        """
        del event, now
        return not self.visible_to(person)

    def roles_of(self, actor: PersonId) -> frozenset[Role]:
        """Return the roles *actor* plays: its owner; the partner only reads it."""
        if actor == SYSTEM:
            return frozenset({REPAIRKIT})
        if not self.visible_to(actor):
            return frozenset()
        if actor == self.owner:
            return frozenset({OWNER, EITHER_PARTNER})
        return frozenset({EITHER_PARTNER})

    def seen_by(self, person: PersonId) -> Self:
        """Return it as *person* may see it: to the partner, written when it first reached them.

        Its version counts only the moves they could see, and the count of private
        moves is left out: what its owner did while it was theirs alone leaves no trace.
        """
        if person == self.owner or self.first_shared_at is None:
            return self
        return attrs.evolve(
            self,
            version=self.version - self.private_moves,
            created_at=self.first_shared_at,
            private_moves=0,
        )

    def version_seen_by(self, person: PersonId) -> int:
        """Return the version *person* knows it at, without copying it."""
        if person == self.owner or self.first_shared_at is None:
            return self.version
        return self.version - self.private_moves

    # -- writing ------------------------------------------------------------------------

    def _text(self, value: str | None, field: str, *, optional: bool = False) -> str | None:
        return check_text(value, field, max_length=self.rules.max_text_length, optional=optional)

    @classmethod
    def write(
        cls,
        *,
        relationship_id: uuid.UUID,
        owner: PersonId,
        partner: PersonId,
        what: str,
        helps: str | None,
        rules: TriggerRules,
        at: datetime,
    ) -> tuple[Trigger, TriggerWritten]:
        """Write one trigger down; only *owner* sees it (nor that it exists) until shared."""
        at = check_instant(at, "at")
        owner = check_person_id(owner, "actor")
        limit = rules.max_text_length
        text = check_text(what, "what", max_length=limit) or ""  # required: never None
        helping = check_text(helps, "helps", max_length=limit, optional=True)
        trigger = cls(
            id=new_id(),
            relationship_id=relationship_id,
            owner=owner,
            partner=partner,
            rules=rules,
            created_at=at,
            version=1,
            what=text,
            helps=helping,
        )
        return trigger, trigger._event(TriggerWritten, owner, at, None, what=text, helps=helping)

    def revise(
        self,
        *,
        actor: PersonId,
        at: datetime,
        what: str | Keep = KEEP,
        helps: str | Keep | None = KEEP,
    ) -> TriggerRevised:
        """Change its words (its owner); what is left out is kept, ``helps=None`` clears it."""
        at = self._begin("revise", actor, at)
        text = self._text(kept(what, self.what), "what") or ""  # required: never None
        helping = self._text(kept(helps, self.helps), "helps", optional=True)
        before = self._fire("revise", at)
        self.what, self.helps = text, helping
        return self._event(TriggerRevised, actor, at, before, what=text, helps=helping)

    def share(
        self, *, actor: PersonId, at: datetime, scope: ShareScope = ShareScope.PARTNER
    ) -> TriggerShared:
        """Share it (its owner) with the partner: from now they can read it."""
        at = self._begin("share", actor, at)
        scope = share_scope(scope)
        before = self._fire("share", at)
        self.shared_with, self.shared_at = (scope,), at
        if self.first_shared_at is None:
            self.first_shared_at = at
        return self._event(TriggerShared, actor, at, before, scope=scope)

    def unshare(
        self, *, actor: PersonId, at: datetime, scope: ShareScope = ShareScope.PARTNER
    ) -> TriggerUnshared:
        """Unshare it (its owner): from now it is theirs alone again, and nobody is told."""
        at = self._begin("unshare", actor, at)
        scope = share_scope(scope)
        before = self._fire("unshare", at)
        return self._event(TriggerUnshared, actor, at, before, scope=scope)

    def _event(
        self,
        cls: type[Ev],
        actor: PersonId,
        at: datetime,
        before: enum.StrEnum | None,
        **data: Any,  # noqa: ANN401 - each event type has its own fields
    ) -> Ev:
        """Record the move just made: whatever left it unshared clears with whom, at once.

        A move made while it is its owner's alone is counted in `private_moves` (its
        event is private to them), so the partner's numbers leave it out.
        """
        if self.state is not _T.SHARED:
            self.shared_with, self.shared_at = (), None
        if self.private_to is not None:
            self.private_moves += 1
        return super()._event(cls, actor, at, before, **data)
