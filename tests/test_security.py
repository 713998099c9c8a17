"""Hardening without a browser: escaping of report text, handouts, inputs, limits, start-up."""

from __future__ import annotations

import docx
import markdown_it

from praktyki import handout
from praktyki.escape import markdown_text
from praktyki.examples import Example

PAYLOAD = (
    '<form action="http://127.0.0.1:8999/steal"><input type="password"></form> '
    "![p](http://evil.example/p.png) [tu](http://evil.example/) http://evil.example/bare "
    "www.evil.example kontakt@evil.example"
)


def _rendered(markdown: str) -> str:
    return markdown_it.MarkdownIt("commonmark").render(markdown)


def test_markdown_text_leaves_no_tag_link_autolink_or_image():
    out = _rendered(markdown_text(PAYLOAD))
    for live in ("<form", "<input", "<img", "<a "):
        assert live not in out
    assert "&lt;form" in out
    # GFM autolinks (Gradio's renderer) work on the source text: nothing left to find there.
    escaped = markdown_text(PAYLOAD)
    assert "://" not in escaped and "www." not in escaped and "@" not in escaped


def test_handout_markdown_and_docx_keep_report_text_as_text(tmp_path):
    example = Example(
        doc_id="r",
        title="Raport ![t](http://evil.example/t.png)",
        organisations=("Fundacja <b>X</b>", "Spółdzielnia [Y](http://evil.example/y)"),
        region="łódzkie",
        date="2020-01-01",
        summary=f"Fundacja prowadzi kawiarnię. {PAYLOAD}\x00\x0b",
        sentences=(),
        chunk_id="r#0",
    )
    topic = "kawiarnie <script>alert(1)</script>"
    markdown = handout.to_markdown(topic, [example])
    assert "://" not in markdown
    out = _rendered(markdown)
    for live in ("<form", "<input", "<img", "<a ", "<script", "<b>"):
        assert live not in out
    path = handout.write_docx(tmp_path / "h.docx", topic, [example])
    texts = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    assert "<form action=" in texts and "\x00" not in texts
