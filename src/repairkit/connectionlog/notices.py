"""Who hears about the private log and joint reviews, in repairkit's own calm words.

A log entry tells nobody anything, ever, shared or not: a notice would say when its
author wrote or shared it. The partner reads shared entries when they look, or in a
review. A review's notices say what happened to the proposal or the review, and
never quote an entry nor a takeaway.
"""

from __future__ import annotations

import enum

from repairkit.connectionlog.events import (
    LogEntryWritten,
    ReviewProposed,
)
from repairkit.core.events import DomainEvent
from repairkit.core.notices import NoticeRule, Quiet, tell_audience, tell_everyone

__all__ = [
    "ENTRY_NOTICES",
    "OWN_LOG",
    "READ_TOGETHER",
    "REVIEW_NOTICES",
    "EntryNotice",
    "ReviewNotice",
    "review_lapsed",
    "review_notice",
]


class EntryNotice(enum.StrEnum):
    """A log entry sends no notification: the partner reads shared entries when they look."""


class ReviewNotice(enum.StrEnum):
    """What a joint review's notification is about."""

    PROPOSED = "joint review proposed"
    AGREED = "joint review open"
    DECLINED = "joint review not taken up"
    WITHDRAWN = "joint review taken back"
    CLOSED = "joint review closed"
    LAPSED = "joint review proposal ended"


OWN_LOG = Quiet(
    "A log is its author's own: a notice would tell the partner when they wrote, shared"
    " or changed an entry. The partner reads shared entries when they look."
)
"""The rule of every move on a log entry."""

READ_TOGETHER = Quiet("Takeaways are read in the review itself, by both; nobody is told.")
"""The rule of a takeaway added or removed."""

_MESSAGES = {
    ReviewNotice.PROPOSED: (
        "Your partner would like to look back together at the log entries you both shared"
        " over a period. You can agree or say no; either is a fair answer."
    ),
    ReviewNotice.AGREED: "Your joint review is open: you can look at it together.",
    ReviewNotice.DECLINED: "A proposed joint review was not taken up. That is a fair answer.",
    ReviewNotice.WITHDRAWN: "A proposed joint review was taken back. Nothing is needed from you.",
    ReviewNotice.CLOSED: "Your joint review was closed. Its takeaways stay for both of you.",
}


def review_lapsed() -> NoticeRule:
    """Return the rule telling both partners, calmly, that a proposal ended unanswered."""
    return tell_everyone(
        ReviewNotice.LAPSED,
        "A proposed joint review ended without an answer, as proposals do after a while."
        " Nothing is needed from either of you.",
    )


def review_notice(kind: ReviewNotice) -> NoticeRule:
    """Return the rule telling the other partner of one move of a review, calmly."""
    return tell_audience(kind, _MESSAGES[kind])


ENTRY_NOTICES: dict[type[DomainEvent], NoticeRule | Quiet] = {LogEntryWritten: OWN_LOG}
"""The rules of the log's events no row names; each move's row names its own."""

REVIEW_NOTICES: dict[type[DomainEvent], NoticeRule | Quiet] = {
    ReviewProposed: review_notice(ReviewNotice.PROPOSED)
}
"""The rules of the review's events no row names; each move's row names its own."""
