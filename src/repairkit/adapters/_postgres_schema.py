"""PostgresStorage's schema (in a PostgreSQL schema of its own) and its versioned migrations.

Everything lives in one PostgreSQL schema (``repairkit`` unless told otherwise), so
an app's own tables in the same database are never touched. Migrations are keyed on
the highest version in ``schema_migrations``, run under an advisory lock (so several
servers starting at once migrate once), one step per transaction. Bodies are JSON
text written by the codec; no index holds any free text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Final

from repairkit.adapters._budget_steps import postgres_budget_step
from repairkit.adapters._in_force_step import postgres_v5
from repairkit.adapters._kept_step import postgres_kept_step
from repairkit.adapters._partners_step import postgres_partners_step
from repairkit.adapters._places_step import postgres_places_step
from repairkit.adapters._private_step import postgres_private_step
from repairkit.adapters._renames import (
    EVERY_DAY,
    RENAMED_FIELDS,
    RENAMED_NOTICE_KINDS,
    RENAMED_STATES,
    RENAMED_TAGS,
    SCHEDULE_WORDS,
    SET_ASIDE_NOTICE_KINDS,
    SET_ASIDE_STATES,
    SET_ASIDE_TAGS,
    V6_OFFER_FIELDS,
    V6_REQUEST_FIELDS,
    V6_REQUEST_RULES,
)
from repairkit.adapters._rest_steps import postgres_rest_step
from repairkit.adapters._words_step import postgres_words_step

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "check_schema_name", "statements"]

SCHEMA_VERSION: Final = 12
LOCK_KEY: Final = 0x524B4954
"""The advisory lock taken while migrating ("RKIT")."""

_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")


def check_schema_name(name: str) -> str:
    """Return *name* if it is a plain lower-case identifier, else raise ValueError."""
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        msg = "schema needs a plain lower-case name, such as 'repairkit'."
        raise ValueError(msg)
    return name


def _v1(schema: str) -> list[str]:
    s = schema
    return [
        f"CREATE SCHEMA IF NOT EXISTS {s}",
        f"""CREATE TABLE {s}.objects (
            seq             bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
            id              uuid PRIMARY KEY,
            kind            text NOT NULL,
            relationship_id uuid NOT NULL,
            version         bigint NOT NULL,
            state           text NOT NULL,
            due_at          timestamptz,
            claimed_until   timestamptz,
            body            text NOT NULL
        )""",
        f"CREATE INDEX objects_by_relationship ON {s}.objects (relationship_id, kind, state, seq)",
        f"CREATE INDEX objects_due ON {s}.objects (due_at) WHERE due_at IS NOT NULL",
        f"""CREATE TABLE {s}.events (
            seq             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            id              uuid NOT NULL UNIQUE,
            subject_id      uuid NOT NULL,
            relationship_id uuid NOT NULL,
            body            text NOT NULL
        )""",
        f"CREATE INDEX events_by_subject ON {s}.events (subject_id, seq)",
        f"CREATE INDEX events_by_relationship ON {s}.events (relationship_id, seq)",
        f"""CREATE TABLE {s}.outbox (
            seq             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            id              uuid NOT NULL UNIQUE,
            delivered_at    timestamptz,
            attempts        integer NOT NULL DEFAULT 0,
            next_attempt_at timestamptz,
            parked_at       timestamptz,
            claimed_until   timestamptz,
            body            text NOT NULL
        )""",
        (
            f"CREATE INDEX outbox_pending ON {s}.outbox (seq)"
            " WHERE delivered_at IS NULL AND parked_at IS NULL"
        ),
        (
            f"CREATE INDEX outbox_parked ON {s}.outbox (seq)"
            " WHERE delivered_at IS NULL AND parked_at IS NOT NULL"
        ),
    ]


def _literal(text: str) -> str:
    """Return *text* as an SQL string literal (the renames are repairkit's own constants)."""
    return "'" + text.replace("'", "''") + "'"


def _json_literal(text: str) -> str:
    """Return *text* as a jsonb string literal."""
    return _literal('"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"') + "::jsonb"


def _set(table: str, key: str, old: str, new: str, where: str = "") -> str:
    """An UPDATE that renames *old* to *new* under *key* of every JSON body of *table*."""
    return (
        f"UPDATE {table} SET body = jsonb_set(body::jsonb, '{{{key}}}', {_json_literal(new)})::text"
        f" WHERE body::jsonb->>'{key}' = {_literal(old)}{where}"
    )


def _v2(schema: str) -> list[str]:
    """One name per concept: an agreement is "on hold", a time-out's notices say so."""
    s = schema
    steps = []
    for kind, states in RENAMED_STATES.items():
        for old, new in states.items():
            steps.append(
                f"UPDATE {s}.objects SET state = {_literal(new)},"
                f" body = jsonb_set(body::jsonb, '{{state}}', {_json_literal(new)})::text"
                f" WHERE kind = {_literal(kind)} AND state = {_literal(old)}"
            )
            of_kind = f" AND body::jsonb->>'type' LIKE {_literal(kind + '.%')}"
            steps.extend(
                _set(f"{s}.events", key, old, new, of_kind) for key in ("from_state", "to_state")
            )
    steps.extend(_set(f"{s}.events", "type", old, new) for old, new in RENAMED_TAGS.items())
    steps.extend(_set(f"{s}.outbox", "kind", old, new) for old, new in RENAMED_NOTICE_KINDS.items())
    for old, new in RENAMED_FIELDS.items():
        before, after = _literal(f'"{old}":'), _literal(f'"{new}":')
        steps.extend(
            f"UPDATE {s}.{table} SET body = replace(body, {before}, {after})"
            f" WHERE strpos(body, {before}) > 0"
            for table in ("objects", "events")
        )
    return steps


def _v3(schema: str) -> list[str]:
    """Flat cost: the indexes the port's queries read.

    The events' actor, time and tag are copied from each body. The object keys come
    from domain code (each workflow's `WorkflowSpec.keys`), so this step only makes
    their tables; the storage fills them in the same transaction, right after the
    last step, for every kind not yet in ``indexed_kinds`` (see
    ``repairkit.adapters._sqlite_schema`` for why that fill, unlike a step, may use
    the current classes). Key values are digests, so no index holds free text.
    """
    s = schema
    return [
        f"CREATE INDEX objects_in_order ON {s}.objects (relationship_id, kind, seq)",
        (
            f"CREATE INDEX objects_scheduled ON {s}.objects (relationship_id, due_at, seq)"
            " WHERE due_at IS NOT NULL"
        ),
        f"""CREATE TABLE {s}.object_keys (
            relationship_id uuid NOT NULL,
            kind            text NOT NULL,
            key             text NOT NULL,
            value           text NOT NULL,
            object_id       uuid NOT NULL,
            PRIMARY KEY (relationship_id, kind, key, value, object_id)
        )""",
        f"CREATE INDEX object_keys_of_object ON {s}.object_keys (object_id)",
        f"CREATE TABLE {s}.indexed_kinds (kind text PRIMARY KEY)",
        f"ALTER TABLE {s}.events ADD COLUMN actor text",
        f"ALTER TABLE {s}.events ADD COLUMN occurred_at timestamptz",
        f"ALTER TABLE {s}.events ADD COLUMN tag text",
        (
            f"UPDATE {s}.events SET actor = body::jsonb->>'actor',"
            " occurred_at = (body::jsonb->>'at')::timestamptz, tag = body::jsonb->>'type'"
        ),
        f"CREATE INDEX events_by_actor ON {s}.events (relationship_id, actor, occurred_at)",
    ]


def _v4_schedule(value: str) -> str:
    """The structured schedule for the stored jsonb *value* (free text or null)."""
    every_day = _literal(json.dumps(list(EVERY_DAY))) + "::jsonb"
    words = f"btrim(regexp_replace(lower({value} #>> '{{}}'), '\\s+', ' ', 'g'))"
    cases = " ".join(
        f"WHEN {words} = {_literal(word)} THEN jsonb_build_object("
        f"'days', {_literal(json.dumps(list(days)))}::jsonb, 'per_week', NULL, 'note', NULL)"
        for word, days in SCHEDULE_WORDS.items()
    )
    return (
        f"CASE WHEN jsonb_typeof({value}) = 'null' THEN jsonb_build_object("
        f"'days', {every_day}, 'per_week', NULL, 'note', NULL) {cases} ELSE jsonb_build_object("
        f"'days', {every_day}, 'per_week', NULL, 'note', {value} #>> '{{}}') END"
    )


def _v4_schedules(table: str, box: str, where: str) -> str:
    """An UPDATE that structures the free-text schedule of the time box at the path *box*."""
    path = f"'{{{box},how_often}}'"
    return (
        f"UPDATE {table} SET body = jsonb_set(body::jsonb, {path},"
        f" {_v4_schedule(f'(body::jsonb #> {path})')})::text"
        f" WHERE{where} jsonb_typeof(body::jsonb #> '{{{box}}}') = 'object'"
        f" AND jsonb_typeof(body::jsonb #> {path}) IN ('string', 'null')"
    )


def _v4(schema: str) -> list[str]:
    """One verb: a topic kept for the check-in is "set aside"; the 0.1.0.dev0 layouts go.

    Spelled out as `_v2` is, and as ``_to_v6`` of ``repairkit.adapters._sqlite_schema``
    does it: a schedule stored as free text is structured; an agreement, and its
    acceptance, name who carries it out (its recipient, then).
    """
    s = schema
    steps = []
    for kind, states in SET_ASIDE_STATES.items():
        for old, new in states.items():
            steps.append(
                f"UPDATE {s}.objects SET state = {_literal(new)},"
                f" body = jsonb_set(body::jsonb, '{{state}}', {_json_literal(new)})::text"
                f" WHERE kind = {_literal(kind)} AND state = {_literal(old)}"
            )
            of_kind = f" AND body::jsonb->>'type' LIKE {_literal(kind + '.%')}"
            steps.extend(
                _set(f"{s}.events", key, old, new, of_kind) for key in ("from_state", "to_state")
            )
    for old, new in SET_ASIDE_TAGS.items():
        steps.append(_set(f"{s}.events", "type", old, new))
        steps.append(f"UPDATE {s}.events SET tag = {_literal(new)} WHERE tag = {_literal(old)}")
    steps.extend(
        _set(f"{s}.outbox", "kind", old, new) for old, new in SET_ASIDE_NOTICE_KINDS.items()
    )
    request = " kind = 'request' AND"
    steps.append(_v4_schedules(f"{s}.objects", "time_box", request))
    steps.append(_v4_schedules(f"{s}.objects", "latest_offer,time_box", request))
    steps.append(_v4_schedules(f"{s}.events", "time_box", ""))
    fields, offer, rules = (
        _literal(json.dumps(added)) + "::jsonb"
        for added in (V6_REQUEST_FIELDS, V6_OFFER_FIELDS, V6_REQUEST_RULES)
    )
    steps.append(
        f"UPDATE {s}.objects SET body = ({fields} || body::jsonb)::text"
        " WHERE kind = 'request' AND jsonb_typeof(body::jsonb) = 'object'"
    )
    for key, added in (("latest_offer", offer), ("rules", rules)):
        steps.append(
            f"UPDATE {s}.objects SET body = jsonb_set(body::jsonb, '{{{key}}}',"
            f" {added} || (body::jsonb->'{key}'))::text"
            f" WHERE kind = 'request' AND jsonb_typeof(body::jsonb->'{key}') = 'object'"
        )
    steps.append(
        f"UPDATE {s}.objects SET body = jsonb_set(body::jsonb, '{{carried_out_by}}',"
        " CASE WHEN coalesce(jsonb_typeof(body::jsonb->'agreed_at'), 'null') = 'null'"
        " THEN 'null'::jsonb ELSE coalesce(body::jsonb->'recipient', 'null'::jsonb) END)::text"
        " WHERE kind = 'request' AND jsonb_typeof(body::jsonb) = 'object'"
        " AND body::jsonb->'carried_out_by' IS NULL"
    )
    steps.append(
        f"UPDATE {s}.events AS e SET body = jsonb_set(e.body::jsonb, '{{carried_out_by}}',"
        " o.body::jsonb->'recipient')::text"
        f" FROM {s}.objects AS o WHERE o.id = e.subject_id AND o.kind = 'request'"
        " AND e.body::jsonb->>'type' = 'request.accepted'"
        " AND e.body::jsonb->>'carried_out_by' IS NULL"
        " AND jsonb_typeof(o.body::jsonb->'recipient') IS NOT NULL"
        " AND jsonb_typeof(o.body::jsonb->'recipient') <> 'null'"
    )
    return steps


MIGRATIONS: Final[dict[int, Callable[[str], list[str]]]] = {
    1: _v1,
    2: _v2,
    3: _v3,
    4: _v4,
    5: postgres_v5,
    6: postgres_rest_step,
    7: postgres_budget_step,
    8: postgres_words_step,
    9: postgres_private_step,
    10: postgres_partners_step,
    11: postgres_places_step,
    12: postgres_kept_step,
}
"""The statements that bring a schema to each version from the one before."""


def statements(schema: str, found: int) -> list[tuple[int, list[str]]]:
    """Return the steps, as (version, statements), that bring *found* to `SCHEMA_VERSION`."""
    return [(v, MIGRATIONS[v](schema)) for v in range(found + 1, SCHEMA_VERSION + 1)]
