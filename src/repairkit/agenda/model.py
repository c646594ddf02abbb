"""The check-in agenda: what waits for the couple's next check-in, from every workflow.

An `AgendaItem` names its source (the workflow, the object and the state that put it
there) and the day it came, and nothing else: no words of a partner's, no time of day.
A partner's own topic carries the words its author wrote for the check-in.
The agenda is read a page at a time from the ``waiting`` state (`Storage.load_page`),
and an item waits at most `AgendaRules.window_days`, so reading it costs the same in a
couple's tenth year as in their first week.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import ClassVar, Final

import attrs

from repairkit.agenda.events import AgendaItemAdded, AgendaTopicAdded
from repairkit.agenda.rules import AgendaRules
from repairkit.agenda.table import AGENDA_WORKFLOW, AUTHOR, AgendaState
from repairkit.core import (
    EITHER_PARTNER,
    REPAIRKIT,
    SETTING_IN_FORCE,
    SYSTEM,
    HeardNo,
    PersonId,
    Role,
    Workflow,
    WorkflowObject,
    check_instant,
    check_text,
    new_id,
)

__all__ = ["AUTHOR_KEY", "SOURCE_KEY", "TOPIC", "AgendaItem"]

SOURCE_KEY: Final = "source"
"""The index key an item is found by from its source object (`Storage.load_keyed`)."""
AUTHOR_KEY: Final = "author"
"""The index key a partner's own topics are found by (to hold them to `AgendaRules.max_topics`)."""
TOPIC: Final = "topic"
"""The `AgendaItem.workflow` of a partner's own topic (no workflow's object behind it)."""


@attrs.define(eq=False, kw_only=True)
class AgendaItem(WorkflowObject):
    """One thing waiting for the next check-in: an object of a workflow, or a partner's topic."""

    WORKFLOW: ClassVar[Workflow] = AGENDA_WORKFLOW

    id: uuid.UUID
    relationship_id: uuid.UUID
    partners: tuple[PersonId, PersonId]
    workflow: str
    """The kind name of the source's workflow ("request"), or `TOPIC`."""
    source: uuid.UUID | None = None
    """The object that put it on the agenda (None for a topic)."""
    source_state: str | None = None
    """The state that put it there ("set aside")."""
    about: str
    """What the item shows: its workflow's words for the state ("A request set aside"),
    or, for a topic, the words its author wrote."""
    author: PersonId | None = None
    """The partner who added a topic of their own (None for what repairkit added)."""
    day: date
    """The couple's calendar day it came on the agenda: the day only, never the time."""
    created_at: datetime
    rules: AgendaRules = attrs.field(factory=AgendaRules, metadata=SETTING_IN_FORCE)
    """The relationship's agenda rules in force, given whenever it is read (never stored)."""
    state: AgendaState = AgendaState.WAITING
    version: int = 0
    changed_at: datetime | None = None
    heard_no: tuple[HeardNo, ...] = ()

    @property
    def participants(self) -> tuple[PersonId, PersonId]:
        """Both partners: the agenda is theirs together."""
        return self.partners

    @property
    def expires_at(self) -> datetime | None:
        """When it leaves the agenda unless taken up before (`AgendaRules.window_days`)."""
        if self.state is not AgendaState.WAITING:
            return None
        last = self.day + timedelta(days=self.rules.window_days)
        return datetime.combine(last, time(0), tzinfo=UTC)  # from its day: no time of day

    def roles_of(self, actor: PersonId) -> frozenset[Role]:
        """Return the roles *actor* plays: a partner, and a topic's author."""
        if actor == SYSTEM:
            return frozenset({REPAIRKIT})
        if actor not in self.partners:
            return frozenset()
        return frozenset({EITHER_PARTNER, AUTHOR} if actor == self.author else {EITHER_PARTNER})

    # -- coming on the agenda -----------------------------------------------------------

    @classmethod
    def for_source(
        cls,
        *,
        relationship_id: uuid.UUID,
        partners: tuple[PersonId, PersonId],
        workflow: str,
        source: uuid.UUID,
        state: str,
        about: str,
        rules: AgendaRules,
        at: datetime,
        zone: tzinfo,
    ) -> tuple[AgendaItem, AgendaItemAdded]:
        """Put *source* on the agenda, as repairkit, at the move that put it in *state*.

        The event is stored untold: nobody hears of it, and read paths show it (and the
        item's times) to the day only, like the move it follows may be.
        """
        at = check_instant(at, "at")
        item = cls(
            id=new_id(),
            relationship_id=relationship_id,
            partners=partners,
            workflow=workflow,
            source=source,
            source_state=state,
            about=about,
            day=at.astimezone(zone).date(),
            created_at=at,
            rules=rules,
            version=1,
        )
        added = item._event(AgendaItemAdded, SYSTEM, at, None)
        return item, attrs.evolve(added, untold=True)

    @classmethod
    def topic(
        cls,
        *,
        relationship_id: uuid.UUID,
        partners: tuple[PersonId, PersonId],
        author: PersonId,
        words: str,
        rules: AgendaRules,
        at: datetime,
        zone: tzinfo,
    ) -> tuple[AgendaItem, AgendaTopicAdded]:
        """Add *author*'s own topic, in their words, for the next check-in."""
        at = check_instant(at, "at")
        text = check_text(words, "words", max_length=rules.max_topic_length)
        assert text is not None  # noqa: S101 - a required text is never None
        item = cls(
            id=new_id(),
            relationship_id=relationship_id,
            partners=partners,
            workflow=TOPIC,
            about=text,
            author=author,
            day=at.astimezone(zone).date(),
            created_at=at,
            rules=rules,
            version=1,
        )
        return item, item._event(AgendaTopicAdded, author, at, None)
