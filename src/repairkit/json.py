"""JSON for apps: what a kit returns, as JSON text and back, with a JSON Schema for each kind.

An app that sends repairkit's answers to a phone or a web page writes them with
`dumps` and, where it keeps them, reads them back with `loads`:

- an object a command returns (already the reader's view: `seen_by` ran), an event,
  a notification, or a list of them, as the kit's own codec writes them (the one the
  storages use: UUIDs and instants as text, enums by value, an event tagged with its
  stable ``"type"``);
- a refusal or any other `RepairkitError`, as an `ErrorPayload`: its type, the field
  it names (`InvalidInput`), its calm message, the moves open instead (`Refused`) and,
  when only time stands in the way, from when the move is possible;
- any other value a kit returns (`Awaiting`, `Upcoming`, ...) the same way.

`schema(kind)` returns the JSON Schema (draft 2020-12) of one kind, and `schemas()` one
document per workflow's objects, events and notifications, and for the error payload.
They are generated at run time from the registry and the attrs classes (never written
by hand, never stale): an app that wants files writes them where it keeps its own.

An object read back with `loads` is a value to show: it holds repairkit's default
rules, not its relationship's, which a kit gives only to what it reads itself.
"""

from __future__ import annotations

import json as _json
from collections.abc import Mapping
from datetime import datetime
from typing import Any, TypeVar

import attrs

from repairkit._schemas import SchemaBuilder
from repairkit.adapters.codec import codec_for
from repairkit.adapters.codec import dumps as _codec_dumps
from repairkit.core.events import DomainEvent
from repairkit.core.notices import Notification
from repairkit.core.spec import Registry
from repairkit.errors import CorruptData, InvalidInput, RepairkitError
from repairkit.registry import WORKFLOWS

__all__ = ["ErrorPayload", "dumps", "loads", "plain", "schema", "schemas"]

T = TypeVar("T")


@attrs.frozen(kw_only=True)
class ErrorPayload:
    """A refusal or another error of repairkit's, as an app shows it or sends it on."""

    type: str
    """The error's class name ("NotAllowedNow", "InvalidInput", "NotFound", ...)."""
    message: str
    """repairkit's own calm sentence; it never quotes what a partner wrote."""
    field: str | None = None
    """The input that does not fit, for `InvalidInput` ("time_box.ends_at"); else None."""
    allowed: tuple[str, ...] = ()
    """The moves open to the same person now, for a refusal (`Refused`)."""
    possible_from: datetime | None = None
    """When the move becomes possible, if only time stands in its way (`NotAllowedNow`)."""

    @classmethod
    def of(cls, error: RepairkitError) -> ErrorPayload:
        """Return the payload of *error*."""
        return cls(
            type=type(error).__name__,
            message=str(error),
            field=getattr(error, "field", None),
            allowed=tuple(getattr(error, "allowed", ())),
            possible_from=getattr(error, "possible_from", None),
        )


def plain(value: object, *, workflows: Registry = WORKFLOWS) -> Any:  # noqa: ANN401 - JSON values
    """Return *value* as plain JSON values: dicts, lists (or tuples), text, numbers, booleans, None.

    For an app whose web framework writes the JSON itself; `dumps` writes these.
    """
    codec = codec_for(workflows)
    if isinstance(value, RepairkitError):
        return codec.unstructure(ErrorPayload.of(value))
    if isinstance(value, DomainEvent):
        return codec.unstructure_event(value)
    if isinstance(value, list | tuple):
        return [plain(item, workflows=workflows) for item in value]
    if isinstance(value, Mapping):
        return {str(k): plain(v, workflows=workflows) for k, v in value.items()}
    return codec.unstructure(value)


def dumps(value: object, *, workflows: Registry = WORKFLOWS, indent: int | None = None) -> str:
    """Return *value* (an object, event, notification, error, or a list of them) as JSON text.

    Without *indent*, the very bytes the storages write; with it, indented for people.
    """
    data = plain(value, workflows=workflows)
    if indent is None:
        return _codec_dumps(data)
    return _json.dumps(data, ensure_ascii=False, indent=indent)


def loads(text: str | bytes, kind: type[T], *, workflows: Registry = WORKFLOWS) -> T:
    """Return the *kind* value that `dumps` wrote as *text*.

    *kind* is a workflow's object type (``Request``), an event type (``DomainEvent`` for
    any event, or one event class), `Notification` or `ErrorPayload`. Text that is not
    such a value raises `InvalidInput` naming ``text``.
    """
    codec = codec_for(workflows)
    name = getattr(kind, "__name__", str(kind))
    try:
        words = text.decode() if isinstance(text, bytes) else text
    except UnicodeDecodeError:
        raise InvalidInput("text", "is not a {name} as repairkit writes it.", name=name) from None
    loaded: object
    try:
        if kind is Notification:
            loaded = codec.load_notification(words)
        elif isinstance(kind, type) and issubclass(kind, DomainEvent):
            loaded = codec.load_event(words)
        elif kind in codec.kind_names or kind is ErrorPayload:
            loaded = codec.load_entity(kind, words)
        else:
            raise InvalidInput(
                "kind", "{kind} is not a kind repairkit writes as JSON.", kind=repr(kind)
            )
    except CorruptData:
        loaded = None
    if not isinstance(loaded, kind):
        raise InvalidInput("text", "is not a {name} as repairkit writes it.", name=name)
    return loaded


def schema(kind: type[Any], *, workflows: Registry = WORKFLOWS) -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of what `dumps` writes for a *kind* value.

    *kind* is a workflow's object type, an event type (``DomainEvent``: any event of
    the registry), `Notification`, or `ErrorPayload` (a `RepairkitError` class reads the
    same). Anything else raises `InvalidInput` naming ``kind``.
    """
    builder = SchemaBuilder(workflows)
    if kind is DomainEvent:
        root = builder.events(workflows.event_types.values())
        return builder.document(root, "Any event")
    if kind in workflows.by_entity or kind is Notification:
        return builder.document(builder.ref(kind), kind.__name__)
    if kind in workflows.event_types.values():
        return builder.document(builder.ref(kind), kind.__dict__["TAG"])
    if kind is ErrorPayload or (isinstance(kind, type) and issubclass(kind, RepairkitError)):
        return _error_schema(builder)
    raise InvalidInput("kind", "{kind} is not a kind repairkit writes as JSON.", kind=repr(kind))


def schemas(workflows: Registry = WORKFLOWS) -> dict[str, dict[str, Any]]:
    """Return every schema, by a file name: three per workflow and one for errors.

    ``"<workflow>.json"`` its objects, ``"<workflow>.events.json"`` its events and
    ``"<workflow>.notification.json"`` its notifications (named by the spec's name:
    ``request.json``), and ``"error.json"`` the `ErrorPayload`.
    """
    found: dict[str, dict[str, Any]] = {}
    for spec in workflows:
        found[f"{spec.name}.json"] = schema(spec.entity, workflows=workflows)
        builder = SchemaBuilder(workflows)
        found[f"{spec.name}.events.json"] = builder.document(
            builder.events(spec.events), f"An event of the {spec.name} workflow"
        )
        builder = SchemaBuilder(workflows)
        root = {
            "allOf": [builder.ref(Notification)],
            "properties": {
                "kind": {"enum": [kind.value for kind in spec.notice_kinds]},
                "workflow": {"const": spec.name},
            },
        }
        found[f"{spec.name}.notification.json"] = builder.document(
            root, f"A notification of the {spec.name} workflow"
        )
    found["error.json"] = schema(ErrorPayload, workflows=workflows)
    return found


def _error_schema(builder: SchemaBuilder) -> dict[str, Any]:
    """The payload's schema, its ``type`` one of repairkit's error classes."""
    root = builder.ref(ErrorPayload)
    names: set[str] = set()
    todo: list[type[RepairkitError]] = [RepairkitError]
    while todo:
        cls = todo.pop()
        names.add(cls.__name__)
        todo.extend(cls.__subclasses__())
    builder.defs["ErrorPayload"]["properties"]["type"] = {"type": "string", "enum": sorted(names)}
    return builder.document(root, "ErrorPayload")
