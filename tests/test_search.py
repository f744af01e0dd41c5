"""Query translation: user words never reach FTS5 as syntax."""

from __future__ import annotations

import pytest
from conftest import SAMPLE, TEXT_FIXTURES, extract_file

from newsarchive.search import QueryError, search, to_fts


@pytest.mark.parametrize(("query", "expected"), [
    ("Rubio", '"Rubio"'),
    ("Wang Rubio", '"Wang" AND "Rubio"'),
    ('"foreign minister" Wang', '"foreign minister" AND "Wang"'),
    ("Rubio OR Blinken", '("Rubio" OR "Blinken")'),
    ("Rubio -Taiwan", '("Rubio") NOT "Taiwan"'),
    ("Rubio NOT Taiwan", '("Rubio") NOT "Taiwan"'),
    ("tariff*", '"tariff"*'),
    ("AND near in-person", '"AND" AND "near" AND "in-person"'),
])
def test_to_fts(query, expected):
    assert to_fts(query) == expected


@pytest.mark.parametrize(("query", "message"), [
    ('"unclosed phrase', "unbalanced quote"),
    ("OR Rubio", "OR needs a word"),
    ("Rubio OR", "OR needs a word"),
    ("Rubio NOT", "NOT needs a word"),
    ("-Taiwan", "at least one word"),
    ("   ", "no words"),
])
def test_malformed_queries(query, message):
    with pytest.raises(QueryError, match=message):
        to_fts(query)


@pytest.fixture
def filled(store):
    for dump in sorted(TEXT_FIXTURES.glob("*.txt")):
        store.save_articles(extract_file(dump))
    return store


@pytest.mark.parametrize("query", ["U.S. Rubio", "C++ Rubio", "in-person", "Rubio AND Wang",
                                   "near Rubio", "Rubio's", "tariffs*", "(Rubio"])
def test_fts_syntax_words_do_not_break(filled, query):
    assert isinstance(search(filled, query), list)


def test_hits_are_marked_and_scored(filled):
    [hit] = search(filled, "Blinken")
    assert hit["id"] == extract_file(SAMPLE)[0]["id"]
    assert "**Blinken**" in hit["snippet"]
    assert hit["score"] > 0
    assert hit["authors"] == ["Dewey Sim"]
    assert set(hit) >= {"id", "headline", "published", "publication", "authors", "snippet",
                        "score"}


def test_stemming_and_accents(filled):
    assert search(filled, "tariff")  # the text says "tariffs"
    assert search(filled, "Rubió")
    assert search(filled, "quokka") == []
