"""The safety suite checks itself: workflows broken on purpose fail the rules they break.

Issue 16, case 6: a workflow in which the other partner can take back or erase what
one partner recorded passed every rule, and "finally" in a notice went unnoticed.
`keepsake` builds one small workflow, sound or broken in one way at a time.
"""

from __future__ import annotations

from typing import Any

import pytest

from conftest import invite_and_accept
from keepsake import OTHER, KeepsakeReminded, KeepsakeRemindedAnew, keepsakes
from repairkit import RepairKit
from repairkit.adapters import MemoryStorage
from repairkit.core import EITHER_PARTNER, Registry, RelationshipSettings, WorkflowSpec
from repairkit.notifiers import MemoryNotifier
from repairkit.requests import RequestRules
from repairkit.testing import SafetyContract
from repairkit.testing._safety_reach import free_repeats
from repairkit.testing.safety import blaming_words


def _check(rule: str, spec: WorkflowSpec[Any]) -> None:
    """Run one rule of the safety suite over *spec* alone, on memory."""

    class Suite(SafetyContract):
        workflows = Registry(spec)

    method = getattr(Suite(), rule)
    if rule == "test_every_notice_is_calm":  # one check over the whole registry
        method()
    else:
        method(spec=spec)


@pytest.mark.parametrize(
    "rule",
    [
        "test_a_record_belongs_to_its_author",
        "test_texts_are_calm_and_name_nobody",
        "test_every_notice_is_calm",
        "test_no_lock_in",
        "test_no_is_always_possible_and_counted_nowhere",
        "test_nothing_reaches_the_other_again_for_free",
    ],
)
def test_the_sound_keepsake_keeps_the_rules(rule):
    """The sound keepsake keeps the rules: each broken one below differs in one thing."""
    _check(rule, keepsakes())


def test_the_other_partner_taking_back_a_record_fails_the_contract():
    """A record that either partner can take back fails rule 3, from its table alone."""
    with pytest.raises(AssertionError, match="either partner may make it"):
        _check("test_a_record_belongs_to_its_author", keepsakes(withdrawn_by=EITHER_PARTNER))


def test_a_taking_back_for_the_other_partner_alone_fails_the_contract():
    """A record only the other partner can take back fails rule 3 once they do."""
    with pytest.raises(AssertionError, match="none of which they recorded"):
        _check("test_a_record_belongs_to_its_author", keepsakes(withdrawn_by=OTHER))


def test_an_undeclared_taking_back_fails_the_contract():
    """A move named like a taking back that declares nothing fails rule 3."""
    spec = keepsakes(withdrawn_by=EITHER_PARTNER, declared=None)
    with pytest.raises(AssertionError, match="reads as taking a record back"):
        _check("test_a_record_belongs_to_its_author", spec)


def test_the_other_partner_erasing_a_record_fails_the_contract():
    """A record the other partner can erase from its author's sight fails rule 3.

    The erasing move even declares that it takes back nothing: the suite sees what it does.
    """
    with pytest.raises(AssertionError, match=r"out of (ana|ben)'s sight"):
        _check("test_a_record_belongs_to_its_author", keepsakes(erase=True))


@pytest.mark.parametrize(
    "rule", ["test_texts_are_calm_and_name_nobody", "test_every_notice_is_calm"]
)
def test_finally_in_a_notice_fails_the_contract(rule):
    """A notice that says "finally" fails rule 8, along histories and in the registry."""
    spec = keepsakes(acknowledged="Your moment was finally acknowledged.")
    with pytest.raises(AssertionError, match="finally"):
        _check(rule, spec)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("It was finally answered.", ["finally"]),
        ("From now on this applies.", ["From now on"]),
        ("You should answer.", ["should"]),
        ("You need to answer; it needs to be today.", ["need to", "needs to"]),
        ("A need was named.", []),
    ],
)
def test_the_word_check_finds_absolutes_and_demands(text, found):
    """The absolutes "finally", "from now on" and the demands "should", "need to" are found."""
    assert blaming_words(text) == found


def test_agreed_settings_are_told_without_from_now_on():
    """The notice of agreed settings is calm: no "from now on" (issue 16, case 7)."""
    notifier = MemoryNotifier()
    kit = RepairKit(notifier=notifier)
    couple = invite_and_accept(kit, ("ana", "ben"), actor="ana")
    settings = RelationshipSettings(rules=[RequestRules(reask_wait_hours=12)])
    kit.relationships.propose_settings(couple.id, actor="ana", settings=settings)
    kit.relationships.agree_to_settings(couple.id, actor="ben")
    texts = [n.message for n in notifier.for_person("ana")]
    assert texts
    for text in texts:
        assert blaming_words(text) == [], text


def test_a_row_takes_back_only_moves_of_its_table():
    """`takes_back` names `CREATION` or moves of the table; anything else is refused."""
    import enum  # noqa: PLC0415 - only this test needs it

    from repairkit.core import CREATION, Move, Role, Workflow  # noqa: PLC0415

    class S(enum.StrEnum):
        OPEN = "open"
        GONE = "gone"

    author = Role("author", "the partner who wrote it")
    with pytest.raises(ValueError, match="takes back \\['note'\\]"):
        Workflow(
            "thing", S, S.OPEN, (Move("withdraw", (S.OPEN,), S.GONE, author, takes_back=("note",)),)
        )
    table = Workflow(
        "thing", S, S.OPEN, (Move("withdraw", (S.OPEN,), S.GONE, author, takes_back=(CREATION,)),)
    )
    assert (table.takes_back("withdraw"), table.takes_back("other")) == ((CREATION,), None)


@pytest.mark.parametrize(("remind", "free"), [(KeepsakeReminded, 2), (KeepsakeRemindedAnew, 0)])
def test_a_reminder_outside_the_budget_is_found_by_the_reach_rule(remind, free):
    """A move that can reach the other again and again, uncounted, is what rule 6 finds.

    Issue 16: every channel has a limit. A reminder that forgets it tells news
    (``TELLS_NEWS``) is never a new item, so the budget never sees it: its second and
    third reminder the same day are free repeats. The same reminder telling news is not.
    The random histories of the suite may or may not draw two reminders in a row; this
    script always does.
    """
    spec = keepsakes(remind=remind)
    notifier = MemoryNotifier()
    storage = MemoryStorage(workflows=Registry(spec))
    with RepairKit(storage=storage, notifier=notifier, workflows=storage.workflows) as kit:
        couple = invite_and_accept(kit, ("ana", "ben"), actor="ana")
        moments = kit.workflow(spec)
        kept = moments.keep(couple.id, actor="ana", text="The walk by the river.")
        for _ in range(3):
            moments.remind(kept.id, actor="ana")
        events = storage.relationship_events(couple.id)
        told = {(note.event_id, note.recipient) for note in notifier.received}
    found = free_repeats(events, told)
    assert [type(event) for event in found] == [remind] * free


def test_a_reminder_the_budget_counts_keeps_the_rules():
    """The same reminder, marked as telling news, is counted: the rules hold."""
    spec = keepsakes(remind=KeepsakeRemindedAnew)
    _check("test_nothing_reaches_the_other_again_for_free", spec)
    _check("test_the_pressure_budget_holds", spec)
