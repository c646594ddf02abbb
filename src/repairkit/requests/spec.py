"""The Request workflow's declaration: the one thing the registry imports."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Final

from repairkit.core.personal import PersonalData
from repairkit.core.progress import ProgressFigure, ProgressReads, days_by_week
from repairkit.core.spec import WorkflowSpec
from repairkit.core.suggestions import words
from repairkit.requests.codec import register_hooks
from repairkit.requests.commands import RequestCommands
from repairkit.requests.events import REQUEST_EVENTS
from repairkit.requests.model import REQUEST_WORKFLOW, Request
from repairkit.requests.notices import REQUEST_NOTICES, RequestNotice
from repairkit.requests.rules import RequestRules
from repairkit.requests.safety import REQUEST_SAFETY
from repairkit.requests.table import RequestState

__all__ = ["KEPT_WEEK", "REQUESTS"]

KEPT_WEEK: Final = "kept week"
"""The index key of a request with a day marked (kept or not) in an ISO week: ``"2026-W10"``."""


def _iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def _keys(request: Request) -> Iterator[tuple[str, str]]:
    """A request is found by the words of its need, the request it follows, its observation."""
    yield "need", words(request.need)
    if request.follows is not None:
        yield "follows", str(request.follows)
    if request.from_observation is not None:
        yield "observation", str(request.from_observation)
    # every week with a mark, kept or not: a correction then leaves the keys as they are
    for week in sorted({_iso_week(m.occurrence) for m in request.marks}):
        yield KEPT_WEEK, week


def _kept_days(reads: ProgressReads) -> list[int | None]:
    """Days an agreement was kept, a week, as the partner carrying it out marked them.

    Inside the follow-through window only (`RequestRules.follow_through_window_days`):
    past it a day's marks age out for the other partner (and showing only the kept ones
    would show the missed ones by their absence), so a week wholly before shows None.
    """
    window = reads.relationship.settings.of(RequestRules).follow_through_window_days
    oldest = reads.today - timedelta(days=window)
    days: list[date] = []
    for week in reads.weeks:
        if week.starts + timedelta(days=6) < oldest:
            continue
        for request in reads.load_keyed(Request, KEPT_WEEK, week.name):
            days.extend(
                m.occurrence
                for m in request.marks
                if m.kept and _iso_week(m.occurrence) == week.name
            )
    return days_by_week(reads, days, since=oldest)


REQUESTS = WorkflowSpec(
    name="request",
    personal=PersonalData(
        texts={
            "need": "asker",
            "ask": None,
            "observation": "asker",
            "feeling": "asker",
            "other_asks": None,
            "agreed_ask": None,
            "view": "by",
            "what_worked": "by",
            "suggestion": "by",
            "note": None,
            "reason": None,
        }
    ),
    entity=Request,
    workflow=REQUEST_WORKFLOW,
    events=REQUEST_EVENTS,
    notices=REQUEST_NOTICES,
    notice_kinds=RequestNotice,
    summary=(
        "One partner turns a hurt into a request of the other: a need, a concrete ask"
        " and dates. The other can accept it, say no, or offer another way; after a few"
        " rounds without agreement the topic is set aside for the next check-in. Once"
        " agreed, the partner who carries it out marks their own days kept or not; the other"
        " can only note a day, which counts once it is acknowledged."
    ),
    rules=RequestRules,
    namespace="requests",
    commands=RequestCommands,
    codec_hooks=register_hooks,
    safety=REQUEST_SAFETY,
    agenda={
        RequestState.STALLED: "A request set aside",
        RequestState.STEPPED_BACK: "An agreement set down for now",
    },
    keys=_keys,
    progress=(
        ProgressFigure(
            name="agreements_kept", label="days an agreement was kept", count=_kept_days
        ),
    ),
)
"""The Request workflow, as the registry knows it."""
