"""The workflow engine: transition tables as data, fired through one shared machine.

Each workflow type declares its rules once, as a tuple of `Move` rows: which
trigger leads from which states to which state, who may fire it and under which
guard. `Workflow` builds one module-level `transitions.Machine` from the table
(``model=None``, no auto transitions) and fires it with
``machine.events[trigger].trigger(entity, at)``: entities stay plain attrs
objects, and no machine is created per object.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Protocol, TypeVar

import attrs
from transitions import Machine, MachineError

from repairkit.domain.values import PersonId
from repairkit.errors import NotAllowedNow, NotPermitted

__all__ = ["Move", "Role", "Stateful", "Workflow"]


class Role(enum.StrEnum):
    """Who may fire a move, in the domain's words."""

    ASKER = "asker"
    """The partner who made the request."""
    RECIPIENT = "recipient"
    """The partner the request is addressed to."""
    PARTNER = "either partner"
    """Either of the two partners."""
    AWAITED = "awaited partner"
    """The partner who did not make the latest proposal (an offer, or ending)."""
    AWAITED_RECIPIENT = "awaited recipient"
    """The recipient, while an offer awaits their answer."""
    FACILITATOR = "facilitator"
    """A therapist or mediator both partners invited."""
    SYSTEM = "repairkit"
    """repairkit itself, when time moves a workflow on (a time box ended)."""


class Stateful(Protocol):
    """What the engine needs of an entity: a state and the roles an actor plays in it."""

    @property
    def state(self) -> enum.StrEnum:
        """The entity's current state."""
        ...

    def roles_of(self, actor: PersonId) -> frozenset[Role]:
        """Return the roles *actor* plays in this entity (empty for an outsider)."""
        ...


S = TypeVar("S", bound=enum.StrEnum)
E = TypeVar("E", bound=Stateful)


@attrs.frozen
class Move:
    """One row of a transition table."""

    trigger: str
    """The name of the move, e.g. ``"accept"``."""
    sources: tuple[enum.StrEnum, ...]
    """States in which the move may be made."""
    dest: enum.StrEnum
    """The state the move leads to."""
    who: Role
    """Who may make the move."""
    guard: str | None = None
    """Name of a predicate ``entity.<guard>(at)``; the row applies only when it holds.

    Rows with the same trigger and source are tried in table order, so a guarded
    row followed by an unguarded one reads as "if ... then ..., else ...".
    """
    description: str = ""
    """One sentence on what the move means, for docs and diagrams."""


class Workflow:
    """A transition table and the one `transitions.Machine` built from it."""

    def __init__(
        self,
        name: str,
        states: type[S],
        initial: S,
        moves: Sequence[Move],
    ) -> None:
        self.name = name
        self.states: tuple[enum.StrEnum, ...] = tuple(states)
        self.initial = initial
        self.moves: tuple[Move, ...] = tuple(moves)
        self._check_table()
        self.machine = Machine(
            model=None,
            states=list(states),
            initial=initial,
            auto_transitions=False,
            send_event=False,
            transitions=[
                {
                    "trigger": move.trigger,
                    "source": list(move.sources),
                    "dest": move.dest,
                    "conditions": [move.guard] if move.guard else [],
                }
                for move in self.moves
            ],
        )
        self._who: dict[tuple[str, enum.StrEnum], Role] = {}
        self._allowed: dict[enum.StrEnum, tuple[str, ...]] = {}
        for move in self.moves:
            for source in move.sources:
                self._who.setdefault((move.trigger, source), move.who)
        self._open_to_people: dict[enum.StrEnum, tuple[str, ...]] = {}
        for state in self.states:
            self._allowed[state] = tuple(
                dict.fromkeys(m.trigger for m in self.moves if state in m.sources)
            )
            self._open_to_people[state] = tuple(
                dict.fromkeys(
                    m.trigger for m in self.moves if state in m.sources and m.who is not Role.SYSTEM
                )
            )
        self._events = self.machine.events

    def _check_table(self) -> None:
        seen: dict[tuple[str, enum.StrEnum], Role] = {}
        for move in self.moves:
            for source in move.sources:
                who = seen.setdefault((move.trigger, source), move.who)
                if who is not move.who:
                    msg = f"{self.name}: rows for {move.trigger!r} from {source!r} disagree on who."
                    raise ValueError(msg)

    @property
    def terminal_states(self) -> tuple[enum.StrEnum, ...]:
        """States that no move leaves."""
        return tuple(s for s in self.states if not self._allowed[s])

    def allowed(self, state: enum.StrEnum) -> tuple[str, ...]:
        """Return the triggers that the table allows from *state* (repairkit's own included)."""
        return self._allowed[state]

    def open_to_people(self, state: enum.StrEnum) -> tuple[str, ...]:
        """Return the triggers a person may make from *state* (named in refusals)."""
        return self._open_to_people[state]

    def moves_for(self, state: enum.StrEnum, roles: frozenset[Role]) -> tuple[str, ...]:
        """Return the triggers someone playing *roles* may make from *state*."""
        return tuple(
            dict.fromkeys(m.trigger for m in self.moves if state in m.sources and m.who in roles)
        )

    def who(self, trigger: str, state: enum.StrEnum) -> Role | None:
        """Return who may fire *trigger* from *state*, or None if the table has no such move."""
        return self._who.get((trigger, state))

    def check(self, entity: Stateful, trigger: str, actor: PersonId) -> None:
        """Raise unless *actor* may fire *trigger* on *entity* in its current state.

        The order is fixed: an outsider learns nothing about the state; a partner
        learns which moves are open now; then the role is checked.
        """
        roles = entity.roles_of(actor)
        if not roles:
            raise NotPermitted(
                f"This {self.name} is not shared with {actor!r}, so they cannot {trigger} it.",
                actor=actor,
                action=trigger,
            )
        who = self._who.get((trigger, entity.state))
        if who is None:
            raise NotAllowedNow(
                kind=self.name,
                action=trigger,
                state=entity.state.value,
                allowed=self.moves_for(entity.state, roles),
                finished=not self._allowed[entity.state],
            )
        if who not in roles:
            raise NotPermitted(
                _not_yours(self.name, trigger, who, roles), actor=actor, action=trigger
            )

    def fire(self, entity: Stateful, trigger: str, at: datetime) -> None:
        """Move *entity* by *trigger*; raise `NotAllowedNow` if no row's guard holds."""
        state = entity.state
        event = self._events.get(trigger)
        try:
            moved = event is not None and event.trigger(entity, at)
        except MachineError:
            moved = False
        if not moved:
            raise NotAllowedNow(
                kind=self.name,
                action=trigger,
                state=state.value,
                allowed=self._open_to_people[state],
                finished=not self._allowed[state],
                reason="Its conditions do not hold right now.",
            )

    def guards(self) -> Iterable[str]:
        """Return the names of the guards the table uses."""
        return tuple(dict.fromkeys(m.guard for m in self.moves if m.guard))

    def to_mermaid(self) -> str:
        """Return the table as a mermaid ``stateDiagram-v2``, generated, never drawn by hand."""
        lines = ["stateDiagram-v2", f"    [*] --> {self.initial.value}"]
        for move in self.moves:
            label = f"{move.trigger} ({move.who.value})"
            if move.guard:
                label += f" [{move.guard}]"
            lines.extend(
                f"    {source.value} --> {move.dest.value}: {label}" for source in move.sources
            )
        lines.extend(f"    {state.value} --> [*]" for state in self.terminal_states)
        return "\n".join(lines) + "\n"

    def to_rows(self) -> list[dict[str, str]]:
        """Return the table as plain rows (for docs, tests and apps that render it)."""
        return [
            {
                "trigger": m.trigger,
                "from": ", ".join(s.value for s in m.sources),
                "to": m.dest.value,
                "who": m.who.value,
                "guard": m.guard or "",
                "description": m.description,
            }
            for m in self.moves
        ]


_ARTICLES: dict[Role, str] = {
    Role.ASKER: "the partner who made the request",
    Role.RECIPIENT: "the partner the request is addressed to",
    Role.PARTNER: "a partner in this relationship",
    Role.AWAITED: "the partner whose answer is awaited",
    Role.AWAITED_RECIPIENT: "the recipient, while an offer awaits their answer,",
    Role.FACILITATOR: "the facilitator",
    Role.SYSTEM: "repairkit itself",
}


def _describe(role: Role) -> str:
    return _ARTICLES[role]


def _not_yours(name: str, trigger: str, who: Role, roles: frozenset[Role]) -> str:
    """Say, without blame, why a partner's move is not theirs to make now."""
    if who is Role.AWAITED_RECIPIENT and Role.RECIPIENT not in roles:
        return f"Only the partner a {name} is addressed to can {trigger} it."
    if who in (Role.AWAITED, Role.AWAITED_RECIPIENT) and Role.AWAITED not in roles:
        return f"This {name} is waiting for the other partner's answer, so {trigger} is theirs now."
    return f"Only {_describe(who)} can {trigger} this {name} now."
