"""The commands of a person's private space: ``kit.triggers`` and ``kit.pauses``."""

from __future__ import annotations

import uuid

from repairkit.commands import WorkflowCommands
from repairkit.core.drafts import KEEP, Keep
from repairkit.core.values import PersonId, check_id, check_person_id
from repairkit.errors import InvalidInput, NotFound
from repairkit.triggers.events import ShareScope
from repairkit.triggers.model import Trigger
from repairkit.triggers.pause import Pause, PauseCounts
from repairkit.triggers.rules import PauseRules, TriggerRules
from repairkit.triggers.table import LISTED, PauseState

__all__ = ["PERSON", "PauseCommands", "TriggerCommands"]

PERSON = "person"
"""The index key of a pause: its person (`Storage.load_keyed`), for their counts."""


class TriggerCommands(WorkflowCommands[Trigger]):
    """A person's own triggers: written privately, shared with the partner and unshared.

    Reach it as ``kit.triggers``. ``remove`` is a plain move: the namespace answers it
    from the table (``kit.triggers.remove(trigger_id, actor=...)``). `find` lists one's
    own triggers and those the partner shares now (``owner`` says whose).
    """

    entity = Trigger

    def write(
        self,
        relationship_id: uuid.UUID,
        *,
        actor: PersonId,
        what: str,
        helps: str | None = None,
    ) -> Trigger:
        """Write one trigger down: *what* tends to set one off, and what *helps* then.

        Only *actor* sees it (nor that it exists) until they `share` it; nobody is told.
        """
        actor = check_person_id(actor, "actor")
        relationship = self._relationship_for(relationship_id, actor, "write a trigger")
        trigger, event = Trigger.write(
            relationship_id=relationship.id,
            owner=actor,
            partner=relationship.other_partner(actor),
            what=what,
            helps=helps,
            rules=relationship.settings.of(TriggerRules),
            at=self._runner.now(),
        )
        return self._add(trigger, event)

    def revise(
        self,
        trigger_id: uuid.UUID,
        *,
        actor: PersonId,
        what: str | Keep = KEEP,
        helps: str | Keep | None = KEEP,
    ) -> Trigger:
        """Change its words (its owner); a part left out is kept, ``helps=None`` clears it.

        Shared, the partner reads the new words; nobody is told.
        """
        return self._make(trigger_id, actor, "revise", what=what, helps=helps)

    def share(
        self,
        trigger_id: uuid.UUID,
        *,
        actor: PersonId,
        scope: ShareScope = ShareScope.PARTNER,
    ) -> Trigger:
        """Share it (its owner) with the partner, who is told calmly and can read it.

        *scope* says with whom: only `ShareScope.PARTNER` for now (a check-in's
        facilitator joins once that workflow exists).
        """
        return self._make(trigger_id, actor, "share", scope=scope)

    def unshare(
        self,
        trigger_id: uuid.UUID,
        *,
        actor: PersonId,
        scope: ShareScope = ShareScope.PARTNER,
    ) -> Trigger:
        """Unshare it (its owner): at once the partner reads nothing of it, and is not told.

        It leaves their ``get`` (`NotFound`, as for an unknown id), ``find`` and events,
        the relationship's among them; it is its owner's alone again.
        """
        return self._make(trigger_id, actor, "unshare", scope=scope)


class PauseCommands(WorkflowCommands[Pause]):
    """The pause before reacting: recorded by a person for themselves only.

    Reach it as ``kit.pauses`` (not to be confused with ``kit.relationships.pause``,
    which pauses the relationship). ``take_back`` is a plain move. Nothing here ever
    reaches the other partner: no notice, no event, no count.
    """

    entity = Pause

    def record(
        self,
        relationship_id: uuid.UUID,
        *,
        actor: PersonId,
        trigger_id: uuid.UUID | None = None,
    ) -> Pause:
        """Record that *actor* paused before reacting, naming one of their triggers if they like.

        *trigger_id* names a trigger of *actor*'s own, on their list (private or shared).
        The trigger itself does not change: the partner it is shared with learns nothing.

        Raises:
            NotFound: *trigger_id* names no trigger *actor* may see (alike for none).
            InvalidInput: it names the partner's trigger, or one taken off the list.
        """
        actor = check_person_id(actor, "actor")
        relationship = self._relationship_for(relationship_id, actor, "record a pause")
        named = None
        if trigger_id is not None:
            named = self._own_trigger(trigger_id, actor, relationship.id)
        pause, event = Pause.record(
            relationship_id=relationship.id,
            person=actor,
            trigger_id=named,
            rules=relationship.settings.of(PauseRules),
            at=self._runner.now(),
        )
        return self._add(pause, event)

    def _own_trigger(
        self, trigger_id: uuid.UUID, actor: PersonId, relationship_id: uuid.UUID
    ) -> uuid.UUID:
        """Return *trigger_id* if it names a trigger on *actor*'s own list, in the relationship."""
        trigger_id = check_id(trigger_id, "trigger_id")
        try:
            trigger = self._runner.repository.load(Trigger, trigger_id)
        except NotFound:
            raise NotFound("trigger", trigger_id) from None
        if trigger.relationship_id != relationship_id or not trigger.visible_to(actor):
            raise NotFound("trigger", trigger_id)
        if trigger.owner != actor:
            raise InvalidInput("trigger_id", "names a trigger of the partner's; name one of yours.")
        if trigger.state not in LISTED:
            raise InvalidInput(
                "trigger_id", "names a trigger taken off your list; name one on it, or none."
            )
        return trigger.id

    def counts(self, relationship_id: uuid.UUID, *, actor: PersonId) -> PauseCounts:
        """Return *actor*'s own counts of pausing, over the rolling window: for them alone.

        Totals inside `PauseRules.window_days`, and per trigger they named: no streaks,
        nothing per day, nothing older than the window. Only their own pauses are read
        (the ``person`` index, recorded ones only), never the partner's.
        """
        relationship = self._runner.relationship(relationship_id, actor=actor)
        pauses = self._runner.repository.load_keyed(
            Pause, relationship.id, PERSON, str(actor), states=[PauseState.RECORDED.value]
        )
        return PauseCounts.of(
            (p for p in pauses if p.person == actor),
            rules=relationship.settings.of(PauseRules),
            now=self._runner.now(),
        )
