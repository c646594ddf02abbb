"""Who hears about what in an observation, in repairkit's own calm words.

No notice quotes a partner's words or names anyone: the other reads the observation,
the reflection and the experience themselves, when they open it.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

from repairkit.core.events import DomainEvent
from repairkit.core.notices import QUIET, Notice, NoticeRule, Quiet, tell_audience
from repairkit.core.values import PersonId
from repairkit.observations.events import ObservationDrafted

__all__ = [
    "CONFIRMED",
    "EXPERIENCE_ADDED",
    "MORE_TO_SAY",
    "NOT_NOW",
    "OBSERVATION_NOTICES",
    "REFLECTED",
    "SHARED",
    "TABLED",
    "WITHDRAWN",
    "ObservationNotice",
]


class ObservationNotice(enum.StrEnum):
    """What an observation notification is about."""

    SHARED = "observation shared"
    REFLECTED = "observation reflected back"
    MIRROR_CONFIRMED = "reflection confirmed"
    MORE_TO_SAY = "more to the observation"
    EXPERIENCE_ADDED = "experience added"
    NOT_NOW = "observation kept for check-in"
    TABLED = "observation tabled for check-in"
    WITHDRAWN = "observation taken back"


_AGENDA = "It is kept for your next check-in."

SHARED = tell_audience(
    ObservationNotice.SHARED,
    "Your partner shared an observation with you: one moment, and how it was for them."
    " You can reflect it back in your own words, add how that moment was for you, or say"
    ' "not now"; each is a fine answer.',
)
"""The rule of the ``share`` row."""
REFLECTED = tell_audience(
    ObservationNotice.REFLECTED,
    "Your partner reflected your observation back in their own words, and asks whether"
    " they got it.",
)
"""The rule of the ``mirror`` row."""
CONFIRMED = tell_audience(
    ObservationNotice.MIRROR_CONFIRMED,
    "Your reflection of the observation got it; thank you for listening.",
)
"""The rule of the ``confirm`` row."""


def _more(event: DomainEvent, audience: tuple[PersonId, ...]) -> Iterable[Notice]:
    """There is more to it: reflect once more, or (after the last round) the check-in."""
    if event.to_state == "tabled":
        text = "There is more to the observation than one reflection can hold. " + _AGENDA
    else:
        text = (
            "There is more to the observation than your reflection held; you can reflect"
            " it once more when you are ready."
        )
    return [Notice(p, ObservationNotice.MORE_TO_SAY, text) for p in audience]


MORE_TO_SAY: NoticeRule = _more
"""The rule of the ``more`` rows."""
EXPERIENCE_ADDED = tell_audience(
    ObservationNotice.EXPERIENCE_ADDED,
    "Your partner added how the same moment was for them, next to your observation.",
)
"""The rule of the ``add_experience`` rows."""
NOT_NOW = tell_audience(
    ObservationNotice.NOT_NOW,
    "An observation you shared is not for right now, and that is all right. " + _AGENDA,
)
"""The rule of the ``not_now`` row."""
TABLED = tell_audience(
    ObservationNotice.TABLED, "An observation between you is kept for your next check-in."
)
"""The rule of the ``table`` rows."""
WITHDRAWN = tell_audience(
    ObservationNotice.WITHDRAWN,
    "An observation was taken back by the partner who wrote it; nothing is needed from you.",
)
"""The rule of the ``withdraw`` row (a draft's withdrawal tells nobody: it was private)."""

OBSERVATION_NOTICES: dict[type[DomainEvent], NoticeRule | Quiet] = {ObservationDrafted: QUIET}
"""The rules of the Observation events no row names; each move's row names its own."""
