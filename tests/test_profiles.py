"""Topic profiles and the prefilter: full recall on every on-topic corpus, off-topic texts rejected."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

from sitrep import ingest, jobs
from sitrep.errors import ConfigError, InputError
from sitrep.profiles import Profile, load_profile, term_pattern

ROOT = Path(__file__).resolve().parents[1]
HELDOUT = ROOT / "tests" / "data" / "heldout"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="module")
def profile() -> Profile:
    return load_profile()


def _articles(paths: list[str]):
    """(path, cleaned article text with its title) of every readable input under ``paths``."""
    out = []
    for item in ingest.iter_inputs(paths, 50_000_000):
        if isinstance(item, InputError):
            continue
        try:
            article = ingest.clean_article(item)
        except InputError:
            continue
        out.append((item.path, f"{article.title or ''}\n{article.text}"))
    return out


def _recall(profile: Profile, paths: list[str], label: str) -> None:
    articles = _articles(paths)
    assert articles, f"no articles read from {paths}"
    missed = [p for p, text in articles if not profile.matches(text)]
    print(f"\nprefilter recall on {label}: {len(articles) - len(missed)}/{len(articles)}")
    assert not missed, f"the prefilter drops on-topic articles: {missed}"


# ---------------------------------------------------------------- recall


def test_recall_on_the_sample_corpus(profile):
    _recall(profile, [str(jobs.sample_corpus())], "sample corpus")


def test_recall_on_the_heldout_articles(profile):
    _recall(profile, [str(HELDOUT / "articles")], "heldout articles")


def test_recall_on_the_shared_seeds(profile):
    if not (SHARED / "seeds").is_dir():
        pytest.skip("../shared/seeds is not present in this checkout")
    _recall(profile, [str(SHARED / "seeds")], "shared seeds")


@pytest.mark.parametrize(
    ("gold", "articles"),
    [(HELDOUT / "gold", HELDOUT / "articles"), (SHARED / "gold", SHARED / "seeds")],
    ids=["heldout", "shared"],
)
def test_every_article_with_an_on_topic_gold_figure_passes(profile, gold, articles):
    if not gold.is_dir() or not articles.is_dir():
        pytest.skip(f"{gold} is not present in this checkout")
    stems = []
    for f in sorted(gold.glob("*.jsonl")):
        if f.name.endswith((".events.jsonl", ".quotes.jsonl")):
            continue
        figures = [json.loads(line) for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
        if any(fig.get("on_topic", True) for fig in figures):
            stems.append(f.name.removesuffix(".jsonl"))
    paths = [str(p) for s in stems for p in articles.glob(f"{s}.*")]
    assert len(paths) >= len(stems) - 1, "gold without its article"
    figures_articles = _articles(paths)
    missed = [p for p, text in figures_articles if not profile.matches(text)]
    print(f"\nprefilter recall over gold figures ({gold.parent.name}): "
          f"{len(figures_articles) - len(missed)}/{len(figures_articles)} articles with on-topic figures")  # fmt: skip
    assert not missed


# ---------------------------------------------------------------- precision

OFF_TOPIC = {
    "cricket": (
        "SHARJAH: Afghanistan beat Pakistan by six wickets on Friday to level the three-match series, "
        "with Rahmanullah Gurbaz scoring 87 off 61 balls. Pakistan, put in to bat, made 171 for eight. "
        "Rashid Khan, who learned the game in a refugee camp near Peshawar, took three for 19. "
        "Afghanistan's captain said the dew made gripping the ball difficult in the second innings. "
        "The third match is on Sunday."
    ),
    "stock market": (
        "KARACHI: The Pakistan Stock Exchange's benchmark KSE-100 index gained 1,204 points on Tuesday as "
        "investors bet on lower interest rates. Banks and cement makers led the gains and returns on "
        "government bonds fell. Analysts said foreign inflows returned after the IMF review. Traded volume "
        "rose to 512 million shares. The rupee closed flat against the dollar."
    ),
    "recipe": (
        "Afghan bolani: a flatbread stuffed with potato and leeks. Mix 500g of flour with salt and water and "
        "rest the dough for an hour. Boil the potatoes, mash them with chopped leeks, coriander and chilli. "
        "Roll the dough thin, fill one half, fold and seal. Fry in a little oil until golden on both sides. "
        "Serve with yoghurt and mint chutney, as families in Kabul do on Eid."
    ),
    "sri lanka floods": (
        "COLOMBO: Floods and landslides in Sri Lanka have killed at least 46 people and displaced more than "
        "20,000 families, the Disaster Management Centre said on Monday. Rivers burst their banks in the "
        "Kelani valley and the army evacuated villages by boat. Relief camps in schools are overcrowded. "
        "India and Pakistan sent aircraft with tents and medicine. The meteorological department warned of "
        "more heavy rain in the south-west over the coming days."
    ),
    "iran nuclear talks": (
        "VIENNA: Iran and the three European powers ended a second day of talks on the nuclear programme "
        "without agreement, diplomats said. Tehran wants sanctions lifted before it limits enrichment. "
        "The IAEA said inspectors had not visited two sites since June."
    ),
}


@pytest.mark.parametrize("text", OFF_TOPIC.values(), ids=OFF_TOPIC.keys())
def test_off_topic_texts_are_rejected(profile, text):
    assert not profile.matches(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pakistan deported 1,200 Afghans through Torkham.", True),
        ("Iran expelled thousands of Afghan returnees at Islam Qala.", True),
        ("PoR  card holders in Pakistan face deportation.", True),  # two spaces: any whitespace between words
        ("Undocumented Afghans were deported.", True),
        ("The deportation was reported.", False),  # vocabulary without the crisis
        ("Afghanistan and Pakistan met in Lahore.", False),  # the crisis without its vocabulary
        ("Pakistan's refugee camp hosted a cricket match.", False),  # one keyword is not enough
    ],
)
def test_rule_table(profile, text, expected):
    assert profile.matches(text) is expected


def test_only_the_head_is_scanned(profile):
    filler = "Lorem ipsum dolor sit amet. " * 1000  # about 28 KB of nothing
    assert not profile.matches(filler + "Pakistan deported Afghans through Torkham.")
    assert profile.matches("Pakistan deported Afghans through Torkham. " + filler)


@pytest.mark.parametrize(
    ("term", "text", "hit"),
    [
        ("deport*", "deportations", True),
        ("deport*", "redeport", False),
        ("iran", "Iranian", False),
        ("iran", "Iran's", True),
        ("spin boldak", "Spin\nBoldak", True),
        ("por card*", "PoR cards", True),
    ],
)
def test_term_patterns(term, text, hit):
    assert bool(re.search(rf"(?<![\w-])(?:{term_pattern(term)})", text, re.IGNORECASE)) is hit


def test_throughput_is_measured(profile):
    texts = [text for _, text in _articles([str(jobs.sample_corpus()), str(HELDOUT / "articles")])]
    texts += list(OFF_TOPIC.values())
    corpus = texts * max(1, 4_000_000 // sum(len(t) for t in texts))  # a few MB
    size = sum(len(t.encode("utf-8")) for t in corpus)
    start = time.perf_counter()
    kept = sum(profile.matches(t) for t in corpus)
    elapsed = time.perf_counter() - start
    print(f"\nprefilter throughput: {size / 1e6 / elapsed:.1f} MB/s over {size / 1e6:.1f} MB ({len(corpus)} texts)")
    assert kept == len(corpus) - len(OFF_TOPIC) * (len(corpus) // len(texts))


# ---------------------------------------------------------------- loading


def test_default_profile_is_the_afghan_returns_profile(profile):
    assert profile.name == "afghan-returns"
    assert profile.languages == ("en",)
    assert {"torkham", "islam qala", "proof of registration"} <= set(profile.keywords)
    assert {"pakistan*", "iran"} <= set(profile.context)
    assert all(t == t.lower() for t in profile.keywords + profile.context + profile.actors + profile.places)
    assert len(set(profile.keywords)) == len(profile.keywords)


def test_a_profile_file_is_loaded(tmp_path):
    f = tmp_path / "sahel.toml"
    f.write_text('name = "sahel"\nkeywords = ["displaced"]\ncontext = ["mali"]\n[rule]\nmin_keyword_hits = 1\n')
    p = load_profile(f)
    assert p == load_profile(str(f))
    assert p.matches("Thousands displaced in Mali.")
    assert not p.matches("Thousands displaced in Chad.")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("name = ", "not valid TOML"),
        ('keywords = ["a"]', "missing `name`"),
        ('name = "x"', "no keywords"),
        ('name = "x"\nkeywords = "deport*"', "must be a list"),
        ('name = "x"\nkeywords = ["a"]\nkeyword = ["b"]', "unknown field(s) keyword"),
        ('name = "x"\nkeywords = ["a"]\n[rule]\nmin_hits = 2', "[rule] takes only"),
        ('name = "x"\nkeywords = ["a"]\n[rule]\nhead_kb = "16"', "must be a whole number"),
        ('name = "x"\nkeywords = ["a"]\n[rule]\nmin_keyword_hits = 0', "min_keyword_hits >= 1"),
    ],
)
def test_a_bad_profile_names_the_file_and_the_reason(tmp_path, content, reason):
    f = tmp_path / "bad.toml"
    f.write_text(content)
    with pytest.raises(ConfigError) as exc:
        load_profile(f)
    assert str(f) in str(exc.value)
    assert reason in str(exc.value)


def test_a_missing_profile_file_says_what_to_do(tmp_path):
    with pytest.raises(ConfigError, match="profile file not found"):
        load_profile(tmp_path / "nope.toml")


def test_a_profile_survives_pickling(profile):
    import pickle

    again = pickle.loads(pickle.dumps(profile))
    assert again == profile
    assert again.matches("Pakistan deported Afghans through Torkham.")
