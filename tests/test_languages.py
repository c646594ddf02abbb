"""Texts in more than one language: catalogs, a person's language at delivery, overrides."""

from __future__ import annotations

import importlib.util
import pickle
import re
import sys
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import repairkit
from repairkit import InvalidInput, ManualClock, MemoryNotifier, NotAllowedNow, NotFound, TimeBox
from repairkit.core.notices import Quiet, notifications_for
from repairkit.i18n import LANGUAGES, Languages, _catalog, normalize, translate
from repairkit.registry import WORKFLOWS
from repairkit.requests import RequestNotice
from repairkit.testing._histories import SUITE, Histories
from repairkit.testing._words import BLAMING_BY_LANGUAGE, blaming_words
from repairkit.testing.strategies import built

ROOT = Path(__file__).resolve().parent.parent
NOTICE_PLACEHOLDERS = {"minutes", "hours"}
"""What a notification's text may hold besides words of repairkit's: counts of time."""
ERROR_PLACEHOLDERS = {
    *("moves", "noun", "kind", "action", "state", "trigger", "workflow", "known", "parts"),
    *("name", "missing", "expected_version", "high", "low", "limit", "most", "length"),
    *("max_length", "when", "max_items", "max_topics", "kinds", "names", "days", "weeks"),
    *("own", "own_repr", "opens", "current", "marked", "skills", "per_week", "day", "count"),
    *("besides", "choices", "outcomes", "scopes", "shortest", "longest", "hours", "last"),
    *("how_often", "word", "verb", "feelings", "needs", "description", "doing", "opens"),
    "per_day",
}
"""What an error's template may hold: repairkit's own names (of moves, kinds, states, types)
and numbers, dates and times; never a value given, never a partner's words."""


def _catalogs_script() -> Any:
    spec = importlib.util.spec_from_file_location("catalogs", ROOT / "scripts" / "catalogs.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["catalogs"] = module
    spec.loader.exec_module(module)
    return module


def couple_kit(languages: dict[str, str] | None = None, **options: Any) -> Any:
    clock = ManualClock(datetime(2026, 3, 2, 9, tzinfo=UTC))
    notifier = MemoryNotifier()
    language_of = None if languages is None else (lambda person: languages.get(person, "en"))
    kit = repairkit.open(
        options.pop("path", None),
        clock=clock,
        notifier=notifier,
        language_of=language_of,
        **options,
    )
    invitation = kit.relationships.invite("ben", actor="ana")
    couple = kit.relationships.accept_invitation(invitation.id, actor="ben")
    return kit, couple, notifier, clock


def propose(kit: Any, couple: Any, clock: ManualClock) -> Any:
    week = TimeBox(starts_at=clock.now(), ends_at=clock.now() + timedelta(days=7))
    request = kit.requests.draft(
        couple.id, actor="ana", need="Ruhe nach der Arbeit", ask="eine stille Stunde", time_box=week
    )
    return kit.requests.propose(request.id, actor="ana")


def _tell_all(notices: Any, registry: Any, language: str, told: set[str]) -> None:
    """Run every rule of *notices* over drawn events; check each text in *language*."""

    @settings(
        max_examples=10,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(data=st.data())
    def check(data: st.DataObject) -> None:
        for event_type, rule in notices.items():
            if isinstance(rule, Quiet):
                continue
            event: Any = data.draw(built(event_type, registry))
            event = attrs.evolve(event, private_to=None)
            # the people an event may name besides the partners: a third person, the
            # partner a consequence is offered to, the partner practising
            named = [getattr(event, name, None) for name in ("facilitator", "to", "assignee")]
            audience = ("ana", "ben", *(p for p in named if isinstance(p, str)))
            for note in notifications_for(event, audience, rule):
                said = translate(note.message, language)
                assert said.language == language, f"no {language} text for {note.message!r}"
                assert not blaming_words(said.text, language), said.text
                told.add(note.kind.value)

    check()


def test_the_catalogs_match_the_sources():
    """The .pot holds every text of the sources, every .po translates it, every .mo is compiled."""
    assert _catalogs_script().problems() == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_notice_kind_has_a_text_in_every_language(language):
    """Every notice rule of the registry, for any event, is said whole in every language."""
    registry = repairkit.WORKFLOWS
    told: set[str] = set()
    for spec in registry:
        _tell_all(spec.notices, registry, language, told)
    assert told, "no rule told anybody anything"
    never_sent = {"partner came back"}  # its event is quiet: coming back is one's own
    assert set(registry.notice_kinds) - told == never_sent


def test_no_text_holds_a_placeholder_for_words():
    """Placeholders stand for counts, repairkit's own names or numbers, never for words."""
    for language in LANGUAGES:
        for msgid, msgstr in _catalog(language).items():
            names = set(re.findall(r"\{([a-z_]+)\}", msgid))
            assert names <= NOTICE_PLACEHOLDERS | ERROR_PLACEHOLDERS, msgid
            assert set(re.findall(r"\{([a-z_]+)\}", msgstr)) <= names, msgstr
    said = translate(
        "Your partner started a timer for this talk. After some words you will both hear that"
        " a time-out might help; it is advice only.",
        "de",
    )
    assert said.language == "en"  # a placeholder takes a number, never words


@pytest.mark.parametrize("language", sorted(BLAMING_BY_LANGUAGE))
def test_the_shipped_texts_are_calm_in_every_language(language):
    """No shipped text says a blaming, shaming or pressing word of its language's list."""
    assert set(BLAMING_BY_LANGUAGE) == set(LANGUAGES)
    for text in _catalog(language).values():
        assert not blaming_words(text, language), f"{text!r} says {blaming_words(text, language)}"


def test_the_german_list_catches_blame():
    """The German list knows absolutes, demands and blame."""
    assert blaming_words("Du kommst immer zu spät.", "de") == ["immer"]
    assert blaming_words("Das musst du endlich lernen.", "de") == ["musst", "endlich"]
    assert blaming_words("Ich fühle mich von dir ignoriert; das ist deine Schuld.", "de") == [
        "ignoriert",
        "Schuld",
    ]


@pytest.mark.parametrize("path", [None, "sqlite"])
def test_a_german_kit_delivers_german_notifications(path, tmp_path):
    """Ben reads German: what reaches him is German and says so; Ana's stays English."""
    where = None if path is None else tmp_path / "couple.db"
    kit, couple, notifier, clock = couple_kit({"ben": "de-DE"}, path=where)
    request = propose(kit, couple, clock)
    kit.requests.decline(request.id, actor="ben")
    (made, answered) = notifier.received
    assert (made.recipient, made.language) == ("ben", "de")
    assert made.message == "An dich wurde eine Bitte gerichtet. Lass dir Zeit mit der Antwort."
    assert (answered.recipient, answered.language) == ("ana", "en")
    assert answered.message.startswith("Your request was answered: not this time.")
    for note in notifier.received:
        assert "Ruhe" not in note.message
        assert "Stunde" not in note.message
    kit.close()


def test_the_outbox_keeps_english_and_the_language_of_delivery_applies():
    """A notification waits in English; the person's language when it goes out is used."""
    languages = {"ben": "en"}
    kit, couple, _, clock = couple_kit(languages)
    kit._runner.courier.notifier = None  # the app pulls
    propose(kit, couple, clock)
    (waiting,) = kit.outbox.waiting()
    assert (waiting.language, waiting.message) == (
        "en",
        "A request was made to you. Take your time to answer.",
    )
    languages["ben"] = "de"  # Ben changed his language before the app pulled
    (pulled,) = kit.outbox.pending()
    assert pulled.language == "de"
    assert pulled.id == waiting.id
    assert kit.outbox.waiting()[0].message == waiting.message  # stored as it was


def test_a_number_in_a_text_is_carried_into_the_translation():
    """A talk's timer says its minutes in German, too."""
    kit, couple, notifier, _ = couple_kit({"ben": "de"})
    kit.talks.start(couple.id, actor="ana", limit_minutes=20)
    (timed,) = [n for n in notifier.received if n.recipient == "ben"]
    assert timed.language == "de"
    assert "Nach 20 Minuten" in timed.message


def test_a_text_per_kind_overrides_repairkits_own():
    """An app's own text of a kind replaces repairkit's, in its language only."""
    texts = {
        "de": {RequestNotice.REQUEST_MADE: "Eine Bitte wartet auf dich, ganz in Ruhe."},
        "en": {RequestNotice.REQUEST_MADE: "A request waits for you, in your own time."},
    }
    kit, couple, notifier, clock = couple_kit({"ben": "de"}, texts=texts)
    propose(kit, couple, clock)
    assert [(n.message, n.language) for n in notifier.received] == [
        ("Eine Bitte wartet auf dich, ganz in Ruhe.", "de")
    ]
    kit2, couple2, notifier2, clock2 = couple_kit(texts=texts)
    propose(kit2, couple2, clock2)
    assert notifier2.received[0].message == "A request waits for you, in your own time."


def test_an_override_in_a_language_without_a_catalog_is_used():
    """A language repairkit does not ship is spoken where the app gave a text."""
    texts = {"fr": {RequestNotice.REQUEST_MADE: "Une demande t'attend."}}
    kit, couple, notifier, clock = couple_kit({"ben": "fr"}, texts=texts)
    propose(kit, couple, clock)
    assert [(n.message, n.language) for n in notifier.received] == [("Une demande t'attend.", "fr")]


@pytest.mark.parametrize("language", ["fr", "", "x", "123", None, "de_AT"])
def test_an_unknown_language_falls_back_to_english(language):
    """A language without a catalog, or no language tag at all, reads as English."""
    kit, couple, notifier, clock = couple_kit({"ben": language})  # type: ignore[dict-item]
    propose(kit, couple, clock)
    (note,) = notifier.received
    expected = "de" if language == "de_AT" else "en"
    assert note.language == expected
    if expected == "en":
        assert note.message == "A request was made to you. Take your time to answer."


def test_a_failing_language_function_delivers_english(caplog):
    """A language_of that raises never holds a notification back: English goes out."""

    def broken(_person: str) -> str:
        raise KeyError(_person)

    languages = Languages(broken)
    assert languages.of("ben") == "en"
    assert "ben" not in caplog.text


def test_the_plugs_are_checked():
    """A language_of that is no function, or texts naming no notice kind, are refused."""
    with pytest.raises(InvalidInput) as error:
        repairkit.open(language_of="de")  # type: ignore[arg-type]
    assert error.value.field == "language_of"
    with pytest.raises(InvalidInput) as error:
        repairkit.open(texts={"de": {"no such kind": "Hallo"}})
    assert error.value.field == "texts"
    with pytest.raises(InvalidInput):
        repairkit.open(texts={"de": {RequestNotice.REQUEST_MADE: " "}})
    with pytest.raises(InvalidInput):
        repairkit.open(texts=["de"])  # type: ignore[arg-type]


def test_normalize():
    assert [normalize(x) for x in ("de-DE", "DE", "de_CH", "en-GB", "", "12", None)] == [
        "de",
        "de",
        "de",
        "en",
        "en",
        "en",
        "en",
    ]


def test_errors_are_said_in_german():
    """An error keeps its English template and values, and says them in German on request."""
    kit, couple, _, clock = couple_kit()
    with pytest.raises(NotFound) as missing:
        kit.relationships.get(uuid.uuid4(), actor="ana")
    assert missing.value.message_in("de").startswith("Unter dieser ID ist hier nichts gespeichert")
    assert missing.value.message_in("fr") == str(missing.value)
    request = propose(kit, couple, clock)
    with pytest.raises(NotAllowedNow) as refused:
        kit.requests.propose(request.id, actor="ana")
    german = refused.value.message_in("de")
    assert "ist gerade nicht möglich" in german
    back = pickle.loads(pickle.dumps(refused.value))  # noqa: S301 - our own bytes
    assert back.message_in("de") == german
    assert refused.value.message_in("en") == str(refused.value)


def test_a_refused_input_is_said_in_german():
    """An InvalidInput of the core says its reason in German, its field as it is."""
    kit, couple, _, _ = couple_kit()
    with pytest.raises(InvalidInput) as empty:
        kit.requests.draft(couple.id, actor="ana", need="", ask="a walk on Sundays")
    assert empty.value.message_in("de") == "need: ist leer; ein paar Worte genügen."
    with pytest.raises(InvalidInput) as long:
        kit.requests.draft(couple.id, actor="ana", need="x" * 5000, ask="a walk")
    assert "Zeichen lang; bitte bleib bei höchstens" in long.value.message_in("de")
    assert "xxx" not in long.value.message_in("de")


def test_a_move_that_is_not_yours_is_said_in_german():
    """A NotPermitted says whose move it is in German, the role's own words included."""
    kit, couple, _, clock = couple_kit()
    request = propose(kit, couple, clock)
    with pytest.raises(repairkit.NotPermitted) as refused:
        kit.requests.accept(request.id, actor="ana")
    german = refused.value.message_in("de")
    assert german.startswith("Dies wartet auf die Antwort der anderen Person")
    assert "Was dir jetzt offensteht: " in german
    again = refused.value.with_allowed(("withdraw",))
    assert again.message_in("de").endswith("Was dir jetzt offensteht: withdraw.")
    back = pickle.loads(pickle.dumps(refused.value))  # noqa: S301 - our own bytes
    assert back.message_in("de") == german


def test_an_error_without_a_german_text_is_english_whole():
    """A part without a translation makes the whole message English: never two languages."""
    error = NotAllowedNow(
        kind="request", action="propose", state="draft", allowed=(), reason="An app's own reason."
    )
    assert error.message_in("de") == str(error)
    assert (
        InvalidInput("need", "An app's own reason.").message_in("de")
        == "need: An app's own reason."
    )


class TestEveryRefusalIsSaidInGerman(Histories):
    """Each refusal met along random histories of every workflow has its German words.

    `RepairkitError.message_in` gives the English message whole when any part of it has
    no translation, so a refusal said the same in both languages lacks one.
    """

    def pytest_generate_tests(self, metafunc: pytest.Metafunc) -> None:
        if "spec" in metafunc.fixturenames:
            specs = [s for s in WORKFLOWS if s.safety is not None]
            metafunc.parametrize("spec", specs, ids=lambda s: s.name)

    @SUITE
    @given(data=st.data())
    def test_every_refusal_is_said_in_german(self, spec: Any, data: st.DataObject) -> None:
        world = self._last(self._play(spec, [], data=data))
        english = [str(e) for e in world.errors if e.message_in("de") == str(e)]
        assert not english, f"{spec.name}: no German for {english}"


def test_invitations_that_cannot_be_sent_are_said_in_german():
    """Each refusal of `kit.relationships.invite` has its German words."""
    kit = repairkit.RepairKit(clock=ManualClock(datetime(2026, 5, 4, 9, tzinfo=UTC)))
    first = kit.relationships.invite("ben", actor="ana")
    refusals = []
    with pytest.raises(NotAllowedNow) as open_already:
        kit.relationships.invite("ben", actor="ana")
    refusals.append(open_already.value)
    kit.relationships.decline_invitation(first.id, actor="ben")
    with pytest.raises(NotAllowedNow) as theirs:
        kit.relationships.invite("ben", actor="ana")
    refusals.append(theirs.value)
    for n in range(10):
        try:
            kit.relationships.invite(f"friend-{n}", actor="ana")
        except NotAllowedNow as limit:
            refusals.append(limit)
            break
    assert len(refusals) == 3
    for refused in refusals:
        assert refused.message_in("de") != str(refused), str(refused)
