"""Exports: figures, events, quotes and series as CSV, JSON, JSONL or HXL.

HXL (the Humanitarian Exchange Language used on HDX) is a CSV whose second row holds
hashtags. Core HXL has no words for sitrep's own notions (deported, ACC/PoR status, a
qualifier), so they are ``+x_`` attributes, documented in ``docs/exports.md``. JSON exports
carry ``schema_version``; every JSONL line does too.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from sitrep.errors import ConfigError
from sitrep.records import SCHEMA_VERSION
from sitrep.series import stored_series
from sitrep.store import FigureFilter, Store

FORMATS = ("csv", "json", "jsonl", "hxl")
WHATS = ("figures", "events", "quotes", "series")

# column -> HXL hashtag, per kind of record; the column order is the export's
HXL: dict[str, dict[str, str]] = {
    "figures": {
        "value": "#affected+num", "qualifier": "#affected+x_qualifier", "text": "#affected+x_text",
        "indicator": "#indicator+code", "counted": "#group+name", "status": "#group+x_status",
        "as_of": "#date+x_asof", "since": "#date+start", "source": "#meta+source", "via": "#meta+source+x_via",
        "location": "#loc+name", "vague": "#affected+x_vague", "malformed": "#affected+x_malformed",
        "on_topic": "#meta+x_ontopic", "published": "#date+reported", "outlet": "#meta+x_outlet",
        "url": "#meta+url", "article_id": "#meta+id+x_article", "sentence": "#meta+x_sentence",
        "start": "#meta+x_start", "end": "#meta+x_end",
    },
    "events": {
        "date": "#date", "type": "#event+type", "plover": "#event+x_plover", "actors": "#org+name",
        "trigger": "#event+x_trigger", "on_topic": "#meta+x_ontopic", "article_id": "#meta+id+x_article",
        "sentence": "#meta+x_sentence", "start": "#meta+x_start", "end": "#meta+x_end",
    },
    "quotes": {
        "speaker": "#contact+name", "speaker_role": "#contact+x_role", "quote": "#meta+x_quote",
        "on_topic": "#meta+x_ontopic", "article_id": "#meta+id+x_article", "sentence": "#meta+x_sentence",
        "start": "#meta+x_start", "end": "#meta+x_end",
    },
    "series": {
        "indicator": "#indicator+code", "status": "#group+x_status", "location": "#loc+name",
        "measure": "#indicator+x_measure", "source": "#meta+source", "date": "#date",
        "dated_by_publication": "#date+x_bypublication", "value": "#affected+num", "qualifier": "#affected+x_qualifier",
        "text": "#affected+x_text", "via": "#meta+source+x_via", "outlet": "#meta+x_outlet", "url": "#meta+url",
        "article_id": "#meta+id+x_article", "sentence": "#meta+x_sentence",
    },
}  # fmt: skip


def records(store: Store, what: str) -> list[dict[str, Any]]:
    """Plain records of one kind from the store, with article metadata for figures."""
    if what == "figures":
        return [
            {**f.as_dict(), "published": m.get("published"), "outlet": m.get("outlet"), "url": m.get("url")}
            for f, m in store.figures(FigureFilter(on_topic_only=False))
        ]
    if what == "events":
        return [e.as_dict() for e in store.events(on_topic_only=False)]
    if what == "quotes":
        return [q.as_dict() for q in store.quotes()]
    if what == "series":
        rows = []
        for s in stored_series(store):
            head = {"indicator": s.indicator, "status": s.status, "location": s.location, "measure": s.measure,
                    "source": s.source}  # fmt: skip
            rows.extend({**head, **p.as_dict(), "source": s.source} for p in s.points)
        return rows
    raise ConfigError(f"unknown export '{what}': choose {', '.join(WHATS)}")


def render(rows: list[dict[str, Any]], what: str, fmt: str) -> str:
    """``rows`` of kind ``what`` as text in format ``fmt``."""
    if fmt not in FORMATS:
        raise ConfigError(f"unknown format '{fmt}': choose {', '.join(FORMATS)}")
    if what not in WHATS:
        raise ConfigError(f"unknown export '{what}': choose {', '.join(WHATS)}")
    if fmt == "json":
        return json.dumps(
            {"schema_version": SCHEMA_VERSION, "what": what, "records": rows}, ensure_ascii=False, indent=2
        )
    if fmt == "jsonl":
        return "".join(json.dumps({"schema_version": SCHEMA_VERSION, **r}, ensure_ascii=False) + "\n" for r in rows)
    columns = list(HXL[what])
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    if fmt == "hxl":
        writer.writerow([HXL[what][c] for c in columns])
    for r in rows:
        writer.writerow([_cell(r.get(c)) for c in columns])
    return buf.getvalue()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return "; ".join(map(str, value))
    return str(value)


def parse_csv(text: str, what: str) -> list[dict[str, Any]]:
    """Read a CSV or HXL export back into records (the inverse of :func:`render`)."""
    reader = csv.reader(io.StringIO(text))
    header = next(reader)
    rows = list(reader)
    if rows and rows[0] and rows[0][0].startswith("#"):
        rows = rows[1:]
    ints = {"value", "start", "end"}
    bools = {"vague", "malformed", "on_topic", "dated_by_publication"}
    out = []
    for row in rows:
        rec: dict[str, Any] = {}
        for col, cell in zip(header, row, strict=True):
            if cell == "":
                rec[col] = [] if col == "actors" else None
            elif col in ints:
                rec[col] = int(cell)
            elif col in bools:
                rec[col] = cell == "true"
            elif col == "actors":
                rec[col] = cell.split("; ")
            else:
                rec[col] = cell
        out.append(rec)
    return out
