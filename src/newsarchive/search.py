"""Keyword search: user queries to FTS5 expressions, hits as dicts.

The user's words never reach FTS5 as syntax: every word and phrase is quoted, so
`AND`, `near`, `in-person`, `U.S.` and `C++` are searched as words. Operators the
user means are the ones below: `"exact phrase"`, `OR`, `NOT word` / `-word`, `prefix*`.
"""

from __future__ import annotations

import re
import sqlite3
from typing import Any

from newsarchive.store import Store

TOKEN_RE = re.compile(r'"(?P<phrase>[^"]*)"(?P<pstar>\*)?|(?P<word>[^\s"]+)|(?P<quote>")')
HIT_FIELDS = ("id", "headline", "published", "publication", "authors", "dateline", "list",
              "snippet", "score")


class QueryError(ValueError):
    """A query that cannot be searched; the message says what is wrong."""


def to_fts(query: str) -> str:
    """Translate a user query into a safe FTS5 MATCH expression."""
    positive: list[str] = []
    negative: list[str] = []
    pending_or = False
    pending_not = False
    for match in TOKEN_RE.finditer(query):
        if match.group("quote"):
            raise QueryError("unbalanced quote: a phrase needs a closing \"")
        if match.group("phrase") is not None:
            term = _quote(match.group("phrase")) + ("*" if match.group("pstar") else "")
            if not _has_word(match.group("phrase")):
                continue
        else:
            word = match.group("word")
            if word == "OR":
                if not positive or pending_or:
                    raise QueryError("OR needs a word on each side")
                pending_or = True
                continue
            if word == "NOT":
                pending_not = True
                continue
            negated = word.startswith("-") and len(word) > 1
            if negated:
                word = word[1:]
            prefix = word.endswith("*")
            word = word.rstrip("*")
            if not _has_word(word):
                continue
            term = _quote(word) + ("*" if prefix else "")
            if negated:
                negative.append(term)
                continue
        if pending_not:
            negative.append(term)
            pending_not = False
        elif pending_or:
            positive[-1] = f"({positive[-1]} OR {term})"
            pending_or = False
        else:
            positive.append(term)
    if pending_or:
        raise QueryError("OR needs a word on each side")
    if pending_not:
        raise QueryError("NOT needs a word after it")
    if not positive:
        if negative:
            raise QueryError("a query needs at least one word to find, not only words to exclude")
        raise QueryError("the query has no words to search for")
    expression = " AND ".join(positive)
    for term in negative:
        expression = f"({expression}) NOT {term}"
    return expression


def search(store: Store, query: str, limit: int = 20, offset: int = 0,
           mark: tuple[str, str] = ("**", "**")) -> list[dict[str, Any]]:
    """The best `limit` hits for `query`, as dicts with HIT_FIELDS."""
    if limit < 0 or offset < 0:
        raise QueryError("--limit and --offset must not be negative")
    expression = to_fts(query)
    try:
        hits = store.search(expression, limit=limit, offset=offset, mark=mark)
    except sqlite3.OperationalError as exc:
        raise QueryError(f"cannot search for {query!r}") from exc
    return [{key: hit.get(key) for key in HIT_FIELDS} for hit in hits]


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _has_word(text: str) -> bool:
    return any(ch.isalnum() for ch in text)
