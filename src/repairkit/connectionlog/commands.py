"""The private log's commands, reached as ``kit.log``."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, timedelta

from repairkit.commands import WorkflowCommands
from repairkit.connectionlog.model import EntryKind, LogEntry, fields_of
from repairkit.connectionlog.moments import PartOfDay, iso_week, moment_of
from repairkit.connectionlog.queries import WeekFigures, shared_weeks
from repairkit.connectionlog.rules import LogRules
from repairkit.core.drafts import KEEP, Keep
from repairkit.core.settings import zone
from repairkit.core.values import PersonId, check_person_id
from repairkit.errors import InvalidInput

__all__ = ["MAX_WEEKS", "LogCommands"]

MAX_WEEKS = 104
"""The most weeks `LogCommands.by_week` reads at once (repairkit's own bound: two years)."""


class LogCommands(WorkflowCommands[LogEntry]):
    """A private log of moments of connection and of neglect, each partner their own.

    Reach it as ``kit.log``. An entry is its author's alone, nor does anyone else learn
    that it exists, until they `share` it; `unshare`, `edit` and `delete` are theirs at
    any time, and nobody is ever told. The partner reads a shared entry with its day
    and part of the day only (`LogEntry.seen_by`). ``share``, ``unshare`` and
    ``delete`` are plain moves (``kit.log.share(entry_id, actor=...)``).
    """

    entity = LogEntry

    def write(
        self,
        relationship_id: uuid.UUID,
        *,
        actor: PersonId,
        kind: EntryKind | str,
        what: str,
        trigger: str | None = None,
        trigger_tags: Sequence[str] = (),
        helped: str | None = None,
        helped_tags: Sequence[str] = (),
        day: date | None = None,
        part: PartOfDay | str | None = None,
    ) -> LogEntry:
        """Write an entry of *actor*'s own log; only they see it until they `share` it.

        *kind* is "connection" or "neglect"; *what* says what happened; *trigger* what
        triggered a withdrawal or a surge of closeness, *helped* what reduced the harm,
        each in one's own words, with tags from the rules' short lists if one likes
        (`LogRules.trigger_tags`, `LogRules.helped_tags`: a review counts the tags,
        never the words). *day* (not one yet to come) and *part* of the day place
        the moment; left out, they are now's, in the couple's time zone. Nobody is told.

        Raises:
            InvalidInput: a field does not fit (a tag off the list, a day to come, ...).
            NotFound: *relationship_id* names no relationship of *actor*'s.
        """
        actor = check_person_id(actor, "actor")
        relationship = self._relationship_for(relationship_id, actor, "keep a log")
        now = self._runner.now()
        zone_name = relationship.settings.time_zone
        if day is None or part is None:
            today, now_part = moment_of(now, zone(zone_name))
            day = today if day is None else day
            part = now_part if part is None else part
        entry, event = LogEntry.write(
            relationship_id=relationship.id,
            author=actor,
            partner=relationship.other_partner(actor),
            rules=relationship.settings.of(LogRules),
            time_zone=zone_name,
            at=now,
            kind=kind,
            what=what,
            trigger=trigger,
            trigger_tags=_listed(trigger_tags, "trigger_tags"),
            helped=helped,
            helped_tags=_listed(helped_tags, "helped_tags"),
            day=day,
            part=part,
        )
        return self._add(entry, event)

    def edit(
        self,
        entry_id: uuid.UUID,
        *,
        actor: PersonId,
        kind: EntryKind | str | Keep = KEEP,
        what: str | Keep = KEEP,
        trigger: str | Keep | None = KEEP,
        trigger_tags: Sequence[str] | Keep = KEEP,
        helped: str | Keep | None = KEEP,
        helped_tags: Sequence[str] | Keep = KEEP,
        day: date | Keep = KEEP,
        part: PartOfDay | str | Keep = KEEP,
    ) -> LogEntry:
        """Rewrite one's entry (its author, shared or not): what is left out stays.

        ``trigger=None`` or ``helped=None`` clears it. Nobody is told, and the partner
        reading a shared entry sees no sign that it was rewritten, nor when.
        """
        fields = fields_of(
            kind=kind,
            what=what,
            trigger=trigger,
            trigger_tags=trigger_tags
            if isinstance(trigger_tags, Keep)
            else _listed(trigger_tags, "trigger_tags"),
            helped=helped,
            helped_tags=helped_tags
            if isinstance(helped_tags, Keep)
            else _listed(helped_tags, "helped_tags"),
            day=day,
            part=part,
        )
        return self._make(entry_id, actor, "edit", **fields)

    # -- queries ------------------------------------------------------------------------

    def by_week(
        self, relationship_id: uuid.UUID, *, actor: PersonId, weeks: int = 4
    ) -> list[WeekFigures]:
        """Return connection and neglect over the shared entries of the last *weeks* ISO weeks.

        Oldest week first, this week last, in the couple's time zone. The same figures
        for both partners, never split by person, never counting an entry kept private
        or deleted; one indexed query per week (what ``kit.progress`` reads).

        Raises:
            InvalidInput: *weeks* is no whole number from 1 to `MAX_WEEKS`.
        """
        relationship = self._runner.relationship(relationship_id, actor=actor)
        if not isinstance(weeks, int) or isinstance(weeks, bool) or not 1 <= weeks <= MAX_WEEKS:
            raise InvalidInput("weeks", f"needs a whole number from 1 to {MAX_WEEKS}.")
        today = self._runner.now().astimezone(self._runner.zone_of(relationship.id)).date()
        names = [iso_week(today - timedelta(weeks=back)) for back in range(weeks - 1, -1, -1)]
        return shared_weeks(self._runner.repository, relationship.id, names)


def _listed(tags: object, field: str) -> object:
    """Return *tags* as a tuple when they are a list or a tuple (else as given, refused later)."""
    if isinstance(tags, (list, tuple)):
        return tuple(tags)
    del field
    return tags
