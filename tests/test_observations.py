"""Observations: one moment named without blame, shared, mirrored, answered, never counted."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from conftest import BOX, invite_and_accept
from repairkit import (
    InvalidInput,
    NotAllowedNow,
    NotFound,
    NotPermitted,
    RelationshipRules,
    RelationshipSettings,
)
from repairkit.adapters.codec import default_codec
from repairkit.language import check
from repairkit.observations import (
    FOR_CHECK_IN,
    ObservationNotice,
    ObservationRules,
    ObservationState,
)
from repairkit.requests import Request
from repairkit.testing.safety import blaming_words

_S = ObservationState
_CODEC = default_codec()
MOMENT = "On Tuesday evening, while I told you about my day, you looked at your phone."
EFFECT = "I went to bed early and slept badly; the next day I kept to myself."
FEELING = "sad and lonely"
MIRROR = "On Tuesday, when I looked at my phone, you felt alone and sad. Did I get it?"
EXPERIENCE = "I was worried about a message from work and did not notice how it landed."


def _draft(kit, couple, actor="ana", **changes):
    parts = {"moment": MOMENT, "effect": EFFECT, "feeling": FEELING, **changes}
    return kit.observations.draft(couple.id, actor=actor, **parts)


def _shared(kit, couple, actor="ana"):
    observation = _draft(kit, couple, actor=actor)
    return kit.observations.share(observation.id, actor=actor)


# -- writing it ---------------------------------------------------------------------------


def test_a_draft_is_its_writers_alone_until_shared(kit, couple, notifier, clock):
    """Ben and Eve cannot read Ana's draft, nor learn it exists; sharing tells Ben calmly."""
    draft = _draft(kit, couple, moment=f"  {MOMENT}  ")
    assert (draft.writer, draft.listener, draft.state) == ("ana", "ben", _S.DRAFTED)
    assert draft.moment == MOMENT  # stripped
    for person in ("ben", "eve"):
        with pytest.raises(NotFound):
            kit.observations.get(draft.id, actor=person)
    assert kit.observations.find(couple.id, actor="ben") == []
    clock.advance(timedelta(hours=5))
    kit.observations.revise(draft.id, actor="ana", feeling="sad")
    kit.observations.revise(draft.id, actor="ana", feeling=FEELING)
    assert notifier.received == []
    clock.advance(timedelta(days=1))
    shared = kit.observations.share(draft.id, actor="ana")
    seen = kit.observations.get(shared.id, actor="ben")
    assert (seen.version, seen.created_at) == (1, clock.now())  # drafting left no trace
    [told] = notifier.received
    assert (told.recipient, told.kind) == ("ben", ObservationNotice.SHARED)
    assert MOMENT not in told.message
    assert "ana" not in told.message
    assert blaming_words(told.message) == []


@pytest.mark.parametrize(
    ("field", "value"),
    [("moment", ""), ("moment", "   "), ("effect", None), ("feeling", 3), ("moment", "x" * 1001)],
)
def test_each_part_takes_a_few_words_and_refused_input_stores_nothing(kit, couple, field, value):
    """The moment, its effect and the feeling are each needed, as text within the limit."""
    with pytest.raises(InvalidInput, match=field):
        _draft(kit, couple, **{field: value})
    assert kit.observations.find(couple.id, actor="ana") == []


def test_the_text_limit_is_the_couples_rule(kit):
    """`ObservationRules.max_text_length` bounds each text; out-of-range rules are refused."""
    settings = RelationshipSettings(rules=[ObservationRules(max_text_length=40)])
    couple = invite_and_accept(kit, ("ana", "ben"), actor="ana", settings=settings)
    with pytest.raises(InvalidInput, match="40"):
        _draft(kit, couple)
    with pytest.raises(InvalidInput, match="max_rounds"):
        ObservationRules(max_rounds=0)
    with pytest.raises(InvalidInput, match="max_text_length"):
        ObservationRules(max_text_length=5)


def test_only_the_writer_revises_or_shares_and_an_outsider_cannot_write(kit, couple):
    """Ben cannot touch Ana's draft (he cannot see it); once shared, its words are Ana's."""
    draft = _draft(kit, couple)
    with pytest.raises(NotFound):
        kit.observations.revise(draft.id, actor="ben", moment="Something else.")
    with pytest.raises(NotFound):
        kit.observations.share(draft.id, actor="ben")
    with pytest.raises(NotFound):
        _draft(kit, couple, actor="eve")
    kit.observations.share(draft.id, actor="ana")
    with pytest.raises(NotAllowedNow):
        kit.observations.revise(draft.id, actor="ana", moment="Something else.")
    with pytest.raises(NotAllowedNow):
        kit.observations.revise(draft.id, actor="ben", moment="Something else.")
    assert kit.observations.get(draft.id, actor="ben").moment == MOMENT


# -- hearing it ---------------------------------------------------------------------------


def test_the_mirror_the_writer_confirms(kit, couple, notifier):
    """Ben reflects it back; Ana is asked "did I get it?" and says it got it."""
    observation = _shared(kit, couple)
    assert kit.observations.moves(observation.id, actor="ben") == (
        "mirror",
        "add_experience",
        "not_now",
        "table",
    )
    assert [o.id for o in kit.observations.awaiting(couple.id, actor="ben")] == [observation.id]
    with pytest.raises(NotPermitted):
        kit.observations.mirror(observation.id, actor="ana", words=MIRROR)
    mirrored = kit.observations.mirror(observation.id, actor="ben", words=MIRROR)
    assert (mirrored.state, mirrored.reflection, mirrored.rounds) == (_S.MIRRORED, MIRROR, 1)
    assert [o.id for o in kit.observations.awaiting(couple.id, actor="ana")] == [observation.id]
    with pytest.raises(NotPermitted):
        kit.observations.confirm(observation.id, actor="ben")
    heard = kit.observations.confirm(observation.id, actor="ana")
    assert heard.state is _S.HEARD
    assert kit.observations.awaiting(couple.id, actor="ana") == []
    kinds = [(n.recipient, n.kind) for n in notifier.received]
    assert kinds[1:] == [
        ("ana", ObservationNotice.REFLECTED),
        ("ben", ObservationNotice.MIRROR_CONFIRMED),
    ]
    assert all(MIRROR not in n.message for n in notifier.received)


def test_there_is_more_for_the_agreed_rounds_then_the_check_in(kit):
    """With two rounds: "more" brings a second reflection; after it, "more" tables it."""
    settings = RelationshipSettings(rules=[ObservationRules(max_rounds=2)])
    couple = invite_and_accept(kit, ("ana", "ben"), actor="ben", settings=settings)
    observation = _shared(kit, couple)
    kit.observations.mirror(observation.id, actor="ben", words=MIRROR)
    again = kit.observations.more(observation.id, actor="ana", words="  It was our anniversary. ")
    assert (again.state, again.additions) == (_S.SHARED, ("It was our anniversary.",))
    kit.observations.mirror(observation.id, actor="ben", words="And it was our anniversary.")
    last = kit.observations.more(observation.id, actor="ana")
    assert (last.state, last.rounds, last.additions) == (_S.TABLED, 2, ("It was our anniversary.",))
    assert last.state in FOR_CHECK_IN
    with pytest.raises(NotAllowedNow):
        kit.observations.mirror(observation.id, actor="ben", words=MIRROR)


def test_the_listener_adds_their_own_experience_once_next_to_the_writers(kit, couple, notifier):
    """Ben's experience stands beside Ana's words; a second one is refused and stores nothing."""
    observation = _shared(kit, couple)
    with pytest.raises(NotPermitted):
        kit.observations.add_experience(observation.id, actor="ana", words=EXPERIENCE)
    with pytest.raises(InvalidInput, match="words"):
        kit.observations.add_experience(observation.id, actor="ben", words="  ")
    both = kit.observations.add_experience(observation.id, actor="ben", words=EXPERIENCE)
    assert (both.moment, both.experience, both.state) == (MOMENT, EXPERIENCE, _S.SHARED)
    with pytest.raises(NotAllowedNow, match="as you wrote it"):
        kit.observations.add_experience(observation.id, actor="ben", words="Something else.")
    assert kit.observations.get(observation.id, actor="ana").experience == EXPERIENCE
    assert "add_experience" not in kit.observations.moves(observation.id, actor="ben")
    [*_, told] = notifier.received
    assert (told.recipient, told.kind) == ("ana", ObservationNotice.EXPERIENCE_ADDED)
    assert EXPERIENCE not in told.message


def test_not_now_is_neutral_and_goes_to_the_check_in(kit, couple, notifier):
    """Ben's "not now" puts it on the agenda, counts nothing, and only Ana may withdraw it."""
    observation = _shared(kit, couple)
    with pytest.raises(NotPermitted):
        kit.observations.not_now(observation.id, actor="ana")
    later = kit.observations.not_now(observation.id, actor="ben")
    assert later.state is _S.NOT_NOW
    assert later.state in FOR_CHECK_IN
    assert (later.rounds, later.reflection, later.experience) == (0, None, None)
    assert kit.observations.awaiting(couple.id, actor="ben") == []
    [*_, told] = notifier.received
    assert (told.recipient, told.kind) == ("ana", ObservationNotice.NOT_NOW)
    assert "check-in" in told.message
    assert blaming_words(told.message) == []
    assert kit.observations.moves(observation.id, actor="ben") == ()
    assert kit.observations.moves(observation.id, actor="ana") == ("withdraw",)


def test_either_partner_tables_it_and_the_writer_withdraws_it(kit, couple, notifier):
    """Tabling is open to both alike; withdrawing is the writer's, and Ben's words stay his."""
    for tabler in ("ana", "ben"):
        observation = _shared(kit, couple)
        assert kit.observations.table(observation.id, actor=tabler).state is _S.TABLED
    observation = _shared(kit, couple)
    kit.observations.add_experience(observation.id, actor="ben", words=EXPERIENCE)
    with pytest.raises(NotPermitted):
        kit.observations.withdraw(observation.id, actor="ben")
    gone = kit.observations.withdraw(observation.id, actor="ana")
    assert gone.state is _S.WITHDRAWN
    assert kit.observations.get(observation.id, actor="ben").experience == EXPERIENCE
    with pytest.raises(NotAllowedNow):
        kit.observations.table(observation.id, actor="ana")
    draft = _draft(kit, couple)
    before = len(notifier.received)
    kit.observations.withdraw(draft.id, actor="ana")  # a draft's end tells nobody
    assert len(notifier.received) == before


# -- where it leads -----------------------------------------------------------------------


def test_either_partner_turns_it_into_a_request_of_their_own(kit, couple):
    """Ben makes a request draft from Ana's observation: his alone until he proposes it."""
    observation = _shared(kit, couple)
    version = kit.observations.get(observation.id, actor="ana").version
    request = kit.observations.to_request(
        observation.id, actor="ben", need="to feel close in the evening", ask="phones away"
    )
    assert (request.asker, request.recipient, request.state.value) == ("ben", "ana", "drafted")
    assert (request.from_observation, request.observation) == (observation.id, MOMENT)
    assert kit.observations.requests(observation.id, actor="ana") == []  # his draft is his
    with pytest.raises(NotFound):
        kit.requests.get(request.id, actor="ana")
    assert kit.observations.get(observation.id, actor="ana").version == version  # unmoved
    kit.requests.revise(request.id, actor="ben", time_box=BOX)
    kit.requests.propose(request.id, actor="ben")
    [seen] = kit.observations.requests(observation.id, actor="ana")
    assert (seen.id, seen.from_observation) == (request.id, observation.id)
    mine = kit.observations.to_request(observation.id, actor="ana", need="rest", ask="a walk")
    assert [r.id for r in kit.observations.requests(observation.id, actor="ana")] == [
        request.id,
        mine.id,
    ]


def test_a_request_is_made_only_from_a_shared_observation(kit, couple):
    """From a draft or a withdrawn one it is refused, and nothing is stored."""
    draft = _draft(kit, couple)
    with pytest.raises(NotAllowedNow, match="once it is shared"):
        kit.observations.to_request(draft.id, actor="ana", need="rest", ask="a walk")
    with pytest.raises(NotFound):
        kit.observations.to_request(draft.id, actor="ben", need="rest", ask="a walk")
    kit.observations.share(draft.id, actor="ana")
    with pytest.raises(InvalidInput, match="need"):
        kit.observations.to_request(draft.id, actor="ben", need="", ask="a walk")
    with pytest.raises(InvalidInput, match="other_asks"):
        kit.observations.to_request(
            draft.id, actor="ben", need="rest", ask="a walk", other_asks="x"
        )
    kit.observations.withdraw(draft.id, actor="ana")
    with pytest.raises(NotAllowedNow):
        kit.observations.to_request(draft.id, actor="ben", need="rest", ask="a walk")
    for person in ("ana", "ben"):
        assert kit.requests.find(couple.id, actor=person) == []


def test_a_request_takes_the_moment_or_shorter_words_of_its_own(kit, couple):
    """A moment longer than a request's limit is refused there; shorter words fit."""
    long_moment = "On Tuesday at dinner " + "and then " * 60 + "your phone was out."
    observation = _draft(kit, couple, moment=long_moment)
    kit.observations.share(observation.id, actor="ana")
    with pytest.raises(InvalidInput, match="observation"):
        kit.observations.to_request(observation.id, actor="ana", need="rest", ask="a walk")
    short = kit.observations.to_request(
        observation.id, actor="ana", need="rest", ask="a walk", observation="Tuesday's dinner."
    )
    assert (short.observation, short.from_observation) == ("Tuesday's dinner.", observation.id)
    none = kit.observations.to_request(
        observation.id, actor="ana", need="rest", ask="a walk", observation=None
    )
    assert (none.observation, none.from_observation) == (None, observation.id)


def test_nothing_is_counted_and_the_language_check_is_never_stored(kit, couple):
    """An observation makes no crossing, and its stored form holds no finding of the check."""
    blaming = "You always ignore me when I talk."
    assert check(blaming)  # the check flags it: advice for the writer only
    observation = kit.observations.draft(
        couple.id, actor="ana", moment=blaming, effect=EFFECT, feeling=FEELING
    )
    kit.observations.share(observation.id, actor="ana")  # never a gate
    kit.observations.not_now(observation.id, actor="ben")
    for person in ("ana", "ben"):
        assert kit.crossings.find(couple.id, actor=person) == []
    stored = json.loads(_CODEC.dump_entity(kit.observations.get(observation.id, actor="ana")))
    assert "finding" not in json.dumps(stored).lower()
    assert not any("check" in key for key in stored)


def test_leaving_closes_an_observation_for_both(kit, couple):
    """When Ben leaves, Ana's shared observation and her draft close, neutrally."""
    shared = _shared(kit, couple)
    draft = _draft(kit, couple)
    kit.relationships.leave(couple.id, actor="ben")
    for observation in (shared, draft):
        assert kit.observations.get(observation.id, actor="ana").state is _S.CLOSED_BY_LEAVING
    with pytest.raises(NotFound):
        kit.observations.get(draft.id, actor="ben")


def test_a_request_row_written_before_observations_reads_as_made_from_none(kit, couple):
    """A stored request without the field (written by an earlier version) loads with None."""
    request = kit.requests.draft(couple.id, actor="ana", need="rest", ask="a walk")
    body = json.loads(_CODEC.dump_entity(request))
    assert body.pop("from_observation") is None
    assert _CODEC.load_entity(Request, json.dumps(body)).from_observation is None


def test_sharing_counts_in_the_pressure_budget_and_not_now_never_does(kit):
    """The budget counts what reaches the other: the third share of a day waits; answers pass."""
    settings = RelationshipSettings(rules=[RelationshipRules(daily_items=2)])
    couple = invite_and_accept(kit, ("ana", "ben"), actor="ana", settings=settings)
    first, second, third = (_draft(kit, couple) for _ in range(3))
    for observation in (first, second):
        kit.observations.share(observation.id, actor="ana")
    with pytest.raises(NotAllowedNow) as refused:
        kit.observations.share(third.id, actor="ana")
    assert refused.value.possible_from is not None
    assert kit.observations.get(third.id, actor="ana").state is _S.DRAFTED  # nothing stored
    for observation in (first, second):  # Ben's answers are never refused, never counted
        kit.observations.not_now(observation.id, actor="ben")
    mine = _shared(kit, couple, actor="ben")
    assert mine.state is _S.SHARED
