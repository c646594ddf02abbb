"""Texts in more than one language: repairkit's message catalogs (stdlib `gettext`).

Every text repairkit writes (a notification's message, an error's message) is written
in English, its source language, and looked up in the catalog of the language a person
reads (``src/repairkit/locale/<language>/LC_MESSAGES/repairkit.mo``, shipped in the
package). English and German ship complete (`LANGUAGES`).

A message is one catalog text, or several joined by a space (a sentence added to
another, as a time-out's word that a third person could help). A catalog text may hold
named placeholders (``{minutes}``), of safe kinds only: numbers, dates and times, never
words, so no text repeats what a partner wrote. A message with any part the catalog
lacks is given whole in English: a text never mixes two languages.

`translate` gives a message in a language; `Languages` is what a kit uses to speak to
each person in their own (`repairkit.open(language_of=..., texts=...)`).
"""

from __future__ import annotations

import functools
import gettext
import logging
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Final

import attrs

__all__ = [
    "LANGUAGES",
    "LOCALE_DIR",
    "SOURCE_LANGUAGE",
    "Languages",
    "Text",
    "lookup",
    "normalize",
    "translate",
]

log = logging.getLogger("repairkit")

SOURCE_LANGUAGE: Final = "en"
"""The language repairkit writes its texts in, and falls back to."""
LANGUAGES: Final = ("en", "de")
"""The languages whose catalogs ship complete with repairkit."""
LOCALE_DIR: Final = Path(__file__).parent / "locale"
"""Where the compiled catalogs live: ``<language>/LC_MESSAGES/repairkit.mo``."""
DOMAIN: Final = "repairkit"

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
_SAFE_VALUE = r"-?[0-9][0-9:.\-]*"
"""What a placeholder may stand for: a number, a date or a time (never words)."""


@attrs.frozen
class Text:
    """A text, and the language it is in."""

    text: str
    language: str


def normalize(language: object) -> str:
    """Return *language* as a catalog's name ("de" for "de-DE", "de_DE" or "DE").

    Anything that is not a language tag reads as English (`SOURCE_LANGUAGE`).
    """
    if not isinstance(language, str) or not re.fullmatch(
        r"[A-Za-z]{2,8}([-_][A-Za-z0-9]+)*", language
    ):
        return SOURCE_LANGUAGE
    return re.split(r"[-_]", language)[0].lower()


@functools.cache
def _catalog(language: str) -> dict[str, str]:
    """Return the msgid -> msgstr pairs of *language*'s compiled catalog (empty if none)."""
    try:
        found = gettext.translation(DOMAIN, LOCALE_DIR, languages=[language])
    except OSError:
        return {}
    pairs: dict[str, str] = getattr(found, "_catalog", {})
    return {key: value for key, value in pairs.items() if isinstance(key, str) and key and value}


@functools.cache
def _templates(language: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    """Return each catalog text of *language* as a pattern, the longest first."""
    patterns = []
    for msgid in sorted(_catalog(language), key=len, reverse=True):
        named: set[str] = set()
        pattern = ""
        for i, part in enumerate(_PLACEHOLDER.split(msgid)):
            if i % 2 == 0:
                pattern += re.escape(part)
            elif part in named:  # the same value again
                pattern += f"(?P={part})"
            else:
                named.add(part)
                pattern += f"(?P<{part}>{_SAFE_VALUE})"
        patterns.append((re.compile(pattern), msgid))
    return tuple(patterns)


def lookup(template: str, language: str, params: Mapping[str, object] | None = None) -> str | None:
    """Return catalog text *template* in *language*, its placeholders filled; None if missing.

    English is the source: a template is its own English text.
    """
    language = normalize(language)
    if language == SOURCE_LANGUAGE:
        found: str | None = template
    else:
        found = _catalog(language).get(template)
    if found is None:
        return None
    return found.format_map(params) if params else found


def _segments(message: str, language: str) -> list[str] | None:
    """Return *message* as catalog texts of *language*, translated; None if one is missing."""
    catalog = _catalog(language)
    said: list[str] = []
    at = 0
    while at < len(message):
        for pattern, msgid in _templates(language):
            found = pattern.match(message, at)
            if found and (found.end() == len(message) or message[found.end()] == " "):
                values = found.groupdict()
                said.append(catalog[msgid].format_map(values) if values else catalog[msgid])
                at = found.end() + 1
                break
        else:
            return None
    return said


def translate(message: str, language: str) -> Text:
    """Return repairkit's English *message* in *language*, or whole in English if it lacks one.

    *message* is one catalog text or several joined by a space; a language without a
    catalog, or a message with a part the catalog lacks (an app's own workflow), is
    given in English, and the `Text` says so.
    """
    language = normalize(language)
    if language == SOURCE_LANGUAGE or not _catalog(language):
        return Text(message, SOURCE_LANGUAGE)
    exact = _catalog(language).get(message)
    if exact is not None:
        return Text(exact, language)
    said = _segments(message.strip(), language)
    if said is None:
        return Text(message, SOURCE_LANGUAGE)
    return Text(" ".join(said), language)


LanguageOf = Callable[[str], str]
"""``language_of(person_id)``: the language a person reads, as a tag ("de", "en-GB")."""


def _english(_person: str) -> str:
    return SOURCE_LANGUAGE


class Languages:
    """How a kit speaks to each person: their language, and an app's own texts.

    Args:
        language_of: The language a person reads; English for everyone when omitted
            (repairkit's own default). A language repairkit has no catalog for reads as
            English, unless *texts* gives the text in it.
        texts: An app's own text per notice kind, per language:
            ``{"de": {RequestNotice.REQUEST_MADE: "..."}}``. It replaces repairkit's
            text of that kind, whatever the event, in that language only.
    """

    def __init__(
        self,
        language_of: LanguageOf | None = None,
        texts: Mapping[str, Mapping[str, str]] | None = None,
    ) -> None:
        self.language_of: LanguageOf = language_of if language_of is not None else _english
        self.texts: dict[str, dict[str, str]] = {
            normalize(language): {str(kind): text for kind, text in by_kind.items()}
            for language, by_kind in (texts or {}).items()
        }

    def of(self, person: str) -> str:
        """Return the language *person* reads (English if the app's function fails)."""
        try:
            return normalize(self.language_of(person))
        except Exception as error:  # noqa: BLE001 - a failing plug never stops a delivery
            log.warning("language_of failed (%s); English is used", type(error).__name__)
            return SOURCE_LANGUAGE

    def say(self, kind: str, message: str, language: str) -> Text:
        """Return the text of a notification of *kind* in *language*, or in English."""
        language = normalize(language)
        own = self.texts.get(language, {}).get(kind)
        if own is not None:
            return Text(own, language)
        said = translate(message, language)
        if said.language == SOURCE_LANGUAGE:
            own = self.texts.get(SOURCE_LANGUAGE, {}).get(kind)
            if own is not None:
                return Text(own, SOURCE_LANGUAGE)
        return said
