"""What an accountability item may name: a restorative consequence from a closed set.

The practice (docs/practices.md, on the accountability agreement): consequences are
restorative, not punitive, and come only for *repeated* violations that threaten
safety. Each kind acts on the responsible partner's own time and attention; none
touches money, devices, contacts, whereabouts, sleep or the other partner's freedom.
An app adds a kind only through the reviewed extension point (`ExtraKind`, in
`AccountabilityRules.extra_kinds`), which states what the kind acts on and passes
`repairkit.core.check_restorative`; anything else is refused with `InvalidInput`, nothing stored.
"""

from __future__ import annotations

import enum
from typing import Final

import attrs

from repairkit.core.restorative import check_restorative, folded
from repairkit.core.suggestions import words
from repairkit.errors import InvalidInput

__all__ = [
    "OWN_TIME",
    "Consequence",
    "ConsequenceKind",
    "ExtraKind",
    "check_consequence",
    "in_force",
]


class ConsequenceKind(enum.StrEnum):
    """The closed set of restorative consequences (issue 18; PROTOCOLS section 6)."""

    FOCUSED_ATTENTION = "focused attention"
    """Minutes of focused attention a day, for some days (the source's example: 20 x 7)."""
    AFTERMATH_CONVERSATION = "aftermath conversation"
    """An aftermath conversation: a RepairCommitment's five steps."""
    EXTRA_CHECK_IN = "extra check-in"
    """An extra check-in."""
    NAMED_SKILL = "named skill"
    """Practising a named skill (reflective listening, a soft start-up, ...)."""
    THIRD_PERSON_SESSION = "third person session"
    """Suggesting a session with the third person."""


OWN_TIME: Final = "own time and attention"
"""What every kind acts on: the responsible partner's own time and attention."""


@attrs.frozen(kw_only=True)
class ExtraKind:
    """A kind an app adds to the closed set through the reviewed extension point.

    It states what it acts on (`acts_on` must be `OWN_TIME`: the responsible partner's
    own time and attention) and its name and description pass the restorative check
    (`repairkit.core.check_restorative`: nothing of money, devices, contacts, whereabouts,
    sleep or the other partner's say over one's freedom, however it is spelt).
    """

    name: str
    """The kind's name, as a `Consequence.kind` names it ("a walk together")."""
    description: str
    """What the responsible partner does, in one sentence."""
    acts_on: str
    """What it acts on: `OWN_TIME`, and nothing else."""

    def __attrs_post_init__(self) -> None:
        for text in (self.name, self.description):
            if not isinstance(text, str) or not folded(text).strip():
                raise InvalidInput("extra_kinds", "each needs a name and a description, as text.")
        if words(folded(self.name)) in {words(kind.value) for kind in ConsequenceKind}:
            raise InvalidInput("extra_kinds", "names a kind of the set already.")
        if self.acts_on != OWN_TIME:
            raise InvalidInput(
                "extra_kinds",
                "each acts on the responsible partner's {own} alone (acts_on={own_repr}).",
                own=OWN_TIME,
                own_repr=repr(OWN_TIME),
            )
        check_restorative(self.name, "extra_kinds")
        check_restorative(self.description, "extra_kinds")


@attrs.frozen(kw_only=True)
class Consequence:
    """One restorative consequence an item names, offered when its threshold is met."""

    kind: str
    """A `ConsequenceKind`, or the name of a reviewed `ExtraKind`."""
    minutes: int | None = None
    """Minutes a day (focused attention)."""
    days: int | None = None
    """For how many days (focused attention, a named skill)."""
    skill: str | None = None
    """The skill practised (a named skill)."""


def check_consequence(
    value: Consequence | None, extra: tuple[ExtraKind, ...], *, max_days: int
) -> Consequence | None:
    """Return *value* if its kind is in the closed set (or a reviewed extra kind).

    Anything else is refused with `InvalidInput`: the set is closed.
    """
    if value is None:
        return None
    if not isinstance(value, Consequence):
        raise InvalidInput("consequence", "needs a Consequence (a kind of the closed set).")
    known = {kind.value for kind in ConsequenceKind} | {kind.name for kind in extra}
    if not isinstance(value.kind, str) or value.kind not in known:
        kinds = ", ".join(sorted(known))
        raise InvalidInput(
            "consequence", "names a kind outside the closed set ({kinds}).", kinds=kinds
        )
    # Their bounds are the practice's (`RepairRules`), checked when the item is proposed;
    # the upper ones here keep any stored value sane whatever rules come later.
    for name, number, high in (("minutes", value.minutes, 240), ("days", value.days, max_days)):
        if number is not None and (
            not isinstance(number, int) or isinstance(number, bool) or not 1 <= number <= high
        ):
            raise InvalidInput(
                "consequence", "{name} needs a whole number from 1 to {high}.", name=name, high=high
            )
    if value.kind == ConsequenceKind.FOCUSED_ATTENTION and (
        value.minutes is None or value.days is None
    ):
        raise InvalidInput("consequence", "focused attention names minutes a day and days.")
    _check_what_it_names(value)
    # Kept as its plain text, as every storage gives it back: alike on all of them.
    return attrs.evolve(value, kind=str(value.kind))


def in_force(consequence: Consequence | None, extra: tuple[ExtraKind, ...]) -> bool:
    """Return whether *consequence* names a kind the rules in force know (*extra* theirs).

    An app's own kind holds only while the settings that carry it do: once a partner
    withdraws consent from them, an item naming it offers nothing, at once.
    """
    if consequence is None:
        return False
    return consequence.kind in {k.value for k in ConsequenceKind} | {k.name for k in extra}


def _check_what_it_names(value: Consequence) -> None:
    """Refuse a skill or minutes named for a kind that names none, or a skill unnamed."""
    if value.kind == ConsequenceKind.NAMED_SKILL:
        if not isinstance(value.skill, str) or not value.skill.strip():
            raise InvalidInput("consequence", "a named skill names the skill.")
        check_restorative(value.skill, "consequence")
    elif value.skill is not None:
        raise InvalidInput("consequence", "names a skill only for a named skill.")
    if value.minutes is not None and value.kind != ConsequenceKind.FOCUSED_ATTENTION:
        raise InvalidInput("consequence", "names minutes only for focused attention.")
