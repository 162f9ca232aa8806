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


def synthetic_extractions(n_articles: int, seed: int = 0):
    """Small stored-looking articles whose figures collide a lot: conflicts on one date (907,391
    and 907,351), running totals that fall, dates at two precisions, undated articles, empty
    strings, zeros, phases, "of which" parts, headlines and bullets that disagree with the body,
    off-topic appended stories, and two figures at one offset. No spaCy: records built directly.
    """
    import random

    from sitrep.records import Article, Extraction, Figure, Segment

    rng = random.Random(seed)
    values = [907391, 907351, 800000, 880000, 1000, 1050, 2500, 3000, 14, 24, 0, 541000, 514000]
    sources, locations = ["unhcr", "iom", None, ""], ["pakistan", None]
    dates = [None, "", "2024-01", "2024-01-15", "2024-01-20", "2024-02"]
    words = ["so far", "on Monday", "since November", "in the second phase", "last week", "in total"]
    out = []
    for n in range(n_articles):
        published = rng.choice([None, "", "2024-01-10", "2024-01-15", "2024-02-01", "2024-03"])
        paras: list[list[tuple[str, list[dict]]]] = []

        def figure(**kw):
            value = kw.pop("value", rng.choice(values))
            return {"value": value, "text": f"{value:,}", "qualifier": rng.choice(["exact", "approx", "min", "max"]),
                    "indicator": rng.choice(["deported", "returned", "population"]),
                    "status": rng.choice(["any", "por"]), "as_of": rng.choice(dates),
                    "since": rng.choice([None, None, "2023-11-01", "2024-01"]), "source": rng.choice(sources),
                    "location": rng.choice(locations), "vague": rng.random() < 0.05,
                    "malformed": rng.random() < 0.05, **kw}  # fmt: skip

        if rng.random() < 0.5:  # a headline (no full stop), maybe a bullet
            f = figure()
            paras.append([(f"Afghans {f['indicator']}: {f['text']} {rng.choice(words)}", [f])])
        if rng.random() < 0.2:
            f = figure()
            paras.append([(f"- {f['text']} {f['indicator']} {rng.choice(words)}", [f])])
        for _ in range(rng.randint(1, 4)):
            sentences = []
            for _ in range(rng.randint(1, 3)):
                f = figure()
                if rng.random() < 0.15:  # "X ..., of which Y ..."
                    g = figure(indicator=f["indicator"], as_of=f["as_of"], source=f["source"])
                    s = f"Officials said {f['text']} were {f['indicator']} {rng.choice(words)}, of which {g['text']} held cards."
                    sentences.append((s, [f, g]))
                elif rng.random() < 0.1:  # "14 of the 24"
                    g = figure(indicator=f["indicator"], as_of=f["as_of"], source=f["source"])
                    sentences.append(
                        (f"Police said {f['text']} of the {g['text']} cases were {rng.choice(words)}.", [f, g])
                    )
                else:
                    sentences.append(
                        (f"The agency said {f['text']} people were {f['indicator']} {rng.choice(words)}.", [f])
                    )
            paras.append(sentences)
        text, offsets, figures = "", [], []
        for i, para in enumerate(paras):
            text += "\n\n" if i else ""
            for j, (sentence, figs) in enumerate(para):
                text += " " if j else ""
                at = 0
                for f in figs:
                    at = sentence.index(f["text"], at)
                    offsets.append((f, len(text) + at, sentence))
                    at += len(f["text"])
                text += sentence
        main_end = len(text)
        segments = [Segment(0, main_end, "main")]
        if rng.random() < 0.1:  # an appended story: its figures are off topic
            f = figure(indicator="other")
            sentence = f"The side scored {f['text']} runs."
            text += "\n\nSport\n\n"
            offsets.append((f, len(text) + sentence.index(f["text"]), sentence))
            segments.append(Segment(main_end + 2, len(text) + len(sentence), "appended"))
            text += sentence
        article = Article(id=f"art{n:05d}", text=text, published=published, outlet=rng.choice(["Dawn", "AP"]),
                          title=f"Story {n}", segments=tuple(segments))  # fmt: skip
        for f, start, sentence in offsets:
            fig = Figure(**f, on_topic=start < main_end, sentence=sentence, start=start, end=start + len(f["text"]),
                         article_id=article.id)  # fmt: skip
            figures.append(fig)
            if rng.random() < 0.02:  # a second reading of the same number, at the same offset
                figures.append(Figure(**{**fig.as_dict(), "qualifier": "min" if fig.qualifier != "min" else "max"}))
        out.append(Extraction(article, tuple(figures)))
    return out
