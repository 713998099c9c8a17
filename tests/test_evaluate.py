import math

import pytest

from praktyki.evaluate import Outcome, Question, mrr_at, ndcg_at, recall_at, report


def test_rank_metrics():
    ranked = ["a", "b", "c", "d"]
    assert recall_at(ranked, {"b", "x"}, 1) == 0.0
    assert recall_at(ranked, {"b", "x"}, 5) == 0.5
    assert mrr_at(ranked, {"c"}) == pytest.approx(1 / 3)
    assert mrr_at(ranked, {"z"}) == 0.0
    assert ndcg_at(ranked, {"a"}) == 1.0
    assert ndcg_at(ranked, {"b"}) == pytest.approx(1 / math.log2(3))


def test_report_per_type_and_declines():
    outcomes = [
        Outcome(Question("1", "q", ("a",), "fact"), ("a", "b"), False),
        Outcome(Question("2", "q", ("b",), "fact"), ("a", "b"), True),
        Outcome(Question("3", "q", (), "unanswerable"), ("a",), True),
    ]
    out = report(outcomes)
    assert out["overall"]["mrr@10"] == 0.75
    assert out["overall"]["declined_answerable"] == 0.5
    assert out["overall"]["declined_unanswerable"] == 1.0
    assert out["by_type"]["unanswerable"] == {"questions": 1, "declined_unanswerable": 1.0}
