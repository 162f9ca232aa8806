"""The orchestration: one article (or a million) from cleaned text to records.

``process_many`` reads top to bottom, its numbered steps matching this docstring:

1. split each article into paragraphs and parse them all with one ``nlp.pipe`` call;
2. read the article's context: the host country and when the drive and its phases began;
3. walk sentences in order, keeping a registry of speakers: attribute each sentence
   ("X said", "according to X", reported speech carried through a paragraph);
4. extract figures, typed and dated, with the sentence's source;
5. extract dated events;
6. extract direct quotes with their speakers; a figure quoted without a source is its speaker's.

Figures, quotes and events of appended unrelated stories carry ``on_topic: false``.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span

from sitrep import attribution as attr
from sitrep import dates, ingest
from sitrep import events as ev
from sitrep import figures as fig
from sitrep import indicators as ind
from sitrep import quotes as qt
from sitrep.records import Article, Event, Extraction, Figure, Quote


def paragraphs(text: str) -> list[tuple[int, str]]:
    """(offset, text) of each paragraph of a cleaned article."""
    out, offset = [], 0
    for para in text.split("\n\n"):
        if para.strip():
            out.append((offset, para))
        offset += len(para) + 2
    return out


def host_country(article: Article) -> str:
    """The country the crisis is hosted in: from the dateline, else the most named host."""
    places = attr.place_country()
    if article.dateline and article.dateline.lower() in places:
        country = places[article.dateline.lower()]
        if country != "afghanistan":
            return country
    counts = Counter(m.lower() for m in re.findall(r"\b(Pakistan|Iran)", article.text))
    return counts.most_common(1)[0][0] if counts else "pakistan"


def process(article: Article, nlp: Language) -> Extraction:
    """Figures and quotes of one article."""
    return next(iter(process_many([article], nlp)))


def process_many(articles: Iterable[Article], nlp: Language, batch_size: int = 64) -> Iterator[Extraction]:
    """Figures and quotes of many articles, parsed in batches with ``nlp.pipe``."""
    chunk: list[Article] = []
    for article in articles:
        chunk.append(article)
        if len(chunk) >= batch_size:
            yield from _process_chunk(chunk, nlp)
            chunk = []
    if chunk:
        yield from _process_chunk(chunk, nlp)


def _process_chunk(articles: list[Article], nlp: Language) -> Iterator[Extraction]:
    # 1. parse every paragraph of the chunk in one pipe
    items = [(_for_parser(text), (n, offset)) for n, a in enumerate(articles) for offset, text in paragraphs(a.text)]
    parsed: dict[int, list[tuple[int, Doc]]] = {n: [] for n in range(len(articles))}
    for doc, (n, offset) in nlp.pipe(items, as_tuples=True):
        parsed[n].append((offset, doc))
    for n, article in enumerate(articles):
        yield _extract(article, parsed[n])


def _extract(article: Article, docs: list[tuple[int, Doc]]) -> Extraction:
    # 2. article context
    host = host_country(article)
    sentences = [(offset, doc, list(doc.sents)) for offset, doc in docs]
    ctx = fig.article_context([s for _, _, ss in sentences for s in ss], article.published, host)
    speakers = attr.Speakers(host=host, province=attr.provinces().get((article.dateline or "").lower()))
    figures: list[Figure] = []
    quotes: list[Quote] = []
    events: list[Event] = []
    last_quote: attr.Speaker | None = None
    quoted: list[tuple[int, int, attr.Speaker]] = []  # where each quote is, and who says it
    lead_in_cue: str | None = None
    lead_in_status: str | None = None  # a list's lead-in that names a status gives it to its lines
    lead_in_text = ""  # the last paragraph that was no list line: its dates are read when a list follows
    lead_in_when: tuple[str | None, str | None] | None = (None, None)
    lead_in_attribution: attr.Attribution | None = None
    main_paragraph = -1
    for offset, doc, sents in sentences:
        text = article.text[offset : offset + len(doc.text)]  # as written, bullets included
        if article.on_topic_at(offset) and not ingest.is_heading(text):
            # the lead is the dateline paragraph when there is one, else the first paragraph
            main_paragraph = 0 if _DATELINE.match(text) and main_paragraph < 4 else main_paragraph + 1
        # list lines and bullets under a lead-in ("KEY FIGURES (1 January - 20 July 2025; source: IOM)")
        bullet = text.lstrip()[:1] in "•-*▪●"
        list_item = ingest.is_list_item(text)
        if (bullet or list_item) and lead_in_when is None:
            lead_in_when = fig.lead_in_dates(lead_in_text, article.published, ctx.deadline)
        when = lead_in_when or (None, None)
        row_year = _ROW_YEAR.match(text)
        if list_item and row_year:
            when = (row_year.group(1), None)  # "| 2024 | 336,900 | 1,121,500 |": the row's year dates its cells
        listed = list_item or (bullet and bool(when[0] or lead_in_attribution))
        if ingest.is_table_header(text):
            # a table's header row belongs to its lead-in: "Returns to Afghanistan (source: IOM)", then the columns
            lead_in_cue = ind.paragraph_cue(doc) or lead_in_cue
            continue
        if not listed and not bullet:
            lead_in_cue = ind.paragraph_cue(doc)
            lead_in_status = ind.only_status(text) if text.rstrip().endswith(":") else None
            lead_in_attribution = None
            lead_in_text, lead_in_when = text, None
        carried: attr.Attribution | None = lead_in_attribution if listed else None
        said: attr.Attribution | None = None
        paragraph_quotes = qt.find_quote_spans(text)
        for sent in sents:
            sent_dates = dates.find_dates(sent.text, article.published)
            on_topic = article.on_topic_at(offset + sent.start_char)
            speakers.province = attr.province_in(sent.text) or speakers.province
            speakers.observe(sent)
            # 3. attribution
            found = attr.sentence_attribution(sent, speakers)
            spans = [s for s in paragraph_quotes if sent.start_char <= s.start < sent.end_char]
            fully_quoted = _fully_quoted(sent.text)
            if found is None and fully_quoted and last_quote is not None:
                found = attr.Attribution(last_quote, None, "quote")
            if found is None and carried is not None:
                found = attr.Attribution(carried.speaker, carried.via, "carried")
            if found is None and said is not None and _backshifted(sent):
                # reported speech goes on: "The minister said ... He had also ..." / "... 4,000 had been detained."
                found = attr.Attribution(said.speaker, said.via, "carried")
            if found is not None and found.kind in ("according", "data"):
                carried = found
            said = found if found is not None and found.kind in ("said", "carried") else None
            # 4. figures
            if not listed and not bullet and found is not None:
                lead_in_attribution = found
            found_figures = fig.sentence_figures(
                sent,
                ctx,
                found,
                offset,
                on_topic,
                article.id,
                sent_dates,
                speakers,
                lead_in_cue if listed else None,
                when if listed else (None, None),
                text[sent.start_char : sent.end_char],
                lead_in_status if listed else None,
            )
            if figures and _PART_OF_BEFORE.match(sent.text):
                # "Of those, 96 held PoR cards": a part of the count before, dated as it is
                whole = figures[-1]
                found_figures = [
                    dataclasses.replace(f, as_of=f.as_of or whole.as_of, since=f.since or whole.since)
                    for f in found_figures
                ]
            figures.extend(found_figures)
            # 5. events
            events.extend(
                ev.sentence_events(
                    sent,
                    article.published,
                    speakers,
                    offset,
                    main_paragraph,
                    on_topic,
                    article.id,
                    ctx.drive_start,
                    sent_dates,
                )
            )
            # 6. quotes
            for span in spans:
                # a quote of several sentences is attributed where it closes: “... . ...,” he said.
                closing = next((s for s in sents if s.start_char <= span.end <= s.end_char), sent)
                speaker = qt.quote_speaker(closing, max(span.start, closing.start_char), span.end, speakers)
                if speaker is None and found is not None and found.kind in ("said", "quote"):
                    speaker = found.speaker
                if speaker is None and last_quote is not None and (fully_quoted or not _has_reporting_verb(sent)):
                    # the article goes on quoting the same source: “...”, then The two officials “agreed ...”
                    speaker = last_quote
                if speaker is None:
                    continue
                speaker = speakers.remember(speaker) if speaker.person else speaker
                last_quote = speaker
                quoted.append((offset + span.start, offset + span.end, speaker))
                quotes.append(
                    Quote(
                        quote=span.text,
                        speaker=speaker.name,
                        speaker_role=speaker.role,
                        sentence=sent.text.strip(),
                        start=offset + span.start,
                        end=offset + span.end,
                        on_topic=on_topic,
                        article_id=article.id,
                    )
                )
    # 7. a figure inside a quote with no source of its own is the speaker's: “Today there are some 1.3 million ...”
    figures = [_said_by(f, quoted) for f in figures]
    # a headline's "..., ministry says" / ": official" is the body the story goes on to quote
    first_break = article.text.find("\n\n")
    headline_end = first_break if first_break >= 0 else len(article.text)
    figures = [_headline_source(f, headline_end, speakers) for f in figures]
    # 8. a verbatim repeat of a figure (same value, indicator and sentence) is one record
    unique: dict[tuple[int, str, str], Figure] = {}
    for f in figures:
        unique.setdefault((f.value, f.indicator, f.sentence), f)
    return Extraction(article=article, figures=tuple(unique.values()), quotes=tuple(quotes), events=ev.dedupe(events))


_HEADLINE_WHO = re.compile(
    r"(?:,\s*|:\s*|\b)(?P<who>(?:the\s+)?(?:ministry|officials?|police|authorities|government|agency|department))"
    r"(?:\s+(?:says?|said|claims?))?\s*$",
    re.IGNORECASE,
)


def _headline_source(figure: Figure, headline_end: int, speakers: attr.Speakers) -> Figure:
    """ "Over 9,000 Afghans return from Pakistan in a day, ministry says": the ministry the story quotes."""
    if figure.source is not None or figure.start >= headline_end or not ingest.is_heading(figure.sentence):
        return figure
    m = _HEADLINE_WHO.search(figure.sentence.rstrip(" ."))
    if m is None:
        return figure
    word = m.group("who").lower().split()[-1]
    kind = None if word in ("official", "officials", "authorities", "government") else word  # any body, or one named so
    for s in speakers.history:  # the first body of that kind the story quotes
        if not s.person and (kind is None or kind in s.source):
            return dataclasses.replace(figure, source=s.source)
    return figure


def _said_by(figure: Figure, quoted: list[tuple[int, int, attr.Speaker]]) -> Figure:
    if figure.source is not None:
        return figure
    for start, end, speaker in quoted:
        if start <= figure.start < end:
            return dataclasses.replace(figure, source=speaker.source, via=None)
    return figure


_ROW_YEAR = re.compile(r"\s*\|?\s*((?:19|20)\d\d)\s*[|:]")
_PART_OF_BEFORE = re.compile(
    r"\s*(?:of|out\s+of)\s+(?:those|these|them|this\s+total|the\s+total|that\s+number)\b", re.I
)
_FOR_PARSER = re.compile(r"(?m)^[ \t]*[•▪●◦‣∙*–—-](?=[ \t])|(?<=\d)\+(?=[\s,;.)])")


def _for_parser(paragraph: str) -> str:
    """The paragraph with list bullets and the "+" of "508,000+" blanked, same length.

    The parser reads a leading "•" as a verb and "508,000+ returns" as two sentences; the
    number finder still reads the "+" (a minimum) from the article's text.
    """
    return _FOR_PARSER.sub(lambda m: " " * len(m.group()), paragraph)


_DATELINE = re.compile(r"^[A-Z][A-Z .'’-]{2,30}(?:,[^:]{1,40})?\s*[:—–]\s")


def _backshifted(sent: Span) -> bool:
    """Past perfect or a modal in the main clause: the tense of reported speech."""
    root = sent.root
    auxes = [c for c in root.children if c.dep_ in ("aux", "auxpass")]
    return any(a.lower_ in ("had", "would") for a in auxes) and not attr.quoted_token_ids(sent)


def _has_reporting_verb(sent: Span) -> bool:
    return any(t.pos_ == "VERB" and t.lemma_.lower() in attr.reporting_verbs() for t in sent)


def _fully_quoted(text: str) -> bool:
    t = text.strip()
    return len(t) > 2 and t[0] in '“"' and (t[-1] in '”"' or (t.count("”") == 1 and t.rstrip(".")[-1] in '”"'))
