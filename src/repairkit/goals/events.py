"""The SharedGoal workflow's events, each with its stable tag ("goal.agreed").

Events carry no wording: the goal's words live on the object, which only its two
partners may read.
"""

from __future__ import annotations

import attrs

from repairkit.core.events import DomainEvent
from repairkit.core.leaving import ClosedByLeaving

__all__ = [
    "GOAL_EVENTS",
    "GoalAgreed",
    "GoalClosedByLeaving",
    "GoalConsentWithdrawn",
    "GoalCurrentWordsKept",
    "GoalDeclined",
    "GoalDrafted",
    "GoalLinked",
    "GoalProposed",
    "GoalRedrafted",
    "GoalRevisionAgreed",
    "GoalRevisionProposed",
    "GoalRevisionWithdrawn",
    "GoalUnlinked",
    "GoalWithdrawn",
]


@attrs.frozen(kw_only=True)
class GoalDrafted(DomainEvent):
    """A partner wrote a shared goal down (private to them until proposed)."""

    TAG = "goal.drafted"


@attrs.frozen(kw_only=True)
class GoalRedrafted(DomainEvent):
    """The proposer changed the draft (private to them)."""

    TAG = "goal.redrafted"


@attrs.frozen(kw_only=True)
class GoalProposed(DomainEvent):
    """The proposer sent the goal to the other partner."""

    TAG = "goal.proposed"


@attrs.frozen(kw_only=True)
class GoalAgreed(DomainEvent):
    """Both agreed: the goal holds."""

    TAG = "goal.agreed"


@attrs.frozen(kw_only=True)
class GoalDeclined(DomainEvent):
    """The partner asked said no: neutral, counted nowhere."""

    TAG = "goal.declined"


@attrs.frozen(kw_only=True)
class GoalWithdrawn(DomainEvent):
    """The proposer took the goal back before agreement."""

    TAG = "goal.withdrawn"


@attrs.frozen(kw_only=True)
class GoalRevisionProposed(DomainEvent):
    """A partner proposed new words for the goal."""

    TAG = "goal.revision_proposed"


@attrs.frozen(kw_only=True)
class GoalRevisionAgreed(DomainEvent):
    """Both agreed to the new words: they hold now."""

    TAG = "goal.revision_agreed"


@attrs.frozen(kw_only=True)
class GoalCurrentWordsKept(DomainEvent):
    """The partner asked said no to the new words: neutral; the agreed words hold as they were."""

    TAG = "goal.current_kept"


@attrs.frozen(kw_only=True)
class GoalRevisionWithdrawn(DomainEvent):
    """The partner who proposed new words took them back before an answer: nothing changed."""

    TAG = "goal.revision_withdrawn"


@attrs.frozen(kw_only=True)
class GoalConsentWithdrawn(DomainEvent):
    """A partner withdrew consent: the goal no longer holds."""

    TAG = "goal.consent_withdrawn"


@attrs.frozen(kw_only=True)
class GoalLinked(DomainEvent):
    """A partner linked an object that serves the goal (the event names none)."""

    TAG = "goal.linked"


@attrs.frozen(kw_only=True)
class GoalUnlinked(DomainEvent):
    """A partner took a link off the goal (the event names neither)."""

    TAG = "goal.unlinked"


GOAL_EVENTS: tuple[type[DomainEvent], ...] = (
    GoalDrafted,
    GoalRedrafted,
    GoalProposed,
    GoalAgreed,
    GoalDeclined,
    GoalWithdrawn,
    GoalRevisionProposed,
    GoalRevisionAgreed,
    GoalCurrentWordsKept,
    GoalRevisionWithdrawn,
    GoalConsentWithdrawn,
    GoalLinked,
    GoalUnlinked,
)
"""Every event type the SharedGoal workflow records."""


@attrs.frozen(kw_only=True)
class GoalClosedByLeaving(ClosedByLeaving):
    """A partner left the relationship: the goal was closed, neutrally, for both."""

    TAG = "goal.closed_by_leaving"
