"""The check-in session's commands, reached as ``kit.sessions``."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import attrs

from repairkit._pipeline import shown
from repairkit.boundaries.model import Boundary
from repairkit.boundaries.rules import BoundaryRules
from repairkit.checkins.model import CheckInSchedule
from repairkit.commands import WorkflowCommands
from repairkit.core.timebox import TimeBox
from repairkit.core.values import SYSTEM, PersonId, check_id, check_person_id
from repairkit.errors import InvalidInput, NotAllowedNow, NotFound, NotPermitted
from repairkit.requests.model import Request
from repairkit.requests.rules import RequestRules
from repairkit.sessions.model import CheckInSession
from repairkit.sessions.rules import SessionRules
from repairkit.sessions.table import OPEN, SessionState

__all__ = ["CARRIED_KEY", "SaidInTheRoom", "SessionCommands"]

CARRIED_KEY = "carried"
"""The index key a session is found by from each agenda item it carried over."""


@attrs.frozen(kw_only=True)
class SaidInTheRoom:
    """A text said in the open session, as a third person reads it: no author."""

    part: str
    """What it is: "appreciation", "went right", "issue", "summary" or "for the week"."""
    words: str


class SessionCommands(WorkflowCommands[CheckInSession]):
    """Check-in sessions: the couple's "State of the Union", in parts, in order.

    Reach it as ``kit.sessions``. Every command names its actor and returns the session
    as it now stands. Either partner alone takes a break, ends the session or asks for a
    third person; none of it is ever refused.
    """

    entity = CheckInSession

    def open(
        self, relationship_id: uuid.UUID, *, actor: PersonId, schedule_id: uuid.UUID
    ) -> CheckInSession:
        """Open a session of the couple's agreed check-in schedule (either partner).

        It starts with appreciations. A relationship has one open session at a time.
        Opened before the schedule's next check-in has passed, it holds that check-in
        (`CheckInSchedule.held`): only a check-in no session held is recorded as missed,
        naming no one.

        Raises:
            NotFound: *schedule_id* names no schedule of this relationship *actor* may see.
            NotAllowedNow: The schedule is not agreed (or no longer holds), or a session
                is open already.
        """
        actor = check_person_id(actor, "actor")
        relationship = self._relationship_for(relationship_id, actor, "open a check-in")
        schedule = self._runner.repository.load(
            CheckInSchedule, check_id(schedule_id, "schedule_id")
        )
        if schedule.relationship_id != relationship.id or not schedule.visible_to(actor):
            raise NotFound("schedule", schedule.id)
        if not schedule.holds:
            self._refuse_open(
                "A session opens from an agreed check-in schedule; this one is not agreed."
            )
        if self._runner.repository.load_all(
            CheckInSession, relationship.id, states=[s.value for s in OPEN]
        ):
            self._refuse_open(
                "A check-in session is open already; it can go on there, or be ended there first."
            )
        now = self._runner.now()
        if schedule.can_hold(now):  # the check-in is held: it will not read as missed
            self._runner.record(schedule, schedule.hold(actor=SYSTEM, at=now))
        session, event = CheckInSession.open(
            relationship_id=relationship.id,
            schedule_id=schedule.id,
            opener=actor,
            partner=relationship.other_partner(actor),
            rules=relationship.settings.of(SessionRules),
            at=now,
        )
        return self._add(session, event)

    @staticmethod
    def _refuse_open(reason: str) -> None:
        raise NotAllowedNow(kind="session", action="open", state="", allowed=(), reason=reason)

    def appreciate(self, session_id: uuid.UUID, *, actor: PersonId, words: str) -> CheckInSession:
        """Share an appreciation of the other, in one's own words (a few each, at most)."""
        return self._make(session_id, actor, "appreciate", words=words)

    def went_right(self, session_id: uuid.UUID, *, actor: PersonId, words: str) -> CheckInSession:
        """Share something that went right since the last check-in."""
        return self._make(session_id, actor, "went_right", words=words)

    def raise_issue(
        self,
        session_id: uuid.UUID,
        *,
        actor: PersonId,
        words: str,
        item_id: uuid.UUID | None = None,
    ) -> CheckInSession:
        """Raise an issue in one's own words and take the floor first.

        *item_id* may name a waiting item of the couple's check-in agenda that both
        partners may see; carrying the issue over then counts toward the sign of a
        stalemate (`SessionRules.carried_over_sessions`).
        """

        def act(obj: CheckInSession, now: datetime) -> object:
            item = None if item_id is None else self._agenda_item(obj, item_id)
            return obj.raise_issue(actor=actor, at=now, words=words, item_id=item)

        return self._run(session_id, actor, act, "raise_issue")  # type: ignore[arg-type]

    def _agenda_item(self, session: CheckInSession, item_id: uuid.UUID) -> uuid.UUID:
        """Return *item_id* if it names a waiting agenda item both partners may see."""
        item_id = check_id(item_id, "item_id")
        spec = self._runner.workflows.by_namespace.get("agenda")
        if spec is not None and spec.commands is not None:
            agenda = spec.commands(self._runner)
            try:
                seen = [agenda.get(item_id, actor=p) for p in session.participants]
            except NotFound:
                seen = []
            if seen and all(
                i.relationship_id == session.relationship_id and str(i.state) == "waiting"
                for i in seen
            ):
                return item_id
        raise InvalidInput("item_id", "names no waiting agenda item you both can see.")

    def summarise(self, session_id: uuid.UUID, *, actor: PersonId, words: str) -> CheckInSession:
        """Say back, as the listener and in one's own words, what the speaker said."""
        return self._make(session_id, actor, "summarise", words=words)

    def understood(self, session_id: uuid.UUID, *, actor: PersonId) -> CheckInSession:
        """Feel understood, as the speaker: the roles swap, or both are understood now."""
        return self._make(session_id, actor, "understood")

    def there_is_more(self, session_id: uuid.UUID, *, actor: PersonId) -> CheckInSession:
        """Say there is more, as the speaker: the floor is yours again, for one more round."""
        return self._make(session_id, actor, "there_is_more")

    def close_issue(
        self, session_id: uuid.UUID, *, actor: PersonId, outcome: str
    ) -> CheckInSession:
        """Close the issue being heard: "agreed", "carried over" or "third person".

        Agreeing comes once both felt understood; carrying over and a third person may
        close any turn. An issue naming an agenda item carried over in as many sessions
        as `SessionRules.carried_over_sessions` gives both the sign of a stalemate.
        """

        def act(obj: CheckInSession, now: datetime) -> object:
            return obj.close_issue(
                actor=actor, at=now, outcome=outcome, carried_sessions=self._carried(obj)
            )

        return self._run(session_id, actor, act, "close_issue")  # type: ignore[arg-type]

    def _carried(self, session: CheckInSession) -> int:
        """Return how many sessions carried the issue's agenda item over, this one included."""
        item = session.issue_item
        if item is None:
            return 0
        earlier = self._runner.repository.load_keyed(
            CheckInSession, session.relationship_id, CARRIED_KEY, str(item)
        )
        return 1 + sum(1 for s in earlier if s.id != session.id)

    def for_the_week(self, session_id: uuid.UUID, *, actor: PersonId, words: str) -> CheckInSession:
        """Answer "what can I do for you this coming week?", in one's own words."""
        return self._make(session_id, actor, "for_the_week", words=words)

    def draft_request(
        self,
        session_id: uuid.UUID,
        *,
        actor: PersonId,
        need: str,
        ask: str,
        observation: str | None = None,
        feeling: str | None = None,
        time_box: TimeBox | None = None,
        other_asks: Sequence[str] = (),
    ) -> Request:
        """Draft a request of one's own from the session, private until one proposes it.

        Open to either partner right after an issue closed as "agreed", and in the "for
        the week" part (what one can do for the other may seed a request). The draft is
        made as ``kit.requests.draft`` makes one, with its arguments and rules, and names
        the session (`Request.from_check_in`); it is *actor*'s alone until they propose it
        there. The session records nothing of it: the other partner learns of it when it
        is proposed, not before.

        Raises:
            NotFound: *session_id* names no session *actor* takes part in.
            NotAllowedNow: no issue was just agreed, and the session is not in "for the week".
            InvalidInput: an argument of the request is refused. Nothing is stored.
        """
        session = self._drafting(session_id, actor, "draft_request", for_the_week=True)
        relationship = self._relationship_for(session.relationship_id, actor, "make a request")
        if isinstance(other_asks, str) or not isinstance(other_asks, Sequence):
            raise InvalidInput("other_asks", "needs a list of asks (it may be empty).")
        request, event = Request.draft(
            relationship_id=relationship.id,
            asker=actor,
            recipient=relationship.other_partner(actor),
            need=need,
            ask=ask,
            observation=observation,
            feeling=feeling,
            other_asks=tuple(other_asks),
            time_box=time_box,
            from_check_in=session.id,
            rules=relationship.settings.of(RequestRules),
            time_zone=relationship.settings.time_zone,
            at=self._runner.now(),
        )
        self._runner.add(request, event)
        return shown(request)

    def draft_boundary(
        self,
        session_id: uuid.UUID,
        *,
        actor: PersonId,
        rule: str,
        own_action: str | None = None,
    ) -> Boundary:
        """Draft a boundary of one's own right after an issue closed as "agreed".

        Made as ``kit.boundaries.draft`` makes one (its rules, and repairkit's own check
        that *own_action* is one's own step), naming the session (`Boundary.from_check_in`),
        and private to *actor* until they propose it there; the session records nothing
        of it.

        Raises:
            NotFound: *session_id* names no session *actor* takes part in.
            NotAllowedNow: no issue was just agreed.
            InvalidInput: the rule or one's own action is refused. Nothing is stored.
        """
        session = self._drafting(session_id, actor, "draft_boundary", for_the_week=False)
        relationship = self._relationship_for(session.relationship_id, actor, "propose a boundary")
        boundary, event = Boundary.draft(
            relationship_id=relationship.id,
            proposer=actor,
            partner=relationship.other_partner(actor),
            rule=rule,
            own_action=own_action,
            rules=relationship.settings.of(BoundaryRules),
            at=self._runner.now(),
            from_check_in=session.id,
        )
        self._runner.add(boundary, event)
        return shown(boundary)

    def _drafting(
        self, session_id: uuid.UUID, actor: PersonId, action: str, *, for_the_week: bool
    ) -> CheckInSession:
        """Return the session if *actor* may draft from it now, else refuse (nothing stored)."""
        session = self._visible(session_id, actor)
        agreed = session.state is SessionState.ISSUE and session.last_outcome == "agreed"
        if agreed or (for_the_week and session.state is SessionState.FOR_THE_WEEK):
            return session
        raise NotAllowedNow(
            kind=CheckInSession.WORKFLOW.name,
            action=action,
            state=session.state.value,
            allowed=self._open_moves(session, actor, self._runner.now()),
            reason='A draft starts from the session right after an issue you agreed on or in "for'
            ' the week".'
            if for_the_week
            else "A draft starts from the session right after an issue you agreed on.",
        )

    def take_break(
        self, session_id: uuid.UUID, *, actor: PersonId, minutes: int | None = None
    ) -> CheckInSession:
        """Take a break, alone and at once: the session waits, nothing is lost.

        The break starts a time-out for *actor*, as ``kit.timeouts.call`` does, of
        *minutes* (by default the time-out rules' shortest pause,
        `TimeOutRules.min_minutes`: 20, after Gottman). The break itself is never
        refused: if the time-out is (one of *actor*'s is open already, or it would pass
        the weekly ceiling), the break stands without one and that refusal is not
        raised. Both partners may see the time-out, so the session names it
        (`CheckInSession.timeout_id`). Either partner resumes the session whenever both
        are ready, before or after the time-out's return time.

        Raises:
            InvalidInput: *minutes* is no length a time-out may have. Nothing is stored.
            NotAllowedNow: the session is on a break already, or over.
        """
        session = self._visible(session_id, actor)
        timeouts = self._runner.workflows.by_namespace.get("timeouts")
        timeout_id = None
        if timeouts is not None and timeouts.commands is not None and timeouts.rules is not None:
            relationship = self._relationship_for(session.relationship_id, actor, "take a break")
            rules: Any = relationship.settings.of(timeouts.rules)
            if minutes is None:
                minutes = rules.min_minutes
            timeouts.entity.check_minutes(minutes, rules)  # type: ignore[attr-defined]
            if "take_break" in session.moves_open_to(actor, self._runner.now()):
                try:
                    called = timeouts.commands(self._runner).call(
                        relationship.id, actor=actor, minutes=minutes
                    )
                except (NotAllowedNow, NotPermitted):  # the break stands without one
                    called = None
                timeout_id = None if called is None else called.id
        return self._make(session_id, actor, "take_break", timeout_id=timeout_id)

    def resume(self, session_id: uuid.UUID, *, actor: PersonId) -> CheckInSession:
        """Come back from the break (either partner): the session goes on where it paused."""
        return self._make(session_id, actor, "resume")

    def ask_for_third_person(self, session_id: uuid.UUID, *, actor: PersonId) -> CheckInSession:
        """Ask for a third person (a counsellor, a trusted mediator), alone: never refused.

        Both partners hear of it, once a session, in words that name neither.
        """
        return self._make(session_id, actor, "ask_for_third_person")

    def said_to_both(
        self, relationship_id: uuid.UUID, *, partners: tuple[PersonId, PersonId]
    ) -> list[SaidInTheRoom]:
        """Return what was said in the room of the open session, as a third person reads it.

        The entries of the relationship's open session (none when no session is open),
        in the order they were said, each with its part and words, never who said it
        (``kit.facilitators.shared``, "sessions"). Both partners were in the room: a
        session is theirs together.
        """
        now = self._runner.now()
        found = self._runner.repository.load_all(
            CheckInSession, relationship_id, states=[s.value for s in OPEN]
        )
        return [
            SaidInTheRoom(part=entry.part, words=entry.words)
            for session in found
            if all(self._listed(session, p, now) for p in partners)
            for entry in session.entries
        ]

    def open_session(self, relationship_id: uuid.UUID, *, actor: PersonId) -> CheckInSession | None:
        """Return the relationship's open session, if there is one."""
        open_now = self.find(relationship_id, actor=actor, states=[s.value for s in OPEN])
        return open_now[0] if open_now else None
