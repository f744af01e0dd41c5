"""The query parser: the tree a query becomes, dates, and every malformed case."""

from __future__ import annotations

from datetime import date

import pytest

from newsarchive.query import And, DateRange, NameMatch, Not, Or, QueryError, Term, parse, parse_period
from newsarchive.search import fts_expression, to_fts


def w(text: str, **kw) -> Term:
    return Term(text, **kw)


@pytest.mark.parametrize(("query", "tree"), [
    ("Rubio", w("Rubio")),
    ("Wang Rubio", And((w("Wang"), w("Rubio")))),
    ('"foreign minister"', w("foreign minister", phrase=True)),
    ('"foreign min"*', w("foreign min", phrase=True, prefix=True)),
    ("tariff*", w("tariff", prefix=True)),
    ("a b OR c", Or((And((w("a"), w("b"))), w("c")))),
    ("a (b OR c)", And((w("a"), Or((w("b"), w("c")))))),
    ("Rubio -Taiwan", And((w("Rubio"), Not(w("Taiwan"))))),
    ("Rubio NOT Taiwan", And((w("Rubio"), Not(w("Taiwan"))))),
    ("x -(a OR b)", And((w("x"), Not(Or((w("a"), w("b"))))))),
    ('-"a b" x', And((Not(w("a b", phrase=True)), w("x")))),
    ("headline:tariff", w("tariff", column="headline")),
    ("HEADLINE:tariff", w("tariff", column="headline")),
    ("body:(a OR b*)", Or((w("a", column="body"), w("b", column="body", prefix=True)))),
    ('dek:"strong dollar"', w("strong dollar", phrase=True, column="dek")),
    ('author:"Dewey Sim"', NameMatch("author", "Dewey Sim")),
    ("author:(sim OR weeks)", Or((NameMatch("author", "sim"), NameMatch("author", "weeks")))),
    ("person:Sim", NameMatch("person", "Sim")),
    ("publication:reuters", NameMatch("publication", "reuters")),
    ("list:Japan-Watch", NameMatch("list", "Japan-Watch")),
    ("-author:sim", Not(NameMatch("author", "sim"))),
    ("date:2025-07..2025-09", DateRange(date(2025, 7, 1), date(2025, 10, 1))),
    ("date:2024..", DateRange(date(2024, 1, 1), None)),
    ("date:..2024-02", DateRange(None, date(2024, 3, 1))),
    ("date:2025-07-11", DateRange(date(2025, 7, 11), date(2025, 7, 12))),
    ('date:"11 Jul 2025"', DateRange(date(2025, 7, 11), date(2025, 7, 12))),
    # Words that are FTS5 syntax, or punctuation, are text.
    ("AND near", And((w("AND"), w("near")))),
    ("in-person U.S. C++", And((w("in-person"), w("U.S."), w("C++")))),
    ("10:30 foo:bar", And((w("10:30"), w("foo:bar")))),
    ("or not", And((w("or"), w("not")))),
    ("Rubio - & Wang", And((w("Rubio"), w("Wang")))),
    ("& --", None),
    ("a\x00b\x1bc", And((w("a"), w("b"), w("c")))),  # control characters separate words
    ("a OR (b OR (c OR d))", Or((w("a"), w("b"), w("c"), w("d")))),  # flattened
    ("a (b (c d))", And((w("a"), w("b"), w("c"), w("d")))),
    ("NOT NOT a", w("a")),
    ("x -(-y)", And((w("x"), w("y")))),
])
def test_parse(query, tree):
    assert parse(query) == tree


@pytest.mark.parametrize(("query", "message"), [
    ('"unclosed phrase', "unbalanced quote"),
    ('Rubio "', "unbalanced quote"),
    ("(Rubio", "unbalanced parenthesis"),
    ("(", "unbalanced parenthesis"),
    ("x -(", "unbalanced parenthesis"),
    ("(a (b OR c)", "unbalanced parenthesis"),
    ("Rubio)", "unbalanced parenthesis"),
    (")", "unbalanced parenthesis"),
    ("()", "empty parentheses"),
    ("OR Rubio", "OR needs a word"),
    ("Rubio OR", "OR needs a word"),
    ("a OR OR b", "OR needs a word"),
    ("(a OR) b", "OR needs a word"),
    ("Rubio NOT", "NOT needs a word"),
    ("NOT", "NOT needs a word"),
    ("a (NOT)", "NOT needs a word"),
    ("headline:", "empty field scope: headline:"),
    ("headline: tariff", "empty field scope: headline:"),
    ("author: Sim", "empty field scope: author:"),
    ("(list:)", "empty field scope: list:"),
    ("date:", "empty field scope: date:"),
    ("date:(2024)", "date: needs a date"),
    ("date:soon", "cannot read 'soon' as a date"),
    ("date:2025-13", "cannot read '2025-13'"),
    ("date:..", "at least one end"),
    ("date:2025-09..2025-07", "ends before it starts"),
    ("(" * 3000 + "a" + ")" * 3000, "nests parentheses or NOTs more than 16 deep"),
    ("NOT " * 3000 + "a", "nests parentheses or NOTs more than 16 deep"),
])
def test_malformed_queries(query, message):
    with pytest.raises(QueryError, match=message):
        parse(query)


@pytest.mark.parametrize(("query", "expected"), [
    ("Rubio", '"Rubio"'),
    ("Wang Rubio", '"Wang" AND "Rubio"'),
    ('"foreign minister" Wang', '"foreign minister" AND "Wang"'),
    ("Rubio OR Blinken", '("Rubio" OR "Blinken")'),
    ("Rubio -Taiwan", '("Rubio") NOT "Taiwan"'),
    ("tariff*", '"tariff"*'),
    ("headline:(a OR b)", '(headline : "a" OR headline : "b")'),
    ("AND near in-person", '"AND" AND "near" AND "in-person"'),
])
def test_fts_expression_quotes_every_word(query, expected):
    assert to_fts(query) == expected


@pytest.mark.parametrize("query", ["-Taiwan", "author:sim", "a OR -b", "date:2025"])
def test_what_fts5_cannot_say_is_left_to_conditions(query):
    assert fts_expression(parse(query)) is None


@pytest.mark.parametrize(("text", "period"), [
    ("2025", (date(2025, 1, 1), date(2026, 1, 1))),
    ("2025-07", (date(2025, 7, 1), date(2025, 8, 1))),
    ("2024-02", (date(2024, 2, 1), date(2024, 3, 1))),
    ("2025-12", (date(2025, 12, 1), date(2026, 1, 1))),
    ("2025-07-11", (date(2025, 7, 11), date(2025, 7, 12))),
    ("11 Jul 2025", (date(2025, 7, 11), date(2025, 7, 12))),
    ("July 2025", (date(2025, 7, 1), date(2025, 8, 1))),
    ("2025-12-31", (date(2025, 12, 31), date(2026, 1, 1))),
])
def test_parse_period(text, period):
    assert parse_period(text) == period


@pytest.mark.parametrize("text", ["", "yesterday", "11 Jul", "2025-02-30", "July"])
def test_parse_period_rejects(text):
    with pytest.raises(QueryError, match="cannot read"):
        parse_period(text, "--since")
