"""Direct quotations and their speakers.

``find_quote_spans`` pairs quotation marks in a paragraph; ``quote_speaker`` walks from the
quoted words up the parse to the nearest reporting verb and normalises its subject, so a
partial quote inside someone else's sentence ("as Kabul called for the “dignified
repatriation”") goes to its own speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from sitrep.attribution import Speaker, Speakers, _speaker_span, _subject, normalise, reporting_verbs

_DOUBLE = re.compile(r"“([^“”]{1,3000}?)”|\"([^\"]{1,3000}?)\"")
_SINGLE = re.compile(
    r"(?:(?<=\s)|^)‘([^‘’]{1,80}?)’(?=[\s,.;:!?]|$)|(?:(?<=\s)|^)'([A-Za-z][A-Za-z ,-]{0,60}?)'(?=[\s,.;:!?]|$)"
)
_TITLE_WORD = re.compile(r"^(?:[A-Z][\w’'-]*|of|the|and|for|in|on|to|a|an|amid|at|with|by|-|–|:)$")


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    start: int  # of the quoted text, inside the marks
    end: int
    text: str


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Quoted spans of a paragraph, without names and titles in quotation marks."""
    spans: list[QuoteSpan] = []
    for m in _DOUBLE.finditer(text):
        group = 1 if m.group(1) is not None else 2
        spans.append(QuoteSpan(m.start(group), m.end(group), m.group(group)))
    for m in _SINGLE.finditer(text):
        group = 1 if m.group(1) is not None else 2
        spans.append(QuoteSpan(m.start(group), m.end(group), m.group(group)))
    return [s for s in sorted(spans, key=lambda s: s.start) if _is_speech(text, s)]


def _is_speech(text: str, span: QuoteSpan) -> bool:
    words = span.text.split()
    if not words or not re.search(r"[A-Za-z]", span.text):
        return False
    before = text[max(0, span.start - 12) : span.start].lower()
    if "so-called" in before or "dubbed" in before or "titled" in before or "named" in before:
        return False
    if (
        len(words) >= 2
        and all(_TITLE_WORD.match(w.strip(",.’'")) for w in words)
        and not span.text.rstrip().endswith((".", ",", "?", "!"))
    ):
        return False  # a name or title: “Illegal Foreigners Repatriation Plan”
    return True


def quote_speaker(sent: Span, span_start: int, span_end: int, speakers: Speakers) -> Speaker | None:
    """The speaker of the quote whose text spans ``span_start``..``span_end`` (doc characters)."""
    inside = [t for t in sent if span_start <= t.idx < span_end]
    if not inside:
        return None
    verb = _governing_reporting_verb(inside, span_start, span_end)
    if verb is None:
        return None
    verb = _outermost_reporter(verb)
    subj = _quoted_as_saying(verb) or _subject(verb)
    if subj is None or subj.lower_ in ("which", "who", "that"):
        return None
    if span_start <= subj.idx < span_end:
        return None
    return normalise(_speaker_span(subj), speakers)


def _governing_reporting_verb(inside: list[Token], start: int, end: int) -> Token | None:
    """Nearest reporting verb above the quoted words, or one whose clause contains them."""
    ids = {t.i for t in inside}
    for tok in inside:
        for anc in tok.ancestors:
            if anc.i in ids:
                continue
            if anc.pos_ in ("VERB", "AUX") and anc.lemma_.lower() in reporting_verbs():
                return anc
    sent = inside[0].sent
    for tok in sent:
        if tok.i not in ids and tok.pos_ in ("VERB",) and tok.lemma_.lower() in reporting_verbs():
            return tok
    return None


def _outermost_reporter(verb: Token) -> Token:
    """ "The embassy said the ministry has confirmed a “final plan”": the words are the embassy's."""
    while verb.dep_ == "ccomp" and verb.head.pos_ == "VERB" and verb.head.lemma_.lower() in reporting_verbs():
        if _subject(verb.head) is None:
            break
        verb = verb.head
    return verb


def _quoted_as_saying(verb: Token) -> Token | None:
    """ "The embassy quoted Chaudhry as saying ...": the speaker is Chaudhry."""
    if verb.lemma_ == "say" and verb.head.lower_ == "as" and verb.head.head.lemma_ == "quote":
        return next((c for c in verb.head.head.children if c.dep_ == "dobj"), None)
    return None
