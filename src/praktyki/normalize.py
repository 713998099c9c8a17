"""Text clean-up and diacritic folding: pure functions over strings."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

# NFD does not decompose these letters, so stripping combining marks alone leaves them as is.
_FOLD_EXTRA = str.maketrans({"ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ß": "ss"})
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_MANY_BLANK_LINES = re.compile(r"\n{3,}")
# Gallery captions, "Czytaj więcej", a PDF's running header and footer ("Raport z wizyty |
# str. 2", "Projekt współfinansowany ze środków…"): lines repeated many times, page numbers aside.
_REPEATED_LINE_MIN = 3
_REPEATED_LINE_MAX_WORDS = 20
_DIGITS = re.compile(r"\d+")


def clean_text(text: str) -> str:
    """NFC, one kind of space, no invisible characters, no boilerplate repeated line by line."""
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    lines = [line.lstrip("•·▪◦‣*").strip() if _is_bullet(line) else line for line in lines]
    lines = _drop_repeated_lines(lines)
    return _MANY_BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def _is_bullet(line: str) -> bool:
    return line[:1] in "•·▪◦‣" or line.startswith("* ")


def repeat_key(line: str) -> str:
    """A line as boilerplate repeats it: page numbers and dates aside."""
    return _DIGITS.sub("#", line)


def _drop_repeated_lines(lines: list[str]) -> list[str]:
    counts = Counter(repeat_key(line) for line in lines if line)
    boilerplate = {
        key
        for key, n in counts.items()
        if n >= _REPEATED_LINE_MIN and len(key.split()) <= _REPEATED_LINE_MAX_WORDS
    }
    return [line for line in lines if repeat_key(line) not in boilerplate]


def fold(text: str) -> str:
    """Lower case without diacritics: 'Spółdzielnia Łódź' -> 'spoldzielnia lodz'."""
    decomposed = unicodedata.normalize("NFD", text.translate(_FOLD_EXTRA))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def has_diacritics(text: str) -> bool:
    return fold(text) != text.lower()


# Case endings of Polish nouns and adjectives, folded, longest first. "-ów" stays on the stem:
# it ends the names of many towns (Kraków, Augustów).
CASE_ENDINGS = (
    "iego", "iemu", "ami", "ach", "ego", "emu", "ymi", "imi", "ych", "ich", "owi", "iej",
    "om", "em", "ie", "iu", "ia", "ej", "ym", "im", "a", "e", "i", "o", "u", "y",
)  # fmt: skip


def case_stem(folded: str) -> str:
    """A folded word without its case ending, three letters at least: "latarni" and
    "latarnia" are "latarn", "lata" is "lat"."""
    return next(
        (folded[: -len(e)] for e in CASE_ENDINGS if folded.endswith(e) and len(folded) - len(e) >= 3),
        folded,
    )
