"""Contradictions and quality flags, each with an explanation a fact-checker can paste.

Pure functions over stored figures and their articles:

- ``same_date_conflict``: one source, one indicator, status and date, two values that cannot
  both be true (907,391 vs 907,351);
- ``cumulative_decrease``: a running total from one source that falls over time;
- ``malformed_number``: a number whose digit grouping is invalid ("600,00");
- ``headline_body_mismatch``: a headline or bullet that says something else than the body;
- ``parts_exceed_total``: parts of a stated total that add up to more than it.

:func:`find_flags` runs every check over rows in memory. :func:`stored_flags` gives the same
flags over a whole store, reading only the figures a flag can involve: the store keeps marks
beside each figure (:mod:`sitrep.marks`) and narrows the rest in SQL (:mod:`sitrep.store_sql`).
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Protocol

from sitrep.figures import PARTITIVE, PHASE_RE
from sitrep.ingest import is_heading
from sitrep.records import Article, Figure
from sitrep.series import measure_of
from sitrep.store_sql import HEADLINE, PARTS, FlagCandidates

Row = tuple[Figure, dict[str, Any]]


@dataclass(frozen=True)
class Flag:
    type: str
    severity: str  # "high", "medium" or "low"
    explanation: str
    figures: tuple[dict[str, Any], ...]

    def as_dict(self) -> dict[str, Any]:
        return {"type": self.type, "severity": self.severity, "explanation": self.explanation,
                "figures": list(self.figures)}  # fmt: skip


def _evidence(fig: Figure, meta: dict[str, Any]) -> dict[str, Any]:
    return {
        "value": fig.value, "text": fig.text, "indicator": fig.indicator, "status": fig.status,
        "source": fig.source, "as_of": fig.as_of, "since": fig.since, "article_id": fig.article_id,
        "outlet": meta.get("outlet"), "published": meta.get("published"), "sentence": fig.sentence,
        "start": fig.start, "end": fig.end,
    }  # fmt: skip


def _q(sentence: str) -> str:
    """A sentence in quotation marks, unless it is a quotation already."""
    return sentence if sentence[:1] in '\u201c"' else f"\u201c{sentence}\u201d"


def _what(fig: Figure) -> str:
    status = "" if fig.status == "any" else f" ({fig.status})"
    counted = fig.counted or "people"
    return f"{counted} {fig.indicator}{status}"


def _who(fig: Figure) -> str:
    return f"the {fig.source}" if fig.source else "the article itself"


def compatible(a: Figure, b: Figure) -> bool:
    """Whether two figures for the same thing can both be true, given their qualifiers."""
    if a.value == b.value:
        return True
    lo, hi = (a, b) if a.value < b.value else (b, a)
    if lo.qualifier == "min" or hi.qualifier == "max":
        return True  # "over 800,000" and 907,391; "up to 3,000" and 2,500
    if "approx" in (lo.qualifier, hi.qualifier):
        return hi.value <= lo.value * 1.1
    return False


def find_flags(rows: list[Row], articles: list[Article]) -> list[Flag]:
    """Every flag over the stored figures, most severe first."""
    on_topic = [(f, m) for f, m in rows if f.on_topic]
    flags = [
        *same_date_conflicts(on_topic),
        *cumulative_decreases(on_topic),
        *malformed_numbers(rows),
        *headline_body_mismatches(on_topic, {a.id: a for a in articles}),
        *parts_exceeding_totals(on_topic),
    ]
    return _most_severe_first(flags)


class _Store(Protocol):
    def flag_candidates(self) -> FlagCandidates: ...


def stored_flags(store: _Store) -> list[Flag]:
    """:func:`find_flags` over every figure and article of ``store``, the same flags in the same
    order, from the few figures the store finds can be involved in one."""
    c = store.flag_candidates()
    flags = [
        *same_date_conflicts(c.same_date),
        *(_decrease(a, ma, b, mb) for (a, ma), (b, mb) in c.drops if _falls(a, ma, b, mb)),
        *malformed_numbers(c.malformed),
        *headline_body_mismatches([r for r, bits in c.marked if bits & HEADLINE], {a.id: a for a in c.articles}),
        *parts_exceeding_totals([r for r, bits in c.marked if bits & PARTS]),
    ]
    return _most_severe_first(flags)


def _most_severe_first(flags: list[Flag]) -> list[Flag]:
    order = {"high": 0, "medium": 1, "low": 2}
    return sorted(flags, key=lambda f: (order[f.severity], f.type))


def scope_of(fig: Figure) -> str:
    """What a running total runs over: the year it counts from, or a phase ("second phase")."""
    phase = PHASE_RE.search(fig.sentence)
    return (fig.since or "")[:4] or (phase.group(0).lower() if phase else "")


def _group_key(fig: Figure) -> tuple[Any, ...]:
    """Figures comparable with each other: same thing counted, same source, same scope."""
    return (fig.indicator, fig.status, fig.source, fig.location, measure_of(fig), scope_of(fig))


def same_date_conflicts(rows: list[Row]) -> list[Flag]:
    groups: dict[tuple[Any, ...], list[Row]] = defaultdict(list)
    for fig, meta in rows:
        if fig.vague or fig.malformed:
            continue
        # an undated article is its own reference time: "said on Friday" and "as of today" in it agree
        date = fig.as_of or (None if meta.get("published") else f"article {fig.article_id}")
        if date:
            groups[(*_group_key(fig), date)].append((fig, meta))
    out = []
    for items in groups.values():
        for (a, ma), (b, mb) in itertools.combinations(items, 2):
            if compatible(a, b) or _part_and_whole(a, b):
                continue
            diff = abs(a.value - b.value)
            share = diff / max(a.value, b.value)
            same_article = a.article_id == b.article_id
            hint = " The difference is so small that one of them is probably a typo." if share < 0.01 else ""
            where = "in the same article" if same_article else "in two articles"
            out.append(
                Flag(
                    "same_date_conflict",
                    "medium" if share < 0.01 else "high",
                    f"Two figures for {_what(a)} attributed to {_who(a)} for {a.as_of or 'the same date'} differ {where}: "
                    f"{a.value:,} ({_q(a.sentence)}) and {b.value:,} ({_q(b.sentence)}). "
                    f"The difference is {diff:,} ({share:.3%}).{hint}",
                    (_evidence(a, ma), _evidence(b, mb)),
                )
            )
    return out


def cumulative_decreases(rows: list[Row]) -> list[Flag]:
    groups: dict[tuple[Any, ...], list[Row]] = defaultdict(list)
    for fig, meta in rows:
        date = fig.as_of or meta.get("published")
        if date and measure_of(fig) == "cumulative" and not fig.vague and not fig.malformed and fig.source:
            groups[_group_key(fig)].append((fig, meta))
    out = []
    for items in groups.values():
        items.sort(key=lambda r: r[0].as_of or r[1].get("published") or "")
        out.extend(_decrease(a, ma, b, mb) for (a, ma), (b, mb) in itertools.pairwise(items) if _falls(a, ma, b, mb))
    return out


def _falls(a: Figure, ma: dict[str, Any], b: Figure, mb: dict[str, Any]) -> bool:
    """Whether a running total falls from ``a`` to the next figure ``b``: not "over" a value
    below, not "up to" one above, and not the same date written at two precisions."""
    da, db = a.as_of or ma.get("published") or "", b.as_of or mb.get("published") or ""
    return db[: len(da)] != da[: len(db)] and b.value < a.value and b.qualifier != "min" and a.qualifier != "max"


def _decrease(a: Figure, ma: dict[str, Any], b: Figure, mb: dict[str, Any]) -> Flag:
    """The flag of a running total that falls from ``a`` to the next figure ``b``."""
    da, db = a.as_of or ma.get("published") or "", b.as_of or mb.get("published") or ""
    drop = (a.value - b.value) / a.value
    return Flag(
        "cumulative_decrease",
        "high" if drop > 0.05 else "medium",
        f"The running total of {_what(a)} from {_who(a)} falls from {a.value:,} ({da}) to "
        f"{b.value:,} ({db}), by {a.value - b.value:,} ({drop:.1%}); a cumulative count cannot fall. "
        f"Earlier: {_q(a.sentence)} Later: {_q(b.sentence)}",
        (_evidence(a, ma), _evidence(b, mb)),
    )


def malformed_numbers(rows: list[Row]) -> list[Flag]:
    return [
        Flag(
            "malformed_number",
            "medium",
            f"\u201c{fig.text}\u201d has an invalid digit grouping; sitrep keeps the literal digits "
            f"({fig.value:,}) and does not guess the intended number. Sentence: {_q(fig.sentence)}",
            (_evidence(fig, meta),),
        )
        for fig, meta in rows
        if fig.malformed
    ]


def _paragraph_of(article: Article, offset: int) -> str:
    start = article.text.rfind("\n\n", 0, offset)
    end = article.text.find("\n\n", offset)
    return article.text[start + 2 if start >= 0 else 0 : end if end >= 0 else len(article.text)]


def headline_body_mismatches(rows: list[Row], articles: dict[str, Article]) -> list[Flag]:
    return [
        Flag(
            "headline_body_mismatch",
            "medium",
            f"For {h.value:,} {h.counted or 'people'}, {why}. Headline: {_q(h.sentence)} Body: {_q(b.sentence)}",
            (_evidence(h, mh), _evidence(b, mb)),
        )
        for (h, mh), (b, mb), why in _headline_pairs(rows, articles)
    ]


def _headline_pairs(rows: list[Row], articles: dict[str, Article]) -> Iterator[tuple[Row, Row, str]]:
    """Each headline (or bullet) figure and body figure that disagree, with why."""
    by_article: dict[str, list[Row]] = defaultdict(list)
    for fig, meta in rows:
        if fig.article_id in articles and not fig.vague and not fig.malformed:
            by_article[fig.article_id].append((fig, meta))
    for article_id, items in by_article.items():
        article = articles[article_id]
        heads = [(f, m) for f, m in items if is_heading(_paragraph_of(article, f.start))]
        body = [(f, m) for f, m in items if (f, m) not in heads]
        for (h, mh), (b, mb) in itertools.product(heads, body):
            if h.value == b.value and h.indicator != b.indicator:
                why = f"the headline or bullet says {h.indicator}, the body says {b.indicator}"
            # a body figure of 0 ("0 people were deported") is no factor of the headline's
            elif (h.indicator, h.status, measure_of(h)) == (b.indicator, b.status, measure_of(b)) and not compatible(h, b) \
                    and b.value and 0.5 <= h.value / b.value <= 2:  # fmt: skip
                why = f"the headline or bullet gives {h.value:,}, the body {b.value:,}"
            else:
                continue
            yield (h, mh), (b, mb), why


def parts_exceeding_totals(rows: list[Row]) -> list[Flag]:
    out = []
    for _, total, parts in _exceeding_parts(rows):
        whole = total[0]
        summed = sum(p.value for p, _ in parts)
        out.append(
            Flag(
                "parts_exceed_total",
                "high",
                f"The parts ({' + '.join(f'{p.value:,}' for p, _ in parts)} = {summed:,}) add up to more than "
                f"the stated total {whole.value:,}. Sentence: {_q(whole.sentence)}",
                tuple(_evidence(f, m) for f, m in [total, *parts]),
            )
        )
    return out


def _exceeding_parts(rows: list[Row]) -> Iterator[tuple[list[Row], Row, list[Row]]]:
    """Each sentence whose parts ("..., of which ...") add up to more than their total: its
    figures, the total and the parts."""
    by_sentence: dict[tuple[str | None, str], list[Row]] = defaultdict(list)
    for fig, meta in rows:
        by_sentence[(fig.article_id, fig.sentence)].append((fig, meta))
    for items in by_sentence.values():
        items.sort(key=lambda r: r[0].start)
        total, parts = None, []
        for (a, ma), (b, mb) in itertools.pairwise(items):
            gap = _gap(a, b)
            if PARTITIVE.search(gap):
                total = total or (a, ma)
                parts.append((b, mb))
        if total is None:
            continue
        if sum(p.value for p, _ in parts) > total[0].value and total[0].qualifier != "min":
            yield items, total, parts


def _part_and_whole(a: Figure, b: Figure) -> bool:
    """ "14 of the 24 attacks", "84,871 ..., of which 25,320": a part is no rival of its whole."""
    if a.sentence != b.sentence:
        return False
    first, second = (a, b) if a.start < b.start else (b, a)
    gap = _gap(first, second)
    return bool(PARTITIVE.search(gap) or re.fullmatch(r"\s*(?:out\s+)?of\s+(?:the\s+|all\s+|a\s+total\s+of\s+)?", gap))


def _gap(a: Figure, b: Figure) -> str:
    """Text between two figures of the same sentence (offsets are in the article; the sentence is exact)."""
    start = a.sentence.find(a.text)
    second = a.sentence.find(b.text, start + len(a.text)) if start >= 0 else -1
    return a.sentence[start + len(a.text) : second] if start >= 0 and second >= 0 else ""
