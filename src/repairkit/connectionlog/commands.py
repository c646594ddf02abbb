"""The commands of the private log (``kit.log``) and of joint reviews (``kit.log_reviews``)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Literal

from repairkit.boundaries.commands import BoundaryCommands
from repairkit.boundaries.model import Boundary
from repairkit.commands import WorkflowCommands
from repairkit.connectionlog.model import EntryKind, LogEntry, fields_of
from repairkit.connectionlog.moments import PartOfDay, iso_week, moment_of, weeks_between
from repairkit.connectionlog.queries import (
    DECLINED_ON,
    ReviewPatterns,
    WeekFigures,
    patterns_of,
    shared_entries,
    shared_weeks,
)
from repairkit.connectionlog.review import JointReview
from repairkit.connectionlog.rules import LogRules, ReviewRules
from repairkit.connectionlog.table import ReviewState
from repairkit.core.drafts import KEEP, Keep
from repairkit.core.settings import zone
from repairkit.core.suggestions import reopens_at, when
from repairkit.core.values import PersonId, check_person_id
from repairkit.errors import InvalidInput, NotAllowedNow
from repairkit.requests.commands import RequestCommands
from repairkit.requests.model import Request

__all__ = ["MAX_WEEKS", "JointReviewCommands", "LogCommands", "Seed"]

MAX_WEEKS = 104
"""The most weeks `LogCommands.by_week` reads at once (repairkit's own bound: two years)."""


class LogCommands(WorkflowCommands[LogEntry]):
    """A private log of moments of connection and of neglect, each partner their own.

    Reach it as ``kit.log``. An entry is its author's alone, nor does anyone else learn
    that it exists, until they `share` it; `unshare`, `edit` and `delete` are theirs at
    any time, and nobody is ever told. The partner reads a shared entry with its day
    and part of the day only (`LogEntry.seen_by`). ``share``, ``unshare`` and
    ``delete`` are plain moves (``kit.log.share(entry_id, actor=...)``).
    """

    entity = LogEntry

    def _paged(self, obj: LogEntry, actor: PersonId) -> bool:
        """`find` lists *actor*'s own entries; the partner's shared ones are read by `shared`.

        Pages follow the order entries were stored and shared in: around one's own
        entries, they would tell when the other wrote or shared theirs.
        """
        return obj.author == actor

    def shared(
        self, relationship_id: uuid.UUID, *, actor: PersonId, week: date | None = None
    ) -> list[LogEntry]:
        """Return the entries shared now whose day falls in *week*'s ISO week, both partners'.

        This week unless a day of another is given (in the couple's time zone). Ordered
        by day and part of the day, then by id: nothing in the order tells when an
        entry was written, shared or changed. One indexed query, whatever the log's
        length. ``find`` lists one's own entries, shared or not.

        Raises:
            InvalidInput: *week* is no date.
        """
        relationship = self._runner.relationship(relationship_id, actor=actor)
        actor = check_person_id(actor, "actor")
        if week is None:
            week = self._runner.now().astimezone(self._runner.zone_of(relationship.id)).date()
        elif not isinstance(week, date) or isinstance(week, datetime):
            raise InvalidInput("week", "needs a date (any day of the week wanted).")
        now = self._runner.now()
        found = shared_entries(self._runner.repository, relationship.id, iso_week(week))
        found = [e for e in found if self._listed(e, actor, now)]
        found.sort(key=lambda e: (e.noted_at, e.id.int))
        return [self._as_seen(e, actor, now) for e in found]

    def write(
        self,
        relationship_id: uuid.UUID,
        *,
        actor: PersonId,
        kind: EntryKind | str,
        what: str,
        trigger: str | None = None,
        trigger_tags: Sequence[str] = (),
        helped: str | None = None,
        helped_tags: Sequence[str] = (),
        day: date | None = None,
        part: PartOfDay | str | None = None,
    ) -> LogEntry:
        """Write an entry of *actor*'s own log; only they see it until they `share` it.

        *kind* is "connection" or "neglect"; *what* says what happened; *trigger* what
        triggered a withdrawal or a surge of closeness, *helped* what reduced the harm,
        each in one's own words, with tags from the rules' short lists if one likes
        (`LogRules.trigger_tags`, `LogRules.helped_tags`: a review counts the tags,
        never the words). *day* (not one yet to come) and *part* of the day place
        the moment; left out, they are now's, in the couple's time zone. Nobody is told.

        Raises:
            InvalidInput: a field does not fit (a tag off the list, a day to come, ...).
            NotFound: *relationship_id* names no relationship of *actor*'s.
        """
        actor = check_person_id(actor, "actor")
        relationship = self._relationship_for(relationship_id, actor, "keep a log")
        now = self._runner.now()
        zone_name = relationship.settings.time_zone
        if day is None or part is None:
            starts = relationship.settings.of(LogRules).part_starts
            today, now_part = moment_of(now, zone(zone_name), starts)
            day = today if day is None else day
            part = now_part if part is None else part
        entry, event = LogEntry.write(
            relationship_id=relationship.id,
            author=actor,
            partner=relationship.other_partner(actor),
            rules=relationship.settings.of(LogRules),
            time_zone=zone_name,
            at=now,
            kind=kind,
            what=what,
            trigger=trigger,
            trigger_tags=_listed(trigger_tags, "trigger_tags"),
            helped=helped,
            helped_tags=_listed(helped_tags, "helped_tags"),
            day=day,
            part=part,
        )
        return self._add(entry, event)

    def edit(
        self,
        entry_id: uuid.UUID,
        *,
        actor: PersonId,
        kind: EntryKind | str | Keep = KEEP,
        what: str | Keep = KEEP,
        trigger: str | Keep | None = KEEP,
        trigger_tags: Sequence[str] | Keep = KEEP,
        helped: str | Keep | None = KEEP,
        helped_tags: Sequence[str] | Keep = KEEP,
        day: date | Keep = KEEP,
        part: PartOfDay | str | Keep = KEEP,
    ) -> LogEntry:
        """Rewrite one's entry (its author, shared or not): what is left out stays.

        ``trigger=None`` or ``helped=None`` clears it. Nobody is told, and the partner
        reading a shared entry sees no sign that it was rewritten, nor when.
        """
        fields = fields_of(
            kind=kind,
            what=what,
            trigger=trigger,
            trigger_tags=trigger_tags
            if isinstance(trigger_tags, Keep)
            else _listed(trigger_tags, "trigger_tags"),
            helped=helped,
            helped_tags=helped_tags
            if isinstance(helped_tags, Keep)
            else _listed(helped_tags, "helped_tags"),
            day=day,
            part=part,
        )
        return self._make(entry_id, actor, "edit", **fields)

    # -- queries ------------------------------------------------------------------------

    def by_week(
        self, relationship_id: uuid.UUID, *, actor: PersonId, weeks: int = 4
    ) -> list[WeekFigures]:
        """Return connection and neglect over the shared entries of the last *weeks* ISO weeks.

        Oldest week first, this week last, in the couple's time zone. The same figures
        for both partners, never split by person, never counting an entry kept private
        or deleted; one indexed query per week (what ``kit.progress`` reads).

        Raises:
            InvalidInput: *weeks* is no whole number from 1 to `MAX_WEEKS`.
        """
        relationship = self._runner.relationship(relationship_id, actor=actor)
        if not isinstance(weeks, int) or isinstance(weeks, bool) or not 1 <= weeks <= MAX_WEEKS:
            raise InvalidInput("weeks", "needs a whole number from 1 to {high}.", high=MAX_WEEKS)
        today = self._runner.now().astimezone(self._runner.zone_of(relationship.id)).date()
        names = [iso_week(today - timedelta(weeks=back)) for back in range(weeks - 1, -1, -1)]
        return shared_weeks(self._runner.repository, relationship.id, names)


def _listed(tags: object, field: str) -> object:
    """Return *tags* as a tuple when they are a list or a tuple (else as given, refused later)."""
    if isinstance(tags, (list, tuple)):
        return tuple(tags)
    del field
    return tags


Seed = Literal["request", "boundary"]
"""What a takeaway may seed: a request draft or a boundary draft."""


class JointReviewCommands(WorkflowCommands[JointReview]):
    """Joint reviews of the shared log: proposed by one partner, open once the other agrees.

    Reach it as ``kit.log_reviews``. ``agree``, ``decline``, ``withdraw`` and ``close``
    are plain moves (``kit.log_reviews.agree(review_id, actor=...)``). While a review is
    open, both read its `patterns` and write takeaways, each their share, and remove
    their own; a takeaway can `seed` a request or a boundary draft of one's own.
    """

    entity = JointReview

    def propose(
        self,
        relationship_id: uuid.UUID,
        *,
        actor: PersonId,
        period_start: date,
        period_end: date,
    ) -> JointReview:
        """Propose to the partner to review together the entries shared from one day to another.

        *period_start* and *period_end* are days in the couple's time zone; the period
        ends today at the latest and spans at most `ReviewRules.max_period_weeks`. The
        partner is told calmly and may agree or say no.

        One proposal of *actor*'s waits for an answer at a time; it lapses unanswered
        after `ReviewRules.answer_days`. After a no, *actor* waits
        `ReviewRules.reask_wait_hours` before proposing again.

        Raises:
            InvalidInput: the period does not fit.
            NotAllowedNow: the relationship is not active, a proposal of *actor*'s
                waits, the wait after a no runs, or the day's pressure budget is spent.
        """
        actor = check_person_id(actor, "actor")
        relationship = self._relationship_for(relationship_id, actor, "propose a joint review")
        now = self._runner.now()
        rules = relationship.settings.of(ReviewRules)
        self._check_no_pressure(
            relationship.id, (actor, relationship.other_partner(actor)), rules, now
        )
        review, event = JointReview.propose(
            relationship_id=relationship.id,
            proposer=actor,
            partner=relationship.other_partner(actor),
            period_start=period_start,
            period_end=period_end,
            today=now.astimezone(self._runner.zone_of(relationship.id)).date(),
            rules=rules,
            at=now,
        )
        return self._add(review, event)

    def _check_no_pressure(
        self,
        relationship_id: uuid.UUID,
        partners: tuple[PersonId, PersonId],
        rules: ReviewRules,
        now: datetime,
    ) -> None:
        """Refuse a proposal while one of *actor*'s waits, or soon after the other's no.

        The proposals waiting are read from the index of those asked (the partner); the
        noes from the days of the wait (`DECLINED_ON`), never every review declined. A
        proposal past its time that the timers have not yet lapsed no longer waits.
        """
        actor, partner = partners
        repository = self._runner.repository
        waiting = repository.load_keyed(
            JointReview,
            relationship_id,
            "asked",
            str(partner),
            states=[ReviewState.PROPOSED.value],
        )
        for review in waiting:
            lapses = review.lapses_at
            if review.proposer == actor and (lapses is None or now < lapses):
                raise NotAllowedNow(
                    kind=JointReview.WORKFLOW.name,
                    action="propose",
                    state=review.state.value,
                    allowed=(),
                    reason="A joint review you proposed waits for its answer; one waits at a"
                    " time. Another can be proposed once it is answered, taken back or ended.",
                )
        opens = reopens_at(
            lambda value: repository.load_keyed(
                JointReview,
                relationship_id,
                DECLINED_ON,
                value,
                states=[ReviewState.DECLINED.value],
            ),
            actor,
            now,
            timedelta(hours=rules.reask_wait_hours),
        )
        if opens is not None:
            raise NotAllowedNow(
                kind=JointReview.WORKFLOW.name,
                action="propose",
                state=ReviewState.DECLINED.value,
                allowed=(),
                reason="A joint review was answered with a no a short while ago; another can"
                " be proposed from {when}.",
                params={"when": when(opens)},
                possible_from=opens,
            )

    def remove_takeaway(
        self, review_id: uuid.UUID, *, actor: PersonId, takeaway: int
    ) -> JointReview:
        """Remove a takeaway *actor* wrote, while the review is open; nobody is told.

        Its number is not used again. Only the partner who wrote it removes it.

        Raises:
            InvalidInput: *takeaway* names no takeaway of the review.
            NotPermitted: the other partner wrote it.
            NotAllowedNow: the review is not open.
        """
        return self._make(review_id, actor, "remove_takeaway", takeaway=takeaway)

    def add_takeaway(self, review_id: uuid.UUID, *, actor: PersonId, words: str) -> JointReview:
        """Write a takeaway of an open review, in one's own words (either partner).

        Nobody is told: both read the takeaways in the review. The library never
        writes one for you, nor copies an entry's words into one.
        """
        return self._make(review_id, actor, "add_takeaway", words=words)

    # -- queries ------------------------------------------------------------------------

    def patterns(self, review_id: uuid.UUID, *, actor: PersonId) -> ReviewPatterns:
        """Return what the review shows while it is open: patterns over shared entries.

        Over the entries either partner shared, shared now, whose day falls in the
        period: the most frequent trigger tags, the most frequent tags of what helped,
        and connection and neglect week by week. Across both partners, never split by
        person, never an entry's words; read one indexed query per week of the period.

        Raises:
            NotAllowedNow: the review is not open.
        """
        review = self._open(review_id, actor, "patterns")
        return patterns_of(
            self._runner.repository,
            review.relationship_id,
            weeks=weeks_between(review.period_start, review.period_end),
            first=review.period_start,
            last=review.period_end,
            top=review.rules.top_tags,
        )

    def seed(
        self,
        review_id: uuid.UUID,
        *,
        actor: PersonId,
        takeaway: int,
        as_: Seed,
        ask: str | None = None,
    ) -> Request | Boundary:
        """Start a request or a boundary draft of *actor*'s own from one takeaway's words.

        ``as_="boundary"``: a boundary draft whose rule is the takeaway's words.
        ``as_="request"``: a request draft whose need is the takeaway's words, and whose
        ask is *ask*, or the same words until one rewrites it. The draft is made through
        that workflow's own commands (``kit.requests.draft``, ``kit.boundaries.draft``),
        so it is *actor*'s alone until they propose it; the review does not change and
        nobody is told.

        Raises:
            NotAllowedNow: the review is not open.
            InvalidInput: *takeaway* names no takeaway, *as_* is neither, or the draft
                refuses the words (too long for its rules, say).
        """
        review = self._open(review_id, actor, "seed")
        words = review.takeaway(takeaway).words
        if as_ == "boundary":
            return BoundaryCommands(self._runner).draft(
                review.relationship_id, actor=actor, rule=words
            )
        if as_ == "request":
            return RequestCommands(self._runner).draft(
                review.relationship_id, actor=actor, need=words, ask=words if ask is None else ask
            )
        raise InvalidInput("as_", "needs 'request' or 'boundary'.")

    def _open(self, review_id: uuid.UUID, actor: PersonId, action: str) -> JointReview:
        """Return the review as *actor* reads it, if it is open; else `NotAllowedNow`."""
        stored = self._visible(review_id, actor)
        review = self._as_seen(stored, check_person_id(actor, "actor"))
        if review.state is not ReviewState.OPEN:
            raise NotAllowedNow(
                kind=JointReview.WORKFLOW.name,
                action=action,
                state=review.state.value,
                allowed=self._open_moves(stored, actor, self._runner.now()),
                reason="A review shows its patterns, and seeds drafts, while it is open.",
            )
        return review
