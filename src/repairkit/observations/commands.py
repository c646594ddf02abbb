"""The Observation workflow's commands, reached as ``kit.observations``."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from repairkit._lists import oldest_first
from repairkit._pipeline import shown
from repairkit.commands import WorkflowCommands
from repairkit.core.drafts import KEEP, Keep, kept
from repairkit.core.timebox import TimeBox
from repairkit.core.values import PersonId, check_person_id
from repairkit.errors import InvalidInput, NotAllowedNow
from repairkit.observations.model import Observation
from repairkit.observations.rules import ObservationRules
from repairkit.observations.table import ObservationState
from repairkit.requests.model import Request
from repairkit.requests.rules import RequestRules

__all__ = ["ObservationCommands"]

_NOT_YET = (
    ObservationState.DRAFTED,
    ObservationState.WITHDRAWN,
    ObservationState.CLOSED_BY_LEAVING,
)
"""The states in which no request can be made from an observation (a draft is private)."""


class ObservationCommands(WorkflowCommands[Observation]):
    """Observations: one moment, named without blame, shared, mirrored and answered.

    Reach it as ``kit.observations``. ``confirm``, ``not_now``, ``table`` and
    ``withdraw`` are plain moves: the namespace answers them from the table
    (``kit.observations.confirm(observation_id, actor=...)``). The language check
    (`repairkit.language.check`) is for the app to offer the writer before `share`:
    advice only, never stored and never a gate (docs/observations.md).
    """

    entity = Observation

    def draft(
        self,
        relationship_id: uuid.UUID,
        *,
        actor: PersonId,
        moment: str,
        effect: str,
        feeling: str,
    ) -> Observation:
        """Write an observation down; only *actor* sees it (nor that it exists) until `share`.

        *moment* is one concrete moment (when it was, what was seen or heard), *effect*
        what it did to daily life and well-being, *feeling* one's own feeling.
        """
        actor = check_person_id(actor, "actor")
        relationship = self._relationship_for(relationship_id, actor, "write an observation")
        observation, event = Observation.draft(
            relationship_id=relationship.id,
            writer=actor,
            listener=relationship.other_partner(actor),
            moment=moment,
            effect=effect,
            feeling=feeling,
            rules=relationship.settings.of(ObservationRules),
            at=self._runner.now(),
        )
        return self._add(observation, event)

    def revise(
        self,
        observation_id: uuid.UUID,
        *,
        actor: PersonId,
        moment: str | Keep = KEEP,
        effect: str | Keep = KEEP,
        feeling: str | Keep = KEEP,
    ) -> Observation:
        """Change the draft (its writer); a part left out keeps its words."""
        return self._make(
            observation_id, actor, "revise", moment=moment, effect=effect, feeling=feeling
        )

    def share(self, observation_id: uuid.UUID, *, actor: PersonId) -> Observation:
        """Share the draft with the other partner (its writer), when ready."""
        return self._make(observation_id, actor, "share")

    def mirror(self, observation_id: uuid.UUID, *, actor: PersonId, words: str) -> Observation:
        """Reflect it back in one's own words (the listener): "did I get it?".

        At most `ObservationRules.max_rounds` times; the writer answers each reflection
        with ``confirm`` or ``more``.
        """
        return self._make(observation_id, actor, "mirror", words=words)

    def more(
        self, observation_id: uuid.UUID, *, actor: PersonId, words: str | None = None
    ) -> Observation:
        """Say there is more to it than the reflection held (the writer), in *words* if one likes.

        The listener can reflect it once more; after the last round it is kept for the
        next check-in instead.
        """
        return self._run(
            observation_id,
            actor,
            lambda obj, now: obj.say_more(actor=actor, at=now, words=words),
            "more",
        )

    def add_experience(
        self, observation_id: uuid.UUID, *, actor: PersonId, words: str
    ) -> Observation:
        """Add one's own experience of the same moment (the listener), next to the writer's."""
        return self._make(observation_id, actor, "add_experience", words=words)

    # -- where it leads ------------------------------------------------------------------

    def to_request(
        self,
        observation_id: uuid.UUID,
        *,
        actor: PersonId,
        need: str,
        ask: str,
        observation: str | Keep | None = KEEP,
        feeling: str | None = None,
        time_box: TimeBox | None = None,
        other_asks: Sequence[str] = (),
    ) -> Request:
        """Turn a shared observation into a request draft of *actor*'s own (either partner).

        The draft is *actor*'s, private to them until they propose it (``kit.requests``);
        its *observation* text is the observation's moment unless given (shorter words,
        say, for `RequestRules.max_text_length`; ``None`` leaves it out), and it names
        the observation (`Request.from_observation`), so each leads to the other
        (`requests`). The observation itself does not change: the other partner learns of
        the request when it is proposed, not before. Refused with `NotAllowedNow` for a
        draft or a withdrawn observation.
        """
        actor = check_person_id(actor, "actor")
        made_from = self._visible(observation_id, actor)
        relationship = self._relationship_for(made_from.relationship_id, actor, "make a request")
        if made_from.state in _NOT_YET:
            raise NotAllowedNow(
                kind=Observation.WORKFLOW.name,
                action="to_request",
                state=made_from.state.value,
                allowed=self._open_moves(made_from, actor, self._runner.now()),
                reason="A request can be made from an observation once it is shared, and"
                " while it is not taken back.",
            )
        request, event = Request.draft(
            relationship_id=relationship.id,
            asker=actor,
            recipient=relationship.other_partner(actor),
            need=need,
            ask=ask,
            observation=kept(observation, made_from.moment),
            feeling=feeling,
            other_asks=_asks(other_asks),
            time_box=time_box,
            from_observation=made_from.id,
            rules=relationship.settings.of(RequestRules),
            time_zone=relationship.settings.time_zone,
            at=self._runner.now(),
        )
        self._runner.add(request, event)
        return shown(request)

    def requests(self, observation_id: uuid.UUID, *, actor: PersonId) -> list[Request]:
        """Return the requests made from the observation that *actor* may see, oldest first.

        One's own drafts among them, and the other partner's once proposed; a draft of
        the other's is left out, as if it did not exist.
        """
        observation = self._visible(observation_id, actor)
        now = self._runner.now()
        made = self._runner.repository.load_keyed(
            Request, observation.relationship_id, "observation", str(observation.id)
        )
        seen = [
            shown(self._runner.as_told(r.aged(actor, now).seen_by(actor), actor, version=r.version))
            for r in made
            if r.from_observation == observation.id and r.visible_at(actor, now)
        ]
        return oldest_first(seen)


def _asks(asks: Sequence[str]) -> tuple[str, ...]:
    if isinstance(asks, str) or not isinstance(asks, Sequence):
        raise InvalidInput("other_asks", "needs a list of asks (it may be empty).")
    return tuple(asks)
