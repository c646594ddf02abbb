"""Moves only one person sees, and what the other's copy keeps of them: nothing.

Some moves are one person's alone: a partner writing an entry before sharing it, or
repairkit offering a consequence to the partner it is for. The other partner's copy of
the object must not change with them (docs/safety.md, rule 4: no activity signals),
neither its version nor its time. An object that has such moves keeps, per person, how
many of its moves only that person sees and when the latest was (`Hidden`), and the
time of its last move everyone sees (``shared_at``); its ``seen_by`` and
``version_seen_by`` count with the functions here.
"""

from __future__ import annotations

from datetime import datetime

import attrs

from repairkit.core.values import PersonId

__all__ = ["Hidden", "changed_at_seen_by", "hide", "kept_for", "unseen_by"]


@attrs.frozen(kw_only=True)
class Hidden:
    """The moves of an object only *person* sees (nobody else's copy counts them)."""

    person: PersonId
    moves: int
    """How many: everyone else's view counts the object's versions without them."""
    last_at: datetime
    """When the latest was made: everyone else's view never shows it."""


def hide(hidden: tuple[Hidden, ...], person: PersonId, at: datetime) -> tuple[Hidden, ...]:
    """Return *hidden* with one more move only *person* sees, made at *at*."""
    found = next((h for h in hidden if h.person == person), None)
    moves = 1 if found is None else found.moves + 1
    mark = Hidden(person=person, moves=moves, last_at=at)
    return (*(h for h in hidden if h.person != person), mark)


def unseen_by(hidden: tuple[Hidden, ...], person: PersonId) -> int:
    """Return how many moves *person* does not see (those only someone else sees)."""
    return sum(h.moves for h in hidden if h.person != person)


def kept_for(hidden: tuple[Hidden, ...], person: PersonId) -> tuple[Hidden, ...]:
    """Return what *person*'s copy keeps of *hidden*: their own moves' marks."""
    return tuple(h for h in hidden if h.person == person)


def changed_at_seen_by(
    hidden: tuple[Hidden, ...], shared_at: datetime | None, person: PersonId
) -> datetime | None:
    """Return when the object last changed as *person* sees it.

    The later of its last move everyone sees (*shared_at*) and *person*'s own hidden ones.
    """
    own = [h.last_at for h in hidden if h.person == person]
    return max([t for t in (shared_at, *own) if t is not None], default=None)
