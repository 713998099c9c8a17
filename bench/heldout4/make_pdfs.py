"""Build the PDF report of the heldout4 corpus.

Run:  /work/main/.venv/bin/python bench/heldout4/make_pdfs.py
(needs fpdf2 and DejaVuSans). Writes bench/heldout4/corpus/<doc_id>.pdf.

Lines are broken by hand with Polish word hyphenation ("spół-" + newline), each
line is its own multi_cell, and every page has a running header and a co-funding
footer, the way printed reports look. REPORTS keeps the plain, unhyphenated text:
answer phrases in questions.jsonl are checked against source_text(doc_id).
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import report_pdf  # noqa: E402

REPORTS: dict[str, dict[str, object]] = {
    "2023/raport-wizyta-studyjna-rops-szczecin-podlaskie": {
        "header": "ROPS w Szczecinie | Wizyta studyjna – Podlasie 2023",
        "footer": (
            "Projekt „Zachodniopomorska Koordynacja Ekonomii Społecznej” jest współfinansowany przez Unię Europejską "
            "ze środków Europejskiego Funduszu Społecznego Plus w ramach programu Fundusze Europejskie "
            "dla Pomorza Zachodniego 2021–2027"
        ),
        "doc_title": "Raport z wizyty studyjnej w województwie podlaskim, 12–14 września 2023 r.",
        "blocks": [
            ("meta", "Regionalny Ośrodek Polityki Społecznej w Szczecinie | Wydział Ekonomii Społecznej"),
            ("title", "RAPORT Z WIZYTY STUDYJNEJ"),
            ("title", "Ekonomia społeczna na pograniczu"),
            ("meta", "Termin: 12–14 września 2023 r. | Hajnówka – Bielsk Podlaski – Sokółka – Augustów"),
            ("h", "1. Cel i uczestnicy wizyty"),
            ("p", "W dniach 12–14 września 2023 r. Regionalny Ośrodek Polityki Społecznej w Szczecinie zorganizował trzydniową wizytę studyjną do województwa podlaskiego. Wzięły w niej udział dwadzieścia trzy osoby: pracownicy ośrodków pomocy społecznej i centrów usług społecznych z powiatów gryfickiego, łobeskiego i myśliborskiego, przedstawiciele dwóch zachodniopomorskich ośrodków wsparcia ekonomii społecznej oraz członkowie zarządów czterech przedsiębiorstw społecznych. Celem wyjazdu było poznanie podmiotów działających w małych miastach położonych z dala od dużych ośrodków gospodarczych, w regionie o niskiej gęstości zaludnienia – podobnym pod tym względem do wschodniej części Pomorza Zachodniego."),
            ("p", "Program przygotowano we współpracy z Regionalnym Ośrodkiem Polityki Społecznej w Białymstoku. Na trasie wizyty znalazły się cztery podmioty o różnych formach prawnych: spółdzielnia socjalna osób fizycznych, zakład aktywności zawodowej, centrum integracji społecznej oraz stowarzyszenie prowadzące działalność gospodarczą w branży turystycznej."),
            ("h", "2. Spółdzielnia Socjalna „Żubrowe Jadło” w Hajnówce"),
            ("p", "Pierwszego dnia grupa dotarła do Hajnówki, gdzie czekała na nią Spółdzielnia Socjalna „Żubrowe Jadło”. Spółdzielnia powstała w 2016 r. z inicjatywy sześciu mieszkanek miasta, uczestniczek projektu aktywizacyjnego realizowanego przez miejski ośrodek pomocy społecznej. Prowadzi bar z kuchnią regionalną przy drodze do Białowieży oraz catering na konferencje i uroczystości rodzinne. W karcie są m.in. babka ziemniaczana, kartacze i pierogi z kaszą gryczaną. Zatrudnia dwanaście osób, w tym trzy osoby z orzeczeniem o niepełnosprawności."),
            ("p", "Prezeska spółdzielni Irena Sawicka opowiadała, że najtrudniejsze były pierwsze dwie zimy, kiedy turystów prawie nie było. Wtedy spółdzielnia zaczęła przygotowywać obiady dla pracowników okolicznych zakładów drzewnych i to uratowało budżet. Na wyposażenie kuchni spółdzielnia otrzymała z ośrodka wsparcia ekonomii społecznej 153 tys. zł. – Turyści przyjeżdżają do puszczy, a my chcemy, żeby wyjeżdżali z pełnym brzuchem i z przepisem na babkę – mówiła prezeska, częstując gości."),
            ("h", "3. Zakład Aktywności Zawodowej w Bielsku Podlaskim"),
            ("p", "Po południu uczestnicy przejechali do Bielska Podlaskiego. Kolejnym punktem programu był Zakład Aktywności Zawodowej w Bielsku Podlaskim. Zakład utworzył w 2015 r. Powiat Bielski. Prowadzi piekarnię, która codziennie dostarcza pieczywo do sklepów, szkół i szpitala powiatowego, oraz pracownię poligraficzną. Pracuje w nim 38 osób, w tym 28 osób z niepełnosprawnościami. Utworzenie zakładu wraz z adaptacją budynku dawnej szkoły zawodowej kosztowało 2,1 mln zł."),
            ("p", "Dyrektorka zakładu Alina Gryc zwracała uwagę, że w piekarni praca zaczyna się o czwartej rano, a pracownicy sami zdecydowali o systemie zmianowym. Pieczywo z zakładu ma stałych odbiorców w kilkunastu sklepach w powiecie. Co roku dwie lub trzy osoby przechodzą z zakładu do pracy na otwartym rynku, najczęściej do piekarni i zakładów przetwórstwa spożywczego. Uczestnicy wizyty pytali o dofinansowanie z PFRON oraz o to, jak zakład radzi sobie z rosnącymi kosztami energii."),
            ("h", "4. Centrum Integracji Społecznej w Sokółce"),
            ("p", "Drugi dzień wizyty rozpoczął się w Sokółce. W ramach wizyty uczestnicy zapoznali się z działalnością Centrum Integracji Społecznej w Sokółce. Centrum prowadzi Fundacja „Sokólskie Źródło”, a w zajęciach bierze obecnie udział 40 uczestników. Działają w nim warsztaty: stolarski, opiekuńczy, gastronomiczny i porządkowy. Stolarze wykonują ławki i karmniki dla gmin powiatu sokólskiego, a warsztat opiekuńczy przygotowuje uczestników do pracy w charakterze opiekuna osoby starszej."),
            ("p", "Kierownik centrum Józef Mojsak zwrócił uwagę, że wielu uczestników mieszka we wsiach bez komunikacji publicznej, dlatego centrum organizuje dowóz na zajęcia własnym busem. W 2022 r. zajęcia w centrum ukończyły 33 osoby, a czternaście z nich znalazło pracę, w tym pięć w domach pomocy społecznej. Uczestnicy z Pomorza Zachodniego pytali o współpracę z powiatowym urzędem pracy i o to, jak centrum pozyskuje zlecenia na prace stolarskie."),
            ("p", "Centrum działa od 2012 r. Warsztat gastronomiczny przygotowuje codziennie ok. 120 obiadów dla uczniów dwóch szkół podstawowych w Sokółce, a warsztat porządkowy sprząta na zlecenie gminy place i przystanki autobusowe. Uczestnicy otrzymują w centrum wsparcie psychologa i doradcy zawodowego, a osoby z zadłużeniem mogą skorzystać z porad prawnika. Kierownik centrum podkreślał, że coraz częściej do centrum trafiają osoby po pięćdziesiątym roku życia, które straciły pracę w zakładach przemysłowych w regionie."),
            ("h", "5. Stowarzyszenie „Śluza” w Augustowie"),
            ("p", "Ostatniego dnia grupa odwiedziła Augustów. Stowarzyszenie „Śluza” prowadzi tu od 2014 r. przystań nad Kanałem Augustowskim z wypożyczalnią kajaków, rowerów i sprzętu turystycznego oraz niewielkie pole namiotowe. Zatrudnia dziesięć osób, w tym cztery osoby skierowane przez ośrodek pomocy społecznej. W sezonie letnim stowarzyszenie organizuje także spływy z przewodnikiem po Czarnej Hańczy."),
            ("p", "Prezes stowarzyszenia Kazimierz Olszewski opowiadał, że przystań powstała na terenie, który gmina przekazała stowarzyszeniu w dzierżawę na piętnaście lat. Cały dochód z wypożyczalni stowarzyszenie przeznacza na cele statutowe, przede wszystkim na zajęcia żeglarskie dla dzieci z rodzin korzystających z pomocy społecznej. Poza sezonem pracownicy remontują kajaki i przygotowują sprzęt na kolejny rok. W 2022 r. z wypożyczalni skorzystało ok. 4 tys. osób, w tym wiele rodzin z dziećmi i grup szkolnych z całej Polski."),
            ("h", "6. Wnioski dla województwa zachodniopomorskiego"),
            ("p", "Uczestnicy zgodzili się, że odwiedzone podmioty dobrze wykorzystują lokalne zasoby: puszczę, rzeki i tradycje kulinarne. Sformułowano trzy rekomendacje. Po pierwsze, gminy pojezierne powinny rozważyć przekazywanie terenów nad wodą organizacjom pozarządowym prowadzącym działalność turystyczną. Po drugie, centra integracji społecznej powinny organizować dowóz uczestników z terenów wiejskich. Po trzecie, powiaty mogą tworzyć zakłady aktywności zawodowej w branżach, w których brakuje pracowników, takich jak piekarnictwo."),
            ("p", "Wizytę oceniło dobrze lub bardzo dobrze 21 z 23 uczestników. W 2024 r. ROPS w Szczecinie planuje wyjazd do województwa lubelskiego."),
            ("meta", "Opracowanie: Dorota Mańkowska, Krzysztof Wilk – ROPS w Szczecinie"),
        ],
    },
}


def source_text(doc_id: str) -> str:
    """The unhyphenated text of a report, for checking answer phrases."""
    return report_pdf.source_text(REPORTS, doc_id)


if __name__ == "__main__":
    for doc_id, spec in REPORTS.items():
        path = report_pdf.build(doc_id, spec, HERE / "corpus", "Regionalny Ośrodek Polityki Społecznej w Szczecinie")
        print(path, path.stat().st_size, "bytes")
