"""Who may invite whom: after a person leaves or says no, a new start is theirs to make.

`kit.relationships.invite` asks `check_invitable` before it stores anything. Two people
share at most one open invitation or active relationship. A person who left a
relationship with another, declined their invitation or took back their own, cannot be
invited by that other person again until they invite them themselves.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from repairkit.core.invitations import INVITATION_WINDOW
from repairkit.core.relationship import Relationship, RelationshipState
from repairkit.core.relationship_events import PartnerLeft
from repairkit.core.suggestions import when
from repairkit.core.values import PersonId
from repairkit.errors import NotInvitable

if TYPE_CHECKING:
    from repairkit._repository import Repository

__all__ = ["check_invitable", "closed_by"]

_OPEN = (RelationshipState.INVITED, RelationshipState.ACTIVE)


def check_invitable(
    repository: Repository,
    actor: PersonId,
    person: PersonId,
    *,
    now: datetime,
    per_day: int,
) -> None:
    """Raise `NotInvitable` unless *actor* may invite *person* now; store nothing either way.

    Reads only the relationships *actor* is a partner in (`Storage.relationships_of`,
    an index by partner), and the last shared event of the ones *person* left. *actor*
    may send *per_day* invitations in any `INVITATION_WINDOW`, to anyone, those taken
    back or declined included; that limit is checked last, so that its ``possible_from``
    is only ever given when time is all that stands in the way.
    """
    theirs = repository.relationships_of(actor)
    between = [r for r in theirs if set(r.partners) == {actor, person}]
    if any(r.state in _OPEN for r in between):
        raise NotInvitable(
            "You two already share an invitation or an active relationship; go on in that one"
            " (kit.relationships.for_person finds it)."
        )
    ended_by_them = False
    for relationship in between:  # oldest first
        if relationship.inviter == person:
            ended_by_them = False  # they reached out since
        if closed_by(repository, relationship) == person:
            ended_by_them = True
    if ended_by_them:
        raise NotInvitable(
            "This person cannot be invited by you now: a new start between you is theirs to"
            " make, whenever they choose."
        )
    # Last: a refusal that says from when must not stand in front of one that time ends not.
    since = now - INVITATION_WINDOW
    sent = sorted(r.created_at for r in theirs if r.inviter == actor and r.created_at > since)
    if len(sent) >= per_day:
        following = sent[len(sent) - per_day] + INVITATION_WINDOW
        raise NotInvitable(
            "Invitations are limited to {per_day} per person in 24 hours; the next one"
            " can go from {when}.",
            possible_from=following,
            params={"per_day": per_day, "when": when(following)},
        )


def closed_by(repository: Repository, relationship: Relationship) -> PersonId | None:
    """Return who ended *relationship* (left, declined, took back the invitation), if anyone."""
    state = relationship.state
    if state is RelationshipState.DECLINED:
        return relationship.invited
    if state is RelationshipState.WITHDRAWN:
        return relationship.inviter
    if state is RelationshipState.ENDED:  # leaving is its last shared move: one indexed read
        last = repository.edge_events(relationship.id, last=1)[-1:]
        return last[0].actor if last and isinstance(last[0], PartnerLeft) else None
    return None
