"""Speakers: normalise who is speaking or cited into short canonical names.

A :class:`Speakers` registry is built while reading an article from top to bottom. It
remembers every named source (institutions and people, with the role and institution a
person speaks for) so that later mentions ("Chaudhry", "the ministry", "It") resolve to
the same normalised name. Names and aliases are data (``lexicons/sources.toml``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Span, Token

from sitrep import lexicon

_APOS = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


@dataclass(frozen=True, slots=True)
class Speaker:
    """A normalised speaker: ``source`` is the institution used for figures; ``person`` a named person."""

    source: str
    person: str | None = None
    role: str | None = None

    @property
    def name(self) -> str:
        """Name used for quotes: the person when named, else the institution."""
        return self.person or self.source


@dataclass
class Speakers:
    """Registry of the sources named so far in one article."""

    host: str = "pakistan"
    province: str | None = None  # from the dateline, for "provincial officials"
    history: list[Speaker] = field(default_factory=list)
    people: dict[str, Speaker] = field(default_factory=dict)  # surname / full name -> speaker
    last_person: Speaker | None = None  # the person last named as a subject or a speaker

    def remember(self, speaker: Speaker) -> Speaker:
        if speaker.person:
            known = self.people.get(speaker.person) or self.people.get(speaker.person.split()[-1])
            if known and (not speaker.role or speaker.source == known.source or known.role):
                speaker = Speaker(
                    known.source if known.role else speaker.source, known.person, known.role or speaker.role
                )
            self.last_person = speaker
            for key in (speaker.person, speaker.person.split()[-1]):
                if key not in self.people or speaker.role:
                    self.people[key] = speaker
        self.history.append(speaker)
        return speaker

    def last_institution(self) -> Speaker | None:
        """The body (not a person) that spoke last."""
        return next((s for s in reversed(self.history) if not s.person), None)

    def person_with_role(self, role: str) -> Speaker | None:
        """The last named person whose role has every role word of ``role`` ("the deputy prime minister")."""
        words = [w for w in re.findall(r"[a-z]+", role) if w not in _countries() and w not in _ROLE_STOP]
        wanted = set(words)
        if not wanted or not any(_role_word_re().fullmatch(w) for w in wanted):
            return None
        for s in reversed(list(self.people.values())):
            if s.role and wanted <= set(s.role.split()):
                return s
        return None

    def observe(self, sent: Span) -> None:
        """Register every named person with a stated role ("Foreign Office spokesperson Tahir Andrabi"),
        and remember who the sentence is about ("Zarmina, 34, was detained ..."), for a "she said" after it."""
        for run in _name_runs(sent):
            name = _valid_name([t.text for t in run])
            if not name:
                continue
            end = run[-1].idx + len(run[-1].text)
            introduced = bool(_AGE_AFTER.match(sent.doc.text[end : end + 12]))  # "Zarmina, 34, a PoR card holder"
            if _name_words(name) < 2:
                if introduced and not self.people.get(name):
                    self.last_person = Speaker(name, name)  # a one-name person the story is about
                continue  # "Zahid", "Mawlawi Zahid": a surname, resolved when it speaks
            if introduced:
                self.last_person = self.people.get(name) or Speaker(name, name)
            if name in self.people:
                self.people[name.split()[-1]] = self.people[name]  # "Khan said": the Khan last named
                continue
            head = run[-1]
            while head.dep_ in ("compound", "flat") and head.head.pos_ == "PROPN" and head.head.i > head.i:
                head = head.head
            top = head.head if head.dep_ == "appos" else head
            before = [t.i for t in top.subtree if t.i <= run[0].i]
            left = min(before) if before and top.i >= run[0].i else top.left_edge.i
            right = max(head.i, top.i)
            span = sent.doc[max(left, sent.start) : right + 1]
            role = _role_text(span, name) or _role_text(_left_context(run), name)
            institution = (person_institution(role, span.text, span, self) if role else None) or _affiliation(
                head, self
            )
            self.remember_person(Speaker(institution or name, name, role))
            if introduced or (role and run[-1].dep_ in ("nsubj", "nsubjpass")):
                self.last_person = self.people[name]

    def remember_person(self, speaker: Speaker) -> None:
        if speaker.person:
            self.people.setdefault(speaker.person, speaker)
            surname = speaker.person.split()[-1]
            known = self.people.get(surname)
            if known is None or not known.role or self.people[speaker.person].role:
                self.people[surname] = self.people[speaker.person]

    def country_body(self, country_source: str) -> Speaker | None:
        """The specific body most often heard from for a bare country ("Pakistan says ...")."""
        prefix = country_source.split()[0]
        counts: dict[str, int] = {}
        for s in self.history:
            if s.source.startswith(prefix + " ") and s.source != country_source and not s.person:
                if s.source.endswith(("ministry", "office", "embassy", "mission")):
                    counts[s.source] = counts.get(s.source, 0) + 1
        if not counts:
            return None
        return Speaker(max(counts, key=lambda k: counts[k]))

    def resolve_anaphor(self, phrase: str) -> Speaker | None:
        """The last speaker a pronoun or "the ministry" refers to."""
        phrase = phrase.lower()
        if phrase in ("he", "she") and self.last_person is not None:
            return self.last_person
        if phrase in (
            "he",
            "she",
            "the minister",
            "the spokesperson",
            "the spokesman",
            "the spokeswoman",
            "the official",
        ):
            for s in reversed(self.history):
                if s.person:
                    return s
            if phrase.startswith("the "):
                return self.person_with_role(phrase[4:])  # "the minister": the last minister named
            return self.history[-1] if self.history else None
        words = phrase.split()
        key = next((w for w in words if w in _ANAPHOR_KEYS), words[-1] if phrase.startswith("the ") else "")
        matches = {
            "ministry": ("ministry", "office"),
            "office": ("office", "ministry"),
            "embassy": ("embassy",),
            "group": ("amnesty", "watch", "council", "icrc"),
            "organisation": ("amnesty", "watch", "council", "iom", "unhcr", "icrc"),
            "organization": ("amnesty", "watch", "council", "iom", "unhcr", "icrc"),
            "agency": ("unhcr", "iom", "un"),
            "mission": ("mission",),
            "government": ("pakistan government", "afghan government", "iran government"),
            "commission": ("commission", "government"),
            "department": ("government", "department"),
        }.get(key)
        for s in reversed(self.history):
            if s.person and phrase in ("it", "they"):
                continue
            if matches is None or any(
                m in s.source.split() or s.source.startswith(m) or s.source == m for m in matches
            ):
                return Speaker(s.source) if phrase in ("it", "they") or matches else s
        if key == "government":
            return Speaker(f"{self.host} government")
        return None


@cache
def _data() -> dict[str, object]:
    return lexicon.load("sources")


@cache
def _anaphors() -> frozenset[str]:
    return frozenset(_data()["reporting"]["anaphors"])  # type: ignore[index]


@cache
def _alias_re() -> re.Pattern[str]:
    return lexicon.phrase_pattern(list(lexicon.aliases().canonical))


@cache
def _role_word_re() -> re.Pattern[str]:
    return lexicon.phrase_pattern(_data()["role_words"]["words"])  # type: ignore[index]


@cache
def _countries() -> dict[str, str]:
    out = {}
    for country, words in _data()["countries"].items():  # type: ignore[union-attr]
        for w in words:
            out[w] = country
    return out


@cache
def place_country() -> dict[str, str]:
    out = {}
    for country, places in _data()["places"].items():  # type: ignore[union-attr]
        for p in places:
            out[p] = country
    return out


def _country_of(text: str, host: str) -> str:
    low = text.lower().translate(_APOS)
    for word in re.findall(r"[a-z']+", low):
        c = _countries().get(word) or _countries().get(word.removesuffix("'s"))
        if c:
            return c
    return host


def institution_for_role(role: str, country: str) -> str | None:
    """The institution a role speaks for: ("state minister for interior", "pakistan") -> interior ministry."""
    return _institution_for_role(role, country)


def _institution_for_role(role: str, country: str) -> str | None:
    words = set(re.findall(r"[a-z]+", role.lower()))
    for institution, patterns in _data()["roles"].items():  # type: ignore[union-attr]
        if any(set(p) <= words for p in patterns):
            name = f"{country} {institution}"
            return lexicon.aliases().lookup(name) or name
    return None


def _name_runs(span: Span) -> list[list[Token]]:
    """Runs of capitalised proper-noun tokens ("Talal Chaudhry", "State Minister")."""
    runs: list[list[Token]] = []
    run: list[Token] = []
    for tok in span:
        if tok.pos_ == "PROPN" and tok.text[:1].isupper() and not tok.text.isupper():
            run.append(tok)
        else:
            if run:
                runs.append(run)
            run = []
    if run:
        runs.append(run)
    return runs


def _valid_name(words: list[str]) -> str | None:
    """A personal name from capitalised words, without titles, roles, countries or organisations."""
    roles = [i for i, w in enumerate(words) if _role_word_re().fullmatch(w.lower())]
    if roles:
        words = words[roles[-1] + 1 :]  # "Ambassador Asim Iftikhar Ahmad" -> "Asim Iftikhar Ahmad"
    words = [w for w in words if w.lower().rstrip(".") not in _TITLES]
    while len(words) > 2 and words[0].lower() in _PORTFOLIO:
        words = words[1:]  # "(Minister of State for) Interior Ahsan Wadood Cheema", "Attorney General Fazal Khan"
    honorific = next((i for i, w in enumerate(words) if w.lower() in HONORIFICS), 0)
    words = words[honorific:]  # "... Refugees and Repatriation Sheikh Kaleemur Rahman Fani"
    for n in (3, 2, 1):  # "DIG Quetta Sohail Ahmed Kasi", "Khyber Pakhtunkhwa officials"
        lead = " ".join(words[:n]).lower()
        if len(words) >= n and (lead in place_country() or lead in provinces()):
            words = words[n:]
            break
    if any(w.lower().rstrip(".") in _CALENDAR for w in words):
        return None
    joined = " ".join(words).lower()
    if joined in place_country() or joined in provinces():
        return None  # "Khyber Pakhtunkhwa officials" names a place, not a person
    if not words or any(w.lower() in _ORG_WORDS or w.lower() in _countries() for w in words):
        return None
    if any(_role_word_re().fullmatch(w.lower()) for w in words):
        return None
    name = " ".join(words).translate(_APOS)
    if lexicon.aliases().lookup(name.lower()) or _alias_re().fullmatch(name.lower()):
        return None
    if len(words) == 1 and not re.match(r"^[A-Z][a-z]+$", words[0]):
        return None
    return name.lower()


def _person_name(span: Span) -> str | None:
    """The personal name in a speaker phrase: the longest valid run, the later one on ties.

    A lone capitalised word is a surname only when it is the whole phrase ("Chaudhry said"),
    not a word inside a longer name ("Ministry of Refugees and Repatriation").
    """
    best: str | None = None
    content = [t for t in span if not t.is_punct and t.pos_ != "DET" and t.lower_.rstrip(".") not in _TITLES]
    for run in _name_runs(span):
        if len(run) == 1 and len(content) > 1:
            continue
        name = _valid_name([t.text for t in run])
        if name and (best is None or len(name.split()) >= len(best.split())):
            best = name
    return best


HONORIFICS = frozenset({"sheikh", "mawlawi", "maulvi", "maulana", "mullah", "haji", "hajji", "qari"})
_ANAPHOR_KEYS = frozenset(
    {"ministry", "office", "embassy", "group", "organisation", "organization", "agency", "mission", "government",
     "department", "commission"}
)  # fmt: skip
_ROLE_STOP = frozenset("the a an of for and s pakistani afghan".split())
_CALENDAR = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
# Forms of address dropped from names; honorifics that are part of how a person is named
# (Sheikh, Mawlawi, Haji, Qari) are kept, as the annotation guidelines do.
_TITLES = frozenset(
    "h.e mr ms mrs dr alhaj alhajj sir gen lt col prof advocate engineer eng justice senator brig maj capt sahib "
    "barrister".split()
)
# Words of a post that run into a name in Title Case: "Minister of State for Interior Ahsan Wadood Cheema".
# a role with nothing to say whose: "the spokesman", "the director-general"
_BARE_ROLE = re.compile(r"(?:the\s+)?(?:spokes(?:man|woman|person)|director[- ]general|director|head|chief|official)")


def _name_words(name: str) -> int:
    """How many words of a name are not honorifics: "Mawlawi Zahid" is one (a surname)."""
    return sum(w not in HONORIFICS for w in name.split())


_AGE_AFTER = re.compile(r",\s*\d{1,2}\s*,")  # "Zarmina, 34, a PoR card holder"
_PORTFOLIO = frozenset(
    "interior foreign home finance information defence defense state attorney general brigadier second colonel "
    "major captain deputy additional assistant acting senior federal provincial district police border refugees "
    "repatriation affairs frontier regions counsel".split()
)
_ROLE_ABBREVIATIONS = {"pm": "prime minister", "fm": "foreign minister", "fo": "foreign office", "un": "un"}


_ORG_WORDS = frozenset(
    "nations commissioner commission organization organisation agency ministry office embassy council "
    "court bank fund forum party university department mission international amnesty watch committee "
    "authority authorities government media radio television news times post tribune dawn reuters "
    "press association union federation institute center centre foundation lab affairs bureau directorate "
    "administration wire service services network pulse observatory secretariat police guards".split()
)


def normalise(span: Span, speakers: Speakers) -> Speaker | None:
    """Normalise a speaker phrase (a subject or "according to" object) into a :class:`Speaker`."""
    text = span.text.strip().translate(_APOS)
    low = re.sub(r"^(?:the|a|an)\s+", "", text.lower()).strip(" ,.:").replace("u.n.", "un").replace("u.s.", "us")
    generic = _generic_officials(low, span, speakers)
    if generic:
        return generic
    joint = re.fullmatch(r"(.+?)\s+and\s+(.+)", low)
    if joint and all(lexicon.aliases().lookup(p) for p in joint.groups()):
        return Speaker(" and ".join(lexicon.aliases().lookup(p) for p in joint.groups()))  # "IOM and UNHCR"
    if not low or low in ("who", "which", "that", "this", "there", "we", "i", "you", "us", "one", "some", "many"):
        return None
    if re.match(r"(?:its|their) \w+", low) and not lexicon.aliases().lookup(low) and not _person_name(span):
        return speakers.resolve_anaphor("it")  # "UNHCR said its protection monitors had recorded ...": UNHCR
    if low in _anaphors() or f"the {low}" in _anaphors():
        return speakers.resolve_anaphor(low if low in _anaphors() else f"the {low}")
    alias_exact = lexicon.aliases().lookup(low)
    if alias_exact and low not in _COUNTRY_SPEAKERS:
        return Speaker(alias_exact)
    person = _person_name(span)
    role_text = _role_text(span, person) if person else None
    alias = _best_alias(low)
    if person and person in speakers.people and not role_text:
        return speakers.people[person]
    if person and _name_words(person) == 1:
        # "Zahid said", "Mawlawi Zahid said": the person of that surname named before
        surname = person.split()[-1]
        return speakers.people.get(person) or speakers.people.get(surname) or Speaker(person, person)
    if person:
        return Speaker(person_institution(role_text, text, span, speakers) or alias or person, person, role_text)
    province = _province_body(low, span, speakers)
    if province:
        return Speaker(province)
    if alias:
        alias = _national(alias, low, span)
        if alias in ("pakistan government", "afghan government") and low in _COUNTRY_SPEAKERS and _in_heading(span):
            body = speakers.country_body(alias)
            if body:
                return body  # a headline's "Pakistan says" is the body that spoke in the story
        if (
            alias in ("pakistan government", "afghan government")
            and re.search(r"\bgovernment\b", low)
            and not re.search(r"pakistan|afghan|kabul|taliban|islamabad", low)
        ):
            alias = f"{speakers.host} government" if speakers.host in ("pakistan",) else alias
        return Speaker(alias)
    if _role_word_re().search(low):
        known = speakers.person_with_role(_expand_role(low))
        if known:
            return known  # "the Pakistani deputy PM" after "Deputy Prime Minister Ishaq Dar"
        role_inst = _institution_for_role(_expand_role(low), _country_of(text, speakers.host))
        if role_inst:
            return Speaker(role_inst, None, None)
        if _BARE_ROLE.fullmatch(low) and text.lower().startswith("the "):
            known = speakers.last_institution()
            if known:
                return known  # "the director-general added": of the body the story has been quoting
    cleaned = re.sub(r"'s\b", "", low)
    cleaned = re.sub(r"[^\w\s-]", "", cleaned).strip()
    cleaned = " ".join(_NATIONAL.get(w, w) for w in cleaned.split())
    if not cleaned or len(cleaned.split()) > 6 or not _SPEAKERISH.search(cleaned):
        return None  # "the drive", "87 percent", "its latest": not someone who can say anything
    if re.fullmatch(r"(?:a |an )?border officials?(?: at \w+(?: \w+)?)?", cleaned):
        # "border officials at Torkham": the host's border officials, or Afghanistan's on the Afghan side
        sentence = span.sent.text.lower()
        afghan_side = (
            re.search(r"\b(?:afghan|taliban|islam qala|spin boldak)\b", sentence) and "pakistani" not in sentence
        )
        side = "afghan" if afghan_side else speakers.host
        return Speaker(lexicon.aliases().lookup(f"{side} border officials") or f"{side} border officials")
    return Speaker(cleaned)


_SPEAKERISH = re.compile(
    r"\b(?:ministry|office|government|authorit(?:y|ies)|officials?|police|department|agency|agencies|commission|"
    r"council|committee|organi[sz]ation|group|media|embassy|mission|military|army|forces|administration|"
    r"association|union|federation|institute|centre|center|programme|program|fund|bank|court|parliament|"
    r"senate|assembly|cabinet|spokes\w+|minister|ambassador|director|chief|head|secretary|watch|network|"
    r"television|tv|radio|news|agency|press|report|survey|elders|leaders?|traders|transporters|workers|"
    r"residents|monitors|partners|sources|observers|analysts|experts|activists|lawyers|doctors|teachers)\b"
)
_NATIONAL = {"pakistani": "pakistan", "iranian": "iran", "afghanistan's": "afghan", "iran's": "iran"}


def _national(alias: str, low: str, span: Span) -> str:
    """A Pakistani body's name is generic ("interior ministry"): in an Iranian phrase it is Iran's."""
    country = None
    for word in re.findall(r"[a-z']+", low):
        country = _countries().get(word) or _countries().get(word.removesuffix("'s")) or country
        if country:
            break
    if country is None and alias.startswith("pakistan ") and re.match(r"^\s*in\s+iran\b", span.sent.text, re.I):
        country = "iran"  # "In Iran, the interior ministry said ..."
    if country == "iran" and alias.startswith("pakistan "):
        return "iran government"
    return alias


def _in_heading(span: Span) -> bool:
    text = span.sent.text.strip()
    return len(text.split()) < 25 and text[-1:] not in '.”"'


def person_institution(role: str | None, text: str, span: Span, speakers: Speakers) -> str | None:
    """The institution a named person speaks for, from their stated role.

    An organisation named in the role wins ("spokesman for the Ministry of Refugees and
    Repatriation"), then a provincial post ("Additional Chief Secretary (Home)" in Peshawar),
    then a role's institution ("State Minister for Interior").
    """
    if not role:
        return None
    if re.match(r"(?:its|their)\b", text.strip().lower()):
        known = speakers.resolve_anaphor("it")  # "Its spokesman, Mawlawi Qudratullah Haqyar": the body before
        if known is not None:
            return known.source
    if _BARE_ROLE.fullmatch(role.strip()):
        known = speakers.last_institution()  # "Tariq Bhatti, the spokesman": the spokesman of the body quoted
        return known.source if known else None
    named = _best_alias(role)
    if named and named not in ("pakistan government", "afghan government"):
        return _national(named, role, span)
    pointed = _body_pointed_at(role, speakers)
    if pointed:
        return pointed  # "spokesman for the ministry", "the ministry's spokesman": the one the story named
    province = _province_body(role, span, speakers)
    if province:
        return province
    return _institution_for_role(role, _country_of(text, speakers.host)) or named


_PROVINCIAL_BODY = re.compile(
    r"\b(?:government|officials?|department|police|authorities|administration|minister|ministry|spokes\w+|secretary|"
    r"d?igp?|ssp|sho|inspector|superintendent|commissioner)\b"
)


@cache
def provinces() -> dict[str, str]:
    """Place or province name -> province."""
    out = {}
    for province, places in _data()["provinces"].items():  # type: ignore[union-attr]
        for p in places:
            out[p] = province
    return out


def province_in(text: str) -> str | None:
    """The province a sentence names, directly or through one of its places."""
    return _province_of(text)


@cache
def _province_re() -> re.Pattern[str]:
    return lexicon.phrase_pattern(list(provinces()))


def _province_of(text: str) -> str | None:
    m = _province_re().search(text)
    return provinces()[m.group(0).lower()] if m else None


def _body_of(province: str) -> str:
    return _data()["province_bodies"].get(province, f"{province} government")  # type: ignore[union-attr, no-any-return]


def _generic_officials(low: str, span: Span, speakers: Speakers) -> Speaker | None:
    """ "officials said", "authorities say": the government the sentence or story is about."""
    if low not in ("officials", "authorities", "officials say", "government officials", "local officials"):
        return None
    sentence = span.sent.text
    province = _province_of(sentence) or (speakers.province if low != "government officials" else None)
    if province:
        return Speaker(_body_of(province))
    country = _country_of(sentence, speakers.host)
    return Speaker("iran government" if country == "iran" else f"{country} government")


def _province_body(low: str, span: Span, speakers: Speakers) -> str | None:
    """ "Provincial officials", "the Balochistan home department" -> "<province> government"."""
    if not _PROVINCIAL_BODY.search(low) or re.search(r"\b(?:federal|interior ministry|foreign|national)\b", low):
        return None
    province = _province_of(low)
    if province is None and re.search(
        r"\bprovincial\b|\bhome\b|\bchief secretary\b|\b(?:d?ig|ssp|police)\b|\b(?:deputy|assistant|additional) commissioner\b",
        low,
    ):
        province = _province_of(span.sent.text) or speakers.province
    return _body_of(province) if province else None


_COUNTRY_SPEAKERS = frozenset({"pakistan", "islamabad", "kabul", "afghanistan"})


def _affiliation(name: Token, speakers: Speakers) -> str | None:
    """ "Mariam Sultani, who heads the Norwegian Refugee Council's team": the organisation named;
    "Haji Sahak, who heads the ministry's provincial department": the ministry the story named."""
    for child in name.children:
        if child.dep_ in ("relcl", "appos", "acl"):
            words = " ".join(t.lower_ for t in child.subtree).translate(_APOS)
            found = _best_alias(words)
            if found and found not in ("pakistan government", "afghan government"):
                return found
            pointed = _body_pointed_at(words, speakers)
            if pointed:
                return pointed
    return None


_POINTED_BODY = re.compile(r"\b(ministry|department|agency|organi[sz]ation|commission|embassy|office)(?:'s)?\b")


def _body_pointed_at(words: str, speakers: Speakers) -> str | None:
    """The body a role or clause points back at ("the ministry's provincial department"), when the story named it."""
    m = _POINTED_BODY.search(words)
    known = speakers.resolve_anaphor("the " + m.group(1)) if m else None
    return known.source if known is not None and not known.person else None


def _left_context(run: list[Token]) -> Span:
    """The title words just before a name: "Additional Chief Secretary (Home) Abid Nawaz Khattak"."""
    doc = run[0].doc
    start = run[0].i
    while start > run[0].sent.start and start > run[0].i - 8:
        prev = doc[start - 1]
        if prev.text in (",", ":", ";", "—", "–", "“", "”", '"') or prev.pos_ in ("VERB", "AUX", "PRON", "SCONJ"):
            break
        start -= 1
    return doc[start : run[-1].i + 1]


def _expand_role(role: str) -> str:
    return " ".join(_ROLE_ABBREVIATIONS.get(w, w) for w in role.split())


def _role_text(span: Span, person: str) -> str | None:
    """The role words around a person's name: "Pakistan's State Minister for Interior"."""
    text = span.text.translate(_APOS)
    name_words = person.split()
    pattern = r"\b" + r"\s+".join(re.escape(w) for w in name_words) + r"\b"
    stripped = re.sub(pattern, " ", text, flags=re.IGNORECASE)
    stripped = re.sub(r"^(?:the|a|an)\s+", "", stripped.strip(" ,"), flags=re.IGNORECASE)
    stripped = re.sub(r"\b(?:pakistan|afghanistan|afghan|pakistani)(?:'s)?\b", " ", stripped, flags=re.IGNORECASE)
    stripped = re.sub(r"\b(?:h\.e\.|mr\.?|ms\.?|dr\.?)\s*", " ", stripped, flags=re.IGNORECASE)
    stripped = " ".join(stripped.replace(",", " ").split()).lower()
    stripped = re.sub(r"^(?:the|a|an|its|his|her)\s+", "", stripped)
    stripped = re.sub(r"\b(?:led by|who|which|comprising)\b.*$", "", stripped).strip()
    if not stripped or not _role_word_re().search(stripped):
        return None
    return _expand_role(stripped)


def _best_alias(low: str) -> str | None:
    table = lexicon.aliases()
    if table.lookup(low):
        return table.lookup(low)
    best = None
    matches = [*_alias_re().finditer(low), *_alias_re().finditer(low.replace("-", " "))]  # "state-media"
    for m in matches:
        name = m.group(0)
        if best is None or len(name) > len(best):
            best = name
    return table.lookup(best) if best else None


# ---------------------------------------------------------------- sentence attribution
