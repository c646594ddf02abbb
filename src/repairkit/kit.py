"""The service layer: `RepairKit`, the facade apps use.

The kit composes namespaces over one narrow `Runner` (the command pipeline and a
read-only repository): ``kit.relationships``, ``kit.outbox``, ``kit.timers`` and
one per registered workflow (``kit.requests``, ...; any workflow through
`RepairKit.workflow`). Every command runs the same way: load, check the actor and
the rule, apply, then save the new state, the domain event and the outgoing
notifications in ONE storage transaction, and only then deliver the
notifications. A command that raises has written nothing.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any, Self, TypeVar

from repairkit._delivery import Outbox
from repairkit._pipeline import Runner
from repairkit._progress import progress_of
from repairkit._relationships import Relationships
from repairkit._rights import erase_person, export_person, write_export
from repairkit._timers import Timers
from repairkit.accountability import AccountabilityCommands
from repairkit.adapters.memory import MemoryStorage
from repairkit.agenda import AgendaCommands
from repairkit.assignments import AssignmentCommands
from repairkit.boundaries import BoundaryCommands
from repairkit.checkins import CheckInCommands
from repairkit.clock import SystemClock
from repairkit.connectionlog import JointReviewCommands, LogCommands
from repairkit.core.delivery import DEFAULT_DELIVERY, DeliveryPolicy
from repairkit.core.invitations import INVITATIONS_PER_DAY, check_invitations_per_day
from repairkit.core.progress import PROGRESS_WEEKS, STEADY_WITHIN, Progress
from repairkit.core.spec import Registry, WorkflowSpec
from repairkit.core.values import PersonId
from repairkit.crossings import CrossingCommands
from repairkit.errors import InvalidInput
from repairkit.facilitators import FacilitatorCommands
from repairkit.goals import GoalCommands
from repairkit.i18n import Languages
from repairkit.microresponses import MicroResponseCommands, ReminderCommands
from repairkit.observations import ObservationCommands
from repairkit.ports import Clock, Notifier, Storage
from repairkit.preparations import PreparationCommands
from repairkit.registry import WORKFLOWS
from repairkit.repairs import RepairCommands
from repairkit.requests import RequestCommands
from repairkit.sessions import SessionCommands
from repairkit.talks import TalkCommands
from repairkit.therapy import TherapyPlanCommands
from repairkit.timeouts import TimeOutCommands
from repairkit.triggers import PauseCommands, TriggerCommands

__all__ = ["RepairKit", "check_plugs"]

log = logging.getLogger("repairkit")

C = TypeVar("C")

_STORAGE_METHODS = (
    "load",
    "load_all",
    "relationships_of",
    "commit",
    "events",
    "relationship_events",
    "due",
    "claim_due",
    "next_due",
    "release",
    "pending_notifications",
    "parked_notifications",
    "mark_delivered",
    "record_failed_attempts",
    "requeue",
    "close",
)


def _check_plug(plug: object, field: str, methods: tuple[str, ...]) -> None:
    """Refuse a plug-in (storage, notifier, clock) that is a class or lacks a method."""
    if plug is None:
        return
    if isinstance(plug, type):
        raise InvalidInput(
            field,
            "needs an instance, not the class itself; pass {name}(...).",
            name=plug.__name__,
        )
    missing = [m for m in methods if not callable(getattr(plug, m, None))]
    if missing:
        raise InvalidInput(
            field, "does not fit its Protocol; it lacks {missing}().", missing=", ".join(missing)
        )


def _check_texts(texts: object, workflows: Registry) -> None:
    """Refuse *texts* unless it maps languages to notice kinds of *workflows* to texts."""
    if texts is None:
        return
    if not isinstance(texts, Mapping) or not all(
        isinstance(language, str) and isinstance(by_kind, Mapping)
        for language, by_kind in texts.items()
    ):
        raise InvalidInput("texts", "needs a mapping of languages to mappings of notice kinds.")
    for by_kind in texts.values():
        for kind, text in by_kind.items():
            if str(kind) not in workflows.notice_kinds:
                raise InvalidInput("texts", "names a notice kind no workflow of this kit has.")
            if not isinstance(text, str) or not text.strip():
                raise InvalidInput("texts", "needs a text for every notice kind it names.")


def check_plugs(
    *,
    clock: object = None,
    notifier: object = None,
    workflows: object = WORKFLOWS,
    delivery: object = None,
    invitations_per_day: object = INVITATIONS_PER_DAY,
    language_of: object = None,
    texts: object = None,
) -> None:
    """Raise `InvalidInput` unless every plug given fits: before anything reaches a storage.

    *clock* and *notifier* must be instances fitting their Protocols (a class, or a
    `datetime` where a clock belongs, is refused); *workflows* a `Registry`;
    *delivery* a `DeliveryPolicy`; *invitations_per_day* a whole number from 1 to 20;
    *language_of* a function of a person id; *texts* languages to notice kinds to texts.
    """
    if isinstance(clock, date):  # a moment is not a clock, though it has a now()
        raise InvalidInput(
            "clock",
            "needs a clock (an object whose now() tells the time),"
            " not a moment; pass repairkit.ManualClock(that moment).",
        )
    _check_plug(clock, "clock", ("now",))
    _check_plug(notifier, "notifier", ("notify",))
    if not isinstance(workflows, Registry):
        raise InvalidInput(
            "workflows", "needs a repairkit Registry (repairkit.WORKFLOWS, or one made from it)."
        )
    if delivery is not None and not isinstance(delivery, DeliveryPolicy):
        raise InvalidInput("delivery", "needs a DeliveryPolicy.")
    check_invitations_per_day(invitations_per_day)  # type: ignore[arg-type]
    if language_of is not None and (isinstance(language_of, type) or not callable(language_of)):
        raise InvalidInput(
            "language_of", "needs a function of a person id that returns a language."
        )
    _check_texts(texts, workflows)


class RepairKit:
    """Relationship-repair workflows over a storage, a notifier and a clock.

    Each registered workflow's commands are an attribute named by its spec's
    ``namespace`` (``kit.requests``, declared below with its type), and reached
    with their own type by `workflow` (for an app's own workflows). The
    relationship itself, the outbox and the timers have namespaces of their own.

    Args:
        storage: Where everything is kept; in memory when omitted.
        notifier: What the app hears. When omitted, notifications wait in the
            outbox: read them with ``kit.outbox.pending`` and confirm them with
            ``kit.outbox.mark_delivered``.
        clock: Tells the time; the system clock (UTC) when omitted.
        workflows: The workflows it runs; those repairkit ships when omitted. A
            storage passed in must have been made with the same registry.
        delivery: How a notification the notifier refused is retried, and when it
            is parked (`DeliveryPolicy`; repairkit's defaults when omitted).
        invitations_per_day: How many invitations one person may send in any 24
            hours, to anyone, those taken back included: 5 (repairkit's own) when
            omitted, from 1 to 20 (`repairkit.core.invitations`).
        language_of: The language a person reads (``language_of(person_id)``, a tag
            such as "de"); English for everyone when omitted (repairkit's own default).
            A language repairkit has no catalog for reads as English.
        texts: An app's own text per notice kind, per language
            (``{"de": {RequestNotice.REQUEST_MADE: "..."}}``); repairkit's when omitted.
    """

    relationships: Relationships
    """The relationship itself: start, read, settings by consent, pause, leave."""
    outbox: Outbox
    """The notifications: deliver what is due, read and confirm them, parked ones."""
    timers: Timers
    """Durable timers: fire what fell due, when next, what is coming."""
    requests: RequestCommands
    """Commands and queries of the Request workflow."""
    timeouts: TimeOutCommands
    """Commands and queries of the TimeOut workflow (time-outs)."""
    boundaries: BoundaryCommands
    """Commands and queries of the Boundary workflow."""
    crossings: CrossingCommands
    """Commands and queries of the Crossing workflow (boundaries crossed)."""
    talks: TalkCommands
    """Commands and queries of the Talk workflow (the discussion timer)."""
    observations: ObservationCommands
    """Commands and queries of the Observation workflow (naming a moment without blame)."""
    goals: GoalCommands
    """Commands and queries of the SharedGoal workflow (the couple's shared goal)."""
    triggers: TriggerCommands
    """Commands and queries of one's own triggers (private unless shared with the partner)."""
    pauses: PauseCommands
    """Commands and queries of the pause before reacting (for oneself only)."""
    checkins: CheckInCommands
    """Commands and queries of the check-in schedule (the couple's regular check-in time)."""
    sessions: SessionCommands
    """Commands and queries of the check-in session (a check-in, in parts, in order)."""
    agenda: AgendaCommands
    """The agenda of the next check-in: what every workflow put there, and topics."""
    preparations: PreparationCommands
    """Commands and queries of private check-in preparations (revealed to both at once)."""
    facilitators: FacilitatorCommands
    """A third person in the check-ins (a therapist, a mediator), invited by both."""
    repairs: RepairCommands
    """Commands and queries of the RepairCommitment workflow (owning a lapse, the aftermath)."""
    accountability: AccountabilityCommands
    """Commands and queries of the accountability agreement (a short list held by both)."""
    log: LogCommands
    """Commands and queries of one's own log of moments (private unless shared, one by one)."""
    log_reviews: JointReviewCommands
    """Commands and queries of joint reviews of the shared log (open once both agree)."""
    micro_responses: MicroResponseCommands
    """Commands and queries of daily micro-responses (one's own small acts of attention)."""
    micro_response_reminders: ReminderCommands
    """One's own gentle daily reminder of micro-responses (``kit.micro_responses.remind_me``)."""
    therapy_plans: TherapyPlanCommands
    """Commands and queries of the therapy plan (hopes, sessions) with the third person."""
    assignments: AssignmentCommands
    """Commands and queries of practice between sessions (started by its assignee's yes)."""

    def __init__(
        self,
        *,
        storage: Storage | None = None,
        notifier: Notifier | None = None,
        clock: Clock | None = None,
        workflows: Registry = WORKFLOWS,
        delivery: DeliveryPolicy = DEFAULT_DELIVERY,
        invitations_per_day: int = INVITATIONS_PER_DAY,
        language_of: Callable[[PersonId], str] | None = None,
        texts: Mapping[str, Mapping[str, str]] | None = None,
    ) -> None:
        check_plugs(
            clock=clock,
            notifier=notifier,
            workflows=workflows,
            delivery=delivery,
            invitations_per_day=invitations_per_day,
            language_of=language_of,
            texts=texts,
        )
        _check_plug(storage, "storage", _STORAGE_METHODS)
        if storage is None:
            storage = MemoryStorage(workflows=workflows)
        elif getattr(storage, "workflows", workflows) is not workflows:
            raise InvalidInput(
                "storage",
                "was made for other workflows than this kit's; make both with the same registry.",
            )
        self.workflows = workflows
        self._runner = Runner(
            storage=storage,
            clock=clock if clock is not None else SystemClock(),
            notifier=notifier,
            workflows=workflows,
            delivery=delivery,
            languages=Languages(language_of, texts),
        )
        self._namespaces: dict[str, Any] = {}
        for spec in workflows:
            if spec.commands is not None:
                self._namespaces[spec.name] = commands = spec.commands(self._runner)
                if spec.namespace is not None:
                    setattr(self, spec.namespace, commands)
        self.relationships = Relationships(self._runner, self._namespaces, invitations_per_day)
        self.outbox = Outbox(self._runner)
        self.timers = Timers(self._runner)

    def workflow(self, spec: WorkflowSpec[C]) -> C:
        """Return the commands of a workflow this kit runs, typed as its spec's commands class.

        ``kit.workflow(APPRECIATIONS).send(...)``: an app reaches its own workflows
        this way, with no subclass of `RepairKit`. A spec this kit was not made with
        (or one without commands) raises `InvalidInput`.
        """
        name = getattr(spec, "name", None)
        if (
            not isinstance(spec, WorkflowSpec)
            or self.workflows.by_name.get(str(name)) is not spec
            or spec.name not in self._namespaces
        ):
            raise InvalidInput(
                "spec", "names no workflow with commands that this kit runs; register it first."
            )
        commands: C = self._namespaces[spec.name]
        return commands

    def progress(
        self,
        relationship_id: uuid.UUID,
        *,
        actor: PersonId,
        weeks: int = PROGRESS_WEEKS,
        steady_within: float = STEADY_WITHIN,
    ) -> Progress:
        """Return the couple's progress, week by week, as *actor* may read it.

        The last *weeks* ISO weeks (`PROGRESS_WEEKS`, 8, unless given; at most 104) in
        the couple's time zone, this one last. `Progress.lines` are the couple's and the
        same to both partners (check-ins held, days an agreement was kept, repairs
        completed, crossings counted, moments of connection and of neglect shared:
        every registered workflow's `ProgressFigure` lines); `Progress.own` counts
        *actor*'s own acts (micro-responses given, pauses), read by them alone. Each
        line has its range and its direction (`Trend`; a later half within
        *steady_within* of the earlier one reads "about the same", `STEADY_WITHIN`),
        never a score; a line whose counts age out shows None past its window; the
        harder weeks are named (`Progress.harder`). Read from indexes, week by week:
        a couple's tenth year costs what their first month did. ``repairkit.charts``
        draws it (``repairkit[charts]``).

        Raises:
            InvalidInput: *weeks* is no whole number from 1 to 104, or *steady_within*
                no share from 0 to 1.
            NotFound: *actor* is no partner of the relationship (as for an unknown id).
        """
        return progress_of(
            self._runner, relationship_id, actor=actor, weeks=weeks, steady_within=steady_within
        )

    def export(self, person: PersonId, *, to: object = None) -> dict[str, Any]:
        """Return everything *person* may see, as they see it, as plain JSON values.

        Every relationship of theirs, every workflow: the objects as they may read them
        (the codec's stored shape, less what is private to the other partner), their
        events and their notifications, under a format name and version
        (docs/your-data.md: GDPR Art. 15 and 20). With *to* (a path, or a text stream)
        it is also written there as JSON. Read per relationship, a page at a time.

        Raises:
            InvalidInput: *person* is not a person's id, or *to* neither a path nor a stream.
            NotFound: repairkit keeps no relationship of *person*'s.
        """
        export = export_person(self._runner, self._namespaces, self.relationships, person)
        if to is not None:
            write_export(export, to)
        return export

    def erase(self, person: PersonId) -> int:
        """Erase what is *person*'s alone, and their free text from what both partners read.

        Each relationship of theirs is left first (`kit.relationships.leave`; an
        invitation is withdrawn or declined). Then what only they could see (drafts,
        private entries, triggers, preparations, their private events and their
        notifications) is deleted, and each shared object is stored as the other partner
        sees it, every text *person* wrote replaced by `repairkit.core.ERASED`, in its
        events too (docs/your-data.md says exactly what remains). Returns how many
        relationships it went through.

        Raises:
            InvalidInput: *person* is not a person's id (nothing is changed).
            NotFound: repairkit keeps no relationship of *person*'s (nothing is changed).
        """
        return erase_person(self._runner, self.relationships, person)

    @property
    def clock(self) -> Clock:
        """The clock the kit tells the time by."""
        return self._runner.clock

    @property
    def notifier(self) -> Notifier | None:
        """What the app hears, or None (notifications wait in the outbox)."""
        return self._runner.courier.notifier

    @property
    def _storage(self) -> Storage:
        """The storage itself, past every check: for repairkit's own tests and tools only."""
        return self._runner.storage

    # -- lifecycle ---------------------------------------------------------------

    def close(self) -> None:
        """Release the storage; every command afterwards raises `Closed`."""
        self._runner.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()
