"""The spaCy pipeline sitrep loads: its cached attribute ruler must annotate exactly as spaCy's."""

from __future__ import annotations

import spacy

from sitrep import ingest, jobs, pipeline

# text that exercises the multi-token rules ("ai n't", "gon na", "let 's", "y' all", expletive "there"),
# the dependency-conditioned ones (object pronouns, auxiliaries) and whitespace tokens
TRICKY = (
    "There are 40,000 people who are gonna leave, ain't it? Y'all said let's go.\n"
    "She gave it to you and I, and they did so.  Nothin' happened; that is what it is.\n\n"
    "Officials have said   the 1.2 million cardholders had been told to leave by March 31."
)


def _stock_pipeline(name: str) -> spacy.language.Language:
    stock = spacy.load(name, exclude=["ner"])
    stock.add_pipe("sitrep_quote_boundaries", before="parser")
    return stock


def _annotations(doc) -> list[tuple[str, ...]]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc]


def test_sitrep_pipeline_replaces_the_stock_attribute_ruler(nlp):
    assert "sitrep_attribute_ruler" in nlp.pipe_names
    assert "attribute_ruler" not in nlp.pipe_names
    assert nlp.pipe_names.index("sitrep_attribute_ruler") < nlp.pipe_names.index("lemmatizer")


def test_cached_attribute_ruler_matches_spacy_on_every_token(nlp):
    texts = [TRICKY]
    for raw in ingest.iter_inputs([str(jobs.sample_corpus())], 5_000_000):
        if isinstance(raw, ingest.RawDocument):
            texts.extend(text for _, text in pipeline.paragraphs(ingest.clean_article(raw).text))
    stock = _stock_pipeline(f"{nlp.meta['lang']}_{nlp.meta['name']}")  # the package sitrep loaded
    ours = [_annotations(d) for d in nlp.pipe(texts)]
    theirs = [_annotations(d) for d in stock.pipe(texts)]
    assert sum(map(len, ours)) > 3_000
    differences = [
        (a, b) for doc_a, doc_b in zip(ours, theirs, strict=True) for a, b in zip(doc_a, doc_b, strict=True) if a != b
    ]
    assert differences == []
    # the multi-token rules did fire: "ai" of "ain't" is lemmatised as "be", "na" of "gonna" as "to"
    tricky = dict((t[0], t[4]) for t in ours[0])
    assert tricky["ai"] == "be" and tricky["na"] == "to"
