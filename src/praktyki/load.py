"""Files to Documents: one reader per suffix, registered in READERS.

A reader returns ``(title, text, meta)`` with raw text; clean-up, metadata found in the text and
the doc_id are applied once, in :func:`load_document`, for every format alike.
"""

from __future__ import annotations

import hashlib
import logging
import re
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .errors import BrokenFile, DuplicateReport, PraktykiError, UnsupportedFile
from .metadata import enrich
from .normalize import clean_text, repeat_key
from .types import Document

log = logging.getLogger(__name__)

Reader = Callable[[Path], tuple[str, str, dict[str, Any]]]
MAX_FILE_BYTES = 60 * 1024 * 1024
# About 300 000 words, some 1 500 passages: minutes to embed on two cores. A larger text is
# almost always a data dump rather than a report, and would stall every reindex.
MAX_TEXT_CHARS = 2_000_000
MAX_TEXT_FILE_BYTES = 16 * 1024 * 1024  # plain text or a page: far past MAX_TEXT_CHARS already


def decode_bytes(data: bytes, path: Path) -> str:
    """UTF-8 (with or without BOM) first; otherwise the likeliest of the Central European code
    pages, which is what old Polish Windows files are in."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["cp1250", "iso8859_2", "cp852", "utf_8"]).best()
    if best is None:
        raise BrokenFile(path, "text encoding could not be recognised")
    return str(best)


def read_txt(path: Path) -> tuple[str, str, dict[str, Any]]:
    text = decode_bytes(path.read_bytes(), path)
    if "\x00" in text:
        raise BrokenFile(path, "binary content in a text file")
    title = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return title, text, {}


def read_md(path: Path) -> tuple[str, str, dict[str, Any]]:
    text = decode_bytes(path.read_bytes(), path)
    meta: dict[str, Any] = {}
    if text.startswith("---"):
        parts = text.split("\n---", 1)
        if len(parts) == 2:
            try:
                loaded = yaml.safe_load(parts[0][3:]) or {}
            except yaml.YAMLError as exc:
                raise BrokenFile(path, f"invalid front matter: {exc}") from exc
            if isinstance(loaded, dict):
                meta = {str(k): v for k, v in loaded.items()}
            text = parts[1].split("\n", 1)[1] if "\n" in parts[1] else ""
    body_lines = [
        line.lstrip("#").strip() if line.startswith("#") else line for line in text.split("\n")
    ]
    meta["heading_texts"] = [
        ln.lstrip("#").strip() for ln in text.split("\n") if ln.startswith("#")
    ]
    title = str(meta.pop("title", "") or "")
    if not title:
        title = next((line.strip() for line in body_lines if line.strip()), "")
    return title, "\n".join(body_lines), meta


def read_html(path: Path) -> tuple[str, str, dict[str, Any]]:
    import trafilatura

    html = decode_bytes(path.read_bytes(), path)
    extracted = trafilatura.bare_extraction(
        html, include_comments=False, include_tables=True, favor_precision=True, with_metadata=True
    )
    if extracted is None or not (extracted.text or "").strip():
        raise BrokenFile(path, "no main text found in the page")
    meta: dict[str, Any] = {}
    if extracted.date:
        meta["date"] = extracted.date
    return extracted.title or "", extracted.text, meta


def read_pdf(path: Path) -> tuple[str, str, dict[str, Any]]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(path)
        if reader.is_encrypted:
            raise BrokenFile(path, "the PDF is password-protected")
        raw_pages = [page.extract_text() or "" for page in reader.pages]
    except PdfReadError as exc:
        raise BrokenFile(path, f"unreadable PDF: {exc}") from exc
    except (ValueError, KeyError, TypeError, OSError) as exc:
        raise BrokenFile(path, f"damaged PDF: {exc}") from exc
    if not any(p.strip() for p in raw_pages):
        raise BrokenFile(path, "the PDF has no extractable text (scanned?)")
    info_title = (reader.metadata or {}).get("/Title") if reader.metadata else None
    pages = [_unwrap(p) for p in _without_running_lines(raw_pages)]
    title = str(info_title or next((ln for p in pages for ln in p.split("\n") if ln.strip()), ""))
    return title.strip(), _join_pages(pages), {"page_texts": pages}


_EDGE_LINES = 2  # a running header or footer is among the first or last lines of a page


def _without_running_lines(pages: list[str]) -> list[str]:
    """Pages without their running header and footer ("Raport z wizyty | ROPS w … | str. 2",
    "Projekt współfinansowany…"): a line at a page's edge that recurs, page number aside, at
    the edge of at least half the pages (two at least). Left in, it glues itself to the
    sentence that runs on from the page before and becomes an answer of its own."""
    if len(pages) < 2:
        return pages

    def edges(page: str) -> set[str]:
        lines = [ln.strip() for ln in page.split("\n") if ln.strip()]
        return {repeat_key(ln) for ln in lines[:_EDGE_LINES] + lines[-_EDGE_LINES:]}

    seen = Counter(key for page in pages for key in edges(page))
    running = {key for key, n in seen.items() if n >= max(2, (len(pages) + 1) // 2)}
    out = []
    for page in pages:
        lines = page.split("\n")
        filled = [i for i, ln in enumerate(lines) if ln.strip()]
        edge = set(filled[:_EDGE_LINES] + filled[-_EDGE_LINES:])
        out.append(
            "\n".join(
                ln
                for i, ln in enumerate(lines)
                if not (i in edge and repeat_key(ln.strip()) in running)
            )
        )
    return out


def _join_pages(pages: list[str]) -> str:
    """A sentence cut by a page break ("…dla Domu Pomocy Społecznej w" / "Chodzieży oraz…") is
    one sentence again; otherwise pages are paragraphs apart."""
    text = ""
    for page in (p.strip() for p in pages):
        if text and page and _runs_on(text.rsplit("\n", 1)[-1], page.split("\n", 1)[0]):
            text = _glued(text, page)
        else:
            text = f"{text}\n\n{page}" if text else page
    return text


def _unwrap(page_text: str) -> str:
    """pypdf ends every visual line with a newline; rejoin lines of one paragraph."""
    out: list[str] = []
    for line in page_text.split("\n"):
        line = line.strip()
        if not line:
            out.append("")
        elif out and out[-1] and _runs_on(out[-1], line):
            out[-1] = _glued(out[-1], line)
        else:
            out.append(line)
    return "\n".join(out)


# Words a line never ends a heading or a paragraph with: "…Domu Pomocy Społecznej w".
_DANGLING = re.compile(
    r"(,|\b(w|we|z|ze|i|oraz|a|do|na|dla|od|o|u|po|przy|przez|za|pod|nad|że|który|która|"
    r"które|którzy|jak|niż|lub|albo|czy|ok\.|m\.in\.|tj\.|np\.))$"
)
_WRAPPED_LINE = 70  # characters: a line this long that stops without a full stop was wrapped


def _glued(previous: str, line: str) -> str:
    """Two pieces of one sentence as one: a word hyphenated at the break is whole again."""
    return previous.removesuffix("-") + ("" if previous.endswith("-") else " ") + line


def _runs_on(previous: str, line: str) -> bool:
    """Whether ``line`` continues the sentence ``previous`` ends with: a lower-case start, or
    a name after a word no sentence ends on, or a wrapped line of full width."""
    previous, line = previous.rstrip(), line.lstrip()
    if not previous or not line or previous.endswith((".", ":", "!", "?", ";", "…")):
        return False
    if line[:1].islower():
        return True
    # "…W wyjeździe wzięło udział / 21 osób, w tym…": a number goes on like a name does.
    return (line[:1].isupper() or line[:1].isdigit()) and (
        bool(_DANGLING.search(previous)) or len(previous) >= _WRAPPED_LINE
    )


def read_docx(path: Path) -> tuple[str, str, dict[str, Any]]:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    if not zipfile.is_zipfile(path):
        raise BrokenFile(path, "not a DOCX document (it is not a zip archive)")
    _check_docx_size(path)
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise BrokenFile(path, f"damaged DOCX: {exc}") from exc
    lines, headings, title = [], [], document.core_properties.title or ""
    for para in document.paragraphs:
        text = para.text.strip()
        if not text:
            continue
        style = (para.style.name if para.style is not None else "") or ""
        if style.startswith("Title") and not title:
            title = text
        if style.startswith(("Heading", "Nagłówek")):
            headings.append(text)
        lines.append(
            text if not style.startswith(("Heading", "Nagłówek", "Title")) else f"\n{text}\n"
        )
    if not lines:
        raise BrokenFile(path, "the DOCX has no text")
    return title or lines[0].strip(), "\n".join(lines), {"heading_texts": headings}


# python-docx spends about 3 ms a paragraph: these bounds keep one file under half a minute and
# refuse zip bombs before anything is inflated.
MAX_DOCX_XML_BYTES = 20 * 1024 * 1024
MAX_DOCX_PARAGRAPHS = 8_000
MAX_ZIP_RATIO = 200


def _check_docx_size(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo("word/document.xml")
            if info.file_size > MAX_DOCX_XML_BYTES:
                raise BrokenFile(path, "the DOCX text is too large")
            if info.compress_size and info.file_size / info.compress_size > MAX_ZIP_RATIO:
                raise BrokenFile(path, "the DOCX is compressed suspiciously hard (a zip bomb?)")
            xml = archive.read(info)
    except KeyError as exc:
        raise BrokenFile(path, "not a DOCX document") from exc
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise BrokenFile(path, f"damaged DOCX: {exc}") from exc
    if b"<!ENTITY" in xml or b"<!DOCTYPE" in xml:
        raise BrokenFile(path, "the DOCX declares XML entities (not a Word document)")
    if xml.count(b"<w:p>") + xml.count(b"<w:p ") > MAX_DOCX_PARAGRAPHS:
        raise BrokenFile(path, "the DOCX has too many paragraphs")


READERS: dict[str, Reader] = {
    ".txt": read_txt,
    ".md": read_md,
    ".markdown": read_md,
    ".html": read_html,
    ".htm": read_html,
    ".pdf": read_pdf,
    ".docx": read_docx,
}


def doc_id_for(path: Path, root: Path) -> str:
    return path.relative_to(root).with_suffix("").as_posix()


def load_document(path: Path, root: Path) -> Document:
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise UnsupportedFile(path, f"unsupported file type {path.suffix or '(none)'}")
    size = path.stat().st_size
    if size == 0:
        raise BrokenFile(path, "the file is empty")
    limit = MAX_TEXT_FILE_BYTES if reader in (read_txt, read_md, read_html) else MAX_FILE_BYTES
    if size > limit:
        raise BrokenFile(path, f"the file is larger than {limit // (1024 * 1024)} MB")
    title, raw_text, meta = reader(path)
    page_texts = meta.pop("page_texts", None)
    heading_texts = meta.pop("heading_texts", None)
    text = clean_text(raw_text)
    if not text:
        raise BrokenFile(path, "no text after clean-up")
    if len(text) > MAX_TEXT_CHARS:
        raise BrokenFile(path, f"more than {MAX_TEXT_CHARS:,} characters of text".replace(",", " "))
    if heading_texts:
        meta["headings"] = _locate(text, [clean_text(h) for h in heading_texts])
    if page_texts is not None:
        meta["page_starts"] = _page_starts(text, [clean_text(p) for p in page_texts])
    title = clean_text(title).replace("\n", " ") or path.stem
    return Document(doc_id_for(path, root), str(path), title, text, enrich(title, text, meta))


def _locate(text: str, headings: list[str]) -> list[list[int | str]]:
    """[offset, heading] pairs in the cleaned text, in order, for chunk context."""
    found, cursor = [], 0
    for heading in headings:
        at = text.find(heading, cursor) if heading else -1
        if at >= 0:
            found.append([at, heading])
            cursor = at + len(heading)
    return found


def _page_starts(text: str, pages: list[str]) -> list[int]:
    """Offsets in the cleaned text where each page begins, so a chunk can name its page. A page
    is found by its first line that survived clean-up: a running header ("Raport … | str. 2")
    or kept, but repeated on every page, cannot mark where the page starts."""
    starts, cursor = [], 0
    for page in pages:
        found = -1
        for line in (ln.strip() for ln in page.split("\n")):
            # A line that stands once in the text marks its page; a repeated one (a header
            # that survived clean-up) would point at the first page that has it. Its tail is
            # looked for, since a running header may have been glued to its start.
            tail = line[-60:]
            if len(tail) >= _PAGE_LINE_MIN and text.count(tail) == 1:
                at = text.find(tail, cursor + 1 if starts else 0)
                if at >= 0:
                    found = max(cursor, at - (len(line) - len(tail)))
                    break
        starts.append(found if found >= 0 else cursor)
        cursor = max(cursor, starts[-1])
    return starts


_PAGE_LINE_MIN = 15


def iter_corpus_files(root: Path) -> Iterator[Path]:
    for path in sorted(root.rglob("*")):
        if path.is_file() and not any(
            part.startswith(".") for part in path.relative_to(root).parts
        ):
            yield path


def read_safely(path: Path, root: Path) -> Document:
    """``load_document`` with every failure of a reader turned into ``BrokenFile``: parsers of
    damaged files raise whatever they raise (lxml, zlib, pypdf limits), and one such file
    must never stop the others."""
    try:
        return load_document(path, root)
    except PraktykiError:
        raise
    except RecursionError as exc:
        raise BrokenFile(path, "damaged file: nested too deeply") from exc
    except Exception as exc:
        detail = " ".join(str(exc).split())[:200]
        raise BrokenFile(path, f"damaged file ({type(exc).__name__}: {detail})") from exc


def file_digest(path: Path) -> str:
    """Size and SHA-256 of a file's bytes: hashing is much cheaper than parsing, and equal bytes
    parse to an equal Document."""
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
            size += len(block)
    return f"{size}:{digest.hexdigest()}"


@dataclass(frozen=True, slots=True)
class Source:
    """One corpus file: its report id, path and digest, and its Document unless it was left
    unread because the caller already holds what it parses to."""

    doc_id: str
    path: str
    digest: str
    document: Document | None


def load_corpus(
    root: Path, progress: Callable[[str, int, int], None] | None = None
) -> tuple[list[Document], list[PraktykiError]]:
    """Every readable report under ``root``; a bad file is reported and skipped, never fatal."""
    sources, errors = read_corpus(root, progress)
    return [s.document for s in sources if s.document is not None], errors


def read_corpus(
    root: Path,
    progress: Callable[[str, int, int], None] | None = None,
    known: Callable[[str, Path, str], bool] | None = None,
) -> tuple[list[Source], list[PraktykiError]]:
    """Every readable report under ``root``, as a Source; a file for which ``known(doc_id,
    path, digest)`` holds is not parsed. A bad file is reported and skipped, never fatal.
    Two files that would get one id ("a.md" and "a.txt") are both reported and both skipped:
    which one is meant is the admin's call, not ours."""
    from tqdm import tqdm

    sources: list[Source] = []
    errors: list[PraktykiError] = []
    paths = list(iter_corpus_files(root))
    # Reading PDFs is the long silent part of a first start: show it (on a terminal only).
    for done, path in enumerate(tqdm(paths, desc="Reading", unit="file", disable=None), 1):
        try:
            sources.append(_source(path, root, known))
        except PraktykiError as exc:
            log.warning("Skipping %s", exc)
            errors.append(exc)
        if progress:
            progress("load", done, len(paths))
    by_id: dict[str, list[Source]] = {}
    for source in sources:
        by_id.setdefault(source.doc_id, []).append(source)
    for doc_id, same in by_id.items():
        if len(same) > 1:
            names = ", ".join(Path(d.path).name for d in same)
            for d in same:
                errors.append(DuplicateReport(d.path, doc_id, names))
            log.warning("Skipping %s: one report id for %s", doc_id, names)
    keep = {doc_id for doc_id, same in by_id.items() if len(same) == 1}
    return [s for s in sources if s.doc_id in keep], errors


def _source(path: Path, root: Path, known: Callable[[str, Path, str], bool] | None) -> Source:
    doc_id = doc_id_for(path, root)
    digest = ""
    if known is not None:
        try:
            digest = file_digest(path)
        except OSError as exc:
            raise BrokenFile(path, f"unreadable file ({exc.strerror})") from exc
        if known(doc_id, path, digest):
            return Source(doc_id, str(path), digest, None)
    return Source(doc_id, str(path), digest, read_safely(path, root))
