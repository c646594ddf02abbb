"""An observation: one concrete moment, named without blame, and heard by the other.

The practice (docs/practices.md, naming the pattern without blame; Nonviolent
Communication's observation and feeling; the Imago mirror): one partner writes down,
privately, one concrete moment (when, what was seen or heard), its effect on daily
life and well-being, and their own feeling, and shares it when ready. The other can
reflect it back in their own words ("did I get it?"); the author says it got it, or
that there is more, for `ObservationRules.max_rounds` rounds, after which it is kept
for the next check-in. The other can add their own experience of the same moment, so
that both stand side by side, or say "not now" (neutral: it goes to the check-in's
agenda). Either partner can table it for the check-in, or turn it into a request of
their own (`ObservationCommands.to_request`); its author can withdraw it.

Nothing is counted: an observation is never a crossing, and no count of anyone's
grows from it. The language check (`repairkit.language.check`) is advice an app
offers the author before sharing; it is never run, stored or enforced here.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import ClassVar

import attrs

from repairkit.core.drafts import KEEP, DraftedFirst, Keep, kept
from repairkit.core.engine import EITHER_PARTNER, REPAIRKIT, Role, Workflow
from repairkit.core.settings import SETTING_IN_FORCE
from repairkit.core.values import (
    SYSTEM,
    PersonId,
    check_instant,
    check_person_id,
    check_text,
    new_id,
)
from repairkit.errors import NotAllowedNow
from repairkit.observations.events import (
    ExperienceAdded,
    MoreToSay,
    ObservationDrafted,
    ObservationRedrafted,
    ObservationShared,
    Reflected,
)
from repairkit.observations.rules import ObservationRules
from repairkit.observations.table import AUTHOR, LISTENER, OBSERVATION_WORKFLOW, ObservationState

__all__ = ["Observation"]

_S = ObservationState


@attrs.define(eq=False, kw_only=True)
class Observation(DraftedFirst):
    """One partner's observation of one moment (its writer), shared with the other (listener)."""

    WORKFLOW: ClassVar[Workflow] = OBSERVATION_WORKFLOW

    id: uuid.UUID
    relationship_id: uuid.UUID
    writer: PersonId
    """The partner who wrote it: it is theirs, and only they change or withdraw it."""
    listener: PersonId
    """The other partner, with whom it is shared."""
    rules: ObservationRules = attrs.field(factory=ObservationRules, metadata=SETTING_IN_FORCE)
    """The relationship's rules in force, given whenever it is read (never stored)."""
    created_at: datetime
    moment: str
    """The concrete moment: when it was, and what was seen or heard."""
    effect: str
    """What it did to daily life and well-being."""
    feeling: str
    """The writer's own feeling."""
    state: ObservationState = ObservationState.DRAFTED
    version: int = 0
    proposed_at: datetime | None = None
    """When it was shared; None while it is a draft."""
    proposed_version: int | None = None
    """The version sharing made; the listener's versions count from it (as 1)."""
    reflection: str | None = None
    """The listener's latest reflection, in their own words (theirs)."""
    rounds: int = 0
    """How many times the listener reflected it back (not anyone's count: it bounds the
    rounds of mirroring, `ObservationRules.max_rounds`)."""
    additions: tuple[str, ...] = ()
    """What the writer added each time they said there is more (when they used words)."""
    experience: str | None = None
    """The listener's own experience of the same moment (theirs)."""
    changed_at: datetime | None = None

    # -- who is who ---------------------------------------------------------------

    @property
    def participants(self) -> tuple[PersonId, PersonId]:
        """The writer and the listener."""
        return (self.writer, self.listener)

    @property
    def author(self) -> PersonId:
        """The writer: a draft is theirs alone until it is shared."""
        return self.writer

    @property
    def addressee(self) -> PersonId:
        """The listener: to them, the observation starts when it was shared."""
        return self.listener

    def roles_of(self, actor: PersonId) -> frozenset[Role]:
        """Return the roles *actor* plays: the author or the listener, and either partner."""
        if actor == SYSTEM:
            return frozenset({REPAIRKIT})
        if not self.visible_to(actor):
            return frozenset()
        return frozenset({EITHER_PARTNER, AUTHOR if actor == self.writer else LISTENER})

    def asked(self) -> tuple[PersonId, ...]:
        """Who is asked now: the listener once it is shared, the writer about a reflection."""
        if self.state is _S.SHARED:
            return (self.listener,)
        if self.state is _S.MIRRORED:
            return (self.writer,)
        return ()

    # -- guards ---------------------------------------------------------------------

    def rounds_used_up(self, _at: datetime) -> bool:
        """Return whether the listener reflected it back as often as the rules allow."""
        return self.rounds >= self.rules.max_rounds

    def has_no_experience(self, _at: datetime) -> bool:
        """Return whether the listener has not added their own experience yet."""
        return self.experience is None

    def _text(self, value: str | None, field: str, *, optional: bool = False) -> str | None:
        return check_text(value, field, max_length=self.rules.max_text_length, optional=optional)

    # -- writing ----------------------------------------------------------------------

    @classmethod
    def draft(
        cls,
        *,
        relationship_id: uuid.UUID,
        writer: PersonId,
        listener: PersonId,
        moment: str,
        effect: str,
        feeling: str,
        rules: ObservationRules,
        at: datetime,
    ) -> tuple[Observation, ObservationDrafted]:
        """Write an observation down; only the writer sees it until `share`."""
        at = check_instant(at, "at")
        writer = check_person_id(writer, "actor")
        moment, effect, feeling = _texts(moment, effect, feeling, rules.max_text_length)
        observation = cls(
            id=new_id(),
            relationship_id=relationship_id,
            writer=writer,
            listener=listener,
            rules=rules,
            created_at=at,
            version=1,
            moment=moment,
            effect=effect,
            feeling=feeling,
        )
        return observation, observation._event(
            ObservationDrafted, writer, at, None, moment=moment, effect=effect, feeling=feeling
        )

    def revise(
        self,
        *,
        actor: PersonId,
        at: datetime,
        moment: str | Keep = KEEP,
        effect: str | Keep = KEEP,
        feeling: str | Keep = KEEP,
    ) -> ObservationRedrafted:
        """Change the draft; what is left out is kept (none of the three can be cleared)."""
        at = self._begin("revise", actor, at)
        texts = _texts(
            kept(moment, self.moment),
            kept(effect, self.effect),
            kept(feeling, self.feeling),
            self.rules.max_text_length,
        )
        before = self._fire("revise", at)
        self.moment, self.effect, self.feeling = texts
        parts = dict(zip(("moment", "effect", "feeling"), texts, strict=True))
        return self._event(ObservationRedrafted, actor, at, before, **parts)

    def share(self, *, actor: PersonId, at: datetime) -> ObservationShared:
        """Share it with the listener."""
        at = self._begin("share", actor, at)
        before = self._fire("share", at)
        self.proposed_at, self.proposed_version = at, self.version
        return self._event(ObservationShared, actor, at, before)

    # -- hearing it -------------------------------------------------------------------

    def mirror(self, *, actor: PersonId, at: datetime, words: str) -> Reflected:
        """Reflect it back in one's own words (the listener): "did I get it?"."""
        at = self._begin("mirror", actor, at)
        text = self._text(words, "words")
        assert text is not None  # noqa: S101 - a required text is never None
        before = self._fire("mirror", at)
        self.reflection, self.rounds = text, self.rounds + 1
        return self._event(Reflected, actor, at, before, words=text, round=self.rounds)

    def say_more(self, *, actor: PersonId, at: datetime, words: str | None = None) -> MoreToSay:
        """Say there is more (the writer), in a few more words if one likes."""
        at = self._begin("more", actor, at)
        text = self._text(words, "words", optional=True)
        before = self._fire("more", at)
        if text is not None:
            self.additions = (*self.additions, text)
        return self._event(MoreToSay, actor, at, before, words=text)

    def add_experience(self, *, actor: PersonId, at: datetime, words: str) -> ExperienceAdded:
        """Add one's own experience of the same moment (the listener), next to the writer's."""
        at = self._begin("add_experience", actor, at)
        if not self.has_no_experience(at):  # refused as a move, before its words are read
            raise NotAllowedNow(
                kind=self.WORKFLOW.name,
                action="add_experience",
                state=self.state.value,
                allowed=self.moves_open_to(actor, at),
                reason="Your experience of this moment is next to it as you wrote it.",
            )
        text = self._text(words, "words")
        assert text is not None  # noqa: S101 - a required text is never None
        before = self._fire("add_experience", at)
        self.experience = text
        return self._event(ExperienceAdded, actor, at, before, words=text)


def _texts(moment: str, effect: str, feeling: str, limit: int) -> tuple[str, str, str]:
    """Return the three parts checked and stripped (`InvalidInput` names the first wrong one)."""
    checked = [
        check_text(value, field, max_length=limit) or ""  # required: never None
        for field, value in (("moment", moment), ("effect", effect), ("feeling", feeling))
    ]
    return checked[0], checked[1], checked[2]
