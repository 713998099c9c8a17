"""Generate the two PDF reports of the dev2 set into corpus/.

Text is laid out line by line with our own line breaker, which hyphenates words at line ends
("spół-" / "dzielni"), as typeset reports do. Every page carries a running header with the page
number and a co-funding footer.

    /work/main/.venv/bin/python bench/dev2/make_pdfs.py
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from fpdf import FPDF

HERE = Path(__file__).resolve().parent
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"

VOWELS = set("aąeęioóuyAĄEĘIOÓUY")
DIGRAPHS = {"ch", "cz", "dz", "dź", "dż", "rz", "sz"}
LEAD = '„("'
TRAIL = ',.;:”)"!?'


def break_points(core: str) -> list[int]:
    """Positions i where core may be split as core[:i] + '-' / core[i:] (Polish-ish syllables)."""
    if len(core) < 6 or not core.isalpha():
        return []
    low = core.lower()
    points = []
    for i in range(2, len(low) - 2):
        a, b, c = low[i - 1], low[i], low[i + 1]
        if low[i - 1 : i + 1] in DIGRAPHS:
            continue
        if not any(ch in VOWELS for ch in low[:i]) or not any(ch in VOWELS for ch in low[i:]):
            continue
        if a in VOWELS and b not in VOWELS and (c in VOWELS or low[i : i + 2] in DIGRAPHS):
            points.append(i)  # V-CV
        elif a not in VOWELS and b not in VOWELS and low[i - 2] in VOWELS and b != "j":
            points.append(i)  # VC-CV
    return points


def split_word(word: str) -> tuple[str, str, str, list[int]]:
    """Leading quotes, the word itself, trailing punctuation, and its break points."""
    lead = ""
    while word and word[0] in LEAD:
        lead, word = lead + word[0], word[1:]
    trail = ""
    while word and word[-1] in TRAIL:
        trail, word = word[-1] + trail, word[:-1]
    return lead, word, trail, break_points(word)


class Report(FPDF):
    def __init__(self, header_text: str, footer_lines: list[str]):
        super().__init__(format="A4")
        self.header_text = header_text
        self.footer_lines = footer_lines
        self.add_font("DejaVu", "", FONT)
        self.add_font("DejaVu", "B", FONT_BOLD)
        self.set_margins(22, 24, 22)
        self.set_auto_page_break(True, margin=26)

    def header(self):
        self.set_font("DejaVu", "", 8)
        self.set_text_color(90, 90, 90)
        self.set_xy(self.l_margin, 10)
        self.cell(0, 5, f"{self.header_text} | str. {self.page_no()}", align="R")
        self.line(self.l_margin, 16, self.w - self.r_margin, 16)
        self.set_text_color(0, 0, 0)
        self.set_y(24)

    def footer(self):
        self.set_y(-22)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.set_font("DejaVu", "", 7)
        self.set_text_color(90, 90, 90)
        for line in self.footer_lines:
            self.cell(0, 3.6, line, align="C", new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(0, 0, 0)

    def lines_of(self, text: str, width: float) -> list[str]:
        words = text.split()
        lines: list[str] = []
        cur = ""
        i = 0
        while i < len(words):
            word = words[i]
            cand = word if not cur else cur + " " + word
            if self.get_string_width(cand) <= width:
                cur = cand
                i += 1
                continue
            # the word does not fit: try to hyphenate it
            lead, core, trail, points = split_word(word)
            done = False
            for p in reversed(points):
                head = lead + core[:p] + "-"
                test = head if not cur else cur + " " + head
                if self.get_string_width(test) <= width:
                    lines.append(test)
                    words[i] = core[p:] + trail
                    cur = ""
                    done = True
                    break
            if not done:
                if cur:
                    lines.append(cur)
                    cur = ""
                else:  # a single word longer than the line
                    lines.append(word)
                    i += 1
        if cur:
            lines.append(cur)
        return lines

    def paragraph(self, text: str, size: float = 11, bold: bool = False, gap: float = 2.2):
        self.set_font("DejaVu", "B" if bold else "", size)
        height = size * 0.56
        for line in self.lines_of(text, self.w - self.l_margin - self.r_margin):
            self.cell(0, height, line, new_x="LMARGIN", new_y="NEXT")
        self.ln(gap)


def build(path: Path, meta: dict, blocks: list[tuple[str, str]]) -> None:
    pdf = Report(meta["header"], meta["footer"])
    pdf.set_title(meta["title"])
    pdf.set_author(meta["author"])
    pdf.set_subject(meta["subject"])
    pdf.set_creation_date(meta["date"])
    pdf.add_page()
    for kind, text in blocks:
        if kind == "title":
            pdf.paragraph(text, size=15, bold=True, gap=3)
        elif kind == "sub":
            pdf.paragraph(text, size=11, bold=True, gap=1.5)
        elif kind == "h":
            pdf.ln(1.5)
            pdf.paragraph(text, size=11.5, bold=True, gap=1.5)
        else:
            pdf.paragraph(text)
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(path))
    print(f"{path.relative_to(HERE)}: {pdf.page_no()} pages")


TARNOW_META = {
    "title": "Sprawozdanie z wizyty studyjnej w województwie lubelskim",
    "author": "Ośrodek Wsparcia Ekonomii Społecznej Subregionu Tarnowskiego",
    "subject": "Wizyta studyjna OWES, województwo małopolskie, 15 października 2020",
    "date": dt.datetime(2020, 10, 15, 12, 0, tzinfo=dt.timezone.utc),
    "header": "Sprawozdanie z wizyty studyjnej | OWES Subregionu Tarnowskiego",
    "footer": [
        "Projekt „Ośrodek Wsparcia Ekonomii Społecznej Subregionu Tarnowskiego” współfinansowany",
        "przez Unię Europejską ze środków Europejskiego Funduszu Społecznego w ramach RPO WM 2014–2020",
    ],
}

TARNOW = [
    ("title", "Sprawozdanie z wizyty studyjnej w województwie lubelskim"),
    ("sub", "Ośrodek Wsparcia Ekonomii Społecznej Subregionu Tarnowskiego"),
    (
        "p",
        "Tarnów, 15 października 2020 r. Województwo małopolskie. Opracowanie: zespół "
        "doradców OWES prowadzonego przez Fundację Inicjatyw Lokalnych „Most”.",
    ),
    ("h", "1. Informacje ogólne"),
    (
        "p",
        "W dniach 5–7 października 2020 r. Ośrodek Wsparcia Ekonomii Społecznej Subregionu "
        "Tarnowskiego zorganizował wizytę studyjną do województwa lubelskiego. W wizycie "
        "udział wzięło 16 osób: członkowie spółdzielni socjalnych wspieranych przez ośrodek, "
        "przedstawiciele grup inicjatywnych planujących założenie przedsiębiorstw społecznych "
        "oraz dwoje doradców kluczowych. Ze względu na sytuację epidemiczną grupa podróżowała "
        "dwoma busami, a spotkania odbywały się w mniejszych zespołach, z zachowaniem "
        "obowiązujących zasad sanitarnych.",
    ),
    (
        "p",
        "Celem wizyty było zapoznanie uczestników z funkcjonowaniem przedsiębiorstw "
        "społecznych w branżach gastronomicznej, turystycznej i hotelarskiej, a także poznanie "
        "modeli reintegracji zawodowej stosowanych w centrach integracji społecznej i zakładach "
        "aktywności zawodowej. Program obejmował pięć podmiotów w czterech powiatach. Wybór "
        "podmiotów konsultowano z Regionalnym Ośrodkiem Polityki Społecznej w Lublinie oraz z "
        "lubelskimi ośrodkami wsparcia ekonomii społecznej, którym dziękujemy za pomoc w "
        "przygotowaniu programu.",
    ),
    (
        "p",
        "Wizyta była jednym z elementów ścieżki wsparcia dla grup inicjatywnych, która "
        "obejmuje także szkolenia z zakładania i prowadzenia przedsiębiorstwa społecznego, "
        "doradztwo biznesowe oraz dotacje na tworzenie miejsc pracy. Uczestnicy wcześniej "
        "odwiedzili podmioty ekonomii społecznej w Małopolsce, dlatego tym razem organizatorzy "
        "postawili na miejsca działające w podobnych warunkach, ale w innym regionie.",
    ),
    ("h", "2. Przebieg wizyty – dzień pierwszy"),
    (
        "p",
        "Pierwszego dnia uczestnicy odwiedzili Puławy. Pierwszym punktem programu była "
        "Spółdzielnia Socjalna „Lubelski Smak”. Prowadzi bar obiadowy w pobliżu dworca "
        "kolejowego oraz catering dla firm, szkół i instytucji. Jej założycielami było pięć "
        "osób bezrobotnych, w tym dwie kucharki z wieloletnim doświadczeniem w gastronomii. "
        "Spółdzielnia powstała w 2013 r. i obecnie zatrudnia 13 osób. Prezeską jest Ewa "
        "Sadowska. Na rozwój działalności cateringowej spółdzielnia otrzymała w 2019 r. "
        "wsparcie pomostowe i dotację inwestycyjną w łącznej wysokości 96 tys. zł, za które "
        "kupiono samochód dostawczy z chłodnią i piec konwekcyjno-parowy.",
    ),
    (
        "p",
        "Prezeska opowiedziała o trudnościach związanych z pandemią. W kwietniu 2020 r. bar "
        "musiał zostać zamknięty, a spółdzielnia przestawiła się na dowóz obiadów do seniorów "
        "na zlecenie miejskiego ośrodka pomocy społecznej. „Nikogo nie zwolniliśmy. Przez dwa "
        "miesiące gotowaliśmy w maseczkach 300 obiadów dziennie dla osób, które nie mogły "
        "wychodzić z domu” – mówi prezeska Ewa Sadowska. Uczestnicy z Tarnowa i Dąbrowy "
        "Tarnowskiej dopytywali o kalkulację cen i o to, jak spółdzielnia rozlicza posiłki "
        "dowożone na zlecenie gminy.",
    ),
    (
        "p",
        "Po południu grupa dotarła do Zamościa, gdzie odwiedziła Centrum Integracji "
        "Społecznej prowadzone przez Stowarzyszenie „Krok Dalej”. Centrum działa od 2009 r. "
        "W programie reintegracji społecznej i zawodowej uczestniczy jednocześnie 50 osób. "
        "Uczestnicy zdobywają kwalifikacje w czterech warsztatach: gastronomicznym, "
        "remontowo-budowlanym, pielęgnacji zieleni oraz opiekuna osoby starszej. Kierowniczka "
        "centrum, Renata Wójcik, przedstawiła system wsparcia obejmujący terapię uzależnień, "
        "poradnictwo prawne i pomoc w uregulowaniu zadłużeń. Jak podkreślała, bez tej pomocy "
        "wielu uczestników nie mogłoby podjąć legalnej pracy, bo komornik zająłby większość "
        "wynagrodzenia.",
    ),
    ("h", "3. Dzień drugi – Roztocze i Chełm"),
    (
        "p",
        "Drugiego dnia uczestnicy pojechali na Roztocze. Kolejnym punktem wizyty było "
        "Stowarzyszenie „Roztoczańska Kraina” w Zwierzyńcu. Zajmuje się rozwojem turystyki "
        "rowerowej i kajakowej: prowadzi wypożyczalnię rowerów, punkt informacji turystycznej "
        "oraz sezonowe spływy Wieprzem. Stowarzyszenie powstało w 2007 r. i liczy 58 członków, "
        "w tym przedsiębiorców turystycznych, rolników prowadzących gospodarstwa "
        "agroturystyczne i nauczycieli. W sezonie 2020 wypożyczalnia obsłużyła ponad 4 tys. "
        "klientów, mimo że otwarto ją dopiero w czerwcu. Dochód z działalności gospodarczej "
        "stowarzyszenie przeznacza na utrzymanie oznakowania szlaków i edukację ekologiczną "
        "dzieci z okolicznych szkół.",
    ),
    (
        "p",
        "Stowarzyszenie od kilku lat organizuje także rajd rowerowy dla rodzin, w którym "
        "corocznie bierze udział kilkaset osób, oraz szkolenia dla kwaterodawców z zakresu "
        "obsługi turystów zagranicznych. Członkowie stowarzyszenia pracują przy wypożyczalni "
        "społecznie lub na umowach sezonowych.",
    ),
    (
        "p",
        "Uczestnicy przejechali rowerami kilkunastokilometrowy odcinek szlaku wokół stawów "
        "Echo. Podczas rozmowy członkowie stowarzyszenia podkreślali, że ich siłą jest sieć "
        "współpracy z kwaterami prywatnymi i gospodarstwami, które polecają sobie nawzajem "
        "gości.",
    ),
    (
        "p",
        "Następnie grupa przejechała do Chełma. Kolejnym punktem programu był Zakład "
        "Aktywności Zawodowej prowadzony przez Fundację „Perspektywa”. Prowadzi hotel „Pod "
        "Kasztanem” z restauracją i salą konferencyjną. Zakład działa od 2012 r. i obecnie "
        "zatrudnia 44 osoby, z czego 31 to osoby z niepełnosprawnością. Dyrektorem zakładu jest "
        "Marcin Grabowski. Uczestnicy zjedli w restauracji kolację i nocowali w hotelu, mogąc z "
        "bliska obserwować pracę recepcji, kuchni i obsługi pokoi. „Gość hotelowy nie pyta, kto "
        "mu ścielił łóżko. Pyta, czy jest czysto i czy śniadanie jest ciepłe. Na tym budujemy "
        "swoją markę” – mówi dyrektor Marcin Grabowski.",
    ),
    (
        "p",
        "Dyrektor omówił też zasady finansowania zakładu. Oprócz dofinansowania ze środków "
        "Państwowego Funduszu Rehabilitacji Osób Niepełnosprawnych i samorządu województwa "
        "zakład utrzymuje się z przychodów hotelu, które w 2019 r. wyniosły 2,1 mln zł. W "
        "czasie pandemii obłożenie spadło o połowę, ale udało się utrzymać wszystkie etaty.",
    ),
    ("h", "4. Dzień trzeci – Włodawa"),
    (
        "p",
        "Ostatniego dnia grupa odwiedziła Włodawę nad Bugiem. Kolejnym punktem wizyty była "
        "Spółdzielnia Socjalna „Nadbużańskie Zioła”. Zajmuje się uprawą i suszeniem ziół oraz "
        "produkcją herbat ziołowych i mieszanek przypraw sprzedawanych w sklepach ze zdrową "
        "żywnością. Jej założycielkami były cztery kobiety z gminy Włodawa, które wcześniej "
        "uczestniczyły w zajęciach klubu integracji społecznej. Spółdzielnia powstała w 2018 r. "
        "Obecnie zatrudnia 6 osób. Na start otrzymała z ośrodka wsparcia ekonomii społecznej "
        "dotację w wysokości 200 tys. zł na utworzenie pięciu miejsc pracy. W 2019 r. Gmina "
        "Włodawa wydzierżawiła spółdzielni dwuhektarową działkę pod uprawę ziół. Prezeską "
        "spółdzielni jest Teresa Wawryk.",
    ),
    (
        "p",
        "„Najpierw śmiali się z nas, że baby chcą żyć z rumianku. Teraz sąsiedzi pytają, czy "
        "nie potrzebujemy kogoś do pracy przy zbiorach” – mówi prezeska Teresa Wawryk. "
        "Uczestnicy obejrzeli suszarnię, pakownię oraz poletka doświadczalne, na których "
        "spółdzielnia testuje nowe odmiany mięty i melisy.",
    ),
    (
        "p",
        "Spółdzielnia sprzedaje swoje produkty także na targach i kiermaszach w całym "
        "województwie lubelskim oraz przez sklep internetowy. W okresie zbiorów zatrudnia "
        "dodatkowo kilka osób na umowy zlecenia. Członkinie spółdzielni planują uruchomienie "
        "ścieżki edukacyjnej dla szkół, podczas której dzieci poznają rośliny lecznicze i "
        "samodzielnie przygotują mieszankę herbaty.",
    ),
    ("h", "5. Wnioski i rekomendacje"),
    (
        "p",
        "Uczestnicy wizyty najwyżej ocenili spotkania w Puławach i we Włodawie, wskazując, "
        "że pokazały one realną drogę od grupy osób bezrobotnych do stabilnego "
        "przedsiębiorstwa społecznego. Dwie grupy inicjatywne z powiatu tarnowskiego "
        "zadeklarowały chęć założenia spółdzielni socjalnych: jedna w branży cateringowej, "
        "druga w przetwórstwie owoców i ziół. Doradcy OWES obejmą je wsparciem w zakresie "
        "przygotowania biznesplanów i wniosków o dotacje.",
    ),
    (
        "p",
        "Rekomendujemy kontynuowanie wizyt studyjnych w małych grupach oraz włączanie do "
        "programu spotkań z przedstawicielami samorządów, które współpracują z "
        "przedsiębiorstwami społecznymi. Wizyta została sfinansowana ze środków projektu "
        "realizowanego w ramach Regionalnego Programu Operacyjnego Województwa Małopolskiego "
        "na lata 2014–2020.",
    ),
]

KALISZ_META = {
    "title": "Sprawozdanie z wizyty studyjnej w województwie dolnośląskim",
    "author": "Ośrodek Wsparcia Ekonomii Społecznej Subregionu Kaliskiego",
    "subject": "Wizyta studyjna OWES, województwo wielkopolskie, 6 maja 2024",
    "date": dt.datetime(2024, 5, 6, 12, 0, tzinfo=dt.timezone.utc),
    "header": "Sprawozdanie z wizyty studyjnej | OWES Subregionu Kaliskiego",
    "footer": [
        "Projekt „Ekonomia społeczna w subregionie kaliskim” współfinansowany ze środków",
        "Europejskiego Funduszu Społecznego Plus w ramach programu Fundusze Europejskie dla Wielkopolski 2021–2027",
    ],
}

KALISZ = [
    ("title", "Sprawozdanie z wizyty studyjnej w województwie dolnośląskim"),
    ("sub", "Ośrodek Wsparcia Ekonomii Społecznej Subregionu Kaliskiego"),
    (
        "p",
        "Kalisz, 6 maja 2024 r. Województwo wielkopolskie. Sprawozdanie przygotował zespół "
        "animatorów i doradców ośrodka prowadzonego przez Stowarzyszenie Rozwoju "
        "Przedsiębiorczości Społecznej „Prosna”.",
    ),
    ("h", "Cel i uczestnicy"),
    (
        "p",
        "W dniach 16–18 kwietnia 2024 r. Ośrodek Wsparcia Ekonomii Społecznej Subregionu "
        "Kaliskiego zorganizował wizytę studyjną do województwa dolnośląskiego. Wzięło w niej "
        "udział 20 osób: przedstawiciele przedsiębiorstw społecznych, gminnych ośrodków pomocy "
        "społecznej, starostw powiatowych oraz organizacji pozarządowych z powiatów "
        "kaliskiego, ostrzeszowskiego, pleszewskiego i kępińskiego. Celem wyjazdu było "
        "poznanie modeli współpracy samorządów z podmiotami ekonomii społecznej, w tym "
        "spółdzielni socjalnych osób prawnych, oraz sposobów łączenia rehabilitacji zawodowej "
        "osób z niepełnosprawnościami z działalnością gospodarczą.",
    ),
    (
        "p",
        "Program wizyty obejmował pięć podmiotów w Sudetach i na Dolnym Śląsku. Spotkania "
        "prowadzili liderzy odwiedzanych organizacji, a w dwóch przypadkach także "
        "przedstawiciele samorządów, które z nimi współpracują.",
    ),
    (
        "p",
        "Wyjazd odbył się autokarem, a noclegi zapewniono w Wałbrzychu i w Kłodzku. Przed "
        "wizytą uczestnicy wypełnili ankietę dotyczącą swoich oczekiwań. Najczęściej "
        "wskazywali potrzebę poznania praktycznych rozwiązań w zakresie zlecania usług "
        "przedsiębiorstwom społecznym, finansowania miejsc pracy dla osób z "
        "niepełnosprawnościami oraz budowania marki lokalnych produktów i usług.",
    ),
    ("h", "Dzień 1. Oleśnica i Wałbrzych"),
    (
        "p",
        "Pierwszego dnia uczestnicy odwiedzili Oleśnicę. Pierwszym punktem programu był "
        "Zakład Aktywności Zawodowej prowadzony przez Stowarzyszenie „Dobry Start”. Zakład "
        "działa od 2016 r. Prowadzi kuchnię cateringową, która przygotowuje posiłki dla "
        "szkół i szpitala powiatowego, oraz pralnię obsługującą pensjonaty i domy pomocy "
        "społecznej. Obecnie zatrudnia 56 osób, w tym 40 osób z orzeczeniem o niepełnosprawności. "
        "Dyrektorką zakładu jest Anna Żmuda. W 2023 r. przychody zakładu ze sprzedaży usług "
        "wyniosły 2,8 mln zł, co pozwala pokrywać coraz większą część kosztów z własnych "
        "środków.",
    ),
    (
        "p",
        "„Nie chcemy, żeby ktoś zamawiał u nas obiady z litości. Mamy certyfikaty, mamy "
        "dietetyka i ceny porównywalne z firmami z Wrocławia” – mówi dyrektorka Anna Żmuda. "
        "Uczestnicy obejrzeli kuchnię, magazyny oraz stanowiska pakowania posiłków.",
    ),
    (
        "p",
        "Po południu grupa pojechała do Wałbrzycha. Kolejnym punktem wizyty była Fundacja "
        "„Wrzos”. Zajmuje się zbiórką i renowacją używanych mebli, które następnie sprzedaje "
        "w sklepie społecznym lub przekazuje rodzinom w trudnej sytuacji. Fundacja powstała w "
        "2012 r. z inicjatywy pracowników socjalnych i wolontariuszy. Obecnie zatrudnia 15 osób, "
        "głównie byłych uczestników centrum integracji społecznej. Prezeską fundacji jest "
        "Iwona Szulc. W 2022 r. fundacja otrzymała 180 tys. zł dotacji na utworzenie pracowni "
        "tapicerskiej.",
    ),
    (
        "p",
        "Uczestnicy zwrócili uwagę na to, że fundacja prowadzi także program odbioru mebli "
        "z mieszkań komunalnych, zlecony przez miejską spółkę zarządzającą zasobem "
        "mieszkaniowym. Dzięki temu meble, które wcześniej trafiały na składowisko, wracają do "
        "użytku.",
    ),
    (
        "p",
        "Wieczorem uczestnicy spotkali się z przedstawicielami wałbrzyskiego ośrodka "
        "wsparcia ekonomii społecznej, którzy omówili sytuację przedsiębiorstw społecznych w "
        "subregionie wałbrzyskim. Rozmowa dotyczyła m.in. tego, jak przedsiębiorstwa radzą "
        "sobie z rosnącymi kosztami energii i płacy minimalnej oraz jakie formy wsparcia "
        "zwrotnego, na przykład pożyczki, są dostępne dla podmiotów, które chcą się rozwijać.",
    ),
    ("h", "Dzień 2. Jelenia Góra i Kłodzko"),
    (
        "p",
        "Drugiego dnia uczestnicy pojechali w Karkonosze. Kolejnym punktem wizyty była "
        "Spółdzielnia Socjalna „Karkonoska Chata” w Jeleniej Górze. Zajmuje się prowadzeniem "
        "domu gościnnego na 28 miejsc noclegowych oraz organizacją wycieczek z przewodnikiem "
        "po Karkonoszach i Górach Izerskich. Jej założycielami było pięcioro mieszkańców "
        "Jeleniej Góry, w tym dwóch przewodników górskich, którzy stracili pracę w biurze "
        "podróży. Spółdzielnia powstała w 2015 r. Obecnie zatrudnia 10 osób. Prezesem "
        "spółdzielni jest Piotr Zając.",
    ),
    (
        "p",
        "„Turysta, który przyjeżdża do nas w listopadzie, jest dla nas ważniejszy niż ten "
        "lipcowy. Dlatego robimy wycieczki szlakiem kościołów i zamków, także przy złej "
        "pogodzie” – mówi prezes Piotr Zając.",
    ),
    (
        "p",
        "Uczestnicy dowiedzieli się, że spółdzielnia współpracuje ze szkołami z całej Polski, "
        "organizując zielone szkoły i obozy wędrowne, a jesienią i zimą przyjmuje grupy "
        "seniorów z uniwersytetów trzeciego wieku. Dom gościnny mieści się w budynku dawnego "
        "pensjonatu, który spółdzielnia wynajmuje od prywatnego właściciela. Goście z "
        "Wielkopolski pytali o sezonowość przychodów i o to, jak spółdzielnia planuje pracę "
        "członków w miesiącach, w których turystów jest mniej.",
    ),
    (
        "p",
        "Po południu grupa dotarła do Kłodzka. Kolejnym punktem programu była Spółdzielnia "
        "Socjalna Osób Prawnych „Twierdza”. Jej założycielami byli Gmina Miejska Kłodzko i "
        "Powiat Kłodzki. Spółdzielnia została zarejestrowana w 2020 r. Zajmuje się remontami "
        "i sprzątaniem budynków komunalnych oraz opieką nad terenami zielonymi wokół szkół "
        "powiatowych. Obecnie zatrudnia 18 osób. Prezesem jest Jarosław Pietrzak.",
    ),
    (
        "p",
        "Przedstawicielka starostwa opowiedziała o stosowaniu klauzul społecznych. W 2023 r. "
        "Powiat Kłodzki udzielił zamówienia zastrzeżonego na sprzątanie budynków starostwa i "
        "szkół ponadpodstawowych, a spółdzielnia zawarła umowę o wartości 640 tys. zł na dwa "
        "lata. Zamówienie zastrzeżono dla wykonawców, u których co najmniej 30% zatrudnionych "
        "stanowią osoby z niepełnosprawnościami, bezrobotne lub zagrożone wykluczeniem "
        "społecznym.",
    ),
    ("h", "Dzień 3. Bystrzyca Kłodzka"),
    (
        "p",
        "Ostatniego dnia uczestnicy odwiedzili Warsztat Terapii Zajęciowej w Bystrzycy "
        "Kłodzkiej. Prowadzi go Stowarzyszenie Pomocy Osobom Niepełnosprawnym „Szansa”. "
        "Warsztat obejmuje rehabilitacją społeczną i zawodową 30 uczestników, którzy pracują "
        "w sześciu pracowniach: stolarskiej, ceramicznej, krawieckiej, kulinarnej, "
        "komputerowej i ogrodniczej. Kierowniczką warsztatu jest Małgorzata Hejna. Wyroby "
        "uczestników sprzedawane są na kiermaszach w Bystrzycy Kłodzkiej i Kłodzku, a dochód "
        "przeznaczany jest na wycieczki integracyjne.",
    ),
    (
        "p",
        "Kierowniczka podkreśliła, że warsztat współpracuje z lokalnymi przedsiębiorcami, u "
        "których uczestnicy odbywają praktyki, a najlepiej przygotowani mogą przejść do "
        "zakładu aktywności zawodowej lub na otwarty rynek pracy.",
    ),
    ("h", "Wnioski"),
    (
        "p",
        "Uczestnicy uznali za najbardziej inspirujące przykłady spółdzielni socjalnej osób "
        "prawnych w Kłodzku i zamówienia zastrzeżonego udzielonego przez powiat. Przedstawiciele "
        "gminy Pleszew zapowiedzieli przygotowanie analizy możliwości utworzenia podobnej "
        "spółdzielni, a starostwo w Ostrzeszowie rozważa zastosowanie klauzul społecznych w "
        "zamówieniu na utrzymanie zieleni. OWES Subregionu Kaliskiego zaoferuje zainteresowanym "
        "samorządom bezpłatne doradztwo prawne.",
    ),
    (
        "p",
        "W ankietach ewaluacyjnych uczestnicy wysoko ocenili organizację wyjazdu i dobór "
        "odwiedzanych miejsc. Jako słabszą stronę wskazywali zbyt mało czasu na rozmowy z "
        "pracownikami podmiotów, dlatego przy kolejnych wizytach OWES planuje wydłużyć "
        "spotkania i ograniczyć ich liczbę do czterech dziennie. Kolejna wizyta studyjna "
        "zaplanowana jest na jesień i obejmie przedsiębiorstwa społeczne działające w "
        "turystyce wiejskiej.",
    ),
]


def main() -> None:
    corpus = HERE / "corpus"
    build(corpus / "2020" / "sprawozdanie-owes-tarnow-wizyta-lubelskie.pdf", TARNOW_META, TARNOW)
    build(corpus / "2024" / "sprawozdanie-owes-kalisz-wizyta-dolnoslaskie.pdf", KALISZ_META, KALISZ)


if __name__ == "__main__":
    main()
