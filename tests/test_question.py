"""Question analysis: answer type, subject and predicate of Polish and English questions."""

import pytest

from praktyki.lemmas import Analyzer
from praktyki.question import analyse, answer_type, name_counts, recase, typed_in_lower_case


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Kto założył Spółdzielnię Socjalną Przystań w Raciechowicach?", "who"),
        ("Która spółdzielnia socjalna prowadzi kino w Łodzi?", "who"),
        ("Ile osób zatrudnia obecnie Spółdzielnia Socjalna Lider?", "how_many"),
        ("ilu pracownikow ma hostel w stroniu", "how_many"),
        ("Jaką dotację otrzymała fundacja?", "how_many"),
        ("W którym roku otwarto pierwsze mieszkanie treningowe?", "when"),
        ("od kiedy dziala klub integracji spolecznej w zabrzu", "when"),
        ("Gdzie mieści się kawiarnia fundacji?", "where"),
        ("Jak się nazywa restauracja prowadzona przez spółdzielnię?", "name"),
        ("Czym zajmuje się Spółdzielnia Socjalna Apacze?", "what_does"),
        ("co robi CIS?", "what_does"),
        ("Co to jest zakład aktywności zawodowej?", "definition"),
        ("What is a social cooperative?", "definition"),
        ("jak założyć spółdzielnię socjalną?", "how_to"),
        ("Jak powiat może zlecić sprzątanie firmie, która zatrudnia bezrobotnych?", "how_to"),
        ("Czy ZAZ w Zawoi prowadzi hotel?", "yes_no"),
        ("Podaj przykłady spółdzielni prowadzących gastronomię", "list"),
        ("How many people work in the bakery?", "how_many"),
        ("Who founded the cooperative?", "who"),
        ("When did the café open?", "when"),
        ("piekarnia zakwas", "other"),
        # A person asked for by office; a reason asked for, whoever the question names.
        ("Który wójt rozmawiał z gośćmi w domu pomocy?", "who"),
        ("Za jaką usługę ZAZ w Łukowie otrzymał certyfikat?", "other"),
        ("What is the monthly salary of employees at the ZAZ?", "how_many"),
        ("Jaka jest wartość umowy gminy ze spółdzielnią?", "how_many"),
        # Whom something serves is a group described, not a name.
        ("Dla kogo jest sklep społeczny?", "other"),
        ("Kto może skorzystać z wypożyczalni?", "other"),
    ],
)
def test_answer_type(question, kind):
    assert answer_type(question) == kind


def test_subject_and_predicate_of_a_named_organisation():
    a = analyse("Kto założył Spółdzielnię Socjalną Przystań w Raciechowicach?", "pl", Analyzer())
    assert a.answer_type == "who"
    assert a.subject == "Spółdzielnię Socjalną Przystań w Raciechowicach"
    assert {"przystan"} <= a.subject_terms
    assert a.names_organisation and a.names_subject
    assert a.predicate == "found"
    assert "zalozyciel" in a.predicate_terms


def test_subject_typed_without_diacritics_stays_in_focus():
    a = analyse("kto zalozyl spoldzielnie socjalna wspolny stol", "pl", Analyzer())
    assert a.predicate == "found"  # found by stem, though the lemmatiser does not know "zalozyl"
    assert "wspolny" in a.subject_terms
    assert "wspolny" in a.predicate_terms  # a guessed subject keeps its words in focus


def test_what_is_counted_money_and_shares():
    a = analyse("Ile osób zatrudnia spółdzielnia Lider?", "pl", Analyzer())
    assert "osoba" in a.counted and not a.money
    assert analyse("Ile kosztowało utworzenie ZAZ w Koźminie?", "pl", Analyzer()).money
    assert analyse("Jaką skuteczność zatrudnieniową miał CIS?", "pl", Analyzer()).percent
    share = analyse("Jaka część uczestników CIS znajduje potem pracę?", "pl", Analyzer())
    assert share.answer_type == "how_many" and share.percent
    english = analyse("What share of participants find jobs?", "en", Analyzer())
    assert english.answer_type == "how_many" and english.percent


def test_procedural_how_to_is_told_from_asking_for_an_example():
    assert analyse("jak założyć spółdzielnię socjalną?", "pl", Analyzer()).procedural
    assert analyse("How do I register a social cooperative?", "en", Analyzer()).procedural
    assert not analyse("Jak gmina może wykorzystać klauzule społeczne?", "pl", Analyzer()).procedural


def test_constraints_are_the_places_and_years_named():
    a = analyse("Ile osób pojechało na wizytę do Krakowa w 2019 r.?", "pl", Analyzer())
    assert a.constraints == ("Krakowa", "2019")
    assert analyse("Who runs the café in Kraków?", "en", Analyzer()).constraints == ()


def test_a_lower_case_question_gets_the_names_the_reports_capitalise():
    texts = [
        "Pierwszym punktem była Spółdzielnia Socjalna „Morska Bryza” w Ustce. Prezesem "
        "spółdzielni jest Marek Lis. Spółdzielnia prowadzi bar w Ustce."
    ]
    assert typed_in_lower_case("kto jest prezesem morskiej bryzy w ustce")
    assert not typed_in_lower_case("Kto jest prezesem Morskiej Bryzy?")
    # Capital, diacritics and a question mark: typed with care, so it simply names nothing,
    # and "górach" is no name even if a report writes "Góry Stołowe".
    assert not typed_in_lower_case("Czy spółdzielnia może prowadzić hotel w górach?")
    assert typed_in_lower_case("Czy spoldzielnia moze prowadzic hotel w gorach?")
    recased = recase("kto jest prezesem morskiej bryzy w ustce", [name_counts(t) for t in texts])
    # Names the reports write with a capital get one; question and predicate words do not.
    assert recased == "kto jest prezesem Morskiej Bryzy w Ustce"


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        # Keyword queries say what they ask by one word.
        ("sprzedaż ryb zakład aktywności Milicz rocznie", "how_many"),
        ("wizyta studyjna ROPS Opole termin", "when"),
        ("definicja warsztatu terapii zajęciowej", "definition"),
        ("W jakim budynku i przy jakiej ulicy działa zakład?", "where"),
        ("Jakie działy ma zakład aktywności zawodowej w Lesznie?", "what_does"),
        ("czym bedzie sie zajmowal zaz wloszczowa", "what_does"),
        ("Jakie przychody miała piekarnia w 2019 roku?", "how_many"),
        ("What is a social integration club (KIS), as the article explains?", "definition"),
        # What an organisation does, however it is put.
        ("What services does the cooperative in Ustka offer?", "what_does"),
        ("What is the social cooperative Apacze engaged in?", "what_does"),
        ("Na czym polega działalność fundacji Wrzos?", "what_does"),
        ("Na czym polega zamówienie zastrzeżone?", "definition"),
        # …or open with the role they ask for.
        ("prezeska Kuźni Smaków Gniezno", "who"),
        ("dyrektor zaz sroda wielkopolska", "who"),
        ("Ile lat prezes kieruje spółdzielnią?", "how_many"),
        # Which one won: a name.
        ("Which band won the Grand Prix at the festival in Skierniewice?", "who"),
        ("Który zespół zdobył Grand Prix festiwalu?", "who"),
    ],
)
def test_answer_type_of_keyword_and_long_questions(question, kind):
    assert answer_type(question) == kind


@pytest.mark.parametrize(
    ("question", "typed_lower", "subject_terms"),
    [
        # The operator's name says which workshop is meant.
        (
            "Jakie działy ma zakład aktywności zawodowej prowadzony przez leszczyńską fundację "
            "Pracownia Możliwości?",
            False,
            {"pracownia", "mozliwosc"},
        ),
        # Typed in lower case, recased in part: the name still runs on.
        ("kto zalozyl stowarzyszenie Latarnia lebork", True, {"latarnia", "lebork"}),
        # A relative clause is no name.
        ("W jakim mieście działa spółdzielnia, która haftuje stroje?", True, set()),
        # Typed with care, the words after a kind are no name unless capitalised.
        ("W jaki sposób gmina może powierzyć fundacji opiekę nad dziećmi?", None, set()),
        # A kind alone names none: the place does.
        ("Czy w Gdańsku działa bank żywności prowadzony przez spółdzielnię?", False, {"gdanski"}),
    ],
)
def test_subject_of_harder_questions(question, typed_lower, subject_terms):
    a = analyse(question, "pl", Analyzer(), typed_lower=typed_lower)
    assert subject_terms <= a.subject_terms
    assert not a.subject_terms - subject_terms - {"leszczynski"}


def test_a_foundation_asked_about_is_no_question_of_money():
    a = analyse("ile opiekunek zatrudnia fundacja dom z sercem augustow", "pl", Analyzer())
    assert a.answer_type == "how_many" and not a.money
    assert analyse("How much funding did the cooperative get?", "en", Analyzer()).money


def test_an_address_is_asked_for_by_street():
    assert analyse("Pod jakim adresem działa ZAZ w Miliczu?", "pl", Analyzer()).address
    assert not analyse("Gdzie działa ZAZ?", "pl", Analyzer()).address


@pytest.mark.parametrize(
    ("question", "predicate"),
    [
        # The founding only says which organisation; what it does is asked.
        ("Jakie usługi świadczy konińska spółdzielnia założona przez opiekunki?", "run"),
        ("Czym zajmuje się spółdzielnia, którą założyła gmina Brzeziny?", "run"),
        ("Co można załatwić w punkcie otwartym przez chełmską fundację?", "run"),
        # Still the point when it is the question's own verb.
        ("Kiedy powstała spółdzielnia, która prowadzi kino?", "found"),
        ("Co otrzymała spółdzielnia w 2020 r.?", "receive"),
        # A job received is employment.
        ("Ilu absolwentom programu udało się zdobyć posadę?", "employ"),
        ("Ilu uczestników klubu dostało etat?", "employ"),
        # Five letters of a relation's word, but no relation.
        ("Ilu dzieci obejmuje kontrakt na przewozy szkolne?", ""),
        ("Kto wygrał przetarg na sprzątanie?", "receive"),
        ("Ile łóżek ma pensjonat prowadzony przez spółdzielnię?", "run"),
        # An idea is a start.
        ("Kto wymyślił uczniowską spółdzielnię socjalną?", "found"),
    ],
)
def test_a_relation_that_describes_the_organisation_is_not_the_one_asked(question, predicate):
    assert analyse(question, "pl", Analyzer()).predicate == predicate


def test_paying_for_something_is_asking_its_cost():
    a = analyse("Ile zapłaciła spółdzielnia za food trucka?", "pl", Analyzer())
    assert a.predicate == "cost" and a.money


@pytest.mark.parametrize(
    ("question", "founding"),
    [
        ("How many people with disabilities work at the establishment (ZAZ) in Ustroń?", False),
        ("How many people does the foundation in Chełm employ?", False),
        ("When was the foundation in Chełm established?", True),
    ],
)
def test_an_organisation_named_foundation_or_establishment_is_no_founding(question, founding):
    assert (analyse(question, "en", Analyzer()).predicate == "found") == founding


def test_an_english_month_names_no_one():
    analysis = analyse(
        "Who is the president of the cooperative in Byczyna visited in September 2013?",
        "en",
        Analyzer(),
    )
    assert analysis.subject_terms == {"byczyna"}, analysis.subject


def test_a_guesthouse_is_no_salary():
    assert not analyse("Ile łóżek ma pensjonat spółdzielni?", "pl", Analyzer()).money
    assert analyse("Ile wynosi pensja opiekunki w spółdzielni?", "pl", Analyzer()).money


def test_counting_people_who_received_something_is_no_question_of_money():
    assert not analyse("Ilu mieszkańców otrzymało pomoc?", "pl", Analyzer()).money
    assert analyse("Ile otrzymała spółdzielnia z OWES?", "pl", Analyzer()).money


@pytest.mark.parametrize(
    ("question", "money"),
    [
        # "ile" followed by a noun counts that noun, whatever else the question names.
        ("Ile podmiotów znalazło się wśród laureatów konkursu?", False),
        ("ile jednostek samorzadu nagrodzono w konkursie", False),
        ("Ile miejsc pracy utworzono dzięki dotacji z OWES?", False),
        ("Ile stroików nagrobnych wykonali uczestnicy warsztatów?", False),
        # …unless the noun is money, or a verb follows and the relation is one of money.
        ("Ile środków pozyskała fundacja?", True),
        ("ile srodkow otrzymala fundacja", True),
        ("Ile dotacji otrzymała spółdzielnia?", True),
        ("Ile łącznie otrzymała fundacja?", True),
        ("Ile kosztowało utworzenie zakładu?", True),
    ],
)
def test_what_follows_ile_tells_a_count_from_an_amount_of_money(question, money):
    assert analyse(question, "pl", Analyzer()).money is money


def test_what_a_question_sets_aside_is_not_asked_for():
    a = analyse(
        "Jaką nową pomoc, poza użyczaniem wózków i łóżek, oferuje stowarzyszenie z Wadowic?",
        "pl",
        Analyzer(),
    )
    assert "pomoc" in a.predicate_terms
    assert not {"wozek", "lozko"} & a.predicate_terms


def test_which_person_asks_who_and_an_initiative_group_founds_nothing():
    a = analyse(
        "Która znana aktorka powitała grupy inicjatywne z Myszkowa?", "pl", Analyzer()
    )
    assert a.answer_type == "who"
    assert a.predicate != "found"


@pytest.mark.parametrize(
    "question",
    [
        "Jaki podmiot odwiedzili uczestnicy wizyty pierwszego dnia?",
        "Jakie stowarzyszenie prowadzi warsztat w Łasinie?",
        "Jakiej fundacji przyznano nagrodę?",
    ],
)
def test_which_organisation_asked_with_jaki_asks_who(question):
    assert analyse(question, "pl", Analyzer()).answer_type == "who"


def test_a_role_is_the_noun_after_who_was():
    assert analyse("Kto jest prezeską spółdzielni Bistro?", "pl", Analyzer()).role == "prezeska"
    assert analyse("Kto był tam wtedy?", "pl", Analyzer()).role == ""
    assert analyse("Kto założył spółdzielnię?", "pl", Analyzer()).role == ""
    english = analyse("Who was the president of the VIVO cooperative?", "en", Analyzer())
    assert english.role == "prezes"
    typed_in_polish = analyse("Who is the wójt of Morzeszczyn?", "en", Analyzer())
    assert typed_in_polish.role == "wojt" and "wojt" in typed_in_polish.polish


def test_a_revenue_asked_with_jaki_is_an_amount():
    a = analyse("Jaki roczny przychód osiągnęła spółdzielnia Kampu?", "pl", Analyzer())
    assert a.answer_type == "how_many" and a.money


def test_what_is_counted_comes_after_a_hedge():
    a = analyse("Ilu co najmniej pracowników musi zatrudniać przedsiębiorstwo?", "pl", Analyzer())
    assert "pracownik" in a.counted


def test_a_region_in_lower_case_binds_the_question():
    a = analyse("Kto został laureatem konkursu w województwie świętokrzyskim?", "pl", Analyzer())
    assert "świętokrzyskim" in a.constraints
    assert "lubuskim" in analyse("Kto wygrał w lubuskim konkursie?", "pl", Analyzer()).constraints


def test_an_entry_in_the_register_is_a_founding():
    assert analyse("Spółdzielnia Vivo wpis do KRS data", "pl", Analyzer()).predicate == "found"


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Z czego żyje ta ekipa z Giżycka, kiedy turyści już wyjadą?", "what_does"),
        ("Czym zarabia spółdzielnia poza sezonem?", "what_does"),
        ("W jakich dniach i porach można zajrzeć do siedziby klubu?", "when"),
        ("Do jakiego terminu można zgłaszać chęć udziału?", "when"),
        ("Do the women receive any benefit?", "yes_no"),
        ("W jakich miejscowościach spała grupa?", "where"),
        ("W jakim obiekcie urządzono wytwórnię dżemów?", "where"),
        ("Z iloma zatrudnionymi startowała placówka?", "how_many"),
        ("Jaką nową pomoc, poza wózkami, oferuje organizacja z Wadowic?", "what_does"),
        ("Co lokal z kawą prowadzony przez fundację robi dla gości?", "what_does"),
        ("Jaką nagrodę pieniężną dostała spółdzielnia z Wałcza?", "how_many"),
    ],
)
def test_question_phrasings_of_paraphrases(question, kind):
    assert answer_type(question) == kind


def test_planning_is_no_paying():
    assert analyse("Na kiedy zaplanowano następną edycję?", "pl", Analyzer()).predicate != "cost"
