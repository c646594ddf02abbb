"""The workflow engine: transition tables as data, fired through one shared machine.

Each workflow declares its rules once, as a tuple of `Move` rows: which trigger
leads from which states to which state, who may fire it and under which guard.
`Workflow` builds one module-level `transitions.Machine` from the table
(``model=None``, no auto transitions): entities stay plain attrs objects, and no
machine is created per object. Every move fires through that machine,
``machine.events[trigger].trigger(entity, at)``: the table's guards are its
conditions, and whatever callbacks an app or a workflow registers on it (prepare,
before, after, on_enter, ...) run on every real move. transitions' `MachineError`
and a row whose conditions fail become repairkit's typed refusal `NotAllowedNow`;
the roles are checked before the machine is asked (`Workflow.check`), so a person
without the role hears `NotPermitted`.

Roles are values a workflow defines in its own words (`Role`); the engine words
its refusals with them and with the workflow's noun, so a refusal about an
appreciation never speaks of "the request".
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Protocol, TypeVar

import attrs
from transitions import MachineError
from transitions.core import EventData

from repairkit.core import diagram
from repairkit.core.events import DomainEvent
from repairkit.core.notices import NoticeRule, Quiet
from repairkit.core.timers import Timer, TimerMachine
from repairkit.core.values import PersonId
from repairkit.errors import NotAllowedNow, NotFound, NotPermitted

__all__ = ["CREATION", "EITHER_PARTNER", "REPAIRKIT", "Move", "Role", "Stateful", "Workflow"]


@attrs.frozen(eq=False)
class Role:
    """Who may make a move, in the workflow's own words.

    Roles compare by identity: define each once, at module level, and return the
    same objects from the entity's ``roles_of``.
    """

    name: str
    """A short name, shown in tables and diagrams ("asker")."""
    description: str
    """Who that is, as a refusal names them ("the partner who made the request")."""
    refusal: str = "Only {description} can {trigger} this {noun} now."
    """What a person without this role hears; ``{description}``, ``{trigger}`` and ``{noun}``
    are filled in."""
    within: tuple[Role, ...] = ()
    """Roles that this one narrows: someone lacking one of them hears its refusal first."""

    def refuse(self, noun: str, trigger: str, roles: frozenset[Role]) -> str:
        """Return, without blame, why someone playing *roles* cannot make this move now."""
        template, values = self.refusal_of(noun, trigger, roles)
        return template.format_map(values)

    def refusal_of(
        self, noun: str, trigger: str, roles: frozenset[Role]
    ) -> tuple[str, dict[str, str]]:
        """Return `refuse`'s sentence as its English template and values (for translation)."""
        for broader in self.within:
            if broader not in roles:
                return broader.refusal_of(noun, trigger, roles)
        return self.refusal, {"description": self.description, "trigger": trigger, "noun": noun}


EITHER_PARTNER = Role("either partner", "a partner in this relationship")
"""Either of the two partners."""
REPAIRKIT = Role("repairkit", "repairkit itself")
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

CREATION = "(creation)"
"""In `Move.takes_back`: the object itself, as its creating command recorded it."""


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
    answers: str | None = None
    """The suggestion this move says no to ("propose_resuming"), if it is such a no.

    After it, the partner who suggested waits before suggesting the same thing on
    the same object (safety rule 6; `repairkit.core.suggestions`).
    """
    event: type[DomainEvent] | None = attrs.field(default=None, kw_only=True)
    """The event a plain move records: `WorkflowObject.make` then makes it with no
    method of the model's own (the entity's ``event_data`` may add fields), and the
    namespace answers the move with a generated command (`WorkflowCommands`)."""
    notice: NoticeRule | Quiet | None = attrs.field(default=None, kw_only=True)
    """Who hears of the row's `event`, and in which words (a rule, or `QUIET`).

    The workflow's spec takes it into its notices: the spec's own mapping then needs
    only the events no row names (creation events, ...). Needs `event`.
    """
    takes_back: tuple[str, ...] | None = attrs.field(default=None, kw_only=True)
    """What this move takes back or rewrites, if anything: `CREATION` (the object itself)
    or the moves whose records it takes back; only their author may make it (safety rule
    3, checked by `SafetyContract`). ``()``: a move named like one (``withdraw_consent``)
    takes back only one's own part."""


class Workflow:
    """A transition table and the one `transitions.Machine` built from it.

    Args:
        name: The workflow's noun, as refusals and docs use it ("request").
        states: The enum of its states.
        initial: The state a new object starts in.
        moves: The table, one `Move` per row.
        timers: The moves time makes, one `Timer` per row: each gives its move the time
            guard "from that instant on", and the entity its deadline and ``on_due``.
        noun: What messages call one object, when it differs from *name* (the log's
            objects are stored as "log" and read as "log entry"); *name* by default.
    """

    def __init__(
        self,
        name: str,
        states: type[S],
        initial: S,
        moves: Sequence[Move],
        timers: Sequence[Timer] = (),
        *,
        noun: str | None = None,
    ) -> None:
        self.name = name
        self.noun = name if noun is None else noun
        """What messages call one object ("log entry"); the stored kind is `name`."""
        self.states: tuple[enum.StrEnum, ...] = tuple(states)
        self.initial = initial
        self.moves: tuple[Move, ...] = tuple(moves)
        self.timers: tuple[Timer, ...] = tuple(timers)
        """The moves time makes, in the order they are tried (`Timer`)."""
        self._timer_of = {timer.fires: timer for timer in self.timers}
        self._event_of = {m.trigger: m.event for m in self.moves if m.event is not None}
        self._check_table()
        self.machine = TimerMachine(
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
                    "conditions": self._conditions(move),
                }
                for move in self.moves
            ],
        )
        self._who: dict[tuple[str, enum.StrEnum], Role] = {}
        for move in self.moves:
            for source in move.sources:
                self._who.setdefault((move.trigger, source), move.who)
        self._finished: dict[enum.StrEnum, bool] = {
            state: all(m.dest == state for m in self.moves if state in m.sources)
            for state in self.states
        }
        self._allowed: dict[enum.StrEnum, tuple[str, ...]] = {}
        self._open_to_people: dict[enum.StrEnum, tuple[str, ...]] = {}
        for state in self.states:
            here = [m for m in self.moves if state in m.sources]
            self._allowed[state] = tuple(dict.fromkeys(m.trigger for m in here))
            self._open_to_people[state] = tuple(
                dict.fromkeys(m.trigger for m in here if m.who is not REPAIRKIT)
            )
        self._answers: dict[str, str] = {m.trigger: m.answers for m in self.moves if m.answers}
        self.suggestions: frozenset[str] = frozenset(self._answers.values())
        """The moves some no answers: after that no, their maker waits before the next."""

    def _conditions(self, move: Move) -> list[str | Timer]:
        """Return the machine's conditions for *move*: its timer's time guard, its guard."""
        timer = self._timer_of.get(move.trigger)
        return [c for c in (timer, move.guard) if c is not None]

    def _check_table(self) -> None:
        triggers = {move.trigger for move in self.moves}
        for timer in self.timers:
            rows = [m for m in self.moves if m.trigger == timer.fires]
            if not rows or any(m.who is not REPAIRKIT for m in rows):
                msg = f"{self.name}: timer {timer.name!r} fires {timer.fires!r}, not repairkit's."
                raise ValueError(msg)
        for move in self.moves:
            self._check_named(move, triggers)
        for move in self.moves:
            if move.event is not None and self._event_of[move.trigger] is not move.event:
                msg = f"{self.name}: rows for {move.trigger!r} name different events."
                raise ValueError(msg)
        self.notices()  # refuses two rules for one event
        seen: dict[tuple[str, enum.StrEnum], Role] = {}
        for move in self.moves:
            for source in move.sources:
                who = seen.setdefault((move.trigger, source), move.who)
                if who is not move.who:
                    msg = f"{self.name}: rows for {move.trigger!r} from {source!r} disagree on who."
                    raise ValueError(msg)

    def _check_named(self, move: Move, triggers: set[str]) -> None:
        """Refuse a row whose `answers` or `takes_back` names a move the table lacks."""
        if move.answers is not None and move.answers not in triggers:
            msg = f"{self.name}: {move.trigger!r} answers {move.answers!r}, not in the table."
            raise ValueError(msg)
        unknown = sorted(set(move.takes_back or ()) - triggers - {CREATION})
        if unknown:
            msg = f"{self.name}: {move.trigger!r} takes back {unknown}, not in the table."
            raise ValueError(msg)

    @property
    def terminal_states(self) -> tuple[enum.StrEnum, ...]:
        """States that no move leaves (a move may still stay in one: a review)."""
        return tuple(s for s in self.states if self._finished[s])

    def is_terminal(self, state: enum.StrEnum) -> bool:
        """Return whether no move leaves *state*."""
        return self._finished[state]

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

    def event_of(self, trigger: str) -> type[DomainEvent] | None:
        """Return the event the table names for *trigger* (a plain move), or None."""
        return self._event_of.get(trigger)

    def notices(self) -> dict[type[DomainEvent], NoticeRule | Quiet]:
        """Return the notice rule each row names for its event (`WorkflowSpec` adds them).

        Raises:
            ValueError: A row names a rule but no event, or two rows name different rules
                for one event.
        """
        rules: dict[type[DomainEvent], NoticeRule | Quiet] = {}
        for move in self.moves:
            if move.notice is None:
                continue
            if move.event is None:
                msg = f"{self.name}: {move.trigger!r} names a notice rule but no event."
                raise ValueError(msg)
            if rules.setdefault(move.event, move.notice) is not move.notice:
                msg = f"{self.name}: rows name different notice rules for {move.event.__name__}."
                raise ValueError(msg)
        return rules

    def takes_back(self, trigger: str) -> tuple[str, ...] | None:
        """Return the records *trigger* takes back (`Move.takes_back`), or None if none."""
        return next((m.takes_back for m in self.moves if m.trigger == trigger), None)

    def answers(self, trigger: str) -> str | None:
        """Return the suggestion *trigger* says no to, or None if it is no such no."""
        return self._answers.get(trigger)

    def guards_hold(self, entity: Stateful, trigger: str, at: datetime) -> bool:
        """Return whether some row of *trigger* from *entity*'s state may fire at *at*.

        The machine's own conditions decide, as when the move fires, but nothing moves:
        a row without conditions always may, a guarded row may when its guards hold.
        """
        event = self.machine.events.get(trigger)
        rows = None if event is None else event.transitions.get(entity.state.name)
        if not rows:
            return False
        data = EventData(None, event, self.machine, entity, args=(at,), kwargs={})
        return any(all(c.check(data) for c in row.conditions) for row in rows)

    def check(self, entity: Stateful, trigger: str, actor: PersonId) -> None:
        """Raise unless *actor* may fire *trigger* on *entity* in its current state.

        The order is fixed: an outsider gets `NotFound`, as for an id that does not
        exist, and learns nothing about the state; a participant
        learns which moves are open now; then the role is checked.
        """
        roles = entity.roles_of(actor)
        if not roles:  # an outsider learns nothing, not even that it exists
            raise NotFound(self.name, getattr(entity, "id", None), noun=self.noun)
        who = self._who.get((trigger, entity.state))
        if who is None:
            raise NotAllowedNow(
                kind=self.name,
                action=trigger,
                state=entity.state.value,
                allowed=self.moves_for(entity.state, roles),
                finished=self._finished[entity.state],
            )
        if who not in roles:
            template, values = who.refusal_of(self.noun, trigger, roles)
            raise NotPermitted(
                template,
                actor=actor,
                action=trigger,
                allowed=self.moves_for(entity.state, roles),
                **values,
            )

    def fire(self, entity: Stateful, trigger: str, at: datetime) -> None:
        """Move *entity* by *trigger* through the machine; raise `NotAllowedNow` if it cannot.

        ``machine.events[trigger].trigger(entity, at)`` runs the move as transitions
        does: the first row whose conditions (the table's guards, given *at*) hold sets
        the state, and every callback registered on the machine runs. A trigger the
        state does not allow (transitions' `MachineError`) and a row whose conditions
        do not hold both become the same typed refusal.
        """
        state = entity.state
        event = self.machine.events.get(trigger)
        try:
            if event is not None and event.trigger(entity, at):
                return
        except MachineError:
            pass
        raise NotAllowedNow(
            kind=self.name,
            action=trigger,
            state=state.value,
            allowed=self._open_to_people[state],
            finished=self._finished[state],
            reason="Its conditions do not hold right now.",
        )

    def guards(self) -> Iterable[str]:
        """Return the names of the guards the table uses."""
        return tuple(dict.fromkeys(m.guard for m in self.moves if m.guard))

    def node_ids(self) -> dict[enum.StrEnum, str]:
        """Return a mermaid node id per state: its value where that is a valid id."""
        return diagram.node_ids(self.states)

    def to_mermaid(self) -> str:
        """Return the machine as a mermaid ``stateDiagram-v2`` (`repairkit.core.diagram`)."""
        return diagram.to_mermaid(self)

    def who_may(self, trigger: str, state: enum.StrEnum) -> Role | None:
        """Return the role that may make *trigger* from *state*, or None if no row allows it."""
        return self._who.get((trigger, state))

    def _labels(self, move: Move) -> list[str]:
        return [c.guard if isinstance(c, Timer) else c for c in self._conditions(move)]

    def to_rows(self) -> list[dict[str, str]]:
        """Return the table as plain rows (for docs, tests and apps that render it)."""
        return [
            {
                "trigger": m.trigger,
                "from": ", ".join(s.value for s in m.sources),
                "to": m.dest.value,
                "who": m.who.name,
                "guard": ", ".join(self._labels(m)),
                "description": m.description,
            }
            for m in self.moves
        ]
