"""The check-in agenda's commands, reached as ``kit.agenda``."""

from __future__ import annotations

import uuid
from datetime import date, datetime

import attrs

from repairkit.agenda.model import AUTHOR_KEY, AgendaItem
from repairkit.agenda.rules import AgendaRules
from repairkit.agenda.table import AgendaState
from repairkit.commands import FIND_LIMIT, Page, WorkflowCommands
from repairkit.core import PersonId, check_person_id, zone
from repairkit.errors import NotAllowedNow, RepairkitError

__all__ = ["AgendaCommands", "SharedItem"]

_WAITING = (AgendaState.WAITING,)


@attrs.frozen(kw_only=True)
class SharedItem:
    """A waiting agenda item as a third person reads it: no author, no time of day."""

    workflow: str
    """The kind name of its workflow ("request"), or "topic" for a partner's own topic."""
    about: str
    """What the item shows: its workflow's words for the state, or the topic's words."""
    day: date
    """The couple's calendar day it came on the agenda."""


class AgendaCommands(WorkflowCommands[AgendaItem]):
    """The agenda of the couple's next check-in: what every workflow put there, and topics.

    Reach it as ``kit.agenda``. repairkit adds and moves on the items of the workflows
    (`WorkflowSpec.agenda`); a partner adds a topic of their own (`add_topic`) and takes
    it off (`withdraw`). An item is shown to a partner only while they may see the
    object behind it.
    """

    entity = AgendaItem

    def waiting(
        self,
        relationship_id: uuid.UUID,
        *,
        actor: PersonId,
        after: uuid.UUID | None = None,
        limit: int = FIND_LIMIT,
    ) -> Page[AgendaItem]:
        """Return one page of what waits for the next check-in, in the order it came.

        Read from the waiting items only, a page at a time (`WorkflowCommands.find`):
        items leave the agenda when their object moves on, when a topic is taken off,
        or after `AgendaRules.window_days`, so the cost does not grow with the history.
        """
        return self.find(relationship_id, actor=actor, states=_WAITING, after=after, limit=limit)

    def seen_by_both(
        self, relationship_id: uuid.UUID, *, partners: tuple[PersonId, PersonId]
    ) -> list[SharedItem]:
        """Return the first page of waiting items that both partners may see now.

        Each as a third person reads it (`SharedItem`): its workflow, what it shows and
        its day, never who added a topic (``kit.facilitators.shared``, "agenda").
        """
        first, second = (self.waiting(relationship_id, actor=p) for p in partners)
        both = {item.id for item in second}
        return [
            SharedItem(workflow=item.workflow, about=item.about, day=item.day)
            for item in first
            if item.id in both
        ]

    def add_topic(self, relationship_id: uuid.UUID, *, actor: PersonId, words: str) -> AgendaItem:
        """Add a topic of *actor*'s own to the agenda, in their words; nobody is told.

        Each partner has at most `AgendaRules.max_topics` waiting at once (`NotAllowedNow`
        past them, which says when one leaves the agenda by itself).
        """
        actor = check_person_id(actor, "actor")
        relationship = self._relationship_for(relationship_id, actor, "add a topic")
        rules = relationship.settings.of(AgendaRules)
        now = self._runner.now()
        own = self._runner.repository.load_keyed(
            AgendaItem, relationship.id, AUTHOR_KEY, actor, states=[AgendaState.WAITING.value]
        )
        if len(own) >= rules.max_topics:
            raise NotAllowedNow(
                kind=AgendaItem.WORKFLOW.name,
                action="add_topic",
                state=AgendaState.WAITING.value,
                allowed=(),
                reason="Each partner has at most {max_topics} topics of their own"
                " waiting for the check-in; take one off, or bring it to the check-in first.",
                params={"max_topics": rules.max_topics},
                possible_from=min(item.expires_at or now for item in own),
            )
        item, event = AgendaItem.topic(
            relationship_id=relationship.id,
            partners=relationship.partners,
            author=actor,
            words=words,
            rules=rules,
            at=now,
            zone=zone(relationship.settings.time_zone),
        )
        return self._add(item, event)

    def _listed(self, obj: AgendaItem, actor: PersonId, now: datetime) -> bool:
        """Return whether *actor* may read *obj*: a partner, who may see its object now."""
        if not obj.visible_at(actor, now):
            return False
        if obj.source is None:
            return True
        spec = self._runner.workflows.by_name.get(obj.workflow)
        if spec is None:
            return False
        try:
            source = self._runner.repository.load(spec.entity, obj.source)
        except RepairkitError:  # gone, or damaged: nothing to bring to the check-in
            return False
        return bool(source.visible_at(actor, now))
