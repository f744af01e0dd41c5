"""The SQLite store: schema, full-text index, upserts, migrations. The only module with SQL.

Layout (sqlite-utils conventions, so Datasette opens it with search working):
- `articles`: one row per article, keyed by the content-derived `id`; list-valued
  fields (`authors`, `captions`, `removed`, `archive`, `source`) are JSON text.
- `articles_fts`: FTS5 over headline, dek, body and authors, external-content on
  `articles`, kept in sync by triggers, so an update can never leave it stale.
- `meta`: key/value, holds `schema_version` for migrations.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlite_utils

ARTICLE_COLUMNS: dict[str, type] = {
    "id": str,
    "list": str,
    "subject": str,
    "headline": str,
    "dek": str,
    "publication": str,
    "authors": str,
    "dateline": str,
    "published": str,
    "sent": str,
    "body": str,
    "captions": str,
    "author_bio": str,
    "removed": str,
    "archive": str,
    "source": str,
    "word_count": int,
    "fingerprint": str,
}
JSON_COLUMNS = ("authors", "captions", "removed", "archive", "source")
FTS_COLUMNS = ["headline", "dek", "body", "authors"]
# bm25 weights in FTS_COLUMNS order: a word in the headline counts most, then the dek.
FTS_WEIGHTS = (10.0, 4.0, 1.0, 2.0)
FTS_TOKENIZE = "porter unicode61 remove_diacritics 2"


def _migration_1_articles(db: sqlite_utils.Database) -> None:
    db["articles"].create(ARTICLE_COLUMNS, pk="id", not_null={"id"}, if_not_exists=True)
    db["articles"].create_index(["published"], if_not_exists=True)
    db["meta"].create({"key": str, "value": str}, pk="key", if_not_exists=True)
    if not db["articles_fts"].exists():
        db["articles"].enable_fts(FTS_COLUMNS, create_triggers=True, tokenize=FTS_TOKENIZE)


# Schema steps in order; step N brings a database to schema_version N. Append, never edit.
MIGRATIONS = [_migration_1_articles]
SCHEMA_VERSION = len(MIGRATIONS)


class StoreError(Exception):
    """A database that cannot be opened or used: the message is for the user."""


@dataclass
class SaveCounts:
    added: int = 0
    updated: int = 0
    unchanged: int = 0

    def __iadd__(self, other: SaveCounts) -> SaveCounts:
        self.added += other.added
        self.updated += other.updated
        self.unchanged += other.unchanged
        return self


class Store:
    def __init__(self, path: str | Path):
        self.path = str(path)
        try:
            conn = sqlite3.connect(self.path, timeout=30)
            self.db = sqlite_utils.Database(conn)
            # WAL lets searches read while an ingest writes.
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: cannot open database: {exc}") from exc

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction on the raw connection: committed whole or rolled back.

        BEGIN IMMEDIATE takes the write lock up front, so a concurrent writer waits
        (up to the connection timeout) instead of failing half-way.
        """
        conn = self.db.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    # -- schema -------------------------------------------------------------------------

    def migrate(self) -> None:
        """Bring the schema up to SCHEMA_VERSION, one numbered step at a time."""
        version = self._schema_version()
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: database schema {version} is newer than this newsarchive "
                f"({SCHEMA_VERSION}); upgrade newsarchive"
            )
        for number, step in enumerate(MIGRATIONS, start=1):
            if version < number:
                step(self.db)
                self._set_schema_version(number)

    def _schema_version(self) -> int:
        if not self.db["meta"].exists():
            return 0
        row = self.db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        return int(row[0]) if row else 0

    def _set_schema_version(self, version: int) -> None:
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO meta (key, value) VALUES ('schema_version', ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [str(version)],
            )

    # -- writes -------------------------------------------------------------------------

    def save_articles(self, articles: Iterable[dict[str, Any]]) -> SaveCounts:
        """Insert or update articles in one transaction: all of them or none."""
        counts = SaveCounts()
        columns = list(ARTICLE_COLUMNS)
        placeholders = ", ".join("?" for _ in columns)
        updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c != "id")
        sql = (f"INSERT INTO articles ({', '.join(columns)}) VALUES ({placeholders}) "
               f"ON CONFLICT(id) DO UPDATE SET {updates}")
        with self.transaction() as conn:
            for article in articles:
                row = article_to_row(article)
                existing = conn.execute(
                    "SELECT fingerprint FROM articles WHERE id = ?", [row["id"]]
                ).fetchone()
                if existing and existing[0] == row["fingerprint"]:
                    counts.unchanged += 1
                    continue
                conn.execute(sql, [row[c] for c in columns])
                if existing:
                    counts.updated += 1
                else:
                    counts.added += 1
        return counts

    # -- reads --------------------------------------------------------------------------

    def count_articles(self) -> int:
        return self.db["articles"].count

    def get_article(self, article_id: str) -> dict[str, Any] | None:
        cursor = self.db.execute("SELECT * FROM articles WHERE id = ?", [article_id])
        row = cursor.fetchone()
        return row_to_article(_as_dict(cursor, row)) if row else None

    def find_ids_by_prefix(self, prefix: str, limit: int = 5) -> list[str]:
        cursor = self.db.execute(
            "SELECT id FROM articles WHERE id >= ? AND id < ? ORDER BY id LIMIT ?",
            [prefix, prefix + "\uffff", limit],
        )
        return [row[0] for row in cursor]

    def iter_articles(self, fts_query: str | None = None) -> Iterator[dict[str, Any]]:
        """Every article (or every match of an FTS5 query), oldest first, one at a time."""
        if fts_query:
            sql = ("SELECT articles.* FROM articles JOIN articles_fts "
                   "ON articles_fts.rowid = articles.rowid WHERE articles_fts MATCH ? "
                   "ORDER BY articles.published, articles.id")
            params: list[Any] = [fts_query]
        else:
            sql = "SELECT * FROM articles ORDER BY published, id"
            params = []
        cursor = self.db.execute(sql, params)
        for row in cursor:
            yield row_to_article(_as_dict(cursor, row))

    def search(self, fts_query: str, limit: int = 20, offset: int = 0,
               mark: tuple[str, str] = ("**", "**")) -> list[dict[str, Any]]:
        """Best matches first: bm25 over the weighted columns, ties newest first."""
        weights = ", ".join(str(w) for w in FTS_WEIGHTS)
        sql = (
            f"SELECT articles.*, bm25(articles_fts, {weights}) AS rank, "
            f"snippet(articles_fts, 2, ?, ?, '…', 12) AS snippet "
            "FROM articles_fts JOIN articles ON articles.rowid = articles_fts.rowid "
            "WHERE articles_fts MATCH ? "
            "ORDER BY rank, articles.published DESC, articles.id LIMIT ? OFFSET ?"
        )
        cursor = self.db.execute(sql, [mark[0], mark[1], fts_query, limit, offset])
        hits = []
        for row in cursor:
            data = _as_dict(cursor, row)
            rank = data.pop("rank")
            snippet = data.pop("snippet")
            article = row_to_article(data)
            article["score"] = round(-rank, 6)
            article["snippet"] = snippet
            hits.append(article)
        return hits


def article_to_row(article: dict[str, Any]) -> dict[str, Any]:
    row = {key: article.get(key) for key in ARTICLE_COLUMNS if key != "fingerprint"}
    for key in JSON_COLUMNS:
        row[key] = json.dumps(article.get(key), ensure_ascii=False)
    row["fingerprint"] = fingerprint(article)
    return row


def row_to_article(row: dict[str, Any]) -> dict[str, Any]:
    article = {key: row.get(key) for key in ARTICLE_COLUMNS if key != "fingerprint"}
    for key in JSON_COLUMNS:
        article[key] = json.loads(row[key]) if row.get(key) else None
    article["authors"] = article["authors"] or []
    article["captions"] = article["captions"] or []
    article["removed"] = article["removed"] or []
    return article


def fingerprint(article: dict[str, Any]) -> str:
    """What decides 'unchanged' on re-ingest: every field but where it was read from."""
    content = {k: v for k, v in article.items() if k != "source"}
    data = json.dumps(content, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:24]


def _as_dict(cursor: sqlite3.Cursor, row: tuple) -> dict[str, Any]:
    return {description[0]: value for description, value in zip(cursor.description, row,
                                                                   strict=True)}
