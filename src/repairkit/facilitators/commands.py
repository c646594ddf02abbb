"""The facilitator's commands, reached as ``kit.facilitators``."""

from __future__ import annotations

import uuid
from collections.abc import Collection
from typing import Any

from repairkit.commands import WorkflowCommands
from repairkit.core.events import DomainEvent
from repairkit.core.values import PersonId, check_person_id
from repairkit.errors import InvalidInput, NotAllowedNow
from repairkit.facilitators.model import Facilitator
from repairkit.facilitators.rules import FacilitatorRules
from repairkit.facilitators.table import OPEN

__all__ = ["FacilitatorCommands"]


class FacilitatorCommands(WorkflowCommands[Facilitator]):
    """A third person (a therapist, a trusted mediator) in the couple's check-ins.

    Reach it as ``kit.facilitators``. A partner proposes inviting them (`propose`); they
    take part once the other partner agrees (`agree`), each partner consenting to share
    some categories (`categories`). The third person reads a category (`shared`) only
    while invited and while both partners consent to it, checked at each read. Either
    partner ends their part alone and at once (``remove``, a plain move); they may step
    down (``step_down``). ``decline`` and ``withdraw`` are plain moves too.
    """

    entity = Facilitator

    def categories(self) -> dict[str, str]:
        """Return what can be shared with a third person: each category and what it holds.

        Derived from the kit's workflows (`WorkflowSpec.shared_with_facilitator`), in
        registry order.
        """
        return {
            name: share.description
            for name, (_, share) in self._runner.workflows.shared_with_facilitator.items()
        }

    def _known(self) -> tuple[str, ...]:
        return tuple(self._runner.workflows.shared_with_facilitator)

    def propose(
        self,
        relationship_id: uuid.UUID,
        *,
        actor: PersonId,
        person: PersonId,
        approach: str,
        categories: Collection[str] = (),
    ) -> Facilitator:
        """Propose inviting *person* as a third person; the other partner's answer is awaited.

        *approach* says who they are ("couples therapist, Gottman method"); *categories*
        are what the proposer consents to share (`categories`). A relationship has one
        third person proposed or taking part at a time.

        Raises:
            InvalidInput: *person* is no person id, or one of the partners; *approach* is
                empty or too long; *categories* names one this kit does not know.
            NotAllowedNow: a third person is proposed or taking part already.
        """
        actor = check_person_id(actor, "actor")
        relationship = self._relationship_for(relationship_id, actor, "propose a third person")
        facilitator, event = Facilitator.propose(
            relationship_id=relationship.id,
            proposer=actor,
            partner=relationship.other_partner(actor),
            person=person,
            approach=approach,
            categories=categories,
            known=self._known(),
            rules=relationship.settings.of(FacilitatorRules),
            time_zone=relationship.settings.time_zone,
            at=self._runner.now(),
        )
        if self._runner.repository.load_all(
            Facilitator, relationship.id, states=[state.value for state in OPEN]
        ):
            raise NotAllowedNow(
                kind=Facilitator.WORKFLOW.name,
                action="propose",
                state="",
                allowed=(),
                reason="A third person is proposed or taking part already; one at a time."
                " Their part can be ended, or the proposal answered, first.",
            )
        return self._add(facilitator, event)

    def agree(
        self, facilitator_id: uuid.UUID, *, actor: PersonId, categories: Collection[str] = ()
    ) -> Facilitator:
        """Agree to invite the third person (the partner asked), consenting to *categories*.

        They take part from now on, reading only what both partners consent to.
        """
        known = self._known()
        return self._make(facilitator_id, actor, "agree", categories=categories, known=known)

    def consent(
        self, facilitator_id: uuid.UUID, *, actor: PersonId, categories: Collection[str]
    ) -> Facilitator:
        """Set what *actor* consents to share with the third person (either partner, alone).

        The scope is what both consent to: narrowing one's own applies at once, and
        widening it widens the scope only as far as the other partner consents.
        """
        known = self._known()

        def act(obj: Facilitator, now: Any) -> DomainEvent:  # noqa: ANN401 - the kit's now
            return obj.set_consent(actor=actor, at=now, categories=categories, known=known)

        return self._run(facilitator_id, actor, act, "consent")

    def reflect(self, facilitator_id: uuid.UUID, *, actor: PersonId, words: str) -> Facilitator:
        """Reflect back what one heard, as an entry of one's own (the third person).

        Both partners read it and hear, in repairkit's words, that there is one.
        """
        return self._make(facilitator_id, actor, "reflect", words=words)

    def suggest(self, facilitator_id: uuid.UUID, *, actor: PersonId, words: str) -> Facilitator:
        """Offer a suggestion, as an entry of one's own (the third person)."""
        return self._make(facilitator_id, actor, "suggest", words=words)

    def remove_entry(
        self, facilitator_id: uuid.UUID, *, actor: PersonId, entry: int
    ) -> Facilitator:
        """Take one's own entry number *entry* out (the third person)."""
        return self._make(facilitator_id, actor, "remove_entry", entry=entry)

    # -- reading what is shared ---------------------------------------------------------

    def shared(self, facilitator_id: uuid.UUID, *, actor: PersonId, category: str) -> list[Any]:
        """Return what both partners share with the third person in *category*, as of now.

        Checked at each call, from what is stored: the third person is invited now, and
        both partners consent to *category* now. What is returned is what both partners
        may see (`FacilitatorShare.read`). The partners may read it too, to see what the
        third person sees.

        Raises:
            NotFound: *actor* is neither partner nor the third person while invited (alike
                for a missing id: removed, they are told nothing more).
            InvalidInput: *category* is none this kit knows (`categories`).
            NotAllowedNow: the third person is not invited (now), or *category* is not
                shared with them now.
        """
        actor = check_person_id(actor, "actor")
        facilitator = self._visible(facilitator_id, actor)
        known = self._runner.workflows.shared_with_facilitator
        if not isinstance(category, str) or category not in known:
            names = ", ".join(repr(c) for c in known) or "none in this kit"
            raise InvalidInput(
                "category", "names no category that can be shared; from: {names}.", names=names
            )
        reason = None
        if not facilitator.invited:
            reason = "What is shared is read only while the third person takes part."
        elif category not in facilitator.scope:
            reason = (
                "This category is not shared with the third person now: it is shared only"
                " while both partners consent to it."
            )
        if reason is not None:
            raise NotAllowedNow(
                kind=Facilitator.WORKFLOW.name,
                action="shared",
                state=facilitator.state.value,
                allowed=self._open_moves(facilitator, actor, self._runner.now()),
                finished=facilitator.is_finished,
                reason=reason,
            )
        spec, share = known[category]
        assert spec.commands is not None  # noqa: S101 - the registry checks it
        commands = spec.commands(self._runner)
        return list(share.read(commands, facilitator.relationship_id, facilitator.partners))

    def events(self, id: uuid.UUID, *, actor: PersonId) -> list[DomainEvent]:
        """Return the events *actor* may see; the third person sees only their own moves.

        Who proposed them, who agreed and who changed their consent are the partners'
        own: the third person never reads which partner chose what.
        """
        seen = super().events(id, actor=actor)
        obj = self._visible(id, actor)
        if actor in obj.partners:
            return seen
        return [event for event in seen if event.actor == actor]
