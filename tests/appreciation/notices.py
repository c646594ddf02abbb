"""Who hears about an appreciation, in repairkit's calm words (never the text itself)."""

from __future__ import annotations

import enum

from appreciation.events import AppreciationAcknowledged, AppreciationLetBe, AppreciationSent
from repairkit.core import DomainEvent, NoticeRule, Quiet, tell_audience


class AppreciationNotice(enum.StrEnum):
    """What an appreciation's notifications are about."""

    APPRECIATION_SENT = "appreciation sent"
    APPRECIATION_ACKNOWLEDGED = "appreciation acknowledged"


APPRECIATION_NOTICES: dict[type[DomainEvent], NoticeRule | Quiet] = {
    AppreciationSent: tell_audience(
        AppreciationNotice.APPRECIATION_SENT, "Your partner sent you an appreciation."
    ),
    AppreciationAcknowledged: tell_audience(
        AppreciationNotice.APPRECIATION_ACKNOWLEDGED, "Your appreciation was received."
    ),
    AppreciationLetBe: Quiet("Letting it be asks nothing of anyone."),
}
