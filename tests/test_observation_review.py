"""An outside review of observations: a new app developer's path, then a hostile partner's."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

import repairkit
from conftest import START, StorageFactory, invite_and_accept
from repairkit import (
    ManualClock,
    MemoryNotifier,
    NotAllowedNow,
    NotFound,
    NotPermitted,
    RelationshipRules,
    RelationshipSettings,
    RepairKit,
)
from repairkit.adapters import MemoryStorage, SQLiteStorage
from repairkit.errors import RepairkitError
from repairkit.observations import FOR_CHECK_IN, ObservationState
from repairkit.ports import Storage

_S = ObservationState
MOMENT = "On Sunday at lunch, while I talked about my mother, you read the news."
EFFECT = "I stopped talking and spent the afternoon alone."
FEELING = "small and unheard"
MIRROR = "At lunch on Sunday I read the news while you spoke, and you felt unheard."
EXPERIENCE = "I had slept badly and did not notice I had stopped listening."


@pytest.fixture(params=["memory", "sqlite"])
def storage_factory(request: pytest.FixtureRequest, tmp_path: Path) -> StorageFactory:
    """Memory and SQLite only: the two storages this review compares."""
    counter = iter(range(1_000_000))

    def make() -> Storage:
        if request.param == "memory":
            return MemoryStorage()
        return SQLiteStorage(tmp_path / f"review-{next(counter)}.db")

    return make


def _shared(kit: RepairKit, couple: repairkit.Relationship) -> repairkit.observations.Observation:
    drafted = kit.observations.draft(
        couple.id, actor="ana", moment=MOMENT, effect=EFFECT, feeling=FEELING
    )
    return kit.observations.share(drafted.id, actor="ana")


# -- pass 1: a new app developer, on SQLite through repairkit.open -------------------------


def test_the_whole_path_on_sqlite_through_open(tmp_path, clock, notifier):
    """draft, share, mirror, more, mirror, confirm, experience, request: and reopened alike."""
    path = tmp_path / "couple.db"
    with repairkit.open(path, clock=clock, notifier=notifier) as kit:
        couple = invite_and_accept(kit, ("ana", "ben"), actor="ana")
        observation = _shared(kit, couple)
        kit.observations.mirror(observation.id, actor="ben", words=MIRROR)
        kit.observations.more(observation.id, actor="ana", words="It was my mother's birthday.")
        kit.observations.mirror(observation.id, actor="ben", words=MIRROR + " Her birthday.")
        heard = kit.observations.confirm(observation.id, actor="ana")
        assert heard.state is _S.HEARD
        both = kit.observations.add_experience(observation.id, actor="ben", words=EXPERIENCE)
        assert (both.moment, both.experience) == (MOMENT, EXPERIENCE)
        request = kit.observations.to_request(
            observation.id, actor="ben", need="to be present at meals", ask="no news at lunch"
        )
        assert request.from_observation == observation.id
        assert [r.id for r in kit.observations.requests(observation.id, actor="ben")] == [
            request.id
        ]
        assert kit.observations.requests(observation.id, actor="ana") == []
    with repairkit.open(path, clock=clock, notifier=notifier) as kit:
        again = kit.observations.get(observation.id, actor="ana")
        assert (again.state, again.experience, again.additions) == (
            _S.HEARD,
            EXPERIENCE,
            ("It was my mother's birthday.",),
        )


def test_not_now_table_and_withdraw_as_documented(kit, couple):
    """not_now and table put it on the check-in agenda; withdraw ends it and keeps Ben's words."""
    first = _shared(kit, couple)
    assert kit.observations.not_now(first.id, actor="ben").state in FOR_CHECK_IN
    second = _shared(kit, couple)
    kit.observations.add_experience(second.id, actor="ben", words=EXPERIENCE)
    assert kit.observations.table(second.id, actor="ben").state in FOR_CHECK_IN
    gone = kit.observations.withdraw(second.id, actor="ana")
    assert gone.state is _S.WITHDRAWN
    assert kit.observations.get(second.id, actor="ben").experience == EXPERIENCE


# -- pass 2: a hostile partner ----------------------------------------------------------


def test_a_flood_of_observations_is_bounded_by_the_pressure_budget(kit, notifier):
    """Sharing is a new item: past the daily budget it is refused, stores nothing, tells nobody."""
    settings = RelationshipSettings(rules=[RelationshipRules(daily_items=3)])
    couple = invite_and_accept(kit, ("ana", "ben"), actor="ana", settings=settings)
    notifier.received.clear()
    drafts = [
        kit.observations.draft(couple.id, actor="ana", moment=MOMENT, effect=EFFECT, feeling=f)
        for f in ("sad", "tired", "alone", "small", "cold")
    ]
    shared = 0
    for drafted in drafts:
        try:
            kit.observations.share(drafted.id, actor="ana")
            shared += 1
        except NotAllowedNow:
            assert kit.observations.get(drafted.id, actor="ana").state is _S.DRAFTED
    assert shared <= 3
    assert len([n for n in notifier.received if n.recipient == "ben"]) == shared
    assert len(kit.observations.find(couple.id, actor="ben")) == shared


def test_mirror_and_more_cycles_end_at_the_rounds_and_tell_each_side_a_bounded_amount(
    kit, couple, notifier
):
    """However hard Ana says "more", the rounds end it at the check-in; each round is one notice."""
    observation = _shared(kit, couple)
    notifier.received.clear()
    for _ in range(3):
        kit.observations.mirror(observation.id, actor="ben", words=MIRROR)
        kit.observations.more(observation.id, actor="ana")
    assert kit.observations.get(observation.id, actor="ana").state in FOR_CHECK_IN
    with pytest.raises(RepairkitError):
        kit.observations.mirror(observation.id, actor="ben", words=MIRROR)
    assert len(notifier.received) == 6


def test_a_move_of_the_other_role_is_not_permitted_in_a_state_that_has_it(kit, couple):
    """As docs/observations.md says: the state is read first, then the role."""
    observation = _shared(kit, couple)
    with pytest.raises(NotPermitted):
        kit.observations.mirror(observation.id, actor="ana", words=MIRROR)
    with pytest.raises(NotAllowedNow):
        kit.observations.confirm(observation.id, actor="ben")
    kit.observations.mirror(observation.id, actor="ben", words=MIRROR)
    with pytest.raises(NotPermitted):
        kit.observations.confirm(observation.id, actor="ben")
    assert kit.observations.get(observation.id, actor="ana").state is _S.MIRRORED


def test_the_writer_cannot_touch_the_listeners_words(kit, couple):
    """Ana cannot mirror, add an experience, or revise once shared; Ben's words stay his."""
    observation = _shared(kit, couple)
    kit.observations.mirror(observation.id, actor="ben", words=MIRROR)
    kit.observations.add_experience(observation.id, actor="ben", words=EXPERIENCE)
    with pytest.raises(NotPermitted):
        kit.observations.add_experience(observation.id, actor="ana", words="He was just rude.")
    with pytest.raises(RepairkitError):  # NotAllowedNow here: it waits for her answer
        kit.observations.mirror(observation.id, actor="ana", words="He was just rude here.")
    with pytest.raises(RepairkitError):
        kit.observations.revise(observation.id, actor="ana", moment="Something else entirely.")
    with pytest.raises(NotAllowedNow):
        kit.observations.add_experience(observation.id, actor="ben", words="A second one here.")
    seen = kit.observations.get(observation.id, actor="ben")
    assert (seen.moment, seen.reflection, seen.experience) == (MOMENT, MIRROR, EXPERIENCE)


def test_nothing_is_counted_not_even_not_now(kit, couple):
    """Many observations and many "not now"s leave no crossing behind."""
    for _ in range(3):
        observation = _shared(kit, couple)
        kit.observations.not_now(observation.id, actor="ben")
    assert kit.crossings.find(couple.id, actor="ana") == []
    assert kit.crossings.find(couple.id, actor="ben") == []


def test_the_listener_learns_nothing_of_the_draft(kit, couple, clock, notifier):
    """No find, no get, no notice, no version or time from the days it was a draft."""
    notifier.received.clear()
    drafted = kit.observations.draft(
        couple.id, actor="ana", moment=MOMENT, effect=EFFECT, feeling=FEELING
    )
    with pytest.raises(NotFound) as draft_refusal:
        kit.observations.get(drafted.id, actor="ben")
    with pytest.raises(NotFound) as missing_refusal:
        kit.observations.get(couple.id, actor="ben")
    assert str(draft_refusal.value).replace(str(drafted.id), "X") == str(
        missing_refusal.value
    ).replace(str(couple.id), "X")
    with pytest.raises(NotFound):
        kit.observations.requests(drafted.id, actor="ben")
    with pytest.raises(NotFound):  # not NotAllowedNow: that would say a draft is there
        kit.observations.to_request(drafted.id, actor="ben", need="to know", ask="tell me")
    for move in ("not_now", "table", "withdraw"):
        with pytest.raises(NotFound):
            getattr(kit.observations, move)(drafted.id, actor="ben")
    taken_back = kit.observations.draft(
        couple.id, actor="ana", moment=MOMENT, effect=EFFECT, feeling=FEELING
    )
    kit.observations.withdraw(taken_back.id, actor="ana")  # a draft withdrawn tells nobody
    with pytest.raises(NotFound):
        kit.observations.get(taken_back.id, actor="ben")
    for hours in (3, 7, 30):
        clock.advance(timedelta(hours=hours))
        kit.observations.revise(drafted.id, actor="ana", feeling=f"{FEELING} {hours}")
    assert notifier.received == []
    assert kit.observations.find(couple.id, actor="ben") == []
    clock.advance(timedelta(hours=1))
    kit.observations.share(drafted.id, actor="ana")
    seen = kit.observations.get(drafted.id, actor="ben")
    assert (seen.version, seen.created_at) == (1, clock.now())
    assert seen.changed_at in (None, clock.now())


def test_the_listener_can_always_step_away(kit, couple):
    """After a share, and after each reflection, Ben can table it; after a share, say not now."""
    observation = _shared(kit, couple)
    kit.observations.mirror(observation.id, actor="ben", words=MIRROR)
    assert kit.observations.table(observation.id, actor="ben").state in FOR_CHECK_IN
    another = _shared(kit, couple)
    kit.observations.mirror(another.id, actor="ben", words=MIRROR)
    kit.observations.confirm(another.id, actor="ana")
    assert kit.observations.table(another.id, actor="ben").state in FOR_CHECK_IN
    third = _shared(kit, couple)
    assert kit.observations.not_now(third.id, actor="ben").state in FOR_CHECK_IN
    kit.relationships.leave(couple.id, actor="ben")
    assert kit.observations.get(third.id, actor="ana").state is _S.CLOSED_BY_LEAVING


def test_no_notice_quotes_a_text(kit, couple, notifier):
    """Every notice of the whole path leaves out every word either partner wrote."""
    notifier.received.clear()
    observation = _shared(kit, couple)
    kit.observations.mirror(observation.id, actor="ben", words=MIRROR)
    kit.observations.more(observation.id, actor="ana", words="It was my mother's birthday.")
    kit.observations.mirror(observation.id, actor="ben", words=MIRROR)
    kit.observations.confirm(observation.id, actor="ana")
    kit.observations.add_experience(observation.id, actor="ben", words=EXPERIENCE)
    kit.observations.table(observation.id, actor="ben")
    kit.observations.withdraw(observation.id, actor="ana")
    assert len(notifier.received) >= 6
    texts = (MOMENT, EFFECT, FEELING, MIRROR, EXPERIENCE, "mother", "birthday", "news")
    for notification in notifier.received:
        blob = json.dumps([notification.message, str(notification.kind)])
        for text in texts:
            assert text not in blob


BAD_WORDS: list[object] = ["", "   ", None, 3, ["words"], "x" * 1001, "\u200b\u200b", "\x01\x02"]
"""Refused as words everywhere ("more" reads a blank as no words, as its docstring says)."""


@pytest.mark.parametrize("words", BAD_WORDS)
def test_bad_words_are_refused_alike_and_store_nothing(kit, couple, notifier, words):
    """Each refusal of a reflection, an experience or "more" is typed and leaves no trace."""
    observation = _shared(kit, couple)
    notifier.received.clear()
    for move, actor in (("mirror", "ben"), ("add_experience", "ben")):
        with pytest.raises(RepairkitError):
            getattr(kit.observations, move)(observation.id, actor=actor, words=words)
    kit.observations.mirror(observation.id, actor="ben", words=MIRROR)
    notifier.received.clear()
    if words in (3, ["words"], "x" * 1001):  # "more" reads a blank or None as no words
        with pytest.raises(RepairkitError):
            kit.observations.more(observation.id, actor="ana", words=words)
    seen = kit.observations.get(observation.id, actor="ana")
    assert (seen.state, seen.experience, seen.additions, seen.rounds) == (
        _S.MIRRORED,
        None,
        (),
        1,
    )
    assert notifier.received == []


@pytest.mark.parametrize("actor", ["", "   ", None, 7, "eve", "ana\x00", "ben"], ids=repr)
def test_bad_or_wrong_actors_are_refused_alike(kit, couple, actor):
    """A missing, malformed or outside actor cannot share Ana's draft; nothing changes."""
    drafted = kit.observations.draft(
        couple.id, actor="ana", moment=MOMENT, effect=EFFECT, feeling=FEELING
    )
    with pytest.raises(RepairkitError):
        kit.observations.share(drafted.id, actor=actor)
    assert kit.observations.get(drafted.id, actor="ana").state is _S.DRAFTED


def test_memory_and_sqlite_refuse_the_same_inputs(tmp_path):
    """The same list of inputs, refused with the same error class by both storages."""
    refusals: dict[str, list[str]] = {}
    for name, storage in (
        ("memory", MemoryStorage()),
        ("sqlite", SQLiteStorage(tmp_path / "same.db")),
    ):
        clock = ManualClock(START)
        with RepairKit(storage=storage, clock=clock, notifier=MemoryNotifier()) as kit:
            couple = invite_and_accept(kit, ("ana", "ben"), actor="ana")
            observation = _shared(kit, couple)
            seen = []
            for words in BAD_WORDS:
                try:
                    kit.observations.mirror(observation.id, actor="ben", words=words)  # type: ignore[arg-type]
                    seen.append("stored")
                except RepairkitError as error:
                    seen.append(type(error).__name__)
            refusals[name] = seen
    assert refusals["memory"] == refusals["sqlite"]
    assert "stored" not in refusals["memory"]


def test_stepping_away_is_never_refused_by_the_budget(kit):
    """Ben has used his day's budget; "not now" and "table" still go through."""
    settings = RelationshipSettings(rules=[RelationshipRules(daily_items=2)])
    couple = invite_and_accept(kit, ("ana", "ben"), actor="ana", settings=settings)
    first, second = _shared(kit, couple), _shared(kit, couple)
    for feeling in ("tired", "far away"):
        his = kit.observations.draft(
            couple.id, actor="ben", moment=MOMENT, effect=EFFECT, feeling=feeling
        )
        kit.observations.share(his.id, actor="ben")
    more = kit.observations.draft(couple.id, actor="ben", moment=MOMENT, effect=EFFECT, feeling="x")
    with pytest.raises(NotAllowedNow):  # his budget is spent
        kit.observations.share(more.id, actor="ben")
    assert kit.observations.not_now(first.id, actor="ben").state in FOR_CHECK_IN
    assert kit.observations.table(second.id, actor="ben").state in FOR_CHECK_IN
