"""Dated events on sentences written for these tests."""

import pytest

from conftest import extract_text
from sitrep.events import plover_map
from sitrep.records import EVENT_TYPES


def events(nlp, text, published="2025-04-18"):
    return [(e.type, e.date) for e in extract_text(nlp, text, published).events if e.on_topic]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("Pakistan launched its campaign against undocumented foreigners in November 2023.", "2024-05-01",
         [("policy_announced", "2023-11")]),
        ("In March, the government began the third phase of the drive.", "2025-06-01", [("phase_started", "2025-03")]),
        ("Card holders were given a deadline of June 30 to leave the country.", "2025-05-02", [("deadline", "2025-06-30")]),
        ("All undocumented foreigners must leave the country by 1 November, the minister said.", "2023-10-04",
         [("deadline", "2023-11-01")]),
        ("Last month the cabinet extended the validity of the cards by a year.", "2024-07-26", [("extension", "2024-06")]),
        ("The two ministers met in Kabul on Tuesday to discuss the returns.", "2025-04-18", [("meeting", "2025-04-15")]),
        ("In January, the rights group wrote to the prime minister.", "2025-02-19", [("letter", "2025-01")]),
        ("Officials said last year that nobody had been mistreated in the camps.", "2026-01-09", [("denial", "2025")]),
        ("Protesters stormed the consulate last weekend.", "2024-07-26", [("attack", "2024-07-20/2024-07-21")]),
    ],
)  # fmt: skip
def test_event_type_and_date(nlp, text, published, expected):
    assert events(nlp, text, published) == expected


def test_background_and_participles_are_not_events(nlp):
    text = (
        "Islamabad has in the past blamed Afghans for militant attacks. "
        "The ministry says it will continue, asking families to register. "
        "About 900,000 Afghans have been deported since 2023."
    )
    assert events(nlp, text, "2025-04-18") == []


def test_undated_lead_news_happens_at_publication(nlp):
    text = "ISLAMABAD: The UN refugee agency has urged Pakistan to pause the expulsions of Afghan women and girls."
    assert events(nlp, text, "2025-04-18") == [("appeal", "2025-04-18")]


def test_every_type_has_a_plover_category():
    mapping = plover_map()
    assert set(mapping) == set(EVENT_TYPES)
    assert mapping["deportation"] == "COERCE/deport"
    assert mapping["appeal"] == "REQUEST"
    assert mapping["denial"] == "REJECT"
    assert mapping["accusation"] == "ACCUSE"
