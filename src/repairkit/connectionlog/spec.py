"""The private log's and the joint review's declarations: what the registry imports."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date
from typing import Any

import attrs

from repairkit.connectionlog.commands import JointReviewCommands, LogCommands
from repairkit.connectionlog.events import ENTRY_EVENTS, REVIEW_EVENTS
from repairkit.connectionlog.model import SHARED_WEEK, EntryKind, LogEntry
from repairkit.connectionlog.moments import PartOfDay
from repairkit.connectionlog.notices import (
    ENTRY_NOTICES,
    REVIEW_NOTICES,
    EntryNotice,
    ReviewNotice,
)
from repairkit.connectionlog.queries import declined_keys
from repairkit.connectionlog.review import JointReview
from repairkit.connectionlog.rules import LogRules, ReviewRules
from repairkit.connectionlog.safety import ENTRY_SAFETY, REVIEW_SAFETY
from repairkit.connectionlog.table import ENTRY_WORKFLOW, REVIEW_WORKFLOW, LogEntryState
from repairkit.core.personal import PersonalData
from repairkit.core.progress import Count, ProgressFigure, ProgressReads
from repairkit.core.spec import FacilitatorShare, WorkflowSpec

__all__ = ["LOG", "LOG_REVIEWS", "LOG_SHARE", "SharedMoment"]


def _entry_keys(entry: LogEntry) -> Iterable[tuple[str, str]]:
    """A shared entry's index key: the ISO week of its day; none while it is not shared."""
    if entry.state is LogEntryState.SHARED:
        return ((SHARED_WEEK, entry.week),)
    return ()


def _shared(kind: EntryKind) -> Count:
    """Shared entries of *kind* a week, both partners' together, read from the week's index."""

    def count(reads: ProgressReads) -> list[int | None]:
        shared = [LogEntryState.SHARED.value]
        return [
            sum(
                e.kind is kind
                for e in reads.load_keyed(LogEntry, SHARED_WEEK, w.name, states=shared)
            )
            for w in reads.weeks
        ]

    return count


@attrs.frozen(kw_only=True)
class SharedMoment:
    """A log entry shared with the partner, as a third person reads it: no author."""

    kind: EntryKind
    day: date
    part: PartOfDay
    what: str
    trigger: str | None
    trigger_tags: tuple[str, ...]
    helped: str | None
    helped_tags: tuple[str, ...]


def _moments(
    commands: LogCommands, relationship_id: uuid.UUID, partners: tuple[str, str]
) -> list[Any]:
    """What a third person reads of the log: this week's entries shared with the partner.

    Only those both partners read now, without their author, ordered by day, part of
    the day and words: nothing tells who wrote which, or when. Private entries never.
    """
    first, second = (commands.shared(relationship_id, actor=p) for p in partners)
    both = {entry.id for entry in second}
    moments = [
        SharedMoment(
            kind=e.kind,
            day=e.day,
            part=e.part,
            what=e.what,
            trigger=e.trigger,
            trigger_tags=e.trigger_tags,
            helped=e.helped,
            helped_tags=e.helped_tags,
        )
        for e in first
        if e.id in both
    ]
    return sorted(moments, key=lambda m: (m.day, list(PartOfDay).index(m.part), m.what))


LOG_SHARE = FacilitatorShare(
    category="shared log entries",
    description="This week's log entries each partner shared with the other: what happened,"
    " its day and part of the day, never who wrote it; never an entry kept private.",
    read=_moments,
)
"""Shared log entries, as a category a third person may read."""


LOG = WorkflowSpec(
    name="log",
    personal=PersonalData(
        texts={
            "what": "author",
            "trigger": "author",
            "helped": "author",
        }  # tags come from the app's closed lists (`LogRules`): no one's free text
    ),
    entity=LogEntry,
    workflow=ENTRY_WORKFLOW,
    events=ENTRY_EVENTS,
    notices=ENTRY_NOTICES,
    notice_kinds=EntryNotice,
    summary=(
        "Each partner may keep a private log of moments of connection and of neglect:"
        " what happened, what triggered a withdrawal or a surge of closeness, and what"
        " reduced the harm, in their own words with tags from short lists if they like."
        " An entry has coarse time only: a day and a part of the day. It is its"
        " author's alone, nor does anyone learn that it exists, until they share it, one"
        " by one; they unshare, edit or delete it whenever they like, and deleting keeps"
        " nothing of its words. The partner reads a shared entry with its day and part"
        " of the day only, never when it was written or changed. Nobody is ever told."
    ),
    rules=LogRules,
    namespace="log",
    commands=LogCommands,
    safety=ENTRY_SAFETY,
    keys=_entry_keys,
    shared_with_facilitator=LOG_SHARE,
    progress=(
        ProgressFigure(
            name="connection",
            label="moments of connection shared",
            count=_shared(EntryKind.CONNECTION),
        ),
        ProgressFigure(
            name="neglect",
            label="moments of neglect shared",
            count=_shared(EntryKind.NEGLECT),
            setback=True,
        ),
    ),
)
"""The private log, as the registry knows it."""

LOG_REVIEWS = WorkflowSpec(
    name="review",
    personal=PersonalData(texts={"words": "author"}),
    entity=JointReview,
    workflow=REVIEW_WORKFLOW,
    events=REVIEW_EVENTS,
    notices=REVIEW_NOTICES,
    notice_kinds=ReviewNotice,
    summary=(
        "Either partner proposes to look back together at the log entries both shared"
        " over a period; the review opens once the other agrees, and a no is neutral and"
        " counted nowhere. While it is open, both read its patterns over the entries"
        " shared inside the period, across both partners and never split by person: the"
        " most frequent triggers, what helped, connection and neglect week by week."
        " Takeaways are written by the partners, never copied from an entry; one can"
        " seed a request or a boundary draft of one's own. Either partner closes it."
    ),
    rules=ReviewRules,
    namespace="log_reviews",
    commands=JointReviewCommands,
    safety=REVIEW_SAFETY,
    keys=declined_keys,
)
"""Joint reviews of the shared log, as the registry knows them."""
