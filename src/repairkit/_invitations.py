"""Who may invite whom: after a person leaves or says no, a new start is theirs to make.

`kit.relationships.invite` asks `check_invitable` before it stores anything. Two people
share at most one open invitation or active relationship. A person who left a
relationship with another, declined their invitation or took back their own, cannot be
invited by that other person again until they invite them themselves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from repairkit.core.relationship import Relationship, RelationshipState
from repairkit.core.relationship_events import PartnerLeft
from repairkit.core.values import PersonId
from repairkit.errors import NotInvitable

if TYPE_CHECKING:
    from repairkit._repository import Repository

__all__ = ["check_invitable", "closed_by"]

_OPEN = (RelationshipState.INVITED, RelationshipState.ACTIVE)


def check_invitable(repository: Repository, actor: PersonId, person: PersonId) -> None:
    """Raise `NotInvitable` unless *actor* may invite *person* now; store nothing either way.

    Reads only the relationships *actor* is a partner in (`Storage.relationships_of`),
    and the own events of the ones *person* left.
    """
    between = [r for r in repository.relationships_of(actor) if set(r.partners) == {actor, person}]
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


def closed_by(repository: Repository, relationship: Relationship) -> PersonId | None:
    """Return who ended *relationship* (left, declined, took back the invitation), if anyone."""
    state = relationship.state
    if state is RelationshipState.DECLINED:
        return relationship.invited
    if state is RelationshipState.WITHDRAWN:
        return relationship.inviter
    if state is RelationshipState.ENDED:
        left = [e for e in repository.events(relationship.id) if isinstance(e, PartnerLeft)]
        return left[-1].actor if left else None
    return None
