"""The language check: each kind of finding, its suggestions, its words as data, and purity."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from repairkit.errors import InvalidInput
from repairkit.language import (
    ENGLISH,
    FauxFeeling,
    Finding,
    FindingKind,
    Suggestions,
    Words,
    check,
    english,
)
from repairkit.testing import _words
from repairkit.testing.safety import blaming_words

ABSOLUTE = FindingKind.ABSOLUTE
ACCUSATION = FindingKind.YOU_ACCUSATION
THOUGHT = FindingKind.THOUGHT_AS_FEELING
FAUX = FindingKind.FAUX_FEELING
DEMAND = FindingKind.DEMAND
SARCASM = FindingKind.SARCASM


def _found(text: str, words: Words = ENGLISH) -> list[tuple[FindingKind, str]]:
    """Return each finding of *text* as its kind and the words it points at."""
    return [(f.kind, text[f.start : f.end]) for f in check(text, words=words)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("You always leave the lights on.", (ABSOLUTE, "always")),
        ("It never rains but it pours with you.", (ABSOLUTE, "never")),
        ("Every time we visit, it ends in a fight.", (ABSOLUTE, "Every time")),
        ("You are on your phone all the time.", (ABSOLUTE, "all the time")),
        ("Not once did you ask.", (ABSOLUTE, "Not once")),
        ("I'm always the one who tidies up.", (ABSOLUTE, "I'm always the one")),
        ("You're so selfish.", (ACCUSATION, "You're so selfish")),
        ("You don't care.", (ACCUSATION, "You don't care")),
        ("You make me feel small.", (ACCUSATION, "You make me feel")),
        ("It's your fault.", (ACCUSATION, "It's your fault")),
        ("What is wrong with you?", (ACCUSATION, "What is wrong with you")),
        ("I feel that you lied.", (THOUGHT, "I feel that")),
        ("I feel like a stranger here.", (THOUGHT, "I feel like")),
        ("I felt as if nobody was there.", (THOUGHT, "I felt as if")),
        ("I feel you are hiding it.", (THOUGHT, "I feel you")),
        ("I felt ignored.", (FAUX, "ignored")),
        ("I'm so tired of being taken for granted.", (FAUX, "taken for granted")),
        ("You let me down.", (FAUX, "let")),
        ("You ignore me when your friends are here.", (FAUX, "ignore")),
        ("I feel so invisible.", (FAUX, "invisible")),
        ("You need to tidy up.", (DEMAND, "You need to")),
        ("From now on we eat at seven.", (DEMAND, "From now on")),
        ("Do it or else.", (DEMAND, "or else")),
        ("You'd better be there.", (DEMAND, "You'd better")),
        ("You should have called.", (DEMAND, "You should have")),
        ("Stop shouting.", (DEMAND, "Stop shouting")),
        ("Oh great, another Monday.", (SARCASM, "Oh great")),
        ("Yeah, right.", (SARCASM, "Yeah, right")),
        ("Thanks for nothing.", (SARCASM, "Thanks for nothing")),
        ("Sure, you were 'busy'.", (SARCASM, "'busy'")),
        ("Must be nice.", (SARCASM, "Must be nice")),
    ],
)
def test_each_kind_is_found_where_it_is_said(text, expected):
    assert expected in _found(text)


@pytest.mark.parametrize(
    "text",
    [
        "I always forget my keys; could we put a hook by the door?",
        "I've never told you how much that trip meant to me.",
        "On Tuesday you checked your phone twice at dinner, and I felt lonely.",
        "I feel sad and tired tonight.",
        "I feel grateful that you listened.",
        "Do you need to borrow the car tomorrow?",
        "Would you be willing to call me if you're running late?",
        "I interrupted you earlier, and I'm sorry.",
        "We used the big pan for the soup.",
        "I'd like us to cook together on Wednesdays.",
        "Thank you for always making time for my mum.",
        "You must be exhausted after that flight.",
        "I got used to the noise after a week.",
        "I know you never meant to hurt me.",
        "If you need to talk, I'm here.",
        "You never know, it might work.",
        "I'm always happy to help.",
        "I feel you, that sounds hard.",
        "Could you text me when you will be late?",
        "",
        "   ",
    ],
)
def test_a_describing_text_has_no_finding(text):
    assert check(text) == ()


def test_a_faux_feeling_names_the_feelings_and_needs_under_it():
    (found,) = check("I felt ignored.")
    assert found.feelings == ("hurt", "lonely")
    assert found.needs == ("connection", "being seen")
    assert "hurt or lonely" in found.suggestion
    assert "connection or being seen" in found.suggestion


def test_findings_come_in_text_order_and_one_sentence_may_hold_several():
    text = "You never listen, I feel so unheard, and from now on you need to ask."
    kinds = [kind for kind, _ in _found(text)]
    assert kinds == [ACCUSATION, ABSOLUTE, FAUX, DEMAND, DEMAND]
    starts = [f.start for f in check(text)]
    assert starts == sorted(starts)


def test_a_typographic_apostrophe_reads_as_a_plain_one_and_spans_still_hold():
    text = "You\u2019re so selfish."
    assert _found(text) == [(ACCUSATION, "You\u2019re so selfish")]


@pytest.mark.parametrize(
    "text", ["Sure, you were \u2018busy\u2019.", "Sure, you were \u201cbusy\u201d."]
)
def test_typographic_quotes_read_as_plain_ones(text):
    assert _found(text) == [(SARCASM, text[15:21])]


@pytest.mark.parametrize("text", ["\ud800 you never \udfff", "\x00" * 50, "never\x00always"])
def test_text_no_storage_could_keep_is_still_read(text):
    """Lone surrogates and NUL characters: the check reads them and raises nothing."""
    for finding in check(text):
        assert 0 <= finding.start < finding.end <= len(text)


def test_a_pattern_whose_span_group_takes_no_part_points_at_the_whole_match():
    words = ENGLISH.extended(sarcasm=(r"\bslow clap\b|(?P<span>\bmeh\b)",))
    assert _found("Slow clap.", attrs.evolve(words, absolutes=())) == [(SARCASM, "Slow clap")]
    assert _found("Meh, fine.", words) == [(SARCASM, "Meh")]


def test_every_suggestion_is_calm_and_quotes_nothing_of_the_text():
    """Each suggestion passes the check repairkit applies to its own texts (safety rule 8)."""
    said = english.SUGGESTIONS
    texts = [said.absolute, said.you_accusation, said.thought_as_feeling, said.demand]
    texts += [said.sarcasm, *(said.for_faux_feeling(f) for f in ENGLISH.faux_feelings)]
    for text in texts:
        assert blaming_words(text) == [], text
        assert check(text) == (), text
    finding = check("You are so lazy and I felt betrayed.")
    assert all("lazy" not in f.suggestion and "betrayed" not in f.suggestion for f in finding)


@pytest.mark.parametrize("value", [None, b"You never listen", 42, ["You never listen"]])
def test_what_is_not_text_is_refused_in_calm_words(value):
    with pytest.raises(InvalidInput) as refused:
        check(value)
    assert refused.value.field == "text"
    assert blaming_words(str(refused.value)) == []


def test_words_that_are_not_words_are_refused():
    with pytest.raises(InvalidInput) as refused:
        check("Hello", words="en")  # type: ignore[arg-type]
    assert refused.value.field == "words"


def test_the_check_is_pure_same_text_same_findings_frozen_values():
    text = "You always do this. I feel like a guest here."
    first = check(text)
    assert check(text) == first
    assert check("") == ()
    assert check(text) == first
    assert isinstance(first, tuple)
    assert all(isinstance(f, Finding) for f in first)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        first[0].start = 3  # type: ignore[misc]


def test_an_app_extends_the_words_and_keeps_repairkits():
    words = ENGLISH.extended(
        sarcasm=(r"\bslow clap\b",),
        faux_feelings=(FauxFeeling(word="sidelined", feelings=("sad",), needs=("inclusion",)),),
    )
    assert _found("Slow clap for that.", words) == [(SARCASM, "Slow clap")]
    assert _found("I felt sidelined.", words) == [(FAUX, "sidelined")]
    assert _found("I felt sidelined.") == []
    assert _found("Yeah, right.", words) == [(SARCASM, "Yeah, right")]
    assert ENGLISH.sarcasm == english.ENGLISH.sarcasm  # the shipped words are unchanged


def test_an_app_replaces_a_list():
    words = attrs.evolve(ENGLISH, sarcasm=())
    assert _found("Yeah, right.", words) == []
    assert _found("You never call.", words) != []


def test_another_language_is_a_words_value_of_its_own():
    french = Words(
        language="fr",
        suggestions=Suggestions(
            absolute="Décrivez un moment précis.",
            you_accusation="Essayez de parler de vous.",
            thought_as_feeling="C'est une pensée : nommez le sentiment.",
            faux_feeling="Dessous, peut-être : {feelings} ; un besoin : {needs}.",
            demand="Une demande laisse place à un non.",
            sarcasm="Dites-le simplement.",
            or_word="ou",
        ),
        absolutes=(r"\btoujours\b", r"\bjamais\b"),
        faux_feelings=(FauxFeeling(word="ignorée?", feelings=("triste", "seul"), needs=("lien",)),),
        faux_frames=(r"\b(?:me sens|suis)\s+(?P<span>{word})\b",),
    )
    text = "Tu es toujours en retard et je me sens ignorée."
    found = check(text, words=french)
    assert [(f.kind, text[f.start : f.end]) for f in found] == [
        (ABSOLUTE, "toujours"),
        (FAUX, "ignorée"),
    ]
    assert found[1].suggestion == "Dessous, peut-être : triste ou seul ; un besoin : lien."
    assert check("You never listen.", words=french) == ()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("absolutes", ("(unclosed",)),
        ("absolutes", "always"),
        ("demands", ("",)),
        ("faux_frames", ("felt (?P<span>{word}",)),
        ("faux_frames", (r"\bfelt\b",)),
        ("language", ""),
        ("faux_feelings", ("ignored",)),
        ("suggestions", "Be kind."),
    ],
)
def test_words_that_cannot_work_are_refused_when_built(field, value):
    with pytest.raises(InvalidInput) as refused:
        attrs.evolve(ENGLISH, **{field: value})
    assert refused.value.field == field


def test_a_faux_feeling_without_feelings_or_with_a_broken_word_is_refused():
    with pytest.raises(InvalidInput):
        FauxFeeling(word="sidelined", feelings=(), needs=("inclusion",))
    with pytest.raises(InvalidInput):
        FauxFeeling(word="side(lined", feelings=("sad",), needs=("inclusion",))
    with pytest.raises(InvalidInput):
        Suggestions(
            absolute="", you_accusation="a", thought_as_feeling="a", faux_feeling="a",
            demand="a", sarcasm="a",
        )  # fmt: skip


def test_the_safety_suite_reads_its_words_from_the_language_check():
    """One place for the word data: the library's own texts are checked against it."""
    assert tuple(f.word for f in english.FAUX_FEELINGS) == _words.FAUX_FEELINGS
    assert _words.ABSOLUTES[: len(english.ABSOLUTES)] == english.ABSOLUTES
    assert _words.PRESSURE is english.PRESSURE
    assert {f.word for f in english.FAUX_FEELINGS} <= {f.word for f in ENGLISH.faux_feelings}


@given(st.text())
def test_the_check_never_raises_and_its_spans_are_valid(text):
    found = check(text)
    for finding in found:
        assert 0 <= finding.start < finding.end <= len(text)
        assert finding.kind in FindingKind
        assert finding.suggestion
        assert blaming_words(finding.suggestion) == []
    assert [f.start for f in found] == sorted(f.start for f in found)
    assert len({(f.kind, f.start, f.end) for f in found}) == len(found)


@given(
    st.lists(
        st.sampled_from(
            ["You", " never", " always", " I feel", " like", " ignored", " you need to", "'",
             "\u2019re", " so selfish", " Yeah, right", ".", "!", " ", "🙄", "or else"]
        )
    ).map("".join)
)  # fmt: skip
def test_the_check_never_raises_on_texts_made_of_its_own_words(text):
    for finding in check(text):
        assert 0 <= finding.start < finding.end <= len(text)
