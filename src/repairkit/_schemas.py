"""JSON Schemas (draft 2020-12) of what `repairkit.json` writes, derived from the attrs classes.

Nothing here is written by hand per class: a schema follows the fields and type hints of
the attrs classes a registry names (its objects, its events, `Notification`) and the
few rules of the shared codec (`repairkit.adapters.codec`): the fields that hold the
settings in force are not written, an event carries its stable tag under ``"type"``,
the marks ``untold`` and ``new_item`` are written only when set, and the settings name
each workflow's rules by its kind name. A test validates, with ``jsonschema``, what
the codec really writes for every workflow against these schemas, so the two cannot drift.
"""

from __future__ import annotations

import enum
import types
import typing
import uuid
from datetime import date, datetime, time
from typing import Any

import attrs

from repairkit.core.events import DomainEvent
from repairkit.core.settings import RelationshipSettings, is_in_force
from repairkit.core.spec import Registry

__all__ = ["DRAFT", "SchemaBuilder"]

DRAFT = "https://json-schema.org/draft/2020-12/schema"
"""The dialect every schema declares (``$schema``)."""

_PLAIN: dict[object, dict[str, Any]] = {
    str: {"type": "string"},
    int: {"type": "integer"},
    float: {"type": "number"},
    bool: {"type": "boolean"},
    type(None): {"type": "null"},
    uuid.UUID: {"type": "string", "format": "uuid"},
    datetime: {"type": "string", "format": "date-time"},
    date: {"type": "string", "format": "date"},
    time: {"type": "string", "format": "time"},
}
_ARRAYS = (tuple, list, frozenset, set)
_OMITTED_IF_DEFAULT = ("untold", "new_item")  # the codec writes an event's marks only when set


class SchemaBuilder:
    """Builds one schema document: a root with the attrs classes it reaches under ``$defs``."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.defs: dict[str, dict[str, Any]] = {}
        self._names: dict[type[Any], str] = {}

    def document(self, root: dict[str, Any], title: str) -> dict[str, Any]:
        """Return *root* as a whole schema: dialect, title and the definitions it reaches."""
        return {"$schema": DRAFT, "title": title, **root, "$defs": dict(sorted(self.defs.items()))}

    def ref(self, cls: type[Any]) -> dict[str, Any]:
        """Return a reference to the definition of the attrs class *cls*, defining it once."""
        name = self._names.get(cls)
        if name is None:
            name = self._name(cls)
            self._names[cls] = name
            self.defs[name] = {}  # taken before its fields are read: a class may reach itself
            self.defs[name] = self._attrs_class(cls)
        return {"$ref": f"#/$defs/{name}"}

    def events(self, event_types: typing.Iterable[type[DomainEvent]]) -> dict[str, Any]:
        """Return a schema that any one of *event_types*, tagged, fits."""
        chosen = list(event_types)
        return {
            "type": "object",
            "properties": {"type": {"enum": [t.__dict__["TAG"] for t in chosen]}},
            "required": ["type"],
            "anyOf": [self.ref(t) for t in chosen],
        }

    def _name(self, cls: type[Any]) -> str:
        name = cls.__name__
        if name in self.defs:  # two workflows may each have an Entry: add the package
            parts = cls.__module__.split(".")
            name = f"{parts[1] if len(parts) > 2 else cls.__module__}.{cls.__name__}"  # noqa: PLR2004
        while name in self.defs:
            name += "_"
        return name

    def _attrs_class(self, cls: type[Any]) -> dict[str, Any]:
        hints = typing.get_type_hints(cls)
        is_event = issubclass(cls, DomainEvent)
        properties: dict[str, Any] = {}
        required: list[str] = []
        if is_event and cls.__dict__.get("TAG"):
            properties["type"] = {"const": cls.__dict__["TAG"]}
            required.append("type")
        for field in attrs.fields(cls):
            if is_in_force(field) or not field.init:
                continue
            value = self.of(hints[field.name])
            if field.default is None:  # None is its default, whatever its hint says
                value = _or_null(value)
            properties[field.name] = value
            optional = is_event and field.name in _OMITTED_IF_DEFAULT
            if field.default is attrs.NOTHING and not optional:
                required.append(field.name)
        doc = (cls.__doc__ or "").strip().split("\n\n")[0]
        return {
            "title": cls.__name__,
            **({"description": " ".join(doc.split())} if doc else {}),
            "type": "object",
            "properties": properties,
            "required": required,
            "additionalProperties": False,
        }

    def of(self, hint: Any) -> dict[str, Any]:  # noqa: ANN401, C901, PLR0911 - one branch a kind of hint
        """Return the schema of a value annotated *hint*, as the codec writes it."""
        if hint in _PLAIN:
            return dict(_PLAIN[hint])
        if hint is Any or hint is object:  # a value of any kind: the schema says nothing
            return {}
        origin, args = typing.get_origin(hint), typing.get_args(hint)
        if origin in (typing.Union, types.UnionType):
            choices = [self.of(arg) for arg in args]
            return choices[0] if len(choices) == 1 else {"anyOf": choices}
        if origin is typing.Literal:
            return {"enum": list(args)}
        if origin in _ARRAYS or hint in _ARRAYS:
            if origin is tuple and args and args[-1] is not Ellipsis:
                items = [self.of(arg) for arg in args]
                return {
                    "type": "array",
                    "prefixItems": items,
                    "items": False,
                    "minItems": len(items),
                }
            return {"type": "array", "items": self.of(args[0]) if args else {}}
        if origin is dict or hint is dict:
            each = self.of(args[1]) if args else {}
            return {"type": "object", "additionalProperties": each}
        if hint is enum.StrEnum:  # a notice kind: any kind the registry knows
            return {"type": "string", "enum": sorted(self.registry.notice_kinds)}
        if isinstance(hint, type) and issubclass(hint, enum.Enum):
            values = [member.value for member in hint]
            kind = "string" if all(isinstance(v, str) for v in values) else "integer"
            return {"type": kind, "enum": values}
        if hint is RelationshipSettings:
            return self._settings()
        if isinstance(hint, type) and attrs.has(hint):
            return self.ref(hint)
        msg = f"no JSON Schema for the type hint {hint!r}; teach repairkit._schemas about it"
        raise TypeError(msg)

    def _settings(self) -> dict[str, Any]:
        """The settings as the codec writes them: each workflow's rules under its kind name."""
        rules = {name: self.ref(kind) for name, kind in self.registry.rules_types.items()}
        return {
            "type": "object",
            "properties": {
                "rules": {"type": "object", "properties": rules, "additionalProperties": False},
                "time_zone": {"type": "string"},
            },
            "required": ["rules", "time_zone"],
            "additionalProperties": False,
        }


def _or_null(schema: dict[str, Any]) -> dict[str, Any]:
    if schema.get("type") == "null" or {"type": "null"} in schema.get("anyOf", []):
        return schema
    if "anyOf" in schema:
        return {"anyOf": [*schema["anyOf"], {"type": "null"}]}
    return {"anyOf": [schema, {"type": "null"}]}
