"""Score extraction against hand annotations, exactly as ``gold/SCHEMA.md`` defines it.

Figures: vague or malformed figures on either side are left out; each side is deduplicated on
(value, indicator) per article; a prediction matches a gold figure when value and indicator
are equal (on-topic figures only); predicted on-topic figures that gold marks off-topic are
false positives. Over matched pairs: the share with the same source, qualifier, status,
as_of (at the gold's precision) and since. Quotes: matched on their text; speaker accuracy
over matched quotes.

Sources and speakers are compared by the entity they name, not their spelling: both sides go
through the alias table of ``lexicons/sources.toml`` ("afghan ministry of refugees and
repatriation" is "afghan refugee ministry"), and a person's honorific (Mawlawi, Haji, ...) is
not part of the comparison, since annotators differ on keeping it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sitrep import lexicon
from sitrep.dates import at_precision
from sitrep.records import Extraction
from sitrep.speakers import HONORIFICS

FIELDS = ("source", "qualifier", "status", "as_of", "since")


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}  # fmt: skip


@dataclass
class Report:
    """Scores of one evaluation run."""

    value_indicator: Counts = field(default_factory=Counts)
    value_only: Counts = field(default_factory=Counts)
    quotes: Counts = field(default_factory=Counts)
    events: Counts = field(default_factory=Counts)
    field_hits: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    matched: int = 0
    speaker_hits: int = 0
    quotes_matched: int = 0
    per_article: dict[str, dict[str, float | int]] = field(default_factory=dict)
    mismatches: list[dict[str, object]] = field(default_factory=list)

    def accuracy(self, name: str) -> float:
        return self.field_hits[name] / self.matched if self.matched else 0.0

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_hits / self.quotes_matched if self.quotes_matched else 0.0

    def as_dict(self) -> dict[str, object]:
        return {
            "figures": {"value_indicator": self.value_indicator.as_dict(), "value_only": self.value_only.as_dict()},
            "fields": {name: round(self.accuracy(name), 4) for name in FIELDS},
            "matched": self.matched,
            "quotes": {**self.quotes.as_dict(), "speaker_accuracy": round(self.speaker_accuracy, 4)},
            "events": self.events.as_dict(),
            "per_article": self.per_article,
        }


def same_entity(gold: object, predicted: object) -> bool:
    """Whether two source or speaker names name the same body or person."""
    return _entity(gold) == _entity(predicted)


def _entity(name: object) -> object:
    if not isinstance(name, str):
        return name
    low = " ".join(name.lower().split())
    low = lexicon.aliases().lookup(low) or low
    words = low.split()
    return " ".join(words[1:]) if len(words) > 2 and words[0] in HONORIFICS else low


def _scored(fig: dict[str, object]) -> bool:
    return not fig.get("vague") and not fig.get("malformed")


def _dedupe(
    figs: Iterable[dict[str, object]], key: Callable[[dict[str, object]], object]
) -> dict[object, dict[str, object]]:
    out: dict[object, dict[str, object]] = {}
    for f in figs:
        out.setdefault(key(f), f)
    return out


def score_article(name: str, gold: list[dict[str, object]], predicted: list[dict[str, object]], report: Report) -> None:
    """Add one article's figure scores to ``report``."""
    gold_on = [g for g in gold if _scored(g) and g.get("on_topic", True)]
    gold_off = {(g["value"], g["indicator"]) for g in gold if _scored(g) and not g.get("on_topic", True)}
    gold_off_values = {g["value"] for g in gold if _scored(g) and not g.get("on_topic", True)}
    pred_on = [p for p in predicted if _scored(p) and p.get("on_topic", True)]

    def vi(f: dict[str, object]) -> object:
        return (f["value"], f["indicator"])

    def v(f: dict[str, object]) -> object:
        return f["value"]

    counts = Counts()
    for key_fn, target, off in ((vi, report.value_indicator, gold_off), (v, report.value_only, gold_off_values)):
        g, p = _dedupe(gold_on, key_fn), _dedupe(pred_on, key_fn)
        c = Counts(tp=len(g.keys() & p.keys()), fp=len(p.keys() - g.keys()), fn=len(g.keys() - p.keys()))
        target.add(c)
        if key_fn is vi:
            counts = c
            for key in g.keys() & p.keys():
                report.matched += 1
                for fname in FIELDS:
                    gv, pv = g[key].get(fname), p[key].get(fname)
                    if fname in ("as_of", "since"):
                        pv = at_precision(pv, gv) if isinstance(pv, str) and isinstance(gv, str) else pv  # type: ignore[arg-type]
                    if gv == pv or (fname == "source" and same_entity(gv, pv)):
                        report.field_hits[fname] += 1
                    else:
                        report.mismatches.append(
                            {"article": name, "value": key[0], "field": fname, "gold": gv, "predicted": pv}
                        )  # type: ignore[index]
            for key in p.keys() - g.keys():
                report.mismatches.append(
                    {
                        "article": name,
                        "value": key[0],
                        "field": "spurious",
                        "gold": None,  # type: ignore[index]
                        "predicted": key[1],
                        "off_topic_in_gold": key in off,
                    }
                )  # type: ignore[index]
            for key in g.keys() - p.keys():
                report.mismatches.append(
                    {"article": name, "value": key[0], "field": "missed", "gold": key[1], "predicted": None}
                )  # type: ignore[index]
    report.per_article[name] = counts.as_dict()


def _norm_quote(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def score_quotes(name: str, gold: list[dict[str, object]], predicted: list[dict[str, object]], report: Report) -> None:
    """Quotes match when their normalised texts are equal or one contains the other."""
    remaining = list(predicted)
    tp = 0
    for g in gold:
        gq = _norm_quote(str(g["quote"]))
        hit = next(
            (
                p
                for p in remaining
                if (pq := _norm_quote(str(p["quote"]))) and (pq == gq or (len(pq) > 20 and (pq in gq or gq in pq)))
            ),
            None,
        )
        if hit is None:
            continue
        remaining.remove(hit)
        tp += 1
        report.quotes_matched += 1
        if same_entity(g.get("speaker"), hit.get("speaker")):
            report.speaker_hits += 1
        else:
            report.mismatches.append({"article": name, "quote": str(g["quote"])[:50], "field": "speaker",
                                      "gold": g.get("speaker"), "predicted": hit.get("speaker")})  # fmt: skip
    report.quotes.add(Counts(tp=tp, fp=len(remaining), fn=len(gold) - tp))


def score_events(name: str, gold: list[dict[str, object]], predicted: list[dict[str, object]], report: Report) -> None:
    """Events match on type and on date compared at the gold's precision, one to one."""
    remaining = [p for p in predicted if p.get("on_topic", True) and p.get("date")]
    tp = 0
    for g in gold:
        gdate = str(g.get("date"))
        hit = next(
            (p for p in remaining if p["type"] == g["type"] and at_precision(str(p["date"]), gdate) == gdate),
            None,
        )
        if hit is None:
            report.mismatches.append({"article": name, "field": "event_missed", "gold": f"{g['type']} {gdate}"})
            continue
        remaining.remove(hit)
        tp += 1
    for p in remaining:
        report.mismatches.append({"article": name, "field": "event_spurious", "predicted": f"{p['type']} {p['date']}"})
    report.events.add(Counts(tp=tp, fp=len(remaining), fn=len(gold) - tp))


def read_jsonl(path: Path) -> list[dict[str, object]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def load_gold(gold_dir: Path) -> tuple[dict[str, str], list[str]]:
    """(publication dates by article file name, article stems that have gold figures)."""
    published_file = gold_dir / "published.json"
    published: dict[str, str] = {}
    if published_file.exists():
        for name, entry in json.loads(published_file.read_text(encoding="utf-8")).items():
            published[name] = entry["published"] if isinstance(entry, dict) else entry
    stems = sorted(
        p.name.removesuffix(".jsonl")
        for p in gold_dir.glob("*.jsonl")
        if not p.name.endswith((".quotes.jsonl", ".events.jsonl"))
    )
    return published, stems


def evaluate(gold_dir: Path, predictions: dict[str, Extraction]) -> Report:
    """Score ``predictions`` (by article stem) against the gold files in ``gold_dir``."""
    report = Report()
    _, stems = load_gold(gold_dir)
    for stem in stems:
        ex = predictions.get(stem)
        figs = [f.as_dict() for f in ex.figures] if ex else []
        quotes = [q.as_dict() for q in ex.quotes] if ex else []
        events = [e.as_dict() for e in ex.events] if ex else []
        score_article(stem, read_jsonl(gold_dir / f"{stem}.jsonl"), figs, report)
        # an article with no quotes or events file is not annotated for them: nothing to score
        if (gold_dir / f"{stem}.quotes.jsonl").exists():
            score_quotes(stem, read_jsonl(gold_dir / f"{stem}.quotes.jsonl"), quotes, report)
        if (gold_dir / f"{stem}.events.jsonl").exists():
            score_events(stem, read_jsonl(gold_dir / f"{stem}.events.jsonl"), events, report)
    return report
