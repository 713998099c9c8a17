"""Answer extraction over sentences written for the tests: which sentence answers which kind of
question, with the context it needs. Equal cosines unless a test gives them, so mostly the
question analysis decides."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pytest

from praktyki import extract
from praktyki.lemmas import Analyzer
from praktyki.metadata import find_organisations
from praktyki.question import analyse
from praktyki.sentences import analyse_sentences, answer_tokens, is_leaning
from praktyki.types import SentenceRecord

VISIT = """Trzeci dzień wizyty rozpoczął się od zwiedzenia Spółdzielni Socjalnej „Przystań” w \
Raciechowicach. Spółdzielnia działa od 2014 r. w dawnym budynku szkoły przy ul. Szkolnej 4. \
Jej założycielami byli Gmina Raciechowice i Stowarzyszenie „Razem dla Wsi”. Obecnie zatrudnia \
9 osób, w tym cztery osoby z niepełnosprawnościami.

Kolejnym punktem wizyty była Spółdzielnia Socjalna „Apacze”. Zajmuje się organizacją obozów \
survivalowych i zajęć terenowych dla szkół. Na start otrzymała dotację w wysokości 120 tys. zł.

Na koniec grupa odwiedziła Spółdzielnię Socjalną „Lider” w Myślenicach. Spółdzielnia „Lider” \
zatrudnia obecnie 14 pracowników, którzy sprzątają budynki gminne. Prezes spółdzielni opowiadała \
o początkach. „Było trudno. Ale kiedy widzi się efekty, chce się pracować dalej” – mówi Beata \
Kołodziej.

Zakład aktywności zawodowej to placówka, która zatrudnia osoby z niepełnosprawnościami w stopniu \
znacznym i umiarkowanym. Czy warto tworzyć takie miejsca?"""

DOC = "2021/wizyta"


def records(text: str = VISIT) -> list[SentenceRecord]:
    analyzer = Analyzer()
    analyzer.learn([text])
    names = [o["name"] for o in find_organisations(text)]
    return [
        SentenceRecord(
            i, DOC, s.ordinal, s.text, s.start, s.end, s.organisation, s.leaning, s.tokens,
            tuple(analyzer.terms(s.text)),
        )
        for i, s in enumerate(analyse_sentences(text, names))
    ]  # fmt: skip


def scored(
    question: str,
    text: str = VISIT,
    language: str = "pl",
    cosines: Sequence[float] | None = None,
    idf: Callable[[str], float] = lambda _: 1.0,
):
    """The question's analysis, every sentence of ``text`` scored for it (``cosines`` as the
    encoder would give them, all equal by default), and the sentences by position."""
    found = records(text)
    analyzer = Analyzer()
    analyzer.learn([text])
    analysis = analyse(question, language, analyzer)
    ranked = extract.score_candidates(
        analysis,
        found,
        np.asarray(cosines if cosines is not None else [0.0] * len(found), dtype=np.float32),
        {DOC: 0},
        {},
        lambda name: frozenset(analyzer.terms(name)),
        lambda word: analyzer.term(word),
        idf,
    )
    return analysis, ranked, {(r.doc_id, r.ordinal): r for r in found}


def credited(text: str) -> list[str]:
    """The organisation each sentence of ``text`` is credited to."""
    names = [o["name"] for o in find_organisations(text)]
    return [s.organisation for s in analyse_sentences(text, names)]


def answer(question: str, language: str = "pl") -> tuple[list[SentenceRecord], bool]:
    analysis, ranked, by_position = scored(question, VISIT, language)
    naming = analysis.answer_type in extract.NAMING_TYPES
    return extract.choose(ranked, by_position, naming), extract.has_answer(analysis, ranked)


def text_of(chosen: list[SentenceRecord]) -> str:
    return " ".join(r.text for r in chosen)


@pytest.mark.parametrize(
    ("question", "expected", "not_expected"),
    [
        # who: the founders are named two sentences after the organisation
        ("Kto założył Spółdzielnię Socjalną Przystań?", "Gmina Raciechowice", None),
        # how many, about one organisation in a report that names several
        ("Ile osób zatrudnia obecnie Spółdzielnia Socjalna Lider?", "14 pracowników", "9 osób"),
        ("Ile osób zatrudnia spółdzielnia Przystań?", "9 osób", "14 pracowników"),
        # how much money
        ("Jaką dotację otrzymała spółdzielnia Apacze?", "120 tys. zł", None),
        # when
        ("Od kiedy działa spółdzielnia Przystań?", "2014 r.", None),
        # where
        ("Gdzie działa Spółdzielnia Socjalna Przystań?", "ul. Szkolnej 4", None),
        # what does it do: the naming sentence and its continuation
        ("Czym zajmuje się Spółdzielnia Socjalna Apacze?", "obozów survivalowych", None),
        # definition
        ("Co to jest zakład aktywności zawodowej?", "to placówka", None),
        # name
        ("Jak się nazywa spółdzielnia z Myślenic?", "„Lider”", None),
        # yes/no
        ("Czy spółdzielnia Lider sprząta budynki gminne?", "sprzątają budynki gminne", None),
        # how (an example, not a procedure)
        ("Jak spółdzielnia Apacze pracuje ze szkołami?", "zajęć terenowych dla szkół", None),
    ],
)
def test_each_answer_type_finds_its_sentence(question, expected, not_expected):
    chosen, answered = answer(question)
    assert answered
    assert expected in text_of(chosen)
    if not_expected:
        assert not_expected not in text_of(chosen)


def test_a_sentence_that_only_names_the_subject_brings_its_continuation():
    chosen, _ = answer("Czym zajmuje się Spółdzielnia Socjalna Apacze?")
    texts = [r.text for r in chosen]
    assert any(t.startswith("Zajmuje się organizacją") for t in texts)
    assert "Kolejnym punktem wizyty była Spółdzielnia Socjalna „Apacze”." in texts  # who "she" is


def test_a_quote_fragment_comes_with_its_beginning():
    found = records()
    tail = next(r for r in found if r.text.startswith("Ale kiedy"))
    assert tail.leaning
    ranked = [extract.Candidate(tail, 1.0, 0.9, 1.0, True, True, False, False)]
    chosen = extract.choose(ranked, {(r.doc_id, r.ordinal): r for r in found})
    assert chosen[0].text == "„Było trudno."


def test_a_question_in_a_report_never_answers():
    chosen, _ = answer("Czy warto tworzyć zakłady aktywności zawodowej?")
    assert all(not r.text.endswith("?") for r in chosen)


def test_no_sentence_with_the_asked_number_is_no_answer():
    _, answered = answer("Ile kosztował remont szkoły w Raciechowicach?")
    assert not answered


def test_sentences_know_whom_they_are_about():
    about = {r.text[:25]: r.organisation for r in records()}
    assert about["Jej założycielami byli Gm"] == "Spółdzielnia Socjalna „Przystań”"
    assert about["Zajmuje się organizacją o"] == "Spółdzielnia Socjalna „Apacze”"
    assert about["Spółdzielnia „Lider” zatr"] == "Spółdzielnia Socjalna „Lider”"


@pytest.mark.parametrize(
    ("sentence", "tokens", "absent"),
    [
        ("Spółdzielnia zatrudnia 12 osób.", {"number"}, {"year"}),
        ("Od 1 września 2021 r. w Szkole Podstawowej nr 7.", {"year", "date"}, {"number"}),
        ("Czynne w godz. 8.00–16.00.", set(), {"number"}),
        ("Dotacja wyniosła 1,38 mln zł.", {"money", "number"}, set()),
        ("Skuteczność wyniosła 56 proc.", {"percent"}, set()),
        ("Założyli ją Jan Nowak i Anna Kowalska.", {"person"}, set()),
        ("Sklep „Szafa z Historią” przy ul. Mickiewicza.", {"quoted", "place"}, set()),
        ("Placówka, prowadzona od 2012 r. przez stowarzyszenie, ma 40 miejsc.", {"since"}, set()),
        ("Centrum działa od 2011 r.", {"since", "year"}, set()),
        ("Organizację założył w 2005 r. Henryk Makowski.", {"person", "year"}, set()),
        ("Biuro mieści się przy ul. Długiej 5 w Pile.", {"address", "place"}, set()),
        ("Spółdzielnia działa w Pile.", {"place"}, {"address"}),
        # What an organisation does, in the verbs reports use for trades.
        ("Zimą odśnieża chodniki, a latem kosi trawniki.", {"activity"}, set()),
        ("Kuchnia gotuje obiady dla czterech szkół.", {"activity"}, set()),
        ("Spółdzielnia robi dżemy i kiszonki.", {"activity"}, set()),
        ("Dzięki dotacji z PFRON kupiono piec.", {"means"}, set()),
        # Counts written out in words, as reports often give them.
        ("Obecnie zatrudnia jedenaście osób.", {"number"}, set()),
        ("Pracuje w niej dwanaście osób.", {"number"}, set()),
        ("Z pomocy skorzystało trzynaście rodzin.", {"number"}, set()),
        ("Na jarmark przyszło dwadzieścia kilka osób.", {"number"}, set()),
        ("Rocznie wydaje trzysta obiadów.", {"number"}, set()),
        ("W kawiarni pracuje sześcioro młodych ludzi.", {"number"}, set()),
        ("The cooperative employs eleven people.", {"number"}, set()),
        # Where, said without a town's name.
        ("W centrum miasta prowadzi sklep z sokami.", {"place"}, set()),
        ("Przetwórnię urządzono w budynku dawnej zlewni mleka.", {"place"}, set()),
        ("Pod arkadami rynku otworzyła się nowa kawiarnia.", {"place"}, set()),
        ("Sklep działa obok dworca autobusowego.", {"place"}, set()),
        ("Swoje prace pokazali w średzkim muzeum.", {"place"}, set()),
        # A group counted by a collective noun; Friday is no count.
        ("Za ladą stoi piątka młodych osób.", {"number"}, set()),
        ("W piątek otwarto kawiarnię.", set(), {"number"}),
        # A name given as one, without quotes.
        ("Prowadzi restaurację o nazwie Dobra Karma.", {"quoted"}, set()),
        # A trade named by its workshop.
        ("Dotacja utworzy cztery miejsca pracy w pracowni renowacji mebli.", {"activity"}, set()),
    ],
)
def test_answer_tokens(sentence, tokens, absent):
    found = answer_tokens(sentence)
    assert tokens <= found
    assert not absent & found


@pytest.mark.parametrize(
    ("sentence", "leaning"),
    [
        ("Zajmuje się gastronomią.", True),
        ("Jej założycielami byli mieszkańcy.", True),
        ("Ale kiedy widzi…” – mówi Beata Kołodziej.", True),
        ("Prowadzi sklep i kawiarnię.", True),
        ("Spółdzielnia prowadzi sklep.", False),
        ("W 2019 r. otwarto kawiarnię.", False),
        # What follows from the sentence before is only half a statement without it.
        ("Oznacza to, że o kontrakt mogły ubiegać się tylko spółdzielnie.", True),
        ("Dodatkowo premiowano zatrudnienie bezrobotnych.", True),
        ("Sześć z nich znalazło pracę.", True),
        ("Założyły ją w 2018 r. gmina i stowarzyszenie.", True),
        ("W tym roku otwarto sklep.", False),
    ],
)
def test_sentences_that_cannot_stand_alone(sentence, leaning):
    assert is_leaning(sentence) is leaning


def test_a_fact_split_after_a_year_is_one_sentence():
    text = "Spółdzielnię założyły we wrześniu 2021 r. Gmina Szczytno i Stowarzyszenie „Krąg”."
    [only] = analyse_sentences(text, [])
    assert only.text == text


# A visit that names some stops by kind alone and moves between towns.
TOUR = """Pierwszego dnia uczestnicy pojechali do Wągrowca. Noclegi zapewniono w Wągrowcu \
i w Chodzieży. Kolejnym punktem wizyty był Warsztat Terapii Zajęciowej prowadzony przez \
Stowarzyszenie „Nasz Dom”. Warsztat działa od 2006 r. i obejmuje zajęciami 30 uczestników. \
Kierowniczką warsztatu jest Ewa Mrozek.

Po południu grupa udała się do Chodzieży, gdzie odwiedziła Centrum Integracji Społecznej. \
Prowadzi je Fundacja „Krok po Kroku”, a centrum działa od 2013 r. Rocznie przez zajęcia \
przechodzi 40 osób.

Kilka ulic dalej, w Chodzieży, działa Spółdzielnia Socjalna „Pod Dębem”. Prezeską jest Lidia \
Sowa. Spółdzielnia powstała w 2018 r. i zatrudnia 6 osób."""


def tour_answer(question: str) -> tuple[list[SentenceRecord], bool]:
    """As the Engine answers: a named organisation's own sentences decide whether it is
    answered, and the answer keeps to the sentences about it."""
    analysis, ranked, by_position = scored(question, TOUR)
    own = extract.subject_pool(analysis, ranked)
    naming = analysis.answer_type in extract.NAMING_TYPES
    answered = extract.has_answer(analysis, own or ranked)
    return extract.choose(
        extract.about_the_subject(analysis, ranked), by_position, naming
    ), answered


def test_a_stop_named_only_by_its_kind_is_followed_as_its_own_subject():
    about = {r.text[:30]: r.organisation for r in records(TOUR)}
    # Arriving in a town ends the previous subject; the place alone names no organisation.
    assert about["Pierwszego dnia uczestnicy poj"] == ""
    assert about["Noclegi zapewniono w Wągrowcu "] == ""
    assert about["Warsztat działa od 2006 r. i o"] == "Warsztat Terapii Zajęciowej"
    assert about["Prowadzi je Fundacja „Krok po "] == "Centrum Integracji Społecznej"
    # Named late, but presented with "działa": the cooperative is the new subject.
    assert about["Prezeską jest Lidia Sowa."] == "Spółdzielnia Socjalna „Pod Dębem”"


@pytest.mark.parametrize(
    ("question", "expected", "not_expected"),
    [
        # The town is in the sentence before the one that brings the workshop in.
        ("Od kiedy działa Warsztat Terapii Zajęciowej w Wągrowcu?", "2006 r.", "2013 r."),
        # "działa od" dates a start as "powstało w" does.
        ("Kiedy powstało Centrum Integracji Społecznej w Chodzieży?", "2013 r.", "2018 r."),
        ("Kto jest prezeską Spółdzielni Socjalnej „Pod Dębem”?", "Lidia Sowa", "Ewa Mrozek"),
    ],
)
def test_facts_of_stops_in_a_tour_are_credited_to_them(question, expected, not_expected):
    chosen, answered = tour_answer(question)
    assert answered
    assert expected in text_of(chosen)
    assert not_expected not in text_of(chosen)


def test_another_organisations_fact_does_not_answer_for_the_named_one():
    # The report follows "Pod Dębem" but gives no address for it; the workshop's head count or
    # the centre's year are not its answer.
    _, answered = tour_answer("Ile kosztowało utworzenie Spółdzielni Socjalnej „Pod Dębem”?")
    assert not answered


def test_an_operator_named_in_passing_does_not_take_over_the_subject():
    text = (
        "Dwadzieścia osób znalazło pracę po zajęciach w Centrum Integracji Społecznej w Opatowie. "
        "Placówka, prowadzona od 2012 r. przez Stowarzyszenie „Nowe Jutro”, przedstawiła wyniki. "
        "Oznacza to efektywność zatrudnieniową na poziomie 48 proc."
    )
    credited_to = set(credited(text))
    assert credited_to == {"CIS w Opatowie"}, credited_to


@pytest.mark.parametrize(
    ("name", "text", "found"),
    [
        ("Piły", "Spółdzielnia działa w Pile od 2019 r.", True),
        ("Nowego Targu", "Stowarzyszenie z Nowy Targ", True),
        ("Żywiec", "Kuchnia w Żywcu", True),
        ("Żywca", "Kuchnia w Żywiec", True),
        ("Krakowa", "ZAZ w Krakowie", True),
        ("Lębork", "w Lęborku", True),
        ("Piła", "pilot wycieczki", False),
        ("Opole", "w Opatowie", False),
        # An abbreviation of the field, written out in the report.
        ("Pzp", "art. 94 ustawy Prawo zamówień publicznych", True),
        ("KRS", "wpisano do Krajowego Rejestru Sądowego", True),
        ("PFRON", "ze środków Państwowego Funduszu Rehabilitacji Osób Niepełnosprawnych", True),
        ("KRS", "wpisano do rejestru stowarzyszeń", False),
        # A region by its voivodeship's adjective, inside a compound too, diacritics or none.
        ("Śląsku", "wizyta w województwie dolnośląskim", True),
        ("slasku", "wizyta w województwie dolnośląskim", True),
        ("malopolsce", "wizyta w województwie dolnośląskim", False),
        # A page of the organisation's own site, its name only in the address.
        ("Mienianach", "Źródło: https://www.cismieniany.pl/2018/10/wyjazd/\n\nW lipcu…", True),
        ("Komorniki", "Źródło: https://nowinykomornickie.pl/przywroceni/\n\nCIS…", True),
        ("Gdańsku", "Źródło: https://www.cismieniany.pl/2018/10/wyjazd/\n\nW lipcu…", False),
        ("CIS", "Źródło: https://www.cismieniany.pl/", False),
    ],
)
def test_a_name_is_mentioned_in_any_of_its_cases(name, text, found):
    from praktyki.normalize import fold

    assert extract.mentions(fold(text), name) is found


@pytest.mark.parametrize(
    ("name", "text"),
    [
        # Alternations the case pattern does not follow; the lemmas agree.
        ("Sopot", "Centrum Integracji Społecznej w Sopocie"),
        ("Białystok", "Regionalny Ośrodek Polityki Społecznej w Białymstoku"),
    ],
)
def test_a_place_is_mentioned_by_its_lemma_or_its_region_adjective(name, text):
    from praktyki.normalize import fold

    analyzer = Analyzer()
    report = extract.Named(fold(text), frozenset(analyzer.terms(text)))
    assert not extract.mentions(fold(text), name)
    assert extract.mentions(report, name, lambda word: analyzer.term(word, "pl"))
    assert not extract.mentions(report, "Gdańsku", lambda word: analyzer.term(word, "pl"))


NEWS = """Osiemnastu uczestników Centrum Integracji Społecznej w Sławnie zakończyło program \
reintegracji. Placówkę prowadzi Stowarzyszenie „Most”, a status CIS nadał jej wojewoda w 2011 roku. \
Dziewięć osób z tej grupy już pracuje, a kolejne czekają na rozmowy – mówił kierownik CIS Adam \
Lis. Spółdzielnia socjalna założona przez absolwentów otrzymała 90 tys. zł dotacji na pięć \
miejsc pracy. Siedziba centrum mieści się w Sławnie."""


def test_a_centre_named_by_its_kind_again_is_still_the_one_followed():
    about = {r.text.split()[0]: r.organisation for r in records(NEWS)}
    assert about["Dziewięć"] == about["Osiemnastu"] == "CIS w Sławnie"
    assert about["Placówkę"] == "CIS w Sławnie"  # the operator, said in passing


@pytest.mark.parametrize(
    ("question", "expected", "not_expected"),
    [
        ("Ilu absolwentów CIS w Sławnie ma już pracę?", "Dziewięć osób", "90 tys. zł"),
        ("Kiedy CIS w Sławnie dostał status?", "2011 roku", None),
    ],
)
def test_a_centres_facts_are_credited_to_it(question, expected, not_expected):
    analysis, ranked, by_position = scored(question, NEWS)
    assert extract.has_answer(analysis, extract.subject_pool(analysis, ranked) or ranked)
    chosen = extract.choose(extract.about_the_subject(analysis, ranked), by_position)
    assert expected in text_of(chosen)
    if not_expected:
        assert not_expected not in text_of(chosen)


def test_a_town_is_no_street_address():
    analysis, ranked, _ = scored("Pod jakim adresem działa CIS w Sławnie?", NEWS)
    assert not extract.has_answer(analysis, ranked)


GROWTH = """Warsztat Terapii Zajęciowej w Pułtusku świętował dwudziestolecie. Obecnie w warsztacie \
uczestniczy 40 osób z niepełnosprawnościami. Remont budynku kosztował 1,4 mln zł. W 2019 r. \
stowarzyszenie otrzymało zamówienie o wartości 200 tys. zł."""


@pytest.mark.parametrize(
    "question",
    [
        # Today's figure is no figure of the first year.
        "Ilu uczestników miał Warsztat Terapii Zajęciowej w Pułtusku w pierwszym roku?",
        # An amount of money counts no cooperatives.
        "Ile spółdzielni socjalnych działa w Pułtusku?",
        # A contract's value is no revenue.
        "Jakie przychody miał Warsztat Terapii Zajęciowej w Pułtusku w 2019 roku?",
    ],
)
def test_a_figure_of_another_kind_does_not_answer(question):
    analysis, ranked, _ = scored(question, GROWTH)
    assert not extract.has_answer(analysis, extract.subject_pool(analysis, ranked) or ranked)


def test_a_figure_of_the_kind_asked_answers():
    analysis, ranked, _ = scored(
        "Ilu uczestników ma Warsztat Terapii Zajęciowej w Pułtusku?", GROWTH
    )
    assert extract.has_answer(analysis, ranked)


LAUNDRY = """Fundacja „Świeża Koszula” otworzyła pralnię społeczną w Toruniu w 2020 r. Pralnia jest \
czynna od poniedziałku do piątku w godz. 8.00–16.00. Korzysta z niej 60 osób tygodniowo."""


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("W jakich godzinach jest czynna pralnia Fundacji Świeża Koszula?", "8.00–16.00"),
        ("What are the opening hours of the laundry run by Świeża Koszula?", "8.00–16.00"),
        ("W którym roku Fundacja Świeża Koszula otworzyła pralnię?", "2020 r."),
    ],
)
def test_opening_hours_are_a_time_of_day_not_a_year(question, expected):
    language = "en" if question.startswith("What") else "pl"
    analysis, ranked, by_position = scored(question, LAUNDRY, language)
    assert extract.has_answer(analysis, ranked)
    assert expected in text_of(extract.choose(ranked, by_position))


def test_an_operator_named_as_such_does_not_take_over_the_subject():
    text = (
        "Trzeciego dnia uczestnicy odwiedzili Zakład Aktywności Zawodowej w Miliczu. "
        "Status ZAZ placówka uzyskała w 2015 r., a jej organizatorem jest Fundacja „Staw”. "
        "Rocznie sprzedaje ok. 40 ton ryb."
    )
    credited_to = credited(text)
    assert credited_to[1] == credited_to[2] == credited_to[0] != "", credited_to


def test_an_agenda_naming_every_stop_does_not_credit_the_first_stop_to_the_last():
    text = (
        "Program wizyty\n\n"
        "- 5 maja: Pisz – Spółdzielnia Socjalna „Jaćwież”\n"
        "- 6 maja: Ełk – Spółdzielnia Socjalna „Rybitwa”, podsumowanie\n\n"
        "Dzień pierwszy: Pisz\n\n"
        "Na przystani czekał na nas Jan Kos, prezes Spółdzielni Socjalnej „Jaćwież”. "
        "Dziś w spółdzielni pracuje siedem osób."
    )
    names = [o["name"] for o in find_organisations(text)]
    records = analyse_sentences(text, names)
    assert "Jaćwież" in records[-1].organisation, [(r.text, r.organisation) for r in records]
    assert "Rybitwa" in records[2].organisation


def test_a_sentence_leaning_on_a_place_can_present_the_next_organisation():
    text = (
        "Pierwszym punktem była Fundacja „Lipowy Dwór” w Brzozowie. Fundacja prowadzi WTZ. "
        "Drugiego dnia grupa zwiedziła Krosno, miasto z tradycją hutnictwa szkła. "
        "Tu działa Spółdzielnia Socjalna „Kryształ”. "
        "Obecnie zatrudnia jedenaście osób. "
        "Założyły ją w 2018 r. Gmina Krosno i Stowarzyszenie „Przystań”."
    )
    credited_to = credited(text)
    assert all("Kryształ" in c for c in credited_to[3:]), credited_to


def test_a_short_whole_sentence_is_not_a_heading():
    records = analyse_sentences("Spółdzielnia uprawia winorośl.\n\nZatrudnia osiem osób.", [])
    assert "fragment" not in records[-1].tokens
    [heading] = analyse_sentences("Czytaj więcej", [])
    assert "fragment" in heading.tokens


def test_a_town_whose_name_lemmatises_as_a_word_still_names_the_organisation():
    # "Świecie" is also the locative of "świat": the lemma of the question's word and that of
    # the report's "w Świeciu" differ; the written words do not.
    text = (
        "Pierwszym punktem był Zakład Aktywności Zawodowej w Chełmnie. "
        "Zakład otwarto w 2015 r. na terenie dawnego gospodarstwa. "
        "Drugim punktem był Zakład Aktywności Zawodowej w Świeciu. "
        "Zakład otwarto w październiku 2011 r. Utworzyło go Stowarzyszenie „Nad Wdą”."
    )
    analysis, ranked, by_position = scored("ZAZ Świecie data otwarcia", text)
    answer = text_of(extract.choose(ranked, by_position))
    assert "2011" in answer and "2015" not in answer, analysis


def test_what_an_organisation_makes_answers_what_it_produces():
    text = (
        "Drugiego dnia czekała na nas Spółdzielnia Socjalna „Beskidzka Spiżarnia”. "
        "Uczestnicy pytali o to, jak spółdzielnia radzi sobie z sezonowością produkcji. "
        "Spółdzielnia robi dżemy, powidła i kiszonki z owoców od małych gospodarstw."
    )
    _analysis, ranked, by_position = scored(
        "What does the Beskidzka Spiżarnia social cooperative produce?", text, "en"
    )
    assert "dżemy" in text_of(extract.choose(ranked, by_position))


def test_the_sentence_closest_in_meaning_goes_with_the_best_scored_one():
    # A paraphrase shares no word with the sentence that answers it; the encoder finds it.
    text = (
        "Spółdzielnia Socjalna „Szekla” w Giżycku działa nad jeziorem Niegocin. "
        "W sezonie spółdzielnia zarabia na wypożyczaniu kajaków. "
        "Latem zarabia też na sprzątaniu plaży miejskiej w Giżycku. "
        "Zimą odśnieża chodniki na osiedlach, a jesienią konserwuje łodzie."
    )
    _analysis, ranked, by_position = scored(
        "Czym zarabia spółdzielnia z Giżycka poza sezonem?", text, cosines=[0.80, 0.81, 0.80, 0.86]
    )
    assert "odśnieża chodniki" in text_of(extract.choose(ranked, by_position))


@pytest.mark.parametrize(
    "presenting",
    [
        "Tam czekała na nas Spółdzielnia Socjalna „Zalew”.",
        "Po raz pierwszy na jarmarku pojawiła się Spółdzielnia Socjalna „Zalew” z Fromborka.",
        "W Pieniężnie przyjęła nas Spółdzielnia Socjalna „Zalew”.",
    ],
)
def test_a_visit_sentence_that_presents_its_host_late_moves_on_to_it(presenting):
    text = (
        "Pierwszym punktem była Fundacja „Lipowy Dwór” w Braniewie. Fundacja prowadzi WTZ. "
        + presenting
        + " Zatrudnia pięć osób."
    )
    credited_to = credited(text)
    assert "Zalew" in credited_to[-1], credited_to


@pytest.mark.parametrize(
    "operator",
    [
        "Centrum prowadzi od 2010 r. Fundacja „Kurpiowski Most”.",
        "Utworzyło go Stowarzyszenie „Kurpiowski Most”, które prowadziło wcześniej WTZ.",
    ],
)
def test_an_operator_named_after_its_verb_does_not_take_over_the_subject(operator):
    text = (
        "Absolwenci Centrum Integracji Społecznej w Ostrołęce odebrali świadectwa. "
        + operator
        + " Z tegorocznej grupy jedenaście osób już podjęło pracę."
    )
    credited_to = credited(text)
    assert credited_to[-1] == credited_to[0] != "", credited_to


def test_the_date_of_a_visit_is_told_of_the_visit_not_of_the_host_that_identifies_it():
    text = (
        "W dniach 15-16 marca 2018 roku odbyła się dwudniowa wizyta studyjna w Łomży. "
        "Uczestniczyli w niej przedstawiciele samorządów z naszego regionu. "
        "Głównym celem wizyty była wymiana dobrych praktyk. "
        "Pierwszym punktem była Spółdzielnia Socjalna „Alexis”. "
        "Spółdzielnia prowadzi siłownię i zatrudnia sześć osób."
    )
    analysis, ranked, by_position = scored(
        "Kiedy odbyła się wizyta, podczas której odwiedzono Spółdzielnię Socjalną „Alexis”?", text
    )
    assert extract.has_answer(analysis, extract.subject_pool(analysis, ranked) or ranked)
    chosen = extract.choose(extract.about_the_subject(analysis, ranked), by_position)
    assert "15-16 marca 2018" in text_of(chosen)


def test_an_answer_for_a_year_without_any_year_is_no_answer():
    text = (
        "Następnie odbyło się spotkanie w Centrum Integracji Społecznej Piątkowo, które "
        "prowadzone jest przez Stowarzyszenie „Etap”. "
        "Kolejnym miejscem była Spółdzielnia Socjalna „Dobra”, założona w 2008 r. przez rodziców."
    )
    analysis, ranked, by_position = scored("W którym roku założono Stowarzyszenie „Etap”?", text)
    chosen = extract.choose(extract.about_the_subject(analysis, ranked), by_position)
    assert "2008" not in text_of(chosen)
    assert extract.lacks_answer(analysis, chosen)
    analysis, ranked, by_position = scored("W którym roku założono Spółdzielnię „Dobra”?", text)
    chosen = extract.choose(extract.about_the_subject(analysis, ranked), by_position)
    assert not extract.lacks_answer(analysis, chosen), text_of(chosen)


def test_an_english_count_with_words_before_its_noun_is_answered_by_a_share_of_people():
    text = (
        "Spółdzielnia socjalna powstaje w Cedyni. "
        "W Cedyni osób długotrwale bezrobotnych jest 90. "
        "Na początek pracę dostanie pięć z nich."
    )
    analysis, ranked, by_position = scored(
        "How many long-term unemployed people will get jobs at the new social cooperative in "
        "Cedynia at the start?",
        text,
        "en",
    )
    assert "osoba" in analysis.counted
    assert extract.has_answer(analysis, ranked)
    assert "pięć z nich" in text_of(extract.choose(ranked, by_position))


def test_context_already_shown_takes_no_room_from_a_runner_up():
    text = (
        "Pierwszym punktem była wizyta w Nidzicy, w spółdzielni socjalnej „Nie jesteś sam”. "
        "Wiceprezes Michał Wójcik opowiedział o początkach spółdzielni. "
        "Spółdzielnia działa w branży gastronomiczno-cateringowej, a jej specjalnością są pierogi."
    )
    _analysis, ranked, by_position = scored(
        "Czy spółdzielnia socjalna „Nie jesteś sam” z Nidzicy działa w branży gastronomicznej?",
        text,
        cosines=[0.95, 0.80, 0.88],
    )
    assert "gastronomiczno-cateringowej" in text_of(extract.choose(ranked, by_position, True))


@pytest.mark.parametrize(
    "sentence",
    [
        "Spotkanie otworzyła prezentacja, którą przygotowała Anna Nowak.",
        # Coordination of a project is no one coordinating the cooperative.
        "Wizytę zorganizował ROPS w Białymstoku w ramach projektu „Koordynacja i monitorowanie "
        "rozwoju ekonomii społecznej”, który przedstawiła Anna Nowak.",
    ],
)
def test_a_word_sharing_five_letters_with_a_relation_does_not_state_it(sentence):
    text = "Spółdzielnia Socjalna „Zgoda” działa w Byczynie. " + sentence
    _analysis, ranked, _ = scored("Kto jest prezesem Spółdzielni Socjalnej „Zgoda”?", text)
    [presenting] = [c for c in ranked if c.record.text == sentence]
    assert not presenting.relevant and not presenting.answers


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        ("Ilu sprzedających rozłożyło stragany na placu?", "Swoje wyroby pokazało czternastu wystawców."),
        ("Ile pojemników z przetworami rocznie wypełnia spółdzielnia?", "Rocznie napełnia ok. 40 tys. słoików."),
        ("Ile grup muzycznych wystąpiło na festiwalu?", "Na scenie wystąpiło dwanaście zespołów."),
        ("Ilu bywalców klubu dostało etat?", "Pracę znalazło sześciu uczestników klubu."),
    ],
)  # fmt: skip
def test_a_count_of_the_same_things_in_other_words_answers(question, sentence):
    text = "Spółdzielnia Socjalna „Zalew” działa w Braniewie. " + sentence
    analysis, ranked, _ = scored(question, text)
    [counting] = [c for c in ranked if c.record.text == sentence]
    assert counting.carries, analysis.counted


def test_a_yes_no_answer_is_not_crowded_out_by_the_sentences_naming_the_organisation():
    text = (
        "Ostatnim punktem programu był Klub Integracji Społecznej w Węgorzewie. "
        "Koordynatorka klubu opowiedziała o jego początkach. "
        "W 2018 r. klub objął wsparciem grupę 14 kobiet długotrwale bezrobotnych. "
        "Jak dodała, klub nie wypłaca uczestniczkom żadnych świadczeń, a jedyną nagrodą za "
        "udział są nowe kwalifikacje."
    )
    analysis, ranked, by_position = scored(
        "Do the women taking part in the KIS in Węgorzewo receive any benefit payments?",
        text,
        "en",
        cosines=[0.80, 0.79, 0.82, 0.80],
    )
    naming = analysis.answer_type in extract.NAMING_TYPES  # as Engine.answer decides
    assert "żadnych świadczeń" in text_of(extract.choose(ranked, by_position, naming))


def test_a_name_written_in_capitals_is_an_organisation():
    text = (
        "Z Krakowa udaliśmy się do SPÓŁDZIELNI SOCJALNEJ PRZYSTAŃ w Kwapince. "
        "Spółdzielnia prowadzi pensjonat na 20 łóżek."
    )
    assert [o["name"] for o in find_organisations(text)] == ["Spółdzielnia Socjalna Przystań"]
    assert credited(text) == ["Spółdzielnia Socjalna Przystań"] * 2


def test_a_supporter_named_in_passing_does_not_take_over_the_subject():
    text = (
        "Najpierw pojechaliśmy do Spółdzielni Socjalnej „Spiżarnia Kujawska” w Aleksandrowie. "
        "Podmiot powstał w 2012 roku przy wsparciu Stowarzyszenia „Tłok” z Torunia. "
        "Spółdzielnia dostarcza dziś 250 obiadów dziennie do przedszkoli."
    )
    credited_to = credited(text)
    assert credited_to[1] == credited_to[0] != "", credited_to


def test_an_organisation_sharing_one_word_of_the_name_is_not_the_one_asked_about():
    # "WIGOR" is one word of "Borowiacki Wigor", and the commoner one.
    text = (
        "Pierwszego dnia grupa odwiedziła Dom Dziennego Pobytu w Żalinowie, prowadzony przez "
        "Spółdzielnię Socjalną „Wigor”. "
        "Drugiego dnia uczestnicy zwiedzili Spółdzielnię Socjalną „Borowiacki Wigor” w Gostycynie."
    )
    idf = {"borowiacki": 3.0, "wigor": 1.0}
    _analysis, ranked, by_position = scored(
        "Gdzie działa Spółdzielnia Socjalna „Borowiacki Wigor”?",
        text,
        idf=lambda t: idf.get(t, 1.0),
    )
    answer = text_of(extract.choose(ranked, by_position))
    assert "Gostycynie" in answer and "Żalinowie" not in answer, answer


def test_a_question_about_the_past_is_not_answered_by_plans():
    text = (
        "II Jarmark Ekonomii Społecznej w Braniewie. "
        "W sobotę 18 września 2021 r. plac przy ratuszu zamienił się w kolorowy jarmark. "
        "Swoje wyroby pokazało czternastu wystawców. "
        "Kolejny jarmark w Braniewie odbędzie się w czerwcu 2022 r."
    )
    _analysis, ranked, _ = scored("Kiedy odbył się jarmark w Braniewie?", text)
    assert "18 września 2021" in text_of([ranked[0].record])


def test_a_name_sharing_only_a_common_word_with_the_subject_is_not_its():
    text = "Klub prowadzi Stowarzyszenie „Nowy Start” z Olecka. Klub działa od 2018 r."
    rare = {"nowy": 0.2}
    analysis, ranked, _ = scored(
        "Kiedy powstało stowarzyszenie z Nowego Targu?", text, idf=lambda t: rare.get(t, 3.0)
    )
    assert not any(c.own_subject for c in ranked), analysis


def test_a_new_day_of_the_visit_leaves_the_last_stop():
    text = (
        "Pierwszym punktem była Spółdzielnia Socjalna „Lipa” w Strzyżowie. Działa od lat.\n\n"
        "Dzień 2 (22 września) – Krosno i Brzozów.\n\n"
        "Drugi dzień rozpoczął się w Krośnie, mieście z tradycją hutnictwa szkła."
    )
    credited_to = credited(text)
    assert credited_to[0] and credited_to[2:] == ["", ""], credited_to


def test_collecting_diplomas_is_receiving_them():
    text = (
        "W piątek w Ostrołęce zakończyła się kolejna edycja programu CIS. "
        "W zajęciach w Ostrołęce brało udział 30 osób. "
        "Świadectwa ukończenia zajęć odebrało 23 absolwentów."
    )
    analysis, ranked, _ = scored("Ile osób dostało dyplomy w Ostrołęce?", text)
    assert "23 absolwentów" in text_of([ranked[0].record]), analysis


def test_taking_part_is_participating():
    text = (
        "Relacja z wizyty studyjnej do woj. kujawsko-pomorskiego w dniach 10-13.05.2022 r. "
        "Wizytę zorganizował Regionalny Ośrodek Polityki Społecznej w Białymstoku. "
        "W wyjeździe udział wzięło 26 osób – pracowników ośrodków pomocy społecznej i ROPS. "
        "W sumie podczas wizyty odwiedzono siedem podmiotów ekonomii społecznej."
    )
    analysis, ranked, _ = scored(
        "Ile osób uczestniczyło w wizycie studyjnej ROPS Białystok do województwa "
        "kujawsko-pomorskiego?",
        text,
    )
    assert ranked[0].answers and "26 osób" in ranked[0].record.text, analysis


def test_which_unit_of_a_kind_is_answered_by_a_list_line_naming_one_and_its_award():
    text = (
        "Organizatorem konkursu jest Regionalny Ośrodek Polityki Społecznej w Zielonej Górze.\n\n"
        "- LAUREAT Spółdzielnia Socjalna „Victoria” kategoria I.\n"
        "- WYRÓŻNIENIE Zakład Aktywności Zawodowej w Kamieniu Wielkim kategoria III.\n"
    )
    analysis, ranked, _ = scored("jaki zaz dostal wyroznienie w konkursie rops zielona gora", text)
    best = next(c for c in ranked if c.answers)
    assert "Kamieniu Wielkim" in best.record.text, analysis


def test_the_role_a_person_is_asked_for_answers_with_the_person_in_it():
    text = (
        "W dniach 6-7 marca gościliśmy przedstawicieli OWES-ów z Makroregionu IV. "
        "Nasi goście odwiedzili spółdzielnie socjalne w subregionie konińskim. "
        "Opiekunem grupy podczas wizyty był Dawid Zbawicki - doradca kluczowy OWES."
    )
    question = "Kto był opiekunem przedstawicieli OWES-ów z Makroregionu IV podczas objazdu?"
    analysis, ranked, _ = scored(question, text)
    assert analysis.role == "opiekun"
    best = next(c for c in ranked if c.answers)
    assert "Dawid Zbawicki" in best.record.text


def test_a_sentence_credited_to_no_one_in_a_report_on_the_subject_may_answer():
    text = (
        "Centrum Integracji Społecznej przy Towarzystwie Brata Alberta w Rzeszowie obchodzi "
        "jubileusz. Do chwili obecnej z usług naszego CIS skorzystało przeszło 500 osób.\n\n"
        "Pierwsze zajęcia rozpoczęły się na początku 2009 roku i wzięło w nich udział 17 osób."
    )
    question = (
        "How many people took part in the first classes of the Brother Albert social "
        "integration centre in Rzeszów in early 2009?"
    )
    analysis, ranked, _ = scored(question, text, "en", cosines=[0.77, 0.78, 0.83])
    # The year counts in an English question's focus, as it reads the same in Polish.
    assert frozenset({"2009"}) in [u for u, _ in extract.focus_units(analysis)]
    best = extract.about_the_subject(analysis, ranked)[0]
    assert "17 osób" in best.record.text


def test_an_english_question_for_a_role_typed_in_polish_is_answered_by_the_role():
    text = (
        "Gmina Morzeszczyn i gmina Pelplin powołały Kociewską Spółdzielnię Socjalną.\n\n"
        "Inicjatorem powołania spółdzielni był burmistrz Patryk Demski - mówi Mirosław Chyła.\n\n"
        "Piotr Laniecki, wójt Morzeszczyna przyznał, że stworzenie spółdzielni jest trudne."
    )
    question = "Who is the wójt of Morzeszczyn quoted about founding the Kociewie cooperative?"
    analysis, ranked, _ = scored(question, text, "en", cosines=[0.80, 0.85, 0.78])
    # It states no founding, yet it names the wójt the question asks for.
    [naming] = [c for c in ranked if "Piotr Laniecki" in c.record.text]
    assert naming.answers, analysis


def test_an_organisation_named_after_the_town_is_not_the_centre_asked_by_its_town():
    text = (
        "Centrum Integracji Społecznej w Świętochłowicach świętuje 10-lecie.\n\n"
        "Wizytę studyjną koordynowała Fundacja Rozwoju Świętochłowic, którą kieruje Jan Nowak."
    )
    analysis, ranked, _ = scored(
        "Kto jest dyrektorem Centrum Integracji Społecznej w Świętochłowicach?", text
    )
    [foundation] = [c for c in ranked if "Fundacja" in c.record.text]
    assert not foundation.about_subject and not foundation.own_subject, analysis


def test_money_added_is_a_cost_in_either_aspect():
    text = (
        "Centrum Integracji Społecznej w Ostrołęce działa od czterech lat. "
        "W podpisaniu umowy wzięli udział radni i przedsiębiorcy. "
        "2,5 mln zł, które dokładamy, dadzą szansę na zatrudnienie 70 osób."
    )
    analysis, ranked, _ = scored("Jaką kwotę dołożono na CIS w Ostrołęce?", text)
    assert ranked[0].answers and "2,5 mln zł" in ranked[0].record.text, analysis


def test_a_question_about_plans_asked_in_the_past_tense_is_answered_by_plans():
    text = (
        "W sobotę 18 września 2021 r. plac przy ratuszu zamienił się w kolorowy jarmark. "
        "Kolejny jarmark w Braniewie odbędzie się w czerwcu 2022 r."
    )
    _analysis, ranked, _ = scored("Na kiedy zaplanowano następny jarmark w Braniewie?", text)
    assert "czerwcu 2022" in text_of([ranked[0].record])


def test_a_close_runner_up_after_a_weaker_sentence_of_the_subject_is_still_chosen():
    # about_the_subject puts the subject's own sentences first, so scores need not fall.
    found = records(
        "Hostel otwarto w lipcu 2021 r. w Żurominie. Spółdzielnia ma dziesięć pokoi. "
        "Jeszcze trzy lata temu w budynku dawnej szkoły w Żurominie straszyły powybijane okna."
    )

    def candidate(record: SentenceRecord, score: float, own: bool) -> extract.Candidate:
        return extract.Candidate(record, score, 0.8, 0.5, True, True, True, False, True, own)

    ranked = [candidate(found[0], 2.0, True), candidate(found[1], 0.5, True)]
    ranked.append(candidate(found[2], 1.7, False))
    chosen = extract.choose(ranked, {(r.doc_id, r.ordinal): r for r in found})
    assert found[2] in chosen


def test_what_was_paid_answers_how_much_something_cost():
    text = (
        "Pierwszym punktem była Spółdzielnia Socjalna „Puszczańskie Jadło” w Hajnówce. "
        "W 2021 r. spółdzielnia kupiła food trucka, za który zapłaciła 95 tys. zł. "
        "Dziś pracuje w niej dziewięć osób."
    )
    for question, language in (
        ("How much did the Puszczańskie Jadło cooperative pay for its food truck?", "en"),
        ("Ile spółdzielnia Puszczańskie Jadło zapłaciła za food trucka?", "pl"),
    ):
        analysis, ranked, by_position = scored(question, text, language)
        assert extract.has_answer(analysis, ranked), question
        assert "95 tys. zł" in text_of(extract.choose(ranked, by_position))


def test_a_winner_named_after_its_verb_becomes_the_subject():
    text = (
        "Nagrodę główną otrzymała Spółdzielnia Socjalna „Smaki Pojezierza” z Wałcza. "
        "Obecnie zatrudnia 21 osób. "
        "W kategorii poświęconej zatrudnianiu osób z niepełnosprawnościami nagrodę zdobył "
        "Zakład Aktywności Zawodowej w Stargardzie, prowadzony przez Stowarzyszenie „Bez Barier”. "
        "Obecnie zatrudnia 64 osoby. "
        "Wyróżnienie wręczono z rąk marszałka, a dotację otrzymała od Fundacji „Pomost”."
    )
    credited_to = credited(text)
    assert "Smaki Pojezierza" in credited_to[1]
    assert credited_to[2] == credited_to[3] and "Stargard" in credited_to[3], credited_to
    assert credited_to[4] == credited_to[3]  # a giver after "od" is not the new subject


def test_a_social_enterprise_is_an_organisation_and_the_town_visited_says_where_it_is():
    text = (
        "Rano grupa zwiedziła pracownię Stowarzyszenia „Warta Razem” w Kaliszu. "
        "Po południu uczestnicy odwiedzili Ostrów Wielkopolski. "
        "Kolejnym punktem wizyty było przedsiębiorstwo społeczne „EkoSort” sp. z o.o. non-profit. "
        "Zajmuje się doczyszczaniem surowców wtórnych z selektywnej zbiórki odpadów."
    )
    assert {
        "name": "Przedsiębiorstwo Społeczne „EkoSort”",
        "form": "przedsiębiorstwo społeczne",
    } in (find_organisations(text))
    assert "place" in answer_tokens("Po południu uczestnicy odwiedzili Ostrów Wielkopolski.")
    assert "place" not in answer_tokens("Uczestnicy odwiedzili Fundację Nowak.")
    analysis, ranked, by_position = scored(
        "Gdzie działa przedsiębiorstwo społeczne „EkoSort”?", text
    )
    assert extract.has_answer(analysis, ranked)
    assert "Ostrów Wielkopolski" in text_of(extract.choose(ranked, by_position))


SORTING = """Spółdzielnia Socjalna „Czysta Gmina” prowadzi sortownię odpadów w Kępnie. Przez \
sortownię przechodzi dziennie 12 ton odpadów z okolicznych gmin. Spółdzielnię założyło w 2015 r. \
pięć osób, a dotacja na jej start wyniosła 120 tys. zł."""


def test_what_is_weighed_is_answered_by_its_weight():
    analysis, ranked, _ = scored(
        "Ile śmieci dziennie przechodzi przez sortownię spółdzielni Czysta Gmina?", SORTING
    )
    assert extract.has_answer(analysis, ranked)
    assert "12 ton" in next(c.record.text for c in ranked if c.answers)
    # People are counted, not weighed; a weight in a sentence about sorting counts no bicycles.
    for question in (
        "Ile osób pracuje w sortowni Czysta Gmina?",
        "Ile rowerów naprawia Czysta Gmina?",
    ):
        _, ranked, _ = scored(question, SORTING)
        assert not any(c.carries and "12 ton" in c.record.text for c in ranked), question


OPERATED = """Po południu grupa pojechała do Wałbrzycha. Kolejnym punktem wizyty była Fundacja \
„Wrzos”. Zajmuje się renowacją używanych mebli. Fundacja powstała w 2012 r. z inicjatywy \
pracowników socjalnych. Ostatniego dnia uczestnicy odwiedzili Warsztat Terapii Zajęciowej \
w Bystrzycy Kłodzkiej. Prowadzi go Stowarzyszenie „Szansa”. Warsztat obejmuje rehabilitacją \
30 uczestników."""


def test_an_operators_founding_does_not_date_the_unit_it_runs():
    analysis, ranked, _ = scored(
        "Kiedy powstał Warsztat Terapii Zajęciowej w Bystrzycy Kłodzkiej?", OPERATED
    )
    assert not extract.has_answer(analysis, extract.subject_pool(analysis, ranked) or ranked)
    # …while the operator still speaks for what the unit does.
    analysis, ranked, _ = scored(
        "Ilu uczestników ma Warsztat Terapii Zajęciowej w Bystrzycy Kłodzkiej?", OPERATED
    )
    assert extract.has_answer(analysis, ranked)


CANTEEN = """Spółdzielnia Socjalna „Dobre Talerze” prowadzi stołówkę w szkole w Gorzowie. Umowa na rok \
szkolny ma wartość ok. 1,1 mln zł brutto. Codziennie kuchnia wydaje 430 posiłków, a rodzice \
płacą za jeden obiad 8,50 zł."""


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Ile płacą rodzice za obiad w stołówce spółdzielni Dobre Talerze?", "pl"),
        ("How much do parents pay for a lunch from the Dobre Talerze cooperative?", "en"),
    ],
)
def test_what_parents_pay_is_a_cost(question, language):
    _, ranked, _ = scored(question, CANTEEN, language)
    assert "8,50 zł" in next(c.record.text for c in ranked if c.answers)


CLUB = """Klub Integracji Społecznej w Węgorzewie objął w 2018 r. wsparciem 14 kobiet długotrwale \
bezrobotnych. Uczestniczki przeszły kurs opiekunki osób starszych. Sześć z nich znalazło \
zatrudnienie w usługach opiekuńczych."""


def test_a_share_of_the_people_named_before_is_a_count_of_them():
    _, ranked, _ = scored("Ile kobiet z KIS w Węgorzewie znalazło pracę?", CLUB)
    assert "Sześć z nich" in next(c.record.text for c in ranked if c.answers)


TENDER = """Od stycznia sprzątanie budynków starostwa w Ełku prowadzi Spółdzielnia Socjalna \
„Jeziorna”. Na sprzątanie budynków zarząd powiatu ogłosił zamówienie zastrzeżone na podstawie \
art. 94 ustawy Prawo zamówień publicznych. Spółdzielnia zatrudnia 16 osób i sprząta sześć budynków."""


def test_how_it_was_done_is_answered_by_the_instrument_used():
    # "Jak to zrobić?" about an example: the tender mode is the answer, not the head count.
    _, ranked, _ = scored(
        "Jak powiat może zlecić sprzątanie budynków firmie zatrudniającej bezrobotnych?", TENDER
    )
    assert "zamówienie zastrzeżone" in ranked[0].record.text
    # …also when the question says it is to be paid for: the instrument says how.
    _, ranked, _ = scored("Jak powiat może zlecić i opłacić sprzątanie budynków?", TENDER)
    assert "zamówienie zastrzeżone" in ranked[0].record.text
    assert "means" in answer_tokens("Kawiarnię sfinansowano ze środków PFRON i z darowizn.")
    assert "means" not in answer_tokens("Spółdzielnia zatrudnia 16 osób na umowę o pracę.")


SAILS = """Centrum Integracji Społecznej „Kotwica” w Gdyni podsumowało miniony rok. Do centrum \
trafiają osoby długotrwale bezrobotne i wychodzące z bezdomności. Uczestnicy otrzymują \
świadczenie integracyjne i pracują w czterech warsztatach. Kluby żeglarskie oddają zużyte \
żagle, a uczestnicy szyją z nich torby i plecaki."""


def test_an_answer_about_an_organisation_the_question_does_not_name_says_which_it_is():
    _, ranked, by_position = scored("torby z żagli", SAILS)
    assert "szyją z nich torby" in ranked[0].record.text
    chosen = extract.choose(ranked, by_position, naming=True, introduce=True)
    assert "„Kotwica” w Gdyni" in text_of(chosen)
    assert "szyją z nich torby" in text_of(chosen)
    # Asked about by name, the organisation needs no introduction.
    assert "Kotwica" not in text_of(extract.choose(ranked, by_position, naming=True))


FAIR = """Targi Ekonomii Społecznej odbyły się w hali Targów Kielce. Organizatorem był Regionalny \
Ośrodek Polityki Społecznej w Kielcach. W kategorii „Przedsiębiorstwo roku” zwyciężyła \
Spółdzielnia Socjalna „Zielone Ponidzie” z Buska-Zdroju."""


def test_who_won_at_a_named_place_is_another_organisation_than_the_place():
    _, ranked, _ = scored("kto wygral konkurs na targach w kielcach", FAIR)
    assert "Zielone Ponidzie" in ranked[0].record.text


HELPERS = """Kolejnym punktem wizyty była Spółdzielnia Socjalna „Pomocna Dłoń” w Koninie. Jej \
założycielkami było siedem opiekunek, które wcześniej pracowały bez umów. Zajmuje się usługami \
opiekuńczymi. Następnie grupa odwiedziła Centrum Integracji Społecznej w Gnieźnie. Centrum \
prowadzi warsztat stolarski. Przedstawicielki ośrodka pomocy społecznej z Braniewa zapowiedziały, \
że spróbują zainteresować opiekunki założeniem spółdzielni na wzór „Pomocnej Dłoni”."""


def test_described_founders_answer_before_a_passing_mention_of_the_organisation():
    analysis, ranked, _ = scored("Kto założył spółdzielnię Pomocna Dłoń w Koninie?", HELPERS)
    best = extract.about_the_subject(analysis, ranked)[0]
    assert "siedem opiekunek" in best.record.text


def test_registration_dates_a_start():
    text = """Fundacja „Wrzos” prowadzi sklep z używaną odzieżą. Fundacja została zarejestrowana \
w KRS w 2014 r. W 2019 r. sklep odwiedziło 3 tys. klientów."""
    analysis, ranked, _ = scored("Kiedy powstała Fundacja Wrzos?", text)
    assert extract.has_answer(analysis, ranked)
    assert "2014" in next(c.record.text for c in ranked if c.answers)


def test_an_organisation_named_by_its_kind_alone_is_the_last_one_of_that_kind():
    text = """Wizyta studyjna odbyła się w Spółdzielni Socjalnej „Młyn” w Ostrowi. Uczestnikami \
byli beneficjenci Klubu Integracji Społecznej „Razem” z Łukowa. Prezes spółdzielni – pani Ewa \
Sosna opowiedziała o jej historii. Spółdzielnie socjalne to ważni pracodawcy w regionie."""
    credited_to = credited(text)
    assert credited_to[1] == "KIS „Razem”"
    assert credited_to[2] == "Spółdzielnia Socjalna „Młyn”"
    # The plural speaks of the kind in general: the credit does not move.
    assert credited_to[3] == credited_to[2]


def test_a_unit_named_by_kind_alone_is_credited_apart_from_its_operator_only_across_kinds():
    koźmin = """Spółdzielnia Socjalna „Vivo” sprząta ulice gminy Koźmin. Zakład Aktywności \
Zawodowej powstał w grudniu 2007 r. z inicjatywy radnych."""
    assert credited(koźmin) == ["Spółdzielnia Socjalna „Vivo”", "Zakład Aktywności Zawodowej"]
    # A foundation's workshop is its own story, told from either side.
    leszno = """Uczestnicy odwiedzili Fundację „Pracownia” w Lesznie. Fundacja prowadzi zakład \
aktywności zawodowej. W ZAZ pracuje 26 osób z niepełnosprawnościami."""
    assert set(credited(leszno)) == {"Fundacja „Pracownia”"}


def test_the_one_unnamed_unit_of_a_report_on_the_place_asked_about_answers_for_it():
    text = """W gminie Koźmin Wielkopolski działa Spółdzielnia Socjalna „Vivo”, która sprząta \
ulice. Zakład Aktywności Zawodowej powstał w grudniu 2007 r. z inicjatywy radnych."""
    analysis, ranked, _ = scored(
        "W którym roku powstał Zakład Aktywności Zawodowej w Koźminie Wielkopolskim?", text
    )
    assert extract.has_answer(analysis, ranked)
    assert "2007" in next(c.record.text for c in ranked if c.answers)


def test_the_one_awarded_is_the_subject_however_far_into_the_sentence():
    text = """Kolejnym punktem była Spółdzielnia Socjalna „Alfa”. W tegorocznej edycji konkursu \
wojewódzkiego w kategorii głównej pierwsze miejsce zdobyła Spółdzielnia Socjalna „Beta” z \
Ostrowa. Doceniono ją za innowacje. Wyróżnienia w kategorii głównej konkursu Lider 2022 \
przyznano Spółdzielni Socjalnej Czystość z Sękowej. Doceniono ją za park maszynowy."""
    credited_to = credited(text)
    assert credited_to[1:3] == ["Spółdzielnia Socjalna „Beta”"] * 2
    assert credited_to[3:] == ["Spółdzielnia Socjalna Czystość"] * 2


def test_a_report_naming_the_subject_only_in_a_heading_is_still_about_it():
    text = "Lider Reintegracji\n\n- LAUREAT Centrum Integracji Społecznej „Rozwój” w Kożuchowie."
    found = [r for r in records(text) if "fragment" not in r.tokens]
    analyzer = Analyzer()
    analyzer.learn([text])
    analysis = analyse("Kto został laureatem kategorii Lider Reintegracji?", "pl", analyzer)

    def score(naming: frozenset[str]) -> list[extract.Candidate]:
        return extract.score_candidates(
            analysis, found, np.zeros(len(found), np.float32), {DOC: 0}, {},
            lambda name: frozenset(analyzer.terms(name)), analyzer.term,
            naming_docs=naming,
        )  # fmt: skip

    assert all(c.off_report for c in score(frozenset()))
    assert not any(c.off_report for c in score(frozenset({DOC})))


def test_a_count_inside_an_adjective_answers_how_many():
    text = """Czterodniowa wizyta studyjna ROPS odbyła się w październiku 2025 r. Uczestnicy \
odwiedzili trzy spółdzielnie socjalne."""
    analysis, ranked, _ = scored("Ile dni trwała wizyta studyjna ROPS?", text)
    assert extract.has_answer(analysis, ranked)
    assert "Czterodniowa" in next(c.record.text for c in ranked if c.answers)


def test_a_unit_named_in_passing_in_a_report_on_the_asked_place_answers_for_it():
    text = """Gmina Koźmin Wielkopolski wspiera Spółdzielnię Socjalną „Vivo”. Wśród produktów \
kupowanych przez gminę od Zakładu Aktywności Zawodowej należy wyróżnić usługi poligraficzne."""
    analysis, ranked, _ = scored(
        "Jakie usługi gmina Koźmin kupuje od Zakładu Aktywności Zawodowej?", text
    )
    best = extract.about_the_subject(analysis, ranked)[0]
    assert best.about_subject and "poligraficzne" in best.record.text


def test_workshops_counted_are_no_people():
    lemma = Analyzer().term
    assert not extract.counts("ZAZ prowadzi dwie pracownie.", frozenset({"osoba"}), lemma)
    assert extract.counts("Zatrudnia 28 pracowników.", frozenset({"osoba"}), lemma)
    # "Na ile gmin…": the lemmatiser leaves "gmin" as it is; it still counts "3 gminy".
    assert extract.counts("Zasięgiem obejmuje 3 gminy.", frozenset({"gmin"}), lemma)
    assert not extract.counts("Zasięgiem obejmuje 3 powiaty.", frozenset({"gmin"}), lemma)


def test_a_quoted_name_s_head_noun_speaks_of_it_after_the_report_names_it():
    text = """Klub Integracji Społecznej w Brodnicy działa od roku. Najbardziej widocznym efektem \
pracy klubu jest grupa „Złota Rączka”. Od czerwca do grudnia grupa wykonała ponad 140 napraw."""
    analysis, ranked, _ = scored(
        "Ile napraw wykonała grupa „Złota Rączka” z Klubu Integracji Społecznej w Brodnicy?", text
    )
    assert extract.has_answer(analysis, ranked)
    assert "140 napraw" in next(c.record.text for c in ranked if c.answers)


def test_the_gmina_asked_about_is_the_one_the_report_just_named():
    text = """W kategorii dla samorządów nagrodę otrzymała Gmina Strzelce Opolskie. W 2022 r. \
gmina udzieliła jedenastu zamówień z klauzulami społecznymi. Stowarzyszenie „Razem” z \
Głuchołazów prowadzi kawiarnię."""
    analysis, ranked, _ = scored(
        "Ile zamówień z klauzulami społecznymi udzieliła gmina Strzelce Opolskie?", text
    )
    best = extract.about_the_subject(analysis, ranked)[0]
    assert best.about_subject and "jedenastu" in best.record.text


def test_who_leads_an_organisation_the_question_describes_is_answered_by_the_relation():
    text = """Drugiego dnia uczestnicy spotkali się z Fundacją „Dom z Sercem” w Augustowie. \
Fundacja świadczy usługi opiekuńcze w domach osób starszych. „Szkolimy je u siebie” – mówiła \
prezes fundacji Helena Jurkiewicz."""
    _, ranked, _ = scored(
        "Kto kieruje organizacją, która wysyła opiekunki do domów seniorów w Augustowie?", text
    )
    assert "Jurkiewicz" in next(c.record.text for c in ranked if c.answers)


def test_a_thing_asked_to_exist_needs_a_sentence_holding_most_of_it():
    text = """W Gdańsku działa Spółdzielnia Socjalna „Morska” prowadzona przez spółdzielnię \
osób prawnych. Spółdzielnia prowadzi stołówkę dla seniorów."""
    analysis, ranked, _ = scored("Czy w Gdańsku działa bank żywności prowadzony przez spółdzielnię?", text)
    assert extract.unattested(analysis, ranked)
    analysis, ranked, _ = scored("Czy w Gdańsku działa stołówka dla seniorów?", text)
    assert not extract.unattested(analysis, ranked)
