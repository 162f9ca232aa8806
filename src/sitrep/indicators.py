"""What a figure counts: its indicator (deported, returned, ...) and the people's status.

The indicator comes from a cascade, most specific first, each step citing the kind of
sentence that motivated it:

0. a removal still to come: "800,000 holders will be expelled", "500 were awaiting deportation";
1. an event noun counted: "612,000 deportations", "24 attacks", "1,874 arrests"; things
   counted, not people: "27 buses had left" is ``other``;
2. the verbs (and nouns) that govern the number, nearest first, up to the reporting verb:
   "have been sent back", "was home to", "hold Proof of Registration cards"; verbs of aid
   ("96,400 returnees received cash") make it a count of beneficiaries, ``other``;
3. a role noun counted: "1.16m returnees", "detainees";
4. cue phrases in the figure's own stretch of the sentence, a removal still to come first.

The status comes from the figure's stretch of the sentence without side clauses ("since the
drive against illegal foreigners began") and names ("Ministry of Refugees").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token

from sitrep import lexicon
from sitrep.attribution import _alias_re, reporting_verbs

GENERIC_NOUNS = frozenset({"case", "instance", "number", "total", "figure", "people", "person", "individual"})
_DOCUMENTS = frozenset({"card", "acc", "por", "document", "permit", "visa", "passport"})
_STATUS_WORD = re.compile(
    r"\b(?:undocumented|unregistered|illegal|registered|refugees?|holders?|documents?|residents?|migrants?)\b", re.I
)
_RECEPTION = frozenset({"camp", "centre", "center", "crossing", "border", "point", "terminal", "gate"})
_NOT_STATUS = re.compile(
    r"\brefugees?\s+(?:council|agency|agencies|villages?|department|ministry|camps?|commission|organi[sz]ation|affairs|"
    r"status|convention|law|protection|settlements?|chief|commissioner|crisis)\b|\bu\.?n\.?\s+refugee\b"
    r"|\(?\d+(?:\.\d+)?\s*(?:%|percent|per cent)\s+\w+\)?",  # "refugee villages", "(71% undocumented)"
    re.IGNORECASE,
)
_SIDE_CLAUSE = re.compile(
    r"\b(?:since|after|when|before|until|till|as\s+per|according\s+to|under\s+the|against|amid|during)\b[^,;]*(?:[,;]|$)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Cues:
    verbs: dict[str, str]
    nouns: dict[str, str]
    roles: dict[str, str]
    service: frozenset[str]
    things: frozenset[str]
    phrases: re.Pattern[str]
    phrase_map: dict[str, str]
    future_aux: frozenset[str]
    future_gov: frozenset[str]
    status_order: tuple[str, ...]
    status_res: dict[str, re.Pattern[str]]


@cache
def cues() -> Cues:
    data = lexicon.load("cues")
    verbs: dict[str, str] = {}
    nouns: dict[str, str] = {}
    roles: dict[str, str] = {}
    phrase_map: dict[str, str] = {}
    for indicator, spec in data["indicator"].items():
        for table, key in ((verbs, "verbs"), (nouns, "nouns"), (roles, "roles"), (phrase_map, "phrases")):
            for word in spec.get(key, []):
                table.setdefault(word.lower(), indicator)
    status = data["status"]
    return Cues(
        verbs=verbs,
        nouns=nouns,
        roles=roles,
        service=frozenset(data["service"]["verbs"]),
        things=frozenset(data["things"]["nouns"]),
        phrases=lexicon.phrase_pattern(list(phrase_map)),
        phrase_map=phrase_map,
        future_aux=frozenset(data["future"]["auxiliaries"]),
        future_gov=frozenset(data["future"]["governors"]),
        status_order=tuple(status["order"]),
        status_res={s: lexicon.phrase_pattern(status[s]) for s in status["order"]},
    )


def _noun_key(tok: Token) -> str:
    """ "Returnees" in a Title Case headline is a PROPN whose lemma keeps the plural."""
    lemma = tok.lemma_.lower()
    low = tok.lower_
    return lemma if lemma != low else (low[:-1] if low.endswith("s") and not low.endswith("ss") else low)


_NOT_SPEECH = frozenset(
    {"register", "record", "count", "tally", "document", "show", "estimate", "cite", "update", "share", "put"}
)


def _governors(start: Token) -> list[Token]:
    """The number's noun and the words above it, up to its own clause's verb.

    The walk stops at a verb of speech ("said") and after the first verb with a subject of
    its own: "families wait to cross, when over 3,000 people went through" is about going.
    """
    out = [start]
    for anc in start.ancestors:
        lemma = anc.lemma_.lower()
        if anc.pos_ in ("VERB", "AUX") and lemma in reporting_verbs() and lemma not in _NOT_SPEECH:
            break
        out.append(anc)
        if (
            anc.pos_ == "VERB"
            and lemma not in ("be", "have")
            and any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in anc.children)
        ):
            break
    return out


def indicator(head: Token, counted: Token | None, window: str, center: int) -> str | None:
    """The indicator of the number whose head token is ``head``; ``None`` when nothing says."""
    return governed(head, counted, window, center) or _phrase(window, center)


def governed(head: Token, counted: Token | None, window: str, center: int) -> str | None:
    """Steps 0-3 of the cascade: what the words governing the number say, without loose phrases."""
    c = cues()
    start = counted if counted is not None else head
    chain = _governors(start)
    # 0. a removal still to come
    if any(t.pos_ == "VERB" and token_cue(t) == "targeted" for t in chain):
        return "targeted"
    if _phrase(window, center, only="targeted"):
        return "targeted"
    # 1. an event noun counted; things, not people, are "other"
    if counted is not None:
        key = _noun_key(counted)
        if key in c.nouns and key not in GENERIC_NOUNS:
            return c.nouns[key]
        if key in c.things:
            return "other"
    # 2. the governing words, nearest first; verbs of aid count beneficiaries
    for tok in chain:
        if tok.pos_ == "VERB" and tok.lemma_.lower() in c.service and not _receives_arrivals(tok, start):
            if not (tok.lemma_.lower() == "hand" and any(ch.lower_ == "over" for ch in tok.children)):
                return "other"
        found = token_cue(tok)
        if found:
            return found
        if tok is start:
            for child in tok.children:
                # "Afghans deported since ...", "Afghans who hold the cards", "Afghans arrested in raids"
                if child.pos_ != "VERB" or child.dep_ not in ("acl", "relcl", "xcomp", "ccomp"):
                    continue
                found = token_cue(child)
                if found and (child.dep_ != "relcl" or found in ("population", "deported")):
                    return found
    # 3. a role noun counted
    if counted is not None and _noun_key(counted) in c.roles:
        return c.roles[_noun_key(counted)]
    return None


def _receives_arrivals(verb: Token, counted: Token) -> bool:
    """ "the ministry received 19,870 returnees": arrivals, not beneficiaries of aid."""
    return verb.lemma_.lower() == "receive" and counted.dep_ == "dobj" and _noun_key(counted) in cues().roles


def phrase(window: str, center: int) -> str | None:
    """Step 4 of the cascade: a cue phrase near the number."""
    return _phrase(window, center)


def paragraph_cue(tokens: Iterable[Token]) -> str | None:
    """The last indicator a paragraph names: the lead-in of a list ("Arrests by district:")."""
    c = cues()
    found = None
    for tok in tokens:
        key = _noun_key(tok)
        if tok.pos_ in ("NOUN", "PROPN") and (key in c.nouns or key in c.roles) and key not in GENERIC_NOUNS:
            found = c.nouns.get(key) or c.roles[key]
        elif tok.pos_ == "VERB" and tok.lemma_.lower() not in c.service:
            found = token_cue(tok) or found
    return found


def _phrase(window: str, center: int, only: str | None = None) -> str | None:
    c = cues()
    best: tuple[int, str] | None = None
    for pm in c.phrases.finditer(window):
        found = c.phrase_map[pm.group(0).lower()]
        if only and found != only:
            continue
        distance = abs(pm.start() - center)
        if best is None or distance < best[0]:
            best = (distance, found)
    return best[1] if best else None


def token_cue(tok: Token) -> str | None:
    """The indicator one governing word gives, if any."""
    c = cues()
    lemma = tok.lemma_.lower()
    children = {ch.lower_ for ch in tok.children}
    if tok.pos_ in ("VERB", "AUX"):
        if lemma in ("send", "push", "force") and children & {"back", "home", "out"}:
            found = "deported"  # "sent back", "sent home", "forced back"
        elif lemma in ("return", "repatriate") and children & {"forcibly", "forcefully", "forced"}:
            found = "deported"
        elif lemma in ("go", "come", "head", "make") and children & {"back", "home"}:
            found = "returned"  # "gone home", "came back"
        elif lemma in ("go", "pass", "move") and _has_prep(tok, "through", _RECEPTION | {"torkham", "chaman"}):
            found = "returned"  # "3,000 people went through the terminal"
        elif lemma == "round" and "up" in children:
            found = "arrested"
        elif lemma == "hand" and "over" in children:
            found = "deported"  # "5,300 Afghans were handed over to Afghan authorities"
        elif lemma == "take" and _has_prep(tok, "into", {"custody", "detention"}):
            found = "arrested"  # "taken 1,127 foreigners into custody"
        elif lemma == "put" and _has_prep(tok, "at", {"risk"}):
            return "targeted"
        elif (
            lemma == "register"
            and (
                _has_prep(tok, "at", _RECEPTION)
                or (tok.tag_ in ("VBD", "VBN") and any(ch.dep_ == "dobj" for ch in tok.children))
            )
            and not (children & {"as", "with"})
        ):
            return (
                "returned"  # "registered 4,870 families at the camp": arrivals; "are registered as refugees": a stock
            )
        elif lemma in c.verbs:
            found = c.verbs[lemma]
        elif (as_noun := _as_object(tok)) is not None:
            return as_noun  # "the ministry classes 172,109 as formal deportations"
        elif lemma in _LEVEL_VERBS and (subject := _event_subject(tok)) is not None:
            return subject  # "returns could exceed 3 million", "arrests rose to 1,874"
        elif lemma in ("be", "have") and any(
            _STATUS_WORD.search(ch.text) for ch in tok.subtree if ch.dep_ in ("attr", "acomp", "dobj", "conj")
        ):
            return "population"  # "1.7 million were undocumented", "of them had no documents"
        elif lemma == "be" and any(ch.dep_ == "expl" for ch in tok.children):
            return "population"  # "there are still 1.5 million Afghans in the country"
        elif lemma == "be" and (xcomp := [ch for ch in tok.children if ch.dep_ == "xcomp" and token_cue(ch)]):
            found = token_cue(xcomp[0]) or ""
            return "targeted" if found in ("deported", "returned") else found  # "are to be repatriated"
        else:
            return None
        if found in ("deported", "returned") and is_future(tok):
            return "targeted"
        if lemma in ("hold", "possess", "carry") and any(ch.lower_.rstrip("s") in _DOCUMENTS for ch in tok.subtree):
            return "population"
        if found == "population" and any(
            ch.dep_ == "aux" and ch.lower_ in ("could", "can", "would") for ch in tok.children
        ):
            return "other"  # "camps that could shelter 10,000": a capacity
        return found
    if tok.pos_ in ("NOUN", "ADV") and lemma == "home" and "to" in children:
        return "population"  # "was home to four million"
    if tok.pos_ == "NOUN" and lemma in ("country", "nation", "city", "province") and "of" in children:
        return "population"  # "a country of about 42 million people"
    if tok.pos_ == "NOUN" and lemma in c.nouns and lemma not in GENERIC_NOUNS and tok.dep_ != "pobj":
        return c.nouns[lemma]
    return None


_LEVEL_VERBS = frozenset(
    {"exceed", "reach", "top", "rise", "climb", "total", "stand", "hit", "surpass", "pass", "cross", "near", "jump",
     "fall", "drop", "increase", "decrease", "double", "swell", "grow", "number", "amount", "average", "continue",
     "slow", "dip", "soar", "be", "put", "place", "include", "comprise"}
)  # fmt: skip


def _as_object(verb: Token) -> str | None:
    c = cues()
    for ch in verb.children:
        if ch.lower_ == "as":
            for obj in ch.children:
                if obj.dep_ == "pobj" and _noun_key(obj) in c.nouns:
                    return c.nouns[_noun_key(obj)]
    return None


_TALLY_NOUNS = frozenset({"figure", "tally", "count", "total", "number", "estimate", "toll", "data"})


def _event_subject(verb: Token) -> str | None:
    """What a level verb's subject counts: "arrests rose to 1,874", "IOM's tally for returns stands at 1.2 million"."""
    c = cues()
    for ch in verb.children:
        if ch.dep_ not in ("nsubj", "nsubjpass", "dobj"):
            continue
        if ch.dep_ == "dobj" and verb.lemma_.lower() != "put":
            continue  # only "put returns at 2.6 million" has its count as the object
        key = _noun_key(ch)
        if key in c.nouns and key not in GENERIC_NOUNS:
            return c.nouns[key]
        if key in c.roles:
            return c.roles[key]
        if key in _TALLY_NOUNS:
            for prep in ch.children:  # "the figure for returns", "its count of deportations"
                if prep.dep_ == "prep" and prep.lower_ in ("for", "of", "on"):
                    obj = next((o for o in prep.children if o.dep_ == "pobj"), None)
                    if obj is not None and _noun_key(obj) in c.nouns:
                        return c.nouns[_noun_key(obj)]
    return None


def _has_prep(tok: Token, prep: str, objects: set[str] | frozenset[str]) -> bool:
    return any(ch.lower_ == prep and any(g.lemma_.lower() in objects for g in ch.children) for ch in tok.children)


def is_future(verb: Token) -> bool:
    """ "will be expelled", "must leave", "are to be repatriated", "aims to send home"."""
    c = cues()
    if any(ch.dep_ in ("aux", "auxpass") and ch.lower_ in c.future_aux for ch in verb.children):
        return True
    governor = verb
    while governor.dep_ == "xcomp":  # "prepared to begin removing", "aims to send home"
        governor = governor.head
        if governor.lemma_.lower() in c.future_gov:
            return True
    if any(ch.lower_ == "to" for ch in verb.children) and verb.head.lemma_.lower() == "be":
        return True  # "are to be repatriated"
    return verb.tag_ == "VB" and any(ch.lower_ == "to" for ch in verb.children) and verb.dep_ in ("xcomp", "acl")


def only_status(text: str) -> str | None:
    """The one status a list's lead-in names, or ``None`` when it names none or several."""
    c = cues()
    named = [name for name in c.status_order if c.status_res[name].search(text)]
    return named[0] if len(named) == 1 else None


def status(window: str) -> str:
    """The people's legal or document status stated in the figure's own stretch of the sentence."""
    c = cues()
    scoped = _alias_re().sub(" ", _SIDE_CLAUSE.sub(" ", window))
    scoped = _NOT_STATUS.sub(" ", scoped)
    for name in c.status_order:
        if name == "refugee" and re.search(r"\bmigrants?\b", scoped, re.IGNORECASE):
            continue  # "migrants and refugees" is everyone
        if c.status_res[name].search(scoped):
            return name
    return "any"
