"""The toolkit for workflow authors: everything a workflow package imports, in one place.

A workflow (see docs/architecture.md, "Add a workflow") imports ``repairkit.core``,
``repairkit.errors`` and its commands' base class, and never a deep or private module:

- **Declaring it:** `WorkflowSpec` (with `SafetySpec` and `Choose` for the safety
  suite) and `Registry`, the set a kit runs (``repairkit.WORKFLOWS.with_workflows``).
- **The table:** `Workflow`, `Move`, `Role` (with `EITHER_PARTNER` and `REPAIRKIT`), `CREATION`,
  `Stateful`.
- **A person's data** (``kit.export``, ``kit.erase``): `PersonalData` (which stored
  fields hold free text and who wrote each, `WorkflowSpec.personal`), `first_writers`,
  `scrub` and `texts_by` (a stored object with a person's texts replaced by `ERASED`).
- **Leaving:** `closed_by_leaving` (the row that closes an open object when a partner
  leaves), `ClosedByLeaving` (its event's base), `CLOSE_BY_LEAVING` (its trigger, for
  `SafetySpec.on_leaving`).
- **The entity:** `WorkflowObject`, and `DraftedFirst` for one drafted privately first
  (`KEEP`, `Keep`, `kept`: a revision keeps what it is not given);
  `Timer` rows (in the `Workflow`) declare when time moves it; each gives a
  `Deadline` (`Upcoming` is what apps see of one).
- **Events and notices:** `DomainEvent` (`seen_by`; `day_of`, an instant to the day only),
  `NoticeRule`, `Notice`, `Quiet`
  (`QUIET`), `tell_audience`, `tell_everyone`, and `Notification`, what is sent.
- **Checking input** (each raises `InvalidInput`): `check_id`, `check_ids`,
  `check_text`, `check_person_id`, `check_instant`, `check_limit`, `check_path`, with
  repairkit's bounds `EARLIEST`, `LATEST`, `MAX_LIMIT`, `MAX_PERSON_ID_LENGTH`;
  `new_id` makes an id. `PersonId` is a person's id, `SYSTEM` the actor when time moves.
- **Progress:** `ProgressFigure` (a line a workflow adds to ``kit.progress``: a
  `Count` read through `ProgressReads` over the window's `Week` list; `couple_events`,
  `instants_by_week` and `days_by_week` build the usual ones); `Progress`,
  `ProgressLine` and `Trend` are what the view returns.
- **Rules and time:** `WorkflowRules` (`between`, `reask_wait_field`,
  `REASK_WAIT_HOURS`), `RelationshipSettings`, `RelationshipRules`, `zone`,
  `SETTING_IN_FORCE` (the metadata of an entity's field that holds the rules in force,
  given at every read and never stored),
  `TimeBox`, `Schedule`, `stored_schedule`, `QuietHours`; coarse moments: `PartOfDay`
  (`part_of_day`, `part_starts`, `PART_STARTS`, `Starts`), `moment_of` (the night
  belongs to the day it began on) and `moment_start`.
- **Decoding by hand** (a ``codec_hooks`` hook): `stored_text`, `stored_optional_text`,
  `stored_whole`, `stored_flag`, `stored_items`, `stored_texts`, `stored_schedule`
  read a stored value back only if it has the JSON type repairkit writes.
- **The pressure budget** (docs/safety.md): `day_bounds` (a calendar day in the
  couple's time zone), `DAILY_ITEMS`, `MAX_DAILY_ITEMS`, `HOOK_NOTICES_PER_DAY`; an event type
  marks a safety hook with ``SAFETY_HOOK = True``.
- **Moves only one person sees** (their copy counts them, nobody else's does):
  `Hidden`, `hide`, `unseen_by`, `kept_for`, `changed_at_seen_by`.
- **Restorative words** (a consequence, a skill: never money, devices, contacts,
  whereabouts, sleep or the other's say over one's freedom): `check_restorative`,
  `names_control`, `CONTROL_WORDS`; `folded`, text read as it looks.
- **A no, heard** (the wait after a no): `HeardNo`, `heard`, `waits_until`, `when`, `words`.
- **The relationship:** `Relationship`, `RelationshipState`, `RELATIONSHIP` (its spec),
  `RelationshipNotice`, `PartnerInvited`, `RelationshipStarted`, `SettingsChanged`.

The core imports no workflow package, no adapter and not the kit (import-linter
checks it).
"""

from repairkit.core.dayparts import (
    PART_STARTS,
    PartOfDay,
    Starts,
    moment_of,
    moment_start,
    part_of_day,
    part_starts,
)
from repairkit.core.drafts import KEEP, DraftedFirst, Keep, kept
from repairkit.core.engine import (
    CREATION,
    EITHER_PARTNER,
    REPAIRKIT,
    Move,
    Role,
    Stateful,
    Workflow,
)
from repairkit.core.entity import WorkflowObject
from repairkit.core.events import DomainEvent, day_of, seen_by
from repairkit.core.hidden import Hidden, changed_at_seen_by, hide, kept_for, unseen_by
from repairkit.core.leaving import CLOSE_BY_LEAVING, ClosedByLeaving, closed_by_leaving
from repairkit.core.notices import (
    QUIET,
    Notice,
    NoticeRule,
    Notification,
    Quiet,
    tell_audience,
    tell_everyone,
)
from repairkit.core.personal import (
    ERASED,
    PersonalData,
    authorship,
    first_writers,
    scrub,
    texts_by,
)
from repairkit.core.pressure import HOOK_NOTICES_PER_DAY, day_bounds
from repairkit.core.progress import (
    Count,
    Progress,
    ProgressFigure,
    ProgressLine,
    ProgressReads,
    Trend,
    Week,
    couple_events,
    days_by_week,
    instants_by_week,
)
from repairkit.core.quiet import QuietHours
from repairkit.core.relationship import Relationship, RelationshipState
from repairkit.core.relationship_events import (
    PartnerInvited,
    RelationshipNotice,
    RelationshipStarted,
    SettingsChanged,
)
from repairkit.core.restorative import CONTROL_WORDS, check_restorative, folded, names_control
from repairkit.core.settings import (
    DAILY_ITEMS,
    MAX_DAILY_ITEMS,
    REASK_WAIT_HOURS,
    SETTING_IN_FORCE,
    RelationshipRules,
    RelationshipSettings,
    WorkflowRules,
    between,
    reask_wait_field,
    zone,
)
from repairkit.core.spec import (
    ONE_AT_A_TIME,
    RELATIONSHIP,
    Choose,
    FacilitatorShare,
    ReactionReads,
    Registry,
    SafetySpec,
    WorkflowSpec,
)
from repairkit.core.stored import (
    stored_flag,
    stored_items,
    stored_optional_text,
    stored_text,
    stored_texts,
    stored_whole,
)
from repairkit.core.suggestions import (
    DECLINED_ON,
    HeardNo,
    declined_key,
    heard,
    reopens_at,
    waits_until,
    when,
    words,
)
from repairkit.core.timebox import Schedule, TimeBox, stored_schedule
from repairkit.core.timers import Deadline, Timer, Upcoming
from repairkit.core.values import (
    EARLIEST,
    LATEST,
    MAX_LIMIT,
    MAX_PERSON_ID_LENGTH,
    SYSTEM,
    PersonId,
    check_id,
    check_ids,
    check_instant,
    check_limit,
    check_path,
    check_person_id,
    check_text,
    new_id,
)

__all__ = [
    "CLOSE_BY_LEAVING",
    "CONTROL_WORDS",
    "CREATION",
    "DAILY_ITEMS",
    "DECLINED_ON",
    "EARLIEST",
    "EITHER_PARTNER",
    "ERASED",
    "HOOK_NOTICES_PER_DAY",
    "KEEP",
    "LATEST",
    "MAX_DAILY_ITEMS",
    "MAX_LIMIT",
    "MAX_PERSON_ID_LENGTH",
    "ONE_AT_A_TIME",
    "PART_STARTS",
    "QUIET",
    "REASK_WAIT_HOURS",
    "RELATIONSHIP",
    "REPAIRKIT",
    "SETTING_IN_FORCE",
    "SYSTEM",
    "Choose",
    "ClosedByLeaving",
    "Count",
    "Deadline",
    "DomainEvent",
    "DraftedFirst",
    "FacilitatorShare",
    "HeardNo",
    "Hidden",
    "Keep",
    "Move",
    "Notice",
    "NoticeRule",
    "Notification",
    "PartOfDay",
    "PartnerInvited",
    "PersonId",
    "PersonalData",
    "Progress",
    "ProgressFigure",
    "ProgressLine",
    "ProgressReads",
    "Quiet",
    "QuietHours",
    "ReactionReads",
    "Registry",
    "Relationship",
    "RelationshipNotice",
    "RelationshipRules",
    "RelationshipSettings",
    "RelationshipStarted",
    "RelationshipState",
    "Role",
    "SafetySpec",
    "Schedule",
    "SettingsChanged",
    "Starts",
    "Stateful",
    "TimeBox",
    "Timer",
    "Trend",
    "Upcoming",
    "Week",
    "Workflow",
    "WorkflowObject",
    "WorkflowRules",
    "WorkflowSpec",
    "authorship",
    "between",
    "changed_at_seen_by",
    "check_id",
    "check_ids",
    "check_instant",
    "check_limit",
    "check_path",
    "check_person_id",
    "check_restorative",
    "check_text",
    "closed_by_leaving",
    "couple_events",
    "day_bounds",
    "day_of",
    "days_by_week",
    "declined_key",
    "first_writers",
    "folded",
    "heard",
    "hide",
    "instants_by_week",
    "kept",
    "kept_for",
    "moment_of",
    "moment_start",
    "names_control",
    "new_id",
    "part_of_day",
    "part_starts",
    "reask_wait_field",
    "reopens_at",
    "scrub",
    "seen_by",
    "stored_flag",
    "stored_items",
    "stored_optional_text",
    "stored_schedule",
    "stored_text",
    "stored_texts",
    "stored_whole",
    "tell_audience",
    "tell_everyone",
    "texts_by",
    "unseen_by",
    "waits_until",
    "when",
    "words",
    "zone",
]
