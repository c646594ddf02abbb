"""The own-action check: what a partner will do for themselves, never a sanction on the other.

A boundary may say what each partner will do for themselves when it is crossed ("I will
take a break and come back in an hour"; docs/practices.md, on boundaries: a boundary
sets one's own limit, it does not control the other). "Ben loses his phone" is a
sanction on the other partner written as one's own action; the check refuses it with
`InvalidInput` (field ``own_action``), without echoing the words.

It is a wording check, and it catches obvious cases only: the other partner (by their
id, "you", "he", "she", "they", "my partner") as the subject the action starts with,
and plain words of sanction ("loses", "punish", "not allowed", "banned", "take away",
"the silent treatment", the other's phone, car, keys or money). It does not understand
the sentence: a sanction in other words, another language or a euphemism passes, and a
harmless action may be refused if it uses one of these words. An app extends it with
its own patterns or checks (`OwnActionWording.extended`) and sets it on its kit
(``kit.boundaries.wording``); the partners still read each other's words before they
agree, and that is the check that counts.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import attrs

from repairkit.core.values import PersonId
from repairkit.errors import InvalidInput

__all__ = ["OWN_ACTION_WORDING", "SANCTIONS", "OwnActionCheck", "OwnActionWording"]

OTHER = "{other}"
"""In a pattern: the other partner's id (escaped), so a pattern can name them."""

SANCTIONS: tuple[str, ...] = (
    # the other partner as the one the action is about: "Ben loses ...", "you will ..."
    r"^\W*(?:then\s+|and\s+)?(?:{other}|you|he|she|they|my partner|the other(?: one| partner)?)\b",
    # a consequence imposed: "loses his phone", "is punished", "is not allowed", "banned"
    r"\b(?:lose|loses|losing|punish\w*|penali[sz]\w*|sanction\w*|forbid\w*|banned|confiscat\w*)\b",
    r"\bgrounded\b",
    r"\b(?:not|no longer|never)\s+(?:be\s+)?(?:allowed|permitted)\b",
    r"\btakes?\s+away\b|\btake\s+(?:his|her|their|your)\b",
    r"\bsilent treatment\b|\bstop\s+(?:talking|speaking)\s+to\b",
    r"\b(?:his|her|their|your|{other}'s)\s+(?:phone|car|keys|money|card|allowance|laptop)\b",
)
"""repairkit's own patterns (case-insensitive) of an action that is about the other partner
or a sanction on them; ``{other}`` stands for the other partner's id."""

OwnActionCheck = Callable[[str, PersonId], bool]
"""An app's own check: given an own action and the other partner's id, return True to
refuse it as being about the other partner."""

_REFUSAL = (
    "reads as a step for the other partner or a consequence for them; an own action says"
    " what you will do yourself, such as 'I will take a break and come back in an hour'."
)


def _compiled(pattern: str, other: PersonId) -> re.Pattern[str]:
    return re.compile(pattern.replace(OTHER, re.escape(other)), re.IGNORECASE)


def _valid(_instance: object, _attribute: object, patterns: tuple[str, ...]) -> None:
    for pattern in patterns:
        try:
            _compiled(pattern, "partner")
        except (re.error, TypeError, AttributeError) as error:
            raise InvalidInput(
                "patterns", "holds a pattern that is not a regular expression."
            ) from error


@attrs.frozen(kw_only=True)
class OwnActionWording:
    """How an own action is checked to be the partner's own step (see the module's limits).

    repairkit's own is `OWN_ACTION_WORDING`; an app extends it and sets it on its kit:
    ``kit.boundaries.wording = OWN_ACTION_WORDING.extended("no dessert")``.
    """

    patterns: tuple[str, ...] = attrs.field(default=SANCTIONS, validator=_valid)
    """Regular expressions (case-insensitive) that refuse an action when one matches
    (repairkit's own: `SANCTIONS`); ``{other}`` stands for the other partner's id."""
    checks: tuple[OwnActionCheck, ...] = ()
    """An app's own checks, asked after the patterns (none by default)."""

    def extended(self, *patterns: str, checks: tuple[OwnActionCheck, ...] = ()) -> OwnActionWording:
        """Return this wording with more *patterns* and *checks* (the ones it has stay)."""
        return OwnActionWording(
            patterns=(*self.patterns, *patterns), checks=(*self.checks, *checks)
        )

    def is_about_the_other(self, action: str, other: PersonId) -> bool:
        """Return whether *action* reads as about *other*, or as a sanction on them."""
        if any(_compiled(p, other).search(action) for p in self.patterns):
            return True
        return any(check(action, other) for check in self.checks)

    def check(self, action: str | None, *, other: PersonId) -> None:
        """Refuse *action* (`InvalidInput`, field ``own_action``) if it is about *other*."""
        if action is not None and self.is_about_the_other(action, other):
            raise InvalidInput("own_action", _REFUSAL)


OWN_ACTION_WORDING = OwnActionWording()
"""repairkit's own check: `SANCTIONS`, and no check of an app's."""
