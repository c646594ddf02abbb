"""Strict decoding: a stored value of the wrong JSON type is refused, never coerced.

cattrs structures ``bool``, ``int``, ``float`` and ``str`` by calling the type, so
``"no"`` would read as ``True`` and ``"3"`` as ``3``; and it builds a tuple from any
iterable, so a string would read as a tuple of its characters. The hooks here
accept only the JSON type that repairkit itself writes; the codec turns what
they refuse into `CorruptData`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, get_args, get_origin

from cattrs import Converter

from repairkit.core.stored import stored_flag, stored_items, stored_text, stored_whole

__all__ = ["make_strict"]

Hook = Callable[[Any, Any], Any]


def _text(value: object, kind: type[Any]) -> Any:  # noqa: ANN401 - str or a str enum
    text = stored_text(value)
    return text if kind is str else kind(text)


def _whole(value: object, kind: type[Any]) -> Any:  # noqa: ANN401 - int or an int enum
    whole = stored_whole(value)
    return whole if kind is int else kind(whole)


def _flag(value: object, _: object) -> bool:
    return stored_flag(value)


def _number(value: object, _: object) -> float:
    if type(value) is not float and type(value) is not int:
        msg = f"a stored number holds a {type(value).__name__}"
        raise TypeError(msg)
    return float(value)


def _collection(converter: Converter) -> Callable[[Any], Hook]:
    """Return the factory of hooks for tuples, lists and sets, each refusing a non-list."""

    def factory(kind: Any) -> Hook:  # noqa: ANN401 - a generic alias
        origin, args = get_origin(kind), get_args(kind)
        if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):  # noqa: PLR2004
            hooks = [converter.get_structure_hook(arg) for arg in args]

            def fixed(value: object, _: object) -> tuple[Any, ...]:
                items = stored_items(value)
                if len(items) != len(hooks):
                    msg = f"a stored list of {len(hooks)} holds {len(items)}"
                    raise TypeError(msg)
                return tuple(h(v, a) for h, v, a in zip(hooks, items, args, strict=True))

            return fixed
        item = args[0] if args else Any
        made: Callable[[list[Any]], Any] = list if origin is list else origin
        hook = converter.get_structure_hook(item)

        def each(value: object, _: object) -> Any:  # noqa: ANN401 - the collection
            return made([hook(v, item) for v in stored_items(value)])

        return each

    return factory


def _is_collection(kind: Any) -> bool:  # noqa: ANN401 - any type
    return get_origin(kind) in (tuple, list, frozenset, set)


def make_strict(converter: Converter) -> None:
    """Make *converter* refuse stored values of the wrong JSON type (see the module)."""
    converter.register_structure_hook(str, _text)
    converter.register_structure_hook(int, _whole)
    converter.register_structure_hook(bool, _flag)
    converter.register_structure_hook(float, _number)
    converter.register_structure_hook_factory(_is_collection, _collection(converter))
