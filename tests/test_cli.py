import json
import os

from click.testing import CliRunner

from praktyki.cli import cli

from .conftest import CORPUS, DEV_QUESTIONS


def _run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_ask_json(fake_sample_index, fake_model):
    result = _run(
        "ask",
        "Która spółdzielnia prowadzi kino w Łodzi?",
        "--index",
        str(fake_sample_index),
        "-k",
        "3",
        "--json",
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) >= {"query", "language", "answer", "no_answer", "citations"}
    assert data["language"] == "pl"
    assert data["no_answer"] is False
    assert [c["n"] for c in data["citations"]] == [1, 2, 3]
    first = data["citations"][0]
    assert set(first) >= {"n", "doc_id", "title", "chunk_id", "score", "text"}
    assert first["doc_id"] == "2017/kielce-lodzkie"
    scores = [c["score"] for c in data["citations"]]
    assert scores == sorted(scores, reverse=True)


def test_missing_index_is_a_one_line_error_with_status_2(tmp_path):
    result = CliRunner().invoke(cli, ["ask", "pytanie", "--index", str(tmp_path / "none")])
    assert result.exit_code == 2
    assert result.stderr.strip().count("\n") == 0
    assert "praktyki index" in result.stderr


def test_bad_arguments_exit_2():
    assert CliRunner().invoke(cli, ["ask"]).exit_code == 2
    assert CliRunner().invoke(cli, ["ask", "x", "-k", "0"]).exit_code == 2


def test_index_json_reports_skipped_files_with_status_3(tmp_path, fake_model):
    corpus = tmp_path / "corpus"
    (corpus / "2017").mkdir(parents=True)
    (corpus / "2017" / "kielce-lodzkie.md").write_text(
        (CORPUS / "2017" / "kielce-lodzkie.md").read_text("utf-8"), "utf-8"
    )
    (corpus / "pusty.txt").write_text("")
    result = CliRunner().invoke(
        cli, ["index", "--corpus", str(corpus), "--index", str(tmp_path / "ix"), "--json"]
    )
    assert result.exit_code == 3, result.output
    data = json.loads(result.stdout)
    assert data["added"] == ["2017/kielce-lodzkie"]
    assert data["errors"][0]["path"].endswith("pusty.txt")
    assert data["chunks"] > 0


def test_eval_all_modes_json(tmp_path, fake_sample_index, fake_model):
    questions = tmp_path / "q.jsonl"
    lines = DEV_QUESTIONS.read_text("utf-8").splitlines()
    questions.write_text("\n".join(lines[:14]) + "\n", "utf-8")
    result = _run(
        "eval",
        "--questions",
        str(questions),
        "--index",
        str(fake_sample_index),
        "--mode",
        "all",
        "--json",
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data["modes"]) == {"hybrid", "bm25", "dense"}
    overall = data["modes"]["hybrid"]["overall"]
    for key in [
        "recall@1",
        "recall@5",
        "recall@10",
        "mrr@10",
        "ndcg@10",
        "declined_unanswerable",
        "declined_answerable",
    ]:
        assert 0.0 <= overall[key] <= 1.0
    assert "unanswerable" in data["modes"]["bm25"]["by_type"]


def test_unknown_region_and_reversed_years_are_usage_errors(fake_sample_index, fake_model):
    for args in (["--region", "Narnia"], ["--year-from", "2020", "--year-to", "2015"]):
        result = CliRunner().invoke(
            cli, ["ask", "kino w Łodzi", "--index", str(fake_sample_index), *args]
        )
        assert result.exit_code == 2, result.output
        assert result.stderr.strip().count("\n") == 0
        assert "Traceback" not in result.output
    result = CliRunner().invoke(
        cli, ["examples", "kino", "--index", str(fake_sample_index), "--region", "Narnia"]
    )
    assert result.exit_code == 2


def test_unwritable_output_and_bad_text_are_one_line_errors(
    fake_sample_index, fake_model, tmp_path
):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        result = CliRunner().invoke(
            cli,
            ["examples", "kino", "--index", str(fake_sample_index), "-o", str(locked / "h.md")],
        )
    finally:
        locked.chmod(0o700)
    if os.geteuid() != 0:  # root writes anywhere
        assert result.exit_code == 1, result.output
        assert result.stderr.splitlines()[-1].startswith("Error:")
        assert "Traceback" not in result.output
    (tmp_path / "plik").write_text("a file where a folder is expected")
    result = CliRunner().invoke(
        cli,
        [
            "examples",
            "kino",
            "--index",
            str(fake_sample_index),
            "-o",
            str(tmp_path / "plik" / "x.md"),
        ],
    )
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines()[-1].startswith("Error:")  # after the progress bar
    assert "Traceback" not in result.output and "Not a directory" in result.stderr
    result = CliRunner().invoke(
        cli, ["ask", "kino \udcff w Łodzi", "--index", str(fake_sample_index)]
    )
    assert result.exit_code == 2, result.output
    assert "UTF-8" in result.stderr
