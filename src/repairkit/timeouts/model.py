"""A time-out in a heated talk: called by a partner for themselves, with a return time.

The practice (docs/practices.md; Gottman on flooding, Terry Real's ladder): the
caller frames it from "I" and names a return time at least `TimeOutRules.min_minutes`
ahead; at the return time both are told to come back; only the caller may ask for one
more step of the ladder, never past `TimeOutRules.ceiling_hours` from the first
call. Coming back, either resumes the talk or sets the topic aside for the next check-in;
letting it go needs both. If the ceiling passes with no return, the time-out lapses and
the topic is set aside. There is no way to put the other partner in a time-out, and a
time-out never blocks any move of the other partner in any workflow.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import ClassVar

import attrs

from repairkit.core.engine import EITHER_PARTNER, REPAIRKIT, Role, Workflow
from repairkit.core.entity import WorkflowObject
from repairkit.core.settings import SETTING_IN_FORCE
from repairkit.core.suggestions import HeardNo
from repairkit.core.values import SYSTEM, PersonId, check_instant, check_person_id, new_id
from repairkit.errors import InvalidInput, NotAllowedNow
from repairkit.timeouts.events import (
    DroppingDeclined,
    DroppingProposed,
    TalkResumed,
    TimeOutCalled,
    TimeOutExtended,
    TimeOutLapsed,
    TopicDropped,
    TopicSetAside,
)
from repairkit.timeouts.rules import TimeOutRules
from repairkit.timeouts.table import CALLER, DROP_ASKED, TIMEOUT_WORKFLOW, TimeOutState

__all__ = ["TimeOut"]

_S = TimeOutState


@attrs.define(eq=False, kw_only=True)
class TimeOut(WorkflowObject):
    """A time-out one partner (the caller) called for themselves."""

    WORKFLOW: ClassVar[Workflow] = TIMEOUT_WORKFLOW

    id: uuid.UUID
    relationship_id: uuid.UUID
    caller: PersonId
    other: PersonId
    rules: TimeOutRules = attrs.field(factory=TimeOutRules, metadata=SETTING_IN_FORCE)
    started_at: datetime
    """When it was first called: the ceiling counts from here."""
    return_at: datetime
    """The agreed return time (the latest, after extensions)."""
    rung: int = 0
    """The rung of the ladder the last time-out length reached."""
    in_talk: int = 1
    """Which time-out of this talk it is (a new one may follow an earlier one)."""
    follows: uuid.UUID | None = None
    """The earlier time-out of the same talk, if any."""
    third_party_suggested: bool = False
    state: TimeOutState = TimeOutState.COOLING_OFF
    version: int = 0
    drop_asked: PersonId | None = None
    changed_at: datetime | None = None
    heard_no: tuple[HeardNo, ...] = ()
    """A recent no to letting the topic go: who suggested it waits (safety rule 6)."""

    @property
    def created_at(self) -> datetime:
        """When the time-out was made (its start): lists order by it, as for every workflow."""
        return self.started_at

    # -- who is who ---------------------------------------------------------------

    @property
    def participants(self) -> tuple[PersonId, PersonId]:
        """The caller and the other partner."""
        return (self.caller, self.other)

    def roles_of(self, actor: PersonId) -> frozenset[Role]:
        """Return the roles *actor* plays: the caller, the partner asked, or either partner."""
        if actor == SYSTEM:
            return frozenset({REPAIRKIT})
        if actor not in self.participants:
            return frozenset()
        roles = {EITHER_PARTNER}
        if actor == self.caller:
            roles.add(CALLER)
        if actor == self.drop_asked:
            roles.add(DROP_ASKED)
        return frozenset(roles)

    def asked(self) -> tuple[PersonId, ...]:
        """The partner asked to let the topic go, if any."""
        if self.drop_asked is None or self.is_finished:  # closed by leaving: nobody is asked
            return ()
        return (self.drop_asked,)

    def suggested_by(self, suggestion: str) -> PersonId | None:
        """Who suggested letting the topic go, while the other's answer is awaited."""
        if suggestion != "propose_dropping" or self.drop_asked is None:
            return None
        return self.other if self.drop_asked == self.caller else self.caller

    def can_make(self, trigger: str, actor: PersonId, at: datetime) -> bool:
        """Drop moves whose conditions fail now (the answer to letting go awaited, ...)."""
        if trigger == "propose_dropping" and self.drop_asked is not None:
            return self.drop_asked == actor  # suggesting back agrees
        if trigger == "extend" and at >= self.ceiling_at:
            return False
        return super().can_make(trigger, actor, at)

    @property
    def ceiling_at(self) -> datetime:
        """When the time-out lapses at the latest."""
        return self.started_at + timedelta(hours=self.rules.ceiling_hours)

    # -- creating -------------------------------------------------------------------

    @staticmethod
    def check_minutes(minutes: object, rules: TimeOutRules) -> int:
        """Return *minutes* if a time-out may last that long, or raise `InvalidInput`."""
        if not isinstance(minutes, int) or isinstance(minutes, bool):
            raise InvalidInput("minutes", "needs a whole number of minutes.")
        longest = rules.longest_minutes
        if not rules.min_minutes <= minutes <= longest:
            raise InvalidInput(
                "minutes",
                "needs {shortest} to {longest} minutes: long enough to calm down,"
                " short enough to come back.",
                shortest=rules.min_minutes,
                longest=longest,
            )
        return minutes

    @classmethod
    def call(
        cls,
        *,
        relationship_id: uuid.UUID,
        caller: PersonId,
        other: PersonId,
        minutes: int,
        rules: TimeOutRules,
        at: datetime,
        follows: TimeOut | None = None,
        third_party: bool = False,
    ) -> tuple[TimeOut, TimeOutCalled]:
        """Call a time-out for oneself, returning in *minutes* (at least the rules' shortest).

        A third person is suggested after `TimeOutRules.third_party_after` time-outs in
        one talk, or when *third_party* says so (the count in a rolling window, or the
        weekly ceiling near: `repairkit.timeouts.rest`).
        """
        at = check_instant(at, "at")
        caller = check_person_id(caller, "caller")
        cls.check_minutes(minutes, rules)
        in_talk = 1 if follows is None else follows.in_talk + 1
        suggested = in_talk >= rules.third_party_after or third_party
        rung = max((i for i, m in enumerate(rules.ladder_minutes) if m <= minutes), default=0)
        timeout = cls(
            id=new_id(),
            relationship_id=relationship_id,
            caller=caller,
            other=other,
            rules=rules,
            started_at=at,
            return_at=at + timedelta(minutes=minutes),
            rung=rung,
            in_talk=in_talk,
            follows=None if follows is None else follows.id,
            third_party_suggested=suggested,
            version=1,
        )
        event = timeout._event(
            TimeOutCalled,
            caller,
            at,
            None,
            return_at=timeout.return_at,
            in_talk=in_talk,
            third_party_suggested=suggested,
        )
        return timeout, event

    # -- moves ----------------------------------------------------------------------

    def next_return(self, at: datetime) -> datetime:
        """Return when an extension asked at *at* would end: the next rung, within the ceiling."""
        ladder = self.rules.ladder_minutes
        rung = min(self.rung + 1, len(ladder) - 1)
        return min(at + timedelta(minutes=ladder[rung]), self.ceiling_at)

    def extend(
        self,
        *,
        actor: PersonId,
        at: datetime,
        until: datetime | None = None,
        third_party: bool = False,
    ) -> TimeOutExtended:
        """Ask for the next step of the ladder; it never reaches past the ceiling.

        *until* is a later limit of its own (what the weekly ceiling leaves), and
        *third_party* tells both that a third person could help.
        """
        at = self._begin("extend", actor, at)
        if at >= self.ceiling_at:  # the ceiling passed before run_due lapsed it
            raise NotAllowedNow(
                kind=self.WORKFLOW.name,
                action="extend",
                state=self.state.value,
                allowed=("come_back", "set_aside"),
                reason="The longest time-out has been reached.",
            )
        rung = min(self.rung + 1, len(self.rules.ladder_minutes) - 1)
        end = self.next_return(at)
        before = self._fire("extend", at)
        self.rung, self.drop_asked = rung, None
        self.return_at = end if until is None else max(at, min(end, until))
        self.third_party_suggested = self.third_party_suggested or third_party
        return self._event(
            TimeOutExtended,
            actor,
            at,
            before,
            return_at=self.return_at,
            third_party_suggested=third_party,
        )

    def come_back(self, *, actor: PersonId, at: datetime) -> TalkResumed:
        """Go on talking (the caller may come back early)."""
        event = self._move("come_back", actor, at, TalkResumed)
        self.drop_asked = None
        return event

    def set_aside(self, *, actor: PersonId, at: datetime) -> TopicSetAside:
        """Keep the topic for the next check-in."""
        event = self._move("set_aside", actor, at, TopicSetAside)
        self.drop_asked = None
        return event

    def propose_dropping(self, *, actor: PersonId, at: datetime) -> DroppingProposed | TopicDropped:
        """Suggest letting the topic go; if the other suggested it already, it is let go."""
        if self.state is _S.CHECK_BACK and self.drop_asked == actor:
            return self.agree_to_drop(actor=actor, at=at)
        at = self._begin("propose_dropping", actor, at)
        if self.drop_asked is not None:
            raise NotAllowedNow(
                kind=self.WORKFLOW.name,
                action="propose_dropping",
                state=self.state.value,
                allowed=self.moves_open_to(actor, at),
                reason="Letting it go was suggested already; the other partner's answer is"
                " awaited.",
            )
        before = self._fire("propose_dropping", at)
        self.drop_asked = self.other if actor == self.caller else self.caller
        return self._event(DroppingProposed, actor, at, before)

    def agree_to_drop(self, *, actor: PersonId, at: datetime) -> TopicDropped:
        """Let the topic go: both have now said so."""
        event = self._move("agree_to_drop", actor, at, TopicDropped)
        self.drop_asked = None
        return event

    def keep_topic(self, *, actor: PersonId, at: datetime) -> DroppingDeclined:
        """Keep the topic; a no is a fair answer."""
        event = self._move("keep_topic", actor, at, DroppingDeclined)
        self.drop_asked = None
        return event

    def lapse(self, *, actor: PersonId, at: datetime) -> TimeOutLapsed:
        """Lapse at the ceiling with no return (its timer, by repairkit); the topic goes on."""
        event = self._move("lapse", actor, at, TimeOutLapsed)
        self.drop_asked = None
        return event
