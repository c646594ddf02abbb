"""A check-in schedule: when the couple's regular check-in falls, holding only by both.

The practice (Gottman's "State of the Union"): a couple meets once a week, for about
an hour, to talk about the relationship. Either partner proposes the recurring time;
it holds once the other agrees (a no is neutral and never counted). A new rhythm, or
another time for one session, also needs both; the agreed times hold meanwhile. Either
partner alone sets the next session aside ("not this week": a neutral answer, counted
nowhere) or stops the schedule at once (no lock-in). When a session's time has passed,
repairkit moves the schedule on to the next, naming no one: nothing records who came.
"""

from __future__ import annotations

import itertools
import uuid
from datetime import UTC, datetime, time
from typing import ClassVar

import attrs

from repairkit.checkins.events import (
    CheckInHeld,
    CheckInTimePassed,
    ScheduleAgreed,
    ScheduleChangeAgreed,
    ScheduleChangeProposed,
    ScheduleCurrentKept,
    ScheduleDeclined,
    ScheduleEnded,
    ScheduleMoveAgreed,
    ScheduleMoveProposed,
    ScheduleProposed,
    ScheduleWithdrawn,
    SessionSkipped,
)
from repairkit.checkins.rhythm import (
    Rhythm,
    check_move,
    check_rhythm,
    first_session,
    sessions_following,
    upcoming_starts,
)
from repairkit.checkins.rules import CheckInRules
from repairkit.checkins.table import (
    AWAITED,
    HOLDING,
    PROPOSER,
    SCHEDULE_WORKFLOW,
    SUGGESTER,
    ScheduleState,
)
from repairkit.core.engine import EITHER_PARTNER, REPAIRKIT, Role, Workflow
from repairkit.core.entity import WorkflowObject
from repairkit.core.events import DomainEvent
from repairkit.core.settings import SETTING_IN_FORCE, zone
from repairkit.core.suggestions import HeardNo, when
from repairkit.core.values import SYSTEM, PersonId, check_instant, check_person_id, new_id
from repairkit.errors import InvalidInput, NotAllowedNow

__all__ = ["TIME_SUGGESTION", "CheckInSchedule"]

_S = ScheduleState

TIME_SUGGESTION = "propose_change"
"""The suggestion a no to a suggested time answers: a new rhythm and one session moved
alike, so that after a no to either, the partner who suggested it waits before the next."""


@attrs.define(eq=False, kw_only=True)
class CheckInSchedule(WorkflowObject):
    """A recurring check-in time one partner (the proposer) proposed for the two of them."""

    WORKFLOW: ClassVar[Workflow] = SCHEDULE_WORKFLOW

    id: uuid.UUID
    relationship_id: uuid.UUID
    proposer: PersonId
    partner: PersonId
    rules: CheckInRules = attrs.field(factory=CheckInRules, metadata=SETTING_IN_FORCE)
    """The relationship's rules in force, given whenever it is read (never stored)."""
    time_zone: str = attrs.field(default="UTC", metadata=SETTING_IN_FORCE)
    """The couple's time zone in force, given whenever it is read (never stored)."""
    created_at: datetime
    rhythm: Rhythm
    """The rhythm as proposed, then as agreed: it holds while the state says so."""
    proposed_rhythm: Rhythm | None = None
    """A new rhythm awaiting the other partner's answer, if any."""
    state: ScheduleState = ScheduleState.PROPOSED
    version: int = 0
    awaiting: PersonId | None = None
    """The partner whose answer is awaited, if any."""
    agreed_at: datetime | None = None
    """When the rhythm that holds now was agreed."""
    next_at: datetime | None = None
    """The next session's own start (UTC), where the rhythm places it; None until agreed."""
    skipped: bool = False
    """Whether the next session is set aside."""
    moved_to: datetime | None = None
    """Where both agreed to move the next session (its start, UTC), if they did."""
    proposed_move: datetime | None = None
    """Another start for the next session awaiting the other partner's answer, if any."""
    passes_at: datetime | None = None
    """When the next session's time has passed (its end): repairkit then moves on."""
    held: bool = False
    """Whether a session was opened for the next check-in (`kit.sessions.open`): only one
    with none opened by the end of its time is recorded as missed."""
    heard_no: tuple[HeardNo, ...] = ()
    """The latest no to a suggested time each partner heard, for the wait before the next."""
    changed_at: datetime | None = None

    # -- who is who ---------------------------------------------------------------

    @property
    def participants(self) -> tuple[PersonId, PersonId]:
        """The proposer and the partner."""
        return (self.proposer, self.partner)

    def roles_of(self, actor: PersonId) -> frozenset[Role]:
        """Return the roles *actor* plays: proposer, the one awaited or who suggested a time."""
        if actor == SYSTEM:
            return frozenset({REPAIRKIT})
        if not self.visible_to(actor):
            return frozenset()
        roles = {EITHER_PARTNER}
        if actor == self.proposer:
            roles.add(PROPOSER)
        if actor == self.awaiting:
            roles.add(AWAITED)
        if actor == self.suggested_by(TIME_SUGGESTION):
            roles.add(SUGGESTER)
        return frozenset(roles)

    def asked(self) -> tuple[PersonId, ...]:
        """The partner whose answer is awaited, if any."""
        if self.state in (_S.PROPOSED, _S.CHANGE_PROPOSED, _S.MOVE_PROPOSED) and self.awaiting:
            return (self.awaiting,)
        return ()

    def suggested_by(self, suggestion: str) -> PersonId | None:
        """Who suggested the time awaiting an answer (a new rhythm, a session moved), if any."""
        if suggestion != TIME_SUGGESTION or self.awaiting is None:
            return None
        if self.state not in (_S.CHANGE_PROPOSED, _S.MOVE_PROPOSED):
            return None
        return self._other(self.awaiting)

    def suggestion_waits_until(
        self, trigger: str, actor: PersonId, at: datetime
    ) -> datetime | None:
        """Return when *actor* may suggest a time once more: moving a session waits alike."""
        return super().suggestion_waits_until(
            TIME_SUGGESTION if trigger == "move_one" else trigger, actor, at
        )

    @property
    def holds(self) -> bool:
        """Return whether both agreed to the schedule and neither stopped it since."""
        return self.state in HOLDING

    def _other(self, person: PersonId) -> PersonId:
        return self.partner if person == self.proposer else self.proposer

    # -- guards ---------------------------------------------------------------------

    def next_session_open(self, at: datetime) -> bool:
        """Return whether the next session can be set aside or moved at *at*.

        It is not set aside already, and its time has not passed.
        """
        return (
            not self.skipped
            and self.next_at is not None
            and self.passes_at is not None
            and at < self.passes_at
        )

    def can_hold(self, at: datetime) -> bool:
        """Return whether a session opened at *at* holds the next check-in (not held yet).

        It does from the start of the check-in's calendar day (in the couple's time zone)
        until its time has passed: a session opened days before is one of its own, and
        neither reveals that check-in's preparations nor keeps it from reading as missed
        (repairkit's own rule).
        """
        if self.held or not self.next_session_open(at) or self.passes_at is None:
            return False
        tz = zone(self.time_zone)
        start = (self.passes_at - self.rhythm.length).astimezone(tz)
        return at >= datetime.combine(start.date(), time(0), tz)

    def _check_next_open(self, trigger: str, actor: PersonId, at: datetime) -> None:
        if self.next_session_open(at):
            return
        reason = (
            "The next session is set aside already; the one after it can be changed once"
            " its time has passed."
            if self.skipped
            else "The next session's time has passed; the schedule moves on shortly."
        )
        raise NotAllowedNow(
            kind=self.WORKFLOW.name,
            action=trigger,
            state=self.state.value,
            allowed=self.moves_open_to(actor, at),
            reason=reason,
        )

    # -- proposing and answering ----------------------------------------------------

    @classmethod
    def propose(
        cls,
        *,
        relationship_id: uuid.UUID,
        proposer: PersonId,
        partner: PersonId,
        rules: CheckInRules,
        time_zone: str,
        at: datetime,
        weekday: int,
        start: time,
        minutes: int | None = None,
        every_weeks: int | None = None,
    ) -> tuple[CheckInSchedule, ScheduleProposed]:
        """Propose a recurring check-in time; the partner's answer is then awaited."""
        at = check_instant(at, "at")
        proposer = check_person_id(proposer, "actor")
        rhythm = check_rhythm(
            weekday=weekday,
            start=start,
            minutes=rules.minutes if minutes is None else minutes,
            every_weeks=rules.every_weeks if every_weeks is None else every_weeks,
        )
        schedule = cls(
            id=new_id(),
            relationship_id=relationship_id,
            proposer=proposer,
            partner=partner,
            rules=rules,
            time_zone=time_zone,
            created_at=at,
            rhythm=rhythm,
            awaiting=partner,
            version=1,
        )
        return schedule, schedule._event(ScheduleProposed, proposer, at, None)

    def agree(self, *, actor: PersonId, at: datetime) -> ScheduleAgreed:
        """Agree to the proposed time: the check-ins hold, from the first one to come."""
        event = self._move("agree", actor, at, ScheduleAgreed)
        self.awaiting, self.agreed_at = None, event.at
        self._start_at(event.at)
        return event

    def decline(self, *, actor: PersonId, at: datetime) -> ScheduleDeclined:
        """Say no: neutral, counted nowhere."""
        event = self._move("decline", actor, at, ScheduleDeclined)
        self.awaiting = None
        return event

    def withdraw(self, *, actor: PersonId, at: datetime) -> ScheduleWithdrawn:
        """Take the proposal back before an answer (the proposer)."""
        event = self._move("withdraw", actor, at, ScheduleWithdrawn)
        self.awaiting = None
        return event

    # -- once agreed ------------------------------------------------------------------

    def propose_change(
        self,
        *,
        actor: PersonId,
        at: datetime,
        weekday: int | None = None,
        start: time | None = None,
        minutes: int | None = None,
        every_weeks: int | None = None,
    ) -> ScheduleChangeProposed:
        """Propose a new rhythm (what is left out stays as agreed); the agreed one holds."""
        at = self._begin("propose_change", actor, at)
        now = self.rhythm
        rhythm = check_rhythm(
            weekday=now.weekday if weekday is None else weekday,
            start=now.start if start is None else start,
            minutes=now.minutes if minutes is None else minutes,
            every_weeks=now.every_weeks if every_weeks is None else every_weeks,
        )
        if rhythm == now:
            raise InvalidInput("rhythm", "is the rhythm you agreed; change a part of it first.")
        before = self._fire("propose_change", at)
        self.proposed_rhythm, self.awaiting = rhythm, self._other(actor)
        return self._event(ScheduleChangeProposed, actor, at, before)

    def agree_to_change(self, *, actor: PersonId, at: datetime) -> ScheduleChangeAgreed:
        """Agree to the new rhythm: it holds now, from its first session to come."""
        event = self._move("agree_to_change", actor, at, ScheduleChangeAgreed)
        assert self.proposed_rhythm is not None  # noqa: S101 - a change is pending here
        self.rhythm, self.proposed_rhythm = self.proposed_rhythm, None
        self.awaiting, self.agreed_at = None, event.at
        self._start_at(event.at)
        return event

    def move_one(self, *, actor: PersonId, at: datetime, to: datetime) -> ScheduleMoveProposed:
        """Propose another start for the next session only; the usual time holds meanwhile.

        *to* is an aware time after now, and the moved session ends before the session
        after it starts.
        """
        at = self._begin("move_one", actor, at)
        self._check_next_open("move_one", actor, at)
        until = self.suggestion_waits_until("move_one", actor, at)
        if until is not None:
            raise NotAllowedNow(
                kind=self.WORKFLOW.name,
                action="move_one",
                state=self.state.value,
                allowed=self.moves_open_to(actor, at),
                reason="The answer to a suggested time was a no a short while ago;"
                " another can be suggested from {when}.",
                params={"when": when(until)},
                possible_from=until,
            )
        assert self.next_at is not None  # noqa: S101 - the next session is open here
        to = check_instant(to, "to")
        to = check_move(self.rhythm, to, at, self.next_at, self.moved_to, zone=zone(self.time_zone))
        before = self._fire("move_one", at)
        self.proposed_move, self.awaiting = to, self._other(actor)
        return self._event(ScheduleMoveProposed, actor, at, before)

    def agree_to_move(self, *, actor: PersonId, at: datetime) -> ScheduleMoveAgreed:
        """Agree: the next session takes place at the proposed time."""
        event = self._move("agree_to_move", actor, at, ScheduleMoveAgreed)
        assert self.proposed_move is not None  # noqa: S101 - a move is pending here
        self.moved_to, self.proposed_move, self.awaiting = self.proposed_move, None, None
        self.passes_at = self.moved_to + self.rhythm.length
        return event

    def keep_current(self, *, actor: PersonId, at: datetime) -> ScheduleCurrentKept:
        """Keep the agreed times: the partner asked says no to the suggested time (neutral)."""
        event = self._move("keep_current", actor, at, ScheduleCurrentKept)
        self.proposed_rhythm, self.proposed_move, self.awaiting = None, None, None
        return event

    def make(self, trigger: str, *, actor: PersonId, at: datetime) -> DomainEvent:
        """Make a plain move; a suggested time taken back (``withdraw_*``) is let go of."""
        event = super().make(trigger, actor=actor, at=at)
        if trigger.startswith("withdraw_"):
            self.proposed_rhythm, self.proposed_move, self.awaiting = None, None, None
        return event

    def skip(self, *, actor: PersonId, at: datetime) -> SessionSkipped:
        """Set the next session aside, alone: neutral, counted nowhere."""
        at = self._begin("skip", actor, at)
        self._check_next_open("skip", actor, at)
        before = self._fire("skip", at)
        assert self.next_at is not None  # noqa: S101 - the next session is open here
        self.skipped, self.moved_to = True, None
        if before is _S.MOVE_PROPOSED:  # the move it awaited concerned this session
            self.proposed_move, self.awaiting = None, None
        self.passes_at = self.next_at + self.rhythm.length
        return self._event(SessionSkipped, actor, at, before)

    def end(self, *, actor: PersonId, at: datetime) -> ScheduleEnded:
        """Stop the schedule, alone and at once."""
        event = self._move("end", actor, at, ScheduleEnded)
        self.proposed_rhythm, self.proposed_move, self.awaiting = None, None, None
        return event

    # -- time ---------------------------------------------------------------------------

    def hold(self, *, actor: PersonId, at: datetime) -> CheckInHeld:
        """A session was opened for the next check-in: it is held (repairkit's move)."""
        event = self._move("hold", actor, at, CheckInHeld)
        self.held = True
        return event

    def time_passed(self, *, actor: PersonId, at: datetime) -> CheckInTimePassed:
        """The next session's time passed: move on to the one after it (repairkit's move).

        It was missed if no session held it and it was not set aside; that names no one.
        """
        missed = not self.held and not self.skipped
        event = self._move("time_passed", actor, at, CheckInTimePassed, missed=missed)
        self.held = False
        assert self.next_at is not None  # noqa: S101 - an agreed schedule has a next session
        following = next(sessions_following(self.rhythm, self.next_at, zone(self.time_zone)))
        self.next_at, self.skipped, self.moved_to = following.astimezone(UTC), False, None
        if event.from_state == _S.MOVE_PROPOSED.value:  # the session it concerned has passed
            self.proposed_move, self.awaiting = None, None
        self.passes_at = self.next_at + self.rhythm.length
        return event

    def _start_at(self, at: datetime) -> None:
        """Set the next session: the agreed rhythm's first that starts after *at*."""
        self.next_at = first_session(self.rhythm, at, zone(self.time_zone))
        self.skipped, self.moved_to, self.proposed_move = False, None, None
        self.passes_at, self.held = self.next_at + self.rhythm.length, False

    def upcoming(self, now: datetime, count: int) -> list[datetime]:
        """Return the starts of the next *count* sessions whose time has not passed at *now*.

        Aware times in the couple's time zone: the next session at its moved time if both
        agreed to move it, left out if it is set aside; then the rhythm's.
        """
        if self.state not in HOLDING or self.next_at is None or count <= 0:
            return []
        first = None if self.skipped else (self.moved_to or self.next_at)
        starts = upcoming_starts(self.rhythm, first, self.next_at, zone(self.time_zone), now)
        return list(itertools.islice(starts, count))
