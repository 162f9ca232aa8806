from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    from sitrep import nlp as nlp_mod

    return nlp_mod.load()


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "gold").is_dir() or not (SHARED / "seeds").is_dir():
        pytest.skip("../shared (gold annotations and seed articles) is not present in this checkout")
    return SHARED


def extract_text(nlp, text: str, published: str | None = "2025-04-18"):
    """Figures and quotes of a plain text, as the pipeline sees it."""
    from sitrep.ingest import RawDocument, clean_article
    from sitrep.pipeline import process

    article = clean_article(RawDocument(path="<test>", text=text), published)
    return process(article, nlp)
