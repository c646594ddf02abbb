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

__all__ = [
    "ABSOLUTES",
    "BLAMING",
    "BLAMING_BY_LANGUAGE",
    "FAUX_FEELINGS",
    "GERMAN_ABSOLUTES",
    "GERMAN_BLAME",
    "GERMAN_PRESSURE",
    "PRESSURE",
    "blaming_words",
]

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


GERMAN_ABSOLUTES = (
    "immer",
    "nie",
    "niemals",
    "jedes Mal",
    "ständig",
    "dauernd",
    "ab jetzt",
    "ab sofort",
    "von nun an",
    "endlich",
)
"""German absolutes: a moment turned into a verdict ("du bist immer ...", "nie"), as
`ABSOLUTES` in English; "endlich" reads as an end to patience. Like the English words,
they are left out of every text, whoever they might aim at."""
GERMAN_PRESSURE = (
    "wieder",
    "schon wieder",
    "erneut",
    "noch immer",
    "immer noch",
    "überfällig",
    r"versag\w*",
    r"gescheitert",
    r"scheiter\w*",
    r"sollst",
    r"solltest",
    r"solltet",
    r"sollte[nt]?",
    r"musst",
    r"müsst",
    r"muss",
    r"müssen",
    "gefälligst",
    "oder sonst",
)
"""German pressure and demands: a request turned into a duty (as `PRESSURE`)."""
GERMAN_BLAME = (
    "im Stich gelassen",
    "verlassen",
    "betrogen",
    "manipuliert",
    "ignoriert",
    "missverstanden",
    "abgelehnt",
    "zurückgewiesen",
    "ausgenutzt",
    "unter Druck gesetzt",
    "herabgesetzt",
    "provoziert",
    "übergangen",
    "angegriffen",
    "beschuldigt",
    "kritisiert",
    "bevormundet",
    r"schuld\w*",
    r"egoistisch\w*",
    r"rücksichtslos\w*",
    r"schäm\w*",
    r"peinlich\w*",
    r"enttäusch\w*",
)
"""German blame and shame: faux feelings (what others supposedly do to us, as
`FAUX_FEELINGS`: "abgelehnt", "ignoriert"), fault ("schuld") and shaming words."""

BLAMING_BY_LANGUAGE: dict[str, re.Pattern[str]] = {
    "en": BLAMING,
    "de": re.compile(
        r"\b(" + "|".join((*GERMAN_ABSOLUTES, *GERMAN_PRESSURE, *GERMAN_BLAME)) + r")\b",
        re.IGNORECASE,
    ),
}
"""What no text of repairkit's may say to a person, in every language it ships."""


def blaming_words(text: str, language: str = "en") -> list[str]:
    """Return the words of *text* (in *language*) that no message of repairkit's may use."""
    return [m.group(0) for m in BLAMING_BY_LANGUAGE[language].finditer(text)]
