"""The chat handler with a language model configured: the mode is named, sentences arrive one
by one as they are verified, and what the model invented never shows."""

from __future__ import annotations

from praktyki import Engine
from praktyki.ui.app import build_app

from .llm_servers import llm_server

CINEMA = "Która spółdzielnia socjalna prowadzi kino w Łodzi?"


def _chat(app):
    return next(f.fn for f in app.fns.values() if f.api_name == "chat")


def _replies(engine: Engine) -> list[str]:
    respond = _chat(build_app(engine))
    filters = ["wszystkie", "bez ograniczeń", "bez ograniczeń", "wszystkie"]
    return [out[1][-1]["content"] for out in respond(CINEMA, [], None, [], *filters)]


def test_the_chat_streams_verified_sentences_and_names_the_mode(fake_engine):
    with llm_server() as (address, script):
        script.text = (
            "W Łodzi działa Kino Bodo, które wyświetla alternatywne filmy [2]. "
            "Kino Bodo prowadzi też restaurację na 300 miejsc [2]. "
            "Młodzi ludzie postanowili otworzyć w Łodzi kino studyjne [2]."
        )
        settings = fake_engine.settings.model_copy(
            update={"llm_url": f"{address}/stream/v1", "llm_model": "testowy"}
        )
        replies = _replies(Engine(settings, fake_engine.encoder))
    assert replies[0] == "Szukam w raportach…"
    assert any("pisze odpowiedź" in r for r in replies[1:-1])
    final = replies[-1]
    assert "Tryb: odpowiedź napisana przez model językowy testowy" in final
    assert "Kino Bodo, które wyświetla alternatywne filmy." in final
    assert "300 miejsc" not in "".join(replies)
    assert "Źródła" in final


def test_without_a_model_the_chat_answers_as_before(fake_engine):
    replies = _replies(fake_engine)
    assert len(replies) == 2 and "Tryb:" not in replies[-1]
    assert "Zobaczyliśmy także spółdzielnię socjalną Odblask." in replies[-1]
