"""Report text is data: every piece of it is escaped here before it reaches HTML, Markdown or a
DOCX, so no report can add a tag, a link, an image or a form of its own to a page."""

from __future__ import annotations

import html
import re

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+!|~>-])")
# Bare URLs, "www." names and e-mail addresses are turned into links by GFM's autolink
# extension, which works on the source text; an entity in their middle keeps them plain text.
_AUTOLINKS = (
    (re.compile(r":(?=//)"), "&#58;"),
    (re.compile(r"(?i)(?<=\bwww)\."), "&#46;"),
    (re.compile(r"@"), "&#64;"),
)
# XML 1.0 has no place for these; python-docx refuses a paragraph holding one.
_XML_INVALID = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def html_text(text: str) -> str:
    """Text for an HTML element or attribute: every tag and entity stays literal."""
    return html.escape(text, quote=True)


def markdown_text(text: str) -> str:
    """Text as literal Markdown: no tag, link, autolink, image or emphasis of its own."""
    escaped = _MARKDOWN_SPECIALS.sub(r"\\\1", html.escape(text, quote=False))
    for pattern, entity in _AUTOLINKS:
        escaped = pattern.sub(entity, escaped)
    return escaped


def docx_text(text: str) -> str:
    """Text a DOCX paragraph can hold: control characters XML forbids are dropped."""
    return _XML_INVALID.sub("", text)
