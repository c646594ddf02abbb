"""Counting an item's crossings, and the offer made in the same commit as the one that counts.

Only crossings that count (owned or acknowledged: `repairkit.crossings.table.COUNTED`) of
the item's boundary, about a partner the item binds, inside the item's rolling window
(and after it started holding, or its last review), count; they are read from the
crossings' boundary index (`Storage.load_keyed`), never from the history. The count is
repairkit's own: no read path shows it, to either partner. When a crossing becomes
counted and the count meets the item's threshold, `offer_on_counted` (the workflow's
reaction to crossings, `WorkflowSpec.reacts_to`) makes repairkit's offer of the
consequence to that partner, in the crossing's own commit. No stacking: an item with an
offer open, or a consequence taken on and not reviewed yet, gets no other.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from repairkit.accountability.items import AccountabilityItem
from repairkit.accountability.model import AccountabilityAgreement
from repairkit.accountability.table import HOLDING
from repairkit.accountability.terms import in_force
from repairkit.core import ONE_AT_A_TIME, ReactionReads
from repairkit.core.events import DomainEvent
from repairkit.core.values import PersonId
from repairkit.crossings.model import Crossing
from repairkit.crossings.table import COUNTED
from repairkit.errors import RepairkitError

__all__ = ["OPEN_PLACE", "count_for", "free_on_repair_end", "offer_on_counted"]

OPEN_PLACE = "open"
"""The place an open agreement holds (`WorkflowSpec.one_at_a_time`): one per relationship."""

_COUNTED = frozenset(state.value for state in COUNTED)


def count_for(
    reads: ReactionReads,
    item: AccountabilityItem,
    person: PersonId,
    now: datetime,
    *,
    also: Crossing | None = None,
) -> int:
    """Return how many crossings count for *item* about *person* at *now*.

    *also*: a crossing becoming counted in the commit being made (not stored yet).
    """
    if item.boundary_id is None or person not in item.binds or not item.holds:
        return 0
    since = now - timedelta(days=item.window_days)
    stored = reads.load_keyed(Crossing, "boundary", str(item.boundary_id), sorted(_COUNTED))
    crossings = {c.id: c for c in stored}
    if also is not None:
        crossings[also.id] = also
    return sum(
        1
        for c in crossings.values()
        if c.about == person
        and c.crossed.id == item.boundary_id
        and since <= c.happened_at <= now
        and c.happened_at > item.counts_from < c.happened_at + timedelta(days=c.rules.window_days)
    )


def offer_on_counted(
    crossing: Any,  # noqa: ANN401 - a Crossing, as the pipeline hands it over
    event: DomainEvent,
    reads: ReactionReads,
) -> Sequence[tuple[Any, int, DomainEvent]]:
    """Offer an item's consequence when *event* makes *crossing* count and meets its threshold."""
    if event.to_state not in _COUNTED or event.from_state in _COUNTED:
        return ()
    if not isinstance(crossing, Crossing) or crossing.crossed.kind != "boundary":
        return ()
    states = [state.value for state in HOLDING]
    for agreement in reads.load_keyed(AccountabilityAgreement, ONE_AT_A_TIME, OPEN_PLACE, states):
        for item in agreement.items:
            if (
                item.boundary_id != crossing.crossed.id
                or not item.open_for_offer_to(crossing.about)
                or not in_force(item.consequence, agreement.rules.extra_kinds)
            ):
                continue  # an app's own kind whose settings lost consent offers nothing
            counted = count_for(reads, item, crossing.about, event.at, also=crossing)
            if counted < item.threshold:
                continue
            version = agreement.version
            try:
                offered = agreement.offer(item_id=item.id, to=crossing.about, at=event.at)
            except RepairkitError:  # pragma: no cover - open_for_offer checked it
                continue
            return ((agreement, version, offered),)
    return ()


_ITEM_LINK = "accountability item"
"""The kind of a repair's link to an accountability item (`repairkit.repairs.RepairLinkKind`)."""
_ENDED = {"completed": True, "closed": False}
"""The repair's end states that free its item, and whether its review was held."""


def free_on_repair_end(
    repair: Any,  # noqa: ANN401 - a RepairCommitment, as the pipeline hands it over
    event: DomainEvent,
    reads: ReactionReads,
) -> Sequence[tuple[Any, int, DomainEvent]]:
    """Free the item whose consequence became *repair*, when *event* ends the repair.

    Completed after its joint review, the item's count starts afresh ("resets at a
    review"); closed, the item may offer again. Read by the agreement's id only.
    """
    link = getattr(repair, "link", None)
    completed = _ENDED.get(str(event.to_state))
    if completed is None or link is None or str(link.kind) != _ITEM_LINK or link.item is None:
        return ()
    if event.from_state == event.to_state:
        return ()
    try:
        agreement = reads.load(AccountabilityAgreement, link.id)
    except RepairkitError:
        return ()
    item = next((i for i in agreement.items if i.id == link.item), None)
    if item is None or item.repair_id != repair.id:
        return ()
    version = agreement.version
    ended = agreement.repair_ended(item_id=item.id, at=event.at, completed=completed)
    return () if ended is None else ((agreement, version, ended),)
