"""Every text a user reads, in Polish (and the English note for foreign questions)."""

from __future__ import annotations

from . import errors, limits
from .escape import markdown_text

APP_TITLE = "Praktyki — dobre praktyki ekonomii społecznej"
APP_INTRO = (
    "Zadaj pytanie o dobre praktyki ekonomii społecznej: spółdzielnie socjalne, CIS, KIS, ZAZ, "
    "WTZ, fundacje, stowarzyszenia, klauzule społeczne, wizyty studyjne. Odpowiedź pochodzi "
    "wprost z raportów, a każde zdanie ma numer źródła."
)
QUESTION_LABEL = "Twoje pytanie"
QUESTION_PLACEHOLDER = "Np. Która spółdzielnia socjalna prowadzi kino w Łodzi?"
SEND = "Zapytaj"
CLEAR = "Wyczyść rozmowę"
EXAMPLES_LABEL = "Przykładowe pytania"
CHAT_LABEL = "Rozmowa"
SOURCES_HEADER = "Źródła"
PASSAGE_LABEL = "Fragment"
PAGE = "s."
ORGANISATIONS = "Organizacje"
NEAREST_HEADER = "Najbliższe fragmenty, które mogą się przydać"
INDEX_BUILDING = "Buduję indeks raportów przy pierwszym uruchomieniu…"
READY = "Model i indeks wczytane ({seconds:.1f} s); serwer przyjmuje pytania."
SEARCHING = "Szukam w raportach…"
ERROR_TITLE = "Błąd"

EXAMPLE_QUESTIONS = [
    "Która spółdzielnia socjalna prowadzi kino w Łodzi?",
    "Jak gmina może wykorzystać klauzule społeczne w zamówieniach publicznych?",
    "Przykłady spółdzielni socjalnych prowadzących gastronomię",
    "spoldzielnia socjalna osob prawnych gmina",
]


MONTHS = [
    "stycznia",
    "lutego",
    "marca",
    "kwietnia",
    "maja",
    "czerwca",
    "lipca",
    "sierpnia",
    "września",
    "października",
    "listopada",
    "grudnia",
]


def polish_date(iso: str) -> str:
    """'2017-05-24' -> '24 maja 2017'; a bare year stays a year."""
    parts = iso.split("-")
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        year, month, day = (int(p) for p in parts)
        if 1 <= month <= 12:
            return f"{day} {MONTHS[month - 1]} {year}"
    return iso


def not_covered(language: str) -> str:
    if language == "pl":
        return (
            "Raporty w bazie nie odpowiadają na to pytanie. Poniżej najbliższe fragmenty — "
            "mogą się przydać, ale sprawdź je przed użyciem."
        )
    return (
        "The reports do not answer this question. Below are the nearest passages (in Polish); "
        "they may still help."
    )


# What a report leaves out, by what the question asks: "…ale nie podają {missing}."
_MISSING_PL = {
    ("how_many", "employ"): "liczby zatrudnionych",
    ("how_many", "cost"): "kosztu ani kwoty",
    ("how_many", "receive"): "kwoty wsparcia",
    ("how_many", "participate"): "liczby uczestników",
    ("how_many", "serve"): "tej liczby",
    ("how_many", ""): "tej liczby ani kwoty",
    ("when", ""): "daty ani roku, o które pytasz",
    ("where", ""): "miejsca ani adresu, o które pytasz",
    ("who", "found"): "założycieli",
    ("who", ""): "tej osoby ani organizacji",
    ("name", ""): "tej nazwy",
}
_MISSING_EN = {
    "how_many": "that number or amount",
    "when": "that date or year",
    "where": "that place or address",
    "who": "who it was",
    "name": "that name",
}


def not_stated(language: str, subject: str, answer_type: str, predicate: str) -> str:
    """The reports describe the subject but leave out what is asked."""
    if language != "pl":
        what = _MISSING_EN.get(answer_type, "that detail")
        about = f" describe {subject} but" if subject else ""
        return f"The reports{about} do not give {what}. Below are the closest passages."
    missing = _MISSING_PL.get((answer_type, predicate)) or _MISSING_PL.get(
        (answer_type, ""), "tej informacji"
    )
    if subject:
        return (
            f"Raporty opisują: {subject}, ale nie podają {missing}. "
            "Poniżej najbliższe fragmenty."
        )
    return f"Raporty nie podają {missing}. Poniżej najbliższe fragmenty."


def subject_unknown(language: str, subject: str) -> str:
    if language != "pl":
        return f"No report in the base describes {subject}. Below are the closest passages."
    return f"Żaden raport w bazie nie opisuje: {subject}. Poniżej najbliższe fragmenty."


def not_explained(language: str, answer_type: str) -> str:
    """Definition and how-to questions the reports mention but do not explain."""
    if language != "pl":
        what = "define it" if answer_type == "definition" else "describe how to do it step by step"
        return f"The reports do not {what}; the reports below mention it."
    what = "czym to jest" if answer_type == "definition" else "jak to zrobić krok po kroku"
    return f"Raporty nie wyjaśniają, {what}. Wspominają o tym raporty podane poniżej."


def foreign_question_note(language: str) -> str:
    if language == "pl":
        return ""
    return (
        "Pytanie nie jest po polsku; odpowiedź pochodzi z polskich raportów. "
        "(Your question is not in Polish; the answer is taken from the Polish reports.)"
    )


def empty_question() -> str:
    return "Wpisz pytanie — na przykład o spółdzielnie socjalne w Twoim województwie."


def too_long_question(limit: int) -> str:
    return f"Pytanie jest za długie (ponad {limit} znaków). Skróć je, proszę."


def describe_error(exc: Exception) -> str:
    """A Polish sentence for a library error, for the web app."""
    if isinstance(exc, errors.IndexMissing):
        return "Indeks raportów nie jest jeszcze zbudowany. Uruchom `praktyki index`."
    if isinstance(exc, errors.IndexCorrupt):
        return (
            "Indeks raportów jest uszkodzony i nie ma jego wcześniejszej wersji. "
            "Administrator może go naprawić przyciskiem „Przebuduj indeks” lub `praktyki index`."
        )
    if isinstance(exc, errors.IndexMismatch):
        return "Indeks zbudowano innym modelem niż ustawiony. Przebuduj go: `praktyki index --rebuild`."
    if isinstance(exc, errors.ModelUnavailable):
        return "Model językowy jest niedostępny. Sprawdź instalację i ustawienie PRAKTYKI_EMBEDDING_MODEL."
    if isinstance(exc, errors.SearchUnavailable):
        return (
            "Baza wyszukiwania jest chwilowo niedostępna. Spróbuj ponownie za chwilę; "
            "jeśli to się powtarza, powiadom administratora."
        )
    if isinstance(exc, errors.UnsupportedFile):
        return f"Nieobsługiwany typ pliku: {exc.path}. Obsługujemy txt, md, html, pdf i docx."
    if isinstance(exc, errors.DuplicateReport):
        return f"Pominięto plik {exc.path}: {translate_reason(exc.reason)}"
    if isinstance(exc, errors.BrokenFile):
        return f"Nie udało się odczytać pliku {exc.path}: {translate_reason(exc.reason)}"
    if isinstance(exc, errors.EmptyCorpus):
        return f"W folderze {exc.corpus_dir} nie ma żadnego czytelnego raportu."
    if isinstance(exc, errors.InvalidQuestion):
        return _invalid_question(exc)
    if isinstance(exc, errors.InvalidFilter):
        if exc.code == "unknown-region":
            return f"Nie ma województwa „{markdown_text(exc.value)}”. Wybierz je z listy."
        if exc.code == "unknown-org-type":
            return f"Nie ma typu organizacji „{markdown_text(exc.value)}”. Wybierz go z listy."
        if exc.code == "bad-year":
            return f"„{markdown_text(exc.value)}” nie jest rokiem. Wybierz rok z listy."
        return "Rok „od” jest późniejszy niż rok „do”. Popraw zakres lat."
    if isinstance(exc, limits.RateLimited):
        if exc.what == "login":
            return f"Zbyt wiele nieudanych prób logowania. Spróbuj ponownie za {exc.retry_after} s."
        return f"Zbyt wiele opinii w krótkim czasie. Spróbuj ponownie za {exc.retry_after} s."
    if isinstance(exc, limits.TooLong):
        return f"Tekst jest za długi (ponad {exc.limit} znaków). Skróć go, proszę."
    return "Coś poszło nie tak. Spróbuj ponownie za chwilę."


def _invalid_question(exc: errors.InvalidQuestion) -> str:
    if exc.code == "empty":
        return empty_question()
    if exc.code == "too-long":
        return too_long_question(exc.limit)
    if exc.code == "no-words":
        return (
            "Pytanie nie zawiera słów — samymi emoji ani znakami interpunkcyjnymi nie da się "
            "przeszukać raportów. Zapytaj słowami, np. „Która spółdzielnia prowadzi kino?”."
        )
    if exc.code == "encoding":
        return "Pytanie zawiera nieczytelne znaki. Wpisz je ponownie, proszę."
    if exc.code == "unknown-report":
        return "Tego raportu nie ma już w indeksie. Odśwież listę."
    return "Nie udało się zrozumieć pytania. Sformułuj je inaczej, proszę."


_REASONS = {
    "the file is empty": "plik jest pusty.",
    "the PDF is password-protected": "PDF jest zabezpieczony hasłem.",
    "the PDF has no extractable text (scanned?)": "PDF nie zawiera tekstu (może to skan?).",
    "text encoding could not be recognised": "nie rozpoznano kodowania tekstu.",
    "binary content in a text file": "plik tekstowy zawiera dane binarne.",
    "no text after clean-up": "plik nie zawiera tekstu.",
    "no main text found in the page": "na stronie nie znaleziono treści głównej.",
    "the DOCX has no text": "dokument DOCX nie zawiera tekstu.",
    "the DOCX text is too large": "tekst dokumentu DOCX jest za duży.",
    "the DOCX is compressed suspiciously hard (a zip bomb?)": (
        "dokument DOCX jest podejrzanie mocno skompresowany (możliwa „bomba zip”)."
    ),
    "the DOCX declares XML entities (not a Word document)": (
        "dokument DOCX zawiera deklaracje XML, których Word nie tworzy — pominięto go."
    ),
    "the DOCX has too many paragraphs": "dokument DOCX ma zbyt wiele akapitów.",
    "damaged file: nested too deeply": "plik jest uszkodzony (zbyt głębokie zagnieżdżenie).",
    "not a DOCX document (it is not a zip archive)": "to nie jest poprawny dokument DOCX.",
    "not a PDF document": "zawartość pliku nie jest dokumentem PDF.",
    "not a DOCX document": "zawartość pliku nie jest dokumentem DOCX.",
    "not an HTML page": "zawartość pliku nie jest stroną HTML.",
    "outside the corpus folder": "plik leży poza folderem raportów.",
}


def translate_reason(reason: str) -> str:
    if reason in _REASONS:
        return _REASONS[reason]
    if reason.startswith(("unreadable PDF", "damaged PDF")):
        return "plik PDF jest uszkodzony."
    if reason.startswith("damaged DOCX"):
        return "plik DOCX jest uszkodzony."
    if reason.startswith("the file is larger than"):
        return "plik jest za duży."
    if reason.startswith("unsupported file type"):
        return "nieobsługiwany typ pliku (obsługujemy txt, md, html, pdf i docx)."
    if reason.startswith("larger than"):
        return "plik jest za duży (" + reason.removeprefix("larger than ").strip() + ")."
    if reason.startswith("more than") and "characters" in reason:
        return "plik zawiera za dużo tekstu jak na jeden raport."
    if reason.startswith("another file gives the same report id"):
        names = reason.rsplit("(", 1)[-1].rstrip(")")
        return f"dwa pliki dałyby ten sam raport ({names}) — zmień nazwę lub usuń jeden z nich."
    if reason.startswith("damaged file"):
        return "plik jest uszkodzony i nie da się go odczytać."
    # Never English to a user: anything not named above is a file we could not read.
    return "nie udało się odczytać pliku (uszkodzony lub w nieobsługiwanym formacie)."


# -- administration ------------------------------------------------------------------------
TAB_CHAT = "Czat"
TAB_ADMIN = "Administracja"
ADMIN_DISABLED = (
    "Panel administratora jest wyłączony. Aby go włączyć, ustaw zmienne "
    "`PRAKTYKI_ADMIN_USER` i `PRAKTYKI_ADMIN_PASSWORD` (np. w pliku `.env` w folderze aplikacji) "
    "i uruchom aplikację ponownie."
)
ADMIN_USER = "Login"
ADMIN_PASSWORD = "Hasło"
ADMIN_LOGIN = "Zaloguj"
ADMIN_LOGOUT = "Wyloguj"
ADMIN_LOGGED_OUT = "Wylogowano."
ADMIN_LOGGED_IN = "Zalogowano jako **{user}**."
ADMIN_WEAK_PASSWORD = (
    "Panel administratora jest wyłączony: hasło w `PRAKTYKI_ADMIN_PASSWORD` jest za słabe "
    "(co najmniej 10 znaków, nie samo słowo ani login, litery różnej wielkości, cyfry lub inne "
    "znaki). Ustaw mocniejsze hasło i uruchom aplikację ponownie."
)
ADMIN_FILES = "Raporty do dodania (txt, md, html, pdf, docx)"
ADMIN_UPLOAD = "Dodaj i zaindeksuj"
ADMIN_REINDEX = "Przebuduj indeks"
ADMIN_DOCUMENTS = "Raporty w bazie"
ADMIN_DELETE_PICK = "Raport do usunięcia"
ADMIN_DELETE = "Usuń raport"
ADMIN_DELETE_NOTHING = "Wybierz z listy raport do usunięcia."
ADMIN_REFRESH = "Odśwież"
ADMIN_AUDIT = "Dziennik działań administratorów"
ADMIN_DOC_HEADERS = ["Tytuł", "Data", "Województwo", "Organizacje", "Fragmenty", "Identyfikator"]
ADMIN_AUDIT_HEADERS = ["Kiedy", "Kto", "Co", "Szczegóły"]
INDEX_STEPS = {
    "load": "Wczytywanie raportów",
    "embed": "Obliczanie wektorów fragmentów",
    "sentences": "Obliczanie wektorów zdań",
}


def index_step(stage: str) -> str:
    """The Polish name of an indexing step, for the admin's progress bar."""
    return INDEX_STEPS.get(stage, "Budowanie indeksu")


def admin_denied(reason: str) -> str:
    if reason == "wrong user name or password":
        return "Nieprawidłowy login lub hasło."
    if reason.startswith("admin is disabled"):
        return ADMIN_DISABLED
    return "Ta operacja wymaga zalogowania jako administrator."


def reindex_summary(data: dict) -> str:
    lines = [
        f"Indeks gotowy: dodano {len(data['added'])}, zmieniono {len(data['updated'])}, "
        f"usunięto {len(data['removed'])}, bez zmian {data['unchanged']}; "
        f"fragmentów: {data['chunks']}."
    ]
    if data.get("repaired"):
        lines.append(index_repaired(data["repaired"]))
    for error in data["errors"]:
        name = markdown_text(str(error["path"]))
        lines.append(f"- Pominięto **{name}**: {translate_reason(error['error'])}")
    return "\n".join(lines)


def index_fallback(broken: str, serving: str) -> str:
    """What the admin reads while a damaged live index version is replaced by an older one."""
    return (
        f"⚠️ Bieżąca wersja indeksu ({broken}) jest uszkodzona — czat odpowiada z poprzedniej, "
        f"nieuszkodzonej wersji ({serving}), więc może nie znać najnowszych zmian. "
        "Napraw indeks przyciskiem „Przebuduj indeks” (lub `praktyki index`)."
    )


def index_repaired(names: list[str]) -> str:
    return "Naprawiono uszkodzony indeks (zastąpiono wersję " + ", ".join(names) + ")."


def upload_rejected(name: str, reason: str) -> str:
    return f"- Odrzucono **{markdown_text(name)}**: {translate_reason(reason)}"


AUDIT_ACTIONS = {
    "login": "logowanie",
    "login-failed": "nieudane logowanie",
    "logout": "wylogowanie",
    "upload": "dodanie pliku",
    "upload-rejected": "odrzucony plik",
    "delete": "usunięcie raportu",
    "reindex": "przebudowa indeksu",
    "reindex-failed": "nieudana przebudowa indeksu",
}


def audit_action(action: str) -> str:
    return AUDIT_ACTIONS.get(action, action)


def audit_detail(action: str, detail: str) -> str:
    """Reindex counts are stored as JSON; shown as a Polish sentence."""
    if action == "reindex" and detail.startswith("{"):
        import json

        c = json.loads(detail)
        return (
            f"dodano {c['added']}, zmieniono {c['updated']}, usunięto {c['removed']}, "
            f"pominięto {c['skipped']}"
        )
    if action == "upload-rejected" and ": " in detail:
        name, reason = detail.split(": ", 1)
        return f"{name}: {translate_reason(reason)}"
    return detail


def audit_time(iso: str) -> str:
    """'2026-11-26T08:42:19+00:00' -> '26.11.2026 09:42:19', Polish time (CET/CEST)."""
    import datetime as dt
    from zoneinfo import ZoneInfo

    try:
        at = dt.datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if at.tzinfo is None:
        at = at.replace(tzinfo=dt.timezone.utc)
    return at.astimezone(ZoneInfo("Europe/Warsaw")).strftime("%d.%m.%Y %H:%M:%S")


def admin_result(rejected: list[str], summary: str) -> str:
    """Rejected files as a list, then the index summary as its own paragraph (Markdown
    would otherwise run a line after a list item into that item)."""
    return "\n\n".join(x for x in ("\n".join(rejected), summary) if x)


# -- chat extras and trainer mode -------------------------------------------------------------
BUSY = "Serwis jest teraz zajęty — zbyt wiele pytań naraz. Spróbuj ponownie za chwilę."
PLAIN_HTTP_WARNING = (
    "UWAGA: aplikacja nasłuchuje na {host}, poza tym komputerem, bez szyfrowania (HTTP). "
    "Hasło administratora i pytania przechodzą przez sieć otwartym tekstem — ustaw "
    "PRAKTYKI_SSL_CERTFILE i PRAKTYKI_SSL_KEYFILE albo postaw aplikację za serwerem HTTPS."
)

TAB_TRAINER = "Przykłady do warsztatów"
FILTERS = "Filtry"
REGION = "Województwo"
ALL_REGIONS = "wszystkie"
YEAR_FROM = "Od roku"
YEAR_TO = "Do roku"
YEAR_ANY = "bez ograniczeń"
ORG_TYPE = "Typ organizacji"
ALL_ORG_TYPES = "wszystkie"
OPEN_SOURCE = "Otwórz źródło w podglądzie"
VIEWER_EMPTY = "Wybierz źródło z ostatniej odpowiedzi, aby zobaczyć cały raport."
FEEDBACK_COMMENT = "Komentarz do ostatniej odpowiedzi (opcjonalnie)"
FEEDBACK_SEND = "Wyślij komentarz"
FEEDBACK_THANKS = "Dziękujemy za opinię."
FEEDBACK_NOTHING = "Najpierw zadaj pytanie — komentarz dotyczy ostatniej odpowiedzi."
FEEDBACK_EMPTY = "Wpisz komentarz, zanim go wyślesz."
TRAINER_INTRO = (
    "Podaj temat, a otrzymasz różne praktyki — każdą z innego raportu i innej organizacji — "
    "opisane zdaniami z raportów, ze źródłami. Zestawienie pobierzesz jako DOCX lub Markdown."
)
TRAINER_TOPIC = "Temat warsztatu"
TRAINER_PLACEHOLDER = "Np. spółdzielnie socjalne prowadzące gastronomię"
TRAINER_COUNT = "Liczba przykładów"
TRAINER_FIND = "Znajdź przykłady"
TRAINER_EMPTY = "Wpisz temat warsztatu."
DOWNLOAD_DOCX = "Pobierz DOCX"
DOWNLOAD_MD = "Pobierz Markdown"

# Answers written by a language model (PRAKTYKI_LLM_URL): every note says which mode answered.
LLM_WRITING = "Model językowy pisze odpowiedź… (zdania pojawiają się po sprawdzeniu ze źródłem)"
EXTRACTIVE_MODE = "Tryb: zdania wybrane z raportów."


def llm_mode(model: str, dropped: int) -> str:
    text = f"Tryb: odpowiedź napisana przez model językowy{f' {model}' if model else ''}; "
    text += "każde zdanie sprawdzone z fragmentem, który cytuje."
    if dropped:
        text += f" Pominięto zdania bez oparcia w źródłach: {dropped}."
    return text


_LLM_FAILURES = {
    "unreachable": "serwer modelu jest nieosiągalny",
    "timeout": "model nie odpowiedział w wyznaczonym czasie",
    "http": "serwer modelu zwrócił błąd",
    "malformed": "serwer modelu przysłał nieczytelną odpowiedź",
}


def llm_fallback(failure: str, dropped: int, refused: bool) -> str:
    """Why the reader sees the extractive answer although a language model is configured."""
    if failure:
        why = _LLM_FAILURES.get(failure, _LLM_FAILURES["malformed"])
        return f"Tryb: zdania wybrane z raportów — {why}."
    if refused:
        return "Tryb: zdania wybrane z raportów — model językowy uznał, że fragmenty nie odpowiadają."
    return (
        "Tryb: zdania wybrane z raportów — żadne zdanie modelu językowego nie znalazło oparcia "
        f"w źródłach (odrzucone: {dropped})."
    )
