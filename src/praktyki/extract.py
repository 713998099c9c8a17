"""Answer extraction: every sentence of the best reports scored for answering the analysed
question, then the few an answer shows, each with the context it needs to stand alone.

Pure functions over stored sentence records and their cosines to the question. A sentence
answers when it carries the token the question asks for (a number for "ile", a year for
"kiedy"…) together with the predicate; repeating the subject, which every sentence of the right
report shares, counts for little, and a sentence about another organisation than the one asked
about counts against.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from .normalize import CASE_ENDINGS, case_stem, fold
from .question import (
    ENGLISH_GLOSS,
    GENERIC,
    NO_RELATION,
    POINTED_PREDICATES,
    PREDICATES,
    QUESTION_LEMMAS,
    TOKEN_TYPES,
    QuestionAnalysis,
)
from .sentences import COMPOUND_COUNT, NUMBER, units_named
from .types import SentenceRecord

# What a sentence says of the start: "w pierwszym roku", "na początku", "przy otwarciu".
INITIAL_TEXT = re.compile(
    r"(?i:\b(pierwsz\w*|począt(e)?k\w*|na start\w*|początkowo|otwarci\w*|założeni\w*|powsta\w*|"
    r"od razu|wówczas|wtedy)\b)"
)
# A verb of the past: "odbył się", "powstała", "otwarto", "założono".
PAST_VERB = re.compile(r"(?i:\b\w{2,}(ł|ła|ło|li|ły)\b|\b\w{3,}(ono|ano|ęto|arto|yto)\b)")
FUTURE = re.compile(
    r"(?i:\b(odbędzie|odbędą|będzie|będą|zostanie|zostaną|planuj\w*|zapowiada\w*|"
    r"przyszłym roku|przyszłego roku)\b)"
)
AHEAD = re.compile(r"(?i:\b(następn|kolejn|zaplanow|planow|zapowiedz|zapowiad)\w*)")
# Which stored token answers which question type; types absent here need no token.
TYPE_TOKENS: dict[str, frozenset[str]] = {
    "how_many": frozenset({"number"}),
    "when": frozenset({"year", "date"}),
    "where": frozenset({"place"}),
    "who": frozenset({"person", "org", "quoted"}),
    "name": frozenset({"quoted", "org"}),
    "what_does": frozenset({"activity"}),
    "definition": frozenset({"definition"}),
    # "Jak to zrobiono?" is answered by how: the procedure, or the instrument used.
    "how_to": frozenset({"procedure", "means"}),
}
# Relations that are the point of a question when named ("kto założył", "ile kosztowało"):
# an answering sentence must state them. Others ("pracujący", "prowadzony") often only
# describe the subject.
STRICT_PREDICATES = POINTED_PREDICATES
MONEY_TOKENS = frozenset({"money", "percent"})
PERCENT_TOKENS = frozenset({"percent"})
ADDRESS_TOKENS = frozenset({"address"})
TIME_TOKENS = frozenset({"time"})
# Weights of the sentence score; see README "Answers" for how they were chosen.
W_COSINE = 5.0  # per unit of cosine below the best candidate's
W_FOCUS = 0.6  # share of the question's focus (predicate and asked-about words) present
W_TOKEN = 0.3  # carries the answer token
W_ANSWERS = 1.2  # carries the token together with the predicate or focus
W_SUBJECT = 0.3  # is about the subject
W_OWN = 0.4  # is credited to the organisation asked about, not only mentions its town
W_OTHER_ORG = 1.2  # is about another organisation than the one asked about
W_DOC_RANK = 0.5  # per place of its report in the fused ranking
W_BEST_PASSAGE = 0.3  # lies in its report's best-ranked passage
W_LEANING = 0.15  # cannot stand alone (it is shown with its predecessor)
W_QUESTION = 2.0  # a question in a report's text never answers one
W_OFF_REPORT = 1.0  # its report never names the subject (or a place, a year) the question names
W_NAMES_ORG = 0.2  # names an organisation, when the question asks which one or for examples
W_COUNTED = 0.6  # a number right before what "ile" counts: "430 posiłków"
W_TENSE = 1.0  # tells of the future when the question asks of the past
# Questions answered by naming someone: their answer starts from the sentence naming it. Not
# yes/no: "Does X do Y?" is answered by what X does, which that context would crowd out.
NAMING_TYPES = frozenset({"who", "name", "other", "list", "how_to"})
MIN_FOCUS_FOR_ANSWER = 0.5
NAMING_MIN_FOCUS = 0.3  # idf-weighted focus a sentence needs to answer "who"/"which"
SECOND_MARGIN = 1.0  # a further sentence must score within this of the best
MAX_SENTENCES = 3


@dataclass(frozen=True, slots=True)
class Candidate:
    record: SentenceRecord
    score: float
    cosine: float
    focus: float  # share of focus units present
    carries: bool  # has the answer token
    answers: bool  # has the token with the predicate/focus (and is about the subject)
    about_subject: bool
    other_org: bool
    relevant: bool = True  # states the predicate, or some word the question asks about
    own_subject: bool = False  # its organisation, as the report names it, is the one asked about
    off_report: bool = False  # its report never names the subject (or a place) the question names


def focus_units(
    analysis: QuestionAnalysis, idf: Callable[[str], float] = lambda _: 1.0
) -> list[tuple[frozenset[str], float]]:
    """The predicate's synonyms count as one unit, each other asked-about word as one, each
    weighted by how rare its words are in the reports ("kino" tells more than "prowadzić");
    an English word counts through its Polish glosses, or not at all."""
    synonyms = frozenset(PREDICATES.get(analysis.predicate, ()))
    units: list[tuple[frozenset[str], float]] = []
    if synonyms:
        asked = [t for t in analysis.terms if t in synonyms or t[:5] in {w[:5] for w in synonyms}]
        units.append((synonyms, max((idf(t) for t in asked), default=_mean_idf(synonyms, idf))))
    rest = analysis.predicate_terms - synonyms
    if analysis.language == "pl":
        units += [(frozenset({t}), idf(t)) for t in rest]
    else:
        for t in rest:
            if t in ENGLISH_GLOSS:
                gloss = frozenset(ENGLISH_GLOSS[t])
                units.append((gloss, _mean_idf(gloss, idf)))
            elif t.isdigit() or t in analysis.polish:  # a year reads the same in any language
                units.append((frozenset({t}), idf(t)))
    return units


def _mean_idf(words: frozenset[str], idf: Callable[[str], float]) -> float:
    return sum(idf(w) for w in words) / len(words) if words else 1.0


def score_candidates(
    analysis: QuestionAnalysis,
    records: Sequence[SentenceRecord],
    cosines: np.ndarray,
    doc_rank: Mapping[str, int],
    best_passage: Mapping[str, tuple[int, int]],
    organisation_terms: Callable[[str], frozenset[str]],
    lemma: Callable[[str], str] = fold,
    idf: Callable[[str], float] = lambda _: 1.0,
    unbound_docs: frozenset[str] = frozenset(),
    naming_docs: frozenset[str] = frozenset(),
) -> list[Candidate]:
    """Every sentence scored; best first. ``naming_docs``: reports whose whole text names the
    subject, headings and list lines included, which ``records`` may leave out."""
    if not records:
        return []
    weighted = [(frozenset(stem(t) for t in u), w) for u, w in focus_units(analysis, idf)]
    units = [u for u, _ in weighted]
    total = sum(w for _, w in weighted)
    relation = frozenset(stem(t) for t in PREDICATES.get(analysis.predicate, ()))
    predicate = relation if analysis.predicate in STRICT_PREDICATES else None
    counted_nouns = frozenset(stem(t) for t in analysis.counted)
    counted_nouns |= {a for n in counted_nouns for a in COUNTED_ALIKE.get(n, ())}
    wanted = wanted_tokens(analysis)
    subject_kind = analysis.subject_kind or _kind(analysis.subject)
    lexical_question = analysis.language == "pl" and bool(units)
    subject_stems = {stem(t) for t in analysis.subject_terms}
    # Each word of the subject as its lemma and as written: lemmatising a name errs
    # ("Świecie" read as "świat", "Podaj Dalej" as "daleko"); the written word does not.
    subject_units = _subject_units(analysis, lemma)
    subject_stems |= {s for u in subject_units.values() for s in u}
    # A name is told by its rare words: "Nowy Targ" is not "Nowy Start".
    unit_weights = {t: idf(t) for t in subject_units}
    top_cosine = float(np.max(cosines))
    # Organisation names repeat from sentence to sentence: their stems are worked out once.
    # Only the words that tell one organisation from another: a centre named by its kind
    # alone ("Centrum Integracji Społecznej") may be any centre, the one asked about too.
    org_stems_of = {
        name: frozenset(stem(t) for t in organisation_terms(name) if t not in GENERIC)
        | surface_stems(name)
        if name
        else frozenset()
        for name in {r.organisation for r in records}
    }
    # "CIS w Świętochłowicach" is told from other centres by its town alone: a foundation
    # named after the town ("Fundacja Rozwoju Świętochłowic") is no operator of it for that.
    head = re.split(r"\s(?:w|we|z|ze)\s", analysis.subject, maxsplit=1)[0]
    by_place = head != analysis.subject and not any(
        t not in GENERIC for t in organisation_terms(head)
    )
    introduced, leads_to = _introductions(records)
    stems_of = [{stem(t) for t in r.terms} for r in records]
    about_docs = set(naming_docs)
    # "Zakład Aktywności Zawodowej powstał w 2007 r." in a report on Koźmin that names no
    # other workshop: the one unnamed organisation of the kind asked about is the one asked of.
    kin_of_doc: dict[str, set[str]] = {}
    first_named: dict[str, int] = {}  # per report, the first sentence naming the subject
    for r, stems in zip(records, stems_of, strict=True):
        if subject_stems & (stems | org_stems_of[r.organisation]):
            about_docs.add(r.doc_id)
        if subject_stems & stems:
            first_named[r.doc_id] = min(first_named.get(r.doc_id, r.ordinal), r.ordinal)
        if r.organisation and _rival_kind(subject_kind, r.organisation):
            kin_of_doc.setdefault(r.doc_id, set()).add(r.organisation)
    asked_unit = _canonical_kind(subject_kind) if _canonical_kind(subject_kind) in _UNITS else ""
    head_stem = _head_stem(analysis, lemma)
    named = analysis.names_organisation or analysis.subject != analysis.subject.lower()
    # "Kto wygrał na targach w Kielcach?": the organisation asked for is not the place or
    # event the question names, so naming another one is no fault in an answer.
    asked_for = analysis.answer_type in ("who", "name") and not analysis.names_organisation
    # "Która spółdzielnia…", "jaki ZAZ…": the question names a kind, and asks which one.
    asked_kind = asked_for and bool(subject_kind) and not subject_stems
    named_proper = bool(subject_stems) and analysis.subject != analysis.subject.lower()
    past = (
        analysis.language == "pl"
        and bool(PAST_VERB.search(analysis.question))
        # "Na kiedy zaplanowano następną edycję?" asks of the future in the past tense.
        and not FUTURE.search(analysis.question)
        and not AHEAD.search(analysis.question)
    )
    out = []
    for record, cosine, stems in zip(records, cosines, stems_of, strict=True):
        terms = set(record.terms)
        # "prezentacja" shares five letters with "prezes", but is no one leading anything.
        related = {stem(t) for t in terms if t not in NO_RELATION}
        held = [bool(u & (related if u == relation else stems)) for u in units]
        hits = sum(held)
        focus = sum(w for (_, w), h in zip(weighted, held, strict=True) if h) / total if total else 0.0
        org_stems = org_stems_of[record.organisation]
        # The sentence that brought the organisation in often says where it is and who runs
        # it ("w Krośnie odwiedzili ZAZ prowadzony przez Fundację X"): what it says holds for
        # every sentence about that organisation.
        # What was said where the organisation came in holds for it, if it is of the kind
        # asked about: "noclegi w Chodzieży" does not make a workshop the centre there.
        kin = _same_kind(subject_kind, _kind(record.organisation))
        told = stems | ((org_stems | introduced[record.row]) if kin else set())
        # A sentence naming an organisation is about the one asked of only if it has most of
        # its name, by weight: "Spółdzielnia Socjalna WIGOR" is not "Borowiacki Wigor", while
        # "Jarmark odbył się po raz drugi" still speaks of the Braniewo fair.
        about = bool(subject_stems & told) and (
            "org" not in record.tokens
            or not analysis.subject_kind
            or not subject_units
            or _names_most(subject_units, unit_weights, told)
        )
        # …nor is what that foundation does in its own name the centre's.
        about = about and not (
            by_place and bool(org_stems) and not kin and subject_stems <= org_stems
        )
        # "Pierwszego dnia odwiedzili Nowy Bytom w Rudzie Śląskiej. Pierwszym punktem była
        # Spółdzielnia X." The sentence leading in says where X is.
        led = leads_to.get(record.row, "")
        led_to = (
            org_stems_of.get(led, frozenset())
            if _same_kind(subject_kind, _kind(led))
            else frozenset()
        )
        lead_in = bool(subject_stems & led_to)
        # "…zakładzie prowadzonym przez fundację Pracownia Możliwości": the foundation's own
        # sentences speak for its workshop; a centre in the same town is not a club there.
        operator = _operates(_kind(record.organisation), subject_kind)
        hit = [t for t, u in subject_units.items() if u & (org_stems | led_to)]
        own = (
            2 * len(hit) >= len(subject_units) > 0
            and 2 * sum(unit_weights[t] for t in hit) >= sum(unit_weights.values())
            and (kin or (operator and not by_place))
        )
        sole_kin = record.doc_id in about_docs and (
            (not org_stems and kin_of_doc.get(record.doc_id) == {record.organisation})
            # "…kupowanych przez gminę od Zakładu Aktywności Zawodowej": the unit named by
            # its kind in passing, in a report that names no unit of that kind by name.
            or (
                bool(asked_unit)
                and any(_canonical_kind(_kind(u)) == asked_unit for u in units_named(record.text))
                and not any(org_stems_of.get(o) for o in kin_of_doc.get(record.doc_id, ()))
            )
        )
        by_head = (
            bool(head_stem)
            and head_stem in stems
            and "org" not in record.tokens
            and record.ordinal > first_named.get(record.doc_id, record.ordinal)
        )
        about = about or lead_in or own or sole_kin or by_head
        # A name the question gives ("piekarnia U Józefa w Trzebnicy") is no other
        # organisation's, whatever kind it is of.
        other = (analysis.names_organisation or named_proper) and bool(org_stems) and not about
        off_report = (named and bool(subject_stems) and record.doc_id not in about_docs) or (
            record.doc_id in unbound_docs
        )
        question = "question" in record.tokens
        carries = bool(wanted & record.tokens) if wanted else True
        counted_match = False
        if carries and analysis.counted and not (analysis.money or analysis.percent):
            # A weight answers only a sentence that says most of what is asked ("przez pralnię
            # przechodzi dziennie 1,8 tony"): "12 ton odpadów" counts no bicycles.
            counted_match = counts(record.text, counted_nouns, lemma, bulk=focus >= BULK_FOCUS)
            carries = counted_match
        if not carries and analysis.answer_type == "who" and analysis.predicate == "found":
            # Founders are often described, not named: "Założyło ją siedem opiekunek".
            carries = counts(record.text, PEOPLE, lemma)
        # The predicate, when the question has one, must be there; else any asked-about word.
        relevant = bool(predicate & related) if predicate else (hits > 0 or not units)
        # "…centrum działa od 2011 r." dates its start as well as "powstało w 2011 r." does.
        relevant = relevant or (analysis.predicate == "found" and "since" in record.tokens)
        relevant = relevant or (lead_in and analysis.answer_type == "where")
        # Another organisation of the same kind has competing facts; a founder or partner of
        # another kind is usually part of the same story.
        rival = other and _kind(record.organisation) == subject_kind
        # "What does X do?": any activity of X answers, in whatever words it is told.
        relevant = relevant or (analysis.answer_type == "what_does" and about and named)
        # "Kto był opiekunem grupy?" - "Opiekunem grupy był Dawid Zbawicki": the role and a
        # name, in a sentence about the subject (or any, when the question names none).
        role_stated = (
            bool(analysis.role)
            and (about or not subject_stems)
            and stem(analysis.role) in related
            and bool(record.tokens & {"person", "name"})
        )
        answers = (carries or role_stated) and (relevant or role_stated)
        answers = answers and not rival and not question
        # One organisation asked about by name: what is said of another does not answer, nor,
        # for what it does, a sentence about no one in particular.
        if analysis.names_organisation:
            # A centre named by its kind alone is still not the club asked about.
            clash = not about and not kin and not operator
            # …and a centre of the asked kind that the report never ties to the asked town or
            # name may be any centre.
            unnamed_kin = (
                not org_stems and not about and _rival_kind(subject_kind, record.organisation)
            )
            # An operator (a foundation, an association) may speak for the unit it runs, but
            # its own founding is not the unit's: "Fundacja powstała w 2012 r." dates no
            # workshop.
            foreign = other and (not operator or analysis.predicate == "found")
            answers = (
                answers and not foreign and not (record.organisation and (clash or unnamed_kin))
            )
            answers = answers and (about or analysis.answer_type != "what_does")
        if analysis.initial and not INITIAL_TEXT.search(record.text):
            answers = False  # a figure of today is no figure of the first year
        if analysis.answer_type in ("who", "name") and lexical_question:
            # A name alone answers nothing: "which cooperative runs a cinema" needs "kino".
            # But "prezes fundacji Helena X" answers who leads the one the question describes
            # ("organizacja, która wysyła opiekunki…"), the relation stated of it.
            stated = bool(predicate) and about and bool(predicate & related)
            stated = stated or role_stated
            # "Jaki ZAZ dostał wyróżnienie…?": a list line naming a workshop and the award
            # says enough, though the question's other words are not there.
            of_kind = asked_kind and kin and bool(record.organisation) and focus > 0
            answers = answers and (focus >= NAMING_MIN_FOCUS or stated or of_kind)
        span = best_passage.get(record.doc_id)
        in_best = span is not None and span[0] <= record.start and record.end <= span[1]
        score = (
            W_COSINE * (float(cosine) - top_cosine)
            + W_FOCUS * focus
            + W_TOKEN * (carries and bool(wanted)) * _token_weight(analysis, record.tokens)
            + W_ANSWERS * answers
            + W_SUBJECT * about
            + W_OWN * (own and analysis.names_organisation)
            - W_OTHER_ORG * (other and not asked_for)
            - W_DOC_RANK * doc_rank.get(record.doc_id, len(doc_rank))
            + W_BEST_PASSAGE * in_best
            - W_LEANING * record.leaning
            - W_QUESTION * question
            - W_OFF_REPORT * off_report
            + W_NAMES_ORG * ("org" in record.tokens and analysis.answer_type in NAMING_TYPES)
            + W_COUNTED * counted_match
            # "Kiedy odbył się jarmark?" is not answered by when the next one will be.
            - W_TENSE * (past and bool(FUTURE.search(record.text)))
        )
        out.append(
            Candidate(
                record,
                score,
                float(cosine),
                focus,
                carries,
                answers,
                about,
                other,
                relevant,
                own_subject=own,
                off_report=off_report,
            )
        )
    out.sort(key=lambda c: (-c.score, c.record.doc_id, c.record.ordinal))
    return out


def _names_most(
    units: Mapping[str, frozenset[str]], weights: Mapping[str, float], stems: set[str]
) -> bool:
    """Whether ``stems`` hold at least half of a name's words, weighted by their rarity."""
    total = sum(weights.values())
    return total > 0 and 2 * sum(weights[t] for t, u in units.items() if u & stems) >= total


def _introductions(
    records: Sequence[SentenceRecord],
) -> tuple[dict[int, frozenset[str]], dict[int, str]]:
    """For each sentence, the stems of the sentences that introduced its organisation: the
    first of the run of sentences about it and, when it is about no organisation, the one
    before, which often says where the visit went ("Drugiego dnia pojechali do Lęborka.
    Kolejnym punktem był Warsztat…"). And for that sentence, the organisation it leads in to."""
    intro_of: dict[int, frozenset[str]] = {}
    leads_to: dict[int, str] = {}
    intro: frozenset[str] = frozenset()
    previous: SentenceRecord | None = None
    for r in sorted(records, key=lambda r: (r.doc_id, r.ordinal)):
        before = previous if previous is not None and previous.doc_id == r.doc_id else None
        if before is None or r.organisation != before.organisation:
            intro = frozenset(stem(t) for t in r.terms) if r.organisation else frozenset()
            if (
                intro
                and before is not None
                and before.ordinal == r.ordinal - 1
                and not before.organisation
            ):
                intro |= {stem(t) for t in before.terms}
                leads_to[before.row] = r.organisation
        intro_of[r.row] = intro
        previous = r
    return intro_of, leads_to


def wanted_tokens(analysis: QuestionAnalysis) -> frozenset[str]:
    """The tokens a sentence that answers the question carries (none for open questions)."""
    wanted = (
        MONEY_TOKENS if analysis.money
        else PERCENT_TOKENS if analysis.percent
        else ADDRESS_TOKENS if analysis.address
        else TIME_TOKENS if analysis.hours
        else TYPE_TOKENS.get(analysis.answer_type)
    )  # fmt: skip
    return wanted or frozenset()


def lacks_answer(analysis: QuestionAnalysis, chosen: Sequence[SentenceRecord]) -> bool:
    """Whether the sentences chosen to answer a question for a number or a date carry none:
    those are told reliably by their form, and an answer without one answers nothing, however
    well some other sentence of the reports scored."""
    if analysis.answer_type not in ("how_many", "when") or not chosen:
        return False
    wanted = wanted_tokens(analysis)
    return not any(wanted & r.tokens for r in chosen)


def _token_weight(analysis: QuestionAnalysis, tokens: frozenset[str]) -> float:
    """A quoted name or a named organisation answers "who"/"which" best; a capitalised pair
    (a person, or an institution spelt out) less surely."""
    if analysis.answer_type in ("who", "name") and not tokens & {"quoted", "org"}:
        return 0.5
    return 1.0


def has_answer(analysis: QuestionAnalysis, ranked: Sequence[Candidate]) -> bool:
    """Whether any of the best sentences carries what a token question asks for. Numbers and
    dates are told reliably by their form; names and places less so, so for those any name or
    place in a relevant sentence will do."""
    if analysis.answer_type not in TOKEN_TYPES:
        return True
    # Any sentence of the best reports will do, however it ranks.
    if analysis.answer_type in ("how_many", "when") or analysis.address:
        return any(c.answers for c in ranked)
    broad = {"name", "quoted", "org", "person", "place"}
    # Founders are often described, not named: "…założyło pięć osób z niepełnosprawnościami".
    described = analysis.answer_type == "who" and analysis.predicate == "found"
    return any(
        c.answers or (c.relevant and (described or bool(broad & c.record.tokens))) for c in ranked
    )


# "Czy któraś spółdzielnia prowadzi schronisko dla zwierząt?", "Czy w Gdańsku działa bank
# żywności?": whether such a thing exists anywhere in the reports.
EXISTENCE = re.compile(
    r"^czy (\w+ ){0,3}(ktoras|ktorys|ktores|jakas|jakis|jakies|gdzies)\b|"
    r"^czy (w \w+( \w+)? )?(dziala|istnieje|funkcjonuje)\b|^czy jest (jakis )?przyklad"
)


def unattested(analysis: QuestionAnalysis, ranked: Sequence[Candidate]) -> bool:
    """Whether a question asking if something exists finds no sentence holding most of what
    it asks about: a shelter for people is no shelter for animals."""
    if analysis.answer_type != "yes_no" or not EXISTENCE.search(fold(analysis.question)):
        return False
    return not any(c.focus >= MIN_FOCUS_FOR_ANSWER for c in ranked)


def explains(analysis: QuestionAnalysis, ranked: Sequence[Candidate]) -> bool:
    """A definition or a step-by-step how-to needs a sentence that defines or prescribes, and
    names what is asked about: for a definition that is the thing itself, generic as it is
    ("Zakład aktywności zawodowej to placówka, która…")."""
    token = "definition" if analysis.answer_type == "definition" else "procedure"
    asked = {stem(t) for t in analysis.terms} - {stem(t) for t in QUESTION_LEMMAS}
    for c in ranked:
        if token not in c.record.tokens:
            continue
        if analysis.answer_type == "definition":
            terms = {stem(t) for t in c.record.terms}
            # The head of what is asked about ("zakład" of "zakład aktywności zawodowej…")
            # and most of its first words; the rest of a long question is context.
            head = [stem(t) for t in analysis.defined[:3]]
            if head and head[0] in terms and 2 * sum(h in terms for h in head) >= len(head):
                return True
            found = asked & terms
            if asked and len(found) / len(asked) >= MIN_FOCUS_FOR_ANSWER:
                return True
        elif c.focus >= MIN_FOCUS_FOR_ANSWER:
            return True
    return False


def choose(
    ranked: Sequence[Candidate],
    by_position: Mapping[tuple[str, int], SentenceRecord],
    naming: bool = False,
    introduce: bool = False,
) -> list[SentenceRecord]:
    """The best sentence with the context it needs, then close runners-up; in report order.
    ``introduce``: the question names no one, so an answer about an organisation that does
    not name it starts with the sentence of the report that does."""
    if not ranked:
        return []
    best = ranked[0]
    chosen = _with_context(best, by_position, naming)
    organisation = best.record.organisation
    intro = None
    if introduce and organisation and not any(_names_it(r, organisation) for r in chosen):
        intro = _introduction(chosen[0], by_position)
    if intro is not None:
        chosen = [intro, *chosen]
    # The introduction is told over and above what answers.
    limit = MAX_SENTENCES + (intro is not None)
    for c in ranked[1:]:
        if len(chosen) >= limit:
            break
        if c.score < best.score - SECOND_MARGIN:
            continue  # the subject's own sentences come first, so scores need not fall
        if not c.answers and best.answers:
            continue
        if c.record in chosen or (not c.answers and any(_near(c.record, r) for r in chosen)):
            continue
        # Context already shown (the sentence naming the organisation) takes no new room.
        extra = [r for r in _with_context(c, by_position, naming) if r not in chosen]
        if len(chosen) + len(extra) <= limit:
            chosen += extra
    closest = _closest(ranked, best)
    if closest is not None and closest.record not in chosen:
        # Told in other words than the question's, the answer may share none of them; the
        # sentence closest in meaning then goes with the best-scored one, if there is room.
        before = by_position.get((closest.record.doc_id, closest.record.ordinal - 1))
        extra = [closest.record]
        if closest.record.leaning and before is not None and before not in chosen:
            extra.insert(0, before)
        if len(chosen) + len(extra) <= limit:
            chosen += extra
    order = {doc: i for i, doc in enumerate(dict.fromkeys(r.doc_id for r in chosen))}
    return sorted(set(chosen), key=lambda r: (order[r.doc_id], r.ordinal))


def _closest(ranked: Sequence[Candidate], best: Candidate) -> Candidate | None:
    """The sentence of the best report closest in meaning to the question, if it may speak
    for what the best sentence is about."""
    same = [c for c in ranked if c.record.doc_id == best.record.doc_id and not c.other_org]
    return max(same, key=lambda c: c.cosine) if same else None


def _names_it(record: SentenceRecord, organisation: str) -> bool:
    return record.organisation == organisation and "org" in record.tokens


def _introduction(
    record: SentenceRecord, by_position: Mapping[tuple[str, int], SentenceRecord]
) -> SentenceRecord | None:
    """The nearest sentence before ``record`` that names its organisation, within the run of
    sentences about it ("torby z żagli" is answered by what the centre does, and which
    centre that is, said paragraphs before)."""
    for ordinal in range(record.ordinal - 1, -1, -1):
        before = by_position.get((record.doc_id, ordinal))
        if before is None:
            continue  # a heading or a fragment, not scored
        if before.organisation != record.organisation:
            return None
        if _names_it(before, record.organisation):
            return before
    return None


def credited_subject(ranked: Sequence[Candidate]) -> str:
    """The organisation asked about as the best sentences' report credits it ("" if none)."""
    return next((c.record.organisation for c in ranked if c.own_subject), "")


def subject_pool(analysis: QuestionAnalysis, ranked: Sequence[Candidate]) -> list[Candidate]:
    """The sentences that speak for the organisation a question names: those the report
    credits to it, and those about it credited to no rival of its kind (a centre's operator,
    say, or no one)."""
    if not analysis.names_organisation:
        # A name of no known kind ("piekarnia U Józefa"): not another organisation's facts,
        # nor, when the question quotes it, those of a report that never names it.
        quoted = analysis.names_subject
        return [c for c in ranked if not c.other_org and not (quoted and c.off_report)]
    if analysis.predicate == "visit":
        return _visit_reports(ranked)
    if not any(c.own_subject for c in ranked):
        # The reports do not follow it by name: any sentence of a report naming it may speak
        # for it, but not one of a report that never does.
        return [c for c in ranked if not c.off_report]
    asked = analysis.subject_kind or _kind(analysis.subject)
    own_docs = {c.record.doc_id for c in ranked if c.own_subject}
    return [
        c
        for c in ranked
        if c.own_subject
        or (c.about_subject and not c.other_org and not _rival_kind(asked, c.record.organisation))
        # The unit's operator, in a report that follows the unit by name.
        or (c.record.doc_id in own_docs and _operates(_kind(c.record.organisation), asked))
    ]


def _visit_reports(ranked: Sequence[Candidate]) -> list[Candidate]:
    """"Kiedy odbyła się wizyta, podczas której odwiedzono Spółdzielnię X?": the organisation
    tells which visit; when it was and who came is told of the visit, not of X."""
    docs = {c.record.doc_id for c in ranked if c.about_subject}
    return [c for c in ranked if c.record.doc_id in docs]


_UNITS = frozenset({"centr", "klub", "zakla", "warsz"})
_PLACE_HEADS = frozenset({"gmina", "powiat", "miasto"})


def _head_stem(analysis: QuestionAnalysis, lemma: Callable[[str], str]) -> str:
    """The stem of the noun a question puts before the name it asks about, which speaks of
    that name once a report has named it: "grupa" of 'grupa „Złota Rączka”', "gmina" of
    "gmina Strzelce Opolskie". Not a kind of organisation: "Spółdzielnia Socjalna „X”"."""
    head = _QUOTED_HEAD.search(analysis.question)
    word = head[1] if head else _word_before(analysis.question, analysis.subject)
    head_lemma = fold(lemma(word.lower())) if word else ""
    if head_lemma in _PLACE_HEADS:
        return stem(head_lemma)
    if not head or not head_lemma or stem(head_lemma) in _GENERIC_STEMS:
        return ""
    return stem(head_lemma)


def _word_before(question: str, subject: str) -> str:
    """The word right before the subject in the question ("gmina" of "gmina Strzelce")."""
    folded, name = fold(question).lower(), fold(subject).lower()
    at = folded.find(name) if name else -1
    before = re.findall(r"[^\W\d_]{4,}", folded[:at]) if at > 0 else []
    return before[-1] if before and folded[:at].rstrip().endswith(before[-1]) else ""


# The noun a question puts before a quoted name: "grupa" of 'grupa „Złota Rączka”'.
_QUOTED_HEAD = re.compile(r"\b([^\W\d_]{4,})\s+[„\"“«]")
_OPERATORS = frozenset({"funda", "stowa", "spold"})


def _operates(kind: str, asked: str) -> bool:
    """Whether an organisation of ``kind`` may run one of the kind asked about: a foundation
    or an association runs centres, clubs and workshops; a centre runs no club."""
    return _canonical_kind(kind) in _OPERATORS and _canonical_kind(asked) in _UNITS


def _rival_kind(asked: str, organisation: str) -> bool:
    """Whether an organisation is of the very kind asked about, both kinds known."""
    asked = _canonical_kind(asked)
    return asked in _KNOWN_KINDS and asked == _canonical_kind(_kind(organisation))


def about_the_subject(analysis: QuestionAnalysis, ranked: Sequence[Candidate]) -> list[Candidate]:
    """When the question is about one named organisation, the sentences about it, if any are
    among the candidates: an answer never borrows another organisation's facts."""
    if not analysis.names_organisation:
        return list(ranked)
    if analysis.predicate == "visit":
        return _visit_reports(ranked) or list(ranked)
    # What the report credits to the organisation comes before a passing mention of it
    # ("…spróbują założyć spółdzielnię na wzór „Pomocnej Dłoni”").
    own = [c for c in ranked if c.own_subject]
    if any(c.answers for c in own):
        return own + [c for c in ranked if not c.own_subject and c.about_subject]
    about = [c for c in ranked if c.about_subject]
    if any(c.answers for c in about):
        # A sentence credited to no one, in a report on the subject, may speak of it too.
        docs = {c.record.doc_id for c in about}
        return [
            c
            for c in ranked
            if c.about_subject
            or (c.record.doc_id in docs and not c.record.organisation and not c.off_report)
        ]
    return [c for c in ranked if not c.off_report] or list(ranked)


def choose_per_report(
    ranked: Sequence[Candidate], by_position: Mapping[tuple[str, int], SentenceRecord]
) -> list[SentenceRecord]:
    """For a request for examples: the best sentence of each report, best reports first."""
    seen: set[str] = set()
    chosen: list[SentenceRecord] = []
    for c in ranked:
        if c.record.doc_id in seen or c.score < ranked[0].score - 2 * SECOND_MARGIN:
            continue
        seen.add(c.record.doc_id)
        chosen.append(c.record)
        if len(chosen) == MAX_SENTENCES:
            break
    return chosen


def _with_context(
    c: Candidate, by_position: Mapping[tuple[str, int], SentenceRecord], naming: bool = False
) -> list[SentenceRecord]:
    """A leaning sentence comes with its predecessor; a sentence that only names whom it is
    about, with the next one when that carries what is asked. When the question asks which
    organisation, a sentence that does not name its own is preceded by the one that does."""
    record = c.record
    out = [record]
    for step in (1, 2):
        before = by_position.get((record.doc_id, record.ordinal - step))
        if before is None:
            break
        needs_name = naming and bool(record.organisation) and "org" not in out[0].tokens
        if out[0].leaning or (needs_name and before.organisation == record.organisation):
            out.insert(0, before)
        else:
            break
    # A sentence that announces a list ("…następujące zlecenia:") or only names whom it is
    # about ("Kolejnym punktem była X.") is followed by what it announces.
    for step in (1, 2):
        after = by_position.get((record.doc_id, record.ordinal + step))
        if after is None or len(out) >= MAX_SENTENCES:
            break
        previous = out[-1]
        if previous.text.rstrip(" .").endswith(":") or (
            not c.answers and step == 1 and _continues(after, record)
        ):
            out.append(after)
        else:
            break
    return out[:MAX_SENTENCES]


def _continues(after: SentenceRecord, record: SentenceRecord) -> bool:
    """The next sentence goes on about the same organisation without naming another."""
    if after.leaning:
        return True
    return bool(record.organisation) and after.organisation == record.organisation


def _near(a: SentenceRecord, b: SentenceRecord) -> bool:
    return a.doc_id == b.doc_id and abs(a.ordinal - b.ordinal) <= 1


def counts(
    text: str, counted: frozenset[str], lemma: Callable[[str], str], bulk: bool = False
) -> bool:
    """Whether a number in the text counts what the question counts: "430 posiłków",
    "siedem osób" — the counted word, a unit of measure when a measure is asked for ("ile
    wynosi powierzchnia"), or (when people are counted) any word for people within the three
    words after the number; with ``bulk``, a weight or volume when anything but people is
    counted. "1,4 mln zł" counts no cooperatives."""
    people = bool(counted & PEOPLE)
    measure = bool(counted & MEASURES)
    for m in NUMBER.finditer(text):
        after = [w.strip(',.;:()„”"') for w in text[m.end() : m.end() + 60].split()[:3]]
        for w in after:
            if not w:
                continue
            if UNIT.match(w) and (measure or (bulk and not people and BULK_UNIT.match(w))):
                return True
            word = fold(lemma(w.lower()))
            if word in NOT_PEOPLE:
                continue  # "dwie pracownie" shares its stem with "pracownik", but counts rooms
            key = stem(word)
            # A plural the lemmatiser leaves as it is ("ile gmin"): "gmin" starts "gminy".
            truncated = any(len(c) >= 4 and key.startswith(c) for c in counted)
            if key in counted or truncated or (people and key in PEOPLE):
                return True
        # "Sześć z nich znalazło zatrudnienie": a share of people named before.
        if people and re.match(r"\s+(z|spośród|sposrod) nich\b", text[m.end() :], re.I):
            return True
    # "czterodniowa wizyta" counts days; "pięcioosobowy zespół" people.
    compounds = [_COMPOUND_COUNTS[fold(m[2]).lower()] for m in COMPOUND_COUNT.finditer(text)]
    return any(stem(c) in counted or (people and c == "osoba") for c in compounds)


_COMPOUND_COUNTS = {
    "dniow": "dzien",
    "tygodniow": "tydzien",
    "miesieczn": "miesiac",
    "godzinn": "godzina",
    "letni": "rok",
    "osobow": "osoba",
}


def _subject_units(
    analysis: QuestionAnalysis, lemma: Callable[[str], str]
) -> dict[str, frozenset[str]]:
    """For each subject term, the stems of its lemma and of the words written for it."""
    words = re.findall(r"[^\W\d_]+", analysis.subject)
    return {
        term: frozenset(
            {stem(term)}
            | {
                stem(fold(w).lower())
                for w in words
                if term in (lemma(w), lemma(w.lower()), fold(w).lower())
            }
        )
        for term in analysis.subject_terms
    }


_NAME_GLUE = frozenset({"nad", "pod", "przy", "dla", "przez", "obok", "kolo", "spod", "and", "the"})


def surface_stems(name: str) -> frozenset[str]:
    """The stems of a name's words as written, without the words of its kind."""
    words = re.findall(r"[^\W\d_]{3,}", fold(name).lower())
    return frozenset(stem(w) for w in words if w not in _NAME_GLUE) - _GENERIC_STEMS


def stem(term: str) -> str:
    """Polish inflection mostly changes a word's end: five letters are its stem here."""
    return term[:5] if len(term) >= 6 else term


UNIT = re.compile(
    r"(ton|tony|tonę|kg|kilogram\w*|litr\w*|m2|m²|mkw|metr\w*|km|kilometr\w*|godzin\w*|"
    r"hektar\w*|ha|proc|procent\w*|%|zł|złotych|euro|sztuk\w*|egzemplarz\w*)$",
    re.IGNORECASE,
)
# What is weighed or poured rather than counted ("ile prania", "ile odpadów") is answered by
# its weight or volume: "1,8 tony tekstyliów" answers "ile prania przechodzi przez pralnię".
BULK_FOCUS = 0.5
BULK_UNIT = re.compile(r"(ton|tony|tonę|kg|kilogram\w*|litr\w*|m3|m³|hektolitr\w*)$", re.IGNORECASE)
MEASURES = frozenset(
    stem(fold(w))
    for w in [
        "powierzchnia", "waga", "wielkość", "długość", "odległość", "obszar", "pojemność",
        "ilość", "produkcja", "sprzedaż", "wynosić", "mieć", "liczyć", "area", "size", "amount",
    ]
)  # fmt: skip
# Nouns a report may count instead of the one a question counts: "ile łóżek" is answered by
# "46 miejsc noclegowych", "ilu sprzedających" by "czternastu wystawców".
_COUNTED_GROUPS = [
    ["łóżko", "miejsce", "nocleg"], ["obiad", "posiłek", "danie"],
    ["słoik", "pojemnik", "opakowanie"], ["etat", "stanowisko", "miejsce"],
    ["wystawca", "stoisko", "stragan", "sprzedawca", "sprzedający"], ["grupa", "zespół"],
]  # fmt: skip
COUNTED_ALIKE: dict[str, frozenset[str]] = {
    stem(fold(word)): frozenset(
        stem(fold(other)) for group in _COUNTED_GROUPS if word in group for other in group
    )
    for group in _COUNTED_GROUPS
    for word in group
}
# Words whose stem is a person's ("pracownia", "pracownik") that count no one.
NOT_PEOPLE = frozenset({"pracownia", "osobowy", "czlonkowski", "goscinny", "studio"})
PEOPLE = frozenset(
    stem(fold(w))
    for w in [
        "osoba", "uczestnik", "uczestniczka", "pracownik", "pracownica", "kobieta",
        "mężczyzna", "członek", "senior", "dziecko", "absolwent", "absolwentka",
        "beneficjent", "podopieczny", "mieszkaniec", "bezrobotny", "niepełnosprawny",
        "opiekunka", "opiekun", "wychowanek", "uczeń", "student", "matka", "mama",
        "przedstawiciel", "gość", "widz", "klient", "pasażer", "people", "person",
        "człowiek", "ludzie", "bywalec",
    ]
)  # fmt: skip


_KIND_ALIASES = {"cis": "centr", "kis": "klub", "zaz": "zakla", "wtz": "warsz"}
_KNOWN_KINDS = frozenset({"spold", "funda", "stowa", "centr", "klub", "zakla", "warsz"})


def _canonical_kind(kind: str) -> str:
    """A kind stem with acronyms spelt out: "cis" is "centr", "zaz " is "zakla"."""
    kind = kind.strip()
    return _KIND_ALIASES.get(kind, kind)


def _same_kind(asked: str, kind: str) -> bool:
    """Whether an organisation of ``kind`` can be the one asked about: yes unless both kinds
    are known and differ (a centre is not a workshop; a "Gmina" is of no known kind)."""
    asked, kind = _canonical_kind(asked), _canonical_kind(kind)
    return asked not in _KNOWN_KINDS or kind not in _KNOWN_KINDS or asked == kind


def _kind(name: str) -> str:
    """The kind of organisation a name starts with: 'spold', 'funda', 'zaz'…"""
    words = fold(name).split()
    return stem(words[0]) if words else ""


@dataclass(frozen=True, slots=True)
class Named:
    """What a report names, for checking a question's names against it: its folded text and
    the lemmas of its words ("w Sopocie" is "sopot", "w Białymstoku" is "bialystok")."""

    folded: str
    lemmas: frozenset[str] = frozenset()
    hosts: tuple[str, ...] = ()  # the hosts of its web addresses, "cismieniany.pl"


_URL_HOST = re.compile(r"\bhttps?://(?:www\.)?([a-z0-9.-]+)")


def named(folded: str, lemmas: frozenset[str] = frozenset()) -> Named:
    return Named(folded, lemmas, tuple(dict.fromkeys(_URL_HOST.findall(folded))))


def in_host(report: Named, word: str) -> bool:
    """A page of an organisation's own site may never spell out the name its address holds:
    "cismieniany.pl" speaks of CIS w Mienianach. The stem of a word of five letters or more,
    inside the host."""
    word = fold(word)
    if len(word) < 5 or word in _NOT_NAMES:
        return False
    root = word[: max(5, len(word) - 4)]  # "Komorniki": "nowinykomornickie.pl"
    return any(root in host for host in report.hosts)


def mentions(
    report: Named | str, name: str, lemma: Callable[[str], str] | None = None
) -> bool:
    """Whether a report names any word of a name as typed, inflection aside: "w Pile" names
    "Piły", "Nowego Targu" names "Nowy Targ", "Żywca" names "Żywiec". Alternations the case
    pattern does not follow ("Sopot", "w Sopocie") are caught by the lemmas, when ``lemma``
    is given; a region by its adjective ("na Dolnym Śląsku", "województwo dolnośląskie"). A
    year is looked for whole."""
    if isinstance(report, str):
        report = named(report)
    folded = report.folded
    if name.isdigit():
        return name in folded
    typed = [w for w in re.findall(r"[^\W\d_]{3,}", name) if fold(w) not in _NOT_NAMES]
    # The case pattern, or the start of a long word: stems alternate in places the pattern
    # does not follow ("Ostrołęka", "w Ostrołęce"; "zakład", "w zakładzie").
    return any(
        re.search(inflected(w), folded)
        or (len(w) >= 6 and re.search(r"\b" + re.escape(w[: len(w) - 3]), folded))
        or (w in ABBREVIATIONS and re.search(ABBREVIATIONS[w], folded))
        or (lemma is not None and _lemma_named(lemma(original), report))
        or _region_named(case_stem(w), report)  # "na dolnym slasku", typed without ł and ą
        or in_host(report, w)
        for original, w in ((o, fold(o)) for o in typed)
    )


def _region_named(stem_: str, report: Named) -> bool:
    adjective = REGION_ADJECTIVES.get(stem_)
    return adjective is not None and adjective in report.folded


def _lemma_named(lemma: str, report: Named) -> bool:
    """The word's lemma among the report's, or its region's adjective in the report."""
    adjective = REGION_ADJECTIVES.get(lemma)
    return lemma in report.lemmas or (adjective is not None and adjective in report.folded)


# A region's name (its lemma) and the stem of its adjective, found inside compounds too
# ("warmińsko-mazurskie", "dolnośląskie"): reports write the voivodeship, people the region.
REGION_ADJECTIVES = {
    "slask": "slask", "slaski": "slask", "dolny": "dolnoslask", "gorny": "gornoslask",
    "pomorze": "pomorsk", "podlasie": "podlask", "mazowsze": "mazowieck",
    "malopolska": "malopolsk", "wielkopolska": "wielkopolsk", "kujawy": "kujawsk",
    "mazury": "mazursk", "warmia": "warminsk", "podkarpacie": "podkarpack",
    "lubelszczyzna": "lubelsk", "opolszczyzna": "opolsk", "kaszuby": "kaszubsk",
    "podhale": "podhalansk", "kurpie": "kurpiowsk", "roztocze": "roztoczansk",
}  # fmt: skip


# The abbreviations of the field, with what a report may write out instead (folded).
ABBREVIATIONS = {
    "pzp": r"\bzamowien\w* publiczn",
    "krs": r"\brejestr\w* sadow",
    "pfron": r"\bfundusz\w* rehabilitacji",
    "owes": r"\bosrod\w* wsparcia ekonomii",
    "rops": r"\bosrod\w* polityki spoleczn",
    "mops": r"\bosrod\w* pomocy spoleczn",
    "gops": r"\bosrod\w* pomocy spoleczn",
    "ops": r"\bosrod\w* pomocy spoleczn",
    "pcpr": r"\bcentr\w* pomocy rodzinie",
    "pup": r"\burz\w* pracy",
    "dps": r"\bdom\w* pomocy spoleczn",
    "efs": r"\beuropejsk\w* fundusz\w* spoleczn",
    "rpo": r"\bprogram\w* operacyjn",
    "jst": r"\bjednost\w* samorzadu",
    "ngo": r"\borganizacj\w* pozarzadow",
}


_ENDING = "(?:" + "|".join((*CASE_ENDINGS, "ow")) + ")?"
_VOWELS = frozenset("aeiouy")


def inflected(word: str) -> str:
    """A pattern for any case of a folded word: its stem, with the vowel Polish drops inside
    it ("Żywiec", "Żywca") optional, and any case ending."""
    stem = case_stem(word)
    last, before = stem[-1], stem[-2]
    body = re.escape(stem)
    if last not in _VOWELS and before not in _VOWELS:
        body = re.escape(stem[:-1]) + "(?:ie|e)?" + re.escape(last)
    elif last not in _VOWELS and before == "e" and len(stem) >= 5:
        # "Żywiec" is "Żywca" in most cases: the e (and the i softening it) may go.
        cut = 3 if stem[-3] == "i" else 2
        body = re.escape(stem[:-cut]) + "(?:ie|e|i)?" + re.escape(last)
    return r"\b" + body + _ENDING + r"\b"


_NOT_NAMES = frozenset(
    ["spoldzielnia", "spoldzielni", "spoldzielnie", "socjalna", "socjalnej", "socjalnych",
     "fundacja", "fundacji", "stowarzyszenie", "stowarzyszenia", "osob", "prawnych", "zaz",
     "cis", "kis", "wtz", "owes"]
)  # fmt: skip


_GENERIC_STEMS = frozenset(stem(g) for g in GENERIC)
