"""Metadata found in a report's text: date, województwo, the organisations it names, language."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from .language import detect_language
from .normalize import fold

REGIONS = [
    "dolnośląskie",
    "kujawsko-pomorskie",
    "lubelskie",
    "lubuskie",
    "łódzkie",
    "małopolskie",
    "mazowieckie",
    "opolskie",
    "podkarpackie",
    "podlaskie",
    "pomorskie",
    "śląskie",
    "świętokrzyskie",
    "warmińsko-mazurskie",
    "wielkopolskie",
    "zachodniopomorskie",
]
# Folded adjective stems, longest first so "zachodniopomorsk" wins over "pomorsk".
_REGION_STEMS = sorted(((fold(r)[:-2], r) for r in REGIONS), key=lambda p: -len(p[0]))
_REGION_RE = re.compile(
    r"(?<![\w-])(" + "|".join(re.escape(stem) for stem, _ in _REGION_STEMS) + r")\w*"
)
_VOIVODESHIP_BEFORE = re.compile(r"wojewodztw\w*\s+$")

MONTHS = {
    "stycznia": 1, "lutego": 2, "marca": 3, "kwietnia": 4, "maja": 5, "czerwca": 6,
    "lipca": 7, "sierpnia": 8, "września": 9, "października": 10, "listopada": 11, "grudnia": 12,
}  # fmt: skip
_DATE_NUMERIC = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.((?:19|20)\d\d)\b")
_DATE_WORDS = re.compile(
    r"\b(\d{1,2})(?:\s*[–-]\s*\d{1,2})?\s+(" + "|".join(MONTHS) + r")\s+((?:19|20)\d\d)",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b((?:19|20)\d\d)\s*r\.")

# Pages often write a name in capitals ("SPÓŁDZIELNIA SOCJALNA PRANA"): each form has its
# capitalised spelling as well.
ORG_FORMS = {
    "spółdzielnia socjalna": r"[Ss]półdzielni\w*\s+[Ss]ocjaln\w*(?:\s+[Oo]sób\s+[Pp]rawnych)?"
    r"|SPÓŁDZIELNI[A-ZĄĘ]*\s+SOCJALN[A-ZĄĘ]*",
    "fundacja": r"Fundacj\w*|FUNDACJ[A-ZĄĘ]*",
    "stowarzyszenie": r"Stowarzyszeni\w*|STOWARZYSZENI[A-ZĄĘ]*",
    "CIS": r"Centr\w*\s+Integracji\s+Społecznej|CENTRUM\s+INTEGRACJI\s+SPOŁECZNEJ|\bCIS\b",
    "KIS": r"Klub\w*\s+Integracji\s+Społecznej|KLUB\s+INTEGRACJI\s+SPOŁECZNEJ|\bKIS\b",
    "ZAZ": r"Zakład\w*\s+Aktywności\s+Zawodowej|ZAKŁAD\s+AKTYWNOŚCI\s+ZAWODOWEJ|\bZAZ\b",
    "WTZ": r"Warsztat\w*\s+Terapii\s+Zajęciowej|WARSZTAT\w*\s+TERAPII\s+ZAJĘCIOWEJ|\bWTZ\b",
    "OWES": r"Ośrod\w*\s+Wsparcia\s+Ekonomii\s+Społecznej|\bOWES\b",
    "spółka z o.o.": r"sp\.\s?z\s?o\.o\.",
    # Named only when a name follows: "przedsiębiorstwo społeczne „EkoSort” sp. z o.o."
    "przedsiębiorstwo społeczne": r"[Pp]rzedsiębiorstw\w*\s+[Ss]połeczn\w*",
}
ORG_TYPES = tuple(ORG_FORMS)
_NOMINATIVE = {
    "spółdzielnia socjalna": "Spółdzielnia Socjalna",
    "fundacja": "Fundacja",
    "stowarzyszenie": "Stowarzyszenie",
    "przedsiębiorstwo społeczne": "Przedsiębiorstwo Społeczne",
}
_QUOTED = re.compile(r"\s*[„\"]([^”\"\n]{2,60})[”\"]")
# A name runs on within a line: "…Żarskiej Spółdzielni Socjalnej\n\nZwycięzcy to…" names none.
_CAPITALISED = re.compile(
    r"[^\S\n]+((?:[A-ZĄĆĘŁŃÓŚŹŻ][\w-]+)(?:[^\S\n]+[A-ZĄĆĘŁŃÓŚŹŻ][\w-]+){0,2})"
)
_NAME_BEFORE_SPOLKA = re.compile(r"([A-ZĄĆĘŁŃÓŚŹŻ][\w-]*(?:\s+[A-ZĄĆĘŁŃÓŚŹŻ][\w-]*)?)\s+$")


def enrich(title: str, text: str, meta: dict[str, Any]) -> dict[str, Any]:
    """Fill in what the file did not say; what it said (front matter) always wins."""
    out = dict(meta)
    date = normalise_date(out.get("date")) or find_date(text)
    out["date"] = date
    out["year"] = int(date[:4]) if date else None
    region = str(out.get("region") or "").strip().lower()
    out["region"] = region if region in REGIONS else find_region(f"{title}\n{text}")
    out["regions"] = sorted({out["region"], *find_regions(f"{title}\n{text}")} - {""})
    out["organisations"] = find_organisations(text)
    out["language"] = detect_language(text[:2000])
    return out


def normalise_date(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and value.strip():
        found = find_date(value)
        if found:
            return found
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
            return value.strip()
    return ""


def find_date(text: str) -> str:
    """The first full date in the text, else the first 'YYYY r.' as YYYY."""
    candidates: list[tuple[int, str]] = []
    for m in _DATE_NUMERIC.finditer(text):
        candidates.append((m.start(), _iso(int(m[3]), int(m[2]), int(m[1]))))
    for m in _DATE_WORDS.finditer(text):
        candidates.append((m.start(), _iso(int(m[3]), MONTHS[m[2].lower()], int(m[1]))))
    candidates = [c for c in candidates if c[1]]
    if candidates:
        return min(candidates)[1]
    year = _YEAR.search(text)
    return year[1] if year else ""


def _iso(year: int, month: int, day: int) -> str:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return ""


def find_region(text: str) -> str:
    """The województwo named most, a mention after 'województwo' counting triple."""
    scores = _region_scores(text)
    return max(scores, key=lambda r: scores[r]) if scores else ""


def find_regions(text: str) -> list[str]:
    """Every województwo the report is about: named as one, or mentioned three times."""
    return [region for region, score in _region_scores(text).items() if score >= 3]


def last_region_before(text: str, position: int) -> str:
    """The województwo named last before ``position`` as a place ("w województwie
    małopolskim", "do łódzkiego"); "uczestnicy z województwa świętokrzyskiego" says where the
    visitors came from, not where the practice is ("" if none)."""
    folded = fold(text[:position])
    lookup = dict(_REGION_STEMS)
    found = [
        lookup[m[1]]
        for m in _REGION_RE.finditer(folded)
        if not _ORIGIN_BEFORE.search(folded[max(0, m.start() - 25) : m.start()])
        and not _in_place_name(text, folded, m.start())
    ]
    return found[-1] if found else ""


_CAPITALISED_BEFORE = re.compile(r"[A-ZĄĆĘŁŃÓŚŹŻ][\w-]*\s+$")


def _in_place_name(text: str, folded: str, start: int) -> bool:
    """Whether a region's word is part of a town's name: "Stronie Śląskie", "Nowe Miasto
    Lubawskie" lie in other województwa than their adjectives say."""
    if len(folded) != len(text) or not text[start : start + 1].isupper():
        return False
    return bool(_CAPITALISED_BEFORE.search(text[max(0, start - 30) : start]))


_ORIGIN_BEFORE = re.compile(r"\bz(e)?\s+(wojewodztw\w*\s+|regionu\s+|powiatu\s+)?$")


def _region_scores(text: str) -> dict[str, int]:
    folded = fold(text)
    scores: dict[str, int] = {}
    lookup = dict(_REGION_STEMS)
    for m in _REGION_RE.finditer(folded):
        if _in_place_name(text, folded, m.start()):
            continue
        weight = 3 if _VOIVODESHIP_BEFORE.search(folded[max(0, m.start() - 20) : m.start()]) else 1
        region = lookup[m[1]]
        scores[region] = scores.get(region, 0) + weight
    return scores


def find_organisations(text: str) -> list[dict[str, str]]:
    """Named organisations with their legal form, in order of first mention, no repeats."""
    found: dict[str, dict[str, str]] = {}
    for form, pattern in ORG_FORMS.items():
        for m in re.finditer(pattern, text):
            name = _name_after(text, m.end(), form) if form != "spółka z o.o." else None
            if form == "spółka z o.o.":
                before = _NAME_BEFORE_SPOLKA.search(text, 0, m.start())
                name = f"{before[1]} sp. z o.o." if before else None
            if name and name.lower() not in found:
                found[name.lower()] = {"name": name, "form": form, "_pos": str(m.start())}
    ordered = sorted(found.values(), key=lambda o: int(o["_pos"]))
    named_forms = {o["form"] for o in ordered if o["name"] != o["form"]}
    # A bare "ZAZ" adds nothing when the report also names which ZAZ it means.
    return [
        {"name": o["name"], "form": o["form"]}
        for o in ordered
        if o["name"] != o["form"] or o["form"] not in named_forms
    ]


def _as_written(name: str) -> str:
    """A name in capitals as a report would write it otherwise: "PRZYSTAŃ" is "Przystań";
    an acronym of a few letters ("MOPS", "TŁOK") stays as it is."""
    if name.isupper() and any(len(w) > 5 for w in name.split()):
        return " ".join(w.capitalize() if len(w) > 3 else w for w in name.split())
    return name


def _name_after(text: str, end: int, form: str) -> str | None:
    label = _NOMINATIVE.get(form, form)
    quoted = _QUOTED.match(text, end)
    if quoted:
        return f"{label} „{_as_written(quoted[1].strip())}”"
    if form in _NOMINATIVE:
        capitalised = _CAPITALISED.match(text, end)
        if capitalised and not capitalised[1].startswith(("W ", "Z ")):
            return f"{label} {_as_written(capitalised[1])}"
        return None
    place = re.match(r"\s+w\s+([A-ZĄĆĘŁŃÓŚŹŻ][\w-]+(?:\s+[A-ZĄĆĘŁŃÓŚŹŻ][\w-]+)?)", text[end:])
    return f"{form} w {place[1]}" if place else form
