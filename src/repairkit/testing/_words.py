"""The words no text of repairkit's may say to a person (safety rule 8).

The practices (docs/practices.md, Observation and Tone) list the signs that a text
blames rather than describes: absolutes, pressure, faux feelings. The words live with
the language check (`repairkit.language.english`); this module picks the ones no text
of the library's may say. `SafetyContract`
applies `blaming_words` to every notification and refusal, and to every notice rule of
the registry.
"""

from __future__ import annotations

import re

from repairkit.language import english

__all__ = ["ABSOLUTES", "BLAMING", "FAUX_FEELINGS", "PRESSURE", "blaming_words"]

FAUX_FEELINGS = tuple(feeling.word for feeling in english.FAUX_FEELINGS)
"""Words that describe what others supposedly do to us (Nonviolent Communication): the
words of `repairkit.language.english.FAUX_FEELINGS`."""

ABSOLUTES = (*english.ABSOLUTES, "from now on", "finally")
"""Absolutes: a moment turned into a verdict (docs/practices.md, Observation: the words of
`repairkit.language.english.ABSOLUTES`, and "from now on"; "finally" reads as an end to
patience)."""
PRESSURE = english.PRESSURE
"""Pressure and demands: a request turned into a duty (`repairkit.language.english.PRESSURE`)."""

BLAMING = re.compile(
    r"\b("
    + "|".join((*ABSOLUTES, *PRESSURE))
    + "|"
    + "|".join(re.escape(word) for word in FAUX_FEELINGS)
    + r")\b",
    re.IGNORECASE,
)
"""What no text of repairkit's may say to a person."""


def blaming_words(text: str) -> list[str]:
    """Return the words of *text* that no message of repairkit's may use."""
    return [m.group(0) for m in BLAMING.finditer(text)]
