"""The progress view over a long history (issue 20): ``progress_scale``.

Two couples share one SQLite file. One has used the app daily for two years, the other
for the last two weeks; both read ``kit.progress`` (the default window, 8 weeks) at the
same moment. Daily, each partner records a micro-response (Ana tells hers), Ben writes
and shares a log entry, and Ana pauses every third day; weekly, they hold a check-in
(a session opened and ended) and Ben owns a crossing of a boundary in force; each
month Ana asks for a new agreement that Ben marks kept daily. Timers run daily, as an
app runs them. Ratio = the two years' view time / the two weeks' view time; target
<= 3: every line reads indexes week by week (docs/progress.md), never the history.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Any

from repairkit import ManualClock, RepairKit, TimeBox
from repairkit.adapters import SQLiteStorage

YEARS_DAYS, WEEKS_DAYS = 730, 14
VIEWS = 20
REPEATS = 5


class _Couple:
    """One couple's daily life in the app: what makes each line of the view move."""

    def __init__(self, kit: RepairKit, people: tuple[str, str]) -> None:
        self.kit, self.ana, self.ben = kit, *people
        invitation = kit.relationships.invite(self.ben, actor=self.ana)
        self.id = kit.relationships.accept_invitation(invitation.id, actor=self.ben).id
        boundary = kit.boundaries.draft(self.id, actor=self.ana, rule="A call before visitors.")
        kit.boundaries.propose(boundary.id, actor=self.ana)
        self.boundary = kit.boundaries.agree(boundary.id, actor=self.ben).id
        schedule = kit.checkins.propose(self.id, actor=self.ana, weekday=6, start=time(19, 0))
        self.schedule = kit.checkins.agree(schedule.id, actor=self.ben).id
        self.request: uuid.UUID | None = None
        self.day = 0

    def live_a_day(self) -> None:
        kit, couple, day = self.kit, self.id, self.day
        kit.micro_responses.record(couple, actor=self.ana, kind="expressed gratitude", tell=True)
        kit.micro_responses.record(couple, actor=self.ben, kind="reflected back")
        entry = kit.log.write(couple, actor=self.ben, kind="connection", what=f"Day {day}.")
        kit.log.share(entry.id, actor=self.ben)
        if day % 3 == 0:
            kit.pauses.record(couple, actor=self.ana)
        if day % 7 == 6:
            session = kit.sessions.open(couple, actor=self.ana, schedule_id=self.schedule)
            kit.sessions.end(session.id, actor=self.ben)
            kit.crossings.own(couple, actor=self.ben, boundary_id=self.boundary)
        if day % 28 == 0:
            now = kit.clock.now()
            box = TimeBox(starts_at=now, ends_at=now + timedelta(days=27))
            request = kit.requests.draft(
                couple, actor=self.ana, need=f"time {day}", ask="a call", time_box=box
            )
            kit.requests.propose(request.id, actor=self.ana)
            self.request = kit.requests.accept(request.id, actor=self.ben).id
        if self.request is not None:
            kit.requests.record_follow_through(self.request, actor=self.ben, kept=True)
        self.day += 1


def progress_scale(
    result_type: Any,
    best_of: Callable[..., tuple[float, float]],
    start: datetime,
    folder: Path,
) -> Any:
    """Time the view of a couple two years in against one two weeks in, in one file."""
    clock = ManualClock(start.replace(hour=8))
    storage = SQLiteStorage(folder / "progress.db")
    kit = RepairKit(storage=storage, clock=clock)
    try:
        years = _Couple(kit, ("ana", "ben"))
        weeks: _Couple | None = None
        for day in range(YEARS_DAYS):
            if day == YEARS_DAYS - WEEKS_DAYS:
                weeks = _Couple(kit, ("cy", "dee"))
            years.live_a_day()
            if weeks is not None:
                weeks.live_a_day()
            clock.advance(timedelta(days=1))
            kit.timers.run_due(limit=1000)
        assert weeks is not None

        def views(couple: _Couple) -> Callable[[], None]:
            def run() -> None:
                for _ in range(VIEWS):
                    view = kit.progress(couple.id, actor=couple.ana)
                    assert view.line("connection").values[-2] == 7

            return run

        long_time, short_time = best_of(views(years), views(weeks), REPEATS)
    finally:
        kit.close()
    return result_type(
        "progress_scale",
        f"{long_time / VIEWS * 1e3:.2f} ms/view (2 years of daily use)",
        f"{short_time / VIEWS * 1e3:.2f} ms/view (2 weeks of daily use)",
        long_time / short_time,
        3.0,
        "<=",
    )
