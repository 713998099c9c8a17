"""Build the DOCX report of the heldout3 corpus.

Run:  /work/main/.venv/bin/python bench/heldout3/make_docx.py
(needs python-docx). Writes bench/heldout3/corpus/<doc_id>.docx.

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

DOC_ID = "2024/sprawozdanie-wizyta-studyjna-mcps-lubuskie"

HEADER = "Mazowieckie Centrum Polityki Społecznej – Wydział Ekonomii Społecznej"
FOOTER = (
    "Projekt „Mazowiecka Koordynacja Ekonomii Społecznej” współfinansowany ze środków "
    "Europejskiego Funduszu Społecznego Plus w ramach programu Fundusze Europejskie dla Mazowsza 2021–2027"
)

AGENDA = [
    ("Dzień", "Godzina", "Miejsce", "Punkt programu"),
    ("15 maja 2024 r.", "13.00", "Sulechów", "Spółdzielnia Socjalna „Winne Wzgórze” – winnica i sklep z produktami lokalnymi"),
    ("15 maja 2024 r.", "17.30", "Zielona Góra", "Spotkanie z ROPS w Zielonej Górze, nocleg"),
    ("16 maja 2024 r.", "9.00", "Międzyrzecz", "Klub Integracji Społecznej Stowarzyszenia „Bastion”"),
    ("16 maja 2024 r.", "14.00", "Żary", "Spółdzielnia Socjalna „Łużycka Nić” – szwalnia i naprawa odzieży"),
    ("17 maja 2024 r.", "10.00", "Nowa Sól", "Stowarzyszenie „Port Nowa Sól” – kawiarnia i wypożyczalnia na przystani"),
    ("17 maja 2024 r.", "14.00", "Nowa Sól", "Podsumowanie, powrót do Warszawy"),
]

# ("h1" | "h2" | "p" | "agenda", text)
DOCS: list[tuple[str, str]] = [
    ("h1", "Sprawozdanie z wizyty studyjnej w województwie lubuskim"),
    ("p", "Warszawa, 3 czerwca 2024 r."),
    ("h2", "Wprowadzenie"),
    ("p", "W dniach 15–17 maja 2024 r. Mazowieckie Centrum Polityki Społecznej zorganizowało wizytę studyjną do województwa lubuskiego. Uczestniczyło w niej 26 osób: pracownicy centrów usług społecznych i ośrodków pomocy społecznej z subregionów radomskiego, ostrołęckiego i siedleckiego, przedstawiciele ośrodków wsparcia ekonomii społecznej oraz członkowie zarządów przedsiębiorstw społecznych z Mazowsza. Celem wyjazdu było poznanie małych podmiotów ekonomii społecznej działających w miastach średniej wielkości, które wykorzystują położenie nad Odrą i tradycje regionu."),
    ("p", "Wizyta była pierwszym wyjazdem studyjnym MCPS w nowej perspektywie finansowej. Program przygotowano we współpracy z Regionalnym Ośrodkiem Polityki Społecznej w Zielonej Górze."),
    ("h2", "Program wizyty"),
    ("agenda", ""),
    ("h2", "Spółdzielnia Socjalna „Winne Wzgórze” w Sulechowie"),
    ("p", "Pierwszego dnia po południu dotarliśmy do Sulechowa. Na zboczu wzgórza za miastem znajduje się winnica Spółdzielni Socjalnej „Winne Wzgórze”. Spółdzielnia została założona w 2018 r. przez sześć osób, w tym troje byłych uczestników centrum integracji społecznej w Zielonej Górze. Uprawia dwa hektary winorośli, a w centrum Sulechowa prowadzi sklep z produktami lokalnymi: sokami winogronowymi, miodem, serami i wyrobami rękodzielniczymi. Zatrudnia osiem osób."),
    ("p", "Prezes spółdzielni Łukasz Domagała tłumaczył, że spółdzielnia nie produkuje wina, bo wymagałoby to osobnego zezwolenia i dużych inwestycji, ale sprzedaje winogrona okolicznym winiarzom, a z pozostałych owoców tłoczy soki. – Lubuskie żyje winem od kilkuset lat. Pomyśleliśmy, że to nasza szansa: ludzie przyjeżdżają na Winobranie, a my im pokazujemy, jak pracuje się w winnicy – mówił. Spółdzielnia organizuje także warsztaty dla szkół i wycieczek, w czasie których uczestnicy zbierają winogrona i poznają historię uprawy winorośli na Ziemi Lubuskiej."),
    ("p", "Wieczorem w Zielonej Górze odbyło się spotkanie z pracownikami ROPS, którzy przedstawili lubuski program rozwoju ekonomii społecznej i współpracę z samorządami w zakresie klauzul społecznych."),
    ("h2", "Klub Integracji Społecznej w Międzyrzeczu"),
    ("p", "Drugiego dnia rano uczestnicy odwiedzili Międzyrzecz. Klub Integracji Społecznej prowadzi tu Stowarzyszenie „Bastion”. Klub działa od 2014 r. i co roku obejmuje wsparciem ok. 25 osób. Program trwa sześć miesięcy i łączy warsztaty kompetencji społecznych, poradnictwo zawodowe oraz prace społecznie użyteczne na rzecz gminy."),
    ("p", "Koordynator klubu Jarosław Pietrzak opowiadał o grupie wolontariuszy-przewodników, którzy oprowadzają turystów po Międzyrzeckim Rejonie Umocnionym. Część z nich to byli uczestnicy KIS, którzy dzięki temu odzyskali pewność siebie i znaleźli pracę w turystyce. – Ktoś, kto pięć lat nie wychodził z domu, dziś prowadzi grupę dwudziestu Niemców po bunkrach. To jest reintegracja – mówił koordynator."),
    ("p", "W 2023 r. program klubu ukończyło 23 osoby. Dziewięć z nich podjęło zatrudnienie, w tym trzy w spółdzielniach socjalnych z powiatu międzyrzeckiego, a kolejne cztery rozpoczęły kursy zawodowe finansowane przez powiatowy urząd pracy. Stowarzyszenie prowadzi też punkt poradnictwa dla osób zadłużonych, z którego korzysta wielu uczestników klubu. Uczestnicy wizyty z Mazowsza pytali przede wszystkim o to, jak klub dociera do osób, które nie zgłaszają się same, oraz jak wygląda współpraca z pracownikami socjalnymi przy kierowaniu do KIS."),
    ("h2", "Spółdzielnia Socjalna „Łużycka Nić” w Żarach"),
    ("p", "Po południu grupa przejechała do Żar, gdzie działa Spółdzielnia Socjalna „Łużycka Nić”. Jej członkiniami jest sześć kobiet, które wcześniej pracowały w zamkniętych zakładach włókienniczych. Spółdzielnia powstała w 2020 r., w pierwszych miesiącach pandemii, a jej pierwszym zamówieniem było szycie maseczek dla szpitala. Dziś zajmuje się naprawą i przeróbkami odzieży oraz szyciem toreb i plecaków z zużytych banerów reklamowych."),
    ("p", "Kolejną ciekawostką jest współpraca z miejscowym oddziałem Polskiego Czerwonego Krzyża. Spółdzielnia odbiera od PCK ubrania, których nie da się przekazać potrzebującym, i przerabia je na nowe wyroby. Torby z banerów kupują firmy i urzędy jako upominki ekologiczne; w 2023 r. spółdzielnia uszyła ich ponad 3 tys. Prezeska Grażyna Mazur przyznała, że najtrudniejsze było przekonanie pierwszych klientów, iż torba z banera może być elegancka."),
    ("h2", "Stowarzyszenie „Port Nowa Sól”"),
    ("p", "Trzeciego dnia uczestnicy odwiedzili przystań rzeczną w Nowej Soli. Stowarzyszenie „Port Nowa Sól” prowadzi tu od 2016 r. kawiarnię, wypożyczalnię rowerów i kajaków oraz punkt informacji turystycznej na szlaku rowerowym wzdłuż Odry. Zatrudnia dwanaście osób, w tym pięć osób z niepełnosprawnościami i cztery osoby skierowane przez ośrodek pomocy społecznej. Budynek przystani należy do miasta, które przekazało go stowarzyszeniu w użyczenie na dziesięć lat."),
    ("p", "Prezes stowarzyszenia Henryk Wawrzyniak opowiadał, że najważniejsze były dla nich pierwsze dwa sezony, kiedy trzeba było przekonać mieszkańców, że nad rzeką da się odpoczywać. Dziś kawiarnia na przystani jest otwarta przez cały rok, a zimą odbywają się w niej koncerty i spotkania seniorów."),
    ("p", "Stowarzyszenie utrzymuje się przede wszystkim ze sprzedaży w kawiarni i z wypożyczalni, a uzupełniająco z grantów gminy na zadania z zakresu turystyki i rekreacji. W sezonie letnim przystań odwiedza nawet kilkaset osób dziennie, zwłaszcza w weekendy, gdy zatrzymują się tu rowerzyści jadący Odrzańskim Szlakiem Rowerowym. Pracownicy z niepełnosprawnościami obsługują głównie kawiarnię i wydają sprzęt, a osoby skierowane przez OPS pomagają przy konserwacji kajaków i porządkowaniu terenu."),
    ("h2", "Podsumowanie"),
    ("p", "Uczestnicy zwrócili uwagę, że odwiedzone podmioty są niewielkie, ale dobrze zakorzenione w swoich miastach. Wspólną cechą była umiejętność wykorzystania lokalnych zasobów – winnic, rzeki, tradycji włókienniczej czy historii fortyfikacji. Uczestnicy z Mazowsza szczególnie zainteresowali się możliwością przejmowania przez organizacje pozarządowe nieużywanych budynków komunalnych w formie użyczenia."),
    ("p", "W ankiecie ewaluacyjnej 24 osoby oceniły wizytę jako bardzo dobrą, a dwie jako dobrą. Sprawozdanie przygotowała Monika Zalewska, Wydział Ekonomii Społecznej MCPS."),
]


def build() -> Path:
    out = HERE / "corpus" / f"{DOC_ID}.docx"
    return report_docx.build(out, DOCS, AGENDA, HEADER, FOOTER, "Sprawozdanie z wizyty studyjnej – lubuskie 2024", "Mazowieckie Centrum Polityki Społecznej")


def source_text(doc_id: str) -> str:
    """The report's text (paragraphs and agenda rows), for checking answer phrases."""
    if doc_id != DOC_ID:
        raise KeyError(doc_id)
    return report_docx.source_text(DOCS, AGENDA)


if __name__ == "__main__":
    path = build()
    print(path, path.stat().st_size, "bytes")
