"""What belongs to a person in a workflow's objects: the declaration behind ``kit.erase``.

Each workflow declares, in its spec (`WorkflowSpec.personal`), which of its stored
fields hold free text a person wrote, and who wrote each: a `PersonalData` value.
``kit.erase(person)`` then needs nothing else of the workflow:

- an object the other partner may not see (private to the person: a draft, a trigger
  kept to oneself, a private log entry, a check-in preparation) is deleted;
- an object both see is stored again as the other partner sees it (`seen_by`), so what
  was private to the erased person leaves it, and each text the erased person wrote is
  replaced by `ERASED` (`scrub`).

The declaration works on the stored JSON (the codec's plain values), at any depth: a
text field inside a list of entries is found as well as one at the top.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Final

import attrs

from repairkit.core.values import SYSTEM, PersonId

__all__ = ["ERASED", "PersonalData", "authorship", "first_writers", "scrub", "texts_by"]

ERASED: Final = "(erased)"
"""What stands in place of an erased person's free text (repairkit's own wording):
fixed, the same for every text, so it tells nothing of what was there."""


@attrs.frozen(kw_only=True)
class PersonalData:
    """Which stored fields hold a person's free text, and who wrote each.

    ``PersonalData(texts={"need": "asker", "ask": "asker", "view": None})``: the key is
    the name of a field holding free text (a text, or a list of texts), wherever it
    appears in the stored object or its events; the value names the field of the same
    stored record (the object, or the entry the text is in) that holds who wrote it.
    When that field is not in the record, or the value is None, the writer is the
    record's own (`writers`: an entry's ``author``, an event's ``actor``) or, failing
    that, the enclosing record's; when nobody is named, either partner may have written
    it and the text is erased for whichever of them asks. A writer field present but
    empty (null) means repairkit wrote the text: it is kept. A workflow whose objects
    hold no free text declares ``PersonalData()``.
    """

    texts: Mapping[str, str | None] = attrs.field(factory=dict)
    """Field holding free text -> field naming its writer (None: erased for either)."""
    writers: tuple[str, ...] = ("author", "actor")
    """Fields that name the writer of a nested entry when its own declaration is not
    found in that entry (an entry of a preparation names its ``author``)."""


_REPAIRKIT: Final = "\x00repairkit"
"""The writer of a text repairkit wrote (a writer field present but null): never erased."""


def _writer(
    node: Mapping[str, Any], field: str | None, inherited: str | None, outer: Mapping[str, Any]
) -> str | None:
    """Return who wrote a text of *node*, or None when nobody is named.

    Its declared field, on *node* or else on a record enclosing it (an attempt's note is
    the assignee's, named on the practice), else the record's writer.
    """
    for record in (node, outer):
        if field is not None and field in record:
            return str(record[field]) if isinstance(record[field], str) else _REPAIRKIT
    return inherited


@attrs.frozen
class _Walk:
    """One walk over stored JSON: whose texts to erase, and where to note what it met."""

    personal: PersonalData
    person: PersonId
    first: Mapping[str, str]
    met: list[tuple[str, str | None]] | None = None

    def __call__(
        self,
        value: Any,  # noqa: ANN401 - JSON values
        inherited: str | None,
        outer: Mapping[str, Any] | None = None,
    ) -> Any:  # noqa: ANN401 - JSON values
        """Return *value* with the person's texts erased; note each text met in `met`.

        *outer* holds the plain fields of the records enclosing *value* (the nearest
        last), where a declared writer field missing from an entry is looked up.
        """
        outer = outer or {}
        if isinstance(value, list):
            return [self(v, inherited, outer) for v in value]
        if not isinstance(value, dict):
            return value
        writer = inherited
        for name in self.personal.writers:
            if isinstance(value.get(name), str):
                writer = str(value[name])
                break
        plain = {k: v for k, v in value.items() if not isinstance(v, dict | list)}
        enclosing = {**outer, **plain}
        out: dict[str, Any] = {}
        for key, item in value.items():
            if key in self.personal.texts:
                by = _writer(value, self.personal.texts[key], writer, outer)
                out[key] = self._text(item, by)
            else:
                out[key] = self(item, writer, enclosing)
        return out

    def _text(self, item: Any, by: str | None) -> Any:  # noqa: ANN401 - plain JSON values
        """Return *item* (a text, a list of texts, or None) with the person's texts erased."""
        if isinstance(item, list):
            return [self._text(i, by) for i in item]
        if not isinstance(item, str) or item == ERASED:
            return item
        if self.met is not None:
            self.met.append((item, by))
        return ERASED if self.erases(item, by) else item

    def erases(self, text: str, by: str | None) -> bool:
        """Return whether *text*, written by *by* (None: nobody named), is erased.

        The person's own texts go. A text nobody is named for goes unless the other
        partner wrote those words first; a text named as another's goes only when it
        repeats words the person wrote first (a request's ask in the other's yes).
        """
        if by == _REPAIRKIT:
            return False
        if by == self.person:
            return True
        first = self.first.get(text)
        return first == self.person or (by is None and first is None)


def first_writers(
    records: Iterable[tuple[Any, PersonalData]], *, besides: PersonId | None = None
) -> dict[str, PersonId]:
    """Return who first wrote each declared text of *records* (stored JSON, in order).

    Only texts whose writer is named count, and, with *besides*, only writers other
    than that person. `authorship` reads it twice: over the events in the order they
    happened, and over the objects, where whoever is named keeps their words.
    """
    first: dict[str, PersonId] = {}
    for stored, personal in records:
        met: list[tuple[str, str | None]] = []
        _Walk(personal, "", {}, met)(stored, None)
        for text, by in met:
            if by not in (None, _REPAIRKIT, SYSTEM, besides):  # repairkit writes no one's words
                first.setdefault(text, PersonId(str(by)))
    return first


def authorship(
    history: Iterable[tuple[Any, PersonalData]],
    objects: Iterable[tuple[Any, PersonalData]],
    person: PersonId,
) -> dict[str, PersonId]:
    """Return whose words each text is, for erasing *person* (what `scrub` reads).

    *history* is the relationship's events that were not *person*'s alone, in the order
    they happened: a text is first of all its first writer's (a request's ask stays the
    asker's when the other's yes repeats it). *objects* is what is stored of the objects
    that stay: a text any of them names as written by someone other than *person* is
    that writer's, whoever repeated it, so copying the other's words, privately or not,
    never makes them one's own.
    """
    found = first_writers(history)
    found.update(first_writers(objects, besides=person))
    return found


def scrub(
    stored: Any,  # noqa: ANN401 - plain JSON values
    personal: PersonalData,
    person: PersonId,
    first: Mapping[str, str] | None = None,
) -> Any:  # noqa: ANN401 - plain JSON values
    """Return the stored JSON *stored* with every text *person* wrote replaced by `ERASED`.

    *first* (from `authorship`) says whose words each text of the relationship is: a
    text whose writer nobody names is erased unless the words are someone else's (when
    in doubt, the erased person's words go), and a text named as another's is erased
    only when it repeats words that are *person*'s.
    """
    return _Walk(personal, person, first or {})(stored, None)


def texts_by(
    stored: Any,  # noqa: ANN401 - plain JSON values
    personal: PersonalData,
    person: PersonId,
    first: Mapping[str, str] | None = None,
) -> list[str]:
    """Return the texts `scrub` erases from *stored* for *person*."""
    walk = _Walk(personal, person, first or {})
    met: list[tuple[str, str | None]] = []
    attrs.evolve(walk, met=met)(stored, None)
    return [text for text, by in met if walk.erases(text, by)]
