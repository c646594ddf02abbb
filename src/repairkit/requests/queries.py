"""The request rules that read other requests through the port's queries (service layer).

After a no, one new request on the same need, then a wait (safety rule 6).

The rule reads only the asker's requests on the same need, through the index keys
the spec declares (``("need", words)`` and ``("follows", id)``), never the
relationship's whole history: what `propose` costs does not grow with the years of
requests a couple made (issue 15).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta

from repairkit._repository import Repository
from repairkit.core.suggestions import when, words
from repairkit.errors import NotAllowedNow, NotFound
from repairkit.requests.model import REQUEST_WORKFLOW, Request, RequestState

__all__ = ["check_reask_wait", "on_same_need", "same_need"]


def same_need(one: Request, other: Request) -> bool:
    """Return whether two requests name the same need (its words, or a `follows` link)."""
    linked = one.id == other.follows or other.id == one.follows
    shared = one.follows is not None and one.follows == other.follows
    return linked or shared or words(one.need) == words(other.need)


def check_reask_wait(repository: Repository, request: Request, now: datetime) -> None:
    """Refuse a second new request on a need within the wait after its first no.

    Within `RequestRules.reask_wait_hours` after the first no to a need (of the
    asker's requests on it), one new request on the need may be sent; sending a
    second raises `NotAllowedNow`. It reads the declined requests on the need first,
    and all of them only when a no falls inside the wait.
    """
    wait = timedelta(hours=request.rules.reask_wait_hours)
    if not wait:
        return
    declined = on_same_need(repository, request, states=(RequestState.DECLINED,))
    nos = {
        o.id: o.changed_at
        for o in declined
        if o.state is RequestState.DECLINED and o.changed_at and o.changed_at > now - wait
    }
    if not nos:
        return
    first_no = min(nos.values())  # the wait runs from the first no inside it
    sent = [
        o.id
        for o in on_same_need(repository, request)
        if o.proposed_at is not None and o.proposed_at >= first_no
    ]
    # The first no (the oldest request answered at first_no) is not one sent since;
    # which of several answered at that instant it is matters only when it may be
    # the one request sent since.
    tied = [i for i, at in nos.items() if at == first_no]
    if (
        len(sent) > 1
        or any(i not in tied for i in sent)
        or (sent and len(tied) > 1 and _oldest(declined, tied) != sent[0])
    ):
        opens = when(first_no + wait)
        raise NotAllowedNow(
            kind=REQUEST_WORKFLOW.name,
            action="propose",
            state=request.state.value,
            allowed=("revise", "withdraw"),
            reason=(
                "This need was answered with a no a short while ago, and one new request"
                " on it has been sent since. This one can be sent from {opens}."
            ),
            params={"opens": opens},
        )


def on_same_need(
    repository: Repository, request: Request, *, states: Sequence[RequestState] | None = None
) -> list[Request]:
    """Return the asker's other requests on *request*'s need (`same_need`), in *states*.

    Read through the keys: those in the same words, those that follow *request* or
    what it follows, and the one it follows; then filtered exactly as `same_need`.
    """
    wanted = None if states is None else [state.value for state in states]
    rel = request.relationship_id
    found = [
        *repository.load_keyed(Request, rel, "need", words(request.need), states=wanted),
        *repository.load_keyed(Request, rel, "follows", str(request.id), states=wanted),
    ]
    if request.follows is not None:
        found += repository.load_keyed(Request, rel, "follows", str(request.follows), states=wanted)
        try:
            followed = repository.load(Request, request.follows)
        except NotFound:  # a draft checks what it follows; a damaged store may lack it
            followed = None
        if (
            followed is not None
            and followed.relationship_id == rel
            and (states is None or followed.state in states)
        ):
            found.append(followed)
    unique = {o.id: o for o in found}
    return [
        o
        for o in unique.values()
        if o.id != request.id and o.asker == request.asker and same_need(o, request)
    ]


def _oldest(declined: Sequence[Request], ids: Sequence[uuid.UUID]) -> uuid.UUID:
    """Return which of the declined requests *ids* was made first.

    Asked only when several noes fall at the very same instant. Made first means the
    earliest ``created_at`` (its drafting), then the smaller id: an order every storage
    gives alike, whatever order it lists objects in.
    """
    return min((o for o in declined if o.id in ids), key=lambda o: (o.created_at, str(o.id))).id
