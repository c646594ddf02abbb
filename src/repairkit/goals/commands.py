"""The SharedGoal workflow's commands, reached as ``kit.goals``."""

from __future__ import annotations

import uuid
from datetime import datetime

import attrs

from repairkit.commands import WorkflowCommands
from repairkit.core.values import PersonId, check_person_id
from repairkit.goals.links import GoalLink, LinkKind, check_kind
from repairkit.goals.model import SharedGoal
from repairkit.goals.queries import check_target, linked_object
from repairkit.goals.rules import GoalRules
from repairkit.goals.table import HOLDING

__all__ = ["GoalCommands"]


class GoalCommands(WorkflowCommands[SharedGoal]):
    """Shared goals: drafted by one partner, holding once both agree, withdrawn by either.

    Reach it as ``kit.goals``. Every command names its actor and returns the goal as it
    now stands, as that actor may see it.
    """

    entity = SharedGoal

    def draft(self, relationship_id: uuid.UUID, *, actor: PersonId, words: str) -> SharedGoal:
        """Write a shared goal down; only *actor* sees it until `propose`.

        *words* say what the two work toward ("to recognise each other's emotional world
        and respond with steady support").
        """
        actor = check_person_id(actor, "actor")
        relationship = self._relationship_for(relationship_id, actor, "propose a shared goal")
        goal, event = SharedGoal.draft(
            relationship_id=relationship.id,
            proposer=actor,
            partner=relationship.other_partner(actor),
            words=words,
            rules=relationship.settings.of(GoalRules),
            at=self._runner.now(),
        )
        return self._add(goal, event)

    def revise(self, goal_id: uuid.UUID, *, actor: PersonId, words: str) -> SharedGoal:
        """Change the draft's words (the proposer, before proposing)."""
        return self._make(goal_id, actor, "revise", words=words)

    def propose(self, goal_id: uuid.UUID, *, actor: PersonId) -> SharedGoal:
        """Send the draft to the partner, whose answer is then awaited."""
        return self._make(goal_id, actor, "propose")

    def agree(self, goal_id: uuid.UUID, *, actor: PersonId) -> SharedGoal:
        """Agree to the proposed goal: it holds."""
        return self._make(goal_id, actor, "agree")

    def decline(self, goal_id: uuid.UUID, *, actor: PersonId) -> SharedGoal:
        """Say no: neutral, counted nowhere."""
        return self._make(goal_id, actor, "decline")

    def withdraw(self, goal_id: uuid.UUID, *, actor: PersonId) -> SharedGoal:
        """Take the goal back before agreement (the proposer)."""
        return self._make(goal_id, actor, "withdraw")

    def propose_revision(self, goal_id: uuid.UUID, *, actor: PersonId, words: str) -> SharedGoal:
        """Propose new words (either partner); the agreed ones hold until the other agrees."""
        return self._make(goal_id, actor, "propose_revision", words=words)

    def agree_to_revision(self, goal_id: uuid.UUID, *, actor: PersonId) -> SharedGoal:
        """Agree to the proposed new words: they hold now."""
        return self._make(goal_id, actor, "agree_to_revision")

    def keep_current(self, goal_id: uuid.UUID, *, actor: PersonId) -> SharedGoal:
        """Keep the agreed words: the partner asked says no to the new words (neutral).

        The partner who proposed them takes them back with ``withdraw_revision`` instead.
        """
        return self._make(goal_id, actor, "keep_current")

    def withdraw_consent(self, goal_id: uuid.UUID, *, actor: PersonId) -> SharedGoal:
        """Withdraw one's consent, alone and at once: the goal no longer holds."""
        return self._make(goal_id, actor, "withdraw_consent")

    def holding(self, relationship_id: uuid.UUID, *, actor: PersonId) -> list[SharedGoal]:
        """Return the relationship's goals that hold now, oldest first."""
        return self.find(relationship_id, actor=actor, states=list(HOLDING))

    # -- links ------------------------------------------------------------------------

    def link(
        self, goal_id: uuid.UUID, *, actor: PersonId, kind: LinkKind | str, target_id: uuid.UUID
    ) -> SharedGoal:
        """Link a request, boundary or check-in agenda item of the relationship that serves it.

        Either partner links, while the goal holds, an object both can see (a draft is
        linked once it is shared). *kind* is ``"request"``, ``"boundary"`` or
        ``"check-in item"`` (`repairkit.agenda.AgendaItem`).
        """
        link = self._checked_link(goal_id, actor, kind, target_id)
        return self._make(goal_id, actor, "link", link=link)

    def unlink(
        self, goal_id: uuid.UUID, *, actor: PersonId, kind: LinkKind | str, target_id: uuid.UUID
    ) -> SharedGoal:
        """Take a link off the goal (either partner, while it holds)."""
        goal = self._visible(goal_id, actor)
        link = GoalLink(kind=check_kind(kind), target=target_id)
        if link not in self._shown_links(goal, check_person_id(actor, "actor")):
            link = GoalLink(kind=link.kind, target=uuid.UUID(int=0))  # refused alike
        return self._make(goal_id, actor, "unlink", link=link)

    def links(self, goal_id: uuid.UUID, *, actor: PersonId) -> tuple[GoalLink, ...]:
        """Return the goal's links that *actor* may see, with the objects they link."""
        goal = self._visible(goal_id, actor)
        return self._shown_links(goal, check_person_id(actor, "actor"))

    def _checked_link(
        self, goal_id: uuid.UUID, actor: PersonId, kind: LinkKind | str, target_id: uuid.UUID
    ) -> GoalLink:
        goal = self._visible(goal_id, actor)
        actor = check_person_id(actor, "actor")
        checked = check_kind(kind)
        target = check_target(
            self._runner.repository.load,
            checked,
            target_id,
            relationship_id=goal.relationship_id,
            actor=actor,
            other=goal.partner if actor == goal.proposer else goal.proposer,
            state=goal.state.value,
            now=self._runner.now(),
        )
        return GoalLink(kind=checked, target=target)

    def _shown_links(
        self, goal: SharedGoal, actor: PersonId, now: datetime | None = None
    ) -> tuple[GoalLink, ...]:
        at = self._runner.now() if now is None else now
        return tuple(
            link
            for link in goal.links
            if linked_object(
                self._runner.repository.load,
                link.kind,
                link.target,
                relationship_id=goal.relationship_id,
                reader=actor,
                now=at,
            )
        )

    def _as_seen(self, obj: SharedGoal, actor: PersonId, now: datetime | None = None) -> SharedGoal:
        """Return the goal as *actor* may see it, with only the links they may follow."""
        seen = super()._as_seen(obj, actor, now)
        if actor not in seen.participants:
            return seen
        return attrs.evolve(seen, links=self._shown_links(seen, actor, now))
