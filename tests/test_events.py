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


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # an expiry is a deadline passing; "decided not to extend" is a decision, not an extension
        ("The cabinet decided on July 31 not to extend the cards, which expired on June 30.", "2025-09-24",
         [("policy_announced", "2025-07-31"), ("deadline", "2025-06-30")]),
        # an extension is dated when it was made, not by the date it runs to
        ("You extended these cards until June 30.", "2025-09-16",
         [("deadline", "2025-06-30"), ("extension", "2025-09-16")]),  # undated in a lead: news of the day
        ("Card holders have been allowed to stay until June 30.", "2025-04-09", [("deadline", "2025-06-30")]),
        ("Tehran set July 6 as the deadline for undocumented Afghans to leave.", "2025-07-09", [("deadline", "2025-07-06")]),
        # the verb's own "on" dates it, not a date inside its object
        ("The interior ministry announced the August 31 cut-off on August 4.", "2025-08-31",
         [("policy_announced", "2025-08-04")]),  # announcing a cut-off is a policy
        ("The government began removing PoR holders on 1 September.", "2025-11-05", [("phase_started", "2025-09-01")]),
        ("Since Islamabad launched what it calls the Repatriation Plan in the autumn of 2023, 1.4 million have left.",
         "2025-09-24", [("policy_announced", "2023")]),
        # a deadline is dated in its own phrase, even inside "since"; a launch in a relative clause is not
        # dated by the main clause
        ("Police have arrested 1,500 Afghans since the September 1 deadline for them to leave expired, "
         "the home department said on Tuesday.", "2025-09-10", [("deadline", "2025-09-01"), ("statement", "2025-09-09")]),
        ("The ministry said on Thursday that 514,000 Afghans had been deported under the campaign it launched "
         "last autumn.", "2024-02-02", [("statement", "2024-02-01")]),
        # a day months after publication in a past-tense clause is last year's; weeks ahead stays this year's
        ("Most of last year's returns came after Tehran set a July 6 deadline for undocumented Afghans.",
         "2026-01-14", [("deadline", "2025-07-06")]),
        ("Officials ordered all undocumented foreigners to leave the country by 1 November.", "2023-10-04",
         [("deadline", "2023-11-01"), ("policy_announced", "2023-10-04")]),  # the order: news of the day, not of 1 Nov
        # the drive reaching a new group starts a phase; a conjoined verb is another event
        ("Pakistan launched its drive in November 2023 and extended it to holders of Afghan Citizen Cards in April.",
         "2025-09-16", [("policy_announced", "2023-11"), ("phase_started", "2025-04")]),
        ("UNHCR, in a regional update published on January 9, put returns in 2025 at 2.6 million.", "2026-01-21",
         [("report_published", "2026-01-09")]),
    ],
)  # fmt: skip
def test_more_event_forms(nlp, text, published, expected):
    assert sorted(events(nlp, text, published)) == sorted(expected)
