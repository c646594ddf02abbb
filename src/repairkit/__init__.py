"""repairkit: relationship-repair workflows for apps.

Start with `repairkit.open()` (in memory) or `repairkit.open("couple.db")`
(SQLite), then use the returned `RepairKit`.

The top level holds only what an app uses: `open`, the kit, the errors, the
clocks and notifiers to plug in, and the values an app passes or reads back. The
rest lives where its readers look for it:

- each workflow's own names (commands, objects, rules, notice kinds) in its
  package (``repairkit.requests``);
- the storages (`MemoryStorage`, `SQLiteStorage`, `PostgresStorage`) in
  ``repairkit.adapters``, and the JSON codec a storage author reuses in
  ``repairkit.adapters.codec``;
- the Protocols a plug-in fits (`Storage`, `Change`, `Saved`, `StoredObject`,
  `Clock`, `Notifier`) in ``repairkit.ports``;
- everything a workflow author builds with (`WorkflowSpec`, `Registry`,
  `DomainEvent`, the engine, the value checks, `SYSTEM`, `PersonId`) in
  ``repairkit.core``;
- the contract test suites in ``repairkit.testing`` (the ``testing`` extra).

``repairkit.__version__`` is the installed version (``0+unknown`` outside an
install). ``dir(repairkit)`` lists exactly ``__all__`` and the dunders; the
subpackages are reached by importing them.
"""

import pathlib as _pathlib
import typing as _typing

from repairkit.adapters import is_postgres_url as _is_postgres_url
from repairkit.adapters.memory import MemoryStorage as _MemoryStorage
from repairkit.adapters.sqlite import SQLiteStorage as _SQLiteStorage
from repairkit.clock import ManualClock, SystemClock
from repairkit.commands import Awaiting
from repairkit.core.delivery import DeliveryPolicy
from repairkit.core.invitations import INVITATIONS_PER_DAY as _INVITATIONS_PER_DAY
from repairkit.core.notices import Notification
from repairkit.core.quiet import QuietHours
from repairkit.core.relationship import Relationship, RelationshipState
from repairkit.core.relationship_events import RelationshipNotice
from repairkit.core.settings import RelationshipRules, RelationshipSettings
from repairkit.core.spec import Registry as _Registry
from repairkit.core.timebox import Schedule, TimeBox
from repairkit.core.timers import Upcoming
from repairkit.errors import (
    Closed,
    ConcurrencyConflict,
    CorruptData,
    InvalidInput,
    NotAllowedNow,
    NotFound,
    NotPermitted,
    Refused,
    RepairkitError,
    StorageError,
)
from repairkit.kit import RepairKit
from repairkit.kit import check_plugs as _check_plugs
from repairkit.notifiers import CallbackNotifier, LoggingNotifier, MemoryNotifier
from repairkit.ports import Clock as _Clock
from repairkit.ports import Notifier as _Notifier
from repairkit.ports import Storage as _Storage
from repairkit.registry import WORKFLOWS

__all__ = [
    "WORKFLOWS",
    "Awaiting",
    "CallbackNotifier",
    "Closed",
    "ConcurrencyConflict",
    "CorruptData",
    "DeliveryPolicy",
    "InvalidInput",
    "LoggingNotifier",
    "ManualClock",
    "MemoryNotifier",
    "NotAllowedNow",
    "NotFound",
    "NotPermitted",
    "Notification",
    "QuietHours",
    "Refused",
    "Relationship",
    "RelationshipNotice",
    "RelationshipRules",
    "RelationshipSettings",
    "RelationshipState",
    "RepairKit",
    "RepairkitError",
    "Schedule",
    "StorageError",
    "SystemClock",
    "TimeBox",
    "Upcoming",
    "open",
]


def open(
    path: str | _pathlib.Path | None = None,
    *,
    clock: _Clock | None = None,
    notifier: _Notifier | None = None,
    workflows: _Registry = WORKFLOWS,
    delivery: DeliveryPolicy | None = None,
    invitations_per_day: int = _INVITATIONS_PER_DAY,
    language_of: _typing.Callable[[str], str] | None = None,
    texts: _typing.Mapping[str, _typing.Mapping[str, str]] | None = None,
) -> RepairKit:
    """Return a `RepairKit` on SQLite at *path* (created if missing), PostgreSQL, or in memory.

    Args:
        path: A SQLite file, or a ``postgresql://`` URL (needs ``repairkit[postgres]``);
            omitted, everything is kept in memory.
        clock: Tells the time; the system clock (UTC) when omitted.
        notifier: What the app hears; when omitted notifications wait in the outbox.
        workflows: The workflows to run; those repairkit ships when omitted.
        delivery: How refused notifications are retried and parked; the defaults when omitted.
        invitations_per_day: How many invitations one person may send in any 24
            hours (5, repairkit's own, when omitted; from 1 to 20).
        language_of: The language a person reads, ``language_of(person_id)`` ("de");
            English for everyone when omitted. An unknown language reads as English
            (docs/languages.md, `repairkit.i18n`).
        texts: An app's own text per notice kind, per language; repairkit's when omitted.
    """
    _check_plugs(  # first
        clock=clock,
        notifier=notifier,
        workflows=workflows,
        delivery=delivery,
        invitations_per_day=invitations_per_day,
        language_of=language_of,
        texts=texts,
    )
    storage: _Storage
    if path is None:
        storage = _MemoryStorage(workflows=workflows)
    elif _is_postgres_url(path):
        # Imported here: psycopg is loaded only by an app that uses PostgreSQL.
        from repairkit.adapters.postgres import PostgresStorage  # noqa: PLC0415

        storage = PostgresStorage(str(path), workflows=workflows)
    else:
        storage = _SQLiteStorage(path, workflows=workflows)
    return RepairKit(
        storage=storage,
        clock=clock,
        notifier=notifier,
        workflows=workflows,
        delivery=delivery if delivery is not None else DeliveryPolicy(),
        invitations_per_day=invitations_per_day,
        language_of=language_of,
        texts=texts,
    )


if _typing.TYPE_CHECKING:
    __version__: str
else:  # hidden from type checkers, which would otherwise read any unknown name as a str

    def __getattr__(name: str) -> str:
        # __version__ is read on first use: importlib.metadata costs more than the kit.
        if name == "__version__":
            import importlib.metadata  # noqa: PLC0415

            try:
                version = importlib.metadata.version("repairkit")
            except importlib.metadata.PackageNotFoundError:  # pragma: no cover - bare tree
                version = "0+unknown"
            globals()["__version__"] = version
            return version
        msg = f"module {__name__!r} has no attribute {name!r}"
        raise AttributeError(msg)


def __dir__() -> list[str]:
    # Subpackages become attributes once imported; what the package offers is __all__.
    dunders = (name for name in globals() if name.startswith("__") and name.endswith("__"))
    return sorted({*__all__, *dunders, "__version__"})
