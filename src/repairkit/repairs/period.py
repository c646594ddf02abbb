"""The practice period and the joint review of a repair (a base of `RepairCommitment`).

Only the responsible partner takes on a practice (`repairkit.repairs.practice`) and marks
its days; the receiver may say a day was not needed (not a miss); either partner pauses
and resumes it. A day left unmarked reads "not marked": never a failure, and it creates
no crossing, no count and no consequence. When the period ends, repairkit opens the
joint review; a review not held `RepairRules.review_wait_days` after it opened goes on
the check-in agenda. After both wrote their part, either partner ends it completed, or
the responsible partner renews it with a new practice.
"""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from repairkit.core.entity import WorkflowObject
from repairkit.core.events import DomainEvent
from repairkit.core.values import PersonId, check_text
from repairkit.errors import InvalidInput
from repairkit.repairs.entries import Review
from repairkit.repairs.events import (
    DayMarked,
    DayNotNeeded,
    PracticeEnded,
    PracticePaused,
    PracticeResumed,
    PracticeTakenOn,
    RepairRenewed,
    ReviewWritten,
)
from repairkit.repairs.practice import (
    DayStatus,
    Practice,
    PracticeDay,
    check_practice,
    day_in,
    last_day,
    period_days,
    start_of,
)
from repairkit.repairs.rules import RepairRules
from repairkit.repairs.table import RepairState

__all__ = ["PracticePeriod"]

_S = RepairState
_DAY = timedelta(days=1)


class PracticePeriod(WorkflowObject):
    """The practice period's and the review's moves; `RepairCommitment` holds the fields."""

    if not TYPE_CHECKING:  # slotted at run time; mypy then allows the fields' assignment
        __slots__ = ()

    id: uuid.UUID
    responsible: PersonId
    receiver: PersonId
    rules: RepairRules
    time_zone: str
    state: RepairState
    practice: Practice | None
    period: int
    practice_first: date | None
    practice_ends_at: datetime | None
    skipped: tuple[date, ...]
    paused_at: datetime | None
    marked: tuple[date, ...]
    not_needed: tuple[date, ...]
    review_due_at: datetime | None
    reviews: tuple[Review, ...]

    # -- reading the period -------------------------------------------------------------

    def practice_days(self, at: datetime) -> tuple[PracticeDay, ...]:
        """Return each day of the current period and how it reads at *at* (none without one)."""
        if self.practice is None or self.practice_first is None:
            return ()
        today = day_in(at, self.time_zone)
        return tuple(
            PracticeDay(day=day, status=self._status(day, today))
            for day in period_days(self.practice_first, self.practice.days, self.skipped)
        )

    def _status(self, day: date, today: date) -> DayStatus:
        if day in self.marked:
            return DayStatus.MARKED
        if day in self.not_needed:
            return DayStatus.NOT_NEEDED
        return DayStatus.NOT_MARKED if day <= today else DayStatus.TO_COME

    def open_days(self, at: datetime, *, marking: bool = False) -> tuple[date, ...]:
        """Return the days of the period up to *at*'s day that are neither marked nor excused.

        *marking*: the days the responsible partner may still mark, those said to be not
        needed included (a kindness of the receiver never takes a day from them).
        """
        wanted = (
            (DayStatus.NOT_MARKED, DayStatus.NOT_NEEDED) if marking else (DayStatus.NOT_MARKED,)
        )
        return tuple(d.day for d in self.practice_days(at) if d.status in wanted)

    def reviewed(self, person: PersonId) -> bool:
        """Return whether *person* wrote their part of the current review."""
        return any(r.author == person and r.period == self.period for r in self.reviews)

    @property
    def review_waits_at(self) -> datetime | None:
        """When a review not held goes on the check-in agenda."""
        if self.review_due_at is None:
            return None
        return self.review_due_at + timedelta(days=self.rules.review_wait_days)

    def period_open(self, trigger: str, actor: PersonId, at: datetime) -> bool:
        """Return whether some input fits *trigger* of the period or the review now."""
        if trigger == "take_on_practice":
            return self.practice is None
        if trigger in ("mark_day", "not_needed_today"):
            return bool(self.open_days(at, marking=trigger == "mark_day"))
        if trigger == "pause_practice":
            return self.practice_ends_at is None or at < self.practice_ends_at
        if trigger == "review":
            return not self.reviewed(actor)
        if trigger in ("complete", "renew"):
            return all(self.reviewed(p) for p in (self.responsible, self.receiver))
        return True

    # -- the period -------------------------------------------------------------------

    def _entered(self, before: enum.StrEnum, at: datetime) -> None:
        """Start the period, or open the review, when the plan is done."""
        if before is not _S.PLAN:
            return
        if self.state is _S.PRACTICE:
            self._start_period(at)
        elif self.state is _S.REVIEW:
            self.review_due_at = at

    def _start_period(self, at: datetime) -> None:
        self.practice_first = day_in(at, self.time_zone)
        self.skipped, self.marked, self.not_needed, self.paused_at = (), (), (), None
        self.review_due_at = None
        self._set_end()

    def _set_end(self) -> None:
        assert self.practice is not None  # noqa: S101 - set before a period starts
        assert self.practice_first is not None  # noqa: S101
        last = last_day(self.practice_first, self.practice.days, self.skipped)
        self.practice_ends_at = None if last is None else start_of(last + _DAY, self.time_zone)

    def take_on_practice(self, *, actor: PersonId, at: datetime, practice: object) -> DomainEvent:
        """Take on a practice of the closed set (the responsible partner, in the plan step)."""
        at = self._begin("take_on_practice", actor, at)
        checked = check_practice(practice, self.rules)
        before = self._fire("take_on_practice", at)
        self.practice = checked
        return self._event(PracticeTakenOn, actor, at, before)

    def _day(self, day: object, at: datetime, *, marking: bool = False) -> date:
        wanted = day_in(at, self.time_zone) if day is None else day
        if not isinstance(wanted, date) or isinstance(wanted, datetime):
            raise InvalidInput("day", "needs a calendar day (a date), or none for today.")
        if wanted not in self.open_days(at, marking=marking):
            raise InvalidInput(
                "day",
                "needs a day of the practice period, up to today, that is neither marked nor"
                " said to be not needed.",
            )
        return wanted

    def mark_day(self, *, actor: PersonId, at: datetime, day: object = None) -> DomainEvent:
        """Mark one of one's own days of the period (the responsible partner; today if none)."""
        at = self._begin("mark_day", actor, at)
        checked = self._day(day, at, marking=True)
        before = self._fire("mark_day", at)
        self.marked = (*self.marked, checked)
        return self._event(DayMarked, actor, at, before, day=checked)

    def not_needed_today(self, *, actor: PersonId, at: datetime, day: object = None) -> DomainEvent:
        """Say a day of the period was not needed (the receiver; today if none): not a miss."""
        at = self._begin("not_needed_today", actor, at)
        checked = self._day(day, at)
        before = self._fire("not_needed_today", at)
        self.not_needed = (*self.not_needed, checked)
        return self._event(DayNotNeeded, actor, at, before, day=checked)

    def pause_practice(self, *, actor: PersonId, at: datetime) -> DomainEvent:
        """Pause the period (either partner): no end comes while it is paused."""
        at = self._begin("pause_practice", actor, at)
        before = self._fire("pause_practice", at)
        self.paused_at = at
        return self._event(PracticePaused, actor, at, before)

    def resume_practice(self, *, actor: PersonId, at: datetime) -> DomainEvent:
        """Resume the period (either partner); its end moves by the whole days it was paused."""
        at = self._begin("resume_practice", actor, at)
        before = self._fire("resume_practice", at)
        if self.paused_at is not None:
            day = day_in(self.paused_at, self.time_zone) + _DAY
            today = day_in(at, self.time_zone)
            paused: list[date] = []
            while day < today:
                paused.append(day)
                day += _DAY
            self.skipped = (*self.skipped, *paused)
        self.paused_at = None
        self._set_end()
        return self._event(PracticeResumed, actor, at, before)

    def end_practice(self, *, actor: PersonId, at: datetime) -> DomainEvent:
        """End the period at its time (repairkit): the joint review opens."""
        at = self._begin("end_practice", actor, at)
        ended = self.practice_ends_at
        before = self._fire("end_practice", at)
        self.review_due_at = at if ended is None else min(ended, at)
        self.practice_ends_at = None
        return self._event(PracticeEnded, actor, at, before)

    # -- the review -------------------------------------------------------------------

    def review(
        self, *, actor: PersonId, at: datetime, worked: object, did_not: object
    ) -> DomainEvent:
        """Write one's part of the joint review: what worked and what did not."""
        at = self._begin("review", actor, at)
        texts = [self._words(worked, "worked"), self._words(did_not, "did_not")]
        before = self._fire("review", at)
        part = Review(author=actor, period=self.period, worked=texts[0], did_not=texts[1])
        self.reviews = (*self.reviews, part)
        return self._event(ReviewWritten, actor, at, before)

    def renew(self, *, actor: PersonId, at: datetime, practice: object) -> DomainEvent:
        """Renew it with a new practice (the responsible partner, once both reviewed)."""
        at = self._begin("renew", actor, at)
        checked = check_practice(practice, self.rules)
        before = self._fire("renew", at)
        self.practice, self.period = checked, self.period + 1
        self._start_period(at)
        return self._event(RepairRenewed, actor, at, before)

    def _words(self, words: object, field: str = "words") -> str:
        """Return *words* checked as one entry's text, or raise `InvalidInput`."""
        if not isinstance(words, str):
            raise InvalidInput(field, "needs a text.")
        text = check_text(words, field, max_length=self.rules.max_entry_length)
        assert text is not None  # noqa: S101 - a required text is never None
        return text
