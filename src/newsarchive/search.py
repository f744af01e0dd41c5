"""Search and export selection: a query and filters turned into one plan for the store.

The user's words never reach FTS5 as syntax: every word and phrase is quoted, so
`AND`, `near`, `in-person`, `U.S.` and `C++` are searched as words. The operators the
user means are parsed by query.py; this module decides which parts the full-text
index answers (and ranks) and which become plain conditions (names, dates), and hands
both to Store.select_articles. No SQL here: conditions come from Store's builders.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from newsarchive.query import (
    And,
    DateRange,
    NameMatch,
    Node,
    Not,
    Or,
    QueryError,
    Term,
    parse,
    parse_period,
    walk,
)
from newsarchive.store import SORTS, Condition, Store, StoreError

__all__ = ["Filters", "QueryError", "SORTS", "HIT_FIELDS", "search", "select", "to_fts"]

HIT_FIELDS = ("id", "headline", "published", "publication", "authors", "dateline", "list",
              "snippet", "score")
# The stored columns a hit shows (a hit with no snippet has its body read too, for its
# opening words).
HIT_COLUMNS = tuple(name for name in HIT_FIELDS if name not in ("snippet", "score"))
SNIPPET_WORDS = 24
# Name and date terms each become a condition of their own; SQLite's expression depth
# (1000) is reached somewhere above 600 of them, so refuse well before.
MAX_CONDITION_TERMS = 256


@dataclass
class Filters:
    """The options search and export share; each list is any-of, the options all-of."""

    since: str | None = None
    until: str | None = None
    publications: list[str] = field(default_factory=list)
    lists: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    persons: list[str] = field(default_factory=list)
    sort: str | None = None  # None: the command's default (search: "auto", export: "oldest")
    limit: int | None = None
    offset: int = 0


@dataclass
class Plan:
    """What Store.select_articles needs: a ranking FTS expression and a condition."""

    match: str | None
    match_required: bool
    where: Condition | None
    sort: str


def to_fts(node_or_query: Node | str) -> str:
    """A query (or tree) as one FTS5 expression; QueryError if it needs more than FTS5.

    Kept for callers that only want the full-text part of a plain keyword query.
    """
    node = parse(node_or_query) if isinstance(node_or_query, str) else node_or_query
    if node is None:
        raise QueryError("the query has no words to search for")
    expression = fts_expression(node)
    if expression is None:
        raise QueryError("the query needs names, dates or a lone NOT: not a plain full-text query")
    return expression


def fts_expression(node: Node) -> str | None:
    """The tree as an FTS5 expression, or None when FTS5 cannot say it.

    FTS5 has no field for names or dates and no NOT without something before it,
    so `author:x`, `date:…`, `-word` alone and `a OR -b` are left to conditions.
    """
    if isinstance(node, Term):
        quoted = '"' + node.text.replace('"', '""') + '"' + ("*" if node.prefix else "")
        return f"{node.column} : {quoted}" if node.column else quoted
    if isinstance(node, Or):
        parts = [fts_expression(item) for item in node.items]
        return None if None in parts else "(" + " OR ".join(parts) + ")"
    if isinstance(node, And):
        positive = [fts_expression(i) for i in node.items if not isinstance(i, Not)]
        negative = [fts_expression(i.item) for i in node.items if isinstance(i, Not)]
        if not positive or None in positive or None in negative:
            return None
        expression = " AND ".join(positive)
        for term in negative:
            expression = f"({expression}) NOT {term}"
        return expression
    return None


def build_plan(store: Store, query: str | None, filters: Filters,
               default_sort: str = "auto") -> Plan:
    """Split the query into the part FTS5 ranks and the conditions that filter.

    `default_sort` applies when filters.sort is None; "auto" is relevance when there
    are words to rank by, else newest first.
    """
    node = parse(query) if query and query.strip() else None
    if query and query.strip() and node is None:
        raise QueryError("the query has no words to search for")
    terms = sum(isinstance(n, NameMatch | DateRange) for n in walk(node)) if node else 0
    terms += sum(len(values) for values in (filters.publications, filters.lists,
                                            filters.authors, filters.persons))
    if terms > MAX_CONDITION_TERMS:
        raise QueryError(f"more than {MAX_CONDITION_TERMS} name and date terms in one search")
    conjuncts = list(node.items) if isinstance(node, And) else ([node] if node else [])
    fts_parts = [c for c in conjuncts
                 if fts_expression(c.item if isinstance(c, Not) else c) is not None]
    match = fts_expression(And(tuple(fts_parts))) if fts_parts else None
    if match is None:
        fts_parts = []
    conditions = [_condition(store, c) for c in conjuncts if c not in fts_parts]
    conditions.extend(_filter_conditions(store, filters))
    match_required = match is not None
    if match is None:
        # Nothing FTS5 alone must match (`tariff OR author:sim`): still rank by the words.
        words = [n for n in walk(node) if isinstance(n, Term) and _positive(node, n)] if node else []
        if words:
            match = "(" + " OR ".join(fts_expression(w) for w in words) + ")"
    sort = filters.sort or default_sort
    if sort == "auto":
        sort = "relevance" if match else "newest"
    if sort not in SORTS:
        raise QueryError(f"--sort must be one of {', '.join(SORTS)}")
    return Plan(match, match_required, store.all_of(conditions) if conditions else None, sort)


def select(store: Store, query: str | None, filters: Filters, default_sort: str = "auto",
           mark: tuple[str, str] | None = None,
           columns: Sequence[str] | None = None) -> Iterator[dict[str, Any]]:
    """Every article the query and filters select, streamed in the plan's order (only
    `columns` of each, for hits with `mark`: see Store.select_articles)."""
    if (filters.limit is not None and filters.limit < 0) or filters.offset < 0:
        raise QueryError("--limit and --offset must not be negative")
    # The plan is built here, before the first row, so a bad query fails before any output.
    plan = build_plan(store, query, filters, default_sort)
    rows = store.select_articles(plan.where, plan.match, plan.match_required, plan.sort,
                                 filters.limit, filters.offset, mark, columns)
    return _sqlite_errors_as_query_errors(rows, query)


def _sqlite_errors_as_query_errors(rows: Iterator[dict[str, Any]],
                                   query: str | None) -> Iterator[dict[str, Any]]:
    try:
        yield from rows
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise StoreError(f"the database is busy ({exc}); try again") from exc
        # Quoting makes this unreachable for user text; never show SQLite's words.
        raise QueryError(f"cannot search for {query!r}" if query else "cannot run this search") from exc


def search(store: Store, query: str | None, limit: int = 20, offset: int = 0,
           mark: tuple[str, str] = ("**", "**"), filters: Filters | None = None) -> list[dict[str, Any]]:
    """The best `limit` hits for `query` and `filters`, as dicts with HIT_FIELDS."""
    filters = replace(filters or Filters(), limit=limit, offset=offset)
    hits = []
    for article in select(store, query, filters, default_sort="auto", mark=mark, columns=HIT_COLUMNS):
        # One line whatever the body's paragraphs: a snippet is read in tables and CSV cells.
        article["snippet"] = " ".join((article.get("snippet") or lead(article.get("body") or "")).split())
        hits.append({key: article.get(key) for key in HIT_FIELDS})
    return hits


def lead(body: str, words: int = SNIPPET_WORDS) -> str:
    """The opening words of the body: the snippet when no word of the query matched."""
    tokens = body.split()
    return " ".join(tokens[:words]) + (" …" if len(tokens) > words else "")


def _positive(root: Node, target: Node) -> bool:
    """Whether `target` sits under an even number of NOTs in `root`."""
    def depth(node: Node, nots: int) -> int | None:
        if node is target:
            return nots
        children = node.items if isinstance(node, And | Or) else (
            (node.item,) if isinstance(node, Not) else ())
        for child in children:
            found = depth(child, nots + isinstance(node, Not))
            if found is not None:
                return found
        return None

    found = depth(root, 0)
    return found is not None and found % 2 == 0


def _condition(store: Store, node: Node) -> Condition:
    expression = fts_expression(node)
    if expression is not None:
        return store.fts_condition(expression)
    if isinstance(node, And):
        return store.all_of(_condition(store, item) for item in node.items)
    if isinstance(node, Or):
        return store.any_of(_condition(store, item) for item in node.items)
    if isinstance(node, Not):
        return store.negate(_condition(store, node.item))
    if isinstance(node, NameMatch):
        return _name_condition(store, node.field, node.value)
    if isinstance(node, DateRange):
        return store.date_filter(node.start.isoformat() if node.start else None,
                                 node.end.isoformat() if node.end else None)
    raise TypeError(f"unexpected query node {node!r}")


def _name_condition(store: Store, field_name: str, value: str) -> Condition:
    if field_name in ("author", "person"):
        return store.person_filter(value, author_only=field_name == "author")
    if field_name == "publication":
        # Aliases the extractor knows (`SCMP`, `the Post`) find the canonical name. Imported
        # here: the extract package loads every extraction rule, which a search without a
        # publication has no use for (it was a quarter of a second of every start-up).
        from newsarchive.extract.publication import lookup_publication

        return store.any_of([store.field_filter("publication", value),
                             store.field_filter("publication", lookup_publication(value) or value)])
    return store.field_filter(field_name, value)


def _filter_conditions(store: Store, filters: Filters) -> list[Condition]:
    conditions = []
    if filters.since or filters.until:
        start = parse_period(filters.since, "--since")[0] if filters.since else None
        end = parse_period(filters.until, "--until")[1] if filters.until else None
        if start and end and end <= start:
            raise QueryError("--until is before --since")
        conditions.append(store.date_filter(start.isoformat() if start else None,
                                            end.isoformat() if end else None))
    for field_name, values in (("publication", filters.publications), ("list", filters.lists),
                               ("author", filters.authors), ("person", filters.persons)):
        if values:
            conditions.append(store.any_of(_name_condition(store, field_name, v) for v in values))
    return conditions
