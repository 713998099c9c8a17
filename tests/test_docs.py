from pathlib import Path

from praktyki.config import Settings

README = (Path(__file__).resolve().parent.parent / "README.md").read_text("utf-8")


def test_every_setting_is_documented_in_readme():
    for name in Settings.model_fields:
        assert f"PRAKTYKI_{name.upper()}" in README, name


def test_readme_gives_the_two_commands_ci_runs():
    ci = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text("utf-8")
    assert "make run" in README
    assert "make test" in README
    assert "make test" in ci
