"""Small helpers over spaCy parse trees shared by the extractors."""

from __future__ import annotations

from spacy.tokens import Span, Token

from sitrep import dates
from sitrep.attribution import reporting_verbs


def date_role(tok: Token, chain_ids: set[int], d: dates.DateMention) -> str | None:
    """How a date relates to the figure: "since", "as_of", or ``None`` when it dates something else.

    A date hanging straight off the figure's clause dates the count ("increased tenfold last
    year, with 115,000 cases"); one inside a "since"/"until" clause starts or ends it ("since it
    launched the drive in 2023"); one inside any other clause dates something else ("with half
    of them in 2025 alone").
    """
    path = [tok]
    for anc in tok.ancestors:
        if anc.i in chain_ids:
            break
        path.append(anc)
    else:
        return None
    words = {t.lower_ for t in path}
    if d.anchor == "since" or "since" in words:
        return "since"
    if words & {"after", "during", "following", "amid"} or d.anchor in ("after", "during"):
        return None  # when something else happened: "after the Taliban return in August 2021"
    verbs = [t for t in path[1:] if t.pos_ in ("VERB", "AUX") and not _naming(t)]
    if not verbs:
        return "as_of"
    marks = {c.lower_ for c in verbs[0].children if c.dep_ == "mark"}
    if len(verbs) == 1 and "since" in marks:
        return "since"
    marks |= {c.lower_ for c in verbs[0].children if c.dep_ == "advmod" and c.lower_ == "when"}
    if len(verbs) == 1 and marks & {"until", "till", "before", "by", "when"}:
        return "as_of"  # "1.2 million were still in Pakistan when the cards expired on June 30"
    return None


def _naming(verb: Token) -> bool:
    """ "launched what it calls the Repatriation Plan in 2023": the parser hangs the date on "calls"."""
    return verb.lemma_.lower() in ("call", "term", "dub", "name", "label") and any(
        c.lower_ == "what" for c in verb.children
    )


def token_at(sent: Span, char: int) -> Token | None:
    for tok in sent:
        if tok.idx <= char < tok.idx + max(1, len(tok.text)):
            return tok
        if tok.idx > char:
            return tok
    return None


def passes_other_verb(tok: Token, allowed: set[Token]) -> bool:
    """True when the path from ``tok`` to the root crosses a verb that is not ``allowed`` nor the root."""
    allowed_ids = {t.i for t in allowed}
    for anc in tok.ancestors:
        if anc.i in allowed_ids:
            return False
        if anc.pos_ in ("VERB",) and anc.dep_ != "ROOT" and anc.lemma_.lower() not in reporting_verbs():
            return True
    return False


def between(tok: Token, top: Token) -> list[Token]:
    """Tokens strictly between ``tok`` and its ancestor ``top`` (all its ancestors if ``top`` is none)."""
    out = []
    for anc in tok.ancestors:
        if anc.i == top.i:
            break
        out.append(anc)
    return out
