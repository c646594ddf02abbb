"""What is a person's in stored JSON: `PersonalData`, `first_writers`, `scrub`, `texts_by`."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from repairkit.core import ERASED, SYSTEM, PersonalData, first_writers, scrub, texts_by

NOTES = PersonalData(texts={"text": "author", "ask": None})


def _event(actor: str, **fields: object) -> dict[str, object]:
    return {"actor": actor, **fields}


def test_the_persons_own_texts_go_and_the_others_stay():
    stored = {"entries": [{"author": "ana", "text": "mine"}, {"author": "ben", "text": "his"}]}
    assert scrub(stored, NOTES, "ana") == {
        "entries": [{"author": "ana", "text": ERASED}, {"author": "ben", "text": "his"}]
    }
    assert texts_by(stored, NOTES, "ana") == ["mine"]


def test_a_text_nobody_is_named_for_stays_only_when_the_other_wrote_it_first():
    history = [(_event("ben", ask="a walk"), NOTES), (_event("ana", ask="bed by ten"), NOTES)]
    first = first_writers(history)
    assert first == {"a walk": "ben", "bed by ten": "ana"}
    stored = {"ask": "a walk", "other": {"ask": "bed by ten"}, "more": {"ask": "unknown"}}
    assert scrub(stored, NOTES, "ana", first) == {
        "ask": "a walk",
        "other": {"ask": ERASED},
        "more": {"ask": ERASED},  # when in doubt, the erased person's words go
    }


def test_copying_the_others_words_claims_nothing():
    """Ana repeats Ben's words in her own entry: only her copy goes."""
    history = [
        (_event("ben", text="slow Sundays"), NOTES),
        (_event("ana", text="slow Sundays"), NOTES),
        (_event("ana", text="calm evenings"), NOTES),
        (_event("ben", text="calm evenings"), NOTES),  # he repeats hers: hers go there too
    ]
    first = first_writers(history)
    cleaned = [scrub(stored, NOTES, "ana", first) for stored, _ in history]
    assert [c["text"] for c in cleaned] == ["slow Sundays", ERASED, ERASED, ERASED]


def test_repairkit_writes_no_ones_words():
    first = first_writers(
        [(_event(SYSTEM, ask="lapsed"), NOTES), (_event("ana", ask="lapsed"), NOTES)]
    )
    assert first == {"lapsed": "ana"}
    kept = {"author": None, "text": "an agenda item's own words"}  # present but null
    assert scrub(kept, NOTES, "ana", first) == kept


@given(
    texts=st.lists(
        st.tuples(st.sampled_from(["ana", "ben"]), st.sampled_from(["a", "b", "c", "d"])),
        max_size=12,
    )
)
def test_erasing_one_never_erases_what_the_other_wrote_first(texts):
    """Any history: a text goes for Ana where she wrote it, or where it repeats her words.

    Every text Ben wrote first stays in his entries, whoever repeated it later.
    """
    history = [(_event(who, text=text), NOTES) for who, text in texts]
    first = first_writers(history)
    for (who, text), (stored, _) in zip(texts, history, strict=True):
        after = scrub(stored, NOTES, "ana", first)["text"]
        expected = ERASED if who == "ana" or first[text] == "ana" else text
        assert after == expected
