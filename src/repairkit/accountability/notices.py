"""Who hears about what in an accountability agreement's life, in repairkit's own calm words.

No text quotes a partner, names an item or tells a count: the list is read in the app,
by the two of them, and an offered consequence is told only to the partner it is
offered to.
"""

from __future__ import annotations

import enum

from repairkit.accountability.events import (
    AgreementAgreed,
    AgreementDeclined,
    AgreementEnded,
    AgreementProposed,
    AgreementWithdrawn,
    ChangeAgreed,
    ChangeProposed,
    ChangeWithdrawn,
    ConsequenceOffered,
    ConsequenceTakenOn,
    CurrentListKept,
    ItemConsentWithdrawn,
    OfferForCheckIn,
    OfferLapsed,
    RepairEnded,
    ReviewHeld,
)
from repairkit.core.events import DomainEvent
from repairkit.core.notices import Notice, NoticeRule, Quiet, tell_audience
from repairkit.core.values import PersonId

__all__ = ["AGREEMENT_NOTICES", "AgreementNotice"]


class AgreementNotice(enum.StrEnum):
    """What an accountability agreement notification is about."""

    PROPOSED = "accountability list proposed"
    AGREED = "accountability list agreed"
    DECLINED = "accountability list declined"
    WITHDRAWN = "accountability list taken back"
    CHANGE_PROPOSED = "accountability list: a change proposed"
    CHANGE_AGREED = "accountability list: a change agreed"
    CURRENT_KEPT = "accountability list kept as it is"
    CHANGE_WITHDRAWN = "accountability list: a change taken back"
    ITEM_CONSENT_WITHDRAWN = "accountability list: an item no longer holds"
    ENDED = "accountability list no longer holds"
    OFFERED = "accountability list: a consequence offered to you"
    TAKEN_ON = "accountability list: a consequence taken on"
    FOR_CHECK_IN = "accountability list: something for the check-in"
    REVIEW_HELD = "accountability list: a review held"


_OFFER_TEXT = (
    "An item of your accountability list reached the point you both agreed on. A"
    " restorative step is offered to you: you can take it on, say not now, or let it lapse."
    " Each is a fair answer, and nobody else can take it on for you."
)


def _offered(event: DomainEvent, audience: tuple[PersonId, ...]) -> list[Notice]:
    """Tell the partner the consequence is offered to, and nobody else."""
    to = getattr(event, "to", None)
    return [Notice(to, AgreementNotice.OFFERED, _OFFER_TEXT)] if to in audience else []


AGREEMENT_NOTICES: dict[type[DomainEvent], NoticeRule | Quiet] = {
    AgreementProposed: tell_audience(
        AgreementNotice.PROPOSED,
        "Your partner proposed a short accountability list for the two of you. You can agree"
        " or say no; either is a fair answer.",
    ),
    AgreementAgreed: tell_audience(
        AgreementNotice.AGREED, "You both agreed to an accountability list. It holds now."
    ),
    AgreementDeclined: tell_audience(
        AgreementNotice.DECLINED,
        "A proposed accountability list was not taken up. That is a fair answer.",
    ),
    AgreementWithdrawn: tell_audience(
        AgreementNotice.WITHDRAWN,
        "A proposed accountability list was taken back. Nothing is needed from you.",
    ),
    ChangeProposed: tell_audience(
        AgreementNotice.CHANGE_PROPOSED,
        "A change of your accountability list was proposed. Nothing changes unless you"
        " agree; keeping the list as it is is a fair answer.",
    ),
    ChangeAgreed: tell_audience(
        AgreementNotice.CHANGE_AGREED, "You both agreed to a change of your accountability list."
    ),
    CurrentListKept: tell_audience(
        AgreementNotice.CURRENT_KEPT, "Your accountability list stays as you agreed it."
    ),
    ChangeWithdrawn: tell_audience(
        AgreementNotice.CHANGE_WITHDRAWN,
        "A proposed change of your accountability list was taken back; the list stays as"
        " you agreed it. Nothing is needed from you.",
    ),
    ItemConsentWithdrawn: tell_audience(
        AgreementNotice.ITEM_CONSENT_WITHDRAWN,
        "An item of your accountability list no longer holds for now. You can talk about it"
        " at your next check-in if you both wish.",
    ),
    AgreementEnded: tell_audience(
        AgreementNotice.ENDED,
        "Your accountability list no longer holds for now. You can talk about it at your"
        " next check-in if you both wish.",
    ),
    ConsequenceOffered: _offered,
    ConsequenceTakenOn: tell_audience(
        AgreementNotice.TAKEN_ON,
        "A restorative step from your accountability list was taken on. Nothing is needed"
        " from you now.",
    ),
    OfferForCheckIn: tell_audience(
        AgreementNotice.FOR_CHECK_IN,
        "Something from your accountability list waits for your next check-in.",
    ),
    OfferLapsed: Quiet("Nothing happens when an offer lapses: no one is told, nothing counts."),
    RepairEnded: Quiet(
        "The repair's own end told both already; the item only becomes free to offer again."
    ),
    ReviewHeld: tell_audience(
        AgreementNotice.REVIEW_HELD, "A review of your accountability list was noted."
    ),
}
"""A rule for every event of the AccountabilityAgreement workflow."""
