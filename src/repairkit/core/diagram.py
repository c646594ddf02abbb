"""Diagrams of a workflow, generated from its `transitions` machine, never drawn by hand.

`Workflow.to_mermaid` and `Workflow.node_ids` answer from here.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from transitions.core import Condition

from repairkit.core.timers import Timer

if TYPE_CHECKING:
    from repairkit.core.engine import Workflow

__all__ = ["node_ids", "to_mermaid"]

_NODE_ID = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def node_ids(states: Iterable[enum.StrEnum]) -> dict[enum.StrEnum, str]:
    """Return a mermaid node id per state: its value where that is a valid id."""
    ids: dict[enum.StrEnum, str] = {}
    for state in states:
        base = state.value if _NODE_ID.fullmatch(state.value) else _slug(state.value)
        node, n = base, 1
        while node in ids.values():
            n += 1
            node = f"{base}_{n}"
        ids[state] = node
    return ids


def to_mermaid(workflow: Workflow) -> str:
    """Return the machine as a mermaid ``stateDiagram-v2``.

    The arrows are read from the machine's own transitions
    (``machine.events[trigger].transitions``) with their conditions, so the
    diagram shows what fires, even a condition added to the machine by hand.
    Each arrow names who may make the move. transitions' own Mermaid engine is not
    used: it needs a `GraphMachine` with a model attached, labels states by
    their enum names (not the stored values), marks that model's state as the
    current one and cannot take a value with a space ("time-out suggested") as an
    id. A state whose value is not a valid node id ("let be") gets an id of its
    own here and keeps its value as its label.
    """
    ids = node_ids(workflow.states)
    named = {state.name: state for state in workflow.states}  # transitions keys states by name
    lines = ["stateDiagram-v2"]
    lines.extend(
        f'    state "{state.value}" as {ids[state]}'
        for state in workflow.states
        if ids[state] != state.value
    )
    lines.append(f"    [*] --> {ids[named[str(workflow.machine.initial)]]}")
    for trigger, event in workflow.machine.events.items():
        for source, rows in event.transitions.items():
            who = workflow.who_may(trigger, named[source])
            label = trigger if who is None else f"{trigger} ({who.name})"
            for row in rows:
                guards = ", ".join(_condition_label(c) for c in row.conditions)
                text = f"{label} [{guards}]" if guards else label
                dest = ids[named[str(row.dest)]]
                lines.append(f"    {ids[named[source]]} --> {dest}: {text}")
    lines.extend(f"    {ids[state]} --> [*]" for state in workflow.terminal_states)
    return "\n".join(lines) + "\n"


def _condition_label(condition: Condition) -> str:
    """Return how a diagram names one of the machine's conditions ("not locked" if negated)."""
    func: object = condition.func
    name = func.guard if isinstance(func, Timer) else getattr(func, "__name__", str(func))
    return name if condition.target else f"not {name}"


def _slug(value: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9_]+", "_", value).strip("_") or "state"
    return slug if _NODE_ID.fullmatch(slug) else f"s_{slug}"
