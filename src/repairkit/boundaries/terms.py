"""A boundary's words: the rule both keep, and what each will do for themselves."""

from __future__ import annotations

import attrs

from repairkit.core.values import PersonId, check_text

__all__ = ["OwnAction", "Terms", "check_words"]


@attrs.frozen(kw_only=True)
class OwnAction:
    """What one partner will do for themselves if the boundary is crossed.

    Always the partner's own step ("I will take a break and come back in an hour"),
    never a sanction on the other: only the partner it belongs to can state or change it.
    """

    person: PersonId
    action: str


@attrs.frozen(kw_only=True)
class Terms:
    """One wording of a boundary: the rule, and each partner's own action, if any."""

    rule: str
    """What is and is not all right between the two ("no sarcasm when we disagree")."""
    own_actions: tuple[OwnAction, ...] = ()
    """At most one per partner, in the order they were given."""

    def own_action_of(self, person: PersonId) -> str | None:
        """Return what *person* will do for themselves, if they said."""
        return next((a.action for a in self.own_actions if a.person == person), None)

    def with_own_action(self, person: PersonId, action: str | None) -> Terms:
        """Return these terms with *person*'s own action set (None leaves it as it is)."""
        if action is None:
            return self
        others = tuple(a for a in self.own_actions if a.person != person)
        return attrs.evolve(self, own_actions=(*others, OwnAction(person=person, action=action)))


def check_words(value: str | None, field: str, max_length: int, *, optional: bool) -> str | None:
    """Return the checked text of a rule or an own action (never echoed in an error)."""
    return check_text(value, field, max_length=max_length, optional=optional)
