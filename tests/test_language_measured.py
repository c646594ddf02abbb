"""The language check, measured on sentences written for the project (blaming or describing).

tests/data/language_labelled.csv holds things partners say, each labelled by hand:
``blaming`` (a verdict, an absolute, a demand, sarcasm, a faux feeling, a thought said
as a feeling) or ``describing`` (a moment, a feeling, a need, a request, thanks). A
sentence counts as predicted blaming when the check finds anything in it. The target
(issue 19) is a precision of at least 0.9 on the blaming class; recall is reported.

Its ``part`` says when a sentence was written: ``with_lists`` (254 sentences, written
while the English word lists were; the lists were tuned on them, so their numbers are
optimistic) or ``after_lists`` (80 sentences written once the lists were done, and never
used to change them: the fairer estimate). Both are reported; the target holds on all.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from repairkit.language import check

LABELLED = Path(__file__).resolve().parent / "data" / "language_labelled.csv"
LABELS = frozenset({"blaming", "describing"})
PARTS = ("with_lists", "after_lists")


def _rows(part: str | None = None) -> list[tuple[str, str]]:
    with LABELLED.open(encoding="utf-8", newline="") as file:
        return [
            (row["label"], row["sentence"])
            for row in csv.DictReader(file)
            if part is None or row["part"] == part
        ]


def measured(part: str | None = None) -> dict[str, float]:
    """Return the counts, precision and recall of the check on the set (or one part)."""
    return measure(_rows(part))


def measure(rows: list[tuple[str, str]]) -> dict[str, float]:
    """Return the counts, precision and recall of the check on the blaming class of *rows*."""
    counts = {"tp": 0, "fp": 0, "fn": 0, "tn": 0}
    for label, sentence in rows:
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


def _said(name: str, found: dict[str, float]) -> str:
    return (
        f"{name}: precision {found['precision']:.3f}, recall {found['recall']:.3f}"
        f" (tp {found['tp']}, fp {found['fp']}, fn {found['fn']}, tn {found['tn']})"
    )


def test_the_set_holds_at_least_200_labelled_sentences_roughly_balanced():
    rows = _rows()
    assert len(rows) >= 200
    assert {label for label, _ in rows} == LABELS
    blaming = sum(label == "blaming" for label, _ in rows)
    assert 0.4 <= blaming / len(rows) <= 0.6
    sentences = [sentence for _, sentence in rows]
    assert len(set(sentences)) == len(sentences), "a sentence is in the set twice"
    assert all(sentence.strip() for sentence in sentences)
    assert all(_rows(part) for part in PARTS)
    assert sum(len(_rows(part)) for part in PARTS) == len(rows)


def test_precision_on_the_blaming_class_is_at_least_0_9_and_recall_is_reported(
    record_property: pytest.RecordProperty, capsys: pytest.CaptureFixture[str]
):
    found = measured()
    record_property("precision", found["precision"])
    record_property("recall", found["recall"])
    with capsys.disabled():
        print(f"\nlanguage check on {LABELLED.name}")  # noqa: T201 - the report is the point
        for part in PARTS:
            print("  " + _said(part, measured(part)))  # noqa: T201
        print("  " + _said("all", found))  # noqa: T201
    assert found["precision"] >= 0.9
    assert measured("after_lists")["precision"] >= 0.9
    # Recall is reported, not a target; it is asserted only to be more than a guess.
    assert found["recall"] > 0.5


def test_the_measure_counts_a_hit_a_false_alarm_a_miss_and_a_quiet_sentence():
    found = measure(
        [
            ("blaming", "You never listen."),
            ("describing", "I always forget my keys, and you always find them."),
            ("blaming", "You're being so unfair."),  # a verdict the lists do not hold
            ("describing", "I feel calm."),
        ]
    )
    assert found == {"tp": 1, "fp": 1, "fn": 1, "tn": 1, "precision": 0.5, "recall": 0.5}
