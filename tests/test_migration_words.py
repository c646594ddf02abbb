"""A store whose word keys were read the old way: look-alike characters kept the words apart.

SQLite schema 10 and PostgreSQL schema 8 (`repairkit.adapters._words_step`): a request's
``need`` key and a boundary's ``words`` key are rebuilt with `words` as it reads now
(compatibility forms folded, invisible characters left out), so a no said before the
upgrade still holds the same words back after it.
"""

from __future__ import annotations

import re
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

import repairkit
from conftest import invite_and_accept
from repairkit import ManualClock, NotAllowedNow, TimeBox
from repairkit.adapters._keys import digest

START = datetime(2026, 3, 2, 9, tzinfo=UTC)
DRESSED = "re\u200bst"
""""rest" with a zero-width space inside: one word to a person, two to the old reading."""


def _old_words(text: str) -> str:
    """`words` as schema 9 read it: case and punctuation only (a frozen copy)."""
    return " ".join(re.sub(r"[^\w\s]+", " ", text.casefold()).split())


def _rewound_to_9(path: Path) -> None:
    """Write the file back as schema 9 wrote it: the word keys in the old reading."""
    with sqlite3.connect(path) as db:  # every word key of this story is DRESSED's
        db.execute(
            "UPDATE object_keys SET value = ? WHERE key IN ('need', 'words')",
            (digest(_old_words(DRESSED)),),
        )
        db.execute("DELETE FROM schema_migrations WHERE version >= 10")
        db.execute("PRAGMA user_version = 9")


def _keys(path: Path) -> set[str]:
    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT value FROM object_keys WHERE key IN ('need', 'words')")
        return {value for (value,) in rows}


def test_a_no_said_to_dressed_up_words_before_the_upgrade_still_holds_after_it(tmp_path):
    """Noes to DRESSED before the upgrade: after it, "rest" waits (a request, a boundary)."""
    clock = ManualClock(START)
    path = tmp_path / "v9.db"

    def box() -> TimeBox:
        return TimeBox(starts_at=clock.now(), ends_at=clock.now() + timedelta(days=7))

    with repairkit.open(path, clock=clock) as kit:
        couple = invite_and_accept(kit, ("ana", "ben"), actor="ana")
        for _ in range(2):  # a no, and the one new request after it, also declined
            made = kit.requests.draft(
                couple.id, actor="ana", need=DRESSED, ask="a walk", time_box=box()
            )
            kit.requests.decline(kit.requests.propose(made.id, actor="ana").id, actor="ben")
        made = kit.boundaries.draft(couple.id, actor="ana", rule=DRESSED)
        kit.boundaries.decline(kit.boundaries.propose(made.id, actor="ana").id, actor="ben")
    _rewound_to_9(path)
    assert _keys(path) == {digest("re st")}  # what the old reading stored
    with repairkit.open(path, clock=clock) as kit:
        assert _keys(path) == {digest("rest")}
        request = kit.requests.draft(
            couple.id, actor="ana", need="rest", ask="a walk", time_box=box()
        )
        with pytest.raises(NotAllowedNow):
            kit.requests.propose(request.id, actor="ana")
        boundary = kit.boundaries.draft(couple.id, actor="ana", rule="rest")
        with pytest.raises(NotAllowedNow):
            kit.boundaries.propose(boundary.id, actor="ana")
