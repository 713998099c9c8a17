"""Generate the two PDF reports of the heldout2 corpus.

Run:  /work/main/.venv/bin/python bench/heldout2/make_pdfs.py
(needs fpdf2 and the DejaVuSans font). Writes into bench/heldout2/corpus/.

The reports are typeset the way print reports are: lines are broken by hand
(explicit "word-" + newline hyphenation), each line is written with its own
multi_cell, and every page carries a running header and footer. The plain,
unhyphenated source text of each report is kept in REPORTS (blocks), which is
what answer phrases in questions.jsonl are checked against.
"""
from pathlib import Path

from fpdf import FPDF

HERE = Path(__file__).resolve().parent
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"

VOWELS = set("aąeęioóuyAĄEĘIOÓUY")
DIGRAPHS = {"ch", "cz", "dz", "dź", "dż", "rz", "sz"}

# Block kinds: ("title", text), ("meta", text), ("h", text), ("p", text)
REPORTS = {
    "2021/raport-wizyta-studyjna-rops-zielona-gora-wielkopolska": {
        "header": "Raport z wizyty studyjnej | ROPS w Zielonej Górze",
        "footer": "Projekt „Lubuska Koordynacja Ekonomii Społecznej” współfinansowany ze środków Unii Europejskiej w ramach Europejskiego Funduszu Społecznego",
        "doc_title": "Raport z wizyty studyjnej – województwo wielkopolskie, 13–15 października 2021 r.",
        "blocks": [
            ("meta", "Regionalny Ośrodek Polityki Społecznej w Zielonej Górze"),
            ("title", "RAPORT Z WIZYTY STUDYJNEJ"),
            ("title", "Podmioty ekonomii społecznej w województwie wielkopolskim"),
            ("meta", "Termin wizyty: 13–15 października 2021 r. | Opracowanie: Zespół ds. Ekonomii Społecznej ROPS | Zielona Góra, listopad 2021 r."),
            ("h", "1. Informacje ogólne"),
            ("p", "Wizyta studyjna została zorganizowana przez Regionalny Ośrodek Polityki Społecznej w Zielonej Górze w ramach projektu „Lubuska Koordynacja Ekonomii Społecznej”, realizowanego ze środków Europejskiego Funduszu Społecznego w ramach Regionalnego Programu Operacyjnego – Lubuskie 2020. W wyjeździe wzięło udział 20 osób: przedstawiciele jednostek samorządu terytorialnego, ośrodków pomocy społecznej, powiatowych urzędów pracy oraz podmiotów ekonomii społecznej z województwa lubuskiego. Celem wizyty było zapoznanie uczestników z przykładami przedsiębiorstw społecznych, które skutecznie łączą działalność gospodarczą z reintegracją społeczną i zawodową swoich pracowników, a także z formami ich współpracy z samorządami."),
            ("p", "Program obejmował cztery podmioty: Spółdzielnię Socjalną „Prosna” w Kaliszu, Fundację „Pracownia Możliwości” w Lesznie, Centrum Integracji Społecznej w Wągrowcu oraz Spółdzielnię Socjalną „Chodzieska Kuchnia” w Chodzieży. Przejazdy między miejscowościami odbywały się autokarem, a noclegi zapewniono w Kaliszu i Wągrowcu."),
            ("h", "2. Spółdzielnia Socjalna „Prosna” w Kaliszu"),
            ("p", "Pierwszym punktem programu była Spółdzielnia Socjalna „Prosna” w Kaliszu. Zajmuje się profesjonalnym sprzątaniem biur, klatek schodowych i terenów wokół budynków, a od 2019 r. także myciem okien na wysokościach. Założycielami spółdzielni było w 2016 r. pięć osób, które wcześniej ukończyły program reintegracji w kaliskim centrum integracji społecznej. Obecnie spółdzielnia zatrudnia 16 osób, w tym cztery osoby z niepełnosprawnościami. W 2020 r. jej przychody wyniosły 1,1 mln zł."),
            ("p", "Prezes spółdzielni Krzysztof Adamczyk opowiadał, że najważniejszym klientem jest Kaliskie Towarzystwo Budownictwa Społecznego, dla którego „Prosna” sprząta 38 budynków mieszkalnych. – Wygraliśmy ten kontrakt nie dlatego, że jesteśmy spółdzielnią socjalną, tylko dlatego, że mieliśmy najlepszą ofertę i dobre referencje – podkreślał. Spółdzielnia planuje zakup specjalistycznej maszyny do czyszczenia posadzek przemysłowych, która pozwoli jej wejść na rynek obsługi hal magazynowych."),
            ("h", "3. Fundacja „Pracownia Możliwości” w Lesznie"),
            ("p", "Drugiego dnia uczestnicy odwiedzili Fundację „Pracownia Możliwości” w Lesznie. Fundacja prowadzi zakład aktywności zawodowej, w którym działają introligatornia i drukarnia cyfrowa. Założyli ją w 2008 r. Agnieszka i Tomasz Kraszewscy, rodzice syna z mózgowym porażeniem dziecięcym. W ZAZ pracuje 26 osób z niepełnosprawnościami oraz ośmioro pracowników kadry. Zakład drukuje m.in. kalendarze, zaproszenia i materiały promocyjne dla urzędów gmin z powiatu leszczyńskiego."),
            ("p", "Zakład mieści się w wyremontowanym budynku dawnej przędzalni przy ul. Fabrycznej. Przebudowa budynku i dostosowanie go do potrzeb osób z niepełnosprawnościami kosztowały 1,2 mln zł, które fundacja pozyskała z Wielkopolskiego Regionalnego Programu Operacyjnego. – Chcieliśmy, żeby to był prawdziwy zakład pracy, a nie kolejna świetlica. Nasi pracownicy sami liczą nakład i pilnują terminów – mówiła Agnieszka Kraszewska."),
            ("h", "4. Centrum Integracji Społecznej w Wągrowcu"),
            ("p", "Kolejnym punktem wizyty było Centrum Integracji Społecznej w Wągrowcu. Prowadzi je Stowarzyszenie „Wągrowiecki Start”, a w zajęciach uczestniczy jednocześnie 40 osób. Uczestnicy mogą wybrać warsztat stolarski lub gastronomiczny. Warsztat stolarski wykonuje ławki parkowe, budki lęgowe i karmniki, które kupują gminy z powiatu wągrowieckiego oraz okoliczne nadleśnictwa. W 2020 r. 14 absolwentów CIS podjęło zatrudnienie, a dwóch założyło własną działalność gospodarczą."),
            ("p", "Kierowniczka centrum Ewa Szymańska zwracała uwagę, że CIS ściśle współpracuje z Powiatowym Urzędem Pracy w Wągrowcu, który po zakończeniu programu kieruje absolwentów na staże i do zatrudnienia wspieranego u lokalnych pracodawców."),
            ("h", "5. Spółdzielnia Socjalna „Chodzieska Kuchnia” w Chodzieży"),
            ("p", "Ostatniego dnia grupa odwiedziła Spółdzielnię Socjalną „Chodzieska Kuchnia”. Jest to spółdzielnia socjalna osób prawnych, którą w 2019 r. założyły Gmina Miejska Chodzież i Powiat Chodzieski. Spółdzielnia przygotowuje posiłki dla Domu Pomocy Społecznej w Chodzieży oraz dla czterech szkół, łącznie ok. 450 posiłków dziennie. Zatrudnia 11 osób, w tym kucharki skierowane przez ośrodek pomocy społecznej. – Samorząd zyskał stabilnego dostawcę posiłków, a jednocześnie miejsca pracy dla osób, które wcześniej były klientami pomocy społecznej – mówił członek zarządu powiatu Zdzisław Nowak."),
            ("p", "Zdzisław Nowak wyjaśnił również, jak przebiegało tworzenie spółdzielni. Najpierw rada miejska i rada powiatu podjęły uchwały o przystąpieniu do spółdzielni socjalnej, następnie oba samorządy wniosły do niej wkład w postaci wyposażenia dawnej stołówki szkolnej, a ośrodek wsparcia ekonomii społecznej w Pile przygotował biznesplan i przeprowadził rekrutację pierwszych pracowników. Cały proces, od pierwszego spotkania do wpisu do Krajowego Rejestru Sądowego, trwał około dziewięciu miesięcy. Uczestnicy z województwa lubuskiego dopytywali przede wszystkim o to, jak samorządy rozliczają się ze spółdzielnią i czy zlecenie jej usług wymagało przeprowadzenia przetargu."),
            ("h", "6. Wnioski i rekomendacje"),
            ("p", "Na podstawie wizyty sformułowano następujące rekomendacje dla samorządów województwa lubuskiego:"),
            ("p", "1) tworzenie spółdzielni socjalnych osób prawnych z udziałem gmin i powiatów tam, gdzie samorząd ma stałe zapotrzebowanie na usługi, takie jak żywienie, sprzątanie czy utrzymanie zieleni;"),
            ("p", "2) włączanie absolwentów centrów integracji społecznej w zakładanie nowych spółdzielni socjalnych, tak jak miało to miejsce w Kaliszu;"),
            ("p", "3) korzystanie ze środków regionalnych programów operacyjnych na dostosowanie budynków dla zakładów aktywności zawodowej."),
            ("p", "W ankiecie ewaluacyjnej 18 z 20 uczestników oceniło wizytę jako bardzo dobrą lub dobrą. Uczestnicy wskazywali, że chcieliby poznać także przykłady z regionów o podobnej do lubuskiego strukturze osadniczej. Kolejna wizyta studyjna ROPS w Zielonej Górze zaplanowana jest na maj 2022 r. i obejmie podmioty ekonomii społecznej w województwie dolnośląskim."),
            ("meta", "Opracowała: Beata Jankowiak, ROPS w Zielonej Górze"),
        ],
    },
    "2023/raport-wizyta-studyjna-rops-lublin-pomorze": {
        "header": "Raport z wizyty studyjnej | ROPS w Lublinie",
        "footer": "Projekt współfinansowany ze środków Unii Europejskiej w ramach Europejskiego Funduszu Społecznego Plus, program Fundusze Europejskie dla Lubelskiego 2021–2027",
        "doc_title": "Raport z wizyty studyjnej – województwo pomorskie, 19–21 września 2023 r.",
        "blocks": [
            ("meta", "Regionalny Ośrodek Polityki Społecznej w Lublinie | Wydział Ekonomii Społecznej"),
            ("title", "RAPORT Z WIZYTY STUDYJNEJ"),
            ("title", "Dobre praktyki ekonomii społecznej na Pomorzu"),
            ("meta", "Termin: 19–21 września 2023 r. | Miejsca: Kościerzyna, Lębork, Ustka, Kwidzyn"),
            ("h", "Wprowadzenie"),
            ("p", "W dniach 19–21 września 2023 r. Regionalny Ośrodek Polityki Społecznej w Lublinie zorganizował wizytę studyjną do województwa pomorskiego. W wyjeździe wzięło udział 21 osób, w tym pracownicy gminnych ośrodków pomocy społecznej i centrów usług społecznych, przedstawiciele trzech ośrodków wsparcia ekonomii społecznej działających w województwie lubelskim oraz członkowie zarządów spółdzielni socjalnych. Wizyta była realizowana w ramach projektu „Lubelskie Centrum Koordynacji Ekonomii Społecznej”. Przed wyjazdem uczestnicy otrzymali materiały informacyjne o odwiedzanych podmiotach, a po powrocie wypełnili ankietę ewaluacyjną."),
            ("p", "Celem wyjazdu było poznanie przedsiębiorstw społecznych działających w oparciu o lokalne zasoby – tradycję rękodzieła, potencjał turystyczny wybrzeża oraz potrzeby samorządów w zakresie usług. Szczególną uwagę zwrócono na zatrudnianie osób w kryzysie bezdomności oraz osób z niepełnosprawnościami."),
            ("h", "Spółdzielnia Socjalna „Kaszubska Nuta” w Kościerzynie"),
            ("p", "Pierwszym punktem wizyty była Spółdzielnia Socjalna „Kaszubska Nuta” w Kościerzynie. Zajmuje się haftem kaszubskim, szyciem strojów regionalnych dla zespołów folklorystycznych oraz prowadzeniem sklepu z rękodziełem przy kościerskim rynku. Jej założycielkami było w 2017 r. sześć kobiet długo pozostających bez pracy, które wcześniej spotykały się w kole gospodyń wiejskich. Obecnie spółdzielnia zatrudnia osiem osób. W 2021 r. otrzymała nagrodę „Pomorski Gryf Przedsiębiorczości Społecznej” w kategorii produkt regionalny."),
            ("p", "– Haft kaszubski ma siedem kolorów i każdy coś znaczy. Uczymy tego także dzieci w szkołach, bo bez tego tradycja zniknie – mówiła prezes spółdzielni Teresa Labuda. Spółdzielnia prowadzi warsztaty haftu dla szkół i turystów, które stanowią blisko jedną trzecią jej przychodów."),
            ("h", "Stowarzyszenie „Latarnia” w Lęborku"),
            ("p", "Drugim odwiedzonym podmiotem było Stowarzyszenie „Latarnia” w Lęborku. Stowarzyszenie prowadzi warsztat stolarski, w którym powstają meble ogrodowe i drewniane domki do zabawy dla dzieci. Warsztat daje zatrudnienie siedmiu mężczyznom, którzy wyszli z bezdomności. Organizację założył w 2005 r. Henryk Makowski, emerytowany kurator sądowy, który przez wiele lat pracował z osobami opuszczającymi zakłady karne. Meble sprzedawane są głównie przez internet oraz do ośrodków wypoczynkowych na wybrzeżu. W 2022 r. warsztat sprzedał ponad 300 kompletów mebli ogrodowych."),
            ("p", "Stowarzyszenie zapewnia pracownikom warsztatu mieszkania treningowe, a po roku zatrudnienia pomaga im w znalezieniu własnego mieszkania na wynajem. – Najpierw człowiek musi mieć gdzie spać i za co zjeść. Dopiero potem można rozmawiać o terapii i planach na przyszłość – mówił Henryk Makowski, oprowadzając gości po hali warsztatu."),
            ("h", "Spółdzielnia Socjalna „Bałtycka Fala” w Ustce"),
            ("p", "Po południu grupa odwiedziła Spółdzielnię Socjalną „Bałtycka Fala” w Ustce. Spółdzielnia sprząta apartamenty wakacyjne i pokoje gościnne, a także pierze i prasuje pościel dla pensjonatów. Założyło ją w 2020 r. pięcioro uczestników Klubu Integracji Społecznej w Ustce. Zatrudnia dziesięć osób, a w sezonie letnim dodatkowo sześciu pracowników sezonowych. – Zimą szukamy zleceń w szkołach i urzędach, żeby nie zwalniać ludzi po wakacjach – tłumaczył prezes Dariusz Kwiatkowski."),
            ("p", "Spółdzielnia korzysta z pralni urządzonej w dawnej kotłowni miejskiej, którą wydzierżawiła od gminy Ustka na preferencyjnych warunkach. W 2022 r. wyprała w niej ponad 40 ton pościeli i ręczników. Uczestnicy wizyty pytali o sposób rozliczania pracowników sezonowych i o to, jak spółdzielnia radzi sobie z nierównomiernymi przychodami w ciągu roku."),
            ("p", "Wieczorem w Ustce odbyło się spotkanie z przedstawicielką Regionalnego Ośrodka Polityki Społecznej w Gdańsku, która omówiła pomorski system wspierania przedsiębiorstw społecznych, w tym regionalny konkurs dotacyjny dla podmiotów tworzących miejsca pracy dla osób z niepełnosprawnościami. Dyskusja dotyczyła także współpracy OWES z powiatowymi urzędami pracy oraz roli gmin w zlecaniu usług spółdzielniom socjalnym."),
            ("h", "Zakład Aktywności Zawodowej w Kwidzynie"),
            ("p", "Trzeciego dnia uczestnicy wizyty odwiedzili Zakład Aktywności Zawodowej w Kwidzynie. Zakład utworzył w 2019 r. Powiat Kwidzyński. Zatrudnia 34 osoby z niepełnosprawnościami oraz jedenaście osób personelu. Prowadzi ręczną myjnię samochodową oraz catering dla instytucji. Utworzenie zakładu, wraz z budową hali myjni i zakupem wyposażenia kuchni, kosztowało 3,8 mln zł. Myjnia obsługuje ok. 600 samochodów miesięcznie, m.in. pojazdy starostwa powiatowego i miejscowej komendy policji."),
            ("p", "Dyrektorka zakładu Alicja Rogowska podkreślała, że praca w myjni pozwala pracownikom na bezpośredni kontakt z klientami, co wzmacnia ich pewność siebie i samodzielność. Dział cateringu przygotowuje codziennie ok. 250 obiadów dla szkół i Domu Pomocy Społecznej w Kwidzynie. – Nasi pracownicy na początku bali się podejść do klienta. Dziś sami proponują dodatkowe usługi, jak woskowanie czy pranie tapicerki – mówiła dyrektorka."),
            ("p", "Pracownicy zakładu są dowożeni do pracy busem z okolicznych gmin, a w ramach rehabilitacji zawodowej i społecznej korzystają z zajęć z fizjoterapeutą oraz z treningu umiejętności społecznych prowadzonego przez psychologa. Kilka osób po dwóch latach pracy w ZAZ przeszło do zatrudnienia u pracodawców na otwartym rynku pracy, m.in. w miejscowej fabryce papieru."),
            ("h", "Wnioski"),
            ("p", "Uczestnicy wizyty zwrócili uwagę, że wszystkie odwiedzone podmioty opierają swoją działalność na lokalnych zasobach i potrzebach. Na Lubelszczyźnie podobny potencjał mają m.in. rękodzieło ludowe z Janowa Lubelskiego i turystyka na Roztoczu. Rekomendowano wzmocnienie współpracy ośrodków wsparcia ekonomii społecznej z kołami gospodyń wiejskich oraz przygotowanie przez samorządy powiatowe analiz możliwości utworzenia kolejnych zakładów aktywności zawodowej."),
            ("p", "Kolejna wizyta studyjna zaplanowana jest na czerwiec 2024 r. do województwa warmińsko-mazurskiego."),
            ("meta", "Raport opracowali: Marta Piwowarczyk, Andrzej Sulowski"),
        ],
    },
}


def can_break(word: str, i: int) -> bool:
    """Allow a hyphen between word[:i] and word[i:] (simple Polish rules)."""
    if i < 2 or len(word) - i < 3:
        return False
    a, b = word[i - 1], word[i]
    if not (a.isalpha() and b.isalpha()):
        return False
    if (a + b).lower() in DIGRAPHS:
        return False
    left, right = word[:i], word[i:]
    if not any(c in VOWELS for c in left) or not any(c in VOWELS for c in right):
        return False
    # break after a vowel before a consonant followed by a vowel (po-moc),
    # or between two consonants after a vowel (spół-dziel-ni)
    if a in VOWELS and b not in VOWELS and i + 1 < len(word) and word[i + 1] in VOWELS:
        return True
    if a not in VOWELS and b not in VOWELS and i >= 2 and word[i - 2] in VOWELS:
        nxt = word[i:i + 2].lower()
        return word[i + 1] in VOWELS or nxt in DIGRAPHS or word[i + 1:i + 2] in ("r", "l", "z")
    return False


def wrap(pdf: FPDF, text: str, width: float) -> list[str]:
    """Greedy line breaking with hyphenation of the word that does not fit."""
    words = text.split()
    lines, cur = [], ""
    for w in words:
        cand = (cur + " " + w) if cur else w
        if pdf.get_string_width(cand) <= width:
            cur = cand
            continue
        # try to hyphenate w
        placed = False
        core = w.rstrip(".,;:)”")
        for i in range(len(core) - 1, 1, -1):
            if not can_break(core, i):
                continue
            head = core[:i] + "-"
            cand2 = (cur + " " + head) if cur else head
            if pdf.get_string_width(cand2) <= width:
                lines.append(cand2)
                cur = w[i:]
                placed = True
                break
        if not placed:
            if cur:
                lines.append(cur)
            cur = w
    if cur:
        lines.append(cur)
    return lines


class Report(FPDF):
    def __init__(self, header_text: str, footer_text: str):
        super().__init__(format="A4")
        self.header_text = header_text
        self.footer_text = footer_text
        self.add_font("DejaVu", "", FONT)
        self.add_font("DejaVu", "B", FONT_BOLD)
        self.set_margins(22, 24, 22)
        self.set_auto_page_break(True, margin=24)

    def header(self):
        self.set_font("DejaVu", "", 8)
        self.set_text_color(90, 90, 90)
        self.set_y(10)
        self.cell(0, 5, f"{self.header_text} | str. {self.page_no()}", align="R")
        self.set_text_color(0, 0, 0)
        self.set_y(24)

    def footer(self):
        self.set_y(-18)
        self.set_font("DejaVu", "", 7)
        self.set_text_color(90, 90, 90)
        self.multi_cell(0, 3.5, self.footer_text, align="C")
        self.set_text_color(0, 0, 0)


def build(doc_id: str, spec: dict) -> Path:
    pdf = Report(spec["header"], spec["footer"])
    pdf.set_title(spec["doc_title"])
    pdf.set_author(spec["header"].split("|")[-1].strip())
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin - 2 * pdf.c_margin
    for kind, text in spec["blocks"]:
        if kind == "title":
            pdf.set_font("DejaVu", "B", 15)
            pdf.multi_cell(0, 8, text, align="C", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
        elif kind == "meta":
            pdf.set_font("DejaVu", "", 9)
            pdf.multi_cell(0, 5, text, align="C", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
        elif kind == "h":
            pdf.ln(2)
            pdf.set_font("DejaVu", "B", 11.5)
            pdf.multi_cell(0, 6.5, text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
        else:
            pdf.set_font("DejaVu", "", 10.5)
            for line in wrap(pdf, text, width - 1):
                pdf.multi_cell(0, 5.6, line, align="L", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2.2)
    out = HERE / "corpus" / f"{doc_id}.pdf"
    out.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(out))
    return out


def source_text(doc_id: str) -> str:
    """The de-hyphenated text of a report (for checking answer phrases)."""
    spec = REPORTS[doc_id]
    return "\n\n".join(t for _, t in spec["blocks"])


if __name__ == "__main__":
    for doc_id, spec in REPORTS.items():
        p = build(doc_id, spec)
        print(p, p.stat().st_size, "bytes")
