"""The PDF side of the held-out sets (bench/heldout3, bench/heldout4): a printed report with
lines broken by hand with Polish word hyphenation ("spół-" + newline), each line its own
multi_cell, and on every page a running header and a co-funding footer. A set's make_pdfs.py
holds its reports (header, footer, title, blocks) and calls build().
"""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"

VOWELS = set("aąeęioóuyAĄEĘIOÓUY")
DIGRAPHS = {"ch", "cz", "dz", "dź", "dż", "rz", "sz"}

Block = tuple[str, str]


def can_break(word: str, i: int) -> bool:
    """Allow a hyphen between word[:i] and word[i:] (rough Polish syllable rules)."""
    if i < 2 or len(word) - i < 3:
        return False
    a, b = word[i - 1], word[i]
    if not (a.isalpha() and b.isalpha()) or (a + b).lower() in DIGRAPHS:
        return False
    left, right = word[:i], word[i:]
    if not any(c in VOWELS for c in left) or not any(c in VOWELS for c in right):
        return False
    nxt = word[i + 1] if i + 1 < len(word) else ""
    if a in VOWELS and b not in VOWELS and nxt in VOWELS:
        return True  # po-moc
    if a not in VOWELS and b not in VOWELS and word[i - 2] in VOWELS:
        return nxt in VOWELS or word[i : i + 2].lower() in DIGRAPHS or nxt in ("r", "l", "z")  # spół-dziel-ni
    return False


def wrap(pdf: FPDF, text: str, width: float) -> list[str]:
    """Greedy line breaking; the word that does not fit is hyphenated if it can be."""
    lines: list[str] = []
    cur = ""
    for word in text.split():
        cand = f"{cur} {word}" if cur else word
        if pdf.get_string_width(cand) <= width:
            cur = cand
            continue
        core = word.rstrip(".,;:)”")
        for i in range(len(core) - 1, 1, -1):
            head = f"{cur} {core[:i]}-" if cur else f"{core[:i]}-"
            if can_break(core, i) and pdf.get_string_width(head) <= width:
                lines.append(head)
                cur = word[i:]
                break
        else:
            if cur:
                lines.append(cur)
            cur = word
    if cur:
        lines.append(cur)
    return lines


class Report(FPDF):
    def __init__(self, header_text: str, footer_text: str) -> None:
        super().__init__(format="A4")
        self.header_text = header_text
        self.footer_text = footer_text
        self.add_font("DejaVu", "", FONT)
        self.add_font("DejaVu", "B", FONT_BOLD)
        self.set_margins(22, 24, 22)
        self.set_auto_page_break(True, margin=26)

    def header(self) -> None:
        self.set_font("DejaVu", "", 8)
        self.set_text_color(90, 90, 90)
        self.set_y(10)
        self.cell(0, 5, f"{self.header_text} | str. {self.page_no()}", align="R")
        self.set_text_color(0, 0, 0)
        self.set_y(24)

    def footer(self) -> None:
        self.set_y(-20)
        self.set_font("DejaVu", "", 7)
        self.set_text_color(90, 90, 90)
        self.multi_cell(0, 3.5, self.footer_text, align="C")
        self.set_text_color(0, 0, 0)


def build(doc_id: str, spec: dict[str, object], corpus: Path, author: str) -> Path:
    """Write ``corpus``/<doc_id>.pdf from a report spec: header, footer, title and blocks."""
    pdf = Report(str(spec["header"]), str(spec["footer"]))
    pdf.set_title(str(spec["doc_title"]))
    pdf.set_author(author)
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin - 2 * pdf.c_margin - 1
    blocks: list[Block] = spec["blocks"]  # type: ignore[assignment]
    for kind, text in blocks:
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
            for line in wrap(pdf, text, width):
                pdf.multi_cell(0, 5.6, line, align="L", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2.2)
    out = corpus / f"{doc_id}.pdf"
    out.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(out))
    return out


def source_text(reports: dict[str, dict[str, object]], doc_id: str) -> str:
    """The unhyphenated text of a report, for checking answer phrases."""
    blocks: list[Block] = reports[doc_id]["blocks"]  # type: ignore[assignment]
    return "\n\n".join(text for _, text in blocks)
