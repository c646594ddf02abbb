"""A request, from a hurt to an agreement kept for a week: repairkit's flagship example.

Ana and Ben share a home. Ana names one concrete moment without blame (an
observation), how she feels, the need behind it, and a concrete, time-boxed ask:
"weekdays for the next week". Ben answers with another way to meet the same
need, and Ana agrees to it. For five weekdays Ben, who carries it out, marks his
own evenings kept or not (one is not, and that is recorded plainly). Ana notes
that Thursday seemed to go differently; Ben sees it differently, so it never
counts and goes to their check-in. When the time box ends `kit.timers.run_due()`
completes the request by itself, and each says what worked.

At the end the script reopens the SQLite file and tells the request's story
from its history (`kit.requests.history`): what was asked, what was offered,
who agreed, and how often it was kept, followed by the notifications each
partner received. A `ManualClock` makes the week pass in a blink, so the output
is the same on every run apart from ids.

Run it with ``make demo``, or directly::

    .venv/bin/python examples/request_negotiation.py [path/to/file.db]

Without a path it uses a temporary file and removes it afterwards.
"""

from __future__ import annotations

import sys
import tempfile
import textwrap
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import repairkit
from repairkit import ManualClock, MemoryNotifier, Schedule, TimeBox
from repairkit.requests import RequestHistory

SUNDAY_EVENING = datetime(2026, 3, 1, 19, 30, tzinfo=UTC)
MONDAY = datetime(2026, 3, 2, tzinfo=UTC)
WEEKDAYS = [MONDAY + timedelta(days=n) for n in range(5)]
MISSED = WEEKDAYS[2]  # Wednesday: one evening did not work out
NOTED = WEEKDAYS[3]  # Thursday: Ana notes it seemed to go differently
WIDTH = 88


def negotiate_and_follow_through(path: str | Path) -> tuple[uuid.UUID, MemoryNotifier]:
    """Play out the week on the SQLite file at *path*; return the request's id and notifier."""
    clock = ManualClock(SUNDAY_EVENING)
    notifier = MemoryNotifier()
    with repairkit.open(path, clock=clock, notifier=notifier) as kit:
        invitation = kit.relationships.invite("ben", actor="ana")
        couple = kit.relationships.accept_invitation(invitation.id, actor="ben")

        # Sunday evening: Ana writes her request down. Only she can see the draft.
        request = kit.requests.draft(
            couple.id,
            actor="ana",
            observation=(
                "On Thursday, when I came home at eight, the dinner dishes were still"
                " in the sink, and I washed them before I could sit down."
            ),
            feeling="tired, and a little alone with the house",
            need="To end the working day with some rest, and to feel we are a team at home.",
            ask="Could you wash the dinner dishes by 8 pm on weekdays?",
            time_box=TimeBox(
                starts_at=MONDAY, ends_at=MONDAY + timedelta(days=7), how_often=Schedule.weekdays()
            ),
        )
        kit.requests.propose(request.id, actor="ana")

        # Half an hour later Ben answers with another way to meet the same need.
        clock.advance(timedelta(minutes=30))
        kit.requests.propose_alternative(
            request.id,
            actor="ben",
            ask=(
                "I will wash the dinner dishes by 10 pm on weekdays, after our evening walk;"
                " you can leave them in the sink for me."
            ),
        )

        # Ana says yes to Ben's offer: it becomes their agreement.
        clock.advance(timedelta(minutes=15))
        kit.requests.accept(request.id, actor="ana")

        # The week: Ben carries the agreement out, so he marks his own evenings. On
        # Wednesday he worked late; the next morning he marks that evening not kept.
        # The record is plain, not a judgement.
        for day in WEEKDAYS:
            if day == MISSED:
                clock.set(day + timedelta(days=1, hours=8))
                kit.requests.record_follow_through(
                    request.id, actor="ben", kept=False, occurrence=day.date()
                )
            else:
                clock.set(day.replace(hour=22))
                kit.requests.record_follow_through(request.id, actor="ben", kept=True)
            if day == NOTED:
                # Ana cannot mark Ben's evenings; she can note that one seemed to go
                # differently. Ben is told calmly. He sees it differently (he washed
                # up at half past ten), so it never counts: it goes to their check-in.
                clock.set(day.replace(hour=23))
                kit.requests.notice_missed(request.id, actor="ana", occurrence=day.date())
                kit.requests.see_differently(
                    request.id,
                    actor="ben",
                    occurrence=day.date(),
                    view="I washed up at half past ten, after a late call.",
                )

        # The time box ends on Monday at midnight. After a day's grace for late
        # marks (RequestRules.follow_through_grace_hours), repairkit completes it.
        clock.set(MONDAY + timedelta(days=7))
        assert kit.timers.run_due() == []
        clock.set(MONDAY + timedelta(days=8))
        completed = kit.timers.run_due()
        assert [event.subject_id for event in completed] == [request.id]

        # Looking back, each says once what worked. Nothing is scored.
        kit.requests.review(request.id, actor="ana", what_worked="Coming home to a calm kitchen.")
        kit.requests.review(request.id, actor="ben", what_worked="Our walk before the dishes.")

    return request.id, notifier


def tell(history: RequestHistory) -> list[str]:
    """Return the request's story as a few calm, readable lines."""
    lines = [f"{history.asker.title()} made a request to {history.recipient.title()}."]
    if history.observation:
        lines += _wrap("What happened:", history.observation)
    if history.feeling:
        lines += _wrap("The feeling:", history.feeling)
    lines += _wrap("The need:", history.need)
    for offer in history.offers:
        verb = "asked" if offer.round == 0 else "offered another way"
        lines += _wrap(_when(offer.at), f"{offer.author.title()} {verb}: {offer.ask}")
    if history.agreement is not None:
        agreement = history.agreement
        terms = (
            "the request as asked"
            if agreement.offered_by == history.asker
            else f"{agreement.offered_by.title()}'s offer"
        )
        lines += _wrap(_when(agreement.at), f"{agreement.accepted_by.title()} agreed to {terms}.")
    agreed_box = history.agreement.time_box if history.agreement else None
    if (box := agreed_box or history.time_box) is not None:
        lines += _wrap(
            "Time box:",
            f"{box.how_often or 'as agreed'}, from {_when(box.starts_at)}"
            f" until {_when(box.ends_at)}.",
        )
    if history.occurrences:
        marks = ", ".join(
            f"{o.on:%a} {'kept' if o.kept else 'not kept'}" for o in history.occurrences
        )
        lines += _wrap(
            "Follow-through:", f"kept {history.kept} of {len(history.occurrences)} ({marks})."
        )
    if history.completed_because:
        lines += _wrap(
            "Completed:", _ENDINGS.get(history.completed_because, f"{history.completed_because}.")
        )
    for review in history.reviews:
        lines += _wrap("What worked:", f"{review.by.title()}: {review.what_worked}")
    return lines


_ENDINGS = {
    "time box ended": "its time box ended, and repairkit closed it.",
    "both agreed": "both partners agreed it had done its work.",
}


def print_notifications(notifier: MemoryNotifier) -> None:
    """Print what each partner heard, in order (messages never quote a partner's words)."""
    for person in ("ana", "ben"):
        received = notifier.for_person(person)
        print(f"{person.title()} received {len(received)} notifications:")
        for note in received:
            print("\n".join(_wrap(_when(note.created_at), f"({note.kind.value}) {note.message}")))
        print()


def _wrap(label: str, text: str) -> list[str]:
    head = f"  {label:<17} "
    return textwrap.wrap(text, width=WIDTH, initial_indent=head, subsequent_indent=" " * len(head))


def _when(at: datetime) -> str:
    return f"{at:%a %d %b %H:%M}"


def run(path: str | Path) -> None:
    """Play out the week, then reopen the file and tell the request's story from it."""
    request_id, notifier = negotiate_and_follow_through(path)
    # A fresh kit on the same file: the story is read back from what was stored, on
    # the day after it completed (marks older than the 14-day window are settled and
    # shown nowhere, so read later the story would show no marks at all).
    with repairkit.open(path, clock=ManualClock(MONDAY + timedelta(days=8))) as kit:
        history = kit.requests.history(request_id, actor="ana")
        assert history == kit.requests.history(request_id, actor="ben")
    # A month on, the week has left the window: Ana reads nothing of its days on any
    # read path (setbacks age out), while Ben, whose record it is, keeps his own marks.
    with repairkit.open(path, clock=ManualClock(MONDAY + timedelta(days=30))) as kit:
        later = kit.requests.get(request_id, actor="ana")
        assert (later.marks, later.notices) == ((), ())
        assert not any(e.AGES_OUT for e in kit.requests.events(request_id, actor="ana"))
        own = len(kit.requests.get(request_id, actor="ben").marks)
    print("The story of one request, as both partners can read it:")
    print()
    for line in tell(history):
        print(line)
    print()
    print(f"A month later Ana reads none of those days; Ben still reads his own {own} marks.")
    print()
    print_notifications(notifier)


def main(argv: list[str]) -> None:
    """Run the story on the SQLite file named in *argv* (a temporary one when omitted)."""
    if len(argv) > 1:
        path = Path(argv[1])
        run(path)
        print(f"Everything above is stored in {path}.")
        return
    with tempfile.TemporaryDirectory(prefix="repairkit-demo-") as folder:
        run(Path(folder) / "demo.db")
        print("Everything above was stored in a temporary SQLite file, now removed.")


if __name__ == "__main__":
    main(sys.argv)
