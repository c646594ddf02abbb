"""A person's data rights: kit.export (GDPR Art. 15 and 20) and kit.erase, on every storage."""

from __future__ import annotations

import io
import json
import random
from datetime import timedelta
from pathlib import Path

import pytest

from conftest import START, ids, invite_and_accept
from repairkit import InvalidInput, ManualClock, NotFound, RepairKit, TimeBox
from repairkit.adapters import SQLiteStorage
from repairkit.core import ERASED
from repairkit.registry import WORKFLOWS

NEED = "Calm evenings at home, just us two"
ASK = "phones away at dinner"
TRIGGER = "raised voices in the kitchen"
BEN_NEED = "slow Sunday mornings together"


def _couple(kit: RepairKit):
    couple = invite_and_accept(kit, ("ana", "ben"), actor="ana")
    box = TimeBox(starts_at=START, ends_at=START + timedelta(days=14))
    asked = kit.requests.draft(couple.id, actor="ana", need=NEED, ask=ASK, time_box=box)
    kit.requests.propose(asked.id, actor="ana")
    kit.requests.draft(couple.id, actor="ana", need="a draft", ask="never sent", time_box=box)
    kit.triggers.write(couple.id, actor="ana", what=TRIGGER)
    mine = kit.requests.draft(couple.id, actor="ben", need=BEN_NEED, ask="a walk", time_box=box)
    kit.requests.propose(mine.id, actor="ben")
    return couple, asked


def test_export_names_its_format_and_holds_what_the_person_sees(storage_factory):
    """The export's top level: format, version, person, exported_at, relationships."""
    kit = RepairKit(storage=storage_factory(), clock=ManualClock(START))
    couple, _asked = _couple(kit)
    export = kit.export("ben")
    assert (export["format"], export["version"], export["person"]) == ("repairkit.export", 1, "ben")
    assert export["exported_at"] == START.isoformat()
    [relationship] = export["relationships"]
    assert relationship["id"] == str(couple.id)
    assert relationship["relationship"]["partners"] == ["ana", "ben"]
    requests = relationship["workflows"]["request"]
    assert [r["need"] for r in requests] == [NEED, BEN_NEED]  # Ana's draft is hers alone
    assert "trigger" not in relationship["workflows"]  # kept to herself
    assert relationship["events"]
    assert all(e["type"] for e in relationship["events"])
    assert all(n["recipient"] == "ben" for n in relationship["notifications"])
    assert relationship["notifications"], "Ben was told of Ana's request"
    text = json.dumps(export)
    assert TRIGGER not in text
    assert "never sent" not in text
    assert TRIGGER in json.dumps(kit.export("ana"))
    assert json.loads(json.dumps(export)) == export  # plain JSON values only
    kit.close()


def test_export_is_written_to_a_path_or_a_stream(tmp_path: Path):
    """With ``to``, the same JSON goes to a file or a text stream."""
    kit = RepairKit(clock=ManualClock(START))
    _couple(kit)
    stream = io.StringIO()
    export = kit.export("ana", to=stream)
    assert json.loads(stream.getvalue()) == export
    kit.export("ana", to=tmp_path / "ana.json")
    assert json.loads((tmp_path / "ana.json").read_text(encoding="utf-8")) == export
    with pytest.raises(InvalidInput):
        kit.export("ana", to=42)


def test_the_other_partners_private_acts_leave_the_export_byte_identical():
    """Two worlds with the same ids: Ana's private entries change nothing in Ben's export."""
    exports = []
    for private in (False, True):
        with ids(random.Random(7)):  # noqa: S311 - repeatable ids
            kit = RepairKit(clock=ManualClock(START))
            couple = invite_and_accept(kit, ("ana", "ben"), actor="ana")
            box = TimeBox(starts_at=START, ends_at=START + timedelta(days=3))
            shared = kit.requests.draft(couple.id, actor="ben", need=NEED, ask=ASK, time_box=box)
            kit.requests.propose(shared.id, actor="ben")
        if private:  # ids apart: the shared history's ids stay the same
            with ids(random.Random(99)):  # noqa: S311 - repeatable ids
                kit.triggers.write(couple.id, actor="ana", what=TRIGGER)
                kit.requests.draft(couple.id, actor="ana", need="hers", ask="hers", time_box=box)
                kit.pauses.record(couple.id, actor="ana")
        exports.append(json.dumps(kit.export("ben"), ensure_ascii=False))
    assert exports[0] == exports[1]


def test_erase_leaves_what_the_other_reads_without_the_persons_words(storage_factory):
    """Ana's drafts and triggers go; the request Ben read stays, her words replaced."""
    kit = RepairKit(storage=storage_factory(), clock=ManualClock(START))
    couple, asked = _couple(kit)
    assert kit.erase("ana") == 1
    ben = kit.export("ben")
    [relationship] = ben["relationships"]
    assert relationship["relationship"]["state"] == "ended"  # she left first
    requests = {r["id"]: r for r in relationship["workflows"]["request"]}
    assert requests[str(asked.id)]["need"] == ERASED
    assert requests[str(asked.id)]["ask"] == ERASED
    assert BEN_NEED in [r["need"] for r in requests.values()]  # Ben's own words stay
    text = json.dumps(ben)
    for words in (NEED, ASK, TRIGGER, "never sent"):
        assert words not in text
    stored = kit._storage
    for spec in WORKFLOWS.specs[1:]:
        for obj in stored.load_all(spec.entity, couple.id):
            assert obj.visible_to("ben"), f"{spec.name}: Ana's private object is kept"
    ana = kit.export("ana")  # what is left of hers: the shared record, her words gone
    assert NEED not in json.dumps(ana)
    kit.close()


def test_erase_closes_invitations_and_goes_through_every_relationship():
    """An invitation is withdrawn or declined; each relationship is erased."""
    kit = RepairKit(clock=ManualClock(START))
    _couple(kit)
    sent = kit.relationships.invite("cara", actor="ana")
    received = kit.relationships.invite("ana", actor="dan")
    assert kit.erase("ana") == 3
    states = {r.id: r.state.value for r in kit._storage.relationships_of("ana")}
    assert states[sent.id] == "withdrawn"
    assert states[received.id] == "declined"


@pytest.mark.parametrize("bad", [42, None, "", "x" * 1000, "nobody-known"])
def test_bad_input_gets_a_typed_error_and_changes_nothing(bad):
    """A person id that is no text, too long, or unknown: a typed error, nothing moved."""
    kit = RepairKit(clock=ManualClock(START))
    _couple(kit)
    before = json.dumps(kit.export("ben"))
    with pytest.raises((InvalidInput, NotFound)):
        kit.erase(bad)
    with pytest.raises((InvalidInput, NotFound)):
        kit.export(bad)
    assert json.dumps(kit.export("ben")) == before


def test_sqlite_keeps_no_erased_words_in_its_files(tmp_path: Path):
    """secure_delete and an emptied write-ahead log: the words are gone from the bytes too."""
    path = tmp_path / "store.db"
    kit = RepairKit(storage=SQLiteStorage(path), clock=ManualClock(START))
    _couple(kit)
    kit.erase("ana")
    files = [p for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")) if p.exists()]
    assert files
    for file in files:
        raw = file.read_bytes()
        for words in (NEED, ASK, TRIGGER, "never sent"):
            assert words.encode() not in raw, (file.name, words)
    kit.close()


def test_erase_keeps_the_other_partners_own_words_in_a_practice(storage_factory):
    """Ben's notes on his own attempts and his debriefs stay when Ana erases hers.

    An attempt's note names no writer of its own: the practice names its assignee, and
    the note is theirs (found by the hostile review: it was erased for either partner).
    """
    kit = RepairKit(storage=storage_factory(), clock=ManualClock(START))
    couple = invite_and_accept(kit, ("ana", "ben"), actor="ana")
    asked = kit.assignments.propose(couple.id, actor="ana", words="Practise listening back.")
    kit.assignments.accept(asked.id, actor="ben")
    kit.assignments.attempt(asked.id, actor="ben", note="Said back what I heard.")
    kit.assignments.debrief(asked.id, actor="ben", worked="It slowed us down.")
    kit.assignments.debrief(asked.id, actor="ana", worked="I felt heard by him.")
    kit.erase("ana")
    kept = kit.assignments.get(asked.id, actor="ben")
    assert kept.words == ERASED  # hers
    assert [a.note for a in kept.attempts] == ["Said back what I heard."]
    assert sorted(d.worked for d in kept.debriefs) == [ERASED, "It slowed us down."]
    kit.close()


def test_erase_leaves_no_decoded_event_with_the_persons_words_in_memory(storage_factory):
    """The codec's cache of decoded events is emptied: no erased text stays in the process."""
    storage = storage_factory()
    kit = RepairKit(storage=storage, clock=ManualClock(START))
    couple, _ = _couple(kit)
    kit.relationships.events(couple.id, actor="ana")  # decode her events, and keep them
    kit.erase("ana")
    cached = repr(list(storage._codec._read_events.values()))
    for words in (NEED, ASK, TRIGGER):
        assert words not in cached
    kit.close()


@pytest.mark.parametrize("where", ["missing/folder/export.json", "."])
def test_an_export_to_a_path_that_cannot_be_written_is_a_typed_error(tmp_path: Path, where):
    kit = RepairKit(clock=ManualClock(START))
    _couple(kit)
    with pytest.raises(InvalidInput) as refused:
        kit.export("ana", to=tmp_path / where)
    assert refused.value.field == "to"
    assert sorted(p.name for p in tmp_path.iterdir()) == []
    kit.close()


def test_copying_the_other_partners_words_does_not_erase_them(storage_factory):
    """Ana copies Ben's words into her own draft and trigger, then erases herself.

    Texts repeated from the person's own words are erased wherever they appear; words
    the other partner wrote first stay theirs, whoever repeated them later (found by
    the hostile review: the copies erased Ben's request).
    """
    kit = RepairKit(storage=storage_factory(), clock=ManualClock(START))
    couple, _asked = _couple(kit)
    box = TimeBox(starts_at=START, ends_at=START + timedelta(days=14))
    kit.requests.draft(couple.id, actor="ana", need=BEN_NEED, ask="a walk", time_box=box)
    kit.triggers.write(couple.id, actor="ana", what=BEN_NEED)
    kit.erase("ana")
    [relationship] = kit.export("ben")["relationships"]
    needs = sorted(r["need"] for r in relationship["workflows"]["request"])
    assert needs == sorted([ERASED, BEN_NEED])
    assert [r["ask"] for r in relationship["workflows"]["request"] if r["need"] == BEN_NEED] == [
        "a walk"
    ]
    kit.close()


def test_the_persons_words_go_where_the_other_repeated_them_and_the_others_stay(storage_factory):
    """Ana's ask repeated in Ben's yes goes; Ben's alternative, which she took, stays his."""
    kit = RepairKit(storage=storage_factory(), clock=ManualClock(START))
    couple, asked = _couple(kit)
    kit.requests.accept(asked.id, actor="ben")
    box = TimeBox(starts_at=START, ends_at=START + timedelta(days=14))
    hers = kit.requests.draft(
        couple.id, actor="ana", need="more rest", ask="bed by ten", time_box=box
    )
    kit.requests.propose(hers.id, actor="ana")
    kit.requests.propose_alternative(hers.id, actor="ben", ask="lights out by eleven")
    kit.requests.accept(hers.id, actor="ana")
    kit.erase("ana")
    text = json.dumps(kit.export("ben"))
    for words in (ASK, "bed by ten", "more rest"):
        assert words not in text
    assert "lights out by eleven" in text  # his words, though nobody is named on the ask
    kit.close()


def test_private_copies_of_the_others_words_claim_nothing(storage_factory):
    """Ben's words on objects stay his when Ana copies them privately and erases herself.

    They live only on objects (a shared log entry, a practice's note, a debrief, an agenda
    topic), where no event orders them. Found by the hostile review: her private copies
    counted as the first writing.
    """
    kit = RepairKit(storage=storage_factory(), clock=ManualClock(START))
    couple = invite_and_accept(kit, ("ana", "ben"), actor="ana")
    entry = kit.log.write(couple.id, actor="ben", kind="connection", what="We laughed at breakfast")
    kit.log.share(entry.id, actor="ben")
    practice = kit.assignments.propose(couple.id, actor="ana", words="Practise listening back.")
    kit.assignments.accept(practice.id, actor="ben")
    kit.assignments.attempt(practice.id, actor="ben", note="I listened without fixing")
    kit.assignments.debrief(practice.id, actor="ben", worked="It slowed us down")
    kit.agenda.add_topic(couple.id, actor="ben", words="Money worries")
    his = [
        "We laughed at breakfast",
        "I listened without fixing",
        "It slowed us down",
        "Money worries",
    ]
    for words in his:
        kit.triggers.write(couple.id, actor="ana", what=words)
    kit.erase("ana")
    text = json.dumps(kit.export("ben"))
    assert [words for words in his if words not in text] == []
    assert "Practise listening back." not in text  # hers
    kit.close()


def test_the_other_partners_private_records_are_never_touched(storage_factory):
    """Ben's own drafts, which Ana never saw, keep every word; so do the third person's."""
    kit = RepairKit(storage=storage_factory(), clock=ManualClock(START))
    couple = invite_and_accept(kit, ("ana", "ben"), actor="ana")
    goal = kit.goals.draft(couple.id, actor="ben", words="A calm home, in my words")
    boundary = kit.boundaries.draft(couple.id, actor="ben", rule="No sarcasm when we disagree")
    categories = list(kit.facilitators.categories())
    third = kit.facilitators.propose(
        couple.id, actor="ben", person="tess", approach="A couples therapist", categories=categories
    )
    kit.facilitators.agree(third.id, actor="ana", categories=categories)
    kit.facilitators.reflect(third.id, actor="tess", words="Evenings feel rushed to me")
    kit.erase("ana")
    assert kit.goals.get(goal.id, actor="ben").words == "A calm home, in my words"
    assert kit.boundaries.get(boundary.id, actor="ben").terms.rule == "No sarcasm when we disagree"
    assert "Evenings feel rushed to me" in json.dumps(kit.export("ben"))
    kit.close()
