"""What the store keeps beside each figure, so that a store of a million figures can be narrowed
in SQL (:mod:`sitrep.store_sql`) and still give the series and flags the pure functions give.

:func:`figure_marks` computes :class:`~sitrep.store_sql.Marks` from one article's figures when
they are stored, with the very functions the series and the checks use. The two in-article
checks (headline/body mismatches, parts exceeding their total) run here once, and again over
the marked figures only when flags are asked for.

Marks go stale when those rules change. :func:`rules_fingerprint` is a hash of their source,
pinned by tests/test_store_checks.py: a change there needs a migration that computes the
marks again (``store.REMARK``).
"""

from __future__ import annotations

import hashlib
import inspect
import json
from collections import defaultdict
from collections.abc import Sequence

from sitrep import contradictions, series
from sitrep.figures import PARTITIVE, PHASE_RE
from sitrep.ingest import is_heading
from sitrep.records import Article, Figure
from sitrep.store_sql import HEADLINE, PARTS, REPEAT, REPEAT_CLEAR, Marks, dated


def figure_marks(article: Article, figures: Sequence[Figure]) -> list[Marks]:
    """The marks of ``figures``: every figure of ``article``, in the store's order (which a mark
    can depend on, as the functions it comes from depend on the order of their rows)."""
    meta = {"published": article.published}
    on_topic = [(f, meta) for f in figures if f.on_topic]
    flagged: dict[int, int] = defaultdict(int)
    pairs = list(contradictions._headline_pairs(on_topic, {article.id: article}))
    if pairs:
        # the first figure the check looks at in the article too: it gives the article's flags their place
        first = next(f for f, _ in on_topic if f.article_id == article.id and not f.vague and not f.malformed)
        for fig in (first, *(f for (h, _), (b, _), _ in pairs for f in (h, b))):
            flagged[id(fig)] |= HEADLINE
    for items, _, _ in contradictions._exceeding_parts(on_topic):
        for fig, _ in items:
            flagged[id(fig)] |= PARTS
    return [
        Marks(series.measure_of(f), json.dumps(contradictions._group_key(f), ensure_ascii=False),
              dated(f, article.published), flagged[id(f)], repeats)
        for f, repeats in zip(figures, _repeats(article, figures), strict=True)
    ]  # fmt: skip


def _repeats(article: Article, figures: Sequence[Figure]) -> list[int]:
    """Which figures build_series drops as the same point as an earlier one of the article (the
    same series, value and date), with vague figures kept (REPEAT) and left out (REPEAT_CLEAR)."""
    seen: set[tuple[object, ...]] = set()
    seen_clear: set[tuple[object, ...]] = set()
    out = []
    for f in figures:
        bits = 0
        if f.on_topic and not f.malformed:
            point = (series.series_key(f), f.value, f.as_of or article.published)
            bits |= REPEAT if point in seen else 0
            seen.add(point)
            if not f.vague:
                bits |= REPEAT_CLEAR if point in seen_clear else 0
                seen_clear.add(point)
        out.append(bits)
    return out


# The rules behind the marks, and those store_sql restates in SQL.
_RULES = (series.measure_of, series.series_key, series.build_series, series._dedupe, contradictions.scope_of,
          contradictions._group_key, contradictions._headline_pairs, contradictions._exceeding_parts,
          contradictions._paragraph_of, contradictions._gap, contradictions.compatible, is_heading,
          contradictions.same_date_conflicts, contradictions.cumulative_decreases, contradictions._falls,
          figure_marks, _repeats)  # fmt: skip
_PATTERNS = (series._CUMULATIVE, PHASE_RE, PARTITIVE)


def rules_fingerprint() -> str:
    """A hash of the source of the rules behind the marks (and of those the SQL restates)."""
    text = "\n".join([*(inspect.getsource(fn) for fn in _RULES), *(p.pattern for p in _PATTERNS)])
    return hashlib.sha256(text.encode()).hexdigest()[:16]
