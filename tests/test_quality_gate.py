"""The quality gate: scores may only go up (floors in quality_baseline.json).

Two suites: the shared gold of the five seed articles (when ../shared is present) and the
held-out sets in tests/data/heldout, heldout2 and heldout3, written and annotated without
looking at the rules (heldout2 and heldout3 also without ever seeing sitrep's output).
"""

import json
from pathlib import Path

import pytest

from sitrep import Settings, evaluate_gold

BASELINE = json.loads(Path(__file__).with_name("quality_baseline.json").read_text())
HELDOUT = Path(__file__).parent / "data" / "heldout"
HELDOUT2 = Path(__file__).parent / "data" / "heldout2"
HELDOUT3 = Path(__file__).parent / "data" / "heldout3"


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


def _check(report, floors: dict[str, float]) -> None:
    measured = _measured(report)
    failures = {k: (round(measured[k], 4), floor) for k, floor in floors.items() if measured[k] + 1e-9 < floor}
    assert not failures, f"scores fell below their floors (measured, floor): {failures}"


def test_shared_gold_meets_its_floors(shared, tmp_path):
    _check(evaluate_gold(shared / "gold", shared / "seeds", Settings(db=tmp_path / "x.db")), BASELINE["shared"])


def test_heldout_set_meets_its_floors(tmp_path):
    report = evaluate_gold(HELDOUT / "gold", HELDOUT / "articles", Settings(db=tmp_path / "x.db"))
    assert report.matched > 200
    _check(report, BASELINE["heldout"])


def test_second_heldout_set_meets_its_floors(tmp_path):
    report = evaluate_gold(HELDOUT2 / "gold", HELDOUT2 / "articles", Settings(db=tmp_path / "x.db"))
    assert report.matched > 200
    _check(report, BASELINE["heldout2"])


def test_third_heldout_set_meets_its_floors(tmp_path):
    report = evaluate_gold(HELDOUT3 / "gold", HELDOUT3 / "articles", Settings(db=tmp_path / "x.db"))
    assert report.matched > 100
    _check(report, BASELINE["heldout3"])


def test_shared_floors_meet_the_issue_targets():
    floors, targets = BASELINE["shared"], BASELINE["targets"]
    assert all(floors[k] >= v for k, v in targets.items() if k in floors)


@pytest.mark.parametrize("suite", ["shared", "heldout", "heldout2", "heldout3"])
def test_floors_are_probabilities(suite):
    assert all(0 <= v <= 1 for v in BASELINE[suite].values())
