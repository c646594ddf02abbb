"""Read models built from events: what was asked, offered, agreed and kept."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date, datetime

import attrs

from repairkit.core.events import DomainEvent
from repairkit.core.timebox import TimeBox
from repairkit.core.values import PersonId
from repairkit.requests.events import (
    AlternativeProposed,
    CompletionReason,
    FollowThroughCorrected,
    FollowThroughRecorded,
    NoticeAcknowledged,
    RequestAccepted,
    RequestCompleted,
    RequestDeclined,
    RequestDrafted,
    RequestProposed,
    RequestRevised,
    RequestWithdrawn,
    Reviewed,
)
from repairkit.requests.follow_through import Review
from repairkit.requests.model import Offer, RequestState

__all__ = ["Agreement", "Answer", "Occurrence", "RequestHistory", "request_history"]


@attrs.frozen(kw_only=True)
class Agreement:
    """The terms both partners said yes to."""

    ask: str
    offered_by: PersonId
    accepted_by: PersonId
    at: datetime
    time_box: TimeBox | None = None
    """The dates agreed, if any."""
    carried_out_by: PersonId
    """Who carries the ask out, and so marks how it went."""


@attrs.frozen(kw_only=True)
class Answer:
    """How a request ended without agreement: declined or withdrawn."""

    by: PersonId
    outcome: RequestState
    """`RequestState.DECLINED` or `RequestState.WITHDRAWN`."""
    at: datetime
    reason: str | None = None


@attrs.frozen(kw_only=True)
class Occurrence:
    """One occurrence of an agreed request, marked (or owned) by the partner who committed."""

    on: date
    kept: bool
    marked_by: PersonId
    """Who marked or owned it: the partner who carries the agreement out."""


@attrs.frozen(kw_only=True)
class RequestHistory:
    """The story of one request, as its participants may read it."""

    request_id: uuid.UUID
    asker: PersonId
    recipient: PersonId
    need: str
    observation: str | None
    feeling: str | None
    time_box: TimeBox | None
    """The dates as first asked (the agreed ones are on `agreement`)."""
    offers: tuple[Offer, ...]
    """The original ask (round 0) and every alternative, in order."""
    agreement: Agreement | None
    answer: Answer | None
    occurrences: tuple[Occurrence, ...]
    """Owned marks inside the rolling window (older ones are settled and shown nowhere)."""
    state: str
    completed_because: CompletionReason | None
    reviews: tuple[Review, ...] = ()
    """What each partner said worked, after completion."""

    @property
    def kept(self) -> int:
        """How many occurrences inside the window were kept."""
        return sum(1 for o in self.occurrences if o.kept)

    @property
    def not_kept(self) -> int:
        """How many occurrences inside the window were owned as not kept."""
        return sum(1 for o in self.occurrences if not o.kept)


def _offer(event: RequestProposed | AlternativeProposed, round_: int) -> Offer:
    return Offer(
        author=event.actor, ask=event.ask, round=round_, at=event.at, time_box=event.time_box
    )


def request_history(  # noqa: C901, PLR0912 - a case per event
    events: Iterable[DomainEvent], *, marks_since: date | None = None
) -> RequestHistory:
    """Fold one request's events, oldest first, into its history.

    Only marks on or after *marks_since* are kept (the start of the rolling window).
    """
    fields: dict[str, object] = {
        "observation": None,
        "feeling": None,
        "time_box": None,
        "agreement": None,
        "answer": None,
        "completed_because": None,
    }
    offers: list[Offer] = []
    occurrences: dict[date, Occurrence] = {}
    reviews: list[Review] = []
    state = ""
    for event in events:
        state = event.to_state
        match event:
            case RequestDrafted() | RequestRevised() | RequestProposed():
                # A recipient's history starts at RequestProposed: a draft is the asker's alone.
                fields.update(
                    request_id=event.subject_id,
                    asker=event.actor,
                    need=event.need,
                    observation=event.observation,
                    feeling=event.feeling,
                    time_box=event.time_box,
                )
                if not isinstance(event, RequestRevised):
                    fields["recipient"] = event.recipient
                if isinstance(event, RequestProposed):
                    offers.append(_offer(event, 0))
            case AlternativeProposed():
                offers.append(_offer(event, event.round))
            case RequestAccepted():
                fields["agreement"] = Agreement(
                    ask=event.ask,
                    offered_by=event.offered_by,
                    accepted_by=event.actor,
                    at=event.at,
                    time_box=event.time_box,
                    carried_out_by=event.carried_out_by,
                )
            case RequestDeclined():
                fields["answer"] = Answer(
                    by=event.actor, outcome=RequestState.DECLINED, at=event.at, reason=event.reason
                )
            case RequestWithdrawn():
                fields["answer"] = Answer(
                    by=event.actor, outcome=RequestState.WITHDRAWN, at=event.at
                )
            case FollowThroughRecorded() | FollowThroughCorrected():
                # Only the marks of the partner who carries the agreement out count.
                agreement = fields["agreement"]
                if isinstance(agreement, Agreement) and event.actor == agreement.carried_out_by:
                    occurrences[event.occurrence] = Occurrence(
                        on=event.occurrence, kept=event.kept, marked_by=event.actor
                    )
            case NoticeAcknowledged():
                occurrences[event.occurrence] = Occurrence(
                    on=event.occurrence, kept=False, marked_by=event.actor
                )
            case Reviewed():
                reviews.append(Review(by=event.actor, what_worked=event.what_worked, at=event.at))
            case RequestCompleted():
                fields["completed_because"] = event.because
            case _:
                pass
    return RequestHistory(
        offers=tuple(offers),
        occurrences=tuple(
            o for day, o in sorted(occurrences.items()) if marks_since is None or day >= marks_since
        ),
        reviews=tuple(reviews),
        state=state,
        **fields,  # type: ignore[arg-type]
    )
