"""English, the language repairkit ships: the words its checks look for, in one place.

The lists the practices name (docs/practices.md, Observation) are kept as they are
named there: `ABSOLUTES`, `DEMANDS`, `FAUX_FEELINGS`. What repairkit adds to them for
the language check (more faux feelings from the same tradition, the shapes of a
"you" accusation, sarcasm markers) is marked as repairkit's own. `PRESSURE` is what
repairkit's own texts never say to a person; the safety suite
(`repairkit.testing.SafetyContract`, rule 8) checks every text of the library against
`ABSOLUTES`, "from now on", "finally", `PRESSURE` and the words of `FAUX_FEELINGS`.
"""

from __future__ import annotations

from repairkit.language.words import FauxFeeling, Suggestions, Words

__all__ = [
    "ABSOLUTES",
    "DEMANDS",
    "ENGLISH",
    "FAUX_FEELINGS",
    "MORE_FAUX_FEELINGS",
    "PRESSURE",
    "SUGGESTIONS",
]

ABSOLUTES = ("always", "never", "every time")
"""Absolutes, a moment turned into a verdict (docs/practices.md, Observation)."""
DEMANDS = ("you need to", "from now on", "or else")
"""Demands, a request turned into a duty (docs/practices.md, Observation and Request;
"from now on" is listed there with the absolutes: it is both)."""
PRESSURE = ("again", "still", "overdue", r"fail(?:ed|s|ure)?", "should", r"needs? to")
"""Pressure: what repairkit's own texts never say to a person (repairkit's own list,
after docs/practices.md, Request: "should" and "need to" tell a person what to do)."""


def _faux(word: str, feelings: str, needs: str, verb: str | None = None) -> FauxFeeling:
    return FauxFeeling(
        word=word, feelings=tuple(feelings.split(", ")), needs=tuple(needs.split(", ")), verb=verb
    )


# One partner's lines, for the other partner: "you let me down", "you take me for granted".
_ME = r"(?=\s+(?:me|us)\s+"

FAUX_FEELINGS = (
    _faux("abandoned", "lonely, scared, sad", "connection, support", r"abandon(?:s|ed|ing)?"),
    _faux("attacked", "scared, hurt", "safety, respect", r"attack(?:s|ed|ing)?"),
    _faux("betrayed", "hurt, shocked", "trust, honesty", r"betray(?:s|ed|ing)?"),
    _faux("belittled", "hurt, embarrassed", "respect, recognition", r"belittl(?:e|es|ed|ing)"),
    _faux("cheated", "hurt, disappointed", "fairness, honesty"),
    _faux("dismissed", "hurt, frustrated", "being heard, respect", r"dismiss(?:es|ed|ing)?"),
    _faux("ignored", "hurt, lonely", "connection, being seen", r"ignor(?:e|es|ed|ing)"),
    _faux("interrupted", "frustrated, impatient", "being heard, consideration", r"interrupt(?:s|ed|ing)?"),
    _faux("let down", "disappointed, sad", "reliability, trust", r"let(?:s|ting)?" + _ME + r"down)"),
    _faux("manipulated", "wary, uneasy", "autonomy, honesty", r"manipulat(?:e|es|ed|ing)"),
    _faux("misunderstood", "frustrated, lonely", "understanding, being heard", r"misunderst(?:and|ands|anding|ood)"),
    _faux("neglected", "lonely, sad", "care, attention", r"neglect(?:s|ed|ing)?"),
    _faux("patronized", "annoyed, frustrated", "respect, equality", r"patroni[sz](?:e|es|ed|ing)"),
    _faux("put down", "hurt, embarrassed", "respect, acceptance", r"put(?:s|ting)?" + _ME + r"down)"),
    _faux("rejected", "hurt, sad", "acceptance, belonging", r"reject(?:s|ed|ing)?"),
    _faux("taken for granted", "sad, tired", "appreciation, recognition", r"(?:take|takes|took|taking)" + _ME + r"for granted)"),
    _faux("unappreciated", "sad, discouraged", "appreciation, recognition"),
    _faux("unheard", "sad, frustrated", "being heard, understanding"),
    _faux("unseen", "lonely, sad", "being seen, connection"),
    _faux("unsupported", "overwhelmed, worried", "support, help"),
    _faux("unwanted", "sad, lonely", "belonging, acceptance"),
    _faux("used", "angry, hurt", "mutuality, fairness", r"use[sd]?"),
)  # fmt: skip
"""The faux feelings the practices list (Nonviolent Communication, Rosenberg; see
docs/practices.md, Observation), each with feelings and needs that may lie under it
(the mapping is repairkit's own wording, after the NVC feelings and needs lists)."""

MORE_FAUX_FEELINGS = (
    _faux("invisible", "lonely, sad", "being seen, connection"),
    _faux("left out", "lonely, sad", "inclusion, belonging", r"le(?:ave|aves|ft|aving)" + _ME + r"out)"),
    _faux("pressured", "anxious, tense", "choice, ease", r"pressur(?:e|es|ed|ing)"),
    _faux("criticized", "hurt, tense", "acceptance, understanding", r"critici[sz](?:e|es|ed|ing)"),
    _faux("judged", "hurt, tense", "acceptance, understanding", r"judg(?:e|es|ed|ing)"),
    _faux("unloved", "sad, lonely", "affection, closeness"),
    _faux("cornered", "scared, tense", "choice, safety"),
    _faux("smothered", "overwhelmed, restless", "space, autonomy", r"smother(?:s|ed|ing)?"),
    _faux("unimportant", "sad, hurt", "to matter, consideration"),
    _faux("disrespected", "hurt, angry", "respect, dignity", r"disrespect(?:s|ed|ing)?"),
    _faux("controlled", "angry, restless", "autonomy, choice", r"control(?:s|led|ling)?"),
)  # fmt: skip
"""More faux feelings from the same tradition (repairkit's own picks, after the NVC
lists of words that describe what others do rather than what one feels)."""

_INTENSIFIER = r"(?:so |very |really |completely |totally |pretty |kind of |a bit |a little |just |always |constantly |often )*"

FAUX_FRAMES = (
    # said of oneself: "I feel ignored", "I was let down", "being taken for granted"
    r"\b(?:feel|feels|felt|feeling|am|'m|was|were|get|gets|got|getting|been|being)\s+"
    + _INTENSIFIER + r"(?P<span>{word})\b(?!(?<=used)\s+to\b)",
    # said of the other: "you ignored me", "you just let me down", "you take me for granted"
    r"\byou(?:'ve|'re| have| are| had| were)?\s+" + _INTENSIFIER + r"(?P<span>{verb})(?=\s+(?:me|us)\b)",
)  # fmt: skip
"""Where a faux feeling word counts (repairkit's own): after a word of feeling or being,
or as the other's act on the writer; "the meeting was interrupted" counts too, "I
interrupted him" and "I got used to it" do not."""

_ABSOLUTE = (
    r"(?<!\bI )(?<!\bI'd )(?<!\bI'll )(?<!\bI've )(?<!\bI'm )(?<!\bI am )(?<!\bI have )"
    r"(?<!\bI would )(?<!\bfor )"
)

_ABSOLUTES = (
    _ABSOLUTE
    + r"\b(?:"
    + "|".join(ABSOLUTES)
    + r"|every single time)\b(?! know\b| mind\b| meant\b)",
    r"\b(?:all the time|constantly|not (?:even )?once|every single (?:day|night|week)|each and every)\b",
    r"\b(?:nothing|everything) I (?:do|say|ask)\b",
    r"\b(?:I'm|I am) (?:always|never) the one\b|\bit's (?:always|never) me\b",
    r"\byou (?:don't|do not|didn't|did not|won't|can't) ever\b",
    r"\bnobody (?:ever )?(?:listens|cares|helps)\b",
)
"""The practices' absolutes, unless the writer says it of themselves ("I always forget
my keys"), and repairkit's own ("all the time", "constantly", "not once")."""

_VERDICT = (
    r"selfish|lazy|rude|cold|useless|impossible|ridiculous|childish|crazy|insane|mean|"
    r"careless|inconsiderate|thoughtless|controlling|dramatic|overreacting|paranoid|"
    r"irresponsible|unreliable|hopeless|pathetic|stupid|clueless|toxic|heartless|cruel|"
    r"arrogant|a liar|a mess|the worst|the problem|unbelievable|too sensitive|so sensitive|"
    r"oversensitive|obsessed|a child|child|a baby|baby|immature|ungrateful|cheap|stubborn|a joke|"
    r"just like your (?:mother|father|mom|dad)|incapable|hysterical|jealous|needy|clingy|"
    r"exhausting|unbearable|nagging|lying|a nag|embarrassing|being difficult|difficult"
)
_DISMISSAL = (
    r"care|listen|help|understand|think|love|respect|try|notice|bother|appreciate|support|"
    r"pay attention|even (?:try|care|listen|notice|ask)|get it|give a damn|ask|want to know|"
    r"take (?:me|this|anything) seriously|lift a finger|make (?:time|an effort)|think of anyone"
)

_YOU_ACCUSATIONS = (
    r"\byou(?:'re| are| were| have been|'ve been)\s+(?:so |such an? |being |just |really |too |way too |acting |always |totally |completely |nothing but |a )?(?:" + _VERDICT + r")\b",
    r"\byou\s+(?:just |simply |clearly |obviously |really |honestly )?(?:don't|do not|didn't|did not|can't|cannot|won't|will not|never)\s+(?:even |really |ever |once )?(?:" + _DISMISSAL + r")\b",
    r"\byou\s+(?:only|just)\s+(?:care|think)\s+about\s+yourself\b",
    r"\byou\s+(?:made|make|makes|are making|'re making)\s+me\s+(?:feel|so|angry|mad|cry|sad|upset|miserable|crazy|sick)\b",
    r"\b(?:it's|it is|that's|that is|this is)\s+(?:all\s+)?(?:your|you're) fault\b",
    r"\byour fault\b|\bbecause of you\b|\bthanks to you\b|\bblame you\b",
    r"\bwhat(?:'s| is) wrong with you\b|\bwhat is your problem\b|\bwhat's your problem\b",
    r"\bwhy (?:can't|won't|do|would|must|didn't) you (?:ever |always |never |just )?(?:always|never|ever|even|be like|act like|do this|do that)\b",
    r"\bwhy can't you\b|\bwhy won't you\b|\bhow (?:could|can|dare) you\b",
    r"\byou ruin(?:ed|s)?\b|\byou (?:clearly|obviously) (?:don't|do not|didn't)\b",
    r"\btypical (?:of )?you\b|\bthat's so you\b|\bwho do you think you are\b",
    r"\byou(?:'re| are) (?:not|never) (?:there|around|here) for me\b",
    r"\byou (?:have|'ve) no (?:idea|respect|clue|empathy)\b",
)  # fmt: skip
"""A verdict on the other person where an I-statement would describe ("you don't care",
"you are selfish": docs/practices.md, Observation; the shapes are repairkit's own)."""

_THOUGHTS_AS_FEELINGS = (
    r"\bI(?:'m| am)? (?:feel|felt|feeling|keep feeling|do feel)\s+(?:that|like|as if|as though)\b",
    r"\bI (?:feel|felt)\s+(?:you(?!\s*(?:[,.!?]|$))|you're|he|she|they|it's|this is|we|nobody|no one)\b",
)
""""I feel that / like / as if ...", "I feel you ...": a thought said as a feeling
(docs/practices.md, Observation, after Rosenberg)."""

_NOT_ASKED = r"(?<!\bdo )(?<!\bdid )(?<!\bif )(?<!\bwhen )(?<!\bwhenever )(?<!\bin case )"
"""Not a demand: a question ("do you need to ...?") or a condition ("if you need to ...")."""

_DEMANDS = (
    _NOT_ASKED + r"\b(?:" + "|".join(DEMANDS) + r")\b",
    _NOT_ASKED + r"\byou(?:'d better|'ve got to|\s+(?:really\s+|just\s+)?(?:need to|have to|must(?! be\b)|had better|better|have got to|gotta))\b",
    r"\bor I(?:'ll| will|'m| am) (?:leave|leaving|done|out|go|gone)\b",
    r"\bI expect you to\b|\bI want you to (?:stop|start|change|be)\b|\bI demand\b",
    r"\byou should(?:'ve| have| not have|n't have)\b|(?:^|(?<=[.!?]\s))\s*you (?:will|shall) (?:stop|start)\b",
    r"\bdon't you dare\b|\bthis is not a request\b|\bI'm not asking\b|\bend of discussion\b",
    r"^\s*(?:just\s+)?(?:stop|quit)\s+\w+ing\b|(?<=[.!?]\s)(?:just\s+)?(?:stop|quit)\s+\w+ing\b",
    r"\bI'm telling you\b|\bno more excuses\b|\bthe last time I\b|\bthis is your last\b",
    r"\bnever again\b",
)  # fmt: skip
"""Demands ("you need to", "from now on", "or else": docs/practices.md, Request) and
their other shapes (repairkit's own)."""

_SARCASM = (
    r"\boh,? (?:great|sure|wonderful|perfect|brilliant|fantastic|of course)\b",
    r"\byeah,? right\b|\bsure you (?:did|do|were|are|will)\b|\bof course you (?:did|didn't|would|wouldn't|are|forgot)\b",
    r"\bthanks (?:a lot|for nothing|so much for nothing)\b|\bthanks for (?:nothing|the help,? not)\b",
    r"\b(?:nice|good|great) (?:job|going|one|work),? (?:genius|einstein|hero|champ)\b|\bway to go\b|\breal mature\b",
    r"\b(?:must be nice|heaven forbid|god forbid|what a surprise|surprise,? surprise|big surprise|shocking)\b",
    r"\bhow (?:nice|thoughtful|kind|generous|sweet) of you\b|\bso glad you could (?:make it|join us)\b",
    r"\b(?:sorry|excuse me|pardon me) for (?:existing|breathing|asking|having feelings)\b",
    r"\b(?:mr\.?|miss|ms\.?) perfect\b|\byour (?:highness|majesty)\b|\bdrama queen\b",
    r"\b(?:calm down|get over it|grow up|relax, it's not a big deal|you're overthinking)\b",
    r"(?:^|[.!?]\s*)(?:as if|whatever|wow|sure|fine)\s*[.!]+\s*$|(?:^|[.!?]\s+)(?:whatever|as if)\s*[.!]",
    r"[\"'](?:busy|working|tired|forgot|sorry|help|helping|friend|just friends|late|fine)[\"']",
    r"🙄|🙃|\B/s\b",
    r"\bdon't strain yourself\b|\bdon't hurt yourself\b|\bcongratulations,? you\b",
)  # fmt: skip
"""Sarcasm and belittling markers (docs/practices.md, Observation; the list is
repairkit's own)."""

SUGGESTIONS = Suggestions(
    absolute=(
        "A word like this turns one moment into a verdict. Try describing one moment: when"
        " it was, and what you saw or heard."
    ),
    you_accusation=(
        "This reads as a judgement of the other person. Try an I-statement: what you saw or"
        " heard, and how it left you feeling."
    ),
    thought_as_feeling=(
        "What follows 'I feel' here is a thought rather than a feeling. Try naming the"
        " feeling itself, such as worried, sad or tired, and the thought on its own."
    ),
    faux_feeling=(
        "This word tells what someone else did more than what you feel. Underneath there"
        " may be a feeling such as {feelings}, and a need for {needs}: naming those can be"
        " easier to hear."
    ),
    demand=(
        "This reads as a demand. A request leaves room for a no: try asking for one"
        " concrete, doable thing, for a set time."
    ),
    sarcasm=(
        "This may come across as sarcasm or belittling, which is hard to hear. Try saying"
        " plainly what happened and how it felt."
    ),
)
"""What the check suggests in English, in calm words (repairkit's own wording)."""

ENGLISH = Words(
    language="en",
    suggestions=SUGGESTIONS,
    absolutes=_ABSOLUTES,
    you_accusations=_YOU_ACCUSATIONS,
    thoughts_as_feelings=_THOUGHTS_AS_FEELINGS,
    faux_feelings=(*FAUX_FEELINGS, *MORE_FAUX_FEELINGS),
    faux_frames=FAUX_FRAMES,
    demands=_DEMANDS,
    sarcasm=_SARCASM,
)
"""The words repairkit ships: English (see each list for where it comes from)."""
