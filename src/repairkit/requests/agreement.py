"""The moves of an agreed request: follow-through, ending, pausing, stepping back, review.

Follow-through is owned: the partner who committed (`Request.carried_out_by`) marks
their own occurrences and may correct a mark inside the window; the other partner
can only *note* that one seemed to go differently, and the note counts once the
committed partner acknowledges it, never if they see it differently. Counts cover
only the rolling window (`follow_through`), and the other partner reads no day older
than it (`Request.aged`, `Request.aged_out`), so setbacks age out.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

import attrs

from repairkit.core.settings import zone
from repairkit.core.timebox import TimeBox
from repairkit.core.values import PersonId, check_text
from repairkit.errors import InvalidInput, NotAllowedNow
from repairkit.requests.events import (
    AgreementHeld,
    AgreementResumed,
    CompletionReason,
    EndingProposed,
    FollowThroughCorrected,
    FollowThroughRecorded,
    KeptGoing,
    MissNoticed,
    NoticeAcknowledged,
    NoticeWithdrawn,
    RequestCompleted,
    ResumingDeclined,
    ResumingProposed,
    Reviewed,
    SeenDifferently,
    SteppedBack,
)
from repairkit.requests.follow_through import (
    FollowThrough,
    Mark,
    MissNotice,
    NoticeStatus,
    Review,
    check_occurrence,
    in_window,
    recent,
    same_week,
)
from repairkit.requests.parties import Parties
from repairkit.requests.rules import RequestRules
from repairkit.requests.table import REQUEST_WORKFLOW, RequestState

__all__ = ["AgreementMoves"]

_S = RequestState
_PENDING = NoticeStatus.PENDING


class AgreementMoves(Parties):
    """Mixed into `Request`: what happens once both said yes."""

    if not TYPE_CHECKING:  # slotted at run time; mypy then allows the fields' assignment
        __slots__ = ()

    time_box: TimeBox | None
    rules: RequestRules
    time_zone: str
    agreed_at: datetime | None
    awaiting: PersonId | None
    carried_out_by: PersonId | None
    marks: tuple[Mark, ...]
    notices: tuple[MissNotice, ...]
    resume_asked: PersonId | None
    reviews: tuple[Review, ...]

    def local_date(self, at: datetime) -> date:
        """Return the couple's calendar day at the instant *at*."""
        return at.astimezone(zone(self.time_zone)).date()

    def follow_through(self, at: datetime) -> FollowThrough:
        """Return how it went over the rolling window ending at *at*: owned marks only."""
        today = self.local_date(at)
        window = self.rules.follow_through_window_days
        marks = recent(self.marks, today, window)
        return FollowThrough(
            kept=sum(1 for m in marks if m.kept),
            not_kept=sum(1 for m in marks if not m.kept),
            window_days=window,
            awaiting_answer=sum(
                1 for n in recent(self.notices, today, window) if n.status is _PENDING
            ),
        )

    # -- follow-through ---------------------------------------------------------------

    def record_follow_through(
        self, *, actor: PersonId, at: datetime, occurrence: date, kept: bool
    ) -> FollowThroughRecorded:
        """Mark one's own occurrence on *occurrence* (a day in the couple's time zone)."""
        at = self._begin("record_follow_through", actor, at)
        occurrence = self._occurrence(occurrence, at)
        _check_kept(kept)
        if self._mark(occurrence) is not None:
            raise InvalidInput(
                "occurrence",
                "{day} is already marked; correct_follow_through changes it.",
                day=occurrence.isoformat(),
            )
        per_week = self.time_box.how_often.per_week if self.time_box is not None else None
        if (
            per_week is not None
            and sum(same_week(m.occurrence, occurrence) for m in self.marks) >= per_week
        ):
            raise InvalidInput(
                "occurrence",
                "that week's {per_week} agreed occurrences are marked already.",
                per_week=per_week,
            )
        before = self._fire("record_follow_through", at)
        self._set_mark(Mark(occurrence=occurrence, kept=kept, at=at), at)
        notice = self._notice(occurrence)
        if notice is not None and notice.status is _PENDING:
            answer = NoticeStatus.SEEN_DIFFERENTLY if kept else NoticeStatus.ACKNOWLEDGED
            self._set_notice(attrs.evolve(notice, status=answer), at)
        return self._event(
            FollowThroughRecorded, actor, at, before, occurrence=occurrence, kept=kept
        )

    def correct_follow_through(
        self, *, actor: PersonId, at: datetime, occurrence: date, kept: bool
    ) -> FollowThroughCorrected:
        """Correct one's own mark of *occurrence*, while it is inside the window."""
        at = self._begin("correct_follow_through", actor, at)
        occurrence = self._occurrence(occurrence, at)
        _check_kept(kept)
        mark = self._mark(occurrence)
        if mark is None:
            raise InvalidInput("occurrence", "{day} is not marked yet.", day=occurrence.isoformat())
        if mark.kept == kept:
            raise InvalidInput(
                "kept", "{day} is marked that way already.", day=occurrence.isoformat()
            )
        before = self._fire("correct_follow_through", at)
        self._set_mark(Mark(occurrence=occurrence, kept=kept, at=at), at)
        notice = self._notice(occurrence)
        if notice is not None and notice.status is NoticeStatus.ACKNOWLEDGED and kept:
            self._set_notice(attrs.evolve(notice, status=NoticeStatus.SEEN_DIFFERENTLY), at)
        return self._event(
            FollowThroughCorrected, actor, at, before, occurrence=occurrence, kept=kept
        )

    def notice_missed(self, *, actor: PersonId, at: datetime, occurrence: date) -> MissNoticed:
        """Note that an occurrence seemed to go differently; it counts only once owned."""
        at = self._begin("notice_missed", actor, at)
        occurrence = self._occurrence(occurrence, at)
        mark = self._mark(occurrence)
        if mark is not None and not mark.kept:
            raise InvalidInput(
                "occurrence", "{day} is marked so already.", day=occurrence.isoformat()
            )
        if self._notice(occurrence) is not None:
            raise InvalidInput(
                "occurrence",
                "{day} was noted already (once per day).",
                day=occurrence.isoformat(),
            )
        before = self._fire("notice_missed", at)
        self._set_notice(MissNotice(occurrence=occurrence, by=actor, at=at), at)
        return self._event(MissNoticed, actor, at, before, occurrence=occurrence)

    def withdraw_notice(
        self, *, actor: PersonId, at: datetime, occurrence: date
    ) -> NoticeWithdrawn:
        """Take back one's own note of *occurrence* while it awaits an answer."""
        at = self._begin("withdraw_notice", actor, at)
        notice = self._pending_notice(occurrence, at)
        before = self._fire("withdraw_notice", at)
        self._set_notice(attrs.evolve(notice, status=NoticeStatus.WITHDRAWN), at)
        return self._event(NoticeWithdrawn, actor, at, before, occurrence=occurrence)

    def acknowledge_notice(
        self, *, actor: PersonId, at: datetime, occurrence: date
    ) -> NoticeAcknowledged:
        """Own the noted *occurrence*: it then counts as not kept."""
        at = self._begin("acknowledge_notice", actor, at)
        notice = self._pending_notice(occurrence, at)
        before = self._fire("acknowledge_notice", at)
        self._set_notice(attrs.evolve(notice, status=NoticeStatus.ACKNOWLEDGED), at)
        self._set_mark(Mark(occurrence=notice.occurrence, kept=False, at=at), at)
        return self._event(NoticeAcknowledged, actor, at, before, occurrence=notice.occurrence)

    def see_differently(
        self, *, actor: PersonId, at: datetime, occurrence: date, view: str | None = None
    ) -> SeenDifferently:
        """See the noted *occurrence* differently (with one's *view*): it never counts."""
        at = self._begin("see_differently", actor, at)
        notice = self._pending_notice(occurrence, at)
        text = check_text(view, "view", max_length=self.rules.max_text_length, optional=True)
        before = self._fire("see_differently", at)
        seen = attrs.evolve(notice, status=NoticeStatus.SEEN_DIFFERENTLY, view=text)
        self._set_notice(seen, at)
        return self._event(
            SeenDifferently, actor, at, before, occurrence=notice.occurrence, view=text
        )

    # -- ending, pausing, stepping back ---------------------------------------------

    def propose_ending(self, *, actor: PersonId, at: datetime) -> EndingProposed:
        """Suggest that the agreement has done its work; the other partner answers."""
        event = self._move("propose_ending", actor, at, EndingProposed)
        self.awaiting = self._other(actor)
        return event

    def confirm_ending(self, *, actor: PersonId, at: datetime) -> RequestCompleted:
        """Agree to end the agreement: both have now said so."""
        event = self._move(
            "confirm_ending", actor, at, RequestCompleted, because=CompletionReason.BOTH_AGREED
        )
        self.awaiting = None
        return event

    def keep_going(self, *, actor: PersonId, at: datetime) -> KeptGoing:
        """Keep the agreement going after all."""
        event = self._move("keep_going", actor, at, KeptGoing)
        self.awaiting = None
        return event

    def hold(self, *, actor: PersonId, at: datetime) -> AgreementHeld:
        """Pause the agreement, alone and at once; it is taken up again by both."""
        event = self._move("hold", actor, at, AgreementHeld)
        self.awaiting = self.resume_asked = None
        return event

    def propose_resuming(
        self, *, actor: PersonId, at: datetime
    ) -> ResumingProposed | AgreementResumed:
        """Ask to take the agreement on hold up again; if the other asked already, it resumes."""
        if self.state is _S.ON_HOLD and self.resume_asked == actor:
            return self.agree_to_resume(actor=actor, at=at)
        at = self._begin("propose_resuming", actor, at)
        if self.resume_asked is not None:
            raise NotAllowedNow(
                kind=REQUEST_WORKFLOW.name,
                action="propose_resuming",
                state=self.state.value,
                allowed=self.moves_open_to(actor, at),
                reason="Resuming was asked already; the other partner's answer is awaited.",
            )
        before = self._fire("propose_resuming", at)
        self.resume_asked = self._other(actor)
        return self._event(ResumingProposed, actor, at, before)

    def agree_to_resume(self, *, actor: PersonId, at: datetime) -> AgreementResumed:
        """Agree to take the agreement on hold up again."""
        event = self._move("agree_to_resume", actor, at, AgreementResumed)
        self.resume_asked = None
        return event

    def decline_resuming(self, *, actor: PersonId, at: datetime) -> ResumingDeclined:
        """Keep the agreement on hold; a no is a fair answer."""
        event = self._move("decline_resuming", actor, at, ResumingDeclined)
        self.resume_asked = None
        return event

    def step_back(self, *, actor: PersonId, at: datetime) -> SteppedBack:
        """Step back from the agreement, alone and at once; nobody has to agree to it."""
        event = self._move("step_back", actor, at, SteppedBack)
        self.awaiting = self.resume_asked = None
        return event

    def complete(self, *, actor: PersonId, at: datetime) -> RequestCompleted:
        """Complete the request because its time box ended (fired by repairkit itself)."""
        event = self._move(
            "complete", actor, at, RequestCompleted, because=CompletionReason.TIME_BOX_ENDED
        )
        self.awaiting = self.resume_asked = None
        return event

    def review(self, *, actor: PersonId, at: datetime, what_worked: str) -> Reviewed:
        """Say what worked, once, after completion; nothing is scored."""
        at = self._begin("review", actor, at)
        if any(r.by == actor for r in self.reviews):  # what is not open now comes first
            raise NotAllowedNow(
                kind=REQUEST_WORKFLOW.name,
                action="review",
                state=self.state.value,
                allowed=(),
                reason="You have said what worked already.",
            )
        text = check_text(what_worked, "what_worked", max_length=self.rules.max_text_length)
        assert text is not None  # noqa: S101 - required text
        before = self._fire("review", at)
        self.reviews = (*self.reviews, Review(by=actor, what_worked=text, at=at))
        return self._event(Reviewed, actor, at, before, what_worked=text)

    # -- helpers --------------------------------------------------------------------

    def _occurrence(self, occurrence: date, at: datetime) -> date:
        return check_occurrence(
            occurrence,
            today=self.local_date(at),
            agreed_on=None if self.agreed_at is None else self.local_date(self.agreed_at),
            time_box=self.time_box,
            zone=zone(self.time_zone),
            window_days=self.rules.follow_through_window_days,
        )

    def _mark(self, occurrence: date) -> Mark | None:
        return next((m for m in self.marks if m.occurrence == occurrence), None)

    def _notice(self, occurrence: date) -> MissNotice | None:
        return next((n for n in self.notices if n.occurrence == occurrence), None)

    def _pending_notice(self, occurrence: object, at: datetime) -> MissNotice:
        notice = self._notice(occurrence) if isinstance(occurrence, date) else None
        if notice is None or notice.status is not _PENDING:
            raise InvalidInput("occurrence", "has no note awaiting an answer.")
        window = self.rules.follow_through_window_days
        if not in_window(notice.occurrence, self.local_date(at), window):
            raise InvalidInput("occurrence", "its note has lapsed unanswered; it counts nowhere.")
        return notice

    def _set_mark(self, mark: Mark, at: datetime) -> None:
        kept = [m for m in self.marks if m.occurrence != mark.occurrence]
        window = self.rules.follow_through_window_days
        self.marks = recent((*kept, mark), self.local_date(at), window)

    def _set_notice(self, notice: MissNotice, at: datetime) -> None:
        kept = [n for n in self.notices if n.occurrence != notice.occurrence]
        window = self.rules.follow_through_window_days
        self.notices = recent((*kept, notice), self.local_date(at), window)


def _check_kept(kept: object) -> None:
    if not isinstance(kept, bool):
        raise InvalidInput("kept", "needs True (kept) or False (not kept).")
