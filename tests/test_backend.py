"""The embedded backend through the search-backend Protocols (the Milvus one: test_milvus.py)."""

from __future__ import annotations

import numpy as np
import pytest

from praktyki import Settings
from praktyki.backend import backend_for
from praktyki.faiss_backend import FaissBackend
from praktyki.filters import Filters
from praktyki.types import DocInfo

from .fakes import hashed_passages


def test_the_default_backend_is_the_embedded_one(tmp_path):
    assert isinstance(backend_for(Settings(index_dir=tmp_path)), FaissBackend)


def test_replaced_and_deleted_reports_leave_the_embedded_index(tmp_path):
    backend = backend_for(Settings(index_dir=tmp_path))
    writer = backend.writer(tmp_path, "v-test", 384)
    cafe, laundry = DocInfo("a/cafe", "Kawiarnia", year=2020), DocInfo("b/laundry", "Pralnia")
    writer.add_report(cafe, hashed_passages("a/cafe", ["kawiarnia kawa", "kawiarnia ciasto"], 0))
    writer.add_report(laundry, hashed_passages("b/laundry", ["pralnia pranie"], 2))
    writer.replace_report(cafe, hashed_passages("a/cafe", ["kawiarnia herbata", "kawiarnia woda"], 0))
    writer.delete_report("b/laundry")
    manifest = writer.finish()
    row_doc = np.zeros(2, np.int32)
    search = backend.open(tmp_path, manifest, None, row_doc, ["a/cafe"], {"a/cafe": cafe})
    assert search.size == 2
    assert search.lexical(["pralnia"], 10, None) == []
    assert [r for r, _ in search.lexical(["herbata"], 10, None)] == [0]
    assert [r for r, _ in search.lexical(["woda"], 10, Filters(year_from=2021))] == []
    assert search.document_frequencies(["kawiarnia", "herbata"]) == [2, 1]


def test_the_embedded_index_refuses_a_gap_in_its_rows(tmp_path):
    """FAISS numbers vectors by position: a report deleted from the middle would shift every
    later row off its metadata, so the writer refuses rather than mislabel passages."""
    writer = backend_for(Settings(index_dir=tmp_path)).writer(tmp_path, "v-test", 384)
    writer.add_report(DocInfo("a", "A"), hashed_passages("a", ["jeden"], 0))
    writer.add_report(DocInfo("b", "B"), hashed_passages("b", ["dwa"], 1))
    writer.add_report(DocInfo("c", "C"), hashed_passages("c", ["trzy"], 2))
    writer.delete_report("b")
    with pytest.raises(ValueError, match="rows"):
        writer.finish()


def test_the_live_version_is_the_pointer_file(tmp_path):
    backend = backend_for(Settings(index_dir=tmp_path))
    assert backend.active(tmp_path) is None
    (tmp_path / "v-1").mkdir()
    backend.activate(tmp_path, "v-1")
    assert backend.active(tmp_path) == "v-1"
    assert (tmp_path / "current").read_text() == "v-1"
