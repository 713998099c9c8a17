"""The "not covered" rule over retrieval evidence: a paraphrase keeps a third of its own words."""

from praktyki.coverage import Evidence, content_terms, is_covered, missing


def evidence(**kw: float) -> Evidence:
    base = dict(
        dense_top=0.85, dense_margin=0.01, coverage=0.5, missing=0, agreement=1.0, terms=9,
        lexical=True,
    )  # fmt: skip
    return Evidence(**{**base, **kw})  # type: ignore[arg-type]


def test_a_paraphrase_with_a_third_of_its_words_in_no_report_is_still_covered():
    # "…popołudniową opiekę… i za to zapłacić?": a user's own words need not be the reports'.
    assert is_covered(evidence(missing=3, terms=9))


def test_a_question_mostly_about_what_no_report_mentions_is_not_covered():
    assert not is_covered(evidence(missing=4, terms=9))
    assert not is_covered(evidence(coverage=0.2))


def test_a_very_close_passage_is_covered_whatever_the_words():
    assert is_covered(evidence(dense_top=0.88, coverage=0.0, missing=9))


def test_english_questions_rely_on_the_dense_match_alone():
    assert is_covered(evidence(lexical=False, dense_top=0.80, coverage=0.0))
    assert not is_covered(evidence(lexical=False, dense_top=0.76))


def test_the_cue_words_of_a_keyword_query_are_not_what_it_is_about():
    assert content_terms(["zaz", "swiecie", "data", "otwarcie"]) == {"zaz", "swiecie", "otwarcie"}


def test_a_relation_is_known_to_the_reports_by_any_of_its_words():
    vocabulary = {"zaz", "swiecie", "otworzyc"}  # the report says "otwarto"
    assert missing({"zaz", "swiecie", "otwarcie"}, vocabulary) == 0
    assert missing({"zaz", "swiecie", "hipoteka"}, vocabulary) == 1


def test_a_paraphrase_both_retrievers_agree_on_is_left_to_the_answer_checks():
    # "Komu jurorzy dali główne trofeum…": few of its words are the report's, yet both
    # retrievers put the report first; the answer's own checks decide.
    agreed = evidence(dense_top=0.85, coverage=0.25, missing=5, terms=10, agreement=1.0)
    assert is_covered(agreed, checked=True)
    # A request for examples has no such checks.
    assert not is_covered(agreed)
    assert not is_covered(evidence(coverage=0.25, missing=5, terms=10, agreement=0.5), checked=True)
