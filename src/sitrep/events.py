"""Events: dated happenings of the main story (deadlines, phase starts, meetings, appeals...).

``sentence_events`` is a pure function from a parsed sentence plus article context to
:class:`~sitrep.records.Event` records. A trigger word (``lexicons/events.toml``) gives the
type; the date comes from a date expression hanging off the trigger's clause. Undated
triggers count only in the story's opening paragraphs, where news happened around
publication ("Amnesty has urged Pakistan ..."), and meetings, which a story reports when
they happen. Each type maps to a PLOVER category so the data joins political event sets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Span, Token

from sitrep import dates, lexicon
from sitrep.attribution import Speakers, _speaker_span, _subject, normalise
from sitrep.records import Event
from sitrep.syntax import between, date_role, token_at

LEAD_PARAGRAPHS = 1
_NOUN_NEWS = frozenset({"accusation", "denial", "appeal", "meeting"})
_VAGUE_TIME = re.compile(
    r"\b(?:in the past|previously|recently|recent|earlier|in recent (?:weeks|months|years)|often|repeatedly)\b", re.I
)
_LEAVE_VERBS = frozenset({"leave", "depart", "exit", "go", "return", "relocate", "register", "renew"})


@dataclass(frozen=True)
class _Type:
    name: str
    plover: str
    verbs: frozenset[str]
    nouns: frozenset[str]
    needs: frozenset[str]


@cache
def event_types() -> tuple[_Type, ...]:
    """Event types in the order they are tried (a phase start is checked before a policy launch)."""
    data = lexicon.load("events")["types"]
    order = ["phase_started", *[t for t in data if t != "phase_started"]]
    out = []
    for name in order:
        spec = data[name]
        plover = spec["plover"] + (f"/{spec['plover_mode']}" if spec.get("plover_mode") else "")
        out.append(_Type(name, plover, frozenset(spec["verbs"]), frozenset(spec["nouns"]), frozenset(spec["needs"])))
    return tuple(out)


@cache
def _trigger_lemmas() -> frozenset[str]:
    return frozenset(w for t in event_types() for w in (*t.verbs, *t.nouns))


def plover_map() -> dict[str, str]:
    """Event type -> PLOVER category (``COERCE/deport``, ``REQUEST``, ``REJECT``, ``ACCUSE``...)."""
    return {t.name: t.plover for t in event_types()}


def _satisfies(tok: Token, needs: frozenset[str]) -> bool:
    if not needs:
        return True
    # "the cards, which expired on June 30": a relative clause is about the noun it hangs on; a verb
    # conjoined to the trigger is another event ("launched its drive ... and extended it to card holders")
    other = {t.i for c in tok.children if c.dep_ == "conj" and c.pos_ == "VERB" for t in c.subtree}
    scope = [t for t in tok.subtree if t.i not in other]
    scope += [tok.head] if tok.dep_ in ("compound", "amod", "relcl", "acl") else []
    return any(t.lower_ in needs or t.lemma_.lower() in needs for t in scope)


@cache
def _trigger_index() -> tuple[dict[str, tuple[_Type, ...]], dict[str, tuple[_Type, ...]]]:
    """(verb lemma -> types, noun word -> types), each in the order the types are tried."""
    verbs: dict[str, list[_Type]] = {}
    nouns: dict[str, list[_Type]] = {}
    for etype in event_types():
        for w in etype.verbs:
            verbs.setdefault(w, []).append(etype)
        for w in etype.nouns:
            nouns.setdefault(w, []).append(etype)
    return {w: tuple(ts) for w, ts in verbs.items()}, {w: tuple(ts) for w, ts in nouns.items()}


def _triggers(sent: Span) -> list[tuple[_Type, Token]]:
    found: list[tuple[_Type, Token]] = []
    verb_types, noun_types = _trigger_index()
    order = {t.name: n for n, t in enumerate(event_types())}
    for tok in sent:
        lemma = tok.lemma_.lower()
        if tok.pos_ == "VERB":
            candidates = verb_types.get(lemma, ())
        elif tok.pos_ in ("NOUN", "PROPN"):
            candidates = (*noun_types.get(lemma, ()), *noun_types.get(tok.lower_, ()))
            candidates = tuple(sorted(set(candidates), key=lambda t: order[t.name]))
        else:
            continue
        for etype in candidates:
            is_verb = tok.pos_ == "VERB"
            if is_verb and tok.tag_ == "VBG" and tok.dep_ in ("advcl", "xcomp", "conj", "acl", "pcomp"):
                continue  # "..., saying ...", "asking all foreigners to leave": how, not a new event
            if not is_verb and etype.name == "attack" and tok.tag_ == "NNS":
                continue  # "militant attacks" in general are a count, not an event
            if lemma == "hand" and not any(c.lower_ == "over" for c in tok.children):
                continue  # only "handed over (to the authorities)" is a removal
            if _satisfies(tok, etype.needs):
                if etype.name == "policy_announced" and any(t.lower_ in ("phase", "stage") for t in tok.subtree):
                    continue
                if (
                    etype.name == "appeal"
                    and lemma == "call"
                    and not any(c.lower_ in ("on", "for", "upon") for c in tok.children)
                ):
                    continue  # "calling it misplaced" is no appeal
                found.append((etype, tok))
                break
    return found


def _event_date(trigger: Token, sent: Span, found: list[dates.DateMention], name: str = "") -> str | None:
    """The date of the trigger's own clause: in its phrase first ("a deadline of Mar. 31"), then
    hanging off its clause ("launched ... in November 2023"), then the date a relative clause
    describes ("last year, when Islamabad launched a drive").

    Only a deadline is dated inside a "since" phrase ("since the September 1 deadline expired");
    an extension or a statement is not dated by "until"/"by" ("extended the cards until June
    30" was done earlier; "told card holders to leave by March 31" was said earlier)."""
    skip = {"since", "as of", "after"}
    if name in ("extension", "statement"):
        skip |= {"until", "till", "by", "up to"}
    elif name == "policy_announced":
        skip |= {"by"}  # "ordered them to leave by 1 November": the deadline's date, not the order's
    usable = [d for d in found if d.value and d.kind not in ("now", "past_n")]
    placed = [(d, token_at(sent, sent.start_char + d.start)) for d in usable if d.anchor not in skip]
    placed = [(d, tok) for d, tok in placed if tok is not None]
    if name == "deadline":
        named = trigger if trigger.pos_ != "VERB" else next((c for c in trigger.children if c.dep_ == "nsubj"), None)
        for d in usable:  # "the September 1 deadline", "the cards, which expired on June 30"
            tok = token_at(sent, sent.start_char + d.start)
            if tok is not None and named is not None and named.i in {a.i for a in [tok, *tok.ancestors][:3]}:
                return d.value
    if trigger.pos_ == "VERB":
        for d, tok in placed:  # "announced the August 31 cut-off on August 4": the verb's own "on"
            hop = next((a for a in [tok, *tok.ancestors] if a.head.i == trigger.i), None)
            if hop is not None and (
                hop.dep_ == "npadvmod" or (hop.dep_ == "prep" and hop.lower_ in ("on", "in", "at"))
            ):
                return d.value
    for d, tok in placed:
        path = between(tok, trigger)
        in_phrase = tok.i in {t.i for t in trigger.subtree} and not any(
            t.pos_ == "VERB" and not (t.dep_ in ("acl", "xcomp") and t.head.i == trigger.i) for t in path
        )  # "The letter, dated Jan. 1", "began removing PoR holders on 1 September": the trigger's own verb phrase
        if in_phrase and d.anchor not in ("since", "after"):
            return d.value
    if trigger.pos_ != "VERB":
        if trigger.dep_ == "pobj" and trigger.head.lower_ == "as" and trigger.lemma_.lower() in ("deadline", "cutoff"):
            verb = trigger.head.head  # "Tehran set July 6 as the deadline"
            for d, tok in placed:
                if tok.head.i == verb.i and tok.dep_ in ("dobj", "npadvmod", "attr"):
                    return d.value
        return None  # a noun names an event only with its own date ("an attack on Saturday")
    if trigger.dep_ in ("relcl", "acl") and name in ("policy_announced", "phase_started"):
        return None  # "under the campaign it launched last autumn": the main clause's date is not the launch's
    chain = (
        {trigger.i}
        | {t.i for t in trigger.ancestors}
        | {c.i for c in trigger.children if c.dep_ in ("prep", "npadvmod")}
    )
    for d, tok in placed:
        if date_role(tok, chain, d) == "as_of":
            return d.value
    for d, tok in placed:
        if trigger.i in {t.i for t in tok.subtree} and not any(t.pos_ == "VERB" for t in between(trigger, tok)):
            return d.value
    return None


def _deadline_dates(sent: Span, found: list[dates.DateMention]) -> list[tuple[str, Token]]:
    """ "must leave the country by 1 November", "allowed to stay until June 30": a deadline without the word."""
    out = []
    for d in found:
        if d.anchor not in ("by", "until", "till") or not d.value:
            continue
        tok = token_at(sent, sent.start_char + d.start)
        verb = next((a for a in tok.ancestors if a.pos_ == "VERB"), None) if tok is not None else None
        if verb is None:
            continue
        lemma = verb.lemma_.lower()
        if (d.anchor == "by" and lemma in _LEAVE_VERBS) or (d.anchor != "by" and lemma in _STAY_VERBS):
            out.append((d.value, verb))
    return out


_STAY_VERBS = frozenset({"stay", "remain", "extend", "renew", "allow", "permit"})


def _in_the_past(date: str, trigger: Token, published: str | None) -> str:
    """A day named without a year, months after publication, in a past-tense clause is last
    year's: "came after Tehran set a July 6 deadline", written in January. (A deadline a few
    weeks ahead, "were told to leave by 1 November", stays this year's.)"""
    verb = (
        trigger if trigger.pos_ in ("VERB", "AUX") else next((a for a in trigger.ancestors if a.pos_ == "VERB"), None)
    )
    if not published or date[:10] <= published or verb is None or verb.tag_ not in ("VBD", "VBN") or len(date) < 7:
        return date
    if (int(date[:4]) - int(published[:4])) * 12 + int(date[5:7]) - int(published[5:7]) <= 4:
        return date
    if verb.tag_ == "VBN" and not any(
        c.dep_ in ("aux", "auxpass") and c.lower_ in ("was", "were", "had", "has", "have") for c in verb.children
    ):
        return date
    year = int(date[:4]) - 1
    return f"{year}{date[4:]}" if year >= int(published[:4]) - 1 else date


def _to_a_group(verb: Token) -> bool:
    """ "extended the drive to holders of ACC": the drive reaching a new group of people."""
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "to":
            obj = next((o for o in prep.children if o.dep_ == "pobj"), None)
            if obj is not None and obj.lemma_.lower() in ("holder", "card", "refugee", "migrant", "foreigner"):
                return True
    return False


def _negated(verb: Token) -> bool:
    """ "decided not to extend", "refused to extend", "will not extend"."""
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in ("refuse", "decline", "reject")


def _actors(trigger: Token, speakers: Speakers) -> tuple[str, ...]:
    names: list[str] = []
    verb = trigger if trigger.pos_ == "VERB" else next((a for a in trigger.ancestors if a.pos_ == "VERB"), None)
    if verb is not None:
        subj = _subject(verb)
        if subj is not None:
            who = normalise(_speaker_span(subj), speakers)
            if who:
                names.append(who.name)
        for child in verb.children:
            target = child if child.dep_ == "dobj" and child.pos_ == "PROPN" else None
            if child.dep_ == "prep" and child.lower_ in ("with", "on"):
                target = next((c for c in child.children if c.dep_ == "pobj" and c.pos_ == "PROPN"), None)
            if target is not None:
                who = normalise(_speaker_span(target), speakers)
                if who and who.name not in names:
                    names.append(who.name)
    return tuple(names)


def sentence_events(
    sent: Span,
    published: str | None,
    speakers: Speakers,
    offset: int,
    paragraph: int,
    on_topic: bool,
    article_id: str | None = None,
    drive_start: str | None = None,
    found: list[dates.DateMention] | None = None,
) -> list[Event]:
    """The dated events of one sentence; ``paragraph`` is its index in the main story."""
    words = {w for t in sent for w in (t.lemma_.lower(), t.lower_)}
    if not (_trigger_lemmas() | _LEAVE_VERBS | _STAY_VERBS) & words:
        return []
    if found is None:
        found = dates.find_dates(sent.text, published)
    lead = paragraph < LEAD_PARAGRAPHS and on_topic
    out: list[Event] = []
    plover = plover_map()
    for etype, trigger in _triggers(sent):
        name = etype.name
        date = _event_date(trigger, sent, found, name)
        if name == "extension" and _negated(trigger):
            name = "policy_announced"  # "decided not to extend the cards": a decision, no extension
        elif name == "extension" and _to_a_group(trigger):
            name = "phase_started"  # "extended it to holders of Afghan Citizen Cards in April"
        elif (
            name == "statement"
            and trigger.lemma_.lower() in ("announce", "set")
            and any(
                c.dep_ == "dobj" and c.lemma_.lower() in ("deadline", "cutoff", "cut", "off") for c in trigger.children
            )
        ):
            name = "policy_announced"  # "announced the August 31 cut-off on August 4"
        if (
            date is None
            and published
            and on_topic
            and trigger.dep_ not in ("relcl", "acl")
            and not _VAGUE_TIME.search(sent.text)
        ):
            # undated news of the lead or a meeting happened around publication
            past = trigger.tag_ in ("VBD", "VBN") or any(
                c.dep_ == "aux" and c.lemma_ == "have" for c in trigger.children
            )
            if trigger.pos_ != "VERB":
                past = name in _NOUN_NEWS
            if past and ((lead and name not in ("statement", "deadline", "deportation")) or name == "meeting"):
                date = published
        if date is None:
            continue
        date = _in_the_past(date, trigger, published)
        if name == "statement":
            if trigger.tag_ == "VBZ" or _subject(trigger) is None or _by_media(trigger, speakers):
                continue  # "X says" is no dated event; a report by the media is the article's source
            if _negated_complement(trigger):
                name = "denial"  # "said last year that no one was mistreated"
        if name == "deportation" and _not_a_removal(trigger):
            continue
        if name == "policy_announced" and drive_start and date[:4] == drive_start[:4] and len(date) < len(drive_start):
            date = drive_start
        out.append(_event(name, date, trigger, sent, speakers, offset, on_topic, article_id, plover))
    for date, verb in _deadline_dates(sent, found):
        out.append(_event("deadline", date, verb, sent, speakers, offset, on_topic, article_id, plover))
    return out


def _not_a_removal(trigger: Token) -> bool:
    """ "had been deported since 2023" is a running total; "face being deported" a threat."""
    perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in trigger.children)
    since = any(t.lower_ == "since" for t in trigger.subtree)
    threat = trigger.head.lemma_.lower() in ("face", "risk", "fear", "await") or any(
        c.lower_ in ("will", "would", "could", "may", "to") for c in trigger.children
    )
    return perfect or since or threat


def _by_media(trigger: Token, speakers: Speakers) -> bool:
    subj = _subject(trigger)
    who = normalise(_speaker_span(subj), speakers) if subj is not None else None
    return who is not None and (who.source in ("local media", "radio pakistan") or "media" in who.source)


def _negated_complement(trigger: Token) -> bool:
    comp = [c for c in trigger.children if c.dep_ == "ccomp"]
    return any(t.dep_ == "neg" or t.lower_ in ("no", "never", "nobody") for c in comp for t in c.subtree)


def _event(name, date, trigger, sent, speakers, offset, on_topic, article_id, plover) -> Event:  # type: ignore[no-untyped-def]
    return Event(
        type=name,
        date=date,
        actors=_actors(trigger, speakers),
        trigger=trigger.text,
        plover=plover[name],
        sentence=sent.text.strip(),
        start=offset + sent.start_char,
        end=offset + sent.end_char,
        on_topic=on_topic,
        article_id=article_id,
    )


def dedupe(events: list[Event]) -> tuple[Event, ...]:
    """One occurrence is one event: the same type on the same date in one article."""
    seen: dict[tuple[str, str | None], Event] = {}
    for e in events:
        key = (e.type, e.date)
        if key in seen:
            first = seen[key]
            actors = first.actors + tuple(a for a in e.actors if a not in first.actors)
            seen[key] = Event(**{**first.as_dict(), "actors": actors})
        else:
            seen[key] = e
    return tuple(seen.values())
