"""Command line: parse, call Engine, print. Data to stdout, progress and errors to stderr."""

from __future__ import annotations

import hashlib
import json
import logging
import sys
from pathlib import Path
from typing import Any

import click

from . import __version__, handout
from .answer import to_json as answer_json
from .api import MODES, Engine, evaluate
from .config import Settings
from .errors import (
    EmptyCorpus,
    IndexMismatch,
    IndexMissing,
    InvalidFilter,
    InvalidQuestion,
    PraktykiError,
)
from .evaluate import METRICS, load_questions
from .filters import Filters
from .messages import translate_reason
from .metadata import ORG_TYPES

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_PARTIAL = 0, 1, 2, 3
_USAGE_ERRORS = (IndexMissing, IndexMismatch, InvalidQuestion, InvalidFilter, EmptyCorpus)


class PraktykiGroup(click.Group):
    """Maps library errors to one-line messages and exit codes, once for every command."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except _USAGE_ERRORS as exc:
            click.echo(f"Error: {exc}", err=True)
            ctx.exit(EXIT_USAGE)
        except PraktykiError as exc:
            click.echo(f"Error: {exc}", err=True)
            ctx.exit(EXIT_ERROR)
        except OSError as exc:  # an unwritable -o, a full disk: one line, not a traceback
            where = f"{exc.filename}: " if exc.filename else ""
            click.echo(f"Error: {where}{exc.strerror or exc}", err=True)
            ctx.exit(EXIT_ERROR)


def _settings(**overrides: Any) -> Settings:
    return Settings(**{k: v for k, v in overrides.items() if v is not None})


def _emit(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@click.group(cls=PraktykiGroup)
@click.version_option(__version__, prog_name="praktyki")
@click.option("-v", "--verbose", is_flag=True, help="Log progress details to stderr.")
def cli(verbose: bool) -> None:
    """praktyki: ask Polish questions about social-economy good-practice reports."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, stream=sys.stderr)


@cli.command("index")
@click.option("--corpus", "corpus_dir", type=click.Path(path_type=Path), help="Reports folder.")
@click.option("--index", "index_dir", type=click.Path(path_type=Path), help="Index folder.")
@click.option("--rebuild", is_flag=True, help="Embed every report again, changed or not.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def index_cmd(
    corpus_dir: Path | None, index_dir: Path | None, rebuild: bool, as_json: bool
) -> None:
    """Index new and changed reports; swap the new index in atomically."""
    settings = _settings(corpus_dir=corpus_dir, index_dir=index_dir)
    if not settings.corpus_dir.is_dir():
        raise click.BadParameter(f"{settings.corpus_dir} is not a folder", param_hint="--corpus")
    report = Engine(settings).index(rebuild=rebuild)
    data = report.to_json()
    for error in data["errors"]:
        error["message"] = translate_reason(error["error"])  # what the admin reads, in Polish
    if as_json:
        _emit(data)
    else:
        click.echo(
            f"Indexed {len(data['added'])} new, {len(data['updated'])} changed, "
            f"{data['unchanged']} unchanged, {len(data['removed'])} removed report(s); "
            f"{data['chunks']} passages in {settings.index_dir / data['version']}."
        )
        for name in data["repaired"]:
            click.echo(f"Replaced damaged index version {name}.", err=True)
        for error in data["errors"]:
            click.echo(f"Skipped {error['path']}: {error['message']} ({error['error']})", err=True)
    if data["errors"]:
        sys.exit(EXIT_PARTIAL)


@cli.command("ask")
@click.argument("question")
@click.option("--index", "index_dir", type=click.Path(path_type=Path), help="Index folder.")
@click.option("-k", "k", type=click.IntRange(1, 50), help="How many sources to cite.")
@click.option("--region", help="Only reports about this województwo, e.g. łódzkie.")
@click.option("--year-from", type=int, help="Only reports from this year on.")
@click.option("--year-to", type=int, help="Only reports up to this year.")
@click.option(
    "--org-type",
    type=click.Choice(ORG_TYPES, case_sensitive=False),
    help="Only reports naming such an organisation.",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def ask_cmd(
    question: str,
    index_dir: Path | None,
    k: int | None,
    region: str | None,
    year_from: int | None,
    year_to: int | None,
    org_type: str | None,
    as_json: bool,
) -> None:
    """Answer QUESTION from the indexed reports, with numbered sources."""
    filters = Filters(region, year_from, year_to, org_type)
    engine = Engine(_settings(index_dir=index_dir))
    # With PRAKTYKI_LLM_URL the model's verified answer, else the extractive one as it is.
    *_, final = engine.drafts(engine.ask(question, k=k, filters=filters))
    answer = final.answer
    if as_json:
        _emit(answer_json(answer))
        return
    if answer.note:
        click.echo(answer.note)
    click.echo(answer.text + "\n")
    for c in answer.citations:
        doc = c.hit.doc
        page = f"s. {c.hit.page}" if c.hit.page else ""
        where = ", ".join(
            x for x in (doc.region if doc else "", doc.date if doc else "", page) if x
        )
        click.echo(f"[{c.n}] {doc.title if doc else c.hit.chunk.doc_id} — {where}")


@cli.command("eval")
@click.option(
    "--questions",
    "questions_file",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
)
@click.option(
    "--corpus", "corpus_dir", type=click.Path(exists=True, file_okay=False, path_type=Path)
)
@click.option(
    "--index", "index_dir", type=click.Path(path_type=Path), help="Index folder to build or reuse."
)
@click.option("--mode", type=click.Choice([*MODES, "all"]), default="hybrid", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def eval_cmd(
    questions_file: Path, corpus_dir: Path | None, index_dir: Path | None, mode: str, as_json: bool
) -> None:
    """Measure retrieval and answers on a JSON-lines question file: Recall@k, MRR@10, nDCG@10,
    answered (the answer text holds the expected phrase), grounded (every [n] holds its
    sentence) and declines."""
    settings = _settings(corpus_dir=corpus_dir)
    if index_dir is None and corpus_dir is not None:
        key = hashlib.sha256(str(corpus_dir.resolve()).encode()).hexdigest()[:12]
        index_dir = settings.data_dir / "eval-index" / key
    engine = Engine(settings).with_index_dir(index_dir or settings.index_dir)
    if corpus_dir is not None or not engine.has_index():
        report = engine.index(corpus_dir or settings.corpus_dir)
        for error in report.errors:
            click.echo(f"Skipped {error}", err=True)
    modes = list(MODES) if mode == "all" else [mode]
    results = evaluate(engine, load_questions(questions_file), modes)
    if as_json:
        _emit(results)
    else:
        click.echo(format_table(results))


def format_table(results: dict[str, Any]) -> str:
    """Overall figures, then by kind of question, then by what the question asks."""
    lines = []
    modes = results["modes"]
    first = next(iter(modes.values()))
    groups = [("overall", None)]
    groups += [(t, "by_type") for t in first["by_type"]]
    groups += [(f"asks: {t}", "by_answer_type") for t in first["by_answer_type"]]
    for label, section in groups:
        name = label.removeprefix("asks: ")
        lines.append(f"\n{label}")
        lines.append(f"{'metric':24}" + "".join(f"{m:>10}" for m in modes))
        for key in METRICS:
            row = [
                (modes[m]["overall"] if section is None else modes[m][section][name]).get(key)
                for m in modes
            ]
            if any(v is not None for v in row):
                lines.append(
                    f"{key:24}" + "".join(f"{'-' if v is None else f'{v:.3f}':>10}" for v in row)
                )
    for m, report in modes.items():  # with PRAKTYKI_LLM_URL: what the model wrote, what stayed
        if "generation" in report:
            lines.append(f"\nlanguage model ({m}): " + json.dumps(report["generation"]))
    return "\n".join(lines).strip()


@cli.command("examples")
@click.argument("topic")
@click.option("--index", "index_dir", type=click.Path(path_type=Path), help="Index folder.")
@click.option("--region", help="Only reports about this województwo.")
@click.option("-n", "n", type=click.IntRange(1, 30), default=5, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["md", "docx"]), default="md", show_default=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the handout here.",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def examples_cmd(
    topic: str,
    index_dir: Path | None,
    region: str | None,
    n: int,
    fmt: str,
    output: Path | None,
    as_json: bool,
) -> None:
    """Distinct practices on TOPIC for a workshop, as a handout with sources."""
    if fmt == "docx" and output is None:
        raise click.BadParameter("a DOCX handout needs -o FILE", param_hint="--format")
    found = Engine(_settings(index_dir=index_dir)).examples(topic, n=n, filters=Filters(region))
    if output is not None:
        if fmt == "docx":
            handout.write_docx(output, topic, found)
        else:
            output.write_text(handout.to_markdown(topic, found), "utf-8")
        click.echo(f"Wrote {output}", err=True)
    if as_json:
        _emit({"topic": topic, "examples": [e.to_json() for e in found]})
    elif output is None:
        click.echo(handout.to_markdown(topic, found))


@cli.command("feedback")
@click.option(
    "--export",
    "export",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="CSV file to write.",
)
def feedback_cmd(export: Path) -> None:
    """Export the 👍/👎 ratings and comments users left on answers."""
    count = Engine(_settings()).feedback.export_csv(export)
    click.echo(f"Wrote {count} feedback row(s) to {export}", err=True)


@cli.command("serve")
@click.option("--host", help="Address to listen on.")
@click.option("--port", type=int, help="Port to listen on.")
@click.option("--index", "index_dir", type=click.Path(path_type=Path), help="Index folder.")
def serve_cmd(host: str | None, port: int | None, index_dir: Path | None) -> None:
    """Start the web chat (builds the index first if there is none)."""
    from .ui.app import serve

    serve(_settings(host=host, port=port, index_dir=index_dir))


def main() -> None:
    cli(prog_name="praktyki")
