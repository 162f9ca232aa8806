"""The bundled sample corpus: written by the team, with its own expected figures.

It is a second, independent check of generality next to the shared gold: the sentences were
written without looking at the extractor's rules. Run with ``-s`` to see every mismatch.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

from sitrep import Settings, extract_paths, sample_corpus

FLOORS = {"f1": 0.97, "source": 0.95, "status": 0.95, "qualifier": 0.97}


def _key(path: str, url: str | None) -> str:
    name = Path(path.rsplit(":", 1)[0] if path.rsplit(":", 1)[-1].isdigit() else path).name
    return f"{name}#{url}" if name.endswith(".jsonl") else name


@pytest.fixture(scope="module")
def scores(tmp_path_factory):
    root = sample_corpus()
    expected = [json.loads(line) for line in (root.parent / "expected.jsonl").read_text().splitlines() if line.strip()]
    settings = Settings(db=tmp_path_factory.mktemp("db") / "x.db")
    predicted = {_key(ex.article.path or "", ex.article.url): ex for ex in extract_paths([str(root)], settings)}
    by_file: dict[str, list[dict]] = defaultdict(list)
    for e in expected:
        by_file[e["file"]].append(e)
    tp = fp = fn = 0
    hits: dict[str, int] = dict.fromkeys(("source", "status", "qualifier"), 0)
    for name, items in by_file.items():
        assert name in predicted, f"{name} was not ingested"
        gold = {(e["value"], e["indicator"]): e for e in items if not e["vague"] and not e["malformed"]}
        pred = {}
        for f in predicted[name].figures:
            if f.on_topic and not f.vague and not f.malformed:
                pred.setdefault((f.value, f.indicator), f)
        for key in gold.keys() & pred.keys():
            for field in hits:
                same = gold[key][field] == getattr(pred[key], field)
                hits[field] += same
                if not same:
                    print(f"{field}: {name} {key} gold={gold[key][field]} predicted={getattr(pred[key], field)}")
        for key in gold.keys() - pred.keys():
            print(f"missed: {name} {key} {gold[key]['text']!r}")
        for key in pred.keys() - gold.keys():
            print(f"spurious: {name} {key} {pred[key].text!r} | {pred[key].sentence[:90]}")
        tp += len(gold.keys() & pred.keys())
        fp += len(pred.keys() - gold.keys())
        fn += len(gold.keys() - pred.keys())
    p, r = tp / (tp + fp), tp / (tp + fn)
    out = {"f1": 2 * p * r / (p + r), **{k: v / tp for k, v in hits.items()}}
    print("sample corpus scores:", {k: round(v, 3) for k, v in out.items()})
    return out


@pytest.mark.parametrize("measure", sorted(FLOORS))
def test_sample_corpus_scores(scores, measure):
    assert scores[measure] >= FLOORS[measure]
