"""Figures: every count of people or things in a sentence, typed, dated and attributed.

``sentence_figures`` is a pure function from one parsed sentence plus the article
context to :class:`~sitrep.records.Figure` records. It follows the annotation guidelines
of ``gold/README.md``: the counted noun from the number's syntactic head, the indicator
from the nearest cue (the counted noun, then the governing verbs, then cue phrases in the
figure's own stretch of the sentence), the status from the figure's own stretch, and
``as_of``/``since`` from the date expressions that hang off the figure's clause.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from sitrep import dates
from sitrep import indicators as ind
from sitrep.attribution import Attribution, figure_attribution
from sitrep.numbers import NumberMention, find_numbers
from sitrep.records import Figure
from sitrep.speakers import Speakers
from sitrep.syntax import between, date_role, token_at

GENERIC_NOUNS = frozenset({"case", "instance", "number", "total", "figure", "people", "person", "individual"})
LAUNCH_WORDS = frozenset({"launch", "begin", "start", "initiate", "commence", "roll", "kick", "announce", "unveil"})
DRIVE_WORDS = frozenset(
    {
        "drive",
        "campaign",
        "crackdown",
        "plan",
        "deportation",
        "deportations",
        "expulsion",
        "expulsions",
        "repatriation",
        "operation",
    }
)
PHASE_RE = re.compile(
    r"\b(?:(?P<ord>first|second|third|1st|2nd|3rd)\s+phase|phase\s+(?P<num>one|two|three|1|2|3|i{1,3}))\b",
    re.IGNORECASE,
)
PHASE_NUMBER = {"first": 1, "1st": 1, "one": 1, "1": 1, "i": 1, "second": 2, "2nd": 2, "two": 2, "2": 2, "ii": 2,
                "third": 3, "3rd": 3, "three": 3, "3": 3, "iii": 3}  # fmt: skip
_SCALE_TOKENS = frozenset({"m", "mn", "mln", "bn", "k", "million", "billion", "lakh", "lac", "crore"})
PARTITIVE = re.compile(r"\b(?:of|out\s+of)\s+(?:which|whom|them|those)\b|\bincluding\b", re.IGNORECASE)
_DOCUMENTS = frozenset({"card", "acc", "por", "document", "permit", "visa", "passport"})
_STATUS_WORD = re.compile(
    r"\b(?:undocumented|unregistered|illegal|registered|refugees?|holders?|documents?|residents?|migrants?)\b",
    re.IGNORECASE,
)
NOW_INDICATORS = frozenset({"deported", "returned"})


@dataclass
class ArticleContext:
    """What the whole article tells about its sentences: dates of the drive and its phases."""

    published: str | None
    host: str = "pakistan"
    drive_start: str | None = None
    phase_start: dict[int, str] = field(default_factory=dict)
    deadline: str | None = None  # the latest deadline the article dates, up to publication


# ---------------------------------------------------------------- article context


def article_context(sents: list[Span], published: str | None, host: str) -> ArticleContext:
    """Find when the drive and each of its phases began, from launch sentences of the article."""
    ctx = ArticleContext(published=published, host=host)
    drive: list[str] = []
    deadlines: list[str] = []
    for sent in sents:
        deadlines.extend(_deadline_dates(sent, published))
        launch = [t for t in sent if t.lemma_.lower() in LAUNCH_WORDS]
        if not launch or not any(t.lower_ in DRIVE_WORDS or t.lemma_.lower() in DRIVE_WORDS for t in sent):
            continue
        phase = PHASE_RE.search(sent.text)
        for d in dates.find_dates(sent.text, published):
            if not d.value or d.kind == "now" or d.anchor in ("by", "as of"):
                continue
            tok = token_at(sent, sent.start_char + d.start)
            if tok is None or not any(_dates_launch(tok, t) for t in launch):
                continue
            if phase:
                key = (phase.group("ord") or phase.group("num") or "").lower()
                ctx.phase_start.setdefault(PHASE_NUMBER.get(key, 0), d.value)
            else:
                drive.append(d.value)
    if drive:
        first_year = min(v[:4] for v in drive)
        ctx.drive_start = max((v for v in drive if v[:4] == first_year), key=len)
    passed = [d for d in deadlines if not published or d <= published]
    if passed:
        ctx.deadline = max(passed, key=lambda d: (d, len(d)))
    return ctx


def _deadline_dates(sent: Span, published: str | None) -> list[str]:
    """Dates the sentence gives a deadline: "the March 31 deadline", "a deadline of 1 November",
    "the deadline expired on Monday"."""
    words = [t for t in sent if t.lemma_.lower() == "deadline"]
    if not words:
        return []
    out = []
    for d in dates.find_dates(sent.text, published):
        tok = token_at(sent, sent.start_char + d.start)
        if tok is None or not d.value or d.kind in ("now", "past_n"):
            continue
        above = [tok, *tok.ancestors]
        verb = next((a for a in above if a.pos_ == "VERB"), None)
        for w in words:
            if w in above[:4] or tok in w.subtree or (verb is not None and w.head == verb and w.dep_ == "nsubj"):
                out.append(d.value)
                break
    return out


def _dates_launch(date: Token, launch: Token) -> bool:
    """Whether a date tells when ``launch`` happened.

    In its phrase ("launched the campaign in November 2023", "the launch of the plan in
    September 2023"), described by it ("last year, when Islamabad launched a drive"), or
    in the clause it is subordinate to ("Until November last year, before it began the drive").
    """
    if launch.i in {t.i for t in date.ancestors}:
        return not any(t.pos_ == "VERB" for t in between(date, launch))
    if date.i in {t.i for t in launch.ancestors}:
        return not any(t.pos_ == "VERB" for t in between(launch, date))
    marks = {c.lower_ for c in launch.children if c.dep_ == "mark"}
    return (
        launch.dep_ == "advcl"
        and bool(marks & {"before", "when", "as"})
        and launch.head.i in {t.i for t in date.ancestors}
        and not any(t.pos_ == "VERB" for t in between(date, launch.head))
    )


# ---------------------------------------------------------------- figures of one sentence


def sentence_figures(
    sent: Span,
    ctx: ArticleContext,
    attribution: Attribution | None,
    offset: int,
    on_topic: bool,
    article_id: str | None = None,
    sent_dates: list[dates.DateMention] | None = None,
    speakers: Speakers | None = None,
    list_cue: str | None = None,
    list_dates: tuple[str | None, str | None] = (None, None),
    written: str | None = None,
    list_status: str | None = None,
) -> list[Figure]:
    """Every figure of ``sent``; ``offset`` maps doc characters to the article's cleaned text.

    ``written`` is the sentence as the article has it when the parser was given it with
    blanks (bullets, the "+" of "508,000+"): the same length, read for numbers and quoted.

    A figure takes the source of the reporting verb above it ("Iran says it hosts 6 million,
    while UNHCR puts the number at 3.5 million"), else the sentence's attribution; an explicit
    data source ("according to IOM", "cited data from UNHCR") applies to every figure.
    """
    text = written if written is not None else sent.text
    mentions = [m for m in find_numbers(text) if m.kind == "count"]
    if not mentions:
        return []
    if sent_dates is None:
        sent_dates = dates.find_dates(text, ctx.published)
    out: list[Figure] = []
    by_mention: dict[int, str] = {}
    prev_noun_end = 0
    for i, m in enumerate(mentions):
        head = _number_head(sent, sent.start_char + m.number_start, sent.start_char + m.end)
        if head is None:
            continue
        counted_tok = _counted_token(head)
        window = _window(text, mentions, i, prev_noun_end)
        center = window.find(m.text) if m.text in window else len(window) // 2
        own = ind.governed(head, counted_tok, window, center)
        between = text[mentions[i - 1].end : m.start] if i else ""
        if (
            own is None
            and i
            and by_mention.get(i - 1)
            and _continues(mentions[i - 1], m, text, counted_tok, out)
            and ind.phrase(between, len(between)) is None  # "repatriated 6,14,207; PoR card holders 3,11,460"
        ):
            # "1,874 arrests ..., compared with 642 in July", "from 45,000 to 8,000-12,000 a day"
            own = by_mention[i - 1]
        if own is None and _parenthesised(text, m):
            # "the highest number was in District West (421)": the count the sentence is about
            own = ind.paragraph_cue(sent[: head.i - sent.start])
        own = own or ind.phrase(window, center)
        if (
            i
            and PARTITIVE.search(text[mentions[i - 1].end : m.start] + text[m.end : m.end + 12])
            and not _strong(own, counted_tok)
        ):
            # "of which only 25,320 were ACC holders": the part takes the whole's indicator
            indicator = by_mention.get(i - 1) or "other"
        else:
            indicator = own or list_cue or "other"  # a list line takes its lead-in's indicator
        by_mention[i] = indicator
        if counted_tok is not None and counted_tok.i > head.i:
            prev_noun_end = counted_tok.idx + len(counted_tok.text) - sent.start_char  # "8,000 ACC holders ..."
        counted = _counted_phrase(counted_tok) if counted_tok is not None else _antecedent(out)
        status = ind.status(_clause(text, m, window))
        if status == "any" and list_status:
            status = list_status  # "Detentions of PoR holders by district:", then "Lahore: 940"
        source = attribution
        if speakers is not None and (attribution is None or attribution.kind not in ("according", "data")):
            source = figure_attribution(counted_tok or head, speakers) or attribution
        as_of, since = _figure_dates(sent, head, counted_tok, sent_dates, ctx)
        as_of = as_of or list_dates[0]  # a list line's dates are its lead-in's; a stock has no start
        since = since or (list_dates[1] if indicator != "population" else None)
        now = any(d.kind == "now" for d in sent_dates)
        if since is None and indicator in NOW_INDICATORS and _is_cumulative(head, now):
            since = _phase_or_drive(window + " " + text[: m.start], ctx)
        out.append(
            Figure(
                value=m.value,
                text=m.text,
                qualifier=m.qualifier,  # type: ignore[arg-type]
                counted=counted,
                indicator=indicator,  # type: ignore[arg-type]
                status=status,  # type: ignore[arg-type]
                as_of=as_of,
                since=since,
                source=source.speaker.source if source and source.speaker else None,
                via=source.via.source if source and source.via else None,
                location=ctx.host if on_topic else None,
                on_topic=on_topic,
                malformed=m.malformed,
                vague=m.vague,
                sentence=text.strip(),
                start=offset + sent.start_char + m.start,
                end=offset + sent.start_char + m.end,
                article_id=article_id,
            )
        )
    return out


def _number_head(sent: Span, start: int, end: int) -> Token | None:
    """The syntactic head token of the number's tokens."""
    toks = [t for t in sent if t.idx < end and t.idx + len(t.text) > start]
    if not toks:
        return None
    ids = {t.i for t in toks}
    for t in toks:
        if t.head.i not in ids or t.head.i == t.i:
            return t
    return toks[-1]


def _counted_token(head: Token) -> Token | None:
    """The noun a number counts: its syntactic head, or the object of "of" ("14 of the 24 attacks")."""
    if head.dep_ == "nummod" and head.head.i > head.i and head.head.tag_ in ("NNS", "VBZ", "VBP"):
        return head.head  # "5,455 returnees", the noun tagged as a verb in a list line
    if head.dep_ in ("punct", "dep"):
        # "said 14,77,592 Afghans had left": lakh grouping the parser took for punctuation
        nxt = head.doc[head.i + 1] if head.i + 1 < len(head.doc) else None
        if nxt is not None and nxt.pos_ in ("NOUN", "PROPN"):
            return nxt
    if head.dep_ in ("nummod", "quantmod", "amod", "compound", "nmod", "npadvmod") and head.head.pos_ in (
        "NOUN",
        "PROPN",
    ):
        noun = head.head
        if noun.i > head.i:
            return noun
        # "said on Friday 907,391 Afghans": the parser hung the number on the word before it
        for nxt in head.doc[head.i + 1 : head.i + 5]:
            if nxt.pos_ in ("NOUN", "PROPN"):
                return nxt
            if nxt.pos_ not in ("ADJ", "PUNCT", "NUM"):
                break
        return None
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None and pobj.pos_ in ("NOUN", "PROPN") and pobj.lower_ not in ("which", "whom", "them"):
                return pobj
    if head.lower_ in _SCALE_TOKENS:
        # "1.16m returnees": the scale became the head; the noun follows it
        nxt = head.doc[head.i + 1] if head.i + 1 < len(head.doc) else None
        if nxt is not None and nxt.pos_ in ("NOUN", "PROPN"):
            return nxt
    if head.pos_ in ("NOUN", "PROPN") and head.lower_ not in (
        "millions",
        "thousands",
        "hundreds",
        "dozens",
        "lakh",
        "lakhs",
    ):
        return None
    # "Hundreds of thousands of Afghans": the number's own "of" object
    nxt = head.doc[head.i + 1] if head.i + 1 < len(head.doc) else None
    if nxt is not None and nxt.lower_ == "of":
        pobj = next((c for c in nxt.children if c.dep_ == "pobj"), None)
        if pobj is not None and pobj.pos_ in ("NOUN", "PROPN"):
            return pobj
    return None


def _counted_phrase(noun: Token) -> str:
    """ "Afghan migrants and refugees": the noun with its adjectives, compounds and conjuncts."""
    keep = [noun]
    for child in noun.children:
        if child.dep_ in ("amod", "compound") and child.i < noun.i and not child.like_num and child.pos_ != "VERB":
            keep.extend(t for t in child.subtree if not t.is_punct and not t.like_num)
        if child.dep_ == "conj" and child.pos_ in ("NOUN", "PROPN"):
            cc = [c for c in noun.children if c.dep_ == "cc"]
            keep.extend(cc)
            keep.extend(t for t in child.subtree if t.dep_ in ("amod", "compound") or t is child)
    words = [t.text for t in sorted(set(keep), key=lambda t: t.i) if t.text not in ("“", "”", '"', "‘", "’")]
    return " ".join(words).lower()


def _antecedent(previous: list[Figure]) -> str | None:
    """An elided head ("Around 1.3 million are registered") takes the last counted noun."""
    for fig in reversed(previous):
        if fig.counted:
            return fig.counted
    return None


def _window(text: str, mentions: list[NumberMention], i: int, prev_noun_end: int = 0) -> str:
    """The stretch of the sentence a figure owns: from the previous number (and its noun) to the next one."""
    start = max(mentions[i - 1].end, min(prev_noun_end, mentions[i].start)) if i > 0 else 0
    end = mentions[i + 1].start if i + 1 < len(mentions) else len(text)
    return text[start:end]


def _clause(text: str, m: NumberMention, window: str) -> str:
    """The stretch whose status words are the figure's: its window, or in a list written with
    semicolons its own item ("repatriated 6,14,207; PoR card holders 3,11,460; ACC holders 58,935")."""
    if ";" not in text:
        return window
    start = text.rfind(";", 0, m.start) + 1
    end = text.find(";", m.end)
    return text[start : end if end >= 0 else len(text)]


def _continues(prev: NumberMention, m: NumberMention, text: str, counted: Token | None, out: list[Figure]) -> bool:
    """Whether a figure with no cue of its own continues the count before it in the sentence."""
    if counted is None:
        return True
    return bool(out) and out[-1].counted is not None and counted.lower_ in out[-1].counted.split()


def _parenthesised(text: str, m: NumberMention) -> bool:
    """A bare number in brackets after a name: "Keamari (238)"."""
    return text[: m.start].rstrip().endswith("(") and text[m.end :].lstrip().startswith(")")


def _strong(found: str | None, counted: Token | None) -> bool:
    """A part's own indicator overrides its whole's only when an event word says so ("612,000 deportations")."""
    if found is None or found == "population":
        return False
    return (counted is not None and counted.lemma_.lower() in ind.cues().nouns) or found in ("deported", "casualties")


def _figure_dates(
    sent: Span, head: Token, counted: Token | None, found: list[dates.DateMention], ctx: ArticleContext
) -> tuple[str | None, str | None]:
    """``as_of`` and ``since`` from the date expressions attached to the figure's clause."""
    chain = [head, *head.ancestors]
    if counted is not None and counted.i not in {t.i for t in chain}:
        chain += [counted, *counted.ancestors]  # "said on Friday 907,391 Afghans had been deported": a misparse
    # conjoined verbs share the figure's clause: "rounded up and arrested in the past two weeks"
    chain_ids = {t.i for t in chain} | {c.i for t in chain if t.pos_ == "VERB" for c in t.children if c.dep_ == "conj"}
    as_of: str | None = None
    since: str | None = None
    bare_since = False
    depth = {t.i: n for n, t in enumerate(chain)}
    candidates: list[tuple[int, int, dates.DateMention]] = []  # (rank, distance, date)
    for d in found:
        tok = token_at(sent, sent.start_char + d.start)
        if tok is None:
            continue
        role = date_role(tok, chain_ids, d)
        if role is None:
            continue
        if d.kind == "past_n":
            as_of, since = as_of or d.value, since or d.span_since
        elif role == "since":
            since = since or d.value
        elif d.value:
            # the nearest date wins: "said on Tuesday that 31,458 returned on Monday" is Monday's count;
            # an explicit "as of" or "so far" wins over any other
            junction = next((depth[a.i] for a in [tok, *tok.ancestors] if a.i in depth), len(chain))
            rank = 0 if d.kind == "now" or d.anchor == "as of" else 1
            candidates.append((rank, junction, d))
    if not candidates and as_of is None and ctx.published and any(d.kind == "now" for d in found):
        as_of = ctx.published  # "one of 1.8 million who have returned so far this year": a count of today
    if candidates and as_of is None:
        candidates.sort(key=lambda c: (c[0], c[1]))
        best = candidates[0][2]
        if ctx.published and best.kind == "relative" and best.value in (ctx.published[:4], ctx.published[:7]):
            # "said on Friday that 1.4 million had returned this year": a running period, dated by the statement
            best = next((c[2] for c in candidates[1:] if c[2].value and len(c[2].value) == 10), best)
        as_of = best.value
        if best.span_since and best.kind != "past_n":
            since = since or best.span_since  # "in the first six months of 2025" starts in 2025-01
        later = _range_end(best, found, sent.text)
        if later is not None:
            since, as_of = since or best.value, later  # "between October 1 and October 18": the count holds at the end
    for t in sent:
        if t.lower_ == "since" and (t.head.i in chain_ids or t.head.head.i in chain_ids):
            obj = [c for c in t.children if c.dep_ in ("pobj",)]
            clause = t.head if t.dep_ == "mark" else None
            if not obj and clause is None:
                bare_since = True  # "have been repatriated ... since."
            elif clause is not None and clause.lemma_.lower() in LAUNCH_WORDS:
                bare_since = True  # "since the deportation drive began"
            elif obj and obj[0].lemma_.lower() in ("launch", "start", "beginning"):
                bare_since = True  # "since the launch of the plan in September 2023"
            elif since is None and ctx.deadline and _after_deadline(obj[0] if obj else clause):
                since = ctx.deadline  # "since the deadline expired", "since the deadline"
    drive = ctx.drive_start
    if drive and (bare_since or (since and since[:4] == drive[:4] and len(since) < len(drive))):
        since = drive if not since or len(since) <= len(drive) else since
    return as_of, since


def _after_deadline(tok: Token | None) -> bool:
    """The object or clause of "since" is the deadline passing: "since the deadline (expired)"."""
    if tok is None:
        return False
    if tok.lemma_.lower() == "deadline":
        return True
    return tok.pos_ == "VERB" and any(c.lemma_.lower() == "deadline" and c.dep_ == "nsubj" for c in tok.children)


_SINCE_DEADLINE = re.compile(r"\bsince\s+(?:the|its|their)\s+(?:\w+\s+){0,3}?deadline\b", re.IGNORECASE)


def lead_in_dates(text: str, published: str | None, deadline: str | None = None) -> tuple[str | None, str | None]:
    """(as_of, since) a list's lead-in gives its lines: "Returns by crossing point, 1 January – 12 July 2025"."""
    found = [d for d in dates.find_dates(text, published) if d.value and d.kind != "past_n"]
    since = next((d.value for d in found if d.anchor == "since"), None)
    if since is None and deadline and _SINCE_DEADLINE.search(text):
        since = deadline  # "Afghans held since the deadline expired, by district:"
    points = [d for d in found if d.anchor != "since"]
    if not points:
        return None, since
    first = points[0]
    if first.span_since:
        return first.value, since or first.span_since  # "week of Sept 14-20"
    end = _range_end(first, found, text)
    if end is not None:
        return end, since or first.value
    return max(d.value for d in points if d.value), since


def _range_end(first: dates.DateMention, found: list[dates.DateMention], text: str) -> str | None:
    """The end of a date range starting at ``first`` ("between X and Y", "from X to Y", "on Monday and Tuesday")."""
    for d in found:
        if (
            d.start > first.end
            and d.value
            and re.fullmatch(r"\s*(?:and|to|-|–|—|until|till)\s*", text[first.end : d.start])
        ):
            return d.value if first.value and d.value > first.value else None
    return None


def _is_cumulative(head: Token, anchored_now: bool) -> bool:
    """A running total: present perfect ("have been sent back") or anchored to now ("so far")."""
    if anchored_now:
        return True
    for anc in [head, *head.ancestors]:
        if anc.pos_ == "VERB":
            return any(c.dep_ == "aux" and c.lemma_ == "have" for c in anc.children)
    return False


def _phase_or_drive(text: str, ctx: ArticleContext) -> str | None:
    """Where a running total starts: its phase when it names a later one, else the drive."""
    m = PHASE_RE.search(text)
    if m:
        key = (m.group("ord") or m.group("num") or "").lower()
        phase = PHASE_NUMBER.get(key, 0)
        if phase != 1:
            return ctx.phase_start.get(phase)  # an undated phase: unknown, not the drive's start
    return ctx.drive_start
