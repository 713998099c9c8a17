import pytest

from praktyki.language import detect_language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Która spółdzielnia socjalna prowadzi kino w Łodzi?", "pl"),
        ("spoldzielnia socjalna kino lodz", "pl"),
        ("piekarni", "pl"),
        ("CIS", "pl"),
        ("Which social cooperative runs a cinema in Łódź?", "en"),
        ("What did the municipality of Brzeziny found together with Rogów?", "en"),
        ("jak gmina moze zlecic zadania fundacji", "pl"),
    ],
)
def test_detect_language(text, expected):
    assert detect_language(text) == expected


def test_detection_is_deterministic():
    text = "Examples of social cooperatives running restaurants"
    assert len({detect_language(text) for _ in range(5)}) == 1
