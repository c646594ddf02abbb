"""What happens to an appreciation; each event has a stable tag."""

from __future__ import annotations

import attrs

from repairkit.core import ClosedByLeaving, DomainEvent, PersonId


@attrs.frozen(kw_only=True)
class AppreciationSent(DomainEvent):
    """A partner sent an appreciation."""

    TAG = "appreciation.sent"

    receiver: PersonId
    text: str


@attrs.frozen(kw_only=True)
class AppreciationAcknowledged(DomainEvent):
    """The receiver acknowledged it."""

    TAG = "appreciation.acknowledged"


@attrs.frozen(kw_only=True)
class AppreciationLetBe(DomainEvent):
    """The receiver let it be, with no answer needed."""

    TAG = "appreciation.let_be"


@attrs.frozen(kw_only=True)
class AppreciationReturned(DomainEvent):
    """The receiver sent one back: it landed, and they appreciate the sender too."""

    TAG = "appreciation.returned"


@attrs.frozen(kw_only=True)
class AppreciationClosedByLeaving(ClosedByLeaving):
    """A partner left the relationship: repairkit closed it, telling nobody."""

    TAG = "appreciation.closed_by_leaving"
