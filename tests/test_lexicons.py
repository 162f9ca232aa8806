"""The language data is checked like code: closed vocabularies, no duplicates, lower case."""

from collections import Counter

from sitrep import lexicon
from sitrep.records import INDICATORS, QUALIFIERS, STATUSES


def test_indicator_cues_use_the_closed_vocabulary():
    cues = lexicon.load("cues")
    assert set(cues["indicator"]) <= set(INDICATORS)
    for spec in cues["indicator"].values():
        for words in spec.values():
            assert all(w == w.lower() for w in words)


def test_statuses_and_qualifiers_are_closed():
    status = lexicon.load("cues")["status"]
    assert set(status["order"]) == set(STATUSES) - {"any"}
    assert set(lexicon.load("numbers")["qualifiers"].values()) <= set(QUALIFIERS)


def test_no_alias_names_two_sources():
    aliases = lexicon.load("sources")["aliases"]
    counts = Counter(a.lower() for names in aliases.values() for a in set(names))
    clashes = {a: n for a, n in counts.items() if n > 1}
    assert not clashes, clashes
    assert all(name == name.lower() for name in aliases)


def test_alias_lookup_normalises_known_variants():
    table = lexicon.aliases()
    assert table.lookup("fo") == "pakistan foreign office"
    assert table.lookup("international organization for migration") == "iom"
    assert (
        table.lookup("islamic emirate of afghanistan")
        == table.lookup("interim afghan authorities")
        == "afghan government"
    )
    assert table.lookup("unhcr") == "unhcr"


def test_places_belong_to_one_province_and_country():
    sources = lexicon.load("sources")
    for table in ("provinces", "places"):
        counts = Counter(p for places in sources[table].values() for p in places)
        assert not [p for p, n in counts.items() if n > 1], table
