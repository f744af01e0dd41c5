"""Search semantics against real databases: every operator, scope, filter, sort and rank."""

from __future__ import annotations

import sqlite3

import pytest
from conftest import SAMPLE, TEXT_FIXTURES, extract_file, make_article
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsarchive.search import Filters, QueryError, search, select
from newsarchive.store import Store

ARTICLES = [
    make_article("a1", "Tariffs hit Japan exports", "Exports fell as the tariff bit. José Álvarez "
                 "said the in-person talks in the U.S. failed.", authors=["José Álvarez"],
                 publication="Reuters", list="Japan-Watch", published="2025-07-17"),
    make_article("a2", "Central banks cut rates", "Rates fell across Asia; tariffs were a worry.",
                 dek="A strong dollar may not help", authors=["Dewey Sim"],
                 publication="South China Morning Post", list="Salon", published="2025-07-11"),
    make_article("a3", "Vintage computing finds an audience", "Collectors of C++ manuals and "
                 "beige boxes meet near the museum.", authors=["Linton Weeks"],
                 publication="The Washington Post", list="History-List", published="2003-08-21"),
    make_article("a4", "Quokka census", "A quokka was counted on the island.",
                 authors=["Simpson Jones"], list="Salon", published="2024-01-05"),
    make_article("a5", "Quokka census", "A quokka was counted on the island.",
                 authors=["Anna Martin"], list="Salon", published="2025-01-05"),
    make_article("a6", "Notes without a date", "The dollar and the tariff, again.", list="Salon"),
]


@pytest.fixture
def synthetic(store):
    store.save_articles(ARTICLES)
    return store


def ids(store, query, **filters) -> list[str]:
    limit = filters.pop("limit", 100)
    offset = filters.pop("offset", 0)
    return [hit["id"] for hit in search(store, query, limit=limit, offset=offset,
                                        filters=Filters(**filters))]


def as_set(store, query, **filters) -> set[str]:
    return set(ids(store, query, **filters))


# -- operators ----------------------------------------------------------------------------

@pytest.mark.parametrize(("query", "expected"), [
    ("tariff", {"a1", "a2", "a6"}),  # stemming: tariffs, tariff
    ("TARIFFS", {"a1", "a2", "a6"}),  # case folds
    ("alvarez", {"a1"}),  # accents fold
    ("tariff dollar", {"a2", "a6"}),  # all words must match
    ('"tariffs were a worry"', {"a2"}),
    ('"worry tariffs"', set()),  # a phrase keeps its order
    ("quokka OR beige", {"a3", "a4", "a5"}),
    ("tariff -dollar", {"a1"}),
    ("tariff NOT dollar", {"a1"}),
    ("tariff -(dollar OR Japan)", set()),
    ("(quokka OR beige) -museum", {"a4", "a5"}),
    ("Quok*", {"a4", "a5"}),
    ('"beige b"*', {"a3"}),
    ("-tariff", {"a3", "a4", "a5"}),  # a lone NOT: everything else
    ("tariff OR -quokka", {"a1", "a2", "a3", "a6"}),
])
def test_operators(synthetic, query, expected):
    assert as_set(synthetic, query) == expected


@pytest.mark.parametrize("query", ["U.S. tariff", "C++", "in-person", "AND tariff", "tariff AND",
                                   "near museum", "Álvarez's", "NEAR(a b)", "tariff:", "{headline}",
                                   "^tariff", "a+b", "tariff*^"])
def test_fts_syntax_words_never_break(synthetic, query):
    assert isinstance(search(synthetic, query), list)


@pytest.mark.parametrize("query", ["*", "\\", "& --", '""'])
def test_a_query_of_only_punctuation_is_an_error(synthetic, query):
    with pytest.raises(QueryError, match="no words to search for"):
        search(synthetic, query)


def test_fts_syntax_words_are_searched_as_text(synthetic):
    assert as_set(synthetic, "in-person") == {"a1"}
    assert as_set(synthetic, "U.S.") == {"a1"}
    assert as_set(synthetic, "C++ manuals") == {"a3"}
    assert as_set(synthetic, "near museum") == {"a3"}


# -- scopes -------------------------------------------------------------------------------

@pytest.mark.parametrize(("query", "expected"), [
    ("headline:tariff", {"a1"}),
    ("body:tariff", {"a1", "a2", "a6"}),
    ("headline:(quokka OR rates)", {"a2", "a4", "a5"}),
    ('dek:"strong dollar"', {"a2"}),
    ("dek:dollar", {"a2"}),
    ("author:sim", {"a2"}),  # surname; not Simpson
    ('author:"dewey sim"', {"a2"}),
    ("author:ALVAREZ", {"a1"}),  # case and accents fold
    ('author:"jose alvarez"', {"a1"}),
    ("author:dewey", set()),  # a first name alone is not a surname
    ("author:(weeks OR martin)", {"a3", "a5"}),
    ("person:sim", {"a2"}),
    ("publication:reuters", {"a1"}),
    ('publication:"south china"', {"a2"}),
    ("publication:scmp", {"a2"}),  # an alias the extractor knows
    ("publication:post", {"a2", "a3"}),
    ("list:salon", {"a2", "a4", "a5", "a6"}),
    ("list:japan-watch", {"a1"}),
    ("list:japan", {"a1"}),
    ("date:2025-07", {"a1", "a2"}),
    ("date:2025-07-11", {"a2"}),
    ("date:2024..", {"a1", "a2", "a4", "a5"}),
    ("date:..2024", {"a3", "a4"}),
    ("date:2024-01..2025-01", {"a4", "a5"}),  # both ends inclusive
    ('date:"5 Jan 2025"', {"a5"}),
    ("tariff -author:sim", {"a1", "a6"}),
    ("quokka OR author:weeks", {"a3", "a4", "a5"}),
    ("list:salon -date:2025", {"a4", "a6"}),
])
def test_scopes(synthetic, query, expected):
    assert as_set(synthetic, query) == expected


# -- filters ------------------------------------------------------------------------------

@pytest.mark.parametrize(("filters", "expected"), [
    ({"since": "2025"}, {"a1", "a2", "a5"}),
    ({"since": "2025-07"}, {"a1", "a2"}),
    ({"since": "2025-07-11"}, {"a1", "a2"}),
    ({"since": "12 Jul 2025"}, {"a1"}),
    ({"until": "2024"}, {"a3", "a4"}),
    ({"until": "2025-07-11"}, {"a2", "a3", "a4", "a5"}),  # inclusive
    ({"since": "2025-07-11", "until": "11 Jul 2025"}, {"a2"}),
    ({"publications": ["Reuters"]}, {"a1"}),
    ({"publications": ["reuters", "SCMP"]}, {"a1", "a2"}),
    ({"lists": ["History-List"]}, {"a3"}),
    ({"authors": ["Sim"]}, {"a2"}),
    ({"authors": ["Dewey Sim", "weeks"]}, {"a2", "a3"}),
    ({"persons": ["Álvarez"]}, {"a1"}),
    ({"lists": ["salon"], "since": "2025"}, {"a2", "a5"}),
])
def test_filters_without_query(synthetic, filters, expected):
    assert as_set(synthetic, None, **filters) == expected


def test_filters_combine_with_query(synthetic):
    assert as_set(synthetic, "tariff", lists=["Salon"]) == {"a2", "a6"}
    assert as_set(synthetic, "tariff", since="2025-07-12") == {"a1"}
    assert as_set(synthetic, "quokka OR tariff", authors=["martin", "sim"]) == {"a2", "a5"}
    assert as_set(synthetic, "author:sim", persons=["weeks"]) == set()


@pytest.mark.parametrize(("filters", "message"), [
    ({"since": "last week"}, "--since: cannot read"),
    ({"until": "2025-02-30"}, "--until: cannot read"),
    ({"since": "2025-08", "until": "2025-07"}, "--until is before --since"),
    ({"sort": "random"}, "--sort must be one of"),
])
def test_bad_filters(synthetic, filters, message):
    with pytest.raises(QueryError, match=message):
        search(synthetic, "tariff", filters=Filters(**filters))


# -- ranking, sort, paging ----------------------------------------------------------------

def test_headline_outranks_dek_outranks_body(store):
    store.save_articles([
        make_article("body", "Other news", "A word about the dollar and many other things here."),
        make_article("dek", "More news", "Many other things here and more.", dek="The dollar"),
        make_article("head", "The dollar", "Many other things here and more again."),
    ])
    assert ids(store, "dollar") == ["head", "dek", "body"]


def test_ties_go_newest_first(synthetic):
    assert ids(synthetic, "quokka") == ["a5", "a4"]


def test_sort_newest_and_oldest_undated_last(synthetic):
    assert ids(synthetic, "tariff OR quokka", sort="newest") == ["a1", "a2", "a5", "a4", "a6"]
    assert ids(synthetic, "tariff OR quokka", sort="oldest") == ["a4", "a5", "a2", "a1", "a6"]
    assert ids(synthetic, None) == ["a1", "a2", "a5", "a4", "a3", "a6"]  # no query: newest


def test_relevance_ranks_word_matches_above_name_matches(synthetic):
    # a3 matches only by author; the quokka articles match by words and rank first.
    assert ids(synthetic, "quokka OR author:weeks")[-1] == "a3"


def test_limit_and_offset(synthetic):
    everything = ids(synthetic, None, sort="oldest")
    assert ids(synthetic, None, sort="oldest", limit=2) == everything[:2]
    assert ids(synthetic, None, sort="oldest", limit=2, offset=2) == everything[2:4]
    assert ids(synthetic, None, limit=0) == []
    assert ids(synthetic, None, offset=99) == []


def test_export_selection_streams_with_the_same_plan(synthetic):
    rows = select(synthetic, "list:salon", Filters(since="2025"), default_sort="oldest")
    assert next(rows)["id"] == "a5"
    assert [row["id"] for row in rows] == ["a2"]


def test_bad_query_fails_before_any_row(synthetic):
    with pytest.raises(QueryError):
        select(synthetic, "(tariff", Filters())


# -- hits ---------------------------------------------------------------------------------

@pytest.fixture
def filled(store):
    for dump in sorted(TEXT_FIXTURES.glob("*.txt")):
        store.save_articles(extract_file(dump))
    return store


def test_hits_are_marked_and_scored(filled):
    [hit] = search(filled, "Blinken")
    assert hit["id"] == extract_file(SAMPLE)[0]["id"]
    assert "**Blinken**" in hit["snippet"]
    assert hit["score"] > 0
    assert hit["authors"] == ["Dewey Sim"]
    assert set(hit) >= {"id", "headline", "published", "publication", "authors", "snippet",
                        "score"}


def test_hit_without_word_match_gets_the_opening_as_snippet(synthetic):
    [hit] = search(synthetic, "author:weeks")
    assert hit["snippet"].startswith("Collectors of C++ manuals")
    assert hit["score"] == 0


def test_stemming_and_accents(filled):
    assert search(filled, "tariff")  # the text says "tariffs"
    assert search(filled, "Rubió")
    assert search(filled, "quokka") == []


# -- any text at all ----------------------------------------------------------------------


QUERY_PIECES = st.sampled_from(['"', "(", ")", "-", "*", "OR", "NOT", "AND", "NEAR", ":", "^",
                                "headline:", "author:", "date:", "date:2025..", "list:", "tariff",
                                "quokka", "U.S.", "C++", "in-person", "é", "中", " ", "''", "{", "}"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.text(max_size=40), st.lists(QUERY_PIECES, max_size=12).map("".join),
                 st.lists(QUERY_PIECES, max_size=12).map(" ".join)))
def test_any_text_is_a_result_or_a_query_error(synthetic, query):
    try:
        hits = search(synthetic, query)
    except QueryError as exc:
        assert str(exc) and "\n" not in str(exc)
        assert not str(exc).startswith("cannot search for")  # the catch-all for SQLite errors
        assert "fts5" not in str(exc).lower() and "sqlite" not in str(exc).lower()
    else:
        assert isinstance(hits, list)


def test_snippet_comes_from_the_dek_when_only_the_dek_matches(synthetic):
    [hit] = search(synthetic, "strong")
    assert hit["id"] == "a2" and hit["snippet"] == "A **strong** dollar may not help"
    [hit] = search(synthetic, "worry")
    assert "**worry**" in hit["snippet"] and hit["snippet"].startswith("Rates fell")


def test_the_deepest_query_allowed_still_runs(synthetic):
    # 16 levels of NOTs and groups around names and dates: SQLite's parser has a stack too.
    query = "tariff"
    for level in range(2):  # six levels each
        query = f"(-(author:a{level} OR -(date:2025 (list:salon OR {query}))))"
    query = f"((-(person:b OR {query})))"  # four more: sixteen
    assert isinstance(search(synthetic, query), list)
    with pytest.raises(QueryError, match="more than 16 deep"):
        search(synthetic, f"({query})")


def test_too_many_name_terms_is_a_query_error_not_sqlites(synthetic):
    allowed = " OR ".join(f"author:w{i}" for i in range(256))
    assert search(synthetic, allowed) == []
    with pytest.raises(QueryError, match="more than 256 name and date terms"):
        search(synthetic, allowed + " OR author:sim")
    with pytest.raises(QueryError, match="more than 256"):
        search(synthetic, None, filters=Filters(authors=[f"w{i}" for i in range(300)]))


def test_snippets_are_one_line(store):
    store.save_articles([make_article("m", "Reactor notes", "First paragraph about the reactor.\n\n"
                                      "Second\tparagraph,   also the reactor.")])
    [hit] = search(store, "reactor")
    assert "\n" not in hit["snippet"] and "  " not in hit["snippet"] and "**reactor**" in hit["snippet"]


@pytest.mark.parametrize("rows_a_query", [500, 2])  # one snippet query for the page, or several
def test_each_hit_of_a_page_gets_its_own_snippet(store, monkeypatch, rows_a_query):
    import newsarchive.store as store_module
    monkeypatch.setattr(store_module, "SNIPPET_ROWS", rows_a_query)
    store.save_articles([make_article(f"r{i}", f"Report {i}", f"Opening line {i}. The reactor "
                                      f"number {i} was inspected by crew {i}.", published=f"2024-01-{i + 1:02d}")
                         for i in range(7)]
                        + [make_article("d", "Dek only", "Nothing here to see.", dek="A reactor in the dek")])
    hits = search(store, '"reactor number" OR dek', limit=5, offset=1)
    assert len(hits) == 5
    for hit in hits:
        number = hit["id"][1:]
        assert f"**reactor number** {number} was inspected by crew {number}" in hit["snippet"]
    [hit] = search(store, "reactor dek")
    assert hit["snippet"] == "A **reactor** in the **dek**"


@pytest.mark.parametrize("tied, share", [(30, 50), (80, 50), (80, 1)])
def test_a_page_of_a_common_word_is_the_best_ranked_with_ties_newest_first(store, monkeypatch, tied, share):
    # Ranking picks a page's candidates from the index alone; rows tied on bm25 at the
    # page's edge must still come newest first, however many tie: within the tie
    # margin, past it with the date index walked (a dense tie), and past it with the
    # tied rows' dates read one by one (`share` 1: no tie counts as dense).
    import newsarchive.store as store_module
    monkeypatch.setattr(store_module, "PROLIFIC_SHARE", share)
    strong = [make_article(f"s{n:03d}", "Tariff talks", "tariff " * 6 + "talks resume in Geneva " * 3,
                           published=f"2025-01-{n + 1:02d}") for n in range(5)]
    same_body = "The tariff question came up again among other business of the week. " * 3
    ties = [make_article(f"t{n:03d}", "Weekly notes", same_body,
                         published=f"2024-{1 + n // 28:02d}-{1 + n % 28:02d}") for n in range(tied)]
    store.save_articles(strong + ties)
    hits = search(store, "tariff", limit=20)
    newest_ties = sorted(ties, key=lambda a: a["published"], reverse=True)
    assert {h["id"] for h in hits[:5]} == {a["id"] for a in strong}
    assert [h["id"] for h in hits[5:]] == [a["id"] for a in newest_ties[:15]]
    second = search(store, "tariff", limit=20, offset=20)
    assert [h["id"] for h in second] == [a["id"] for a in newest_ties[15:35]]


def test_an_offset_without_a_limit_gives_every_match_after_it(store):
    articles = [make_article(f"a{n:02d}", f"Tariff note {n}", "tariff talks " * (n + 1) + "in Geneva today",
                             published=f"2025-02-{n + 1:02d}") for n in range(12)]
    store.save_articles(articles)
    everything = [a["id"] for a in store.select_articles(match="tariff", mark=("[", "]"))]
    after_five = [a["id"] for a in store.select_articles(match="tariff", offset=5, mark=("[", "]"))]
    assert len(everything) == 12 and after_five == everything[5:]


def test_a_page_too_big_to_bind_is_still_the_best_ranked(store):
    # A relevance page's candidates are bound back into SQLite two values a row; past
    # the connection's limit on bound values (999 in SQLite before 3.32) the page must
    # come from the general query, in the same order, not fail.
    articles = [make_article(f"a{n:03d}", f"Tariff note {n}", "tariff talks " * (1 + n % 7) + f"in Geneva {n}",
                             published=f"20{10 + n // 12:02d}-{1 + n % 12:02d}-01") for n in range(90)]
    others = [make_article(f"b{n:03d}", f"Weather note {n}", f"Rain in Geneva {n}") for n in range(300)]
    store.save_articles(articles + others)
    expected = [(h["id"], h["score"], h["snippet"]) for h in search(store, "tariff", limit=80, offset=5)]
    limited = Store(store.path)  # a connection of its own: none of its statements prepared yet
    limited.db.conn.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 100)
    assert [(h["id"], h["score"], h["snippet"]) for h in search(limited, "tariff", limit=80, offset=5)] == expected
    limited.close()
    scores = [score for _, score, _ in expected]
    assert len(expected) == 80 and scores == sorted(scores, reverse=True) and len(set(scores)) > 3


def test_a_hit_with_no_snippet_shows_its_bodys_opening(store):
    # A page of hits reads only the columns a hit shows, and a body only where no
    # snippet stands in for it: a person's page, a row that only a name condition
    # chose. Each must still show the body's opening words.
    body = " ".join(f"word{n}" for n in range(40)) + "\n\nSecond paragraph about reactors."
    opening = " ".join(f"word{n}" for n in range(24)) + " …"
    store.save_articles([
        make_article("h", "Reactor restart approved", body, authors=["Dewey Sim"], published="2025-01-02"),
        make_article("b", "Grid notes", "The reactor was inspected on Monday.", authors=["Ann Lee"],
                     published="2025-01-01"),
    ])
    [hit] = search(store, "headline:approved")  # FTS5's snippet of a body with no match: its start
    assert hit["snippet"].startswith("word0 word1 word2") and hit["snippet"] != opening
    assert hit["authors"] == ["Dewey Sim"] and hit["published"] == "2025-01-02"
    [hit] = search(store, 'author:"Dewey Sim"')
    assert hit["snippet"] == opening
    hits = search(store, "inspected OR author:sim")
    assert [(h["id"], h["snippet"]) for h in hits] == [("b", "The reactor was **inspected** on Monday."),
                                                      ("h", opening)]


def test_hits_read_only_the_columns_asked_for(store):
    store.save_articles([make_article("h", "Reactor restart approved", "Nothing to see.", captions=["A caption"]),
                         make_article("b", "Grid notes", "The reactor was inspected.")])
    rows = {row["id"]: row for row in store.select_articles(match="inspected", match_required=False, limit=5,
                                                            mark=("[", "]"), columns=("headline", "authors"))}
    assert set(rows["b"]) == {"id", "headline", "authors", "score", "snippet"}
    assert rows["b"]["snippet"] == "The reactor was [inspected]."
    # Not matched, so no snippet: the body is read for the hit's opening.
    assert set(rows["h"]) == {"id", "headline", "authors", "body", "score", "snippet"}
    assert rows["h"]["body"] == "Nothing to see." and rows["h"]["authors"] == [] and rows["h"]["snippet"] is None
    with pytest.raises(ValueError):
        list(store.select_articles(match="reactor", limit=5, columns=("headline",)))
