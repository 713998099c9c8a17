"""Question analysis: what is asked (the answer type), about whom (the subject) and what relation
(the predicate). Plain rules over folded words and the project's lemmas; no model, no network.

The answer type decides which token a sentence must carry to answer (a number for "ile", a year
for "kiedy", a name for "kto"); the subject is what every sentence of the right report repeats
anyway; the predicate is what separates the answering sentence from its neighbours.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from .lemmas import Analyzer, split_words
from .normalize import case_stem, fold
from .sentences import YEAR

ANSWER_TYPES = (
    "who",
    "how_many",
    "when",
    "where",
    "name",
    "what_does",
    "definition",
    "how_to",
    "yes_no",
    "list",
    "other",
)
# Types whose answer is one token a sentence either carries or not: checked before answering.
TOKEN_TYPES = frozenset({"who", "how_many", "when", "where", "name"})

# Cues on the folded question, most specific first: the first match decides.
_CUES: list[tuple[str, re.Pattern[str]]] = [
    (t, re.compile(p))
    for t, p in [
        ("list", r"\b(przyklad\w*|examples?|dobre praktyki)\b"),
        ("name", r"\b(jak (sie )?nazyw\w*|jak nazywa\w* sie|nazw[aey]\b|pod jaka nazwa|"
                 r"what is (it|the \w+) called|what is the name|name of)"),
        # "Na czym polega działalność X?" asks what X does, not what "działalność" means.
        ("what_does", r"^na czym polega\w* (dzialalnosc|praca|oferta)\w*\s+\w"),
        ("definition", r"^(co to (jest|sa)|czym (jest|sa)|na czym polega\w*|co oznacza\w*|"
                       r"what (is|are) (an? )?(?!the\b)[\w -]{2,40}$|what does [\w -]+ mean|"
                       r"what (is|are) an? )|\bdefinicj\w*|\bdefinition\b"),
        ("what_does", r"\b(czym (\w+ )?(sie )?(\w+ )?zajm\w*|jakie dzialy|co mozna (tam )?(zalatwic|kupic|zamowic|zrobic)|"
                      r"zakres (uslug|dzialalnosci)|profil dzialalnosci|jak(a|ie|i) (\w+ )?(pomoc|usluge|wsparcie|produkty|zajecia|oferte)\b|"
                      r"^co (\w+ ){1,6}(robi|oferuje|proponuje|zapewnia)\b|z czego (\w+ )?(zyj|utrzymuj|zarabia)\w*|czym (\w+ )?zarabia\w*|dzialalnosc\w*|oferta\b|z czego slyn\w*|jakie (zlecenia|produkty|wyroby)|co (robi\w*|produkuj\w*|oferuj\w*|wytwarza\w*|"
                      r"sprzedaj\w*|prowadz\w*|wykonuj\w*|szyj\w*|piecz\w*|uprawia\w*)|"
                      r"jaka dzialalnosc\w*|jakie uslugi|jaki profil|"
                      r"what (does|do|did) .+ (do|make|produce|offer|sell|run)\b|"
                      r"what (services|products|goods|activities|(kind|type) of (business|work|activity|services|products)) (does|do|did)|"
                      r"\bengaged in\b|\bspeciali[sz]es? in\b)"),
        ("how_many", r"\b(ile\b|ilu\b|ilom\w*|(w )?jakiej wysokosci|revenue\w*|turnover|income|rocznie|miesiecznie|dziennie|tygodniowo|jak(ie|i) (\w+ )?(przychod|obrot|zysk|zarob|dochod)\w*|skutecznosc\w*|odsetek|procent\w*|ilo[sc]\w*|liczb[aeyi]\w*|jak wiele|jak duz\w*|jaka kwot\w*|"
                     r"jak[aiey]e? ((jest|byla|byl|bylo|sa|byly) )?(nagrod\w* pieniezn\w*|kwot\w*|dotacj\w*|dofinansowani\w*|powierzchni\w*|"
                     r"wartos\w*|wysokos\w*|budzet\w*|koszt\w*|srodk\w*)|"
                     r"jak(a|iej|ie) (\w+ )?czes(c|ci)\b|what (share|proportion|percentage|fraction)|"
                     r"how (many|much)|number of|what (amount|sum)|"
                     r"what (is|was|are|were) the (\w+ )?(salary|salaries|wages?|pay|price|cost|value|budget)\b)"),
        # "…, kiedy turyści wyjadą": a clause of time, not the question's word.
        ("when", r"\b((?<!, )kiedy|w jakich (dniach|godzinach|porach)|opening hours|what time|godzin\w* otwarcia|w jakich godzinach|termin\w*|rok (zalozenia|powstania|otwarcia)|w (ktorym|jakim) roku|od (kiedy|ktorego roku)|ktorego dnia|"
                 r"w jakim (terminie|miesiacu)|data\b|when\b|what year|which year|since when)"),
        ("where", r"\b(gdzie|przy jakiej ulicy|w jakim (budynku|miejscu|powiecie|wojewodztwie|obiekcie|lokalu|pomieszczeniu)|w jakich (miejscowosciach|miastach|gminach|powiatach)|pod jakim adresem|siedzib\w*|lokalizacj\w*|w jakiej miejscowosci|w (ktorym|jakim) miescie|adres\w*|"
                  r"w (ktorej|jakiej) gminie|where\b|in which (town|city|village))"),
        # Whom something serves is a group of people described, not a name.
        ("other", r"\b(dla kogo|z mysla o kim|do kogo (jest |sa )?skierowan\w*|"
                  r"kto (\w+ ){0,2}(korzysta\w*|skorzysta\w*|stolowa\w*)|who (is it|are they) for)"),
        ("who", r"\b(kto\b|kogo\b|komu\b|przez kogo|z kim|kim (sa|byl|jest)|"
                r"(ktor|jak)(a|e|y|zy|ego|ej|ym|ych|i|ie|iego|iej|im|ich)\s+(\w+\s+)?(organizacj|spoldziel|fundacj|stowarzysz|"
                r"gmin|samorzad|firm|instytucj|podmiot|osob|partner|zaklad|centrum|klub|osrod|"
                r"wojt|burmistrz|starost|marszal|prezydent|urzednik|aktor|artyst|posel|posl|radn|"
                r"minist|dyrektor|prezes|kierowni|wolontariusz|trener|ekspert|patron|ambasador|"
                r"przewodnicz|laureat|"
                r"warsztat|powiat|miast|przedsiebiorstw|ops|cis|kis|zaz|wtz|owes)\w*|"
                r"who\b|whom\b|which (organi[sz]ation|cooperative|foundation|association|"
                r"municipalit|compan|partner|social)|"
                # "Which band won…", "Który zespół zdobył…": the winner is a name.
                r"(which|what) \w+ (won|received|got|was awarded)\b|"
                r"ktor\w* \w+ (wygral|zdobyl|otrzymal|zwyciezyl)\w*)|"
                # Keywords that open with a role ("prezeska Kuźni Smaków Gniezno") ask who.
                r"^(prezes\w*|dyrektor\w*|kierownik\w*|kierowniczk\w*|koordynator\w*|"
                r"zalozyciel\w*|wlasciciel\w*)\b"),
        # "Za jaką usługę ZAZ otrzymał certyfikat?" asks for what, not who, however it goes on.
        ("other", r"^za (jak\w*|co)\b"),
        ("how_to", r"^(jak\b|w jaki sposob|co (trzeba|nalezy|zrobic)|how\b)|"
                   r"\b(jak (mozna|moze|zalozyc|zrobic|uzyskac|zorganizowac|wykorzystac|"
                   r"stworzyc|zaczac|rozpoczac|dac|zapewnic|pomoc)|w jaki sposob|krok po kroku|"
                   r"how (to|can|do|does|did))"),
        # "Do jakiego terminu…" is Polish for "until when", not English "Do…?".
        ("yes_no", r"^(czy|is|are|does|do|did|can|was|were|has|have)\b(?! (jak|ktor|czego|kogo|kiedy)\w*)"),
    ]
]  # fmt: skip

# "Ilu uczestników miał warsztat w pierwszym roku?": today's figure does not answer it.
INITIAL = re.compile(
    r"\b(w pierwsz\w* (roku|miesiac\w*|latach)|na (poczatku|starcie|start)|poczatkowo|"
    r"w momencie (otwarcia|powstania|zalozenia)|przy (otwarciu|zalozeniu)|"
    r"in (its|the) first year|at (the )?(start|launch|opening)|initially)\b"
)
_HOURS = re.compile(r"\b(opening hours|what time|godzin\w*|o ktorej)")
_ADDRESS = re.compile(r"\b(adres\w*|(przy )?(jakiej|ktorej) ulicy|ulic[aey]\b|street|address)")
_PERCENT = re.compile(
    r"\b(skutecznosc\w*|odsetek|odsetka|procent\w*|jaki udzial|share|percent\w*|proportion|"
    r"fraction|jak(a|iej|ie) (\w+ )?czes(c|ci)\b)"
)
_MONEY = re.compile(
    r"\b(kwot\w*|koszt\w*|cen[aeyi]\b|dotacj\w*|dofinansowani\w*|swiadczeni\w*|"
    r"wynagrodzeni\w*|pensj(a|e|i|ach|ami|om)?\b|zarabia\w*|zarobk\w*|placi\w*|oplat\w*|budzet\w*|"
    r"pieniedzy|pieniadze|zlotych|srodk\w* finansow\w*|ile (to )?kosztuj\w*|"
    r"how much (money|did .* cost|does .* cost)|salary|wage|price|cost|grant|subsid\w*|fund(s|ing|ed)?\b|"
    r"\bpay\w*|revenue\w*|przychod\w*|obrot\w*|wynosi\w*|wsparci\w* finansow\w*)"
)
# Words a question is phrased with, never what it is about.
QUESTION_LEMMAS = frozenset(
    ["ile", "ilu", "kto", "kogo", "kiedy", "gdzie", "jaki", "ktory", "czy", "jak", "co", "czym",
     "robic", "zrobic", "byc", "miec", "moc", "obecnie", "dzis", "teraz", "nazwa", "nazywac",
     "how", "many", "much", "what", "which", "who", "when", "where", "does", "did",
     # Cue words of keyword queries: what is asked, not what it is about.
     "siedziba", "adres", "lokalizacja", "ulica", "termin", "data", "definicja", "rocznie"]
)  # fmt: skip

# Relations a question asks about, with the words a report uses for them (folded lemmas and
# stems). A question's predicate is found by any of them; a sentence answers it by any of them.
PREDICATES: dict[str, tuple[str, ...]] = {
    "found": ("zalozyc", "zalozyciel", "zalozenie", "powstac", "powolac", "utworzyc",
              "utworzenie", "zawiazac", "inicjatywa", "inicjator", "zalozona", "found",
              "establish", "create", "set",
              # "zarejestrowana w KRS w 2014 r." dates a start as "powstała" does.
              "zarejestrowac", "rejestracja", "powstanie", "zalozycielka",
              # "wpis do KRS", "wpisano do Krajowego Rejestru Sądowego": a registration.
              "wpis", "wpisac", "wpisany",
              # An idea is a start: "kto wymyślił", "pomysłodawczynią była…".
              "wymyslic", "pomyslodawca", "pomyslodawczyni"),
    "employ": ("zatrudniac", "zatrudnienie", "zatrudnic", "pracownik", "pracowac", "etat",
               "praca", "zatrudniony", "employ", "employee", "staff", "work", "worker", "posada"),
    "cost": ("kosztowac", "koszt", "kwota", "wartosc", "zl", "zloty", "tys", "mln", "budzet",
             "dolozyc", "dokladac", "zaplacic", "placic", "oplata", "cena", "cost", "price", "worth", "sum", "pay",
             "placa",  # simplemma reads "płacą" (they pay) as "płaca"
             "spend", "spent"),
    "receive": ("otrzymac", "dotacja", "dofinansowanie", "grant", "przyznac", "uzyskac", "nadac",
                "pozyskac", "dostac", "srodek", "wsparcie", "receive", "subsidy", "funding",
                "award", "nagroda", "wyroznienie", "laureat",
                # Winning a prize is receiving it: "kto wygrał", "zwyciężyła Spółdzielnia X".
                "wygrac", "wygrana", "zwyciezyc", "zwyciestwo", "zwyciezca", "zdobyc", "win",
                "winner", "won", "odebrac", "wreczyc"),
    "run": ("prowadzic", "zajmowac", "dzialac", "swiadczyc", "oferowac", "produkowac",
            "wytwarzac", "sprzedawac", "wykonywac", "specjalizowac", "run", "operate",
            "provide", "offer", "make", "produce", "wyrabiac", "przetwarzac",
            # "Spółdzielnia robi dżemy" answers; "co robi?" only asks (QUESTION_LEMMAS).
            "robic"),
    "lead": ("prezes", "prezeska", "kierowac", "kierownik", "kierowniczka", "dyrektor",
             "dyrektorka", "szef", "szefowa", "przewodniczacy", "przewodniczaca", "czolo",
             "koordynator", "koordynatorka", "szefowac", "kierowany", "lead", "head", "manage",
             "director", "president", "chair"),
    "revenue": ("przychod", "obrot", "utarg", "revenue", "turnover", "income", "sales"),
    "earn": ("zarabiac", "zarobek", "wynagrodzenie", "pensja", "placa", "stawka", "zarobki",
             "earn", "salary", "wage", "paid"),
    "participate": ("uczestnik", "uczestniczyc", "udzial", "uczestniczka", "podopieczny", "beneficjent",
                    "participant", "attend", "trainee"),
    "serve": ("posilek", "obiad", "klient", "gosc", "odbiorca", "wydawac", "meal", "customer",
              "guest", "serve"),
    "open": ("otworzyc", "otwarcie", "uruchomic", "ruszyc", "rozpoczac", "open", "launch",
             "start"),
    "visit": ("wizyta", "odwiedzic", "zwiedzic", "visit"),
}  # fmt: skip
# English words of the domain with the Polish lemmas a report uses for them: an English question
# then has words a Polish sentence can be checked for.
ENGLISH_GLOSS: dict[str, tuple[str, ...]] = {
    "laundry": ("pralnia", "prac"), "bakery": ("piekarnia",), "bread": ("chleb", "pieczywo"),
    "loaf": ("bochenek",), "loave": ("bochenek",), "cafe": ("kawiarnia",),
    "café": ("kawiarnia",), "restaurant": ("restauracja",), "meal": ("posilek", "obiad"),
    "lunch": ("obiad", "posilek"), "dinner": ("obiad",), "cinema": ("kino",),
    "hotel": ("hotel",), "bed": ("lozko", "miejsce", "nocleg"), "hostel": ("hostel",),
    "furniture": ("mebel",), "bike": ("rower",), "bicycle": ("rower",), "theatre": ("teatr",),
    "theater": ("teatr",), "play": ("spektakl",), "premiere": ("premiera",),
    "audience": ("widz",), "spectator": ("widz",), "course": ("kurs", "szkolenie"),
    "training": ("szkolenie", "kurs"), "participant": ("uczestnik",), "member": ("czlonek",),
    "graduate": ("absolwent",), "job": ("praca", "zatrudnienie"), "revenue": ("przychod",),
    "income": ("przychod", "dochod"), "sales": ("sprzedaz", "przychod"), "grant": ("dotacja",),
    "subsidy": ("dotacja", "dofinansowanie"), "fund": ("srodek", "fundusz", "finansowac"),
    "finance": ("finansowac", "srodek"), "contract": ("umowa", "zamowienie"),
    "tender": ("przetarg", "zamowienie"), "procurement": ("zamowienie",),
    "clause": ("klauzula",), "cleaning": ("sprzatanie",), "clean": ("sprzatac",),
    "snow": ("snieg", "odsniezanie"), "garden": ("ogrod",), "green": ("zielen",),
    "school": ("szkola",), "kindergarten": ("przedszkole",), "child": ("dziecko",),
    "senior": ("senior",), "elderly": ("senior", "starszy"), "care": ("opieka", "opiekunczy"),
    "homeless": ("bezdomny", "bezdomnosc"), "disability": ("niepelnosprawnosc",),
    "disabled": ("niepelnosprawny",), "woman": ("kobieta",), "mother": ("matka", "mama"),
    "village": ("wioska", "wies"), "honey": ("miod",), "bee": ("pszczola",),
    "boat": ("lodz",), "sail": ("zagiel",), "bag": ("torba",), "ceramic": ("ceramika",),
    "transport": ("transport", "przewoz"), "bus": ("bus", "autobus"), "passenger": ("pasazer",),
    "price": ("cena", "koszt"), "hour": ("godzina",), "open": ("czynny", "otwarty"),
    "visit": ("wizyta", "odwiedzic"), "award": ("nagroda",), "prize": ("nagroda",),
    # Events reports tell of: "the gala was held in…", "the band won the Grand Prix".
    "gala": ("gala",), "ceremony": ("uroczystosc", "gala"), "hold": ("odbyc",),
    "festival": ("festiwal",), "fair": ("jarmark", "targi", "kiermasz"), "concert": ("koncert",),
    "event": ("wydarzenie", "impreza"), "band": ("zespol",), "jury": ("jury", "kapitula"),
    "workshop": ("warsztat", "pracownia"), "apartment": ("mieszkanie",),
    "flat": ("mieszkanie",), "shop": ("sklep",), "store": ("sklep",), "print": ("druk",),
    "graphic": ("grafika",), "website": ("strona",), "pool": ("plywalnia", "basen"),
    "swimming": ("plywalnia", "basen"), "year": ("rok",), "founder": ("zalozyciel",),
    "employee": ("pracownik", "zatrudniony"), "worker": ("pracownik",), "staff": ("pracownik",),
    "people": ("osoba",), "person": ("osoba",), "volunteer": ("wolontariusz",),
    "client": ("klient",), "customer": ("klient",), "service": ("usluga",),
    "product": ("produkt", "wyrob"), "craft": ("rekodzielo",), "handicraft": ("rekodzielo",),
    "lace": ("koronka",), "pottery": ("ceramika",), "carpentry": ("stolarnia", "stolarski"),
    "sewing": ("szycie", "szyc"), "catering": ("catering",), "kitchen": ("kuchnia",),
    "canteen": ("stolowka",), "bar": ("bar",), "tourism": ("turystyka",),
    "tourist": ("turysta",), "guesthouse": ("pensjonat",), "accommodation": ("nocleg",),
    "farm": ("gospodarstwo",), "vegetable": ("warzywo",), "fruit": ("owoc",),
    "juice": ("sok",), "printing": ("drukarnia", "druk"), "repair": ("naprawa", "naprawiac"),
    "renovation": ("remont", "renowacja"), "construction": ("budowlany", "budowa"),
    "maintenance": ("utrzymanie",), "building": ("budynek",), "hall": ("hala",),
    "area": ("powierzchnia",), "turnover": ("obrot",), "profit": ("zysk",),
    "competition": ("konkurs",), "value": ("wartosc",), "month": ("miesiac",),
    "day": ("dzien",), "week": ("tydzien",), "opening": ("otwarcie",),
    "performance": ("spektakl",), "youth": ("mlodziez",), "unemployed": ("bezrobotny",),
    "prisoner": ("wiezien",), "addiction": ("uzaleznienie",), "foster": ("piecza", "zastepczy"),
    "ton": ("tona",), "tonne": ("tona",), "kilometre": ("kilometr",), "kilometer": ("kilometr",),
    "room": ("pokoj",), "seat": ("miejsce",), "place": ("miejsce",), "line": ("linia",),
    "route": ("trasa", "linia"), "study": ("studyjny",), "trip": ("wyjazd",),
    "municipality": ("gmina",), "county": ("powiat",), "city": ("miasto",),
    "mayor": ("burmistrz", "prezydent", "wojt"), "president": ("prezes", "prezeska"),
    "head": ("prezes", "prezeska", "kierownik", "dyrektor"), "manager": ("kierownik",),
    "director": ("dyrektor",), "chair": ("prezes", "prezeska"),
    "social": ("spoleczny",), "integration": ("integracja",), "club": ("klub",),
    "cooperative": ("spoldzielnia",), "centre": ("centrum",), "center": ("centrum",),
    "activity": ("aktywnosc", "dzialalnosc"), "vocational": ("zawodowy",),
    "therapy": ("terapia",), "occupational": ("zajeciowy",), "enterprise": ("przedsiebiorstwo",),
    "economy": ("ekonomia",), "foundation": ("fundacja",), "association": ("stowarzyszenie",),
    "benefit": ("swiadczenie",), "reserved": ("zastrzezony",), "status": ("status",),
    "legal": ("prawny",), "entity": ("osoba", "podmiot"), "founded": ("zalozyc", "powstac"),
}  # fmt: skip
# A relation that describes the organisation rather than asks: "założona przez opiekunki",
# "otwartym przez fundację", "szwaczki, które założyły firmę" (up to the next comma).
_DESCRIBING = re.compile(
    r"(\w+(?:on|t)(?:a|y|e|ych|ym|ymi|ej|ego|ą|i)\s+przez\b"
    r"|\b(?:któr|ktor)\w*\s+[^,?!.]*)",
    re.IGNORECASE,
)
POINTED_PREDICATES = frozenset({"found", "cost", "receive", "lead", "earn", "revenue"})
_PREDICATE_OF: dict[str, str] = {w: key for key, words in PREDICATES.items() for w in words}
_PREDICATE_STEM: dict[str, str] = {
    w[:5]: key for key, words in PREDICATES.items() for w in words if len(w) >= 6
}
# Words whose first five letters are a relation's, yet name none: "przetarg" is no
# "przetwarzać", "przewóz" no "przewodniczący", "sprzęt" no "sprzedawać".
NO_RELATION = frozenset(
    {"przetarg", "przewoz", "przewozic", "przewodnik", "sprzet", "operacyjny", "rozporzadzenie",
     "wydawnictwo", "dzialka", "specjalny", "specjalistyczny", "przycinac", "przyzwoity",
     "produkt", "srodowisko", "srodowiskowy", "pensjonat", "pensjonariusz", "prezentacja",
     "prezentowac", "zaprezentowac", "prezent", "przewidziec", "przewidywac", "przewidziany",
     "nagrobny", "nagrobek", "inicjatywny", "zaplanowac", "zaplanowany", "planowac",
     "koordynacja"}
)  # fmt: skip


def relation_words(term: str) -> tuple[str, ...]:
    """Every word a report may use for the relation ``term`` names ("otwarcie": "otworzyć",
    "uruchomić"…), or () when it names none."""
    key = _PREDICATE_OF.get(term) or _PREDICATE_STEM.get(term[:5] if len(term) >= 6 else "")
    return PREDICATES.get(key, ()) if key else ()

# Words that say which kind of organisation, not which one: they never identify a subject.
GENERIC = frozenset(
    fold(w)
    for w in [
        "spółdzielnia", "socjalny", "spółdzielczy", "fundacja", "stowarzyszenie", "centrum",
        "integracja", "społeczny", "klub", "zakład", "aktywność", "zawodowy", "warsztat",
        "terapia", "zajęciowy", "ośrodek", "wsparcie", "ekonomia", "organizacja", "gmina",
        "powiat", "miasto", "osoba", "prawny", "podmiot", "przedsiębiorstwo", "raport",
        "wizyta", "studyjny", "cis", "kis", "zaz", "wtz", "owes", "ops", "rops", "obecnie",
        "dziś", "teraz", "rok", "socjalna", "spółdzielnie", "społeczna", "the", "social", "cooperative", "centre", "center",
        "foundation", "association", "organisation", "organization", "in", "of",
    ]
)  # fmt: skip
_ORG_HEAD = re.compile(
    r"\b(spoldziel\w*|fundacj\w*|stowarzysz\w*|centr\w* integracji\w*|klub\w* integracji\w*|"
    r"zaklad\w* aktywnosci\w*|warsztat\w* terapii\w*|cis|kis|zaz|wtz|owes)\b"
)
# Words that belong to an organisation's kind, not its name: "Spółdzielnia Socjalna Osób Prawnych".
_HEAD_TAIL = frozenset(
    ["socjalna", "socjalnej", "socjalnych", "socjalne", "osob", "prawnych", "integracji",
     "spolecznej", "aktywnosci", "zawodowej", "terapii", "zajeciowej", "wsparcia", "ekonomii"]
)  # fmt: skip
_QUESTION_TAIL = frozenset(["nazwa", "prowadzi", "zatrudnia", "ile", "kiedy", "gdzie", "kto"])
# "Jak założyć…?", "krok po kroku", "how do I…": the steps, not someone's example, are asked.
_PROCEDURAL = re.compile(
    r"^(jak|w jaki sposob)( mozna| nalezy| trzeba| sie)? (zalozyc|zarejestrowac|utworzyc|"
    r"powolac|zalozenie|uzyskac|otrzymac|zdobyc|zlozyc|zglosic|rozliczyc|przeksztalcic|"
    r"zlikwidowac|wpisac|zostac)\b|krok po kroku|jakie dokumenty|co (trzeba|nalezy) zrobic|"
    r"^how (do i|to|can i|should i|does one) (register|set up|found|establish|apply|start)"
)
_ORG_WORD = re.compile(r"spoldziel\w*|fundacj\w*|stowarzysz\w*|cis|kis|zaz|wtz|owes")
_ORG_PAIR = re.compile(
    r"(centr\w* integracji|klub\w* integracji|zaklad\w* aktywnosci|warsztat\w* terapii)\b"
)
_PROPER_WORD = re.compile(r"(?<=[\w,;:]\s)[A-ZĄĆĘŁŃÓŚŹŻ][a-ząćęłńóśźż]{2,}(?:-[A-ZĄĆĘŁŃÓŚŹŻ]\w+)?")
_REGION_WORD = re.compile(
    r"^(dolnoslask|kujawsko|lubelsk|lubusk|lodzk|malopolsk|mazowieck|opolsk|podkarpack|"
    r"podlask|pomorsk|slask|swietokrzysk|warminsko|wielkopolsk|zachodniopomorsk)\w*$"
)
_NOT_CONSTRAINTS = frozenset(
    ["spoldzielnia", "spoldzielni", "spoldzielnie", "spoldzielnia", "socjalna", "socjalnej",
     "socjalnych", "socjalne", "fundacja", "fundacji", "stowarzyszenie", "stowarzyszenia",
     "stowarzyszeniu", "centrum", "integracji", "spolecznej", "klub", "klubu", "zaklad",
     "zakladu", "aktywnosci", "zawodowej", "warsztat", "warsztatu", "terapii", "zajeciowej",
     "osob", "prawnych", "gmina", "gminy", "powiat", "powiatu", "miasto", "miasta",
     "regionalny", "regionalnego", "osrodek", "osrodka", "polityki", "wsparcia", "ekonomii"]
)  # fmt: skip
_QUOTED = re.compile(r"[„\"»“]([^”\"«“]{2,60})[”\"«“]")
# English capitalises months and days; they name no one ("visited in September 2013").
_CALENDAR = frozenset(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
     "saturday", "sunday"]
)  # fmt: skip
_PROPER = re.compile(r"(?<!^)(?<![.?!]\s)\b([A-ZĄĆĘŁŃÓŚŹŻ][\w-]+(?:\s+[A-ZĄĆĘŁŃÓŚŹŻ][\w-]+)*)")


@dataclass(frozen=True, slots=True)
class QuestionAnalysis:
    question: str
    language: str
    answer_type: str
    subject: str  # the organisation, place or programme named, as typed ("" if none)
    subject_kind: str  # stem of the kind of organisation asked about: "spold", "funda", "zaz"
    subject_terms: frozenset[str]  # its folded lemmas: what the right report repeats
    predicate: str  # a key of PREDICATES, or "" when the question names no known relation
    predicate_terms: frozenset[str]  # the predicate's words plus what the question asks about
    terms: tuple[str, ...]  # every content lemma of the question
    procedural: bool = False  # asks for steps ("jak założyć…?"), not for an example
    money: bool = False  # "ile" about an amount of money: the answer's number has a currency
    counted: frozenset[str] = frozenset()  # lemmas of what "ile" counts: "osoba", "posilek"…
    percent: bool = False  # a share: the answer's number is a percentage
    address: bool = False  # a street address is asked for, not the town
    defined: tuple[str, ...] = ()  # lemmas of what a definition question asks about, in order
    initial: bool = False  # asks about the start ("w pierwszym roku"), not about today
    hours: bool = False  # asks for opening hours: the answer is a time of day, not a date
    role: str = ""  # "Kto był opiekunem grupy?": the role a person is asked for, "opiekun"
    # Words of a foreign question typed in Polish ("Who is the wójt of…"): they count as
    # themselves, not through a gloss.
    polish: frozenset[str] = frozenset()

    @property
    def names_organisation(self) -> bool:
        return bool(self.subject_terms) and bool(self.subject_kind)

    @property
    def constraints(self) -> tuple[str, ...]:
        """Names and years the question is bound to ("w Krakowie", "w 2019 r."): a report that
        answers it mentions every one of them."""
        if self.language != "pl":
            return ()
        names = [
            w
            for w in _PROPER_WORD.findall(self.question)
            if fold(w) not in _NOT_CONSTRAINTS and not w.isupper()
        ]
        # "w województwie świętokrzyskim", "w lubuskim konkursie": a region, in lower case.
        regions = [w for w in self.question.split() if _REGION_WORD.match(fold(w).strip("?,.;"))]
        regions = [w.strip("?,.;") for w in regions]
        return (*names, *regions, *(m.group() for m in YEAR.finditer(self.question)))

    @property
    def names_subject(self) -> bool:
        """A subject the question names for sure: an organisation with its name, or quoted."""
        return bool(self.subject_terms) and (
            self.names_organisation or bool(_QUOTED.search(self.question))
        )


def _counted(question: str, analyzer: Analyzer, language: str) -> frozenset[str]:
    """Lemmas of the two words after "ile"/"ilu"/"how many": what a number must count."""
    words = split_words(question)
    out: set[str] = set()
    for i, w in enumerate(words):
        if fold(w) in ("ile", "ilu", "iloma") or (w == "many" and i and words[i - 1] == "how"):
            # English puts more words before the noun: "how many long-term unemployed people"
            # (split_words also gives a compound's parts).
            span = 3 if fold(w) in ("ile", "ilu", "iloma") else 6
            # "Ilu co najmniej pracowników…": what is counted comes after the hedge.
            rest = [x for x in words[i + 1 :] if not _BETWEEN_COUNT.match(fold(x))]
            following = [x for x in rest[: span - 1] if len(x) > 2]
            out |= {analyzer.term(x, language) for x in following}
    if language != "pl":
        out = {g for t in out for g in ENGLISH_GLOSS.get(t, ())}
    return frozenset(out)


# What a definition question asks about runs from its cue to the first dash, comma or
# bracket: "Czym jest zakład aktywności zawodowej – jak wyjaśnia to artykuł…?".
_DEFINIENDUM = re.compile(
    r"(?:co to (?:jest|sa)|czym (?:jest|sa)|na czym polega\w*|co oznacza\w*|definicj\w*|"
    r"what (?:is|are)(?: an?)?|what does|definition of)\s+([^–—,;:?()-]+)"
)


def _defined(question: str, language: str, analyzer: Analyzer) -> tuple[str, ...]:
    m = _DEFINIENDUM.search(fold(" ".join(question.split())))
    if not m:
        return ()
    words = [w for w in question.split() if w]
    phrase = " ".join(words)[m.start(1) : m.end(1)]  # folding keeps offsets: same letters
    terms = [t for t in analyzer.terms(phrase, language) if t not in QUESTION_LEMMAS]
    if language != "pl":
        terms = [g for t in terms for g in ENGLISH_GLOSS.get(t, ())[:1]]
    return tuple(dict.fromkeys(terms))


def _kind_of(question: str) -> str:
    folded = fold(question)
    head = _ORG_HEAD.search(folded)
    if head:
        return head[1][:5]
    english = _ENGLISH_HEAD.search(folded)
    return _ENGLISH_KINDS[english[1]] if english else ""


# The kinds of organisation as English questions name them, with the stem of the Polish kind.
_ENGLISH_KINDS = {
    "cooperative": "spold", "co-operative": "spold", "foundation": "funda",
    "association": "stowa", "integration centre": "centr", "integration center": "centr",
    "integration club": "klub", "vocational activity": "zakla", "activity establishment": "zakla",
    "therapy workshop": "warsz",
}  # fmt: skip
_ENGLISH_HEAD = re.compile(r"\b(" + "|".join(_ENGLISH_KINDS) + r")\b")


def _is_name_term(term: str) -> bool:
    return term not in GENERIC and term not in _PREDICATE_OF and term not in _HEAD_TAIL


def answer_type(question: str) -> str:
    """The cue standing earliest in the question decides ("Jak powiat może zlecić… firmie, która
    zatrudnia…?" asks how, not who); on a tie, the more specific cue."""
    folded = fold(" ".join(question.split())).strip(" ?!.")
    found = [(m.start(), i, kind) for i, (kind, p) in enumerate(_CUES) if (m := p.search(folded))]
    return min(found)[2] if found else "other"


_SET_ASIDE = re.compile(r"\b(?:poza|oprocz|besides|apart from|except|other than)\s+([^,;?]+)")


def asks_money(question: str, predicate: str, counted_noun: str = "") -> bool:
    """``counted_noun``: the lemma of the noun right after "ile" ("" when a verb follows, as in
    "ile kosztowało", or none): "Ile podmiotów nagrodzono za dotacje?" counts organisations."""
    if counted_noun and not _MONEY_NOUN.match(counted_noun):
        return False
    folded = fold(question)
    if _MONEY.search(folded):
        return True
    # "Ilu uczestników dostało pracę?" counts people who received something, not an amount.
    return predicate in ("cost", "receive") and not _PEOPLE_COUNT.search(folded)


# Nouns "ile" asks an amount of money of, folded: "ile pieniędzy", "ile środków", "ile wsparcia".
_MONEY_NOUN = re.compile(
    r"^(pieni|srod|wsparc|dotac|dofinans|kwot|zlot|zl$|grant|budzet|wynagr|pensj|koszt|oplat|"
    r"przych|dochod|obrot|naklad|euro|tysi|milion|mln|tys$|pomoc)"
)
# Words between "ile" and what it counts: "ile łącznie otrzymała", "ile obecnie osób".
_BETWEEN_COUNT = re.compile(
    r"^(lacznie|obecnie|dotychczas|dokladnie|srednio|mniej|wiecej|rocznie|co|najmniej|"
    r"najwyzej|przynajmniej|okolo|ponad|prawie|blisko|teraz|dzis|aktualnie)$"
)


def counted_noun(question: str, analyzer: Analyzer, language: str) -> str:
    """The folded lemma of the noun "ile" counts ("podmiot" in "ile podmiotów"; a noun of
    money as written, "srodkow"; "items" for "how many"); "" when a verb follows ("ile
    kosztowało", "ile otrzymała"), the noun is the subject, or the question does not count."""
    words = split_words(question)
    for i, w in enumerate(words):
        if language == "pl" and fold(w) == "ile":
            following = [x for x in words[i + 1 : i + 3] if not _BETWEEN_COUNT.match(fold(x))]
            if not following:
                return ""
            word = fold(following[0])
            lemma = fold(analyzer.term(following[0], language))
            # A verb in the past ("otrzymała") or present ("kosztuje"), or whose lemma is an
            # infinitive ("wynosi"), asks an amount of what the verb says.
            if _VERB_ENDING.search(word) or lemma.endswith("c"):
                return ""
            if _MONEY_NOUN.match(word):
                return word
            # A noun in its own form is the sentence's subject ("Ile spółdzielnia zapłaciła"),
            # not what is counted, which stands in the genitive ("ile spółdzielni").
            return "" if word == lemma else lemma
        if language != "pl" and fold(w) == "many" and i and fold(words[i - 1]) == "how":
            return "items"
    return ""


_VERB_ENDING = re.compile(r"(l|la|lo|li|ly|uje|uja|ano|ono|eto|ato)$")


_PEOPLE_COUNT = re.compile(
    r"\b(ilu|ile (osob|uczestni|pracowni|absolwen|kobiet|mezczyzn|rodzin|dzieci|mieszkanc|"
    r"senior|podopieczn|beneficjen)\w*|how many (people|persons|participants|women|men))\b"
)


def _relations(terms: Iterable[str]) -> list[str]:
    """The relations (keys of PREDICATES) the terms name, in order; by stem too: "zalozyl"
    typed without diacritics is a form the lemmatiser does not know."""
    return [
        _PREDICATE_OF.get(t) or _PREDICATE_STEM.get(t[:5], "") for t in terms
        if t not in _NAMES_OF_KINDS and t not in QUESTION_LEMMAS and t not in NO_RELATION
        and (t in _PREDICATE_OF or t[:5] in _PREDICATE_STEM)
    ]  # fmt: skip


# English names of kinds of organisation that share a stem with "found" and "establish": "how
# many work at the foundation / the vocational activity establishment" asks about employment.
_NAMES_OF_KINDS = frozenset({"foundation", "establishment"})


def _asked_relation(found: list[str], default: str = "") -> str:
    """"When was the association that runs the workshop founded?": the relation that is the
    point of a question (founding, cost, a grant, who leads) outweighs one that describes."""
    if "receive" in found and "employ" in found:
        return "employ"  # "dostało etat", "zdobyć posadę": a job received is employment
    return next((p for p in found if p in POINTED_PREDICATES), found[0] if found else default)


def analyse(
    question: str, language: str, analyzer: Analyzer, typed_lower: bool | None = None
) -> QuestionAnalysis:
    """Answer type, subject and predicate of one question. ``typed_lower``: the question was
    typed in lower case (and perhaps recased since), so its names cannot be told by case."""
    kind = answer_type(question)
    terms = tuple(analyzer.terms(question, language))
    if typed_lower is None:
        typed_lower = typed_in_lower_case(question)
    subject = _subject_text(question, typed_lower)
    subject_terms = {t for t in analyzer.terms(subject, language) if _is_name_term(t)}
    predicate = _asked_relation(_relations(terms))
    if kind == "what_does":
        # "Jakie usługi świadczy spółdzielnia założona przez opiekunki?": what it does is asked;
        # a relation in a participle or a relative clause only says which organisation.
        described = set(analyzer.terms(" ".join(_DESCRIBING.findall(question)), language))
        predicate = _asked_relation(_relations(t for t in terms if t not in described), "run")
    # A subject found in a question typed all in lower case is a guess: its words stay in focus.
    guessed = subject == subject.lower()
    focus = {
        t
        for t in terms
        if (guessed or t not in subject_terms) and t not in GENERIC and t not in QUESTION_LEMMAS
    }
    # "Jaką pomoc, poza użyczaniem wózków, oferuje…": what is set aside is not asked for.
    aside = " ".join(question[m.start(1) : m.end(1)] for m in _SET_ASIDE.finditer(fold(question)))
    focus -= set(analyzer.terms(aside, language))
    if predicate:
        focus |= set(PREDICATES[predicate])
    return QuestionAnalysis(
        question=question,
        language=language,
        answer_type=kind,
        subject=subject,
        subject_kind=_kind_of(question),
        subject_terms=frozenset(subject_terms),
        predicate=predicate,
        predicate_terms=frozenset(focus),
        terms=terms,
        money=kind == "how_many"
        and asks_money(question, predicate, counted_noun(question, analyzer, language)),
        percent=kind == "how_many" and bool(_PERCENT.search(fold(question))),
        address=kind == "where" and bool(_ADDRESS.search(fold(question))),
        defined=_defined(question, language, analyzer) if kind == "definition" else (),
        initial=bool(INITIAL.search(fold(question))),
        hours=kind == "when" and bool(_HOURS.search(fold(question))),
        role=_role(question, analyzer, language) if kind == "who" else "",
        polish=_polish_terms(question, analyzer) if language != "pl" else frozenset(),
        counted=_counted(question, analyzer, language) if kind == "how_many" else frozenset(),
        procedural=kind in ("how_to", "other") and bool(_PROCEDURAL.search(fold(question))),
    )


# "Kto był opiekunem grupy…", "Kto jest koordynatorką…": the noun after the verb is the role.
_ROLE = re.compile(r"^kto (jest|byl|byla|bylo|byli|byly|bedzie|zostal|zostala|pelni\w*) (\w+)")


# "Who was the president of…": the English noun, read through its Polish glosses.
_ENGLISH_ROLE = re.compile(r"^who (is|was|were|are) (the |a |an )?(\w+) (of|at|in|for)\b")


def _polish_terms(question: str, analyzer: Analyzer) -> frozenset[str]:
    return frozenset(
        analyzer.term(w, "pl") for w in split_words(question) if _DIACRITIC.search(w)
    )


def _role(question: str, analyzer: Analyzer, language: str) -> str:
    if language != "pl":
        english = _ENGLISH_ROLE.match(fold(question).lower())
        if english is None:
            return ""
        word = english.group(3)
        if word in ENGLISH_GLOSS:
            return ENGLISH_GLOSS[word][0]
        lemma = analyzer.term(word, "pl")
        return lemma if lemma in _polish_terms(question, analyzer) else ""
    m = _ROLE.match(fold(question).lower())
    if m is None:
        return ""
    word = question.split()[2]
    lemma = analyzer.term(word.strip("?,.!"), language)
    if len(lemma) < 5 or lemma in GENERIC or lemma in QUESTION_LEMMAS:
        return ""  # "Kto był tam?"
    return lemma


# A question that begins with a capital, ends with "?" and has its diacritics was typed with
# care: no capital after the first letter then means it names nothing, not that names went
# uncapitalised ("Czy placówka … może prowadzić hotel w górach?").
_DIACRITIC = re.compile("[ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]")


def typed_in_lower_case(question: str) -> bool:
    """Nothing but (perhaps) the first letter is capitalised: names cannot be told by case."""
    text = question.strip()
    careful = text[:1].isupper() and text.endswith("?") and bool(_DIACRITIC.search(text))
    return not careful and not any(c.isupper() for c in text[1:])


_WORD = re.compile(r"[^\W\d_]{3,}")
_SENTENCE_START = re.compile(r"(^|[.!?…:]\s+|\n\s*)$")
PROPER_SHARE = 0.6  # of a word's mid-sentence uses capitalised, for it to be read as a name


def _name_key(word: str) -> str:
    # The stem without its case ending bridges inflection ("Latarni"/"latarnia") and keeps
    # apart words that only begin alike ("lata", "Latarnia"); a clash errs towards leaving a
    # word alone.
    return case_stem(fold(word.lower()))


def name_counts(text: str) -> dict[str, tuple[int, int]]:
    """For each word of a report (by :func:`_name_key`): how often it occurs away from a
    sentence start, and how often of those it is capitalised."""
    counts: dict[str, tuple[int, int]] = {}
    for m in _WORD.finditer(text):
        word = m[0]
        if _SENTENCE_START.search(text[max(0, m.start() - 3) : m.start()]):
            continue
        key = _name_key(word)
        seen, capitalised = counts.get(key, (0, 0))
        counts[key] = (seen + 1, capitalised + word[0].isupper())
    return counts


def recase(question: str, reports: Sequence[Mapping[str, tuple[int, int]]]) -> str:
    """A question typed in lower case ("kto prezes morska bryza ustka") with the words that the
    given reports write as names capitalised ("… Morska Bryza Ustka"), inflection and
    diacritics aside, so that its subject and places are found as if typed with care.
    ``reports``: the :func:`name_counts` of the best reports."""
    capitalised: dict[str, int] = {}
    seen: dict[str, int] = {}
    for counts in reports:
        for key, (times, upper) in counts.items():
            seen[key] = seen.get(key, 0) + times
            capitalised[key] = capitalised.get(key, 0) + upper
    out = []
    for i, word in enumerate(question.split()):
        bare = word.strip(',.;:?!„”"()')
        folded = fold(bare.lower())
        key = _name_key(bare)
        common = (
            folded in QUESTION_LEMMAS or folded in GENERIC or folded in _NOT_CONSTRAINTS
            or folded in _PREDICATE_OF or folded[:5] in _PREDICATE_STEM
        )  # fmt: skip
        if (
            i > 0
            and len(bare) >= 3
            and not common
            and capitalised.get(key, 0) >= PROPER_SHARE * seen.get(key, 1)
            and capitalised.get(key, 0) > 0
        ):
            word = word.replace(bare, bare[:1].upper() + bare[1:], 1)
        out.append(word)
    return " ".join(out)


def _subject_text(question: str, typed_lower: bool = False) -> str:
    """A quoted name; else the organisation phrase with the name that follows it ("Spółdzielnia
    Socjalna Przystań w Raciechowicach"); else the proper nouns. An organisation phrase with no
    name in it ("spółdzielnię socjalną") gives way to the proper nouns, which say which one."""
    quoted = _QUOTED.search(question)
    if quoted:
        return quoted[1]
    words = question.strip(" ?!.").split()
    folded = [fold(w).strip(",.;:?!") for w in words]
    pairs = [f"{w} {n}" for w, n in zip(folded, [*folded[1:], ""], strict=True)]
    heads = [i for i, w in enumerate(folded) if _ORG_WORD.fullmatch(w) or _ORG_PAIR.match(pairs[i])]
    proper = " ".join(
        m[1]
        for m in _PROPER.finditer(question.strip())
        if not all(fold(w) in _CALENDAR for w in m[1].split())
    )
    if heads:
        end = _name_end(words, folded, heads[0] + 1, typed_lower)
        phrase = " ".join(words[heads[0] : end]).strip(",.;:")
        named = any(_names(w) for w in folded[heads[0] : end])
        return phrase if named or not proper else proper
    return proper


def _names(folded_word: str) -> bool:
    """Whether a word of an organisation phrase can be part of its name."""
    return (
        len(folded_word) > 2
        and folded_word not in _NOT_CONSTRAINTS
        and folded_word not in _HEAD_TAIL
        and not _ORG_WORD.fullmatch(folded_word)
        and folded_word not in ("w", "we", "z", "ze", "im")
    )


# Words that end a name typed in lower case: "spółdzielnia, która haftuje…", "… i szyje".
_NAME_STOP = re.compile(
    r"ktor\w*|i|oraz|a|czy|co|jak|dla|na|do|od|po|jest|sa|ma|maja|byl\w*|mial\w*|moze|"
    r"obecnie|teraz|dzis|juz|jeszcze|swoj\w*|ich|jej|jego"
)
# "zakład aktywności zawodowej fundacji X", "… prowadzony przez stowarzyszenie X": the
# operator's name tells which one is meant.
_OPERATOR_WORDS = re.compile(r"prowadzon\w*|przez|fundacj\w*|stowarzysz\w*|spoldziel\w*")


def _name_end(words: list[str], folded: list[str], i: int, typed_lower: bool = False) -> int:
    """Where the name after an organisation head ends: capitalised words and "w <Place>" go on;
    in a question typed all in lower case, up to three words."""
    taken = 0
    while i < len(words):
        word = words[i].strip(',.;:?!„”"')
        if words[i - 1].endswith(","):
            break
        if folded[i] in _HEAD_TAIL or (word[:1].isupper() and not typed_lower):
            i += 1
        elif word[:1].isupper() and taken < 3:
            i += 1
            taken += 1
        elif (_OPERATOR_WORDS.fullmatch(folded[i]) or folded[i - 1] == "przez") and any(
            w[:1].isupper() or _OPERATOR_WORDS.fullmatch(f)
            for w, f in zip(words[i + 1 : i + 3], folded[i + 1 : i + 3], strict=True)
        ):
            i += 1  # "prowadzonym przez leszczyńską fundację Pracownia Możliwości"
        elif (
            folded[i] in ("w", "we", "z", "ze", "im", "im.")
            and i + 1 < len(words)
            and (words[i + 1][:1].isupper() or typed_lower)
        ):
            i += 2
        elif (
            typed_lower
            and taken < 3
            and folded[i] not in _QUESTION_TAIL
            and not _NAME_STOP.fullmatch(folded[i])
            and folded[i] not in _PREDICATE_OF
            and folded[i][:5] not in _PREDICATE_STEM
        ):
            i += 1
            taken += 1
            continue
        else:
            break
    return i
