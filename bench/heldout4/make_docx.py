"""Build the DOCX report of the heldout4 corpus.

Run:  /work/main/.venv/bin/python bench/heldout4/make_docx.py
(needs python-docx). Writes bench/heldout4/corpus/<doc_id>.docx.

The report is laid out as office staff write such reports in Word: a header and
footer on every page, headings, an agenda table and plain paragraphs. DOCS keeps
the text; answer phrases in questions.jsonl are checked against source_text(doc_id).
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import report_docx  # noqa: E402

DOC_ID = "2024/sprawozdanie-wizyta-studyjna-rops-kielce-kujawsko-pomorskie"

HEADER = "Regionalny Ośrodek Polityki Społecznej w Kielcach – Oddział Ekonomii Społecznej"
FOOTER = (
    "Projekt „Świętokrzyskie Centrum Koordynacji Ekonomii Społecznej” współfinansowany ze środków "
    "Europejskiego Funduszu Społecznego Plus w ramach programu Fundusze Europejskie dla Świętokrzyskiego 2021–2027"
)

AGENDA = [
    ("Dzień", "Godzina", "Miejsce", "Punkt programu"),
    ("8 października 2024 r.", "12.30", "Inowrocław", "Spółdzielnia Socjalna „Solanka” – utrzymanie zieleni i sprzątanie"),
    ("8 października 2024 r.", "16.00", "Inowrocław", "Spacer po parku solankowym, nocleg"),
    ("9 października 2024 r.", "9.30", "Chełmno", "Spółdzielnia Socjalna „Walentynka” – kawiarnia i sklep z pamiątkami"),
    ("9 października 2024 r.", "14.00", "Grudziądz", "Fundacja „Spichrz” – sklep społeczny i pracownia renowacji mebli"),
    ("10 października 2024 r.", "9.00", "Rypin", "Warsztat Terapii Zajęciowej Stowarzyszenia „Promyk”"),
    ("10 października 2024 r.", "12.30", "Rypin", "Podsumowanie, powrót do Kielc"),
]

# ("h1" | "h2" | "p" | "agenda", text)
DOCS: list[tuple[str, str]] = [
    ("h1", "Sprawozdanie z wizyty studyjnej w województwie kujawsko-pomorskim"),
    ("p", "Kielce, 24 października 2024 r."),
    ("h2", "Wprowadzenie"),
    ("p", "W dniach 8–10 października 2024 r. Regionalny Ośrodek Polityki Społecznej w Kielcach zorganizował wizytę studyjną do województwa kujawsko-pomorskiego. Uczestniczyło w niej 17 osób: pracownicy ośrodków pomocy społecznej z powiatów koneckiego, opatowskiego i staszowskiego, przedstawiciele świętokrzyskich ośrodków wsparcia ekonomii społecznej oraz członkowie spółdzielni socjalnych z Ostrowca Świętokrzyskiego i Końskich. Celem wyjazdu było poznanie podmiotów ekonomii społecznej, które wykorzystują walory turystyczne i uzdrowiskowe swoich miast, a także dobrych praktyk we współpracy z samorządami."),
    ("p", "Program przygotowano wspólnie z Regionalnym Ośrodkiem Polityki Społecznej w Toruniu, którego przedstawiciel towarzyszył grupie pierwszego dnia."),
    ("h2", "Program wizyty"),
    ("agenda", ""),
    ("h2", "Spółdzielnia Socjalna „Solanka” w Inowrocławiu"),
    ("p", "Pierwszego dnia uczestnicy dotarli do Inowrocławia. Wizytę rozpoczęto od spotkania w siedzibie Spółdzielni Socjalnej „Solanka”. Spółdzielnia powstała w 2015 r. z inicjatywy pięciu osób bezrobotnych, które wcześniej uczestniczyły w zajęciach klubu integracji społecznej. Zajmuje się utrzymaniem zieleni w parku solankowym i wokół tężni, sprzątaniem terenów miejskich oraz klatek schodowych we wspólnotach mieszkaniowych. Zatrudnia dwadzieścia jeden osób."),
    ("p", "Prezes spółdzielni Grzegorz Lewandowski wyjaśnił, że umowę na utrzymanie terenów wokół tężni spółdzielnia zdobyła w przetargu, w którym miasto zastosowało klauzulę społeczną: wykonawca musiał zatrudnić przy realizacji zamówienia co najmniej cztery osoby bezrobotne. – Startowały też firmy prywatne, ale my mieliśmy ludzi i sprzęt na miejscu – mówił. Spółdzielnia ma dziś własny park maszyn: dwa ciągniki ogrodowe, kosiarki i zamiatarkę, kupione częściowo z zysków z ostatnich trzech lat."),
    ("p", "Po spotkaniu pracownicy spółdzielni oprowadzili gości po parku solankowym, pokazując nasadzenia wykonane wiosną 2024 r. Uczestnicy ze Świętokrzyskiego zwrócili uwagę, że podobne usługi mogłyby świadczyć spółdzielnie w Busku-Zdroju i Solcu-Zdroju."),
    ("h2", "Spółdzielnia Socjalna „Walentynka” w Chełmnie"),
    ("p", "Drugiego dnia rano grupa przyjechała do Chełmna, nazywanego miastem zakochanych. Na rynku, naprzeciwko ratusza, działa kawiarnia Spółdzielni Socjalnej „Walentynka”. Spółdzielnię założyło w 2018 r. siedem osób, w tym czworo rodziców dorosłych dzieci z niepełnosprawnościami. Oprócz kawiarni prowadzi sklep z pamiątkami, w którym sprzedaje serca z ceramiki, kartki walentynkowe i wyroby lokalnych rękodzielników. Zatrudnia osiem osób, w tym pięć osób z niepełnosprawnościami."),
    ("p", "Prezeska Monika Szulc opowiadała, że najwięcej klientów spółdzielnia ma w lutym, gdy do Chełmna przyjeżdżają pary na Walentynki, oraz latem. Poza sezonem kawiarnia organizuje wieczorki poetyckie i spotkania dla seniorów, a sklep przyjmuje zamówienia od firm na upominki. – Nasi pracownicy obsługują gości tak samo jak w każdej innej kawiarni. Ktoś, kto przyszedł po raz pierwszy, często nawet nie wie, że to spółdzielnia socjalna – mówiła prezeska."),
    ("h2", "Fundacja „Spichrz” w Grudziądzu"),
    ("p", "Po południu uczestnicy odwiedzili Grudziądz. W jednym z dawnych spichrzy nad Wisłą ma swoją siedzibę Fundacja „Spichrz”. Fundacja działa od 2012 r., a od 2019 r. prowadzi sklep społeczny „Drugie Życie” oraz pracownię renowacji mebli. Do sklepu mieszkańcy przekazują meble, ubrania i sprzęt domowy, które po naprawie są sprzedawane po niskich cenach. Fundacja zatrudnia siedem osób, w większości długotrwale bezrobotnych."),
    ("p", "Prezes fundacji Zbigniew Rutkowski wyjaśnił, że cały dochód ze sklepu przeznaczany jest na prowadzenie świetlicy dla dzieci z pobliskiego osiedla. Osoby w trudnej sytuacji, skierowane przez miejski ośrodek pomocy społecznej, otrzymują w sklepie meble bezpłatnie. Pracownia renowacji przyjmuje też zlecenia od klientów indywidualnych; najczęściej odnawia stare kredensy i krzesła."),
    ("p", "W 2023 r. sklep odwiedziło ok. 9 tys. klientów, a pracownia odnowiła ponad 150 mebli. Uczestnicy wizyty obejrzeli magazyn, w którym segreguje się dary, oraz warsztat, w którym dwóch stolarzy uczy nowych pracowników szlifowania i lakierowania. Fundacja współpracuje także z miejscowym centrum integracji społecznej – jego uczestnicy odbywają w pracowni praktyki, a część z nich po zakończeniu programu zostaje zatrudniona przez fundację."),
    ("h2", "Warsztat Terapii Zajęciowej w Rypinie"),
    ("p", "Ostatniego dnia grupa pojechała do Rypina. Warsztat Terapii Zajęciowej prowadzi tu od 2006 r. Stowarzyszenie „Promyk”. W zajęciach uczestniczy 30 osób z niepełnosprawnościami, które pracują w sześciu pracowniach, m.in. piernikarskiej, krawieckiej i ogrodniczej. Pierniki wypiekane w warsztacie można kupić na jarmarkach w Rypinie i Toruniu."),
    ("p", "Kierowniczka warsztatu Danuta Wiśniewska podkreślała, że warsztat przygotowuje uczestników do pracy, ale dla wielu z nich najważniejsza jest samodzielność w życiu codziennym. W ostatnich latach troje uczestników podjęło zatrudnienie, w tym dwoje w Spółdzielni Socjalnej „Walentynka” w Chełmnie."),
    ("h2", "Podsumowanie"),
    ("p", "Uczestnicy zwrócili uwagę na dobrą współpracę odwiedzonych podmiotów z samorządami, które zlecają im usługi i stosują klauzule społeczne w przetargach. Szczególne zainteresowanie wzbudził sklep społeczny w Grudziądzu jako sposób na łączenie działalności gospodarczej z pomocą rodzinom w trudnej sytuacji."),
    ("p", "W ankiecie ewaluacyjnej 15 osób oceniło wizytę jako bardzo dobrą, a dwie jako dobrą. Sprawozdanie przygotowała Aneta Bąk, Oddział Ekonomii Społecznej ROPS w Kielcach."),
]


def build() -> Path:
    out = HERE / "corpus" / f"{DOC_ID}.docx"
    return report_docx.build(out, DOCS, AGENDA, HEADER, FOOTER, "Sprawozdanie z wizyty studyjnej – kujawsko-pomorskie 2024", "Regionalny Ośrodek Polityki Społecznej w Kielcach")


def source_text(doc_id: str) -> str:
    """The report's text (paragraphs and agenda rows), for checking answer phrases."""
    if doc_id != DOC_ID:
        raise KeyError(doc_id)
    return report_docx.source_text(DOCS, AGENDA)


if __name__ == "__main__":
    path = build()
    print(path, path.stat().st_size, "bytes")
