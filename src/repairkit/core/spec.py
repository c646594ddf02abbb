"""What a workflow declares about itself (`WorkflowSpec`) and the set of them (`Registry`).

Everything that spans workflows is derived from a `Registry`: the stored kinds,
the event tags, who hears about what, the generated docs pages and the tests'
parametrisation. Adding a workflow never edits a list in another module.
"""

from __future__ import annotations

import enum
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, Final, Generic, Protocol, TypeVar

import attrs

from repairkit.core.engine import Workflow
from repairkit.core.entity import WorkflowObject
from repairkit.core.events import DomainEvent
from repairkit.core.notices import NoticeRule, Quiet
from repairkit.core.personal import PersonalData
from repairkit.core.progress import ProgressFigure
from repairkit.core.quiet import HoldRule
from repairkit.core.relationship import RELATIONSHIP_WORKFLOW, Relationship
from repairkit.core.relationship_events import (
    RELATIONSHIP_EVENTS,
    RELATIONSHIP_NOTICES,
    RelationshipNotice,
)
from repairkit.core.settings import RelationshipRules, WorkflowRules
from repairkit.errors import RegistryError

if TYPE_CHECKING:
    from cattrs import Converter

__all__ = [
    "ONE_AT_A_TIME",
    "PARTNER_KEY",
    "RELATIONSHIP",
    "AgendaKeeper",
    "Choose",
    "FacilitatorShare",
    "Reaction",
    "ReactionReads",
    "Registry",
    "SafetySpec",
    "WorkflowSpec",
]


if TYPE_CHECKING:  # a default (PEP 696) lets a spec without commands go unannotated
    from typing_extensions import TypeVar as _TypeVar

    C = _TypeVar("C", default=Any)
else:
    C = TypeVar("C")
"""A workflow's commands class (`WorkflowSpec.commands`)."""

Choose = Callable[[Sequence[Any]], Any]
"""Picks one of the options it is given (the safety suite draws the choice)."""


@attrs.frozen(kw_only=True)
class SafetySpec:
    """What the safety suite needs to know to drive a workflow through random histories."""

    exits: frozenset[str]
    """Moves by which a participant ends or suspends their own part, alone."""
    declines: frozenset[str]
    """Moves by which whoever is asked says no (see `WorkflowObject.asked`)."""
    create: str
    """The command that makes a new object (``"draft"``)."""
    create_arguments: Callable[[Choose, datetime], dict[str, Any]]
    """The creating command's arguments besides the relationship and the actor, at *now*."""
    move_arguments: Callable[[str, Choose], dict[str, Any]] = attrs.field(
        default=lambda _trigger, _choose: {}
    )
    """A move's arguments besides the id and the actor."""
    redraft: str | None = None
    """A move that rewrites a private draft from the creating command's arguments
    (``"revise"``); when set, the suite checks that drafting leaves no trace."""
    on_leaving: str | None = None
    """The move repairkit makes on each open object when a partner leaves: a `REPAIRKIT` row
    to a neutral end of the workflow's own (`repairkit.core.closed_by_leaving`). None: the
    leaver's own exits are made instead, and `SafetyContract` fails if that leaves an
    object open."""
    keeps_private: frozenset[str] | None = None
    """The moves by which a person keeps an entry of their own private, once the creating
    command made it private to them (a trigger rewritten or taken off their list, a pause
    taken back). None: the workflow keeps no private entries but its drafts (`redraft`,
    which keeps a draft private). The two-worlds rule
    (`SafetyContract.test_private_entries_leave_no_trace`) plays each history twice, the
    second time with one partner's private entries among its steps, and finds the other's
    view the same."""
    prepare: Callable[[Any, uuid.UUID, Callable[[str], str]], dict[str, Any]] | None = None
    """Sets up what creating needs (a crossing needs a boundary in force). It is called
    once per history with the kit, the relationship's id and ``name``, which maps "ana"
    and "ben" to the partners of this history (they are swapped in some), and returns
    more arguments for the creating command."""


@attrs.frozen(kw_only=True)
class FacilitatorShare:
    """What a workflow lets a third person read, as one category both partners consent to.

    A facilitator (``kit.facilitators``) reads a category only while both partners
    consent to it; `read` then answers what both partners may see, and nothing else.
    """

    category: str
    """The category's name, unique across the registry ("agenda")."""
    description: str
    """What a partner consents to share with it, in one sentence, for apps and docs."""
    read: Callable[[Any, uuid.UUID, tuple[str, str]], Sequence[Any]]
    """``read(commands, relationship_id, partners)``: given the workflow's commands, what
    both partners may see now. Nothing private to one of them, nothing that tells one
    partner's count or choice on its own (no author, no order by person)."""


class AgendaKeeper(Protocol):
    """What keeps the check-in agenda in step with every workflow (`WorkflowSpec.keeps_agenda`)."""

    def follow(
        self,
        spec: WorkflowSpec[Any],
        source: Any,  # noqa: ANN401 - any workflow's object
        event: DomainEvent,
        *,
        waiting: Callable[[type[Any], str, str, Sequence[str]], list[Any]],
        relationship: Callable[[], Relationship],
    ) -> tuple[list[tuple[Any, int]], list[DomainEvent]]:
        """Return the objects to save (each with the version storage must hold) and events."""
        ...

    def take_up(
        self,
        item_id: uuid.UUID,
        event: DomainEvent,
        *,
        load: Callable[[type[Any], uuid.UUID], Any],
    ) -> tuple[list[tuple[Any, int]], list[DomainEvent]]:
        """Return what taking up the agenda item *item_id* at *event* saves: the item, moved.

        *load* reads one object by its id. Nothing, if the item no longer waits.
        """
        ...

    def carry_over(
        self,
        author: str,
        words: str,
        event: DomainEvent,
        *,
        relationship: Callable[[], Relationship],
    ) -> tuple[list[tuple[Any, int]], list[DomainEvent]]:
        """Return what putting *words* back on the agenda as *author*'s topic saves."""
        ...


class ReactionReads(Protocol):
    """What a reaction may read (`WorkflowSpec.reacts_to`): one object, one index, the couple.

    Objects read here carry their relationship's rules in force now.
    """

    def load(self, kind: type[Any], id: uuid.UUID) -> Any:  # noqa: ANN401 - any workflow's object
        """Return the object *id* of *kind* (`NotFound` if there is none)."""
        ...

    def load_keyed(
        self, kind: type[Any], key: str, value: str, states: Sequence[str] | None = None
    ) -> list[Any]:
        """Return the relationship's objects of *kind* indexed under (*key*, *value*)."""
        ...

    def relationship(self) -> Relationship:
        """Return the relationship the move was made in."""
        ...


Reaction = Callable[[Any, DomainEvent, ReactionReads], Sequence[tuple[Any, int, DomainEvent]]]
"""``reaction(source, event, reads)``: what a move of another workflow's object does to
objects of this one, in the move's own commit: each object to save, with the version
storage must still hold, and the event of repairkit's own move on it (`REPAIRKIT`)."""


@attrs.frozen(kw_only=True)
class WorkflowSpec(Generic[C]):
    """Everything repairkit needs to know about one workflow, declared in its own package.

    Generic on its commands class, so that ``kit.workflow(spec)`` is typed.
    """

    name: str
    """The kind name storage records for its objects ("request"); unique."""
    entity: type[WorkflowObject]
    """The stored object type."""
    workflow: Workflow
    """Its transition table."""
    events: tuple[type[DomainEvent], ...]
    """Every event type it records, each with its own stable ``TAG``.

    The events the table's rows name (`Move.event`) are added to those given here,
    so a new plain move needs no edit of the spec."""
    notices: Mapping[type[DomainEvent], NoticeRule | Quiet]
    """A notice rule for every event type, or `Quiet` where nobody is told.

    The rules the table's rows name (`Move.notice`) are added to those given here,
    which then need only the events no row names (creation events, ...). One event
    with two different rules is a `RegistryError`."""
    notice_kinds: type[enum.StrEnum]
    """The kinds of notification it sends (their values are unique across workflows)."""
    summary: str
    """One paragraph on what the workflow is for, for its docs page."""
    rules: type[WorkflowRules] | None = None
    """Its per-relationship rules, if it has any (``RelationshipSettings.of`` returns them)."""
    namespace: str | None = None
    """The `RepairKit` attribute its commands live under ("requests")."""
    commands: type[C] | None = None
    """The commands class behind that attribute (built with the kit's runner)."""
    codec_hooks: Callable[[Converter], None] | None = None
    """Registers hand-written (de)serialization hooks, for hot paths; optional."""
    safety: SafetySpec | None = None
    """How the safety suite drives it; every workflow with commands declares one."""
    keys: Callable[[Any], Iterable[tuple[str, str]]] | None = None
    """The index keys of one of its objects, as (key, value) pairs (``("need", words)``):
    storage derives them at each save, as it does ``due_at``, and answers
    `Storage.load_keyed` from them. Everyone `WorkflowObject.asked` names is indexed
    under ``"asked"`` for every workflow without declaring it (docs/storage-queries.md)."""
    one_at_a_time: Callable[[Any], str | None] | None = None
    """The place one of its objects holds while it is open, or None when it holds none
    (a session: ``"open"`` while open; a time-out: its caller while open). Storage derives
    it at each save, as it does the keys, indexes it under `ONE_AT_A_TIME`, and refuses
    inside the commit's transaction, with `ConcurrencyConflict`, a change that would leave
    two objects of this kind and relationship holding one place: the rule a command
    checks by reading first holds even when two commands race (docs/storage-queries.md)."""
    holds: HoldRule | None = None
    """Who rests in this workflow now, and what still reaches them (`HoldRule`): the
    courier holds the rest in the outbox, as in quiet hours (a time-out for oneself)."""
    agenda: Mapping[enum.StrEnum, str] = attrs.field(factory=dict)
    """The states that put an object on the next check-in's agenda, each with what its
    item shows (``{RequestState.STALLED: "A request set aside"}``): the words are
    repairkit's, calm and naming no one. When an object enters such a state, repairkit
    adds an `AgendaItem` in the same commit; when it leaves it, the item moves on. A
    workflow added later joins the agenda by declaring its states here."""
    shared_with_facilitator: FacilitatorShare | None = None
    """What a third person may read of this workflow, as one category both partners
    consent to (`FacilitatorShare`), if anything; a workflow added later joins the
    categories by declaring it here."""
    more_shared_with_facilitator: tuple[FacilitatorShare, ...] = ()
    """More categories read through this workflow's commands, each consented to on its own
    (the therapy plan's "progress": the couple's lines of ``kit.progress``); rarely needed."""
    takes_up: Callable[[Any, DomainEvent], uuid.UUID | None] | None = None
    """Which agenda item a move of this workflow takes up, if any: ``takes_up(object,
    event)`` returns the item's id (a check-in session's issue closed "agreed" returns the
    item it named). The item then leaves the agenda as taken up, in the move's own commit,
    read by its id only (`AgendaKeeper.take_up`)."""
    carries_over: Callable[[Any, DomainEvent], tuple[str, str] | None] | None = None
    """What a move of this workflow puts back on the agenda, if anything: ``carries_over(
    object, event)`` returns (author, words) of a topic (a check-in session's issue raised
    in one's own words and carried over, or still heard when the session ended). It is
    added as the author's topic in the move's own commit (`AgendaKeeper.carry_over`), so
    nothing raised is lost."""
    reacts_to: Mapping[str, Reaction] = attrs.field(factory=dict)
    """Moves of other workflows this one follows, by their kind name (``{"crossing": ...}``):
    after every move of such an object, the pipeline asks the `Reaction`, and commits
    what it returns (repairkit's own moves on this workflow's objects, with their
    notifications) in the move's own transaction, as the agenda follows its sources. A
    reaction reads only by id or index (`ReactionReads`) and returns nothing for most
    moves; a reaction's own moves are followed by nobody (no chains)."""
    progress: tuple[ProgressFigure, ...] = ()
    """The lines it adds to ``kit.progress`` (`ProgressFigure`), each read week by week
    from indexed queries; a workflow added later joins the view by declaring them here."""
    personal: PersonalData | None = None
    """Which of its stored fields hold a person's free text, and who wrote each
    (`PersonalData`): what ``kit.erase`` removes for that person (docs/your-data.md).
    Every workflow declares it, ``PersonalData()`` when it keeps no free text;
    `repairkit.testing.SafetyContract` fails for one that declares nothing."""
    keeps_agenda: AgendaKeeper | None = None
    """Set by the agenda's own spec only: what adds and moves on its items when another
    workflow's object enters or leaves a state it declares (`Registry.agenda_keeper`)."""

    def __attrs_post_init__(self) -> None:
        """Add the events and the notice rules that the table's rows name."""
        notices = dict(self.notices)
        for event_type, rule in self.workflow.notices().items():
            if notices.setdefault(event_type, rule) is not rule:
                msg = (
                    f"workflow {self.name!r}: {event_type.__name__} has a notice rule in its"
                    " row and another in the spec's notices; keep one."
                )
                raise RegistryError(msg)
        named = (m.event for m in self.workflow.moves if m.event is not None)
        events = tuple(dict.fromkeys((*self.events, *named)))
        object.__setattr__(self, "events", events)  # frozen: set once, while it is built
        object.__setattr__(self, "notices", notices)

    def tag(self, event_type: type[DomainEvent]) -> str:
        """Return the stored tag of one of its event types."""
        tag: str = event_type.__dict__.get("TAG", "")
        return tag


ONE_AT_A_TIME: Final = "one at a time"
"""The index key, reserved, of the place an object holds (`WorkflowSpec.one_at_a_time`)."""

PARTNER_KEY: Final = "partner"
"""The index key a relationship is found by, once per partner (`Storage.relationships_of`)."""


def _partner_keys(relationship: Relationship) -> Iterable[tuple[str, str]]:
    """A relationship's index keys: each of its partners."""
    return [(PARTNER_KEY, str(person)) for person in relationship.partners]


RELATIONSHIP: WorkflowSpec[Any] = WorkflowSpec(
    name="relationship",
    entity=Relationship,
    workflow=RELATIONSHIP_WORKFLOW,
    events=RELATIONSHIP_EVENTS,
    notices=RELATIONSHIP_NOTICES,
    notice_kinds=RelationshipNotice,
    summary="Two partners and the settings every workflow of theirs uses.",
    rules=RelationshipRules,
    keys=_partner_keys,
    personal=PersonalData(texts={"suggestion": "by"}),
)
"""The relationship itself: part of every registry."""


class Registry:
    """The workflows one kit and its storage know, the relationship always first.

    Raises `RegistryError` (a `ValueError`) when two workflows clash (a kind name,
    an entity, an event tag, a notice kind, a namespace or a category shared with a
    facilitator used twice) or an event has no tag or no notice rule.
    """

    def __init__(self, *specs: WorkflowSpec) -> None:
        self.specs: tuple[WorkflowSpec, ...] = (RELATIONSHIP, *specs)
        self.by_name: dict[str, WorkflowSpec] = {}
        self.by_entity: dict[type[Any], WorkflowSpec] = {}
        self.by_namespace: dict[str, WorkflowSpec] = {}
        self.event_types: dict[str, type[DomainEvent]] = {}
        self.notice_rules: dict[type[DomainEvent], NoticeRule | Quiet] = {}
        self.notice_kinds: dict[str, enum.StrEnum] = {}
        self.rules_types: dict[str, type[WorkflowRules]] = {}
        self.agenda_keeper: AgendaKeeper | None = None
        """The keeper of the check-in agenda, if a registered workflow declares one."""
        self.reactions: dict[str, list[Reaction]] = {}
        """The reactions to the moves of each kind (`WorkflowSpec.reacts_to`), in registry order."""
        self.shared_with_facilitator: dict[str, tuple[WorkflowSpec, FacilitatorShare]] = {}
        """What a third person may read, by category, in registry order (`FacilitatorShare`)."""
        self.progress: dict[str, ProgressFigure] = {}
        """The lines of ``kit.progress``, by name, in registry order (`ProgressFigure`)."""
        for spec in self.specs:
            self._add(spec)

    def _add(self, spec: WorkflowSpec) -> None:  # noqa: C901 - one check per clash
        def clash(what: str) -> RegistryError:
            return RegistryError(f"workflow {spec.name!r}: {what} is registered already.")

        if spec.name in self.by_name:
            raise clash(f"the kind name {spec.name!r}")
        if spec.entity in self.by_entity:
            raise clash(f"the entity {spec.entity.__name__}")
        self.by_name[spec.name] = spec
        self.by_entity[spec.entity] = spec
        if spec.namespace is not None:
            if spec.namespace in self.by_namespace:
                raise clash(f"the namespace {spec.namespace!r}")
            self.by_namespace[spec.namespace] = spec
        for event_type in spec.events:
            tag = spec.tag(event_type)
            if not tag:
                msg = f"workflow {spec.name!r}: {event_type.__name__} declares no TAG of its own."
                raise RegistryError(msg)
            if tag in self.event_types:
                raise clash(f"the event tag {tag!r}")
            if event_type not in spec.notices:
                msg = (
                    f"workflow {spec.name!r}: {event_type.__name__} has no notice rule;"
                    " give it one, or mark it Quiet."
                )
                raise RegistryError(msg)
            self.event_types[tag] = event_type
            self.notice_rules[event_type] = spec.notices[event_type]
        for kind in spec.notice_kinds:
            if kind.value in self.notice_kinds:
                raise clash(f"the notice kind {kind.value!r}")
            self.notice_kinds[kind.value] = kind
        if spec.rules is not None:
            self.rules_types[spec.name] = spec.rules
        self._add_agenda(spec)
        self._add_share(spec)
        self._add_progress(spec)
        for followed, reaction in spec.reacts_to.items():
            self.reactions.setdefault(followed, []).append(reaction)

    def _add_progress(self, spec: WorkflowSpec) -> None:
        """Take the lines *spec* adds to the progress view: each name is unique."""
        for figure in spec.progress:
            if figure.name in self.progress:
                msg = (
                    f"workflow {spec.name!r}: the progress line {figure.name!r}"
                    " is registered already."
                )
                raise RegistryError(msg)
            self.progress[figure.name] = figure

    def _add_share(self, spec: WorkflowSpec) -> None:
        """Take the categories *spec* shares with a facilitator, if any: each name is unique."""
        shares = (spec.shared_with_facilitator, *spec.more_shared_with_facilitator)
        for share in shares:
            if share is not None:
                self._add_one_share(spec, share)

    def _add_one_share(self, spec: WorkflowSpec, share: FacilitatorShare) -> None:
        if share.category in self.shared_with_facilitator:
            msg = (
                f"workflow {spec.name!r}: the category shared with a facilitator"
                f" {share.category!r} is registered already."
            )
            raise RegistryError(msg)
        if spec.commands is None:
            msg = f"workflow {spec.name!r}: it shares a category, but has no commands to read it."
            raise RegistryError(msg)
        self.shared_with_facilitator[share.category] = (spec, share)

    def _add_agenda(self, spec: WorkflowSpec) -> None:
        """Take *spec*'s agenda keeper, if any, and check the states its agenda names."""
        if spec.keeps_agenda is not None:
            if self.agenda_keeper is not None:
                msg = f"workflow {spec.name!r}: a keeper of the agenda is registered already."
                raise RegistryError(msg)
            self.agenda_keeper = spec.keeps_agenda
        strays = [str(state) for state in spec.agenda if state not in spec.workflow.states]
        if strays:
            msg = f"workflow {spec.name!r}: its agenda names {strays}, not states of its table."
            raise RegistryError(msg)

    def __iter__(self) -> Iterator[WorkflowSpec]:
        return iter(self.specs)

    def __len__(self) -> int:
        return len(self.specs)

    def with_workflows(self, *specs: WorkflowSpec) -> Registry:
        """Return a registry holding these workflows as well (for an app's own workflows)."""
        return Registry(*self.specs[1:], *specs)

    def spec_of(self, kind: type[Any]) -> WorkflowSpec:
        """Return the spec whose entity is *kind*, or raise `RegistryError` naming it."""
        try:
            return self.by_entity[kind]
        except KeyError:
            msg = f"{kind.__name__} is not a workflow this registry knows."
            raise RegistryError(msg) from None

    def rule_for(self, event: DomainEvent) -> NoticeRule | Quiet:
        """Return the notice rule of *event*'s type; `RegistryError` for an unregistered type."""
        try:
            return self.notice_rules[type(event)]
        except KeyError:
            msg = f"{type(event).__name__} is not an event of any workflow in this registry."
            raise RegistryError(msg) from None
