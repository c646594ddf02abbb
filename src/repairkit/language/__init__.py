"""The language check: advice for saying a hard thing without blame (docs/language-check.md).

``check(text)`` returns the places in *text* that may read as blame (absolutes,
"you" accusations, "I feel that ...", faux feelings, demands, sarcasm), each with its
span, its `FindingKind` and a calm suggestion. It is a pure function: it stores
nothing, tells nobody and never blocks a move. Its findings are for the person who
writes, before they send; the app decides whether and how to show them.

The words it looks for are data (`Words`): repairkit ships `ENGLISH`, and an app
extends it (``ENGLISH.extended(sarcasm=(...,))``) or gives a `Words` of its own for
another language.
"""

from __future__ import annotations

from repairkit.language.english import ENGLISH
from repairkit.language.findings import Finding, FindingKind, check
from repairkit.language.words import FauxFeeling, Suggestions, Words

__all__ = ["ENGLISH", "FauxFeeling", "Finding", "FindingKind", "Suggestions", "Words", "check"]
