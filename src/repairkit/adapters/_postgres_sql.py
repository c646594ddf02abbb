"""The SQL of `PostgresStorage`'s commands, for one schema.

The queries (`repairkit.ports.Storage.load_keyed` and the others) are in
``_postgres_queries``.
"""

from __future__ import annotations

__all__ = ["command_statements"]


def command_statements(s: str) -> dict[str, str]:
    """The SQL of every operation, for the schema *s* (a checked identifier)."""
    return {
        "load": f"SELECT version, body FROM {s}.objects WHERE id = %s AND kind = %s",
        "load_all": f"SELECT id, body FROM {s}.objects WHERE relationship_id = %s AND kind = %s ORDER BY seq",
        "partnered": f"SELECT o.id, o.body FROM {s}.object_keys AS k JOIN {s}.objects AS o ON o.id = k.object_id WHERE k.kind = %s AND k.key = 'partner' AND k.value = %s ORDER BY o.seq",
        "load_all_states": f"SELECT id, body FROM {s}.objects WHERE relationship_id = %s AND kind = %s AND state = ANY(%s) ORDER BY seq",
        "insert": f"INSERT INTO {s}.objects (id, kind, relationship_id, version, state, due_at, body) VALUES (%s, %s, %s, %s, %s, %s, %s) ON CONFLICT (id) DO NOTHING",
        "relist": f"UPDATE {s}.objects SET seq = DEFAULT WHERE id = %s",
        "update": f"UPDATE {s}.objects SET version = %s, state = %s, due_at = %s, body = %s, claimed_until = NULL WHERE id = %s AND kind = %s AND version = %s",
        "lock_sender": "SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))",
        "insert_event": f"INSERT INTO {s}.events (id, subject_id, relationship_id, body, actor, occurred_at, tag, new_item, private_to) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
        "insert_note": f"INSERT INTO {s}.outbox (id, body) VALUES (%s, %s) ON CONFLICT (id) DO NOTHING",
        "events": f"SELECT id, body FROM {s}.events WHERE subject_id = %s ORDER BY seq",
        "edge_events": (
            f"(SELECT id, body, seq FROM {s}.events WHERE subject_id = %s AND private_to IS NULL"
            " ORDER BY seq LIMIT 1)"
            f" UNION (SELECT id, body, seq FROM {s}.events WHERE subject_id = %s AND private_to IS NULL"
            " ORDER BY seq DESC LIMIT %s) ORDER BY seq"
        ),
        "relationship_events": f"SELECT id, body FROM {s}.events WHERE relationship_id = %s ORDER BY seq",
        "next_due": f"SELECT min(due_at) FROM {s}.objects WHERE due_at IS NOT NULL",
        "due": f"SELECT id, kind, body, due_at FROM {s}.objects WHERE due_at IS NOT NULL AND due_at <= %s ORDER BY due_at, seq LIMIT %s",
        "claim_due": (
            f"UPDATE {s}.objects SET claimed_until = %(until)s WHERE id IN ("
            f" SELECT id FROM {s}.objects WHERE due_at IS NOT NULL AND due_at <= %(now)s"
            " AND (claimed_until IS NULL OR claimed_until <= %(now)s)"
            " ORDER BY due_at, seq LIMIT %(limit)s FOR UPDATE SKIP LOCKED)"
            " RETURNING id, kind, body, due_at, seq"
        ),
        "pending": f"SELECT seq, id, body FROM {s}.outbox WHERE delivered_at IS NULL AND parked_at IS NULL ORDER BY seq LIMIT %s",
        "claim_pending": (
            f"UPDATE {s}.outbox SET claimed_until = %(until)s WHERE id IN ("
            f" SELECT id FROM {s}.outbox WHERE delivered_at IS NULL AND parked_at IS NULL"
            " AND (next_attempt_at IS NULL OR next_attempt_at <= %(now)s)"
            " AND (claimed_until IS NULL OR claimed_until <= %(now)s)"
            " ORDER BY seq LIMIT %(limit)s FOR UPDATE SKIP LOCKED)"
            " RETURNING seq, id, body"
        ),
        "parked": f"SELECT id, body FROM {s}.outbox WHERE delivered_at IS NULL AND parked_at IS NOT NULL ORDER BY seq LIMIT %s",
        "release": f"UPDATE {s}.outbox SET claimed_until = NULL WHERE id = %s",
        "discard": f"DELETE FROM {s}.outbox WHERE id = %s AND delivered_at IS NULL",
        "delivered": f"UPDATE {s}.outbox SET delivered_at = %s, claimed_until = NULL WHERE id = %s AND delivered_at IS NULL",
        "attempts": f"SELECT attempts FROM {s}.outbox WHERE id = %s AND delivered_at IS NULL AND parked_at IS NULL FOR UPDATE",
        "failed": f"UPDATE {s}.outbox SET attempts = %s, next_attempt_at = %s, parked_at = %s, claimed_until = NULL WHERE id = %s",
        "requeue": f"UPDATE {s}.outbox SET attempts = 0, next_attempt_at = NULL, parked_at = NULL, claimed_until = NULL WHERE id = %s AND delivered_at IS NULL AND parked_at IS NOT NULL",
    }  # fmt: skip
