"""Connection over four weeks: micro-responses, a private log, a joint review, progress.

Ana and Ben record their own small acts of attention (micro-responses), some told to
the other, some kept; each keeps a private log of moments of connection and of neglect,
and shares some entries (Ana deletes one she shared, and nothing of it is left). The
second week is a harder one: Ben owns a crossing of a boundary they agreed, and both
share moments of neglect. At the end Ana proposes a joint review of the four weeks; Ben
agrees; they read the patterns (tags and counts, never anyone's words), write their
takeaways, and Ben seeds a request draft from one. Then each reads the progress view:
the couple's lines are the same for both, their own lines are theirs alone. The view is
drawn as an SVG chart (``repairkit[charts]``). A `ManualClock` makes the weeks pass in a
blink.

Run it with ``.venv/bin/python examples/connection.py [CHART.svg]`` (the chart goes to
``.demo/progress.svg`` unless a path is given; docs/progress.svg was made this way).
"""

from __future__ import annotations

import sys
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import repairkit
from repairkit import ManualClock
from repairkit.charts import progress_svg

MONDAY = datetime(2026, 3, 2, 20, 0, tzinfo=UTC)  # an evening
DAY = timedelta(days=1)

MOMENTS = [
    # (week, day, author, kind, what, trigger tags, helped tags, shared)
    (0, 1, "ana", "connection", "We cooked together and laughed.", ["time together"], [], True),
    (0, 3, "ben", "connection", "A long walk after work.", ["time together"], ["a walk"], True),
    (1, 0, "ana", "neglect", "We ate apart, phones out.", ["screens"], [], True),
    (1, 2, "ben", "neglect", "I went quiet after the call.", ["stress from outside"], [], True),
    (1, 4, "ana", "neglect", "Short words at bedtime.", ["tiredness"], ["an apology"], True),
    (1, 5, "ben", "neglect", "Kept to myself all evening.", ["tiredness"], [], False),
    (2, 1, "ben", "connection", "She listened back, slowly.", [], ["listening back"], True),
    (2, 3, "ana", "connection", "Tea on the balcony.", ["time together"], ["a pause"], True),
    (3, 2, "ana", "connection", "He asked about my day first.", ["a kind word"], [], True),
    (3, 4, "ben", "connection", "We planned the weekend together.", ["time together"], [], True),
]


def main(chart: Path) -> None:
    """Play the four weeks and print what each partner reads; write the chart to *chart*."""
    clock = ManualClock(MONDAY - DAY)  # they began on the Sunday before
    kit = repairkit.RepairKit(clock=clock)
    invitation = kit.relationships.invite("ben", actor="ana")
    couple = kit.relationships.accept_invitation(invitation.id, actor="ben").id
    boundary = kit.boundaries.draft(couple, actor="ana", rule="A call before visitors.")
    kit.boundaries.propose(boundary.id, actor="ana")
    kit.boundaries.agree(boundary.id, actor="ben")
    for week in range(4):
        for day in range(7):
            clock.set(MONDAY + week * 7 * DAY + day * DAY)
            _one_day(kit, couple, boundary.id, week, day)
    clock.set(MONDAY + 28 * DAY - timedelta(hours=12))  # the next Monday morning

    print("== Ben reads what Ana shared in the harder week (by day and part of the day)")
    for entry in kit.log.shared(couple, actor="ben", week=(MONDAY + 7 * DAY).date()):
        if entry.author == "ana":
            print(f"  {entry.day} {entry.part.value:<9} {entry.kind.value}: {entry.what}")
    _review(kit, couple, clock)
    _progress(kit, couple, chart)
    kit.close()


def _one_day(
    kit: repairkit.RepairKit, couple: uuid.UUID, boundary: uuid.UUID, week: int, day: int
) -> None:
    """Their micro-responses and log entries of one day (fewer acts in the harder week)."""
    if week != 1 or day % 3 == 0:
        kit.micro_responses.record(
            couple, actor="ana", kind="expressed gratitude", tell=day % 2 == 0
        )
        kit.micro_responses.record(couple, actor="ben", kind="turned toward a bid")
    for w, d, author, kind, what, triggers, helped, shared in MOMENTS:
        if (w, d) == (week, day):
            entry = kit.log.write(
                couple,
                actor=author,
                kind=kind,
                what=what,
                trigger_tags=triggers,
                helped_tags=helped,
            )
            if shared:
                kit.log.share(entry.id, actor=author)
    if (week, day) == (1, 3):  # the harder week: Ben owns a crossing; Ana pauses before reacting
        kit.crossings.own(couple, actor="ben", boundary_id=boundary)
        kit.pauses.record(couple, actor="ana")
    if (week, day) == (2, 2):  # shared, then deleted: nothing of it is left for Ben
        deleted = kit.log.write(couple, actor="ana", kind="neglect", what="Not quite right.")
        kit.log.share(deleted.id, actor="ana")
        kit.log.delete(deleted.id, actor="ana")


def _review(kit: repairkit.RepairKit, couple: uuid.UUID, clock: ManualClock) -> None:
    """Ana proposes a joint review of the four weeks; Ben agrees; both write takeaways."""
    print("\n== A joint review of the four weeks")
    review = kit.log_reviews.propose(
        couple, actor="ana", period_start=MONDAY.date(), period_end=clock.now().date()
    )
    kit.log_reviews.agree(review.id, actor="ben")
    patterns = kit.log_reviews.patterns(review.id, actor="ben")
    print(f"  shared entries: {patterns.entries}")
    print("  most frequent triggers:", ", ".join(f"{t.tag} ({t.count})" for t in patterns.triggers))
    print("  what helped:", ", ".join(f"{t.tag} ({t.count})" for t in patterns.helped))
    for week in patterns.weeks:
        print(f"  {week.week}: connection {week.connection}, neglect {week.neglect}")
    kit.log_reviews.add_takeaway(review.id, actor="ana", words="Evenings without phones help us.")
    kit.log_reviews.add_takeaway(review.id, actor="ben", words="A walk when work was heavy.")
    draft = kit.log_reviews.seed(review.id, actor="ben", takeaway=2, as_="request")
    print(f"  Ben's request draft from his takeaway: {draft.need!r} (his to send, or not)")


def _progress(kit: repairkit.RepairKit, couple: uuid.UUID, chart: Path) -> None:
    """Each reads the progress view; Ana's is drawn as an SVG chart."""
    print("\n== Progress, as Ana reads it")
    ana = kit.progress(couple, actor="ana", weeks=5)  # the four weeks, and this one
    for sentence in ana.describe():
        print(" ", sentence)
    ben = kit.progress(couple, actor="ben", weeks=5)
    assert ana.lines == ben.lines  # the couple's lines: the same for both
    assert ana.own != ben.own  # and each one's own lines are theirs alone
    print("\n== Ben's own lines (only he reads them)")
    for line in ben.own:
        print(f"  {line.label}: {list(line.values)}")
    chart.parent.mkdir(parents=True, exist_ok=True)
    chart.write_text(progress_svg(ana), encoding="utf-8")
    print(f"\nThe chart of Ana's view is in {chart}.")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(".demo/progress.svg"))
