"""The progress view (issue 20): `kit.progress`, its lines, and its chart.

Each line counts what its workflow declares (`WorkflowSpec.progress`), week by week in
the couple's time zone, from indexed queries; the couple's lines are the same to both
partners, a reader's own lines count their acts alone, setbacks age out, and a week
before the couple began shows nothing. A property over random histories checks that
neither partner reads a per-person figure about the other.
"""

from __future__ import annotations

import contextlib
import uuid
import xml.etree.ElementTree as ET
from datetime import time, timedelta

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import START, invite_and_accept
from repairkit import (
    InvalidInput,
    ManualClock,
    NotFound,
    RelationshipSettings,
    RepairKit,
    TimeBox,
)
from repairkit.adapters import MemoryStorage
from repairkit.charts import progress_svg
from repairkit.core import Progress, ProgressFigure, Registry, Trend, Week
from repairkit.core.progress import couple_events, line_of
from repairkit.crossings import CrossingRules
from repairkit.errors import RegistryError, RepairkitError
from repairkit.microresponses import MicroResponseRules
from repairkit.registry import WORKFLOWS
from repairkit.testing.safety import blaming_words
from test_repairs import _A, _both_share, _to_plan

WEEK = timedelta(days=7)
DAY = timedelta(days=1)


def _shown(progress: Progress, figure: str) -> tuple[int | None, ...]:
    return progress.line(figure).values


def test_each_line_counts_its_workflows_moves_week_by_week(kit, couple, clock):
    """Check-ins, kept days, repairs, crossings, shared moments: in the week they happened."""
    schedule = kit.checkins.propose(couple.id, actor="ana", weekday=2, start=time(19, 0))
    kit.checkins.agree(schedule.id, actor="ben")
    box = TimeBox(starts_at=clock.now(), ends_at=clock.now() + timedelta(days=20))
    request = kit.requests.draft(couple.id, actor="ana", need="rest", ask="a call", time_box=box)
    kit.requests.propose(request.id, actor="ana")
    kit.requests.accept(request.id, actor="ben")
    boundary = kit.boundaries.draft(couple.id, actor="ben", rule="A call before visitors.")
    kit.boundaries.propose(boundary.id, actor="ben")
    kit.boundaries.agree(boundary.id, actor="ana")
    clock.advance(WEEK)  # the second week
    session = kit.sessions.open(couple.id, actor="ben", schedule_id=schedule.id)
    kit.sessions.end(session.id, actor="ana")
    kit.requests.record_follow_through(request.id, actor="ben", kept=True)
    kit.requests.record_follow_through(
        request.id, actor="ben", kept=True, occurrence=clock.now().date() - timedelta(days=1)
    )
    kit.requests.record_follow_through(
        request.id, actor="ben", kept=False, occurrence=clock.now().date() - timedelta(days=2)
    )
    kit.crossings.own(couple.id, actor="ana", boundary_id=boundary.id)
    repair = kit.repairs.own(couple.id, actor="ana")
    _to_plan(kit, repair.id)
    _both_share(kit, repair.id, _A.PLAN)
    for person in ("ana", "ben"):
        kit.repairs.review(repair.id, actor=person, worked="Talking.", did_not="Rushing.")
    kit.repairs.complete(repair.id, actor="ana")
    entry = kit.log.write(couple.id, actor="ben", kind="connection", what="A long walk.")
    kit.log.share(entry.id, actor="ben")
    kit.log.write(couple.id, actor="ben", kind="neglect", what="Kept to myself.")  # private
    clock.advance(WEEK)  # the third week
    progress = kit.progress(couple.id, actor="ana", weeks=4)
    assert [w.starts for w in progress.weeks] == [START.date() - WEEK + n * WEEK for n in range(4)]
    assert _shown(progress, "check_ins") == (None, 0, 1, 0)  # the first week was before them
    assert _shown(progress, "agreements_kept") == (None, 1, 1, 0)  # Sunday's, then Monday's
    assert _shown(progress, "repairs_completed") == (None, 0, 1, 0)
    assert _shown(progress, "crossings") == (None, 0, 1, 0)
    assert _shown(progress, "connection") == (None, 0, 1, 0)
    assert _shown(progress, "neglect") == (None, 0, 0, 0)  # kept to himself: counts nowhere
    assert progress.line("crossings").setback
    assert progress.harder == ()  # the week before was cut short by the couple's start
    assert progress.lines == kit.progress(couple.id, actor="ben", weeks=4).lines


def test_setbacks_and_kept_days_age_out_with_their_windows(kit, couple, clock):
    """Past the crossing's window its week shows None, as past the follow-through window."""
    rules = RelationshipSettings(rules=[CrossingRules(window_days=10)])
    kit.relationships.propose_settings(couple.id, actor="ana", settings=rules)
    kit.relationships.agree_to_settings(couple.id, actor="ben")
    boundary = kit.boundaries.draft(couple.id, actor="ben", rule="A call before visitors.")
    kit.boundaries.propose(boundary.id, actor="ben")
    kit.boundaries.agree(boundary.id, actor="ana")
    kit.crossings.own(couple.id, actor="ana", boundary_id=boundary.id)
    assert _shown(kit.progress(couple.id, actor="ben", weeks=1), "crossings") == (1,)
    clock.advance(3 * WEEK)
    progress = kit.progress(couple.id, actor="ben", weeks=4)
    assert _shown(progress, "crossings") == (None, None, 0, 0)  # 10 days: W11 only in part
    assert _shown(progress, "agreements_kept") == (None, 0, 0, 0)  # 14 days back: from W11
    assert progress.line("connection").values == (0, 0, 0, 0)  # never aged
    assert progress.harder == ()


def test_a_crossing_counts_in_the_week_it_happened_until_it_settles(kit, couple, clock):
    """Owned late, it counts in its own week; once its window passed, nobody's view shows it."""
    boundary = kit.boundaries.draft(couple.id, actor="ben", rule="A call before visitors.")
    kit.boundaries.propose(boundary.id, actor="ben")
    kit.boundaries.agree(boundary.id, actor="ana")
    clock.advance(2 * WEEK)
    kit.crossings.own(
        couple.id, actor="ana", boundary_id=boundary.id, happened_at=clock.now() - 12 * DAY
    )
    assert _shown(kit.progress(couple.id, actor="ben", weeks=3), "crossings") == (1, 0, 0)
    clock.advance(17 * DAY)  # 29 days after it happened: past the 28-day window
    kit.timers.run_due()
    for reader in ("ana", "ben"):
        shown = _shown(kit.progress(couple.id, actor=reader, weeks=6), "crossings")
        assert shown == (None, None, 0, 0, 0, 0)  # settled; its week no longer wholly inside


def test_a_crossing_seen_differently_or_withdrawn_counts_nowhere(kit, couple, clock):
    """Only what is owned or acknowledged counts: a disputed moment never makes a week harder."""
    boundary = kit.boundaries.draft(couple.id, actor="ben", rule="A call before visitors.")
    kit.boundaries.propose(boundary.id, actor="ben")
    kit.boundaries.agree(boundary.id, actor="ana")
    clock.advance(WEEK)
    noted = kit.crossings.notice(couple.id, actor="ben", boundary_id=boundary.id)
    kit.crossings.see_differently(noted.id, actor="ana", view="I had called that morning.")
    clock.advance(DAY)
    noted = kit.crossings.notice(couple.id, actor="ben", boundary_id=boundary.id)
    kit.crossings.withdraw(noted.id, actor="ben")
    clock.advance(WEEK)
    for reader in ("ana", "ben"):
        progress = kit.progress(couple.id, actor=reader, weeks=3)
        assert (_shown(progress, "crossings"), progress.harder) == ((0, 0, 0), ())


def test_own_lines_are_the_readers_alone(kit, couple):
    """Ana's micro-responses and pauses count in her own lines; Ben's view has his."""
    for _ in range(3):
        kit.micro_responses.record(couple.id, actor="ana", kind="reflected back", tell=True)
    kit.micro_responses.record(couple.id, actor="ana", kind="expressed gratitude")  # kept
    kit.pauses.record(couple.id, actor="ana")
    ana = kit.progress(couple.id, actor="ana", weeks=1)
    ben = kit.progress(couple.id, actor="ben", weeks=1)
    assert [(line.figure, line.values) for line in ana.own] == [
        ("pauses", (1,)),
        ("micro_responses", (4,)),
    ]
    assert [(line.figure, line.values) for line in ben.own] == [
        ("pauses", (0,)),
        ("micro_responses", (0,)),
    ]
    assert all(line.own for line in ana.own)
    assert not any(line.own for line in ana.lines)
    assert _shown(ana, "micro_responses_told") == (None,)  # couple totals are off
    agreed = RelationshipSettings(rules=[MicroResponseRules(couple_totals=True)])
    kit.relationships.propose_settings(couple.id, actor="ben", settings=agreed)
    kit.relationships.agree_to_settings(couple.id, actor="ana")
    assert _shown(kit.progress(couple.id, actor="ben", weeks=1), "micro_responses_told") == (3,)


def test_ranges_and_directions_never_a_score(kit, couple, clock):
    """Each line gives its range and direction; the sentences are calm and name no one."""
    for week, shared in enumerate((1, 1, 3, 4)):
        for n in range(shared):
            entry = kit.log.write(couple.id, actor="ana", kind="connection", what=f"W{week}n{n}")
            kit.log.share(entry.id, actor="ana")
        clock.advance(WEEK)
    progress = kit.progress(couple.id, actor="ana", weeks=5)
    line = progress.line("connection")
    assert (line.values, line.low, line.high, line.trend) == ((1, 1, 3, 4, 0), 0, 4, Trend.MORE)
    assert [w.whole for w in progress.weeks] == [False, True, True, True, False]
    assert progress.line("check_ins").trend is Trend.ABOUT_THE_SAME  # zeros throughout
    assert kit.progress(couple.id, actor="ana", weeks=1).line("connection").trend is (
        Trend.TOO_FEW_WEEKS
    )
    for sentence in progress.describe():
        assert blaming_words(sentence) == [], sentence
        assert "ana" not in sentence.lower()
        assert "ben" not in sentence.lower()
    assert not hasattr(progress, "score")


def test_a_direction_reads_whole_weeks_within_the_steadiness_asked():
    """The later half against the earlier, over whole weeks; a week cut short is left out."""
    figure = ProgressFigure(name="f", label="f", count=couple_events("x.y"))
    monday = START.replace(hour=0)
    weeks = [
        Week(
            name=f"W{n}",
            starts=(monday + n * WEEK).date(),
            since=monday + n * WEEK,
            until=monday + (n + 1) * WEEK,
            whole=n < 4,
        )
        for n in range(5)
    ]
    rising = line_of(figure, [2, 2, 3, 3, 0], weeks)
    assert (rising.trend, rising.low, rising.high) == (Trend.MORE, 0, 3)
    assert line_of(figure, [2, 2, 3, 3, 0], weeks, steady_within=0.5).trend is (
        Trend.ABOUT_THE_SAME
    )
    assert line_of(figure, [4, 4, 1, 1, 9], weeks).trend is Trend.FEWER  # the 9 is cut short
    assert line_of(figure, [None, None, None, 1, 5], weeks).trend is Trend.TOO_FEW_WEEKS


def test_a_harder_week_is_a_rise_between_whole_weeks(kit, couple, clock):
    """Neglect shared rose from one whole week to the next: that week is named harder."""
    clock.advance(WEEK)  # W11 is the first whole week
    for shared in (0, 2, 1):
        for n in range(shared):
            entry = kit.log.write(couple.id, actor="ben", kind="neglect", what=f"Apart {n}.")
            kit.log.share(entry.id, actor="ben")
        clock.advance(WEEK)
    progress = kit.progress(couple.id, actor="ana", weeks=4)
    assert _shown(progress, "neglect") == (0, 2, 1, 0)
    assert progress.harder == ("2026-W12",)
    assert progress.describe()[-1].startswith("Harder weeks: 2026-W12.")


def test_bad_input_is_refused(kit, couple):
    """Weeks and steadiness are checked; only a partner reads the view."""
    for weeks in (0, 105, 2.0, True, "8"):
        with pytest.raises(InvalidInput) as refused:
            kit.progress(couple.id, actor="ana", weeks=weeks)  # type: ignore[arg-type]
        assert refused.value.field == "weeks"
    for share in (-0.1, 1.5, "0.2", True):
        with pytest.raises(InvalidInput):
            kit.progress(couple.id, actor="ana", steady_within=share)  # type: ignore[arg-type]
    with pytest.raises(NotFound):  # an outsider: as for an unknown relationship
        kit.progress(couple.id, actor="eve")


def test_a_line_name_is_registered_once():
    """Two workflows adding one line name clash at registration."""
    twin = ProgressFigure(name="check_ins", label="again", count=couple_events("x.y"))
    specs = [s for s in WORKFLOWS if s.name != "relationship"]
    specs = [attrs.evolve(s, progress=(twin,)) if s.name == "trigger" else s for s in specs]
    with pytest.raises(RegistryError, match="check_ins"):
        Registry(*specs)


def test_the_chart_is_an_svg_the_same_for_the_same_view(kit, couple, clock):
    """`progress_svg` draws the view with matplotlib: an SVG document, stable, naming weeks."""
    entry = kit.log.write(couple.id, actor="ana", kind="neglect", what="Apart all day.")
    kit.log.share(entry.id, actor="ana")
    clock.advance(WEEK)
    progress = kit.progress(couple.id, actor="ana", weeks=3)
    svg = progress_svg(progress)
    assert svg == progress_svg(progress)
    root = ET.fromstring(svg)  # noqa: S314 - our own output
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert "W10" in svg
    assert "W11" in svg
    assert "moments of neglect shared" in svg
    assert "Your own" in svg


# -- the property: the same couple's figures to both, and nothing of the other's own ----

ACTS = st.lists(
    st.tuples(
        st.sampled_from(["micro", "untold", "pause", "share", "private", "own", "days"]),
        st.sampled_from(["ana", "ben"]),
    ),
    max_size=25,
)


def _world(acts: list[tuple[str, str]], *, skip_private_of: str | None) -> tuple[Progress, ...]:
    clock = ManualClock(START)
    kit = RepairKit(storage=MemoryStorage(), clock=clock)
    couple = invite_and_accept(kit, ("ana", "ben"), actor="ana").id
    boundary = kit.boundaries.draft(couple, actor="ana", rule="A call before visitors.")
    kit.boundaries.propose(boundary.id, actor="ana")
    kit.boundaries.agree(boundary.id, actor="ben")
    for act, person in acts:
        private = act in ("untold", "pause", "private")
        if private and person == skip_private_of:
            continue
        with contextlib.suppress(RepairkitError):  # a refusal changes nothing
            _act(kit, clock, couple, boundary.id, act=act, person=person)
    return tuple(kit.progress(couple, actor=p, weeks=3) for p in ("ana", "ben"))


def _act(
    kit: RepairKit,
    clock: ManualClock,
    couple: uuid.UUID,
    boundary: uuid.UUID,
    *,
    act: str,
    person: str,
) -> None:
    if act in ("micro", "untold"):
        kit.micro_responses.record(couple, actor=person, kind="reflected back", tell=act == "micro")
    elif act == "pause":
        kit.pauses.record(couple, actor=person)
    elif act in ("share", "private"):
        entry = kit.log.write(couple, actor=person, kind="neglect", what="Apart.")
        if act == "share":
            kit.log.share(entry.id, actor=person)
    elif act == "own":
        kit.crossings.own(couple, actor=person, boundary_id=boundary)
    else:
        clock.advance(timedelta(days=2))


@settings(max_examples=30, deadline=None)
@given(acts=ACTS)
def test_both_read_the_same_couple_and_nothing_of_the_others_own(acts):
    """The couple's lines are equal for both; a partner's own acts never reach the other.

    Ben's micro-responses kept to himself and his pauses (and his private log entries)
    are left out of a second world: Ana's whole view is the same in both.
    """
    ana, ben = _world(acts, skip_private_of=None)
    assert (ana.lines, ana.harder, ana.weeks) == (ben.lines, ben.harder, ben.weeks)
    ana_without, _ = _world(acts, skip_private_of="ben")
    assert (ana.lines, ana.own, ana.harder) == (
        ana_without.lines,
        ana_without.own,
        ana_without.harder,
    )
