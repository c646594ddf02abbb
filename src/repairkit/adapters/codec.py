"""The JSON codec every storage shares: objects, events and notifications as text and back.

Public for storage authors. A storage of your own gets the codec of the registry
it was made for with ``codec_for(workflows)`` and stores the text it returns:

- `Codec.kind_name` (the kind recorded for an entity type), `Codec.dump_entity`,
  `Codec.load_entity` (or `Codec.load_kind` by kind name) for objects;
- `Codec.dump_event` and `Codec.load_event` for events (tagged by each type's
  stable ``TAG``, never its class name);
- `Codec.dump_notification` and `Codec.load_notification` for the outbox.

Every ``load_*`` raises `CorruptData` (naming the row) for text it cannot read
back exactly: damaged JSON, an unknown tag, a missing field, or a value of the
wrong JSON type (a ``"no"`` where a true/false belongs is never read as true).

Serialization lives here, at the edge, and nowhere in the domain. One cattrs
converter is built per registry: each workflow's entity under its kind name,
events as a tagged union keyed by each class's stable ``TAG``, each workflow's
rules under its name inside `RelationshipSettings`, and any hand-written hooks a
workflow declares for its hot paths.

JSON text is written by orjson when it is installed (``repairkit[fast]``) and by
the standard library otherwise; both write the very same bytes (a test checks),
so a file written with one reads with the other.
"""

from __future__ import annotations

import contextlib
import functools
import json
import uuid
from collections.abc import Callable
from datetime import datetime, time
from typing import Any, TypeVar, Union

import attrs
from cattrs import Converter
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override
from cattrs.preconf.json import make_converter
from cattrs.strategies import configure_tagged_union

from repairkit.adapters._strict import make_strict
from repairkit.core.events import DomainEvent
from repairkit.core.notices import Notification
from repairkit.core.settings import RelationshipSettings, WorkflowRules, is_in_force
from repairkit.core.spec import Registry
from repairkit.core.stored import stored_text
from repairkit.core.timebox import Schedule, stored_schedule
from repairkit.core.values import check_instant
from repairkit.errors import CorruptData, InvalidInput, RegistryError
from repairkit.registry import WORKFLOWS

try:  # which branch runs depends on what is installed
    import orjson
except ImportError:  # pragma: no cover
    orjson = None  # type: ignore[assignment]

__all__ = ["Codec", "codec_for", "default_codec", "dumps", "loads", "std_dumps"]

T = TypeVar("T")

EVENTS_READ = 4096
"""How many decoded events a codec keeps by their stored text (repairkit's own)."""

_UUID = uuid.UUID
_fromiso = datetime.fromisoformat

std_dumps: Callable[[Any], str] = json.JSONEncoder(
    ensure_ascii=False, check_circular=False, separators=(",", ":")
).encode
"""The standard library's encoder, set to write exactly what orjson writes."""


def _std_dumps(value: Any) -> str:  # noqa: ANN401 - any unstructured value
    text = std_dumps(value)
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as error:
            # Refused alike by every storage: no database can keep a lone surrogate.
            raise InvalidInput(
                "text", "holds a character that is not valid Unicode text (a lone surrogate)."
            ) from error
    return text


def _fast_dumps(value: Any) -> str:  # noqa: ANN401 - any unstructured value
    try:
        return orjson.dumps(value).decode()
    except (TypeError, ValueError):
        # What orjson refuses (a lone surrogate, a huge integer), the standard library
        # says why, in repairkit's words.
        return _std_dumps(value)


dumps: Callable[[Any], str] = _fast_dumps if orjson is not None else _std_dumps
"""Write JSON text: orjson when installed, else the standard library (the same bytes)."""
loads: Callable[[str], Any] = orjson.loads if orjson is not None else json.loads
"""Read JSON text."""


def _instant(text: str) -> datetime:
    return check_instant(_fromiso(text), "stored instant")


class Codec:
    """Turns a registry's objects, events and notifications into JSON text and back."""

    def __init__(self, registry: Registry) -> None:
        self._read_events: dict[str, DomainEvent] = {}
        self.registry = registry
        self.kinds: dict[str, type[Any]] = {s.name: s.entity for s in registry}
        self.kind_names: dict[type[Any], str] = {s.entity: s.name for s in registry}
        self._rules_names = {rules: name for name, rules in registry.rules_types.items()}
        self._kind_workflows = {k.value: s.name for s in registry for k in s.notice_kinds}
        converter = make_converter(detailed_validation=False)
        make_strict(converter)
        converter.register_unstructure_hook(uuid.UUID, str)
        converter.register_structure_hook(uuid.UUID, lambda value, _: _UUID(value))
        converter.register_structure_hook(datetime, lambda value, _: _instant(value))
        converter.register_unstructure_hook(time, time.isoformat)
        converter.register_structure_hook(time, lambda value, _: time.fromisoformat(value))
        converter.register_unstructure_hook(RelationshipSettings, self._unstructure_settings)
        converter.register_structure_hook(RelationshipSettings, self._structure_settings)
        converter.register_structure_hook(Notification, self._structure_notification)
        converter.register_structure_hook(Schedule, lambda value, _: stored_schedule(value))
        for event_type in registry.event_types.values():  # the marks are written only when set
            converter.register_unstructure_hook(
                event_type,
                make_dict_unstructure_fn(
                    event_type,
                    converter,
                    untold=override(omit_if_default=True),
                    new_item=override(omit_if_default=True),
                ),
            )
        self._events: Any = Union[tuple(registry.event_types.values())]  # noqa: UP007
        configure_tagged_union(
            self._events, converter, tag_generator=lambda cls: cls.__dict__["TAG"], tag_name="type"
        )
        for spec in registry:
            if spec.codec_hooks is not None:
                spec.codec_hooks(converter)
            entity: type[Any] = spec.entity
            _leave_out_in_force(converter, entity, custom=spec.codec_hooks is not None)
        self._converter = converter

    # -- hooks -------------------------------------------------------------------------

    def _unstructure_settings(self, settings: RelationshipSettings) -> dict[str, Any]:
        unstructure = self._converter.unstructure
        return {
            "rules": {self._rules_names[type(r)]: unstructure(r) for r in settings.rules},
            "time_zone": settings.time_zone,
        }

    def _structure_settings(self, d: dict[str, Any], _: object) -> RelationshipSettings:
        types = self.registry.rules_types
        rules: list[WorkflowRules] = [
            self._converter.structure(value, types[name]) for name, value in d["rules"].items()
        ]
        return RelationshipSettings(rules=rules, time_zone=d["time_zone"])

    def _structure_notification(self, d: dict[str, Any], _: object) -> Notification:
        # One stored before notifications named their workflow: the workflow of its kind.
        workflow = d["workflow"] if "workflow" in d else self._kind_workflows[d["kind"]]
        return Notification(
            id=_UUID(d["id"]),
            kind=self.registry.notice_kinds[d["kind"]],
            workflow=stored_text(workflow),
            recipient=stored_text(d["recipient"]),
            relationship_id=_UUID(d["relationship_id"]),
            subject_id=_UUID(d["subject_id"]),
            event_id=_UUID(d["event_id"]),
            created_at=_instant(d["created_at"]),
            message=stored_text(d["message"]),
            language=stored_text(d.get("language", "en")),
        )

    # -- the codec ---------------------------------------------------------------------

    def kind_name(self, kind: type[Any]) -> str:
        """Return the kind name storage records for *kind*."""
        try:
            return self.kind_names[kind]
        except KeyError:
            msg = f"{kind.__name__} is not a workflow entity of this storage's registry."
            raise RegistryError(msg) from None

    def dump_entity(self, entity: object) -> str:
        """Return *entity* as JSON text."""
        return dumps(self._converter.unstructure(entity))

    def load_entity(self, kind: type[T], text: str, id: object = None) -> T:
        """Return the *kind* object stored as *text*; `CorruptData` if it cannot be read."""
        try:
            return self._converter.structure(loads(text), kind)
        except Exception as error:  # any decoding failure means a damaged row
            raise CorruptData(self.kind_names.get(kind, kind.__name__), id) from error

    def load_kind(self, name: str, text: str, id: object = None) -> Any:  # noqa: ANN401 - chosen at run time
        """Return the object of the kind called *name* stored as *text*; `CorruptData` if not."""
        try:
            return self._converter.structure(loads(text), self.kinds[name])
        except Exception as error:  # any decoding failure means a damaged row
            raise CorruptData(name, id) from error

    def dump_event(self, event: DomainEvent) -> str:
        """Return *event* as JSON text, tagged with its type's stable tag."""
        return dumps(self._converter.unstructure(event, unstructure_as=self._events))

    def load_event(self, text: str, id: object = None) -> DomainEvent:
        """Return the event stored as *text*, as the class its tag names; `CorruptData` if not.

        An event is written once and never changes, and its value is frozen, so the last
        `EVENTS_READ` decoded are kept by their text: a read path that asks for an
        object's last moves at every command (`Storage.edge_events`) decodes each once.
        """
        known = self._read_events.get(text)
        if known is not None:
            return known
        try:
            event: DomainEvent = self._converter.structure(loads(text), self._events)
        except Exception as error:  # any decoding failure means a damaged row
            raise CorruptData("event", id) from error
        self._read_events[text] = event
        if len(self._read_events) > EVENTS_READ:
            with contextlib.suppress(KeyError, RuntimeError, StopIteration):  # another thread
                del self._read_events[next(iter(self._read_events))]
        return event

    def forget(self) -> None:
        """Drop every decoded event it keeps (``kit.erase``: no erased text stays in memory)."""
        self._read_events.clear()

    def dump_notification(self, notification: Notification) -> str:
        """Return *notification* as JSON text."""
        return dumps(self._converter.unstructure(notification))

    def load_notification(self, text: str, id: object = None) -> Notification:
        """Return the notification stored as *text*; `CorruptData` if it cannot be read."""
        try:
            return self._structure_notification(loads(text), None)
        except Exception as error:  # any decoding failure means a damaged row
            raise CorruptData("notification", id) from error

    def unstructure_event(self, event: DomainEvent) -> Any:  # noqa: ANN401 - plain JSON values
        """Return *event* as plain JSON values, tagged."""
        return self._converter.unstructure(event, unstructure_as=self._events)

    def unstructure(self, value: object) -> Any:  # noqa: ANN401 - plain JSON values
        """Return *value* as plain JSON values (dicts, lists, text, numbers)."""
        return self._converter.unstructure(value)


def _leave_out_in_force(converter: Converter, entity: type[Any], *, custom: bool) -> None:
    """Store *entity* without its fields that hold the settings in force (`SETTING_IN_FORCE`).

    They are given at every read (consent applies at the moment of reading), so they
    are not written, and a value left in an older row is not read. A workflow with
    hooks of its own (*custom*) structures its entity itself, without them.
    """
    if not attrs.has(entity):
        return
    names = [f.name for f in attrs.fields(entity) if is_in_force(f)]
    if not names:
        return
    omitted: dict[str, Any] = {name: override(omit=True) for name in names}
    converter.register_unstructure_hook(
        entity, make_dict_unstructure_fn(entity, converter, **omitted)
    )
    if not custom:
        converter.register_structure_hook(
            entity, make_dict_structure_fn(entity, converter, **omitted)
        )


@functools.cache
def codec_for(registry: Registry) -> Codec:
    """Return the (shared) codec of *registry*."""
    return Codec(registry)


def default_codec() -> Codec:
    """Return the codec of the workflows repairkit ships."""
    return codec_for(WORKFLOWS)
