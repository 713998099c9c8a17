"""Answers that answer, end to end with the real model and index, over reports written for the
tests: a visit report naming several organisations, a PDF whose fact sits on page 3, a news
item that leaves a detail out."""

from __future__ import annotations

import pytest

from praktyki import Engine, Settings
from praktyki.answer import grounded

from .conftest import MODEL_CACHE
from .reports import make_pdf
from .test_extract import VISIT

pytestmark = pytest.mark.slow

PDF_PAGES = [
    "Raport z wizyty studyjnej. Stowarzyszenie „Dom na Skarpie” w Sandomierzu od 2009 r. "
    "wspiera osoby z niepełnosprawnością intelektualną w usamodzielnianiu się. Prowadzi "
    "świetlicę, grupę wsparcia dla rodziców i warsztaty kulinarne.",
    "Uczestnicy wizyty rozmawiali z kadrą o pracy z rodzinami oraz o współpracy z powiatowym "
    "centrum pomocy rodzinie. Stowarzyszenie korzysta ze środków PFRON i budżetu powiatu.",
    "Pierwsze mieszkanie treningowe stowarzyszenie otworzyło w 2016 roku przy ul. Mickiewicza. "
    "Mieszka w nim czworo dorosłych, którzy uczą się gotować, płacić rachunki i robić zakupy.",
]
NEWS = """Zakład Aktywności Zawodowej „Warsztat Smaku” w Kielcach otwarty

W poniedziałek w Kielcach otwarto Zakład Aktywności Zawodowej „Warsztat Smaku”. Zakład prowadzi \
stołówkę dla pracowników urzędu miasta i catering dla przedszkoli. Pracę znalazło w nim \
dwadzieścia osób z niepełnosprawnościami. Zakład aktywności zawodowej to placówka, która \
zatrudnia osoby z niepełnosprawnościami w stopniu znacznym i umiarkowanym.
"""

# A page of an organisation's own site that names the organisation only in its address.
OWN_SITE = """Źródło: https://www.cisbrzozowo.pl/2021/06/wyjazd-do-lublina/

Wyjazd do Lublina

W dniach 12-13 maja 2021 r. uczestnicy projektu „Razem do pracy” pojechali na wyjazd studyjny \
do Lublina. Zwiedzili piekarnię spółdzielni socjalnej i pracownię ceramiki prowadzoną przez \
fundację.
"""


@pytest.fixture(scope="module")
def answers_engine(tmp_path_factory, encoder) -> Engine:
    root = tmp_path_factory.mktemp("answers")
    corpus = root / "corpus"
    (corpus / "2021").mkdir(parents=True)
    front = "---\ntitle: Wizyta studyjna w Małopolsce\ndate: 2021-10-12\nregion: świętokrzyskie\n---\n"
    (corpus / "2021" / "wizyta.md").write_text(front + VISIT, "utf-8")
    make_pdf(corpus / "2021" / "dom-na-skarpie.pdf", PDF_PAGES, title="Dom na Skarpie")
    (corpus / "2021" / "zaz-kielce.txt").write_text(NEWS, "utf-8")
    (corpus / "2021" / "wyjazd-do-lublina.txt").write_text(OWN_SITE, "utf-8")
    settings = Settings(corpus_dir=corpus, index_dir=root / "index", data_dir=MODEL_CACHE)
    engine = Engine(settings, encoder)
    engine.index()
    return engine


@pytest.mark.parametrize(
    ("question", "expected", "not_expected"),
    [
        ("Kto założył Spółdzielnię Socjalną Przystań w Raciechowicach?", "Gmina Raciechowice", None),
        ("Czym zajmuje się Spółdzielnia Socjalna Apacze?", "obozów survivalowych", None),
        ("Ile osób zatrudnia obecnie Spółdzielnia Socjalna Lider?", "14 pracowników", "9 osób"),
        ("ile osob zatrudnia spoldzielnia przystan", "9 osób", "14 pracowników"),
        ("Co to jest zakład aktywności zawodowej?", "to placówka", None),
        ("Who founded the Przystań social cooperative?", "Gmina Raciechowice", None),
        ("Kiedy uczestnicy CIS w Brzozowie pojechali do Lublina?", "12-13 maja 2021", None),
    ],
)
def test_the_answer_holds_the_asked_fact(answers_engine, question, expected, not_expected):
    answer = answers_engine.ask(question)
    assert not answer.no_answer, answer.text
    assert expected in answer.text
    if not_expected:
        assert not_expected not in answer.text
    assert grounded(answer)


def test_a_pdf_fact_on_another_page_is_found_and_cited_with_its_page(answers_engine):
    answer = answers_engine.ask(
        "W którym roku Stowarzyszenie Dom na Skarpie otworzyło pierwsze mieszkanie treningowe?"
    )
    assert "2016" in answer.text
    [first] = [s for s in answer.sentences if "2016" in s.text]
    assert answer.citations[first.n - 1].hit.page == 3
    assert grounded(answer)


def test_an_organisation_no_report_describes_is_declined(answers_engine):
    answer = answers_engine.ask("Ile kosztowało utworzenie ZAZ w Koźminie Wielkopolskim?")
    assert answer.no_answer
    assert "Koźminie" in answer.text
    assert answer.citations  # the closest passages are still shown


def test_a_detail_the_report_leaves_out_is_declined_naming_what_is_missing(answers_engine):
    answer = answers_engine.ask("Ile kosztowało utworzenie ZAZ Warsztat Smaku w Kielcach?")
    assert answer.no_answer
    assert answer.text.startswith("Raporty opisują: ZAZ „Warsztat Smaku”, ale nie podają")
    assert "kosztu" in answer.text


VISIT_WIELKOPOLSKA = """Wizyta studyjna w Wielkopolsce

Pierwszym punktem wizyty było spotkanie w Ośrodku Wsparcia Ekonomii Społecznej w Kaliszu. \
Następnie odbyło się spotkanie w Centrum Integracji Społecznej Piątkowo, które prowadzone jest \
przez Stowarzyszenie „Etap”. Kolejnym miejscem była Dobra Spółdzielnia Socjalna, prowadząca \
kawiarnię. Na koniec grupa zwiedziła hotel prowadzony przez ZAZ w Zawoi: dwadzieścia pokoi i \
46 miejsc noclegowych.
"""
VISIT_BYCZYNA = """Wizyta w Byczynie

W dniach 9-10 września 2013 r. odbyła się wizyta dla grup inicjatywnych zainteresowanych \
utworzeniem spółdzielni socjalnych. Uczestnicy poznali spółdzielnie z gminy Byczyna. W \
wyjeździe studyjnym udział wzięły 23 osoby.
"""
TRIP_TUCHOLA = """Wyjazd studyjny LGD

Lokalna Grupa Działania „Razem dla Powiatu” w dniach 29–30 września zorganizowała wyjazd \
studyjny do Tucholi. Uczestnicy poznali zakład aktywności zawodowej i inkubator przedsiębiorczości.
"""


@pytest.fixture(scope="module")
def two_visits_engine(tmp_path_factory, encoder) -> Engine:
    root = tmp_path_factory.mktemp("two-visits")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "wielkopolska.md").write_text(VISIT_WIELKOPOLSKA, "utf-8")
    (corpus / "byczyna.md").write_text(VISIT_BYCZYNA, "utf-8")
    (corpus / "tuchola.md").write_text(TRIP_TUCHOLA, "utf-8")
    settings = Settings(corpus_dir=corpus, index_dir=root / "index", data_dir=MODEL_CACHE)
    engine = Engine(settings, encoder)
    engine.index()
    return engine


def test_a_year_of_a_report_that_never_names_the_organisation_does_not_answer(
    two_visits_engine,
):
    # The association is named only in passing and nothing dates it; the other report has a
    # date and "utworzeniem", but never names the association.
    answer = two_visits_engine.ask(
        "W którym roku założono Stowarzyszenie Etap prowadzące CIS Piątkowo?"
    )
    assert answer.no_answer, answer.text
    assert "nie podają" in answer.text and "2013" not in answer.text


def test_a_count_from_a_report_that_never_names_the_quoted_group_does_not_answer(
    two_visits_engine,
):
    answer = two_visits_engine.ask(
        "Ile osób pojechało na wyjazd studyjny LGD „Razem dla Powiatu” do Tucholi?"
    )
    assert answer.no_answer, answer.text
    assert "23 osoby" not in answer.text


def test_beds_are_counted_as_places_to_sleep(two_visits_engine):
    answer = two_visits_engine.ask("Ile łóżek dla gości ma hotel prowadzony przez ZAZ w Zawoi?")
    assert "46 miejsc noclegowych" in answer.text, answer.text


def test_a_procedure_the_reports_do_not_explain_is_said_so(answers_engine):
    answer = answers_engine.ask("jak założyć spółdzielnię socjalną?")
    assert answer.no_answer
    assert answer.text.startswith("Raporty nie wyjaśniają, jak to zrobić krok po kroku")
    assert answer.citations


def test_answer_sentences_carry_their_source_and_offsets(answers_engine):
    answer = answers_engine.ask("Czym zajmuje się Spółdzielnia Socjalna Apacze?")
    text = answers_engine.document_text(answer.sentences[0].doc_id) or ""
    for s in answer.sentences:
        assert " ".join(text[s.start : s.end].split()) == s.text
        assert answer.citations[s.n - 1].hit.chunk.chunk_id == s.chunk_id
