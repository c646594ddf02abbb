"""A third person in the check-ins: invited by both, removed by either, reading what both share."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import attrs
import pytest

from repairkit import InvalidInput, NotAllowedNow, NotFound, NotPermitted, RelationshipSettings
from repairkit.core import FacilitatorShare, Registry
from repairkit.errors import RegistryError
from repairkit.facilitators import FacilitatorRules, FacilitatorState
from repairkit.registry import WORKFLOWS

_S = FacilitatorState
TESS = "tess"
"""The third person: a couples therapist."""
APPROACH = "couples therapist, Gottman method"
BOTH = ("agenda", "revealed entries")
SESSION = datetime(2026, 3, 4, 19, 0, tzinfo=UTC)
"""The first check-in of the schedule agreed on Monday 2 March: Wednesday at 19:00 (UTC)."""


def _proposed(kit, couple, *, categories=BOTH, actor="ana"):
    return kit.facilitators.propose(
        couple.id, actor=actor, person=TESS, approach=APPROACH, categories=categories
    )


def _invited(kit, couple, *, ana=BOTH, ben=BOTH):
    proposed = _proposed(kit, couple, categories=ana)
    return kit.facilitators.agree(proposed.id, actor="ben", categories=ben)


def _topic(kit, couple, words="How we spend Sunday mornings."):
    return kit.agenda.add_topic(couple.id, actor="ana", words=words)


# -- inviting needs both; either ends it alone -------------------------------------------


def test_the_third_person_takes_part_only_once_both_agree(kit, couple, notifier):
    """Proposed by one partner, Tess reads nothing until the other agrees."""
    _topic(kit, couple)
    proposed = _proposed(kit, couple)
    assert proposed.state is _S.PROPOSED
    assert proposed.scope == ()
    with pytest.raises(NotFound):  # not yet theirs to see, as for a stranger
        kit.facilitators.get(proposed.id, actor=TESS)
    with pytest.raises(NotFound):
        kit.facilitators.shared(proposed.id, actor=TESS, category="agenda")
    with pytest.raises(NotPermitted):  # the proposer cannot agree for the other
        kit.facilitators.agree(proposed.id, actor="ana", categories=BOTH)
    invited = kit.facilitators.agree(proposed.id, actor="ben", categories=["agenda"])
    assert invited.state is _S.INVITED
    assert invited.scope == ("agenda",)
    assert [
        i.about for i in kit.facilitators.shared(invited.id, actor=TESS, category="agenda")
    ] == ["How we spend Sunday mornings."]
    told = {(n.recipient, n.kind.value) for n in notifier.received if n.subject_id == invited.id}
    assert (TESS, "third person: your part") in told
    assert ("ana", "third person: invited") in told


def test_a_no_is_neutral_and_tess_never_takes_part(kit, couple, notifier):
    """Ben declines: closed, Tess never told nor able to read; Ana may propose again."""
    proposed = _proposed(kit, couple)
    declined = kit.facilitators.decline(proposed.id, actor="ben")
    assert declined.state is _S.DECLINED
    assert TESS not in {n.recipient for n in notifier.received}
    with pytest.raises(NotFound):
        kit.facilitators.get(proposed.id, actor=TESS)
    assert _proposed(kit, couple).state is _S.PROPOSED


def test_one_third_person_at_a_time(kit, couple):
    """A second proposal while one is proposed or taking part is refused, saying why."""
    _proposed(kit, couple)
    with pytest.raises(NotAllowedNow, match="one at a time"):
        kit.facilitators.propose(couple.id, actor="ben", person="sam", approach=APPROACH)


@pytest.mark.parametrize("remover", ["ana", "ben"])
def test_either_partner_removes_tess_alone_and_her_next_read_is_refused(
    kit, couple, notifier, remover
):
    """Removed by one partner, at once: Tess's very next read is refused, as for a stranger."""
    _topic(kit, couple)
    invited = _invited(kit, couple)
    assert kit.facilitators.shared(invited.id, actor=TESS, category="agenda")
    removed = kit.facilitators.remove(invited.id, actor=remover)
    assert removed.state is _S.REMOVED
    with pytest.raises(NotFound):
        kit.facilitators.shared(invited.id, actor=TESS, category="agenda")
    with pytest.raises(NotFound):
        kit.facilitators.get(invited.id, actor=TESS)
    last = [n for n in notifier.received if n.recipient == TESS][-1]
    assert "ana" not in last.message
    assert "ben" not in last.message
    assert "ended" in last.message


# -- consent, read at each call -----------------------------------------------------------


def test_narrowing_ones_consent_applies_at_once(kit, couple):
    """Ben takes the agenda out of his consent: Tess's very next read of it is refused."""
    _topic(kit, couple)
    invited = _invited(kit, couple)
    assert kit.facilitators.shared(invited.id, actor=TESS, category="agenda")
    narrowed = kit.facilitators.consent(invited.id, actor="ben", categories=["revealed entries"])
    assert narrowed.scope == ("revealed entries",)
    with pytest.raises(NotAllowedNow, match="both partners consent"):
        kit.facilitators.shared(invited.id, actor=TESS, category="agenda")
    assert kit.facilitators.shared(invited.id, actor=TESS, category="revealed entries") == []


def test_one_partner_alone_never_widens_the_scope(kit, couple):
    """Ana consents to everything; the scope stays what Ben consents to as well."""
    invited = _invited(kit, couple, ana=["agenda"], ben=["agenda"])
    widened = kit.facilitators.consent(invited.id, actor="ana", categories=BOTH)
    assert widened.consent_of("ana") == BOTH
    assert widened.scope == ("agenda",)
    with pytest.raises(NotAllowedNow):
        kit.facilitators.shared(invited.id, actor=TESS, category="revealed entries")
    both = kit.facilitators.consent(invited.id, actor="ben", categories=BOTH)
    assert both.scope == BOTH


def test_tess_never_sees_who_chose_what(kit, couple):
    """Tess reads the scope in place of each partner's consent, no proposer, no partner's move."""
    invited = _invited(kit, couple, ana=BOTH, ben=["agenda"])
    seen = kit.facilitators.get(invited.id, actor=TESS)
    assert seen.consent == (("agenda",), ("agenda",))
    assert seen.proposer is None
    assert kit.facilitators.events(invited.id, actor=TESS) == []
    partner_view = kit.facilitators.get(invited.id, actor="ben")
    assert partner_view.consent_of("ana") == BOTH
    assert partner_view.proposer == "ana"


def test_unknown_categories_and_people_are_refused(kit, couple):
    """A category the kit does not know, or a partner as the third person, is InvalidInput."""
    with pytest.raises(InvalidInput, match="categories"):
        _proposed(kit, couple, categories=["diary"])
    with pytest.raises(InvalidInput, match="person"):
        kit.facilitators.propose(couple.id, actor="ana", person="ben", approach=APPROACH)
    invited = _invited(kit, couple)
    with pytest.raises(InvalidInput, match="category"):
        kit.facilitators.shared(invited.id, actor=TESS, category="diary")


# -- private stays private ----------------------------------------------------------------


def _schedule(kit, couple):
    schedule = kit.checkins.propose(couple.id, actor="ana", weekday=2, start=time(19, 0))
    return kit.checkins.agree(schedule.id, actor="ben")


def test_tess_never_sees_a_private_entry_nor_anything_before_the_reveal(kit, couple, clock):
    """Ana writes an entry to share and one kept private: Tess reads the first, once revealed."""
    schedule = _schedule(kit, couple)
    invited = _invited(kit, couple)
    shared_words = "You made dinner on Thursday when I was tired."
    private_words = "I am unsure about the holidays."
    kit.preparations.write(
        couple.id, actor="ana", schedule_id=schedule.id, kind="appreciation", words=shared_words
    )
    kit.preparations.write(
        couple.id,
        actor="ana",
        schedule_id=schedule.id,
        kind="issue",
        words=private_words,
        share=False,
    )
    assert kit.facilitators.shared(invited.id, actor=TESS, category="revealed entries") == []
    clock.advance(SESSION - clock.now() + timedelta(minutes=1))
    kit.timers.run_due()
    read = kit.facilitators.shared(invited.id, actor=TESS, category="revealed entries")
    assert [(e.kind, e.words) for e in read] == [("appreciation", shared_words)]
    assert not hasattr(read[0], "author")


def test_tess_reads_what_was_said_in_the_open_session_never_who_said_it(kit, couple):
    """With "sessions" shared by both, Tess reads the open session's texts without authors."""
    schedule = _schedule(kit, couple)
    invited = _invited(kit, couple, ana=["sessions"], ben=["sessions", "agenda"])
    assert kit.facilitators.shared(invited.id, actor=TESS, category="sessions") == []
    session = kit.sessions.open(couple.id, actor="ben", schedule_id=schedule.id)
    kit.sessions.appreciate(session.id, actor="ben", words="Thank you for Sunday.")
    kit.sessions.appreciate(session.id, actor="ana", words="Thank you for listening.")
    read = kit.facilitators.shared(invited.id, actor=TESS, category="sessions")
    assert [(s.part, s.words) for s in read] == [
        ("appreciation", "Thank you for Sunday."),
        ("appreciation", "Thank you for listening."),
    ]
    assert not hasattr(read[0], "author")
    kit.sessions.end(session.id, actor="ana")
    assert kit.facilitators.shared(invited.id, actor=TESS, category="sessions") == []


# -- the third person's part ---------------------------------------------------------------


def test_tess_cannot_make_a_partners_move(kit, couple):
    """Invited, Tess writes her own entries; every partner's move is refused to her."""
    proposed = _proposed(kit, couple)
    with pytest.raises(NotFound):
        kit.facilitators.agree(proposed.id, actor=TESS, categories=BOTH)
    invited = kit.facilitators.agree(proposed.id, actor="ben", categories=BOTH)
    assert set(kit.facilitators.moves(invited.id, actor=TESS)) == {
        "reflect",
        "suggest",
        "step_down",
    }
    with pytest.raises(NotPermitted):
        kit.facilitators.remove(invited.id, actor=TESS)
    with pytest.raises(NotPermitted):
        kit.facilitators.consent(invited.id, actor=TESS, categories=BOTH)
    with pytest.raises(NotPermitted):
        kit.facilitators.reflect(invited.id, actor="ana", words="I hear you.")
    with pytest.raises(NotFound):
        kit.agenda.add_topic(couple.id, actor=TESS, words="A topic of hers.")


def test_entries_reach_both_in_calm_words_that_never_quote_them(kit, couple, notifier):
    """A reflection and a suggestion are read by both; each partner is told, never quoted."""
    invited = _invited(kit, couple)
    words = "What I heard: both of you want Sunday mornings to be slow."
    kit.facilitators.reflect(invited.id, actor=TESS, words=words)
    after = kit.facilitators.suggest(invited.id, actor=TESS, words="Try a walk first.")
    assert [(e.kind, e.words) for e in after.entries] == [
        ("reflection", words),
        ("suggestion", "Try a walk first."),
    ]
    for partner in ("ana", "ben"):
        got = [n for n in notifier.received if n.recipient == partner and n.subject_id == after.id]
        assert [n.kind.value for n in got][-2:] == [
            "third person: reflection",
            "third person: suggestion",
        ]
        assert all(words not in n.message for n in got)
    kept = kit.facilitators.remove_entry(after.id, actor=TESS, entry=1)
    assert [e.number for e in kept.entries] == [2]


def test_entries_are_bounded_kept_and_per_day(kit, couple, clock):
    """Past the day's entries, and past the entries kept, Tess is refused, told why."""
    settings = RelationshipSettings(rules=[FacilitatorRules(max_entries=3, daily_entries=2)])
    kit.relationships.propose_settings(couple.id, actor="ana", settings=settings)
    kit.relationships.agree_to_settings(couple.id, actor="ben")
    invited = _invited(kit, couple)
    for n in range(2):
        kit.facilitators.reflect(invited.id, actor=TESS, words=f"Reflection {n}.")
    with pytest.raises(NotAllowedNow, match="a day") as day_full:
        kit.facilitators.suggest(invited.id, actor=TESS, words="One more.")
    assert day_full.value.possible_from is not None
    assert "suggest" not in kit.facilitators.moves(invited.id, actor=TESS)
    clock.advance(timedelta(days=1))
    kit.facilitators.suggest(invited.id, actor=TESS, words="Next day.")
    with pytest.raises(NotAllowedNow, match="taking one out"):
        kit.facilitators.reflect(invited.id, actor=TESS, words="Fourth.")
    kit.facilitators.remove_entry(invited.id, actor=TESS, entry=1)
    assert len(kit.facilitators.reflect(invited.id, actor=TESS, words="Fourth.").entries) == 3


def test_tess_may_step_down(kit, couple, notifier):
    """Tess ends her own part: both partners hear it; she reads nothing more."""
    invited = _invited(kit, couple)
    ended = kit.facilitators.step_down(invited.id, actor=TESS)
    assert ended.state is _S.ENDED
    with pytest.raises(NotFound):
        kit.facilitators.shared(invited.id, actor=TESS, category="agenda")
    told = [n.recipient for n in notifier.received if n.kind.value == "third person: part ended"]
    assert sorted(told) == ["ana", "ben"]


def test_leaving_closes_it_for_everyone(kit, couple, notifier):
    """Ben leaves: closed for all; Tess hears only that her part ended, and reads nothing."""
    invited = _invited(kit, couple)
    kit.relationships.leave(couple.id, actor="ben")
    closed = kit.facilitators.get(invited.id, actor="ana")
    assert closed.state is _S.CLOSED_BY_LEAVING
    with pytest.raises(NotFound):
        kit.facilitators.shared(invited.id, actor=TESS, category="agenda")
    last = [n for n in notifier.received if n.recipient == TESS][-1]
    assert last.kind.value == "third person: your part"
    assert "ended" in last.message


# -- the categories come from the registry -------------------------------------------------


def test_categories_come_from_the_registry_and_are_unique(kit):
    """The agenda and revealed entries declare theirs; a category named twice is refused."""
    assert list(kit.facilitators.categories()) == [
        "sessions",
        "agenda",
        "revealed entries",
        "shared log entries",
        "therapy plan",
        "progress",
        "assignments",
    ]
    agenda, preparations = (WORKFLOWS.by_name[name] for name in ("agenda", "preparation"))
    twin = FacilitatorShare(category="agenda", description="The same name.", read=lambda *_: [])
    with pytest.raises(RegistryError, match="category"):
        Registry(agenda, attrs.evolve(preparations, shared_with_facilitator=twin))
    assert list(Registry(preparations).shared_with_facilitator) == ["revealed entries"]
