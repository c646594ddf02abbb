"""The check-in session's commands, reached as ``kit.sessions``."""

from __future__ import annotations

import uuid
from datetime import datetime

import attrs

from repairkit.checkins.model import CheckInSchedule
from repairkit.commands import WorkflowCommands
from repairkit.core.values import PersonId, check_id, check_person_id
from repairkit.errors import InvalidInput, NotAllowedNow, NotFound
from repairkit.sessions.model import CheckInSession
from repairkit.sessions.rules import SessionRules
from repairkit.sessions.table import OPEN

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
        session, event = CheckInSession.open(
            relationship_id=relationship.id,
            schedule_id=schedule.id,
            opener=actor,
            partner=relationship.other_partner(actor),
            rules=relationship.settings.of(SessionRules),
            at=self._runner.now(),
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

    def take_break(self, session_id: uuid.UUID, *, actor: PersonId) -> CheckInSession:
        """Take a break, alone and at once: the session waits, nothing is lost."""
        return self._make(session_id, actor, "take_break")

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
