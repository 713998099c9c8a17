import itertools

import pytest

from praktyki.chunk import chunk_document, split_sentences

ABBREVIATIONS = [
    "Wizyta odbyła się przy ul. Piotrkowskiej 17 w Łodzi.",
    "Działają tam m.in. Spółdzielnia Socjalna „Incepcja” i fundacje.",
    "Spotkanie odbyło się 22 maja 2017 r. w Łodzi.",
    "Firma, tj. Spółka Komunalna, zatrudnia ludzi.",
    "Spółdzielnie prowadzą np. Restaurację Włoszczyzna.",
    "Lokal ma nr 5 przy kościele św. Anny.",
    "BoxLife sp. z o.o. buduje domy modułowe.",
    "Prezes powiedział: „Jest dobrze.”",
]


@pytest.mark.parametrize("sentence", ABBREVIATIONS)
def test_abbreviations_do_not_end_sentences(sentence):
    text = f"Pierwsze zdanie. {sentence} Ostatnie zdanie."
    assert [s.text for s in split_sentences(text)] == [
        "Pierwsze zdanie.",
        sentence,
        "Ostatnie zdanie.",
    ]


def test_year_abbreviation_can_end_a_sentence_before_a_capital():
    text = "Spółdzielnia działa od 2019 r. Zatrudnia dziesięć osób."
    assert len(split_sentences(text)) == 2


def test_a_date_before_this_year_abbreviation_is_no_sentence_of_its_own():
    # "Dnia 25 lipca br." has no verb: the capital after "br." starts a name, not a sentence.
    text = "Dnia 25 lipca br. Spółdzielnia Socjalna „Bieczynek” została zarejestrowana w KRS."
    assert [s.text for s in split_sentences(text)] == [text]
    text = "W 2017 r. Spółdzielnia ruszyła z cateringiem. Otwarto ją w maju br. Zatrudnia pięć osób."
    assert [s.text for s in split_sentences(text)] == [
        "W 2017 r. Spółdzielnia ruszyła z cateringiem.",
        "Otwarto ją w maju br.",
        "Zatrudnia pięć osób.",
    ]


def test_initials_stay_with_the_name():
    assert len(split_sentences("Prezes J. Kowalski otworzył lokal. Było tłoczno.")) == 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Paragraphs a page's markup glued together.
        (
            "Prezentację poprowadziła Prezeska, pani Monika Łakoma.Następnie swoją działalność "
            "zaprezentowała Spółdzielnia Socjalna Razem.",
            [
                "Prezentację poprowadziła Prezeska, pani Monika Łakoma.",
                "Następnie swoją działalność zaprezentowała Spółdzielnia Socjalna Razem.",
            ],
        ),
        # Addresses and abbreviations stay whole.
        ("Strona www.Onet.pl i ul.Szkolna 4 oraz J.Kowalski.", None),
        ("Pisz na biuro@spoldzielnia.Pl albo zob. m.in.Kraków.", None),
    ],
)
def test_glued_sentences_are_split_and_addresses_are_not(text, expected):
    found = split_sentences(text)
    assert [s.text for s in found] == (expected or [text])
    assert all(text[s.start : s.end] == s.text for s in found)


def test_headings_and_list_items_are_their_own_sentences():
    text = "Tytuł raportu\nData publikacji: 12.05.2019\n\nNagłówek\nTekst akapitu, który\nzawija się. Koniec.\n- punkt"
    assert [s.text for s in split_sentences(text)] == [
        "Tytuł raportu",
        "Data publikacji: 12.05.2019",
        "Nagłówek",
        "Tekst akapitu, który zawija się.",
        "Koniec.",
        "- punkt",
    ]


def test_sentence_offsets_point_into_the_text():
    text = "Ala ma kota.  Kot ma Alę.\n\nNowy akapit tutaj."
    for s in split_sentences(text):
        assert " ".join(text[s.start : s.end].split()) == s.text


def _words(n, start=0):
    return " ".join(f"słowo{i}" for i in range(start, start + n))


def test_chunks_are_whole_sentences_within_limits_with_one_sentence_overlap():
    sentences = [f"Zdanie {_words(24, i * 25)}." for i in range(20)]
    text = " ".join(sentences)
    chunks = chunk_document("2017/x", text, min_words=60, max_words=200, overlap=1)
    assert len(chunks) > 3
    for c in chunks:
        assert c.text == text[c.start : c.end]
        assert c.text.endswith(".")
        assert len(c.text.split()) <= 200
    assert all(len(c.text.split()) >= 60 for c in chunks[:-1])  # the report's end may be short
    for a, b in itertools.pairwise(chunks):
        last_sentence_of_a = a.text.rsplit(". ", 1)[-1]
        assert b.text.startswith(last_sentence_of_a.rstrip("."))
    assert [c.chunk_id for c in chunks[:2]] == ["2017/x#0", "2017/x#1"]


def test_overlong_sentence_is_cut_at_word_boundaries():
    text = _words(450) + "."
    chunks = chunk_document("d", text, min_words=60, max_words=200, overlap=0)
    assert all(len(c.text.split()) <= 200 for c in chunks)
    assert sum(len(c.text.split()) for c in chunks) == 450


def test_chunks_never_cross_a_page_break():
    page_one = " ".join(f"Zdanie pierwszej strony numer {i} ma kilka słów." for i in range(5))
    page_two = " ".join(f"Zdanie drugiej strony numer {i} ma kilka słów." for i in range(5))
    text = f"{page_one}\n\n{page_two}"
    chunks = chunk_document(
        "r", text, min_words=60, max_words=200, overlap=1, breaks=[0, len(page_one) + 2]
    )
    assert [c.text.count("pierwszej") and c.text.count("drugiej") for c in chunks] == [0, 0]
    assert len(chunks) == 2


def test_an_organisation_name_does_not_run_on_past_a_blank_line():
    from praktyki.metadata import find_organisations

    text = "WYRÓŻNIENIE Jan z Żarskiej Spółdzielni Socjalnej\n\nZwycięzcy to podmioty wyróżnione."
    assert not any("Zwycięzcy" in o["name"] for o in find_organisations(text))
