"""Build the PDF report of the heldout3 corpus.

Run:  /work/main/.venv/bin/python bench/heldout3/make_pdfs.py
(needs fpdf2 and DejaVuSans). Writes bench/heldout3/corpus/<doc_id>.pdf.

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
    "2022/raport-wizyta-studyjna-rops-gdansk-malopolska": {
        "header": "ROPS w Gdańsku | Wizyta studyjna – Małopolska 2022",
        "footer": (
            "Projekt „Pomorska Koordynacja Ekonomii Społecznej” jest współfinansowany przez Unię Europejską "
            "ze środków Europejskiego Funduszu Społecznego w ramach Regionalnego Programu Operacyjnego "
            "Województwa Pomorskiego na lata 2014–2020"
        ),
        "doc_title": "Raport z wizyty studyjnej w województwie małopolskim, 4–6 października 2022 r.",
        "blocks": [
            ("meta", "Regionalny Ośrodek Polityki Społecznej w Gdańsku | Zespół ds. Ekonomii Społecznej"),
            ("title", "RAPORT Z WIZYTY STUDYJNEJ"),
            ("title", "Przedsiębiorczość społeczna w Małopolsce"),
            ("meta", "Termin: 4–6 października 2022 r. | Bochnia – Limanowa – Gorlice – Myślenice"),
            ("h", "1. Cel i uczestnicy wizyty"),
            ("p", "Na początku października 2022 r. Regionalny Ośrodek Polityki Społecznej w Gdańsku zorganizował trzydniową wizytę studyjną do województwa małopolskiego. Wzięło w niej udział dwadzieścia cztery osoby: pracownicy ośrodków pomocy społecznej i powiatowych centrów pomocy rodzinie, przedstawiciele starostw powiatowych z Kartuz, Chojnic i Malborka, a także liderzy czterech pomorskich spółdzielni socjalnych. Celem wyjazdu było poznanie podmiotów, które wyrosły z lokalnych tradycji i dziś zapewniają stałe zatrudnienie osobom zagrożonym wykluczeniem społecznym."),
            ("p", "Trasę wizyty ułożono tak, by pokazać różne formy prawne: spółdzielnię socjalną osób fizycznych, centrum integracji społecznej, spółdzielnię założoną przez absolwentów CIS oraz zakład aktywności zawodowej prowadzony przez powiat. Gospodarzem części merytorycznej był Regionalny Ośrodek Polityki Społecznej w Krakowie, którego przedstawicielka towarzyszyła grupie przez dwa pierwsze dni."),
            ("h", "2. Spółdzielnia Socjalna „Solny Szlak” w Bochni"),
            ("p", "Pierwszego dnia grupa dotarła do Bochni, gdzie odwiedziła Spółdzielnię Socjalną „Solny Szlak”. Spółdzielnia powstała w 2015 r. i obsługuje miejskie parkingi, toalety publiczne oraz punkt informacji turystycznej przy rynku. Zimą jej pracownicy sprzątają hale sportowe należące do miasta. Zatrudnia dziewiętnaście osób, z których większość przed podjęciem pracy przez kilka lat korzystała z zasiłków ośrodka pomocy społecznej."),
            ("p", "Prezes spółdzielni Paweł Jurczak opowiadał, że pierwsze zlecenie – obsługę jednego parkingu – spółdzielnia dostała od miasta w trybie zamówienia zastrzeżonego. – Gdyby nie to pierwsze zlecenie, nie byłoby nas. Teraz startujemy w zwykłych przetargach i część z nich wygrywamy z firmami prywatnymi – mówił. Uczestnicy pytali o sposób rozliczania opłat parkingowych; spółdzielnia pobiera je w imieniu miasta i co tydzień przekazuje na rachunek gminy."),
            ("p", "Spółdzielnia prowadzi także niewielką pralnię, w której pierze stroje sportowe dla miejskich klubów. Jej członkowie sami zdecydowali, że część zysku przeznaczają na fundusz szkoleniowy – dzięki niemu czterech pracowników zdobyło uprawnienia do obsługi wózków widłowych, a dwie osoby ukończyły kurs przewodnika po mieście. Uczestnicy z Pomorza podkreślali, że taki sposób dzielenia zysku rzadko spotyka się w ich regionie."),
            ("h", "3. Centrum Integracji Społecznej w Limanowej"),
            ("p", "Po południu grupa przejechała do Limanowej. Kolejnym punktem programu było Centrum Integracji Społecznej w Limanowej. Prowadzi je Fundacja „Pod Mogielicą”, a w zajęciach bierze obecnie udział 45 uczestników. Centrum oferuje warsztaty krawiecki, stolarski i gospodarczo-porządkowy. Pracownia krawiecka szyje m.in. stroje dla regionalnych zespołów tanecznych i torby z lnu, a stolarze wykonują meble do przedszkoli i świetlic wiejskich."),
            ("p", "Kierownik centrum Stanisław Zięba zwrócił uwagę, że największą barierą dla uczestników jest dojazd: wielu z nich mieszka w górskich przysiółkach, skąd nie kursuje komunikacja publiczna. Dlatego CIS kupił dwa busy i rano zbiera uczestników z kilku gmin. W 2021 r. centrum ukończyło 38 osób, z których 17 znalazło pracę na otwartym rynku."),
            ("h", "4. Spółdzielnia Socjalna „Magurska Spiżarnia” w Gorlicach"),
            ("p", "Drugi dzień wizyty rozpoczął się w Gorlicach. Tam czekała na nas Spółdzielnia Socjalna „Magurska Spiżarnia”. Jej założycielami było w 2019 r. pięcioro absolwentów centrum integracji społecznej w Gorlicach. Spółdzielnia robi dżemy, powidła, soki i kiszonki z owoców i warzyw kupowanych od małych gospodarstw z Beskidu Niskiego. Zatrudnia siedem osób. Rocznie napełnia ok. 40 tys. słoików, które sprzedaje w sklepach regionalnych, na targach i przez internet."),
            ("p", "Prezeska spółdzielni Jolanta Mikulska pokazała przetwórnię urządzoną w dawnym budynku zlewni mleka, który spółdzielnia dzierżawi od gminy za symboliczną kwotę. Na wyposażenie przetwórni spółdzielnia otrzymała z ośrodka wsparcia ekonomii społecznej 120 tys. zł. – Powidła śliwkowe smażymy tak jak nasze babcie, przez trzy dni. Nie da się tego przyspieszyć i klienci to doceniają – mówiła prezeska, częstując gości pajdami chleba z powidłami."),
            ("p", "Uczestnicy wizyty pytali o wymagania sanepidu i o to, jak spółdzielnia radzi sobie z sezonowością produkcji. Okazało się, że zimą pracownicy zajmują się etykietowaniem, pakowaniem paczek świątecznych dla firm i sprzedażą na jarmarkach."),
            ("h", "5. Zakład Aktywności Zawodowej w Myślenicach"),
            ("p", "Ostatnim punktem wizyty był Zakład Aktywności Zawodowej w Myślenicach. Zakład utworzył w 2017 r. Powiat Myślenicki. Prowadzi szwalnię, która szyje pościel, ręczniki i obrusy dla hoteli i pensjonatów przy drodze do Zakopanego, oraz pracownię poligraficzną. Pracuje w nim 37 osób, w tym 27 osób z niepełnosprawnościami. Utworzenie zakładu, wraz z przebudową dawnego budynku internatu, kosztowało 2,6 mln zł i zostało sfinansowane ze środków PFRON, budżetu powiatu i Regionalnego Programu Operacyjnego."),
            ("p", "Dyrektor zakładu Andrzej Pająk zwracał uwagę, że pracownicy szwalni pracują na nowoczesnych maszynach, a każda partia pościeli przechodzi kontrolę jakości, zanim trafi do klienta. – Hotele nie kupują od nas z sentymentu. Kupują, bo termin jest dotrzymany, a prześcieradło ma równe szwy – mówił. Co roku kilku pracowników przechodzi z zakładu do pracy na otwartym rynku, najczęściej do okolicznych hoteli i do firm sprzątających."),
            ("p", "Po wizycie w zakładzie odbyło się spotkanie podsumowujące z udziałem przedstawicieli starostwa powiatowego w Myślenicach. Wicestarosta Ewa Gacek opowiadała o tym, jak powiat przygotował wniosek o utworzenie zakładu i dlaczego wybrał szwalnię: w okolicy działa kilkaset obiektów noclegowych, które stale potrzebują tekstyliów."),
            ("h", "6. Wnioski dla województwa pomorskiego"),
            ("p", "Uczestnicy zgodzili się, że wszystkie odwiedzone podmioty mają stałych odbiorców i nie utrzymują się wyłącznie z dotacji. Sformułowano trzy rekomendacje: po pierwsze, samorządy powinny częściej stosować zamówienia zastrzeżone przy pierwszych zleceniach dla nowo powstałych spółdzielni socjalnych; po drugie, centra integracji społecznej powinny przygotowywać swoich absolwentów do założenia spółdzielni, tak jak w Gorlicach; po trzecie, powiaty o rozwiniętej turystyce mogą rozważyć utworzenie zakładu aktywności zawodowej obsługującego branżę hotelową."),
            ("p", "Wizytę oceniło dobrze lub bardzo dobrze 22 z 24 uczestników. W 2023 r. ROPS w Gdańsku planuje wyjazd do województwa świętokrzyskiego."),
            ("meta", "Opracowanie: Katarzyna Formela, Piotr Labuda – ROPS w Gdańsku"),
        ],
    },
}


def source_text(doc_id: str) -> str:
    """The unhyphenated text of a report, for checking answer phrases."""
    return report_pdf.source_text(REPORTS, doc_id)


if __name__ == "__main__":
    for doc_id, spec in REPORTS.items():
        path = report_pdf.build(doc_id, spec, HERE / "corpus", "Regionalny Ośrodek Polityki Społecznej w Gdańsku")
        print(path, path.stat().st_size, "bytes")
