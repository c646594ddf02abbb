"""Who hears about what in a shared goal's life, in repairkit's own calm words.

No text quotes a partner: the goal's words are read in the app, by the two of them.
"""

from __future__ import annotations

import enum

from repairkit.core.events import DomainEvent
from repairkit.core.notices import NoticeRule, Quiet, tell_audience
from repairkit.goals.events import (
    GoalAgreed,
    GoalConsentWithdrawn,
    GoalCurrentWordsKept,
    GoalDeclined,
    GoalDrafted,
    GoalLinked,
    GoalProposed,
    GoalRedrafted,
    GoalRevisionAgreed,
    GoalRevisionProposed,
    GoalUnlinked,
    GoalWithdrawn,
)

__all__ = ["GOAL_NOTICES", "REVISION_WITHDRAWN", "GoalNotice"]


class GoalNotice(enum.StrEnum):
    """What a shared goal notification is about."""

    PROPOSED = "shared goal proposed"
    AGREED = "shared goal agreed"
    DECLINED = "shared goal declined"
    WITHDRAWN = "shared goal taken back"
    REVISION_PROPOSED = "shared goal: new words proposed"
    REVISION_AGREED = "shared goal: new words agreed"
    CURRENT_KEPT = "shared goal: agreed words kept"
    REVISION_WITHDRAWN = "shared goal: new words taken back"
    CONSENT_WITHDRAWN = "shared goal no longer holds"


_PRIVATE = Quiet("A draft is its writer's alone until it is proposed.")

REVISION_WITHDRAWN = tell_audience(
    GoalNotice.REVISION_WITHDRAWN,
    "New words proposed for your shared goal were taken back; it stays in the words you"
    " agreed. Nothing is needed from you.",
)
"""The other partner hears that new words were taken back (its row, `withdraw_revision`)."""

_LINKS = Quiet("A link asks nothing of anyone: both see it when they read the goal.")

GOAL_NOTICES: dict[type[DomainEvent], NoticeRule | Quiet] = {
    GoalDrafted: _PRIVATE,
    GoalRedrafted: _PRIVATE,
    GoalProposed: tell_audience(
        GoalNotice.PROPOSED,
        "Your partner proposed a shared goal for the two of you. You can agree or say no;"
        " either is a fair answer.",
    ),
    GoalAgreed: tell_audience(GoalNotice.AGREED, "You both agreed to a shared goal. It holds now."),
    GoalDeclined: tell_audience(
        GoalNotice.DECLINED,
        "A proposed shared goal was not taken up. That is a fair answer; the topic can come"
        " up at your next check-in if you both wish.",
    ),
    GoalWithdrawn: tell_audience(
        GoalNotice.WITHDRAWN, "A proposed shared goal was taken back. Nothing is needed from you."
    ),
    GoalRevisionProposed: tell_audience(
        GoalNotice.REVISION_PROPOSED,
        "New words were proposed for your shared goal. Nothing changes unless you agree;"
        " keeping the agreed words is a fair answer.",
    ),
    GoalRevisionAgreed: tell_audience(
        GoalNotice.REVISION_AGREED, "You both agreed to new words for your shared goal."
    ),
    GoalCurrentWordsKept: tell_audience(
        GoalNotice.CURRENT_KEPT, "Your shared goal stays in the words you agreed."
    ),
    GoalConsentWithdrawn: tell_audience(
        GoalNotice.CONSENT_WITHDRAWN,
        "A shared goal no longer holds for now. You can talk about it at your next check-in"
        " if you both wish.",
    ),
    GoalLinked: _LINKS,
    GoalUnlinked: _LINKS,
}
"""A rule for every event of the SharedGoal workflow."""
