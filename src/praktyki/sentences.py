"""What a report's sentences are, computed once at index time: offsets, the organisation each
sentence is about, whether it can stand alone, and what kind of answer token it carries.

Visit reports name an organisation once ("Kolejnym punktem wizyty była Spółdzielnia Socjalna
Apacze.") and go on about it in pronouns ("Zajmuje się…", "Jej założycielami byli…"), so the
organisation a sentence is about is the last one named at or before it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .chunk import Sentence, split_sentences
from .normalize import fold

# Sentences that open like these lean on the one before: "Jej założycielami byli…".
_LEANING = re.compile(
    r"^(jej|jego|ich|ona|on|oni|one|ono|tam|tu|tutaj|to|ta|ten|te|tego|tej|tych|tym|tę|tą|"
    r"dzięki temu|dzięki niej|dzięki nim|ponadto|poza tym|także|również|natomiast|jednak|"
    r"ale|a|i|oraz|wówczas|wtedy|stąd|dlatego|zatem|z kolei|obie|oba|obydwie|"
    # What follows from, or adds to, the sentence before: "Oznacza to, że…", "Dodatkowo…".
    r"oznacza to|to oznacza|dodatkowo|w ten sposób|w efekcie|w rezultacie|tym samym|"
    r"co więcej|mimo to|przy tym|z tego|(\w+ )?(z|spośród|wśród) nich|"
    r"w niej|w nim|w nich|przy niej|przy nim|do niej|do niego|od niej|od niego|"
    r"spółdzielnia ta|fundacja ta|firma ta|"
    # Its object is what the sentence before named: "Założyły ją w 2018 r. gmina i…".
    r"\w+ (ją|go|je)|"
    # A verb whose subject was named in the sentence before: "Zajmuje się…", "Prowadzi…".
    r"\w+ się|prowadzi|prowadzą|zatrudnia|zatrudniają|oferuje|oferują|produkuje|produkują|"
    r"posiada|posiadają|ma|mają|jest|są|był|była|było|były|został|została|zostało|zostały|"
    r"powstał|powstała|powstało|działa|działają|współpracuje|współpracują|świadczy|świadczą|"
    r"wytwarza|wytwarzają|szyje|szyją|pracuje|pracują|otrzymała|otrzymał|uzyskała|uzyskał)\b",
    re.IGNORECASE,
)
_QUOTE_CLOSE_ONLY = re.compile(r"^[^„“\"]*[”\"]\s*[–—-]")
_NUMBER_WORDS = (
    r"(jed(en|na|no|nego|nej)|dw(a|ie|óch|oje|unastu|udziestu)|trz(y|ech|ej|ynast\w*|ydzie\w*)|"
    r"czter(y|ech|na\w*|dzie\w*)|pię(ć|ciu|tna\w*|ćdzie\w*)|sze(ść|ściu|sna\w*|ść\w*)|"
    r"siedem|siedmiu|siedemna\w*|osiem|ośmiu|osiemna\w*|dziewię(ć|ciu)|dziewięt\w*|"
    r"dziesię(ć|ciu)|kilk(a|u|anaście|anaściorga|adziesiąt|uset)|kilkunast\w*|"
    r"kilkudziesi\w*|sto|stu|dwieście|setk\w*|tysiąc\w*|tysięc\w*|pół|półtora|"
    r"jedena\w*|dwuna\w*|dwana\w*|trzyna\w*|dwadzieści\w*|siedemdzie\w*|osiemdzie\w*|"
    r"dziewięćdzie\w*|(trzy|cztery)sta|(pięć|sześć|siedem|osiem|dziewięć)set|"
    r"kilkoro|kilkanaścioro|dwoje|troje|czworo|pięcioro|sześcioro|siedmioro|ośmioro|"
    r"dziewięcioro|dziesięcioro|"
    # "piątka młodych osób": a group counted by a collective noun (not "w piątek", Friday).
    r"(dwój|trój|czwór|piąt|szóst|siódem|ósem|dziewiąt|dziesiąt)k(a|ę|ą|ce)|"
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|thirty|"
    r"forty|fifty|sixty|seventy|eighty|ninety|hundred|dozen)"
)
_NOT_A_COUNT = (
    r"(?<!nr )(?<!nr\. )(?<!ul\. )(?<!art\. )(?<!ust\. )(?<!pkt )(?<!poz\. )(?<!§ )(?<!s\. )"
)
NUMBER = re.compile(
    _NOT_A_COUNT
    + r"(?<![\w.,])(?!\d{1,2}[.:]\d\d(?!\d))(\d[\d\s.,]*\d|\d)(?!\d)(?![.:,]\d)"
    + r"(?!\s*r\.)(?!\s*roku)"
    + r"(?!\s+(styczni|lut|mar|kwietni|maj|czerw|lip|sierpni|wrze|październik|listopad|grudni))"
    + r"|(?<!\w)"
    + _NUMBER_WORDS
    + r"(?!\w)",
    re.IGNORECASE,
)
# A count inside an adjective: "czterodniowa wizyta", "dwuletni projekt", "pięcioosobowy zespół".
COMPOUND_COUNT = re.compile(
    r"(?i)\b(jedno|dwu|trzy|cztero|pięcio|sześcio|siedmio|ośmio|dziewięcio|dziesięcio|"
    r"kilku|kilkunasto|kilkudziesięcio)(dniow|tygodniow|miesięczn|godzinn|letni|osobow)\w*"
)
YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20[0-4]\d)(?!\d)")
MONTH = re.compile(
    r"\b(styczni\w*|lut\w*|mar(ca|zec\w*)|kwietni\w*|maj\w*|czerw\w*|lip\w*|sierpni\w*|"
    r"wrze[sś]ni\w*|październik\w*|pazdziernik\w*|listopad\w*|grudni\w*|"
    r"\d{1,2}\.\d{1,2}\.\d{4})\b",
    re.IGNORECASE,
)
PLACE = re.compile(
    r"\b(ul\.|al\.|ulic\w*|alej\w*|plac(u|em)?\s+[A-ZĄĆĘŁŃÓŚŹŻ]|os\.|osiedl\w*|\d\d-\d\d\d|"
    r"siedzib\w*|w (miejscowości|gminie|mieście|wsi)|"
    r"(?:w|we|na|pod|przy|koło|obok)\s+[A-ZĄĆĘŁŃÓŚŹŻ]\w+|"
    # "…w centrum Sulechowa", "…w budynku dawnej zlewni mleka": where, said without a name.
    r"(?i:(?:w|we|na|przy)\s+(centrum|pobliżu|okolic\w*|sąsiedztwie|budynk\w*|dawn\w+|lokalu|"
    r"pomieszczeni\w*|piwnic\w*|parterze|terenie))\b|"
    # "Pod arkadami Rynku", "przy ratuszu", "obok dworca": landmarks, named or not.
    r"(?i:(?:na|przy|w|we|obok|pod|nad)\s+(rynk\w*|dworc\w*|dworzec|zamk\w*|ratusz\w*|"
    r"kości\w*|park\w*|arkad\w*|deptak\w*|bulwar\w*|nabrzeż\w*|przystani\w*|jezior\w*|"
    r"osiedl\w*|centrum handlow\w*))\b|"
    # "…pokazali w średzkim muzeum", "w miejskiej bibliotece": a public building, named or not.
    r"(?i:\b(?:w|we)\s+(?:\w+(?:im|ym|iej|ej)\s+)?(muzeum|galerii|bibliotece|domu kultury|"
    r"świetlicy|auli|amfiteatrze|hali sportowej|filharmonii|teatrze|kinie))\b|"
    # "…uczestnicy odwiedzili Ostrów Wielkopolski": a town the visit went to.
    r"(?:odwiedzi\w*|zwiedzi\w*|pojecha\w* do|dotar\w* do|przyjecha\w* do)\s+"
    r"(?!(Fundacj|Stowarzysz|Spółdziel|Centr|Zakład|Klub|Warsztat|Ośrod|Urzęd))[A-ZĄĆĘŁŃÓŚŹŻ]\w+|"
    # "…spółdzielnia ze Szczecinka": from a town, not from an institution.
    r"(?:z|ze)\s+(?!(Fundacj|Gmin|Urzęd|Ośrod|Stowarzysz|Spółdziel|Centr|Zakład|Regionaln|"
    r"Powiat|Miejsk|Klub|Warsztat|Europejsk|Funduszu|Programu|Państwow|Narodow|Wojewódz)"
    r")[A-ZĄĆĘŁŃÓŚŹŻ][a-ząćęłńóśźż]+)"
)
# A quoted name, or a capitalised word that does not open the sentence.
NAME = re.compile(r"[„“\"][^”\"]{2,60}[”\"]|(?<=[\w,;:)–-]\s)[A-ZĄĆĘŁŃÓŚŹŻ][a-ząćęłńóśźż]{2,}")
# Mid-sentence: after a word or a comma, or after an abbreviation ("w 2005 r. Henryk Nowak").
_MID_SENTENCE = r"(?:(?<=[\w,;:)–-]\s)|(?<=\br\.\s)|(?<=\bim\.\s)|(?<=\bdr\s)|(?<=\bprof\.\s))"
PERSON = re.compile(
    _MID_SENTENCE + r"[A-ZĄĆĘŁŃÓŚŹŻ][a-ząćęłńóśźż]+\s+[A-ZĄĆĘŁŃÓŚŹŻ][a-ząćęłńóśźż]+"
)
# A street address: what "pod jakim adresem", "przy jakiej ulicy" ask for, a town alone not.
ADDRESS = re.compile(
    r"\b(ul\.|ulic[ayi]\w*|al\.|alej[ai]\w*|pl\.|plac[u]?\s+[A-ZĄĆĘŁŃÓŚŹŻ]|os\.|osiedl\w*\s+"
    r"[A-ZĄĆĘŁŃÓŚŹŻ]|\d\d-\d\d\d)(?=\W)"
)
QUOTED_NAME = re.compile(
    r"[„“\"»][A-ZĄĆĘŁŃÓŚŹŻ0-9][^”\"«]{1,60}[”\"«]|"
    # "…prowadzi restaurację o nazwie Dobra Karma": a name given as one, without quotes.
    r"\b(o nazwie|pod nazwą|nazywa się|nazwano ją|nazwano go)\s+[A-ZĄĆĘŁŃÓŚŹŻ]"
)
PERCENT = re.compile(r"\d(?:[.,]\d+)?\s*(%|proc\.|procent)", re.IGNORECASE)
MONEY = re.compile(
    r"\d[\d\s,.]*\s*(tys\.?|mln|mld|tysięcy|milion\w*)?\s*(zł|złotych|PLN|euro|EUR|€)",
    re.IGNORECASE,
)
ACTIVITY = re.compile(
    r"\b(zajmuj\w*|prowadz\w*|świadcz\w*|oferuj\w*|produkuj\w*|wytwarz\w*|specjalizuj\w*|"
    r"sprzedaj\w*|wykonuj\w*|przygotowuj\w*|organizuj\w*|dostarcz\w*|szyj\w*|piecz\w*|"
    r"uprawia\w*|remontuj\w*|sprząta\w*|usługi|usług|działa w|działają w|odnawia\w*|naprawia\w*|"
    r"obsługuj\w*|zapewnia\w*|realizuj\w*|tworz\w*|opiekuj\w*|hoduj\w*|"
    # Trades as reports tell them: "gotuje obiady", "odśnieża chodniki", "w ofercie ma…".
    r"gotuj\w*|dowoz\w*|dowozi|odśnież\w*|pierze|piorą|druk\w*|haftuj\w*|pomaga\w*|"
    r"wspiera\w*|szkoli|szkolą|ofercie|działalnoś\w*|kosi|koszą|pielęgnuj\w*|buduj\w*|"
    r"montuj\w*|przewozi|przewożą|wynajmuj\w*|produkcj\w*|sprzedaż\w*|wyrabia\w*|"
    r"wypieka\w*|wędzi|wędzą|maluj\w*|rzeźbi\w*|wyplata\w*|serwisuj\w*|robi|robią|"
    r"graweruj\w*|sprzedaje|sprzedają|wypożycza\w*|przetwarza\w*|konserwuj\w*|"
    # A trade named by its workshop: "miejsca pracy w pracowni renowacji mebli".
    r"w pracowni \w+|w (piekarni|pralni|stolarni|szwalni|tłoczni|przetwórni|wędzarni)|"
    r"renowacj\w*|naprawcz\w*|krawieck\w*|stolarsk\w*|gastronomiczn\w*|cateringow\w*)\b",
    re.IGNORECASE,
)
DEFINITION = re.compile(
    r"\s(to|jest to|są to|czyli|oznacza\w*|polega\w*|jest (formą|rodzajem|miejscem|"
    r"instytucją|podmiotem|placówką|organizacją)|służ\w*|ma na celu|celem)\s",
    re.IGNORECASE,
)
PROCEDURE = re.compile(
    r"\b(należy|trzeba|wystarczy|wymaga\w*|wniosek|wniosk\w*|krok\w*|procedur\w*|rejestr\w*|"
    r"KRS|statut\w*|najpierw|następnie|potrzebn\w*|musi\w*|warunk\w*|zgłosi\w*|złoży\w*)\b",
    re.IGNORECASE,
)
# How something was done or paid for: the instrument a "jak to zrobiono?" answer names
# ("w trybie zamówienia zastrzeżonego", "dzięki dotacji z PFRON", "na podstawie porozumienia").
MEANS = re.compile(
    r"\b(zamówie\w*|przetarg\w*|konkurs\w* ofert|porozumie\w*|dotacj\w*|dofinansow\w*|"
    r"finansowan\w*|grant\w*|uchwał\w*|ustaw\w*|art\.|rozporządze\w*|PFRON\w*|EFS\w*|"
    r"fundusz\w*|klauzul\w*|zbiórk\w*|darowizn\w*|sponsor\w*|dzierżaw\w*|użycz\w*|"
    r"biznesplan\w*|w ramach|dzięki|na podstawie|w trybie|ze środków|"
    r"umow\w* (partnersk\w*|o współpracy|z gmin\w*|z miast\w*|z powiat\w*))(?!\w)",
    re.IGNORECASE,
)
# "Centrum działa od 2011 r.": a start date, which answers "when was it founded" too.
SINCE = re.compile(
    r"\b(działa\w*|istnieje|istnieją|funkcjonuje|funkcjonują|prowadz\w*)\s+od\s+"
    r"(\d{4}|roku|\d{1,2}\.\d{1,2}\.\d{4}|\w+\s+\d{4})",
    re.IGNORECASE,
)
_TOKEN_PATTERNS = [
    ("since", SINCE),
    ("money", MONEY),
    ("percent", PERCENT),
    ("year", YEAR),
    ("date", MONTH),
    ("place", PLACE),
    ("address", ADDRESS),
    ("time", re.compile(r"\b([01]?\d|2[0-3])[.:][0-5]\d\b|\bgodz\.|\bod \d{1,2} do \d{1,2}\b")),
    ("name", NAME),
    ("quoted", QUOTED_NAME),
    ("person", PERSON),
    ("activity", ACTIVITY),
    ("procedure", PROCEDURE),
    ("means", MEANS),
]
MIN_WORDS = 4
HEADING_WORDS = 8  # an unterminated line this short is a heading or a caption
_SENTENCE_END = set('.!?…:;”"»)')


@dataclass(frozen=True, slots=True)
class SentenceInfo:
    """One sentence of a report: where it is, whom it is about, what it can answer."""

    ordinal: int
    text: str
    start: int  # character offsets in the report's text
    end: int
    organisation: str  # the organisation named last at or before it ("" if none yet)
    leaning: bool  # opens with a pronoun or conjunction, or is a quote's tail
    tokens: frozenset[str]  # answer-token kinds it carries: number, year, date, place, name…


def answer_tokens(text: str) -> frozenset[str]:
    """Kinds of answer a sentence can give: "number" (not a year), "money", "year", "place"…"""
    found = {kind for kind, pattern in _TOKEN_PATTERNS if pattern.search(text)}
    if any(not YEAR.fullmatch(m.group().strip()) for m in NUMBER.finditer(text)):
        found.add("number")
    if COMPOUND_COUNT.search(text):
        found.add("number")
    if DEFINITION.search(f" {text} "):
        found.add("definition")
    return frozenset(found)


def is_leaning(text: str) -> bool:
    if text[:1] in '„“"«':
        return False  # a quotation opens here; its words are the speaker's own
    stripped = text.lstrip("'(–—- ")
    if not stripped:
        return True
    return bool(_LEANING.match(stripped) or stripped[0].islower() or _QUOTE_CLOSE_ONLY.match(text))


def organisation_patterns(names: Sequence[str]) -> list[tuple[str, re.Pattern[str]]]:
    """A folded, inflection-tolerant pattern per organisation name: the distinctive words of
    the name ("Przystań" in 'Spółdzielnia Socjalna „Przystań”'), each cut to a stem."""
    out = []
    for name in names:
        core = name.split("„")[-1].rstrip("”").strip() if "„" in name else name
        folded = re.findall(r"[^\W\d_]+", fold(core))
        words = [w for w in folded if w not in _FORM_WORDS]
        if not words:
            continue
        # Four letters at least: "Staw" must not name every "status".
        stems = [re.escape(w[: max(min(4, len(w)), len(w) - 2)]) + r"\w*" for w in words[:3]]
        pattern = r"\W+(?:\w+\W+)?".join(stems)
        if folded.index(words[0]) > 0 and folded[folded.index(words[0]) - 1] in ("w", "we"):
            # "CIS w Kartuzach": the place alone ("noclegi w Kartuzach") does not name it.
            kind = _KIND_FORMS.get(folded[0], re.escape(folded[0][:4]) + r"\w*")
            pattern = kind + r"\W+(?:\w+\W+){0,4}?" + pattern
        out.append((name, re.compile(r"\b" + pattern)))
    return out


_KIND_FORMS = {
    "cis": r"(?:cis|centr\w* integr\w*)",
    "centrum": r"(?:cis|centr\w* integr\w*)",
    "kis": r"(?:kis|klub\w* integr\w*)",
    "klub": r"(?:kis|klub\w* integr\w*)",
    "zaz": r"(?:zaz|zaklad\w* aktyw\w*)",
    "zaklad": r"(?:zaz|zaklad\w* aktyw\w*)",
    "wtz": r"(?:wtz|warsztat\w* terap\w*)",
    "warsztat": r"(?:wtz|warsztat\w* terap\w*)",
}


_FORM_WORDS = frozenset(
    fold(w)
    for w in [
        "spółdzielnia",
        "socjalna",
        "osób",
        "prawnych",
        "fundacja",
        "stowarzyszenie",
        "centrum",
        "integracji",
        "społecznej",
        "klub",
        "zakład",
        "aktywności",
        "zawodowej",
        "warsztat",
        "terapii",
        "zajęciowej",
        "ośrodek",
        "wsparcia",
        "ekonomii",
        "cis",
        "kis",
        "zaz",
        "wtz",
        "owes",
        "w",
        "we",
        "sp",
        "z",
        "o.o",
    ]
)


def analyse_sentences(text: str, organisations: Sequence[str]) -> list[SentenceInfo]:
    """Every sentence of a report with its organisation and answer tokens."""
    patterns = organisation_patterns(organisations)
    current = ""
    seen: list[str] = []  # organisations named so far, in order
    out = []
    for ordinal, s in enumerate(_join_year_splits(text, split_sentences(text))):
        found = _named_in(fold(s.text), patterns)
        at, _, named = min(found) if found else (-1, 0, "")
        leaning = is_leaning(s.text)
        metadata = bool(_METADATA.search(s.text))
        if metadata:
            named = ""  # "Źródło: Stowarzyszenie X" credits a text, it does not move on to X
        # An organisation named as the sentence's subject (near its start), or as the next stop
        # of a visit, is what the text is about from here on. One named further in ("…poznali
        # się w schronisku prowadzonym przez Stowarzyszenie X") is a side remark, and a
        # sentence that leans on the one before ("Jej założycielami byli…") keeps its subject.
        if named and _LIST_ITEM.match(s.text):
            # An agenda line ("- 13 czerwca: Nidzica – Spółdzielnia X") is about what it names,
            # but the prose after the agenda starts with the first stop, not the last item.
            out.append(_info(ordinal, s, named, leaning, metadata, patterns))
            continue
        visit = _VISITS.search(s.text)
        unnamed, unnamed_at = _unnamed_visit(s.text) if visit else ("", -1)
        if unnamed in _KIND_NAMES.values() and _kind_name(current) == unnamed:
            # "…mówił kierownik CIS": the centre followed so far, named by its kind alone.
            unnamed = ""
        if unnamed and (not named or unnamed_at < at):
            # "Kolejnym punktem był Warsztat Terapii Zajęciowej prowadzony przez…": what was
            # visited is the workshop, named only by its kind; its operator is a side remark.
            current = unnamed
        elif named and (
            not current
            or (
                not _OPERATOR.search(s.text[max(0, at - 60) : at])
                # "Tu działa Spółdzielnia X" leans on the place named before, yet presents X.
                and (_presents(s.text, at) or (not leaning and (at <= SUBJECT_SPAN or visit)))
            )
        ):
            current = named
        elif _MOVES_ON.search(s.text) or _ARRIVES.search(s.text) or _NEW_DAY.match(s.text):
            current = ""  # the visit moved to a place or body the report does not name as ours
        elif referred := _referred(s.text, at, current, seen, organisations):
            current = referred
        out.append(_info(ordinal, s, current, leaning, metadata, patterns))
        seen += [name for _, name in sorted((start, name) for start, _, name in found)]
    return out


# A kind of organisation named at a sentence's start without a name ("Prezes spółdzielni…",
# "Zakład Aktywności Zawodowej powstał w 2007 r."): singular forms only, as the plural
# ("Spółdzielnie socjalne to…") speaks of the kind in general.
_KIND_REFERENCE = re.compile(
    r"^\W*(?:\w+\W+){0,2}?((?i:sp[oó][lł]dzielni[aąę]?|fundacj[aiąę]|stowarzyszeni(?:e|em|u)|"
    r"centrum integracji spo[lł]ecznej|klub(?:u|ie|em)? integracji spo[lł]ecznej|"
    r"zak[lł]ad(?:u|zie|em)? aktywno[sś]ci zawodowej|warsztat(?:u|ach|y)? terapii zaj[eę]ciowej|"
    r"cis|kis|zaz|wtz))\b(?!\s+(?:(?i:socjaln)\w+\s+)?[„\"“«A-ZĄĆĘŁŃÓŚŹŻ])"
)
_REFERENCE_KINDS = (
    ("spold", "spoldziel"),
    ("funda", "fundacj"),
    ("stowa", "stowarzysz"),
    ("cis", "centr"),
    ("cis", "cis"),
    ("kis", "klub"),
    ("kis", "kis"),
    ("zaz", "zaklad"),
    ("zaz", "zaz"),
    ("wtz", "warsztat"),
    ("wtz", "wtz"),
)


_OPERATOR_KINDS = frozenset({"funda", "stowa"})
_UNIT_KINDS = frozenset({"cis", "kis", "zaz", "wtz"})


def _kind_of(name: str) -> str:
    first = fold(name).split()[0] if name.strip() else ""
    return next((k for k, prefix in _REFERENCE_KINDS if first.startswith(prefix)), "")


def _referred(
    text: str, named_at: int, current: str, seen: Sequence[str], organisations: Sequence[str]
) -> str:
    """The organisation a sentence names by its kind alone, when that kind is not the one
    followed so far: after a visit to "Spółdzielnia X" joined by "Klub Integracji Społecznej
    Y", "Prezes spółdzielni…" speaks of X again. The last organisation of that kind the
    report named, else the only one it names; a centre, club, workshop or ZAZ named by kind
    alone stands for itself.
    "" when the sentence stays with ``current``."""
    m = _KIND_REFERENCE.match(text)
    # A sentence that names an organisation is credited by that name, or it is a side remark
    # ("Założycielami były Stowarzyszenie X i…"), not a reference by kind.
    if not current or not m or named_at >= 0:
        return ""
    kind = _kind_of(m[1])
    if not kind or kind == _kind_of(current):
        return ""
    if {kind, _kind_of(current)} & _OPERATOR_KINDS and {kind, _kind_of(current)} & _UNIT_KINDS:
        # "Stowarzyszenie realizuje zadanie…", "W ZAZ pracuje…": an operator and the unit it
        # runs are one story, which the answer step follows from either side.
        return ""
    # Only a name tells one organisation from another: "ZAZ" may be any workshop.
    named = [n for n in organisations if _kind_of(n) == kind and not _kind_only(n)]
    earlier = next((n for n in reversed(seen) if n in named), "")
    if earlier:
        return earlier
    # "Świdnicki KIS pomaga…" before the report names its "KIS „Mama w Działaniu”": the one
    # club of the report, named further on.
    if len(named) == 1:
        return named[0]
    return _KIND_NAMES.get(kind, "")  # "cis", "kis", "zaz", "wtz" key their spelt-out kind


def _kind_only(name: str) -> bool:
    return not [w for w in re.findall(r"[^\W\d_]+", fold(name)) if w not in _FORM_WORDS]


def _info(
    ordinal: int,
    s: Sentence,
    organisation: str,
    leaning: bool,
    metadata: bool,
    patterns: Sequence[tuple[str, re.Pattern[str]]],
) -> SentenceInfo:
    """A sentence's record: its organisation and the answer tokens it carries."""
    # "org": the sentence names the organisation it is about, so it can stand as its credit.
    own = organisation and any(p.search(fold(s.text)) for n, p in patterns if n == organisation)
    tokens = answer_tokens(s.text) | ({"org"} if own else set())
    if s.text.rstrip().endswith("?"):
        tokens |= {"question"}
    words = len(s.text.split())
    ended = s.text.rstrip()[-1:] in _SENTENCE_END
    # "Zatrudnia osiem osób." is short but whole; "Czytaj więcej" and "Program wizyty" are not.
    if words < MIN_WORDS - int(ended and s.text.rstrip()[-1:] in ".!?") or (
        words <= HEADING_WORDS and not ended
    ):
        tokens |= {"fragment"}  # a heading, a caption, a menu line: never an answer
    if metadata:
        tokens |= {"fragment"}
    return SentenceInfo(
        ordinal=ordinal,
        text=s.text,
        start=s.start,
        end=s.end,
        organisation=organisation,
        leaning=leaning,
        tokens=frozenset(tokens),
    )


# A list item: an agenda line, a bullet, a numbered point.
_LIST_ITEM = re.compile(r"\s*([-*•–]|\d{1,2}[.)])\s")


SUBJECT_SPAN = 60  # characters from a sentence's start within which its subject is named
_VISITS = re.compile(
    r"(?i:\b(punkt\w*|odwiedz\w*|zwiedz\w*|wizyt\w*|gości\w*|udali|pojechali\w*|"
    r"zapozna\w*|spotkani\w*|kolejn\w*|następn\w*|ostatni\w*))"
)
# "Kolejnym punktem była wizyta w Vitasanie." — a visit report moving on to someone new.
_MOVES_ON = re.compile(
    r"(?i:\b(kolejn\w*|następn\w*|ostatni\w*|potem|następnie|po czym|zakończ\w*|rozpocz\w*|"
    r"zacz\w*)\b.{0,60}\b(wizyt\w*|punkt\w*|odwiedz\w*|zwiedz\w*|spotkani\w*|miejsc\w*|"
    r"udali|udaliśmy|pojechali\w*|przejechali\w*)\b.{0,40}\b(w|we|do|z|ze|u))\s+[A-ZĄĆĘŁŃÓŚŹŻ„\"]"
)
# "Drugi dzień rozpoczął się w Krośnie.", "Dzień 2 (22 września) – Krosno": a new day of a
# visit, a new stop.
_NEW_DAY = re.compile(
    r"(?i:\W*((pierwsz|drug|trzeci|czwart|piąt|ostatni|kolejn|następn)\w* (dzień|dnia)\b|"
    r"dzień (\d|pierwszy|drugi|trzeci|czwarty|piąty|ostatni)\b))"
)
# "Drugiego dnia uczestnicy pojechali do Lęborka." — on to a new place, so a new subject.
_ARRIVES = re.compile(
    r"(?i:\b(pojecha\w*|przyjecha\w*|przejecha\w*|dotar\w*|udał\w* się|udali się|odwiedzi\w*|"
    r"zawita\w*))\s+(?:(?:do|na|w|we)\s+)?[A-ZĄĆĘŁŃÓŚŹŻ]"
)
# Kinds of organisation a visit report may name by kind alone, folded, with the name each
# is credited under.
_KINDS = re.compile(
    r"\b(centr\w* integracji spolecznej|klub\w* integracji spolecznej|"
    r"zaklad\w* aktywnosci zawodowej|warsztat\w* terapii zajeciowej|cis|kis|zaz|wtz)\b"
    r"(\s+we?\s+\w+)?"
)
_KIND_NAMES = {
    "cent": "Centrum Integracji Społecznej",
    "cis": "Centrum Integracji Społecznej",
    "klub": "Klub Integracji Społecznej",
    "kis": "Klub Integracji Społecznej",
    "zakl": "Zakład Aktywności Zawodowej",
    "zaz": "Zakład Aktywności Zawodowej",
    "wars": "Warsztat Terapii Zajęciowej",
    "wtz": "Warsztat Terapii Zajęciowej",
}


def units_named(text: str) -> frozenset[str]:
    """The kinds of unit a text names by kind, spelt out: "…od Zakładu Aktywności
    Zawodowej" names a "Zakład Aktywności Zawodowej"."""
    return frozenset(_KIND_NAMES[m[1].split()[0][:4]] for m in _KINDS.finditer(fold(text)))


def _kind_name(name: str) -> str:
    """The kind an organisation's name starts with, spelt out: "CIS w Brzegu Dolnym" is a
    "Centrum Integracji Społecznej"; "" for other names."""
    m = _KINDS.match(fold(name))
    return _KIND_NAMES[m[1].split()[0][:4]] if m else ""


def _unnamed_visit(text: str) -> tuple[str, int]:
    """An organisation a visit sentence names by its kind alone ("odwiedziła Centrum
    Integracji Społecznej w Kartuzach"), with its place when one follows, and where."""
    folded = fold(text)
    m = _KINDS.search(folded)
    if not m:
        return "", -1
    name = _KIND_NAMES[m[1].split()[0][:4]]
    place = m[2]
    if place and len(folded) == len(text):
        original = text[m.start(2) : m.end(2)].split()
        if original[-1][:1].isupper():
            name += " " + " ".join(original)
    return name, m.start()


_YEAR_END = re.compile(r"\d{4}\s*r\.$")


def _join_year_splits(text: str, sentences: list[Sentence]) -> list[Sentence]:
    """ "…założyły we wrześniu 2021 r. Gmina Miejska Szczytno i…" is one sentence that the
    splitter cuts after "r.". For answering, a piece ending in a year is read with the next
    one when that continues the same paragraph: a fact split in two answers nothing."""
    out: list[Sentence] = []
    for s in sentences:
        last = out[-1] if out else None
        if (
            last is not None
            and _YEAR_END.search(last.text)
            and "\n" not in text[last.end : s.start]
            and len(last.text.split()) + len(s.text.split()) <= _JOIN_MAX_WORDS
        ):
            out[-1] = Sentence(" ".join(text[last.start : s.end].split()), last.start, s.end)
        else:
            out.append(s)
    return out


_JOIN_MAX_WORDS = 60


def _named_in(
    folded: str, patterns: Sequence[tuple[str, re.Pattern[str]]]
) -> list[tuple[int, int, str]]:
    """Each organisation a sentence names, as (where it starts, its pattern's place, name):
    the least is the one named first, the earlier pattern on a tie."""
    return [
        (m.start(), i, name)
        for i, (name, pattern) in enumerate(patterns)
        if (m := pattern.search(folded))
    ]


# "…w Łowiczu, działa Spółdzielnia Socjalna „Łowicka Wstęga”." presents a new subject.
_PRESENTING = re.compile(
    r"(?i:\b(działa|działają|mieści się|znajduje się|funkcjonuje|powstała|powstał|powstało|"
    r"ma siedzibę|swoją siedzibę ma|pojawił\w* się|zaprezentował\w* się|"
    # "Tam czekała na nas Spółdzielnia X", "…gościła nas Fundacja X": the next host.
    r"czekał\w* na (nas|uczestników|gości|grupę)|gościł\w* (nas|uczestników|grupę)|"
    r"przyj[ąę]ł\w* (nas|uczestników|grupę))\s+(\w+\s+){0,3}[„\"“]?$|"
    # "…nagrodę zdobył Zakład Aktywności Zawodowej w Stargardzie": the winner, named right
    # after its verb, is the subject (a giver would follow a preposition: "od Fundacji X").
    # The name's own words ("Spółdzielnia Socjalna „") stand between the verb and its core; a
    # giver follows a preposition ("otrzymała od Fundacji X").
    r"\b(zdoby|otrzyma|wygra|zwycięży)(ł|ła|ło|li|ły)\s+((?!od\s|ze?\s)\w+\s+){0,3}[„\"“]?$|"
    # "Wyróżnienie przyznano Spółdzielni X", "…trafiła do Fundacji X": the one awarded.
    r"\b(przyznano|przyznane|przyznana|przyznany|trafił\w* do)\s+((?!od\s|ze?\s)\w+\s+){0,3}"
    r"[„\"“]?$)"
)


# "Placówka, prowadzona od 2012 r. przez Stowarzyszenie X, …": the operator of the subject,
# named in passing; the sentence is still about the subject.
_OPERATOR = re.compile(
    r"(?i:\b(prowadz\w*|założon\w*|zarządza\w*|powołan\w*|utworzon\w*)\s+"
    r"([\w.]+\s+){0,3}przez\s+(\w+\s+){0,3}[„\"“]?$|"
    # "…a jej organizatorem jest Fundacja X": the operator, named as such.
    r"\b(organizator\w*|operator\w*|właściciel\w*|założyciel\w*|prowadzącym)\s+"
    r"(jest|są|był\w*|zosta\w*)\s+(\w+\s+){0,2}[„\"“]?$|"
    # "Placówkę prowadzi Stowarzyszenie X": the same, said the other way round.
    # "Centrum prowadzi od 2010 r. Fundacja X", "Klub Integracji Społecznej prowadzi tu…".
    r"\b(placówkę|jednostkę|ją|go|je|centrum|klub|zakład|warsztat|sklep|kawiarnię)"
    r"(\s+[\w„”\"]+){0,3}?\s+"
    r"(prowadzi|prowadzą|założył\w*|utworzył\w*|powołał\w*|zarządza)\s+([\w.]+\s+){0,4}[„\"“]?$|"
    # "Utworzyło go Stowarzyszenie X": the same, with the verb first.
    r"\b(prowadz\w*|założył\w*|utworzył\w*|powołał\w*)\s+(ją|go|je)\s+([\w.]+\s+){0,3}[„\"“]?$|"
    # "Podmiot powstał w 2012 r. przy wsparciu Stowarzyszenia X": a supporter, in passing.
    r"\b(przy|dzięki|ze|z)\s+(wsparci\w*|pomoc\w*|współprac\w*|udzia\w*|inicjatyw\w*)\s+"
    r"(\w+\s+){0,2}[„\"“]?$|\bwe\s+współpracy\s+z\s+(\w+\s+){0,2}[„\"“]?$)"
)
# Credits and dates of a page ("Źródło: …", "Autor: …", "Data dodania: …"): about the text.
_METADATA = re.compile(
    r"(?i:\b(źródło|autor|autorka|opublikowano|data (dodania|publikacji)|fot\.|zdjęci\w*|"
    r"tagi|kategori\w*|opracowanie)\s*:)"
)


def _presents(text: str, start: int) -> bool:
    """Whether a sentence introduces the organisation it names late, with an existential verb
    just before the name; "…prowadzonym przez Stowarzyszenie X" only mentions it."""
    return bool(_PRESENTING.search(text[max(0, start - 60) : start]))
