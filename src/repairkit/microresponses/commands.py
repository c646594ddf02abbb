"""The micro-response's commands, reached as ``kit.micro_responses``, and the reminder's.

``kit.micro_responses.remind_me`` and ``stop_reminders`` are the usual way to a reminder;
``kit.micro_response_reminders`` holds its own queries (`get`, `find`, `moves`) for its person.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta
from typing import Final

from repairkit.commands import WorkflowCommands
from repairkit.core.relationship import Relationship
from repairkit.core.settings import zone
from repairkit.core.values import PersonId, check_person_id
from repairkit.errors import InvalidInput, NotAllowedNow, NotFound
from repairkit.microresponses.model import MicroResponse, MicroResponseKind, iso_week
from repairkit.microresponses.queries import (
    KEPT_FOR_APPRECIATIONS,
    MAX_WEEKS,
    RECEIVED_WEEK,
    ProgressWeek,
    WeekCount,
    count_weeks,
    first_day,
    progress_weeks,
    weeks_between,
)
from repairkit.microresponses.reminders import ON, Reminder
from repairkit.microresponses.rules import MicroResponseRules
from repairkit.microresponses.table import MicroResponseState

__all__ = ["REMINDER_OF", "MicroResponseCommands", "ReminderCommands"]


REMINDER_OF: Final = "reminder of"
"""The index key of a person's reminder that is on: ``"<person>"``."""


class ReminderCommands(WorkflowCommands[Reminder]):
    """One's own daily reminder of micro-responses: nobody else reads it, nor hears it."""

    entity = Reminder

    def remind_me(
        self, relationship_id: uuid.UUID, *, actor: PersonId, at_local_time: time
    ) -> Reminder:
        """Ask to be reminded once a day at *at_local_time*, on the couple's wall clock.

        Only *actor* hears it, held by their quiet hours, their pause and their own
        time-out like every notification; it counts against no one.

        Raises:
            InvalidInput: *at_local_time* is no time of day without a time zone.
            NotAllowedNow: *actor* has a reminder on already (stop it to choose another time).
        """
        actor = check_person_id(actor, "actor")
        relationship = self._relationship_for(relationship_id, actor, "ask for reminders")
        if self._own(relationship.id, actor) is not None:
            raise NotAllowedNow(
                kind=Reminder.WORKFLOW.name,
                action="remind_me",
                state=ON.value,
                allowed=("stop",),
                reason="Your reminder is on; stop it to choose another time.",
            )
        reminder, event = Reminder.start(
            relationship_id=relationship.id,
            person=actor,
            at_local=at_local_time,
            time_zone=relationship.settings.time_zone,
            at=self._runner.now(),
        )
        return self._add(reminder, event)

    def stop(self, reminder_id: uuid.UUID, *, actor: PersonId) -> Reminder:
        """Stop one's own reminder, alone, at any time: nothing comes any more."""
        return self._make(reminder_id, actor, "stop")

    def stop_mine(self, relationship_id: uuid.UUID, *, actor: PersonId) -> Reminder:
        """Stop *actor*'s reminder in the relationship (`NotFound` if none is on)."""
        actor = check_person_id(actor, "actor")
        relationship = self._runner.relationship(relationship_id, actor=actor)
        own = self._own(relationship.id, actor)
        if own is None:
            raise NotFound(Reminder.WORKFLOW.name, relationship.id)
        return self._make(own.id, actor, "stop")

    def _own(self, relationship_id: uuid.UUID, person: PersonId) -> Reminder | None:
        found = self._runner.repository.load_keyed(
            Reminder, relationship_id, REMINDER_OF, str(person), states=[ON.value]
        )
        return next((r for r in found if r.person == person), None)


class MicroResponseCommands(WorkflowCommands[MicroResponse]):
    """Daily micro-responses: small acts of attention, recorded by the partner who gave them.

    Reach it as ``kit.micro_responses``. A giver records their own act (`record`); it is
    theirs alone until they tell it (``tell=True``, or ``kit.micro_responses.tell(id,
    actor=...)`` later), and they take it back (``untell``) or delete it (`delete`) at
    any time, alone. The receiver reads what was told, with its day and part of the day
    only, and may say they noticed it (`acknowledge`); nothing else is asked of them.
    Counts are one's own (`counts`); couple totals exist only while both agreed to them
    (`couple_totals`). Nobody is told of anything but an acknowledgement.
    """

    entity = MicroResponse

    def _paged(self, obj: MicroResponse, actor: PersonId) -> bool:
        """`find` lists what *actor* gave; what they received is read by `received`.

        Pages follow the order micro-responses were stored and told in: around one's
        own, they would tell when the other recorded or told theirs.
        """
        return obj.giver == actor

    def received(
        self, relationship_id: uuid.UUID, *, actor: PersonId, week: date | None = None
    ) -> list[MicroResponse]:
        """Return the micro-responses *actor* received in *week*'s ISO week, as they read them.

        This week unless a day of another is given (in the couple's time zone): what
        was told to them, and what they acknowledged. Ordered by day and part of the
        day, then by id: nothing in the order tells when the giver recorded or told
        them. One indexed query, whatever the history. ``find`` lists what one gave.

        Raises:
            InvalidInput: *week* is no date.
        """
        relationship = self._runner.relationship(relationship_id, actor=actor)
        actor = check_person_id(actor, "actor")
        if week is None:
            week = self._runner.now().astimezone(zone(relationship.settings.time_zone)).date()
        elif not isinstance(week, date) or isinstance(week, datetime):
            raise InvalidInput("week", "needs a date (any day of the week wanted).")
        now = self._runner.now()
        found = self._runner.repository.load_keyed(
            MicroResponse, relationship.id, RECEIVED_WEEK, iso_week(week)
        )
        found = [m for m in found if m.receiver == actor and self._listed(m, actor, now)]
        found.sort(key=lambda m: (m.created_at, m.id.int))
        return [self._as_seen(m, actor, now) for m in found]

    def record(
        self,
        relationship_id: uuid.UUID,
        *,
        actor: PersonId,
        kind: MicroResponseKind | str,
        words: str | None = None,
        tell: bool = False,
    ) -> MicroResponse:
        """Record one of *actor*'s own small acts, now, with its day and part of the day only.

        *kind* is one of the four acts (`MicroResponseKind`); *words* are optional. It is
        kept to *actor* unless *tell*: then the receiver reads it too. Nobody is told.

        Raises:
            InvalidInput: *kind*, *words* or *tell* does not fit.
            NotPermitted: *actor* is no partner of the relationship.
            NotAllowedNow: the relationship is not active.
        """
        actor = check_person_id(actor, "actor")
        relationship = self._relationship_for(relationship_id, actor, "record a micro-response")
        micro, event = MicroResponse.record(
            relationship_id=relationship.id,
            giver=actor,
            receiver=relationship.other_partner(actor),
            kind=kind,
            words=words,
            tell=tell,
            at=self._runner.now(),
            zone=zone(relationship.settings.time_zone),
            rules=relationship.settings.of(MicroResponseRules),
        )
        return self._add(micro, event)

    def delete(self, micro_response_id: uuid.UUID, *, actor: PersonId) -> MicroResponse:
        """Delete one's own micro-response, alone, at any time: its words go, nothing is left.

        The receiver reads nothing of it any more (it is not found, as for an id never
        made), and it counts nowhere.
        """
        return self._make(micro_response_id, actor, "delete")

    def acknowledge(
        self, micro_response_id: uuid.UUID, *, actor: PersonId, to_appreciations: bool = False
    ) -> MicroResponse:
        """Say "I noticed, thank you" to a micro-response told to *actor* (once).

        The giver hears it in one calm sentence. With *to_appreciations*, it is kept for
        *actor*'s own appreciations at the next check-in (`kept_for_appreciations`): that
        choice is *actor*'s alone, and the giver never reads it.
        """
        return self._make(
            micro_response_id, actor, "acknowledge", to_appreciations=to_appreciations
        )

    # -- reminders ----------------------------------------------------------------

    def remind_me(
        self, relationship_id: uuid.UUID, *, actor: PersonId, at_local_time: time
    ) -> Reminder:
        """Ask for a gentle reminder once a day at *at_local_time* (the couple's wall clock).

        Only *actor* hears it; their quiet hours, their pause and their own time-out
        hold it like every notification; it counts against no one. See
        `ReminderCommands.remind_me` (``kit.micro_response_reminders``).
        """
        return ReminderCommands(self._runner).remind_me(
            relationship_id, actor=actor, at_local_time=at_local_time
        )

    def stop_reminders(self, relationship_id: uuid.UUID, *, actor: PersonId) -> Reminder:
        """Stop *actor*'s reminder, alone, at any time (`NotFound` if none is on)."""
        return ReminderCommands(self._runner).stop_mine(relationship_id, actor=actor)

    # -- queries ------------------------------------------------------------------

    def counts(
        self,
        relationship_id: uuid.UUID,
        *,
        actor: PersonId,
        since: date | datetime | None = None,
    ) -> list[WeekCount]:
        """Return *actor*'s own micro-responses per ISO week and kind, oldest week first.

        From *since*'s week (by default the rules' ``weeks_counted`` weeks, this one
        included) to this week, in the couple's time zone; told or kept, never deleted.
        Only *actor*'s own: nobody reads another's counts. A week with none is a zero.
        Read from the index, one entry per week.
        """
        relationship, weeks = self._weeks(relationship_id, actor, since)
        return count_weeks(self._runner.repository, relationship.id, weeks, giver=actor)

    def couple_totals(
        self,
        relationship_id: uuid.UUID,
        *,
        actor: PersonId,
        since: date | datetime | None = None,
    ) -> list[WeekCount]:
        """Return both partners' told micro-responses together, per ISO week and kind.

        Sums over both, never split by person, and only of what was told (what both
        read already): nothing kept to oneself counts here. Only while both partners
        agreed to couple totals (`MicroResponseRules.couple_totals`, by consent).

        Raises:
            NotAllowedNow: couple totals are off (either partner may withdraw at once).
        """
        relationship, weeks = self._weeks(relationship_id, actor, since)
        self._check_totals(relationship)
        return count_weeks(self._runner.repository, relationship.id, weeks, giver=None)

    def progress(
        self, relationship_id: uuid.UUID, *, actor: PersonId, weeks: int
    ) -> list[ProgressWeek]:
        """Return the last *weeks* ISO weeks for the progress view: one's own, the couple's.

        The couple's told total is given only while both agreed to couple totals (else
        None). Read from the index, a few entries per week.
        """
        if not isinstance(weeks, int) or isinstance(weeks, bool) or not 1 <= weeks <= MAX_WEEKS:
            raise InvalidInput("weeks", "needs a whole number from 1 to {high}.", high=MAX_WEEKS)
        relationship = self._runner.relationship(relationship_id, actor=actor)
        today = self._runner.now().astimezone(zone(relationship.settings.time_zone)).date()
        rules = relationship.settings.of(MicroResponseRules)
        spans = weeks_between(today - timedelta(weeks=weeks - 1), today)
        return progress_weeks(
            self._runner.repository,
            relationship.id,
            actor,
            spans,
            couple_totals=rules.couple_totals,
        )

    def kept_for_appreciations(
        self, relationship_id: uuid.UUID, *, actor: PersonId
    ) -> list[MicroResponse]:
        """Return the told micro-responses *actor* acknowledged for their own appreciations.

        What a preparation for the next check-in can offer *actor* to write about, in
        their own words: read from the index, oldest first; the giver never reads it.
        """
        relationship = self._runner.relationship(relationship_id, actor=actor)
        found = self._runner.repository.load_keyed(
            MicroResponse,
            relationship.id,
            KEPT_FOR_APPRECIATIONS,
            str(actor),
            states=[MicroResponseState.TOLD.value],
        )
        return [self._as_seen(obj, actor) for obj in found if obj.receiver == actor]

    def _weeks(
        self, relationship_id: uuid.UUID, actor: PersonId, since: date | datetime | None
    ) -> tuple[Relationship, list[tuple[str, date]]]:
        relationship = self._runner.relationship(relationship_id, actor=actor)
        here = zone(relationship.settings.time_zone)
        today = self._runner.now().astimezone(here).date()
        rules = relationship.settings.of(MicroResponseRules)
        return relationship, weeks_between(
            first_day(since, today, rules.weeks_counted, here), today
        )

    @staticmethod
    def _check_totals(relationship: Relationship) -> None:
        if not relationship.settings.of(MicroResponseRules).couple_totals:
            raise NotAllowedNow(
                kind="micro_response",
                action="couple_totals",
                state="",
                allowed=(),
                reason="Couple totals show only while both partners agree to them; either"
                " may stop them at any time.",
            )
