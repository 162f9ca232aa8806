"""Scoring as gold/SCHEMA.md defines it, on small hand-made gold and predictions."""

from sitrep.evaluate import Report, same_entity, score_article, score_quotes


def fig(value, indicator="returned", **kw):
    return {"value": value, "indicator": indicator, "on_topic": True, "source": None, "qualifier": "exact",
            "status": "any", "as_of": None, "since": None, **kw}  # fmt: skip


def test_figures_match_on_value_and_indicator_and_fields_over_matches():
    report = Report()
    gold = [fig(1200, source="unhcr", as_of="2025-07"), fig(300, "arrested"), fig(5, vague=True)]
    predicted = [fig(1200, source="unhcr", as_of="2025-07-14"), fig(300, "deported"), fig(40)]
    score_article("a", gold, predicted, report)
    vi = report.value_indicator
    assert (vi.tp, vi.fp, vi.fn) == (1, 2, 1)
    assert report.value_only.tp == 2  # 1200 and 300
    assert report.accuracy("source") == 1.0
    assert report.accuracy("as_of") == 1.0  # compared at the gold's precision


def test_sources_are_compared_by_the_body_they_name():
    assert same_entity("afghan ministry of refugees and repatriation", "afghan refugee ministry")
    assert same_entity("khyber pakhtunkhwa home department", "khyber pakhtunkhwa government")
    assert same_entity("abdul rahim zahid", "mawlawi abdul rahim zahid")
    assert not same_entity("iom", "unhcr")
    assert not same_entity(None, "unhcr")
    assert same_entity(None, None)
    report = Report()
    score_article("a", [fig(10, source="afghan ministry of refugees and repatriation")],
                  [fig(10, source="afghan refugee ministry")], report)  # fmt: skip
    assert report.accuracy("source") == 1.0


def test_quote_speakers_ignore_honorifics_but_not_names():
    report = Report()
    gold = [{"quote": "We need shelter before winter comes to the camps", "speaker": "abdul rahim zahid"},
            {"quote": "The border stays open", "speaker": "iom"}]  # fmt: skip
    predicted = [{"quote": "We need shelter before winter comes to the camps", "speaker": "mawlawi abdul rahim zahid"},
                 {"quote": "The border stays open", "speaker": "unhcr"}]  # fmt: skip
    score_quotes("a", gold, predicted, report)
    assert (report.quotes.tp, report.quotes_matched, report.speaker_hits) == (2, 2, 1)
