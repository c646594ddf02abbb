"""The words a language check looks for, as data: one `Words` value per language.

A `Words` value holds, for each kind of finding, regular expressions (matched
case-insensitively), the faux feelings with the feelings and needs that may lie under
each, and the calm suggestions the check gives, in that language. repairkit ships
English (`repairkit.language.ENGLISH`); an app extends it (`Words.extended`), replaces a
part of it (``attrs.evolve(ENGLISH, sarcasm=())``) or builds a `Words` of its own for
another language.

In a pattern, a group named ``span`` marks the part a finding points at (otherwise the
whole match). A faux feeling frame holds ``{word}`` (any faux feeling's word, as it is
said of oneself: "felt ignored") or ``{verb}`` (its verb, when one is given: "you ignore
me"); the check fills them in, one feeling at a time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import attrs

from repairkit.errors import InvalidInput

__all__ = ["FauxFeeling", "Suggestions", "Words"]

WORD = "{word}"
"""In a faux feeling frame: the feeling's word, as said of oneself ("ignored")."""
VERB = "{verb}"
"""In a faux feeling frame: the feeling's verb, as said of the other ("ignore")."""


def _compiled(pattern: str, field: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern, re.IGNORECASE)
    except (re.error, TypeError) as error:
        raise InvalidInput(field, "holds a pattern that is not a regular expression.") from error


def _texts(value: Iterable[str], field: str) -> tuple[str, ...]:
    items = () if isinstance(value, str) else tuple(value)
    if not items and isinstance(value, str):
        raise InvalidInput(field, "needs a list of texts, not a single text.")
    if not all(isinstance(item, str) and item for item in items):
        raise InvalidInput(field, "needs a list of non-empty texts.")
    return items


def _listed(value: object) -> object:
    """Return a list or other iterable as a tuple; anything else as it is, to be refused."""
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        return value
    return tuple(value)


@attrs.frozen(kw_only=True)
class FauxFeeling:
    """A word for what someone else supposedly did to us, and what may lie under it.

    "Faux feelings" are Nonviolent Communication's name for such words (Rosenberg; see
    docs/practices.md, Observation): "ignored" says what the other did, while the
    feelings under it (hurt, lonely) and the need (connection) say what is alive in the
    person who writes.
    """

    word: str
    """The word as said of oneself ("ignored", "let down"): a regular expression too."""
    feelings: tuple[str, ...] = attrs.field(converter=_listed)
    """Feelings that may lie under it ("hurt", "lonely")."""
    needs: tuple[str, ...] = attrs.field(converter=_listed)
    """Needs that may lie under it ("connection")."""
    verb: str | None = None
    """Its forms as said of the other ("ignor(?:e|es|ed|ing)"), if it has a verb."""

    def __attrs_post_init__(self) -> None:
        _compiled(self.word, "word")
        if self.verb is not None:
            _compiled(self.verb, "verb")
        for field in ("feelings", "needs"):
            value = getattr(self, field)
            if not isinstance(value, tuple) or not _texts(value, field):
                raise InvalidInput(field, "needs a list of at least one word.")


@attrs.frozen(kw_only=True)
class Suggestions:
    """What the check suggests for each kind of finding, in calm words of one language.

    A suggestion never quotes the text it is about. ``faux_feeling`` holds ``{feelings}``
    and ``{needs}``, filled in with the feeling's lists joined by `or_word`.
    """

    absolute: str
    you_accusation: str
    thought_as_feeling: str
    faux_feeling: str
    demand: str
    sarcasm: str
    or_word: str = "or"
    """The word that joins the last two of a list ("hurt or lonely"; English by default)."""

    def __attrs_post_init__(self) -> None:
        for field in attrs.fields(Suggestions):
            value = getattr(self, field.name)
            if not isinstance(value, str) or not value.strip():
                raise InvalidInput(field.name, "needs a suggestion in a few calm words.")
        try:
            self.faux_feeling.format(feelings="", needs="")
        except (KeyError, IndexError, ValueError) as error:
            raise InvalidInput(
                "faux_feeling", "may hold {feelings} and {needs}, and no other braces."
            ) from error

    def joined(self, items: tuple[str, ...]) -> str:
        """Return *items* as one phrase: "a, b or c"."""
        if len(items) < 2:  # noqa: PLR2004 - a pair is the smallest list with a joining word
            return "".join(items)
        return f"{', '.join(items[:-1])} {self.or_word} {items[-1]}"

    def for_faux_feeling(self, feeling: FauxFeeling) -> str:
        """Return the suggestion for *feeling*, naming the feelings and needs under it."""
        return self.faux_feeling.format(
            feelings=self.joined(feeling.feelings), needs=self.joined(feeling.needs)
        )


def _list_of_texts(
    _instance: object, attribute: attrs.Attribute[tuple[str, ...]], value: object
) -> None:
    if not isinstance(value, tuple):
        raise InvalidInput(attribute.name, "needs a list of texts, not a single text.")
    _texts(value, attribute.name)


def _list_of_feelings(
    _instance: object, attribute: attrs.Attribute[tuple[FauxFeeling, ...]], value: object
) -> None:
    if not isinstance(value, tuple) or not all(isinstance(f, FauxFeeling) for f in value):
        raise InvalidInput(attribute.name, "needs a list of FauxFeeling values.")


def _patterns() -> tuple[str, ...]:
    field: tuple[str, ...] = attrs.field(default=(), converter=_listed, validator=_list_of_texts)
    return field


@attrs.frozen(kw_only=True)
class Words:
    """The words the language check looks for in one language, and what it suggests.

    Every pattern is a regular expression, matched case-insensitively; a group named
    ``span`` marks what a finding points at. Built once, its patterns are compiled and
    checked: a pattern that is not a regular expression is refused with `InvalidInput`.
    """

    language: str
    """The language's tag ("en")."""
    suggestions: Suggestions
    """What the check suggests for each kind of finding."""
    absolutes: tuple[str, ...] = _patterns()
    """A moment turned into a verdict ("always", "never", "every time").

    Each list is empty by default; `ENGLISH` holds repairkit's English ones, each
    saying where it comes from (`repairkit.language.english`)."""
    you_accusations: tuple[str, ...] = _patterns()
    """A verdict on the other person where an I-statement would describe."""
    thoughts_as_feelings: tuple[str, ...] = _patterns()
    """"I feel that / like / as if": a thought said as a feeling."""
    faux_feelings: tuple[FauxFeeling, ...] = attrs.field(
        default=(), converter=_listed, validator=_list_of_feelings
    )
    """Words for what others supposedly did to us, each with what may lie under it."""
    faux_frames: tuple[str, ...] = _patterns()
    """Where a faux feeling counts, holding ``{word}`` or ``{verb}`` ("felt {word}")."""
    demands: tuple[str, ...] = _patterns()
    """A request turned into a duty ("you need to", "from now on", "or else")."""
    sarcasm: tuple[str, ...] = _patterns()
    """Sarcasm and belittling markers ("yeah, right", "thanks for nothing")."""
    compiled: tuple[tuple[str, re.Pattern[str], FauxFeeling | None], ...] = attrs.field(
        init=False, eq=False, repr=False
    )
    """Every pattern compiled: (the kind's field name, the pattern, its faux feeling)."""

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.language, str) or not self.language.strip():
            raise InvalidInput("language", "needs the language's tag, such as 'en'.")
        if not isinstance(self.suggestions, Suggestions):
            raise InvalidInput("suggestions", "needs a Suggestions value.")
        if any(WORD not in frame and VERB not in frame for frame in self.faux_frames):
            raise InvalidInput("faux_frames", "needs {word} or {verb} in each frame.")
        found: list[tuple[str, re.Pattern[str], FauxFeeling | None]] = []
        for field in ("absolutes", "you_accusations", "thoughts_as_feelings", "demands", "sarcasm"):
            found.extend((field, _compiled(p, field), None) for p in getattr(self, field))
        for frame in self.faux_frames:
            for feeling in self.faux_feelings:
                if VERB in frame and feeling.verb is None:
                    continue
                pattern = frame.replace(WORD, f"(?:{feeling.word})")
                pattern = pattern.replace(VERB, f"(?:{feeling.verb})")
                found.append(("faux_feelings", _compiled(pattern, "faux_frames"), feeling))
        object.__setattr__(self, "compiled", tuple(found))

    def extended(
        self,
        *,
        absolutes: Iterable[str] = (),
        you_accusations: Iterable[str] = (),
        thoughts_as_feelings: Iterable[str] = (),
        faux_feelings: Iterable[FauxFeeling] = (),
        faux_frames: Iterable[str] = (),
        demands: Iterable[str] = (),
        sarcasm: Iterable[str] = (),
    ) -> Words:
        """Return these words with more patterns of each kind (the ones it has stay)."""
        return attrs.evolve(
            self,
            absolutes=(*self.absolutes, *absolutes),
            you_accusations=(*self.you_accusations, *you_accusations),
            thoughts_as_feelings=(*self.thoughts_as_feelings, *thoughts_as_feelings),
            faux_feelings=(*self.faux_feelings, *faux_feelings),
            faux_frames=(*self.faux_frames, *faux_frames),
            demands=(*self.demands, *demands),
            sarcasm=(*self.sarcasm, *sarcasm),
        )
