"""Who hears about what in a check-in schedule's life, in repairkit's own calm words.

No text names a partner, quotes one or says who did not come: the times are read in
the app, by the two of them.
"""

from __future__ import annotations

import enum

from repairkit.checkins.events import (
    CheckInHeld,
    CheckInTimePassed,
    ScheduleAgreed,
    ScheduleChangeAgreed,
    ScheduleChangeProposed,
    ScheduleCurrentKept,
    ScheduleDeclined,
    ScheduleEnded,
    ScheduleMoveAgreed,
    ScheduleMoveProposed,
    ScheduleProposed,
    ScheduleWithdrawn,
    SessionSkipped,
)
from repairkit.core.events import DomainEvent
from repairkit.core.notices import NoticeRule, Quiet, tell_audience

__all__ = ["CHANGE_WITHDRAWN", "MOVE_WITHDRAWN", "SCHEDULE_NOTICES", "ScheduleNotice"]


class ScheduleNotice(enum.StrEnum):
    """What a check-in schedule notification is about."""

    PROPOSED = "check-in time proposed"
    AGREED = "check-in time agreed"
    DECLINED = "check-in time declined"
    WITHDRAWN = "check-in time taken back"
    CHANGE_PROPOSED = "check-in rhythm: change proposed"
    CHANGE_AGREED = "check-in rhythm: change agreed"
    MOVE_PROPOSED = "check-in: move proposed"
    MOVE_AGREED = "check-in: move agreed"
    CURRENT_KEPT = "check-in: agreed time kept"
    CHANGE_WITHDRAWN = "check-in rhythm: change taken back"
    MOVE_WITHDRAWN = "check-in: move taken back"
    SKIPPED = "check-in set aside"
    ENDED = "check-in schedule stopped"


CHANGE_WITHDRAWN = tell_audience(
    ScheduleNotice.CHANGE_WITHDRAWN,
    "A new rhythm proposed for your check-ins was taken back; they stay at the time you"
    " agreed. Nothing is needed from you.",
)
"""The other partner hears that a new rhythm was taken back (its row, `withdraw_change`)."""
MOVE_WITHDRAWN = tell_audience(
    ScheduleNotice.MOVE_WITHDRAWN,
    "Another time proposed for your next check-in was taken back; it stays at the usual"
    " time. Nothing is needed from you.",
)
"""The other partner hears that moving the next session was taken back (`withdraw_move`)."""

SCHEDULE_NOTICES: dict[type[DomainEvent], NoticeRule | Quiet] = {
    ScheduleProposed: tell_audience(
        ScheduleNotice.PROPOSED,
        "Your partner proposed a regular time for your check-ins. You can agree or say no;"
        " either is a fair answer.",
    ),
    ScheduleAgreed: tell_audience(
        ScheduleNotice.AGREED, "You both agreed to a regular time for your check-ins."
    ),
    ScheduleDeclined: tell_audience(
        ScheduleNotice.DECLINED,
        "A proposed check-in time was not taken up. That is a fair answer.",
    ),
    ScheduleWithdrawn: tell_audience(
        ScheduleNotice.WITHDRAWN,
        "A proposed check-in time was taken back. Nothing is needed from you.",
    ),
    ScheduleChangeProposed: tell_audience(
        ScheduleNotice.CHANGE_PROPOSED,
        "A new rhythm was proposed for your check-ins. Nothing changes unless you agree;"
        " keeping the current one is a fair answer.",
    ),
    ScheduleChangeAgreed: tell_audience(
        ScheduleNotice.CHANGE_AGREED, "You both agreed to a new rhythm for your check-ins."
    ),
    ScheduleMoveProposed: tell_audience(
        ScheduleNotice.MOVE_PROPOSED,
        "Another time was proposed for your next check-in. Nothing changes unless you agree;"
        " keeping the usual time is a fair answer.",
    ),
    ScheduleMoveAgreed: tell_audience(
        ScheduleNotice.MOVE_AGREED, "You both agreed to another time for your next check-in."
    ),
    ScheduleCurrentKept: tell_audience(
        ScheduleNotice.CURRENT_KEPT, "Your check-ins stay at the time you agreed."
    ),
    SessionSkipped: tell_audience(
        ScheduleNotice.SKIPPED,
        "Your next check-in is set aside for this time; the ones after it go on as agreed.",
    ),
    ScheduleEnded: tell_audience(
        ScheduleNotice.ENDED,
        "Your check-in schedule has stopped. You can agree on a new one whenever you both wish.",
    ),
    CheckInHeld: Quiet(
        "A session opened for the check-in holds it; both are in the session already, and"
        " nothing records who opened it here; nobody is told."
    ),
    CheckInTimePassed: Quiet(
        "A check-in time passing asks nothing of anyone, and telling it could read as a"
        " tally of who came; nobody is told."
    ),
}
"""A rule for every event of the check-in schedule (closing by leaving: its own row)."""
