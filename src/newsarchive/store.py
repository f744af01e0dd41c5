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
from datetime import UTC, datetime
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
    "sources": str,
    "word_count": int,
    "fingerprint": str,
}
JSON_COLUMNS = ("authors", "captions", "removed", "archive", "source", "sources")
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


def _migration_2_ingest_bookkeeping(db: sqlite_utils.Database) -> None:
    """Incremental ingest (`files`), failures (`errors`), dedupe keys, `sources` lists."""
    if "sources" not in db["articles"].columns_dict:
        db.execute("ALTER TABLE articles ADD COLUMN sources TEXT")
    db.execute("""CREATE TABLE IF NOT EXISTS files (
        path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
        content_hash TEXT, status TEXT NOT NULL, articles INTEGER NOT NULL DEFAULT 0,
        ingested_at TEXT NOT NULL)""")
    db.execute("""CREATE TABLE IF NOT EXISTS errors (
        path TEXT PRIMARY KEY, reason TEXT NOT NULL, failed_at TEXT NOT NULL)""")
    db.execute("""CREATE TABLE IF NOT EXISTS dedupe_body (
        article_id TEXT PRIMARY KEY, body_hash TEXT NOT NULL) WITHOUT ROWID""")
    db.execute("CREATE INDEX IF NOT EXISTS dedupe_body_hash ON dedupe_body (body_hash)")
    db.execute("""CREATE TABLE IF NOT EXISTS dedupe_sketch (
        value INTEGER NOT NULL, article_id TEXT NOT NULL,
        PRIMARY KEY (value, article_id)) WITHOUT ROWID""")


# Schema steps in order; step N brings a database to schema_version N. Append, never edit.
MIGRATIONS = [_migration_1_articles, _migration_2_ingest_bookkeeping]
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
        self._savepoints = 0
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
        if conn.in_transaction:
            # Nested (a file inside an ingest batch): a savepoint, so the inner part can
            # be undone alone and the outer transaction still commits whole or not at all.
            self._savepoints += 1
            name = f"sp{self._savepoints}"
            conn.execute(f"SAVEPOINT {name}")
            try:
                yield conn
            except BaseException:
                conn.execute(f"ROLLBACK TO {name}")
                conn.execute(f"RELEASE {name}")
                raise
            conn.execute(f"RELEASE {name}")
            return
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


    # -- ingest bookkeeping: files seen, failures, dedupe keys -----------------------------

    def file_record(self, path: str) -> dict[str, Any] | None:
        cursor = self.db.execute("SELECT * FROM files WHERE path = ?", [path])
        row = cursor.fetchone()
        return _as_dict(cursor, row) if row else None

    def record_file(self, path: str, size: int, mtime_ns: int, content_hash: str | None,
                    status: str, articles: int = 0) -> None:
        """What the last ingest made of a file (status `ok`, `skipped` or `failed`)."""
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO files (path, size, mtime_ns, content_hash, status, articles, "
                "ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(path) DO UPDATE SET "
                "size = excluded.size, mtime_ns = excluded.mtime_ns, "
                "content_hash = excluded.content_hash, status = excluded.status, "
                "articles = excluded.articles, ingested_at = excluded.ingested_at",
                [path, size, mtime_ns, content_hash, status, articles, _now()],
            )
            if status == "failed":
                return
            conn.execute("DELETE FROM errors WHERE path = ?", [path])

    def record_error(self, path: str, reason: str) -> None:
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO errors (path, reason, failed_at) VALUES (?, ?, ?) "
                "ON CONFLICT(path) DO UPDATE SET reason = excluded.reason, "
                "failed_at = excluded.failed_at",
                [path, reason, _now()],
            )

    def list_errors(self) -> list[dict[str, Any]]:
        cursor = self.db.execute("SELECT path, reason, failed_at FROM errors ORDER BY path")
        return [_as_dict(cursor, row) for row in cursor]

    def article_sources(self, article_id: str) -> list[dict[str, Any]] | None:
        """The `sources` list of a stored article; None when there is no such article."""
        row = self.db.execute("SELECT source, sources FROM articles WHERE id = ?",
                              [article_id]).fetchone()
        if row is None:
            return None
        if row[1]:
            return json.loads(row[1])
        return [json.loads(row[0])] if row[0] else []

    def set_sources(self, article_id: str, sources: list[dict[str, Any]]) -> None:
        with self.transaction() as conn:
            conn.execute("UPDATE articles SET sources = ? WHERE id = ?",
                         [json.dumps(sources, ensure_ascii=False), article_id])

    def article_body(self, article_id: str) -> str | None:
        row = self.db.execute("SELECT body FROM articles WHERE id = ?", [article_id]).fetchone()
        return row[0] if row else None

    def find_by_body_hash(self, body_hash: str) -> str | None:
        row = self.db.execute("SELECT article_id FROM dedupe_body WHERE body_hash = ? LIMIT 1",
                              [body_hash]).fetchone()
        return row[0] if row else None

    def sketch_candidates(self, sketch: list[int], min_shared: int) -> list[str]:
        """Articles whose sketch shares at least `min_shared` values, most shared first."""
        if not sketch:
            return []
        marks = ", ".join("?" for _ in sketch)
        cursor = self.db.execute(
            f"SELECT article_id FROM dedupe_sketch WHERE value IN ({marks}) "
            "GROUP BY article_id HAVING count(*) >= ? ORDER BY count(*) DESC LIMIT 5",
            [*sketch, min_shared],
        )
        return [row[0] for row in cursor]

    def index_dedupe_keys(self, article_id: str, body_hash: str | None, sketch: list[int],
                          old_sketch: Iterable[int] = ()) -> None:
        """Store one article's dedupe keys, replacing `old_sketch` (its body before an
        update in place; passed in so that the sketch table needs no second index)."""
        with self.transaction() as conn:
            conn.execute("DELETE FROM dedupe_body WHERE article_id = ?", [article_id])
            conn.executemany("DELETE FROM dedupe_sketch WHERE value = ? AND article_id = ?",
                             [(value, article_id) for value in old_sketch])
            if body_hash:
                conn.execute("INSERT INTO dedupe_body (article_id, body_hash) VALUES (?, ?)",
                             [article_id, body_hash])
            conn.executemany(
                "INSERT OR IGNORE INTO dedupe_sketch (value, article_id) VALUES (?, ?)",
                [(value, article_id) for value in sketch],
            )

    def integrity_problems(self) -> list[str]:
        """`PRAGMA integrity_check` and the FTS index's own check: [] when all is well."""
        problems = [row[0] for row in self.db.execute("PRAGMA integrity_check")
                    if row[0] != "ok"]
        try:
            self.db.execute("INSERT INTO articles_fts(articles_fts) VALUES('integrity-check')")
        except sqlite3.DatabaseError as exc:
            problems.append(f"full-text index: {exc}")
        return problems


def article_to_row(article: dict[str, Any]) -> dict[str, Any]:
    row = {key: article.get(key) for key in ARTICLE_COLUMNS if key != "fingerprint"}
    for key in JSON_COLUMNS:
        row[key] = json.dumps(article.get(key), ensure_ascii=False)
    if article.get("sources") is None:
        row["sources"] = json.dumps([article.get("source")], ensure_ascii=False)
    row["fingerprint"] = fingerprint(article)
    return row


def row_to_article(row: dict[str, Any]) -> dict[str, Any]:
    article = {key: row.get(key) for key in ARTICLE_COLUMNS if key != "fingerprint"}
    for key in JSON_COLUMNS:
        article[key] = json.loads(row[key]) if row.get(key) else None
    article["authors"] = article["authors"] or []
    article["captions"] = article["captions"] or []
    article["removed"] = article["removed"] or []
    # Rows stored before `sources` existed have only their one `source`.
    article["sources"] = article["sources"] or ([article["source"]] if article["source"] else [])
    return article


def fingerprint(article: dict[str, Any]) -> str:
    """What decides 'unchanged' on re-ingest: every field but where it was read from."""
    content = {k: v for k, v in article.items() if k not in ("source", "sources")}
    data = json.dumps(content, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:24]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _as_dict(cursor: sqlite3.Cursor, row: tuple) -> dict[str, Any]:
    return {description[0]: value for description, value in zip(cursor.description, row,
                                                                   strict=True)}
