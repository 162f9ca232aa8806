"""sitrep: from news articles about a displacement crisis to a sourced situation picture.

The public surface is small and pinned by a test; everything else may change.
"""

from sitrep.errors import ConfigError, InputError, SitrepError, StoreError
from sitrep.ingest import clean_article, clean_text
from sitrep.jobs import evaluate_gold, extract_paths, ingest_paths, sample_corpus
from sitrep.pipeline import process, process_many
from sitrep.records import Article, Extraction, Figure, Quote, Segment
from sitrep.settings import Settings
from sitrep.store import FigureFilter, Store

__version__ = "0.1.0"

__all__ = [
    "Article",
    "ConfigError",
    "Extraction",
    "Figure",
    "FigureFilter",
    "InputError",
    "Quote",
    "Segment",
    "Settings",
    "SitrepError",
    "Store",
    "StoreError",
    "__version__",
    "clean_article",
    "clean_text",
    "evaluate_gold",
    "extract_paths",
    "ingest_paths",
    "process",
    "process_many",
    "sample_corpus",
]
