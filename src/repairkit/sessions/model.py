"""A check-in session: the couple's "State of the Union", in parts, in order.

The practice (Gottman's "State of the Union" meeting, about an hour): each partner
first shares appreciations of the other (up to five), then what went right; then one
issue at a time is heard in speaker and listener turns (the PREP speaker-listener
technique, Imago mirroring): the speaker has the floor and is never cut off; when the
floor's time is up, the speaker alone is told softly. The listener summarises; the
speaker says "understood" or "there is more", and once understood the roles swap.
Nobody persuades before both are understood. Last, each asks "what can I do for you
this coming week?". Either partner alone takes a break, ends the session or asks for a
third person; nothing said is lost. When a stalemate shows (rounds used up without
being understood, too many breaks, an issue carried over session after session), both
hear, in the same neutral words, that a third person could help.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any, ClassVar

import attrs

from repairkit.core.engine import EITHER_PARTNER, REPAIRKIT, Role, Workflow
from repairkit.core.entity import WorkflowObject
from repairkit.core.settings import SETTING_IN_FORCE
from repairkit.core.values import (
    SYSTEM,
    PersonId,
    check_instant,
    check_person_id,
    check_text,
    new_id,
)
from repairkit.errors import InvalidInput, NotAllowedNow
from repairkit.sessions.entries import OUTCOMES, PARTS, Entry
from repairkit.sessions.events import (
    AppreciationShared,
    BreakTaken,
    FloorTimeUp,
    IssueClosed,
    IssueRaised,
    IssueSummarised,
    SessionOpened,
    SessionResumed,
    SpeakerUnderstood,
    ThereIsMore,
    ThirdPersonAsked,
    WeekAnswerShared,
    WentRightShared,
)
from repairkit.sessions.rules import SessionRules
from repairkit.sessions.table import (
    LISTENER,
    SESSION_WORKFLOW,
    SPEAKER,
    TALKING,
    SessionState,
    paused_in_guard,
)

__all__ = ["CheckInSession"]

_S = SessionState


@attrs.define(eq=False, kw_only=True)
class CheckInSession(WorkflowObject):
    """One check-in of an agreed schedule, opened by one partner, held by both."""

    WORKFLOW: ClassVar[Workflow] = SESSION_WORKFLOW

    id: uuid.UUID
    relationship_id: uuid.UUID
    schedule_id: uuid.UUID
    """The agreed check-in schedule the session belongs to."""
    opener: PersonId
    partner: PersonId
    rules: SessionRules = attrs.field(factory=SessionRules, metadata=SETTING_IN_FORCE)
    """The relationship's rules in force, given whenever it is read (never stored)."""
    created_at: datetime
    state: SessionState = SessionState.APPRECIATIONS
    version: int = 0
    entries: tuple[Entry, ...] = ()
    """What the partners wrote, in order, each with its author."""
    issue_item: uuid.UUID | None = None
    """The agenda item the issue being heard names, if any."""
    speaker: PersonId | None = None
    """Who has the floor in the issue being heard (None between issues)."""
    understood_by: tuple[PersonId, ...] = ()
    """Who felt understood on the issue being heard."""
    rounds_used: int = 0
    """How often the speaker said "there is more" in this turn."""
    floor_from: datetime | None = None
    """When the speaker's floor started (None once they were told the time is up)."""
    paused_in: SessionState | None = None
    """The state a break was taken in: resuming goes back there."""
    breaks: int = 0
    """How many breaks were taken in this session (by either partner, alike)."""
    timeout_id: uuid.UUID | None = None
    """The time-out the latest break started, if one did (both partners may see it)."""
    carried: tuple[uuid.UUID, ...] = ()
    """The agenda items of the issues this session carried over (indexed: ``carried``)."""
    last_outcome: str | None = None
    """How the issue closed last ended ("agreed", ...), until the next is raised or the
    part moves on: right after an agreed issue, a partner may draft a request or a
    boundary of their own from it (`kit.sessions.draft_request`, `draft_boundary`)."""
    stalemate_told: bool = False
    """Whether both heard in this session that a third person could help."""
    third_person_told: bool = False
    """Whether both heard in this session that a third person was asked for."""
    changed_at: datetime | None = None

    # -- who is who ---------------------------------------------------------------

    @property
    def participants(self) -> tuple[PersonId, PersonId]:
        """The partner who opened it and the other; both take part alike."""
        return (self.opener, self.partner)

    @property
    def listener(self) -> PersonId | None:
        """Who listens in the issue being heard (None between issues)."""
        return None if self.speaker is None else self._other(self.speaker)

    def _other(self, person: PersonId) -> PersonId:
        return self.partner if person == self.opener else self.opener

    def roles_of(self, actor: PersonId) -> frozenset[Role]:
        """Return the roles *actor* plays: a partner, and in a turn, speaker or listener."""
        if actor == SYSTEM:
            return frozenset({REPAIRKIT})
        if actor not in self.participants:
            return frozenset()
        roles = {EITHER_PARTNER}
        if self.speaker is not None:
            roles.add(SPEAKER if actor == self.speaker else LISTENER)
        return frozenset(roles)

    # -- time ---------------------------------------------------------------------

    @property
    def closes_at(self) -> datetime:
        """When repairkit ends the session if it is still open (`SessionRules.max_minutes`)."""
        return self.created_at + timedelta(minutes=self.rules.max_minutes)

    @property
    def floor_ends_at(self) -> datetime | None:
        """When the speaker is told, softly, that the floor's time is up (None: not now)."""
        if self.state is not _S.SPEAKING or self.floor_from is None:
            return None
        return self.floor_from + timedelta(minutes=self.rules.floor_minutes)

    # -- guards -------------------------------------------------------------------

    def other_understood(self, at: datetime) -> bool:
        """Return whether the listener already felt understood on this issue."""
        del at
        return self.listener is not None and self.listener in self.understood_by

    def can_make(self, trigger: str, actor: PersonId, at: datetime) -> bool:
        """Leave out writing when one's texts are used up (appreciations: per partner)."""
        if trigger in PARTS and self._full(trigger, actor):
            return False
        return super().can_make(trigger, actor, at)

    def _full(self, trigger: str, actor: PersonId) -> bool:
        if len(self.entries) >= self.rules.max_entries:
            return True
        if trigger != "appreciate":
            return False
        mine = sum(1 for e in self.entries if e.part == "appreciation" and e.author == actor)
        return mine >= self.rules.max_appreciations

    # -- opening --------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        *,
        relationship_id: uuid.UUID,
        schedule_id: uuid.UUID,
        opener: PersonId,
        partner: PersonId,
        rules: SessionRules,
        at: datetime,
    ) -> tuple[CheckInSession, SessionOpened]:
        """Open a session of an agreed schedule; it starts with appreciations."""
        at = check_instant(at, "at")
        opener = check_person_id(opener, "actor")
        session = cls(
            id=new_id(),
            relationship_id=relationship_id,
            schedule_id=schedule_id,
            opener=opener,
            partner=partner,
            rules=rules,
            created_at=at,
            version=1,
        )
        return session, session._event(SessionOpened, opener, at, None)

    # -- writing --------------------------------------------------------------------

    def _kept(
        self, trigger: str, actor: PersonId, at: datetime, words: str
    ) -> tuple[datetime, SessionState]:
        """Make *trigger*: check *words* and that there is room for them, then keep them."""
        at = self._begin(trigger, actor, at)
        text = check_text(words, "words", max_length=self.rules.max_text_length)
        assert text is not None  # noqa: S101 - a required text is never None
        if self._full(trigger, actor):
            reason = (
                "The appreciations this part holds from you are shared; the next part is"
                " open whenever you are both ready."
                if trigger == "appreciate" and len(self.entries) < self.rules.max_entries
                else "This session holds all the texts it can; a new check-in can hold more."
            )
            raise NotAllowedNow(
                kind=self.WORKFLOW.name,
                action=trigger,
                state=self.state.value,
                allowed=self.moves_open_to(actor, at),
                reason=reason,
            )
        before = self._fire(trigger, at)
        self.entries = (*self.entries, Entry(part=PARTS[trigger], author=actor, words=text))
        return at, SessionState(before)

    def appreciate(self, *, actor: PersonId, at: datetime, words: str) -> AppreciationShared:
        """Share an appreciation of the other (up to `SessionRules.max_appreciations`)."""
        at, before = self._kept("appreciate", actor, at, words)
        return self._event(AppreciationShared, actor, at, before)

    def went_right(self, *, actor: PersonId, at: datetime, words: str) -> WentRightShared:
        """Share something that went right since the last check-in."""
        at, before = self._kept("went_right", actor, at, words)
        return self._event(WentRightShared, actor, at, before)

    def for_the_week(self, *, actor: PersonId, at: datetime, words: str) -> WeekAnswerShared:
        """Answer "what can I do for you this coming week?"."""
        at, before = self._kept("for_the_week", actor, at, words)
        return self._event(WeekAnswerShared, actor, at, before)

    # -- an issue, in turns ---------------------------------------------------------

    def raise_issue(
        self, *, actor: PersonId, at: datetime, words: str, item_id: uuid.UUID | None = None
    ) -> IssueRaised:
        """Raise an issue in one's own words (naming a waiting agenda item, if any).

        The raiser has the floor first. The commands check that *item_id* names a
        waiting agenda item both partners may see.
        """
        at, before = self._kept("raise_issue", actor, at, words)
        self.issue_item, self.speaker, self.understood_by = item_id, actor, ()
        self.last_outcome = None
        self._floor(at)
        return self._event(IssueRaised, actor, at, before)

    def _floor(self, at: datetime) -> None:
        self.floor_from, self.rounds_used = at, 0

    def summarise(self, *, actor: PersonId, at: datetime, words: str) -> IssueSummarised:
        """Say back, as the listener, what the speaker said."""
        at, before = self._kept("summarise", actor, at, words)
        self.floor_from = None
        return self._event(IssueSummarised, actor, at, before)

    def understood(self, *, actor: PersonId, at: datetime) -> SpeakerUnderstood:
        """Feel understood, as the speaker: the roles swap, or both are understood now."""
        at = self._begin("understood", actor, at)
        before = self._fire("understood", at)
        self.understood_by = (*self.understood_by, actor)
        if self.state is _S.SPEAKING:
            self.speaker = self._other(actor)
            self._floor(at)
        return self._event(SpeakerUnderstood, actor, at, before)

    def there_is_more(self, *, actor: PersonId, at: datetime) -> ThereIsMore:
        """Say there is more, as the speaker: the floor is theirs again, for one more round.

        When the rounds are used up (`SessionRules.rounds`), both hear that a third
        person could help (once a session); nothing is refused.
        """
        at = self._begin("there_is_more", actor, at)
        before = self._fire("there_is_more", at)
        used = self.rounds_used + 1
        self._floor(at)
        self.rounds_used = used
        return self._event(
            ThereIsMore, actor, at, before, stalemate=self._sign(used >= self.rules.rounds)
        )

    def _sign(self, shows: bool) -> bool:
        """Return whether both are told now that a third person could help (once a session)."""
        if not shows or self.stalemate_told:
            return False
        self.stalemate_told = True
        return True

    def close_issue(
        self, *, actor: PersonId, at: datetime, outcome: str, carried_sessions: int = 0
    ) -> IssueClosed:
        """Close the issue being heard; the next one can be raised.

        *outcome* is "agreed" (once both were understood), "carried over" or "third
        person" (from any turn). *carried_sessions* is how many sessions carried the
        same agenda item over, this one included: at `SessionRules.carried_over_sessions`
        both hear that a third person could help.
        """
        at = self._begin("close_issue", actor, at)
        if outcome not in OUTCOMES:
            raise InvalidInput("outcome", "needs one of: {outcomes}.", outcomes=", ".join(OUTCOMES))
        if outcome == "agreed" and self.state is not _S.UNDERSTOOD:
            raise InvalidInput(
                "outcome",
                "is agreed only once both of you felt understood; for now the issue can be"
                " carried over, or kept for a third person.",
            )
        item = self.issue_item
        before = self._fire("close_issue", at)
        if outcome == "carried over" and item is not None and item not in self.carried:
            self.carried = (*self.carried, item)
        self.issue_item, self.speaker, self.understood_by = None, None, ()
        self.floor_from, self.rounds_used, self.last_outcome = None, 0, outcome
        stalemate = (
            outcome == "carried over" and carried_sessions >= self.rules.carried_over_sessions
        )
        third = outcome == "third person" and not self.third_person_told
        self.third_person_told = self.third_person_told or third
        return self._event(
            IssueClosed,
            actor,
            at,
            before,
            outcome=outcome,
            item_id=item,
            stalemate=self._sign(stalemate),
            third_person=third,
        )

    def floor_time_up(self, *, actor: PersonId, at: datetime) -> FloorTimeUp:
        """The floor's time is up: the speaker alone is told softly (repairkit's move)."""
        at = self._begin("floor_time_up", actor, at)
        before = self._fire("floor_time_up", at)
        self.floor_from = None
        assert self.speaker is not None  # noqa: S101 - a speaker has the floor here
        return self._event(FloorTimeUp, actor, at, before, speaker=self.speaker)

    # -- looking after oneself ------------------------------------------------------

    def take_break(
        self, *, actor: PersonId, at: datetime, timeout_id: uuid.UUID | None = None
    ) -> BreakTaken:
        """Take a break, alone: never refused.

        *timeout_id* names the time-out the break started, if the commands started one.
        At `SessionRules.breaks` both hear that a third person could help.
        """
        at = self._begin("take_break", actor, at)
        before = self._fire("take_break", at)
        self.paused_in = SessionState(before)
        self.breaks += 1
        self.timeout_id = timeout_id
        return self._event(
            BreakTaken, actor, at, before, stalemate=self._sign(self.breaks >= self.rules.breaks)
        )

    def resume(self, *, actor: PersonId, at: datetime) -> SessionResumed:
        """Come back from the break (either partner): the session goes on where it paused."""
        at = self._begin("resume", actor, at)
        before = self._fire("resume", at)
        self.paused_in = None
        if self.state is _S.SPEAKING:  # the floor starts afresh
            self.floor_from = at
        return self._event(SessionResumed, actor, at, before)

    def ask_for_third_person(self, *, actor: PersonId, at: datetime) -> ThirdPersonAsked:
        """Ask for a third person, alone: never refused; both hear of it once a session."""
        at = self._begin("ask_for_third_person", actor, at)
        before = self._fire("ask_for_third_person", at)
        tells = not self.third_person_told
        self.third_person_told = True
        return self._event(ThirdPersonAsked, actor, at, before, tells=tells)

    def event_data(self, trigger: str, at: datetime) -> dict[str, Any]:
        """A plain move that ends the session (end, close) clears the turn and the break.

        Ending it while an issue raised in one's own words is heard says so on the event
        (``issue_open``): the issue goes back on the agenda, nothing is lost.
        """
        del at
        data: dict[str, Any] = {}
        if trigger in ("end", "close"):
            data["issue_open"] = self.speaker is not None and self.issue_item is None
        if trigger in ("end", "close", "next_part"):
            self.paused_in, self.speaker, self.floor_from = None, None, None
            self.last_outcome = None
        return data

    def last_issue(self) -> tuple[PersonId, str] | None:
        """Return who raised the last issue of the session and in what words, if any."""
        raised = [e for e in self.entries if e.part == "issue"]
        return None if not raised else (raised[-1].author, raised[-1].words)


def _paused_in(state: SessionState) -> Any:  # noqa: ANN401 - a guard method
    def guard(self: CheckInSession, at: datetime) -> bool:
        del at
        return self.paused_in == state

    guard.__doc__ = f"Return whether the break was taken in {state.value!r}."
    return guard


for _state in TALKING:
    setattr(CheckInSession, paused_in_guard(_state), _paused_in(_state))
