"""Who said it: the source a sentence or a figure is attributed to.

"X said", "X told reporters", "according to X", "X data showed", "cited data from X" (X, via
the citer), "UN estimates cited by local media"; names are normalised by :mod:`sitrep.speakers`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Span, Token

from sitrep import lexicon
from sitrep.speakers import (
    Speaker,
    Speakers,
    _alias_re,
    _data,
    normalise,
    place_country,
    province_in,
    provinces,
)

__all__ = [
    "Attribution", "Speaker", "Speakers", "_alias_re", "normalise", "place_country", "province_in", "provinces",
    "quoted_token_ids", "reporting_verbs", "sentence_attribution",
]  # fmt: skip


@dataclass(frozen=True, slots=True)
class Attribution:
    speaker: Speaker | None
    via: Speaker | None = None
    kind: str = "said"  # "said", "according", "data", "quote", "carried"


@cache
def reporting_verbs() -> frozenset[str]:
    return frozenset(_data()["reporting"]["verbs"])  # type: ignore[index]


@cache
def _data_nouns() -> frozenset[str]:
    return frozenset(_data()["reporting"]["data_nouns"])  # type: ignore[index]


_REPORT_NOUNS = frozenset(
    {"reply", "report", "statement", "release", "notification", "update", "snapshot", "letter", "response"}
)
_GIVING = frozenset({"give", "provide", "release", "issue", "publish", "present", "submit", "compile", "supply"})


def _gives_data(verb: Token) -> bool:
    """ "The spokesman gave the following breakdown", "the department released district-wise figures"."""
    return verb.lemma_.lower() in _GIVING and any(c.dep_ == "dobj" and _is_data_noun(c) for c in verb.children)


def _is_data_noun(tok: Token) -> bool:
    """ "data", "figures", "estimates" (spaCy lemmatises "data" to "datum")."""
    return tok.lower_ in _data_nouns() or tok.lemma_.lower() in _data_nouns() or tok.lemma_.lower() == "datum"


def _is_dateline(tok: Token) -> bool:
    """ "ISLAMABAD:" or "PESHAWAR, Oct 14 (Pamir Wire) -" at the start of a story is where, not who."""
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if not (tok.text.isupper() and len(tok.text) > 2 and nxt is not None):
        return False
    if nxt.text in (":", "—", "–"):
        return True
    return (
        tok.i == tok.sent.start
        and nxt.text == ","
        and any(t.text in ("-", "–", "—") for t in tok.doc[tok.i : tok.i + 12])
    )


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass") and not _is_dateline(child):
            return child
    if verb.tag_ in ("VBG", "VBN") and verb.dep_ in ("advcl", "conj", "acl"):
        # "..., describing them as “misplaced”": the participle's subject is the main clause's
        root = verb.sent.root
        if root is not verb and root.pos_ in ("VERB", "AUX"):
            return _subject(root)
    if verb.dep_ in ("conj", "advcl", "xcomp") and verb.head.pos_ in ("VERB", "AUX"):
        return _subject(verb.head)
    return None


def _speaker_span(tok: Token) -> Span:
    """The subject phrase without relative clauses and trailing punctuation."""
    doc = tok.doc
    left, right = tok.left_edge.i, tok.right_edge.i
    for child in tok.children:
        if child.i > tok.i and (
            child.dep_ in ("relcl", "acl") or (child.dep_ == "prep" and child.lower_ not in ("of", "for", "in"))
        ):
            right = min(right, child.left_edge.i - 1)
    span = doc[left : right + 1]
    while len(span) > 1 and span[-1].is_punct:
        span = doc[span.start : span.end - 1]
    # drop a dateline ("ISLAMABAD:", "PESHAWAR, Oct 14 (Pamir Wire) -") glued to the front of a subject
    for i, t in enumerate(span):
        if (t.text == ":" and i < 4) or (t.text in ("-", "–", "—") and i < 10 and span[0].text.isupper()):
            span = doc[span.start + i + 1 : span.end]
            break
    return span


def sentence_attribution(sent: Span, speakers: Speakers) -> Attribution | None:
    """The source this sentence gives for what it says, if any."""
    # 1. "according to X", "as per X figures", "X data showed"
    for tok in sent:
        low = tok.lower_
        if low == "according" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to":
            to = tok.doc[tok.i + 1]
            obj = next((c for c in to.children if c.dep_ == "pobj"), None) or next(
                (c for c in tok.children if c.dep_ == "pobj"), None
            )
            if obj is not None:
                return _data_attribution(obj, speakers, "according")
        if low == "per" and tok.i > 0 and tok.doc[tok.i - 1].lower_ == "as":
            obj = next((c for c in tok.children if c.dep_ == "pobj"), None)
            if obj is not None:
                return _data_attribution(obj, speakers, "according")
        if low == "by" and tok.dep_ == "prep":
            obj = next((c for c in tok.children if c.dep_ == "pobj"), None)
            if obj is not None and _is_data_noun(obj) and any(c.dep_ == "poss" for c in obj.children):
                return _data_attribution(obj, speakers, "according")  # "By UNHCR's estimate, ..."
        if _is_data_noun(tok) and tok.dep_ in ("nsubj", "nsubjpass") and tok.head.dep_ == "ROOT":
            found = _data_attribution(tok, speakers, "data")  # "The interior ministry's tally ... is higher: ..."
            if found:
                return found
    headline = _headline_speaker(sent, speakers)
    if headline:
        return headline
    marked = _SOURCE_MARK.search(sent.text)
    trailing = _TRAILING_SOURCE.search(sent.text) if not marked else None
    if trailing and lexicon.aliases().lookup(trailing.group(1).lower()):
        marked = trailing  # a line ending in the name of a known source: "... since 1 January 2025 (IOM)"
    if marked:
        # "(source: IOM flow monitoring)", "Source: UNHCR"
        span = sent.doc.char_span(
            sent.start_char + marked.start(1), sent.start_char + marked.end(1), alignment_mode="expand"
        )
        speaker = normalise(span, speakers) if span is not None else None
        if speaker:
            return Attribution(speakers.remember(speaker), None, "according")
    # 2. a reporting verb with a subject: "X said", "X told reporters", "cited data from X"
    quoted = quoted_token_ids(sent)
    for tok in sent:
        if tok.pos_ not in ("VERB", "AUX") or tok.i in quoted:
            continue
        if tok.lemma_.lower() not in reporting_verbs() and not _gives_data(tok):
            continue
        subj = _subject(tok)
        if subj is None and tok.dep_ == "acl" and tok.lemma_ == "cite":
            # "UN estimates cited by domestic media": source = head noun, via = agent
            agent = next((c for c in tok.children if c.dep_ == "agent"), None)
            via_obj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
            source = _data_attribution(tok.head, speakers, "data")
            via = normalise(_speaker_span(via_obj), speakers) if via_obj is not None else None
            if source and source.speaker:
                return Attribution(source.speaker, via, "data")
        if subj is None and tok.dep_ == "acl" and tok.tag_ == "VBN":
            # "Afghan returns recorded by IOM", "figures compiled by the home department"
            agent = next((c for c in tok.children if c.dep_ == "agent"), None)
            by = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
            speaker = normalise(_speaker_span(by), speakers) if by is not None else None
            if speaker is not None:
                return Attribution(speakers.remember(speaker), None, "data")
        if subj is None or subj.pos_ == "NUM" or subj.lower_ in ("which", "who", "that"):
            continue
        if _is_data_noun(subj):
            att = _data_attribution(subj, speakers, "data")
            if att:
                return att
            continue
        speaker = normalise(_speaker_span(subj), speakers)
        if speaker is None:
            relayed = _relayed_source(tok, subj, speakers)
            if relayed:
                return Attribution(speakers.remember(relayed), None, "data")  # "Daily X reports, citing Y, that"
            continue
        speaker = speakers.remember(speaker)
        citing = [tok] + [c for c in subj.children if c.dep_ == "relcl" and c.lemma_ == "cite"]
        for verb in citing:
            source = _cited_source(verb, speakers) if verb.lemma_ == "cite" else None
            if source:
                # "Amnesty, which cited data from UNHCR, said ...": UNHCR's figure, relayed by Amnesty
                return Attribution(source, speaker, "data")
        relayed = _relayed_source(tok, subj, speakers)
        if relayed:
            # "Daily Sarhad Times reports, citing the home department, that ...": the department's, via the paper
            return Attribution(relayed, speaker, "data")
        return Attribution(speaker, None, "said")
    return None


_SOURCE_MARK = re.compile(
    r"\b[Ss]ources?:\s*([A-Z][\w’'&. -]{1,40}?)(?:\s+(?:data|figures|flow monitoring|monitoring))?\s*[);.:]*\s*$"
)
_TRAILING_SOURCE = re.compile(r"\(([A-Z][\w’'&. -]{1,40})\)\s*[.;]?\s*$")  # "256,400 returns ... (IOM)"
_HEADLINE_SOURCE = re.compile(r":\s*([A-Z][\w’'. -]{1,40})\s*$")


def _headline_speaker(sent: Span, speakers: Speakers) -> Attribution | None:
    """A headline's source after a colon: "Over 100,000 Afghans Forced Out in Two Weeks: Officials"."""
    text = sent.text.rstrip()
    m = _HEADLINE_SOURCE.search(text)
    if not m or text[-1:] in '.”"' or len(text.split()) > 25 or len(m.group(1).split()) > 4:
        return None
    span = sent.doc.char_span(sent.start_char + m.start(1), sent.start_char + m.end(1), alignment_mode="expand")
    speaker = normalise(span, speakers) if span is not None else None
    return Attribution(speaker, None, "said") if speaker else None


def figure_attribution(start: Token, speakers: Speakers) -> Attribution | None:
    """The source of the reporting verb that governs a figure, nearest first."""
    quoted = quoted_token_ids(start.sent)
    for verb in start.ancestors:
        if verb.pos_ != "VERB" or verb.i in quoted:
            continue
        lemma = verb.lemma_.lower()
        if lemma not in reporting_verbs() and not (lemma == "put" and _puts_number(verb)):
            continue
        subj = _subject(verb)
        if subj is None or subj.pos_ == "NUM" or subj.lower_ in ("which", "who", "that"):
            return None
        if _is_data_noun(subj):
            return _data_attribution(subj, speakers, "data")
        speaker = normalise(_speaker_span(subj), speakers)
        return Attribution(speaker, None, "said") if speaker else None
    return None


def _puts_number(verb: Token) -> bool:
    """ "UNHCR puts the number at 3.5 million": an estimate attributed to the subject."""
    return any(c.dep_ == "dobj" and c.lemma_.lower() in ("number", "figure", "toll", "total", "tally", "count",
                                                             "population") for c in verb.children)  # fmt: skip


_QUOTED = re.compile(r"“[^“”]*”?|\"[^\"]*\"?")


def quoted_token_ids(sent: Span) -> set[int]:
    """Indices of the tokens between quotation marks: words of the quoted, not of the reporter."""
    ids: set[int] = set()
    base = sent.start_char
    for m in _QUOTED.finditer(sent.text):
        lo, hi = base + m.start(), base + m.end()
        ids.update(t.i for t in sent if lo <= t.idx < hi)
    return ids


def _relayed_source(verb: Token, subj: Token, speakers: Speakers) -> Speaker | None:
    """ "X reports, citing Y, that ...", "X, quoting an official of Y, writes that ...": Y, relayed by X."""
    reported = [g for c in verb.children if c.dep_ == "ccomp" for g in c.children]  # the parser may hang it there
    for c in [*verb.children, *subj.children, *reported]:
        if c.lemma_.lower() not in ("cite", "quote") or c.tag_ != "VBG":
            continue
        obj = next((o for o in c.children if o.dep_ == "dobj"), None)
        if obj is None:
            continue
        of = next((p for p in obj.children if p.lower_ == "of"), None)  # "an official of the Ministry of SAFRON"
        named = next((o for o in of.children if o.dep_ == "pobj"), None) if of is not None else None
        found = normalise(_speaker_span(named), speakers) if named is not None else None
        return found or (_cited_source(c, speakers) if _is_data_noun(obj) else normalise(_speaker_span(obj), speakers))
    return None


def _cited_source(verb: Token, speakers: Speakers) -> Speaker | None:
    """ "cited data from X" / "citing X figures": the original source X."""
    for child in verb.subtree:
        if child.lower_ in ("from", "by", "of") and _is_data_noun(child.head):
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None:
                return normalise(_speaker_span(obj), speakers)
        if child.dep_ == "dobj" and _is_data_noun(child):
            comp = [c for c in child.children if c.dep_ in ("compound", "poss", "amod")]
            if comp:
                return normalise(child.doc[comp[0].left_edge.i : comp[-1].i + 1], speakers)
    return None


def _data_attribution(obj: Token, speakers: Speakers, kind: str) -> Attribution | None:
    """The source of "X data", "figures compiled by X", "UN estimates cited by Y", or of a plain name."""
    if not _is_data_noun(obj):
        speaker = normalise(_speaker_span(obj), speakers)
        return Attribution(speakers.remember(speaker), None, kind) if speaker else None
    via = None
    producer: Token | None = None
    for c in obj.children:
        if c.dep_ in ("relcl", "acl") and c.lemma_.lower() == "attribute":
            to = next((p for p in c.children if p.lower_ == "to"), None)  # "figures it attributes to UNHCR"
            producer = next((p for p in to.children if p.dep_ == "pobj"), None) if to is not None else producer
        if c.dep_ == "acl":
            agent = next((a for a in c.children if a.dep_ == "agent"), None)
            pobj = next((p for p in agent.children if p.dep_ == "pobj"), None) if agent is not None else None
            if pobj is None:
                continue
            if c.lemma_ == "cite":
                via = normalise(_speaker_span(pobj), speakers)  # "UN estimates cited by domestic media"
            else:
                producer = pobj  # "figures compiled by the provincial home department"
    mods = [c for c in obj.children if c.dep_ in ("compound", "poss", "nmod") and c.i < obj.i]
    speaker = None
    if mods and mods[0].dep_ == "poss" and mods[0].pos_ == "PRON":
        speaker = speakers.resolve_anaphor("it")  # "Its latest update says"
    elif mods:
        speaker = normalise(obj.doc[mods[0].left_edge.i : mods[-1].i + 1], speakers)
    if speaker is None:
        if producer is None:
            of = next((c for c in obj.children if c.lower_ in ("from", "of", "by")), None)
            producer = next((p for p in of.children if p.dep_ == "pobj"), None) if of is not None else None
        if producer is None:
            if any(c.lower_ in ("official", "government") for c in obj.children):
                return Attribution(Speaker(f"{speakers.host} government"), via, kind)  # "according to official figures"
            if any(c.lower_ in ("the", "this", "that") for c in obj.children) and obj.lemma_.lower() in _REPORT_NOUNS:
                earlier = speakers.resolve_anaphor("it")  # "The reply gave the following position": whose reply
                return Attribution(earlier, via, kind) if earlier else None
            return None
        speaker = normalise(_speaker_span(producer), speakers)
    if speaker is None:
        return None
    return Attribution(speakers.remember(speaker), via, kind)
