"""Fusion of the dense and lexical rankings: pure functions over (row, score) lists."""

from __future__ import annotations

import numpy as np
import pytest

from praktyki.fuse import group_by_document, rrf, zscore, zscore_floors

# Rows 0-3 belong to reports 0-3, rows 4-5 to reports 0 and 1 again.
ROW_DOC = np.array([0, 1, 2, 3, 0, 1])
# By meaning, reports 0, 2 and 1 are close together; report 1 alone holds the rare name, and
# BM25 puts it far ahead of the rest.
DENSE = [(0, 0.85), (2, 0.84), (1, 0.83), (3, 0.80)]
LEXICAL = [(1, 40.0), (0, 6.0), (2, 5.0), (3, 4.0)]
EQUAL = [1.0, 1.0]


def _reports(ranked):
    return [int(ROW_DOC[row]) for row, _ in ranked]


def _fused(dense, lexical, weights=EQUAL, k=50):
    return zscore([dense, lexical], weights, ROW_DOC, zscore_floors(dense, lexical, k))


def test_a_report_far_ahead_in_one_ranking_stays_ahead():
    assert _reports(_fused(DENSE, LEXICAL))[0] == 1
    # Rank fusion flattens BM25's lead to one rank, and the report close by meaning wins.
    assert _reports(group_by_document(rrf([DENSE, LEXICAL], EQUAL), ROW_DOC))[0] == 0


def test_equal_leads_are_settled_by_the_weights():
    lexical = [(1, 10.0), (0, 6.0), (2, 5.0), (3, 4.0)]
    dense = [(0, 0.90), (2, 0.84), (1, 0.83), (3, 0.80)]
    assert _reports(_fused(dense, lexical, [1.0, 0.5]))[0] == 0
    assert _reports(_fused(dense, lexical, [0.5, 1.0]))[0] == 1


def test_each_report_once_shown_by_its_passage_with_the_best_combined_score():
    dense = [(4, 0.9), (0, 0.8), (1, 0.7)]
    lexical = [(0, 9.0), (4, 1.0), (5, 3.0)]
    fused = _fused(dense, lexical)
    # Row 0 is second by meaning but far first by its words: it shows report 0, not row 4.
    assert fused[0][0] == 0
    assert sorted(_reports(fused)) == [0, 1]


def test_the_only_report_sharing_a_word_with_the_question_counts():
    # BM25 returned fewer passages than asked for: every other report shares no word, scores 0.
    dense = [(1, 0.62), (0, 0.61), (2, 0.30)]
    assert _reports(_fused(dense, [(0, 2.5)])) == [0, 1, 2]
    # A full lexical list says nothing of the reports past its end but that they score less.
    assert zscore_floors(dense, [(0, 2.5)], k=1) == [0.30, 2.5]
    assert zscore_floors(dense, [(0, 2.5)], k=50) == [0.30, 0.0]


def test_a_report_the_vectors_rank_past_the_candidates_scores_as_the_last_one():
    dense = [(0, 0.9), (1, 0.5)]
    lexical = [(2, 3.0), (1, 1.0)]
    fused = {int(ROW_DOC[row]): score for row, score in _fused(dense, lexical)}
    # Dense: 0.9, 0.5, 0.5 (report 2 at the floor); lexical: 0, 1, 3 (report 0 shares no word).
    dense_z = (np.array([0.9, 0.5, 0.5]) - 0.6333333) / np.std([0.9, 0.5, 0.5])
    lexical_z = (np.array([0.0, 1.0, 3.0]) - 4 / 3) / np.std([0.0, 1.0, 3.0])
    assert [fused[d] for d in (0, 1, 2)] == pytest.approx(list(dense_z + lexical_z), abs=1e-6)


def test_an_empty_ranking_leaves_the_other_in_its_order():
    assert _reports(_fused(DENSE, [])) == [0, 2, 1, 3]
    assert _fused([], []) == []


def test_one_report_in_both_rankings_scores_zero():
    assert _fused([(2, 0.7)], [(2, 3.0)]) == [(2, 0.0)]
