"""The Boundary workflow's commands, reached as ``kit.boundaries``."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import ClassVar

from repairkit.boundaries.model import Boundary
from repairkit.boundaries.rules import BoundaryRules
from repairkit.boundaries.table import IN_FORCE, BoundaryState
from repairkit.boundaries.wording import OWN_ACTION_WORDING, OwnActionWording
from repairkit.commands import Precondition, WorkflowCommands
from repairkit.core.drafts import KEEP, Keep
from repairkit.core.suggestions import when, words
from repairkit.core.values import PersonId, check_person_id
from repairkit.errors import NotAllowedNow

__all__ = ["BoundaryCommands"]


class BoundaryCommands(WorkflowCommands[Boundary]):
    """Boundaries: drafted by one partner, in force once both agree, suspended by either.

    Reach it as ``kit.boundaries``. Every command names its actor and returns the
    boundary as it now stands, as that actor may see it.
    """

    entity = Boundary

    wording: OwnActionWording = OWN_ACTION_WORDING
    """How an own action is checked to be one's own step, never a sanction on the other
    (repairkit's own, `OWN_ACTION_WORDING`); an app extends it and sets it here, on its
    kit: ``kit.boundaries.wording = OWN_ACTION_WORDING.extended(...)``."""

    def draft(
        self,
        relationship_id: uuid.UUID,
        *,
        actor: PersonId,
        rule: str,
        own_action: str | None = None,
    ) -> Boundary:
        """Write a boundary down; only *actor* sees it until `propose`.

        *rule* says what is and is not all right between the two ("no sarcasm when we
        disagree"); *own_action* what *actor* will do for themselves if it is crossed
        ("I will take a break and come back in an hour"), never a sanction on the other.
        """
        actor = check_person_id(actor, "actor")
        relationship = self._relationship_for(relationship_id, actor, "propose a boundary")
        boundary, event = Boundary.draft(
            relationship_id=relationship.id,
            proposer=actor,
            partner=relationship.other_partner(actor),
            rule=rule,
            own_action=own_action,
            rules=relationship.settings.of(BoundaryRules),
            at=self._runner.now(),
            wording=self.wording,
        )
        return self._add(boundary, event)

    def revise(
        self,
        boundary_id: uuid.UUID,
        *,
        actor: PersonId,
        rule: str | Keep = KEEP,
        own_action: str | Keep | None = KEEP,
    ) -> Boundary:
        """Change the draft's rule or one's own action (the proposer, before proposing).

        What is left out is kept; ``None`` clears one's own action (the rule stays).
        """
        return self._make(
            boundary_id, actor, "revise", rule=rule, own_action=own_action, wording=self.wording
        )

    def propose(self, boundary_id: uuid.UUID, *, actor: PersonId) -> Boundary:
        """Send the draft to the partner, whose answer is then awaited.

        After the partner declined a boundary in the same words, its proposer waits
        `BoundaryRules.reask_wait_hours` before proposing those words once more.
        """
        return self._make(boundary_id, actor, "propose")

    def _check_reask_wait(self, draft: Boundary, actor: PersonId, now: datetime) -> None:
        """Make its proposer wait out the wait after a no to the same words.

        Anyone else is refused by the move itself.
        """
        if draft.proposer != actor:
            return
        wait = timedelta(hours=draft.rules.reask_wait_hours)
        said = words(draft.terms.rule)
        declined = self._runner.repository.load_keyed(  # the rule's words only, not the history
            Boundary, draft.relationship_id, "words", said, states=[BoundaryState.DECLINED.value]
        )
        nos = [
            other.changed_at
            for other in declined
            if other.id != draft.id
            and other.proposer == draft.proposer
            and other.state is BoundaryState.DECLINED
            and other.changed_at is not None
            and now < other.changed_at + wait
            and words(other.terms.rule) == said
        ]
        if nos:
            opens = max(nos) + wait
            raise NotAllowedNow(
                kind="boundary",
                action="propose",
                state=draft.state.value,
                allowed=("revise", "withdraw"),
                reason="A boundary in these words was answered with a no a short while ago;"
                " it can be proposed from {when}.",
                params={"when": when(opens)},
                possible_from=opens,
            )

    preconditions: ClassVar[Mapping[str, Precondition]] = {"propose": _check_reask_wait}

    def agree(
        self, boundary_id: uuid.UUID, *, actor: PersonId, own_action: str | None = None
    ) -> Boundary:
        """Agree to the latest wording, with one's own action if one likes: it is in force."""
        return self._make(boundary_id, actor, "agree", own_action=own_action, wording=self.wording)

    def counter(
        self,
        boundary_id: uuid.UUID,
        *,
        actor: PersonId,
        rule: str,
        own_action: str | None = None,
    ) -> Boundary:
        """Suggest other words; after `BoundaryRules.max_rounds` rounds it is set aside."""
        return self._make(
            boundary_id, actor, "counter", rule=rule, own_action=own_action, wording=self.wording
        )

    def decline(self, boundary_id: uuid.UUID, *, actor: PersonId) -> Boundary:
        """Say no to the latest wording: a fair answer, counted nowhere."""
        return self._make(boundary_id, actor, "decline")

    def withdraw(self, boundary_id: uuid.UUID, *, actor: PersonId) -> Boundary:
        """Take the boundary back before agreement (the proposer)."""
        return self._make(boundary_id, actor, "withdraw")

    def set_aside(self, boundary_id: uuid.UUID, *, actor: PersonId) -> Boundary:
        """Not now: keep a proposed boundary for the next check-in (either partner)."""
        return self._make(boundary_id, actor, "set_aside")

    def propose_revision(
        self,
        boundary_id: uuid.UUID,
        *,
        actor: PersonId,
        rule: str | Keep = KEEP,
        own_action: str | Keep | None = KEEP,
    ) -> Boundary:
        """Propose new words (either partner); the current ones stay until the other agrees.

        What is left out is kept; ``None`` clears one's own action (the rule stays).
        For a suspended boundary, this asks to renew it (the same words, or new ones).
        """
        return self._make(
            boundary_id,
            actor,
            "propose_revision",
            rule=rule,
            own_action=own_action,
            wording=self.wording,
        )

    def agree_to_revision(self, boundary_id: uuid.UUID, *, actor: PersonId) -> Boundary:
        """Agree to the proposed new words: they are in force."""
        return self._make(boundary_id, actor, "agree_to_revision")

    def keep_current(self, boundary_id: uuid.UUID, *, actor: PersonId) -> Boundary:
        """Say no to the proposed new words (the partner asked): the current ones stay.

        Whoever proposed them waits `BoundaryRules.reask_wait_hours` before new words.
        """
        return self._make(boundary_id, actor, "keep_current")

    def withdraw_revision(self, boundary_id: uuid.UUID, *, actor: PersonId) -> Boundary:
        """Take one's proposed new words back before an answer (their proposer): no wait."""
        return self._make(boundary_id, actor, "withdraw_revision")

    def withdraw_consent(self, boundary_id: uuid.UUID, *, actor: PersonId) -> Boundary:
        """Withdraw one's consent, alone and at once: the boundary is suspended."""
        return self._make(boundary_id, actor, "withdraw_consent")

    def retire(self, boundary_id: uuid.UUID, *, actor: PersonId) -> Boundary:
        """Let a suspended boundary go (either partner)."""
        return self._make(boundary_id, actor, "retire")

    def in_force(self, relationship_id: uuid.UUID, *, actor: PersonId) -> list[Boundary]:
        """Return the relationship's boundaries in force now, oldest first."""
        return self.find(relationship_id, actor=actor, states=list(IN_FORCE))
