"""The one exception hierarchy of repairkit.

Every error a command raises is a `RepairkitError`. A failed command changes
nothing stored. Messages are written for people: calm, specific and free of
blame; they never repeat the free text a partner wrote.

Every message is written as English templates with named placeholders (``{limit}``),
kept on the error with their values (identifiers, numbers, dates: never a partner's
words), so that `RepairkitError.message_in` says it in another language from
repairkit's catalogs (`repairkit.i18n`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import datetime

from repairkit.i18n import lookup, normalize, translate

__all__ = [
    "Closed",
    "ConcurrencyConflict",
    "CorruptData",
    "InvalidInput",
    "NotAllowedNow",
    "NotFound",
    "NotInvitable",
    "NotPermitted",
    "Refused",
    "RegistryError",
    "RepairkitError",
    "StorageError",
]


class RepairkitError(Exception):
    """Base class of every error raised by repairkit.

    Every one pickles and comes back whole, its fields included: an error raised in a
    worker process (`multiprocessing`, a task queue) reaches the caller as it was.
    """

    pieces: tuple[tuple[str, Mapping[str, object]], ...] = ()
    """The message as English templates and their values, joined by a space."""

    def say(self, *pieces: tuple[str, Mapping[str, object]]) -> str:
        """Keep *pieces* (templates and their values); return them said in English."""
        self.pieces = tuple((template, dict(values)) for template, values in pieces if template)
        return " ".join(
            template.format_map(values) if values else template for template, values in self.pieces
        )

    def message_in(self, language: str) -> str:
        """Return the message in *language*, or whole in English if a part has no translation.

        A language repairkit has no catalog for gives English (`repairkit.i18n.LANGUAGES`).
        """
        if not self.pieces:  # a message without a template (an app's own subclass)
            said = translate(str(self), language)
            return said.text
        parts: list[str] = []
        for template, values in self.pieces:
            if not any(c.isalpha() for c in _PLACEHOLDERS.sub("", template)):
                parts.append(template.format_map(values) if values else template)  # no words
                continue
            filled: dict[str, object] = dict(values)
            for name in _OWN_WORDS & filled.keys():  # repairkit's own words, said too
                filled[name] = lookup(str(filled[name]), normalize(language))
            found = None if None in filled.values() else lookup(template, language, filled)
            if found is None:
                return str(self)
            parts.append(found)
        return " ".join(parts)

    def __reduce__(self) -> tuple[object, ...]:
        """Rebuild from the message and the fields, not by calling ``__init__`` again."""
        return (_rebuilt, (type(self), self.args, self.__dict__))


_PLACEHOLDERS = re.compile(r"\{[a-z_]+\}")
_OWN_WORDS = frozenset({"description"})
"""Values that are repairkit's own words (a role's description), translated with the text."""
_MOVES_OPEN = "Moves open to you now: {moves}."
_NOTHING_YOURS = "Nothing is yours to do on it right now."


def _moves(allowed: tuple[str, ...]) -> tuple[str, Mapping[str, object]]:
    """Return the sentence naming the moves open now, as a piece of a message."""
    return (_MOVES_OPEN, {"moves": ", ".join(allowed)}) if allowed else ("", {})


def _rebuilt(
    kind: type[RepairkitError], args: tuple[object, ...], fields: dict[str, object]
) -> RepairkitError:
    """Return an error of *kind* with its message *args* and *fields*, as it was pickled."""
    error = kind.__new__(kind)
    Exception.__init__(error, *args)
    error.__dict__.update(fields)
    return error


class NotFound(RepairkitError, LookupError):
    """Nothing is stored under the id that was asked for, or nothing this actor may see.

    The two read alike, so that nobody outside an object can tell whether it exists.
    The id is in `id`, never in the message (messages end up in logs). The message
    names the workflow's display noun when one is given (``noun``: "log entry"), the
    stored kind (`kind`: "log") otherwise.
    """

    def __init__(self, kind: str, id: object, *, noun: str | None = None) -> None:
        self.kind = kind
        """The stored kind looked up ("log")."""
        self.id = id
        said = kind if noun is None else noun
        template = "No {noun} with that id is stored here, or it is not shared with you."
        super().__init__(self.say((template, {"noun": said})))


class Refused(RepairkitError):
    """A move was refused: `NotPermitted` (not this person's part) or `NotAllowedNow`.

    Both say what the same person can do instead in `allowed` (the moves open to
    them now); catch `Refused` to treat both alike. Nothing was stored.
    """

    allowed: tuple[str, ...]
    """The moves open to the same person now."""


class NotPermitted(Refused):
    """The actor takes part, but this is not their part to play (now).

    An outsider gets `NotFound` instead. `actor`, `action` and `allowed` (the moves
    open to the actor now) are fields; the message never names the actor.
    """

    def __init__(
        self,
        message: str,
        *,
        actor: str,
        action: str,
        allowed: Iterable[str] = (),
        **values: object,
    ) -> None:
        self.actor = actor
        self.action = action
        self.allowed = tuple(allowed)
        """The moves open to the same person now (what they can do instead)."""
        self.template = message
        """The English template of the message, without the list of open moves."""
        self.values = values
        """The values of the template's placeholders (never a partner's words)."""
        self.plain = message.format_map(values) if values else message
        """The message without the list of open moves."""
        super().__init__(self.say((message, values), _moves(self.allowed)))

    def with_allowed(self, allowed: Iterable[str]) -> NotPermitted:
        """Return the same refusal naming *allowed* as the moves open now."""
        return NotPermitted(
            self.template, actor=self.actor, action=self.action, allowed=allowed, **self.values
        )


class NotAllowedNow(Refused):
    """The move is not one of the moves the workflow allows in its current state."""

    def __init__(
        self,
        *,
        kind: str,
        action: str,
        state: str,
        allowed: Iterable[str],
        finished: bool = False,
        reason: str = "",
        possible_from: datetime | None = None,
        params: Mapping[str, object] | None = None,
    ) -> None:
        self.kind = kind
        self.action = action
        self.state = state
        self.allowed = tuple(allowed)
        """The moves open to the same person now."""
        self.finished = finished
        """True when the workflow has ended and no move is left for anyone."""
        self.params = dict(params or {})
        """The values of the placeholders of *reason* (numbers, dates: never words)."""
        self.reason_template = reason
        """The English template of `reason`."""
        self.reason = reason.format_map(self.params) if self.params else reason
        """Why, beyond the state, in a calm sentence (may be empty)."""
        self.possible_from = possible_from
        """When the move becomes possible, if only time stands in its way (a wait after
        a no); None otherwise."""
        if self.allowed:
            moves = _moves(self.allowed)
        elif finished:
            moves = (
                "This {kind} has run its course; no further moves are possible.",
                {"kind": kind},
            )
        elif not state:  # nothing exists yet to have moves on
            moves = ("", {})
        else:
            moves = (_NOTHING_YOURS, {})
        # no state: a new object refused before it exists (one at a time, a wait)
        where = (
            (
                "{action} is not available while the {kind} is {state}.",
                {"action": repr(action), "kind": kind, "state": repr(state)},
            )
            if state
            else ("{action} is not available now.", {"action": repr(action)})
        )
        super().__init__(self.say(where, (reason, self.params), moves))

    def with_allowed(self, allowed: Iterable[str]) -> NotAllowedNow:
        """Return the same refusal naming *allowed* as the moves open now."""
        return NotAllowedNow(
            kind=self.kind,
            action=self.action,
            state=self.state,
            allowed=allowed,
            finished=self.finished,
            reason=self.reason_template,
            possible_from=self.possible_from,
            params=self.params,
        )


class NotInvitable(NotAllowedNow):
    """This person cannot be invited by this actor now: a new start between them is theirs.

    Raised by ``kit.relationships.invite`` when the person asked left a relationship
    with the actor, declined the actor's invitation or took back their own, and has not
    invited the actor since; or when the two already share an open invitation or an
    active relationship; or when the actor sent as many invitations in the last 24 hours
    as the kit allows (``invitations_per_day``; then `possible_from` says when the next
    one is possible). Nothing is stored and nobody is told.
    """

    def __init__(
        self,
        reason: str,
        *,
        possible_from: datetime | None = None,
        params: Mapping[str, object] | None = None,
    ) -> None:
        super().__init__(
            kind="relationship",
            action="invite",
            state="none",
            allowed=(),
            reason=reason,
            possible_from=possible_from,
            params=params,
        )

    def with_allowed(self, allowed: Iterable[str]) -> NotInvitable:
        """Return the same refusal (no move is open on a relationship that does not exist)."""
        del allowed
        return self


class InvalidInput(RepairkitError, ValueError):
    """A value given to a command does not fit; `field` names it and `reason` says why.

    *reason* is an English template; its placeholders (``{limit}``) are filled from
    *values* (numbers, names of fields: never the value given, never a partner's words).
    """

    def __init__(self, field: str, reason: str, **values: object) -> None:
        self.field = field
        self.reason_template = reason
        """The English template of `reason`."""
        self.values = values
        """The values of its placeholders (names, numbers, dates: never a partner's words)."""
        self.reason = reason.format_map(values) if values else reason
        super().__init__(self.say(("{field}:", {"field": field}), (reason, values)))


class RegistryError(RepairkitError, ValueError):
    """A set of workflows does not fit together, or a type is not one of a registry's.

    Raised while building a `Registry` (two workflows use one kind name, entity,
    event tag, notice kind or namespace; an event has no ``TAG`` or no notice rule)
    and when a registry or its codec is asked about an entity or event type it does
    not know. A mistake in the app's code, not in a person's input.
    """


class ConcurrencyConflict(RepairkitError):
    """Someone else saved first; nothing was written.

    Either a newer version of the object (`expected_version` is the one the command
    loaded), or, when `one_at_a_time` is True, another object of the same kind and
    relationship that took the place this one would hold (`WorkflowSpec.one_at_a_time`:
    one open session, one preparation per partner and check-in, one open time-out per
    caller). A retried command reads that other object and answers as the workflow does.
    """

    def __init__(
        self, kind: str, id: object, expected_version: int, *, one_at_a_time: bool = False
    ) -> None:
        self.kind = kind
        self.id = id
        self.expected_version = expected_version
        self.one_at_a_time = one_at_a_time
        if one_at_a_time:
            template = (
                "Another {kind} of this relationship took the place this one would hold"
                " while this command ran (one at a time). Nothing was saved; retry to see it."
            )
        else:
            template = (
                "The {kind} changed while this command ran (expected version"
                " {expected_version}). Nothing was saved; load it and retry."
            )
        values = {"kind": kind, "expected_version": expected_version}
        super().__init__(self.say((template, values)))


class StorageError(RepairkitError):
    """The storage could not do what was asked (unreachable, locked too long, corrupt).

    A command that raises it saved nothing; the original error is its ``__cause__``.
    """

    def __init__(self, message: str, **values: object) -> None:
        super().__init__(self.say((message, values)))


class CorruptData(StorageError):
    """A stored row could not be read back (damaged JSON, an unknown tag, a bad value).

    `kind` and `id` name the row (``"event"``, ``"notification"`` or the object's kind);
    other rows still load. Restore the row from a backup, or remove it.
    """

    def __init__(self, kind: str, id: object) -> None:
        self.kind = kind
        self.id = id
        template = (
            "A stored {kind} could not be read back; its row is damaged (see .kind and .id)."
            " Other rows are not affected."
        )
        RepairkitError.__init__(self, self.say((template, {"kind": kind})))


class Closed(RepairkitError):
    """The kit was closed (`RepairKit.close`): it runs no command and reads nothing more.

    Nothing was stored. Open a new kit on the same storage to go on.
    """

    def __init__(self) -> None:
        template = (
            "This kit was closed, so it runs no more commands; nothing was stored."
            " Open a new one (repairkit.open) to go on."
        )
        super().__init__(self.say((template, {})))
