"""Workshop examples credit the practice they describe: organisation, region and year come from
the passage, and a topic no report covers gets no examples."""

from __future__ import annotations

import pytest

from praktyki.extract import mentions
from praktyki.metadata import REGIONS
from praktyki.normalize import fold

TOPICS = [
    "gastronomia w ekonomii społecznej",
    "spółdzielnie socjalne prowadzące gastronomię",
    "klauzule społeczne w zamówieniach publicznych",
    "spółdzielnie socjalne osób prawnych zakładane przez samorządy",
    "zatrudnienie osób wychodzących z bezdomności",
    "zakłady aktywności zawodowej",
    "pralnia",
    "turystyka i wioski tematyczne",
    "centra i kluby integracji społecznej",
    "usługi opiekuńcze dla seniorów",
    "piekarnia",
    "remonty budynków gminnych",
    "renowacja używanych mebli",
    "ceramika i rękodzieło",
    "catering dla szkół i przedszkoli",
    "naprawa rowerów",
]


@pytest.mark.parametrize("topic", TOPICS)
def test_each_example_is_credited_from_its_own_passage(engine, topic):
    examples = engine.examples(topic, n=5)
    assert examples, topic
    assert len({fold(e.organisation) for e in examples}) == len(examples)
    for e in examples:
        info = engine.version.infos[e.doc_id]
        text = engine.document_text(e.doc_id) or ""
        chunk = next(c for c in engine.passages(e.doc_id) if c.chunk_id == e.chunk_id)
        # The organisation is named in the passage up to the example's sentences: the report
        # names it there, not only somewhere else.
        told_at = text.find(e.sentences[0][:40])
        assert mentions(fold(text[chunk.start : max(told_at, 0) + len(e.summary)]), e.organisation)
        # The region is one the report is about, and named as a place in or before the example.
        assert e.region in REGIONS
        assert e.region in (*info.regions, info.region)
        # The year is the report's.
        assert e.date[:4] == info.date[:4]
        assert all(s in " ".join(chunk.text.split()) for s in e.sentences)


def test_the_seed_reports_visit_to_brzeziny_is_credited_to_lodzkie(engine):
    # The seed's first stop: Brzeziny's cooperative of legal persons, in łódzkie.
    examples = engine.examples("spółdzielnia socjalna osób prawnych gospodarka komunalna", n=8)
    from_seed = [e for e in examples if e.doc_id == "2017/kielce-lodzkie"]
    assert from_seed
    assert all(e.region == "łódzkie" for e in from_seed)  # not the publisher's świętokrzyskie
    bobowa = [e for e in engine.examples("koronki i rękodzieło", n=5) if "Bobow" in e.organisation]
    assert bobowa and bobowa[0].region == "małopolskie"


@pytest.mark.parametrize(
    "topic", ["hodowla pingwinów na Antarktydzie", "lot na Marsa rakietą kosmiczną"]
)
def test_a_topic_no_report_covers_gets_no_examples(engine, topic):
    assert engine.examples(topic, n=5) == []
