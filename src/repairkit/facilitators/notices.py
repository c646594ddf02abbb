"""Who hears about a third person's part, in repairkit's own calm words.

No text names a partner or quotes what the third person wrote. The third person hears
twice, in words for them: when both partners invited them, and when their part ends,
whoever or whatever ended it (a partner, or a partner's leaving), so they never learn
which partner it was. A partner's consent is their own: changing it tells nobody, and the
scope in force shows in the app.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable

from repairkit.core.events import DomainEvent
from repairkit.core.notices import Notice, NoticeRule, Quiet, tell_audience
from repairkit.core.values import PersonId
from repairkit.facilitators.events import (
    ConsentSet,
    FacilitatorDeclined,
    FacilitatorEntryRemoved,
    FacilitatorInvited,
    FacilitatorProposed,
    FacilitatorRemoved,
    FacilitatorSteppedDown,
    FacilitatorWithdrawn,
    ReflectionShared,
    SuggestionShared,
)

__all__ = [
    "CONSENT_IS_ONES_OWN",
    "ENTRY_REMOVED",
    "FACILITATOR_NOTICES",
    "INVITED",
    "PART_ENDED",
    "FacilitatorNotice",
]


class FacilitatorNotice(enum.StrEnum):
    """What a notification about a third person is about."""

    PROPOSED = "third person: invitation proposed"
    INVITED = "third person: invited"
    DECLINED = "third person: not taken up"
    WITHDRAWN = "third person: proposal taken back"
    YOUR_PART = "third person: your part"
    ENDED = "third person: part ended"
    REFLECTION = "third person: reflection"
    SUGGESTION = "third person: suggestion"


_INVITED_FACILITATOR = (
    "A couple invited you to take part in their check-ins as their third person. You see"
    " what both of them agree to share, and your reflections and suggestions reach both."
)
_INVITED_PARTNERS = (
    "You both agreed to invite a third person to your check-ins. Either of you can end"
    " their part, alone, at any time."
)
_ENDED_FACILITATOR = (
    "Your part in this couple's check-ins has ended. Thank you for the help you gave."
)


def _worded(
    kind: enum.StrEnum, for_them: str, for_partners: str | None
) -> Callable[[DomainEvent, tuple[PersonId, ...]], Iterable[Notice]]:
    """Return a rule telling the third person (the event's ``facilitator``) *for_them*.

    The partners in the audience hear *for_partners* (nobody, if None).
    """

    def rule(event: DomainEvent, audience: tuple[PersonId, ...]) -> Iterable[Notice]:
        facilitator = getattr(event, "facilitator", None)
        notices = []
        for person in audience:
            if person == facilitator:
                notices.append(Notice(person, FacilitatorNotice.YOUR_PART, for_them))
            elif for_partners is not None:
                notices.append(Notice(person, kind, for_partners))
        return notices

    rule.__doc__ = f"The third person: {for_them} The partners: {for_partners or 'nothing'}"
    return rule


INVITED = _worded(FacilitatorNotice.INVITED, _INVITED_FACILITATOR, _INVITED_PARTNERS)
"""The rule of an invitation both agreed to: each partner but the one who agreed, and them."""
PART_ENDED = _worded(
    FacilitatorNotice.ENDED,
    _ENDED_FACILITATOR,
    "The third person's part in your check-ins has ended. You can invite one whenever you"
    " both wish.",
)
"""The rule of a removal: the other partner, and the third person (never told by whom)."""
PART_ENDED_BY_LEAVING = _worded(FacilitatorNotice.ENDED, _ENDED_FACILITATOR, None)
"""The rule of closing by leaving: only the third person hears; the remaining partner hears
one sentence about the leaving itself."""
STEPPED_DOWN = tell_audience(
    FacilitatorNotice.ENDED,
    "The third person ended their part in your check-ins. You can invite one whenever you"
    " both wish.",
)
"""The rule of the third person stepping down: both partners hear it."""
ENTRY_REMOVED = Quiet(
    "The third person took back words of their own; the entry leaves the list, and a notice"
    " would only ask the partners to look for what is gone."
)
"""The rule of the third person taking one of their entries out."""
CONSENT_IS_ONES_OWN = Quiet(
    "What a partner consents to share is their own; the scope in force shows in the app,"
    " and a notice each time would press on the other, or tell the third person who chose."
)
"""The rule of a partner setting their consent."""

FACILITATOR_NOTICES: dict[type[DomainEvent], NoticeRule | Quiet] = {
    FacilitatorProposed: tell_audience(
        FacilitatorNotice.PROPOSED,
        "Your partner suggested inviting a third person, such as a counsellor or a trusted"
        " mediator, to your check-ins. You can agree or say no; either is a fair answer.",
    ),
    FacilitatorInvited: INVITED,
    FacilitatorDeclined: tell_audience(
        FacilitatorNotice.DECLINED,
        "A suggestion to invite a third person was not taken up. That is a fair answer.",
    ),
    FacilitatorWithdrawn: tell_audience(
        FacilitatorNotice.WITHDRAWN,
        "A suggestion to invite a third person was taken back. Nothing is needed from you.",
    ),
    ConsentSet: CONSENT_IS_ONES_OWN,
    FacilitatorRemoved: PART_ENDED,
    FacilitatorSteppedDown: STEPPED_DOWN,
    ReflectionShared: tell_audience(
        FacilitatorNotice.REFLECTION,
        "The third person reflected back what they heard. You can read it in the app.",
    ),
    SuggestionShared: tell_audience(
        FacilitatorNotice.SUGGESTION,
        "The third person offered a suggestion. You can read it in the app; whether to take"
        " it up is for the two of you.",
    ),
    FacilitatorEntryRemoved: ENTRY_REMOVED,
}
"""A rule for every event (closing by leaving: its own row)."""
