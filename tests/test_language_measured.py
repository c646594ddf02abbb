"""The language check, measured on sentences written for the project (blaming or describing).

tests/data/language_labelled.csv holds things partners say, each labelled by hand:
``blaming`` (a verdict, an absolute, a demand, sarcasm, a faux feeling, a thought said
as a feeling) or ``describing`` (a moment, a feeling, a need, a request, thanks). A
sentence counts as predicted blaming when the check finds anything in it. The target
(issue 19) is a precision of at least 0.9 on the blaming class; recall is reported.

The sentences were written by the same hands as the word lists, so the numbers are an
upper bound for texts the lists were not written with in mind.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from repairkit.language import check

LABELLED = Path(__file__).resolve().parent / "data" / "language_labelled.csv"
LABELS = frozenset({"blaming", "describing"})


def _rows() -> list[tuple[str, str]]:
    with LABELLED.open(encoding="utf-8", newline="") as file:
        return [(row["label"], row["sentence"]) for row in csv.DictReader(file)]


def measured() -> dict[str, float]:
    """Return the counts, precision and recall of the check on the blaming class."""
    counts = {"tp": 0, "fp": 0, "fn": 0, "tn": 0}
    for label, sentence in _rows():
        flagged = bool(check(sentence))
        blaming = label == "blaming"
        key = ("t" if flagged == blaming else "f") + ("p" if flagged else "n")
        counts[key] += 1
    tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
    return {
        **counts,
        "precision": tp / (tp + fp) if tp + fp else 0.0,
        "recall": tp / (tp + fn) if tp + fn else 0.0,
    }


def test_the_set_holds_at_least_200_labelled_sentences_roughly_balanced():
    rows = _rows()
    assert len(rows) >= 200
    assert {label for label, _ in rows} == LABELS
    blaming = sum(label == "blaming" for label, _ in rows)
    assert 0.4 <= blaming / len(rows) <= 0.6
    sentences = [sentence for _, sentence in rows]
    assert len(set(sentences)) == len(sentences), "a sentence is in the set twice"
    assert all(sentence.strip() for sentence in sentences)


def test_precision_on_the_blaming_class_is_at_least_0_9_and_recall_is_reported(
    record_property: pytest.RecordProperty, capsys: pytest.CaptureFixture[str]
):
    found = measured()
    record_property("precision", found["precision"])
    record_property("recall", found["recall"])
    with capsys.disabled():
        print(  # noqa: T201 - reporting recall is the point of this test
            f"\nlanguage check on {LABELLED.name}: precision {found['precision']:.3f},"
            f" recall {found['recall']:.3f} (tp {found['tp']}, fp {found['fp']},"
            f" fn {found['fn']}, tn {found['tn']})"
        )
    assert found["precision"] >= 0.9
    # Recall is reported, not a target; it is asserted only to be more than a guess.
    assert found["recall"] > 0.5


if __name__ == "__main__":
    print(measured())  # noqa: T201
