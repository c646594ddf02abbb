"""The language check: what in a text may read as blame, and a calm suggestion for each.

`check` is a pure function: it reads the text and the words it is given, and returns
findings. It stores nothing, tells nobody and refuses no move; what to show, and
whether to show it, is the app's decision (docs/practices.md, Observation: a check is
advice, never a gate).
"""

from __future__ import annotations

import enum

import attrs

from repairkit.errors import InvalidInput
from repairkit.language.english import ENGLISH
from repairkit.language.words import FauxFeeling, Words

__all__ = ["Finding", "FindingKind", "check"]


class FindingKind(enum.Enum):
    """What a finding is about (docs/practices.md, Observation, lists the signs)."""

    ABSOLUTE = "absolute"
    """A moment turned into a verdict: "always", "never", "every time"."""
    YOU_ACCUSATION = "you_accusation"
    """A verdict on the other person ("you don't care") where an I-statement would describe."""
    THOUGHT_AS_FEELING = "thought_as_feeling"
    """"I feel that / like / as if ...": a thought said as a feeling."""
    FAUX_FEELING = "faux_feeling"
    """A word for what the other supposedly did ("ignored"), not for what one feels."""
    DEMAND = "demand"
    """A request turned into a duty: "you need to", "from now on", "or else"."""
    SARCASM = "sarcasm"
    """Sarcasm and belittling markers: "yeah, right", "thanks for nothing"."""


_KINDS = {
    "absolutes": FindingKind.ABSOLUTE,
    "you_accusations": FindingKind.YOU_ACCUSATION,
    "thoughts_as_feelings": FindingKind.THOUGHT_AS_FEELING,
    "faux_feelings": FindingKind.FAUX_FEELING,
    "demands": FindingKind.DEMAND,
    "sarcasm": FindingKind.SARCASM,
}
_ORDER = {kind: index for index, kind in enumerate(FindingKind)}
_PLAIN_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
"""Typographic quotes read as plain ones, one character for one: spans hold."""


@attrs.frozen(kw_only=True)
class Finding:
    """One place in a text that may read as blame, and what could say it more calmly.

    It points at the text (`start`, `end`) and never holds or repeats it.
    """

    kind: FindingKind
    start: int
    """Where it starts in the text (an index into the string)."""
    end: int
    """Where it ends (exclusive): ``text[start:end]`` is what it is about."""
    suggestion: str
    """What could say it more calmly, in the words' language; it never quotes the text."""
    feelings: tuple[str, ...] = ()
    """For a faux feeling: the feelings that may lie under it ("hurt", "lonely")."""
    needs: tuple[str, ...] = ()
    """For a faux feeling: the needs that may lie under it ("connection")."""


def _finding(
    kind: FindingKind, start: int, end: int, words: Words, feeling: FauxFeeling | None
) -> Finding:
    said = words.suggestions
    if feeling is not None:
        return Finding(
            kind=kind,
            start=start,
            end=end,
            suggestion=said.for_faux_feeling(feeling),
            feelings=feeling.feelings,
            needs=feeling.needs,
        )
    suggestion = {
        FindingKind.ABSOLUTE: said.absolute,
        FindingKind.YOU_ACCUSATION: said.you_accusation,
        FindingKind.THOUGHT_AS_FEELING: said.thought_as_feeling,
        FindingKind.DEMAND: said.demand,
        FindingKind.SARCASM: said.sarcasm,
    }[kind]
    return Finding(kind=kind, start=start, end=end, suggestion=suggestion)


def check(text: str, *, words: Words = ENGLISH) -> tuple[Finding, ...]:
    """Return what in *text* may read as blame, in the order it appears in the text.

    Advice only: an empty result does not mean the text is kind, nor a finding that it
    is not; it is a word check, not an understanding of the text. *words* says what to
    look for and what to suggest (repairkit's own English by default: `ENGLISH`).
    It raises `InvalidInput` only when *text* is not a string, or *words* is not a `Words`.
    """
    if not isinstance(text, str):
        raise InvalidInput("text", "is not text; the check reads text.")
    if not isinstance(words, Words):
        raise InvalidInput("words", "needs a Words value, such as repairkit.language.ENGLISH.")
    scanned = text.translate(_PLAIN_QUOTES)
    found: dict[tuple[FindingKind, int, int], Finding] = {}
    for field, pattern, feeling in words.compiled:
        kind = _KINDS[field]
        for match in pattern.finditer(scanned):
            start, end = match.span("span") if "span" in pattern.groupindex else (-1, -1)
            if start < 0:  # no group named span, or it took no part in the match
                start, end = match.span()
            if start < end and (kind, start, end) not in found:
                found[kind, start, end] = _finding(kind, start, end, words, feeling)
    return tuple(sorted(found.values(), key=lambda f: (f.start, f.end, _ORDER[f.kind])))
