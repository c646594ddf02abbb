"""A heated talk the partners chose to time: a discussion timer that only advises.

The practice (docs/practices.md): a heated discussion has an agreed time limit (for
example 20-30 minutes); when it comes, both are told that a time-out might help. It is
advice only: the talk stays open and nothing is blocked. Either partner alone ends the
talk or sets its topic aside for the next check-in; a talk nobody closes is closed by
repairkit at `TalkRules.close_after_hours` (no lock-in). With the optional moratorium
(Terry Real's 24 hours, `TalkRules.moratorium_hours`), a topic rests after its talk:
no new talk on it can start meanwhile, for either partner, whoever closed it.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any, ClassVar

import attrs

from repairkit.core.engine import Workflow
from repairkit.core.entity import WorkflowObject
from repairkit.core.leaving import CLOSE_BY_LEAVING
from repairkit.core.settings import SETTING_IN_FORCE
from repairkit.core.suggestions import when
from repairkit.core.values import PersonId, check_instant, check_person_id, new_id
from repairkit.errors import InvalidInput, NotAllowedNow
from repairkit.talks.events import TalkStarted
from repairkit.talks.rules import LIMIT_MINUTES, TalkRules
from repairkit.talks.table import OPEN, TALK_WORKFLOW, TalkState

__all__ = ["Talk", "topic_rests_until"]

_S = TalkState
_ENDING = frozenset(
    m.trigger for m in TALK_WORKFLOW.moves if m.dest not in OPEN and m.trigger != CLOSE_BY_LEAVING
)
"""The moves that end the talk, after which its topic may rest (a partner leaving ends all)."""


@attrs.define(eq=False, kw_only=True)
class Talk(WorkflowObject):
    """A heated talk one partner started timing; both take part in it alike."""

    WORKFLOW: ClassVar[Workflow] = TALK_WORKFLOW

    id: uuid.UUID
    relationship_id: uuid.UUID
    started_by: PersonId
    other: PersonId
    rules: TalkRules = attrs.field(factory=TalkRules, metadata=SETTING_IN_FORCE)
    started_at: datetime
    limit_at: datetime
    """When both hear that a time-out might help: the start plus the agreed limit."""
    topic: uuid.UUID
    """The first talk on this topic: the talk's own id, or that of the talk it is about."""
    about: uuid.UUID | None = None
    """The earlier talk on the same topic it raises, if any."""
    state: TalkState = TalkState.TALKING
    version: int = 0
    changed_at: datetime | None = None

    # -- who is who ---------------------------------------------------------------

    @property
    def participants(self) -> tuple[PersonId, PersonId]:
        """The partner who started timing it and the other; both play the same role."""
        return (self.started_by, self.other)

    @property
    def created_at(self) -> datetime:
        """When the talk was made (its start): lists order by it, as for every workflow."""
        return self.started_at

    # -- time -----------------------------------------------------------------------

    @property
    def closes_at(self) -> datetime:
        """When repairkit closes the talk if nobody did."""
        return self.started_at + timedelta(hours=self.rules.close_after_hours)

    @property
    def rests_until(self) -> datetime | None:
        """Until when the topic rests after this talk (its moratorium), or None."""
        hours = self.rules.moratorium_hours
        if hours is None or self.state in OPEN or self.changed_at is None:
            return None
        return self.changed_at + timedelta(hours=hours)

    def _rest_from(self, at: datetime) -> datetime | None:
        hours = self.rules.moratorium_hours
        return None if hours is None else at + timedelta(hours=hours)

    # -- creating -------------------------------------------------------------------

    @classmethod
    def start(
        cls,
        *,
        relationship_id: uuid.UUID,
        started_by: PersonId,
        other: PersonId,
        rules: TalkRules,
        at: datetime,
        limit_minutes: int | None = None,
        about: Talk | None = None,
        on_topic: Iterable[Talk] = (),
    ) -> tuple[Talk, TalkStarted]:
        """Start timing a talk; *about* names an earlier talk on the same topic.

        *on_topic* are the relationship's talks on *about*'s topic: a new one cannot
        start while one of them is open, or while the topic rests (the moratorium).
        """
        at = check_instant(at, "at")
        started_by = check_person_id(started_by, "started_by")
        limit = rules.limit_minutes if limit_minutes is None else limit_minutes
        low, high = LIMIT_MINUTES
        high = min(high, rules.close_after_hours * 60 - 1)
        if not isinstance(limit, int) or isinstance(limit, bool) or not low <= limit <= high:
            raise InvalidInput(
                "limit_minutes",
                "needs a whole number of minutes, {low} to {high}.",
                low=low,
                high=high,
            )
        if about is not None:
            _check_topic_free(about, on_topic, at)
        new = new_id()
        talk = cls(
            id=new,
            relationship_id=relationship_id,
            started_by=started_by,
            other=other,
            rules=rules,
            started_at=at,
            limit_at=at + timedelta(minutes=limit),
            topic=new if about is None else about.topic,
            about=None if about is None else about.id,
            version=1,
        )
        event = talk._event(
            TalkStarted, started_by, at, None, limit_at=talk.limit_at, topic=talk.topic
        )
        return talk, event

    # -- moves: plain, the table names each one's event (`WorkflowObject.make`) ------

    def event_data(self, trigger: str, at: datetime) -> dict[str, Any]:
        """A move that ends the talk (end, set_aside, close) records until when its topic rests."""
        return {"rests_until": self._rest_from(at)} if trigger in _ENDING else {}


def _check_topic_free(about: Talk, on_topic: Iterable[Talk], at: datetime) -> None:
    """Refuse a new talk on a topic whose talk is open, or that rests until later."""
    talks = [t for t in (about, *on_topic) if t.topic == about.topic]
    for talk in talks:
        if talk.state in OPEN:
            raise NotAllowedNow(
                kind=TALK_WORKFLOW.name,
                action="start",
                state=talk.state.value,
                allowed=(),
                reason="A talk on this topic is open; it can go on there (end or set"
                " it aside there first).",
            )
    until = max((r for t in talks if (r := t.rests_until) is not None and at < r), default=None)
    if until is not None:
        talk = next(t for t in talks if t.rests_until == until)
        raise NotAllowedNow(
            kind=TALK_WORKFLOW.name,
            action="start",
            state=talk.state.value,
            allowed=(),
            reason=(
                "This topic rests for the time you both agreed, for each of you alike;"
                " a talk on it can start from {when}."
            ),
            possible_from=until,
            params={"when": when(until)},
        )


def topic_rests_until(talks: Iterable[Talk], at: datetime) -> datetime | None:
    """Return until when the topic of *talks* rests after *at*, or None if it is free."""
    ends = [r for t in talks if (r := t.rests_until) is not None and at < r]
    return max(ends, default=None)
