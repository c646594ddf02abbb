"""An entry of the private log: a moment of connection or of neglect, in its author's words.

The practice (docs/practices.md, the private log): each partner keeps a log of moments
of connection and of neglect, what triggered a withdrawal or a surge of closeness, and
what reduced the harm. An entry is its author's alone: nobody else sees it, nor that it
exists, until they share it, one entry at a time. They unshare, edit or delete it
whenever they like; deleting keeps nothing of its words.

Time is coarse: the author places an entry on a day and a part of the day
(`repairkit.connectionlog.moments`). What the partner reads of a shared entry
(`seen_by`) is written and changed at the start of that part of the day, at version 1:
nothing tells them when it was written, shared or rewritten, nor how often. Tags from
small closed lists (`LogRules.trigger_tags`, `LogRules.helped_tags`) let a joint review
count patterns without reading anyone's words.
"""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime
from typing import Any, ClassVar, Final, Self, TypeVar

import attrs

from repairkit.connectionlog.events import LogEntryEdited, LogEntryWritten
from repairkit.connectionlog.moments import (
    PartOfDay,
    check_day,
    iso_week,
    moment_of,
    moment_start,
    part_of_day,
)
from repairkit.connectionlog.rules import LogRules
from repairkit.connectionlog.table import AUTHOR, ENTRY_WORKFLOW, LogEntryState
from repairkit.core.drafts import KEEP, Keep, kept
from repairkit.core.engine import EITHER_PARTNER, REPAIRKIT, Role, Workflow
from repairkit.core.entity import WorkflowObject
from repairkit.core.events import DomainEvent
from repairkit.core.settings import SETTING_IN_FORCE, zone
from repairkit.core.values import SYSTEM, PersonId, check_instant, check_text, new_id
from repairkit.errors import InvalidInput

__all__ = ["SHARED_WEEK", "EntryKind", "LogEntry", "entry_kind"]

Ev = TypeVar("Ev", bound=DomainEvent)
_E = LogEntryState

SHARED_WEEK: Final = "shared week"
"""The index key of a shared entry: the ISO week of its day ("2026-W10"). Only shared
entries carry it, so a review and progress read a window of weeks, never the log."""


class EntryKind(enum.StrEnum):
    """What moment an entry of the log is about."""

    CONNECTION = "connection"
    """A moment of connection: a surge of closeness, a bid turned toward."""
    NEGLECT = "neglect"
    """A moment of neglect: a withdrawal, a bid missed."""


def entry_kind(value: object) -> EntryKind:
    """Return *value* as an `EntryKind` (its member or its value), or raise `InvalidInput`."""
    if isinstance(value, EntryKind):
        return value
    if isinstance(value, str) and value in EntryKind._value2member_map_:
        return EntryKind(value)
    kinds = ", ".join(repr(k.value) for k in EntryKind)
    raise InvalidInput("kind", "needs one of {kinds}.", kinds=kinds)


def _tags(value: object, allowed: tuple[str, ...], limit: int, field: str) -> tuple[str, ...]:
    """Return *value* as distinct tags of *allowed* (at most *limit*), or raise `InvalidInput`."""
    if isinstance(value, str) or not isinstance(value, (tuple, list)):
        raise InvalidInput(field, "needs a list of tags (it may be empty).")
    if not all(isinstance(t, str) and t in allowed for t in value):
        names = ", ".join(repr(t) for t in allowed)
        raise InvalidInput(field, "takes tags from this list only: {names}.", names=names)
    tags = tuple(dict.fromkeys(value))
    if len(tags) > limit:
        raise InvalidInput(field, "holds at most {limit} tags.", limit=limit)
    return tags


@attrs.define(eq=False, kw_only=True)
class LogEntry(WorkflowObject):
    """One entry of a partner's own log (its ``author``)."""

    WORKFLOW: ClassVar[Workflow] = ENTRY_WORKFLOW

    id: uuid.UUID
    relationship_id: uuid.UUID
    author: PersonId
    """The partner who wrote it: it is theirs, and only they move it."""
    partner: PersonId
    """The other partner, who reads it while it is shared."""
    rules: LogRules = attrs.field(factory=LogRules, metadata=SETTING_IN_FORCE)
    """The relationship's rules in force, given whenever it is read (never stored)."""
    time_zone: str = attrs.field(default="UTC", metadata=SETTING_IN_FORCE)
    """The couple's time zone in force (never stored): days count in it."""
    created_at: datetime
    kind: EntryKind
    what: str
    """What happened, in the author's words ("" once deleted)."""
    trigger: str | None = None
    """What triggered a withdrawal or a surge of closeness, in the author's words."""
    trigger_tags: tuple[str, ...] = ()
    """Tags of the trigger, from `LogRules.trigger_tags`."""
    helped: str | None = None
    """What reduced the harm, in the author's words."""
    helped_tags: tuple[str, ...] = ()
    """Tags of what helped, from `LogRules.helped_tags`."""
    day: date
    """The day the moment happened, in the couple's time zone."""
    part: PartOfDay
    """The part of that day."""
    noted_at: datetime
    """When that part of that day began (UTC): the only time the partner reads."""
    state: LogEntryState = LogEntryState.PRIVATE
    version: int = 0
    changed_at: datetime | None = None

    # -- who is who ---------------------------------------------------------------

    @property
    def participants(self) -> tuple[PersonId, PersonId]:
        """Its author and the partner."""
        return (self.author, self.partner)

    @property
    def private_to(self) -> PersonId | None:
        """Its author, unless it is shared now."""
        return None if self.state is _E.SHARED else self.author

    @property
    def week(self) -> str:
        """The ISO week of its day ("2026-W10")."""
        return iso_week(self.day)

    def roles_of(self, actor: PersonId) -> frozenset[Role]:
        """Return the roles *actor* plays: its author; the partner only reads it."""
        if actor == SYSTEM:
            return frozenset({REPAIRKIT})
        if not self.visible_to(actor):
            return frozenset()
        if actor == self.author:
            return frozenset({AUTHOR, EITHER_PARTNER})
        return frozenset({EITHER_PARTNER})

    def seen_by(self, person: PersonId) -> Self:
        """Return it as *person* may see it: to the partner, at its part of the day only.

        Written and changed when that part of the day began, at version 1: nothing of
        when it was written, shared or rewritten, nor how often, is left in it.
        """
        if person == self.author:
            return self
        return attrs.evolve(self, version=1, created_at=self.noted_at, changed_at=self.noted_at)

    def version_seen_by(self, person: PersonId) -> int:
        """Return the version *person* knows it at, without copying it."""
        return self.version if person == self.author else 1

    # -- writing ------------------------------------------------------------------------

    @classmethod
    def write(
        cls,
        *,
        relationship_id: uuid.UUID,
        author: PersonId,
        partner: PersonId,
        rules: LogRules,
        time_zone: str,
        at: datetime,
        **fields: Any,  # noqa: ANN401 - checked one by one (`_checked`)
    ) -> tuple[LogEntry, LogEntryWritten]:
        """Write one entry; only *author* sees it (nor that it exists) until it is shared."""
        at = check_instant(at, "at")
        day, part = moment_of(at, zone(time_zone), rules.part_starts)
        entry = cls(
            id=new_id(),
            relationship_id=relationship_id,
            author=author,
            partner=partner,
            rules=rules,
            time_zone=time_zone,
            created_at=at,
            kind=EntryKind.CONNECTION,
            what="",
            day=day,
            part=part,
            noted_at=moment_start(day, part, zone(time_zone), rules.part_starts),
            version=1,
        )
        entry._apply(entry._checked(at, fields))
        return entry, entry._event(LogEntryWritten, author, at, None)

    def edit(self, *, actor: PersonId, at: datetime, **fields: Any) -> LogEntryEdited:  # noqa: ANN401
        """Rewrite what is given (its author); what is left out (`KEEP`) stays as it is."""
        at = self._begin("edit", actor, at)
        checked = self._checked(at, fields)
        before = self._fire("edit", at)
        self._apply(checked)
        return self._event(LogEntryEdited, actor, at, before)

    def _checked(self, at: datetime, fields: dict[str, Any]) -> dict[str, Any]:
        """Return *fields* checked, each left out or `KEEP` taken from the entry as it is.

        Only what is given is checked against the rules in force: a text or tags kept
        as they are stay, even if rules agreed later are stricter (a shorter
        `LogRules.max_text_length`, a shorter tag list), so they never block changing
        another field. What is given must fit the rules in force.
        """
        known = {"kind", "what", "trigger", "trigger_tags", "helped", "helped_tags", "day", "part"}
        strays = sorted(set(fields) - known)
        if strays:
            raise InvalidInput(strays[0], "is no part of a log entry.")
        given = {name for name in known if fields.get(name, KEEP) is not KEEP}
        value = {name: kept(fields.get(name, KEEP), getattr(self, name)) for name in known}
        rules = self.rules
        checked: dict[str, Any] = {
            name: getattr(self, name)
            for name in ("what", "trigger", "trigger_tags", "helped", "helped_tags")
            if name not in given
        }
        for name in ("what", "trigger", "helped"):
            if name in given:
                checked[name] = check_text(
                    value[name], name, max_length=rules.max_text_length, optional=name != "what"
                )
        if "trigger_tags" in given:
            checked["trigger_tags"] = _tags(
                value["trigger_tags"], rules.trigger_tags, rules.max_tags, "trigger_tags"
            )
        if "helped_tags" in given:
            checked["helped_tags"] = _tags(
                value["helped_tags"], rules.helped_tags, rules.max_tags, "helped_tags"
            )
        day, part = check_day(value["day"]), part_of_day(value["part"])
        noted_at = moment_start(day, part, zone(self.time_zone), rules.part_starts)
        if noted_at > at:
            raise InvalidInput("day", "names a day, or a part of today, that has not come yet.")
        return {
            **checked,
            "kind": entry_kind(value["kind"]),
            "day": day,
            "part": part,
            "noted_at": noted_at,
        }

    def _apply(self, checked: dict[str, Any]) -> None:
        for name, value in checked.items():
            setattr(self, name, value)

    def _event(
        self,
        cls: type[Ev],
        actor: PersonId,
        at: datetime,
        before: enum.StrEnum | None,
        **data: Any,  # noqa: ANN401 - each event type has its own fields
    ) -> Ev:
        """Record the move just made, private to the author whatever the state.

        A deleted entry keeps nothing of its words.
        """
        if self.state is _E.DELETED:
            self.what, self.trigger, self.helped = "", None, None
            self.trigger_tags, self.helped_tags = (), ()
        event = super()._event(cls, actor, at, before, **data)
        return attrs.evolve(event, private_to=self.author)


WriteFields = dict[str, object]
"""The fields of an entry as `LogEntry.write` and `LogEntry.edit` take them."""


def fields_of(
    *,
    kind: object | Keep = KEEP,
    what: object | Keep = KEEP,
    trigger: object | Keep = KEEP,
    trigger_tags: object | Keep = KEEP,
    helped: object | Keep = KEEP,
    helped_tags: object | Keep = KEEP,
    day: object | Keep = KEEP,
    part: object | Keep = KEEP,
) -> WriteFields:
    """Return the fields given (those left `KEEP` out), for `LogEntry.edit`."""
    given = {
        "kind": kind,
        "what": what,
        "trigger": trigger,
        "trigger_tags": trigger_tags,
        "helped": helped,
        "helped_tags": helped_tags,
        "day": day,
        "part": part,
    }
    return {name: value for name, value in given.items() if value is not KEEP}
