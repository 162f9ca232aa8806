"""The quality gate: scores on ../shared/gold may only go up (floors in quality_baseline.json)."""

import json
from pathlib import Path

import pytest

from sitrep import Settings, evaluate_gold

BASELINE = Path(__file__).with_name("quality_baseline.json")


@pytest.fixture(scope="module")
def report(shared, tmp_path_factory):
    return evaluate_gold(shared / "gold", shared / "seeds", Settings(db=tmp_path_factory.mktemp("db") / "x.db"))


def _measured(report) -> dict[str, float]:
    return {
        "value_indicator_f1": report.value_indicator.f1,
        "value_only_f1": report.value_only.f1,
        "source_accuracy": report.accuracy("source"),
        "as_of_accuracy": report.accuracy("as_of"),
        "since_accuracy": report.accuracy("since"),
        "status_accuracy": report.accuracy("status"),
        "qualifier_accuracy": report.accuracy("qualifier"),
        "quote_speaker_accuracy": report.speaker_accuracy,
        "quote_f1": report.quotes.f1,
        "event_f1": report.events.f1,
    }


def test_scores_meet_the_pinned_floors(report):
    floors = json.loads(BASELINE.read_text())["floors"]
    measured = _measured(report)
    failures = {k: (round(measured[k], 4), floor) for k, floor in floors.items() if measured[k] + 1e-9 < floor}
    assert not failures, f"scores fell below their floors (measured, floor): {failures}"


def test_floors_meet_the_issue_targets():
    floors = json.loads(BASELINE.read_text())["floors"]
    targets = json.loads(BASELINE.read_text())["targets"]
    assert all(floors[k] >= v for k, v in targets.items() if k in floors and k != "quote_speaker_accuracy")
